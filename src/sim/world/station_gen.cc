// The stations of a generated home (home_gen.h): a phone per person, laptops and tablets for
// some, TVs, consoles and IoT devices, with realistic Wi-Fi generations, spatial streams and
// bands (IoT mostly 2.4 GHz only), hostnames from the household's names, and places in the home
// where the home's nodes reach them well (a healthy home looks healthy).
#include <algorithm>

#include "sim/dynamics.h"
#include "sim/radio.h"
#include "sim/world/home_gen.h"

namespace hearth::sim::gen {
namespace {

constexpr size_t kMaxStations = 40;
constexpr float kHealthyDbm = -70;

std::string hostname(Rng& rng, StationKind kind, const std::string& owner) {
  static constexpr char kCode[] = "ABCDEFGHJKLMNPQRSTUVWXYZ0123456789";
  const std::string pattern = pick(rng, names::hostname_patterns(static_cast<int>(kind)));
  std::string out;
  for (size_t i = 0; i < pattern.size(); ++i) {
    if (pattern.compare(i, 2, "{}") == 0) {
      out += owner;
      ++i;
    } else if (pattern[i] == '#') {
      out += kCode[rng.below(sizeof kCode - 1)];
    } else {
      out += pattern[i];
    }
  }
  return out;
}

void capabilities(Station& s, Rng& rng) {
  const double u = rng.uniform();
  switch (s.kind) {
    case StationKind::kPhone:
    case StationKind::kLaptop:
      s.wifi_generation = u < 0.5 ? 6 : u < 0.95 ? 5 : 4;
      s.spatial_streams = 2;
      s.dual_band = s.wifi_generation > 4 || rng.chance(0.6);
      break;
    case StationKind::kTablet:
      s.wifi_generation = u < 0.4 ? 6 : 5;
      s.spatial_streams = rng.chance(0.2) ? 1 : 2;
      s.dual_band = true;
      break;
    case StationKind::kTv:
      s.wifi_generation = u < 0.15 ? 6 : u < 0.75 ? 5 : 4;
      s.spatial_streams = s.wifi_generation == 4 ? 1 : 2;
      s.dual_band = s.wifi_generation > 4 || rng.chance(0.5);
      break;
    case StationKind::kConsole:
      s.wifi_generation = u < 0.5 ? 6 : 5;
      s.spatial_streams = 2;
      s.dual_band = true;
      break;
    case StationKind::kIot:
      s.wifi_generation = u < 0.1 ? 6 : 4;
      s.spatial_streams = 1;
      s.dual_band = rng.chance(0.1);
      break;
  }
}

float typical_demand(StationKind kind) {
  switch (kind) {
    case StationKind::kPhone: return 0.5f;
    case StationKind::kLaptop: return 2.0f;
    case StationKind::kTablet: return 1.0f;
    case StationKind::kTv: return 4.0f;
    case StationKind::kConsole: return 1.0f;
    case StationKind::kIot: return 0.05f;
  }
  return 1.0f;
}

void place(Home& home, Station& s, Rng& rng) {
  for (int attempt = 0; attempt < 5; ++attempt) {
    s.anchor_x_m = std::clamp(static_cast<float>(rng.uniform()) * home.size_x_m, 0.3f, home.size_x_m - 0.3f);
    s.anchor_y_m = std::clamp(static_cast<float>(rng.uniform()) * home.size_y_m, 0.3f, home.size_y_m - 0.3f);
    const bool ground = s.kind == StationKind::kTv && rng.chance(0.7);
    s.floor = ground ? 0 : static_cast<uint8_t>(rng.below(home.floors));
    s.x_m = s.anchor_x_m;
    s.y_m = s.anchor_y_m;
    if (best_association(home, s).signal_dbm >= kHealthyDbm) return;
  }
}

std::vector<StationKind> composition(const Home& home, Rng& rng, size_t people) {
  std::vector<StationKind> kinds;
  for (size_t p = 0; p < people; ++p) {
    kinds.push_back(StationKind::kPhone);
    if (rng.chance(0.6)) kinds.push_back(StationKind::kLaptop);
    if (rng.chance(0.35)) kinds.push_back(StationKind::kTablet);
  }
  const int tvs = 1 + (rng.chance(0.4) ? 1 : 0) + (rng.chance(0.15) ? 1 : 0);
  for (int i = 0; i < tvs; ++i) kinds.push_back(StationKind::kTv);
  const int consoles = (rng.chance(0.3) ? 1 : 0) + (rng.chance(0.08) ? 1 : 0);
  for (int i = 0; i < consoles; ++i) kinds.push_back(StationKind::kConsole);
  int iot = static_cast<int>(rng.below(4));
  if (rng.chance(home.env.density >= 3 ? 0.2 : 0.35)) iot += static_cast<int>(rng.range(2, 8));
  if (rng.chance(0.03)) iot += static_cast<int>(rng.range(15, 28));  // the smart-home enthusiast
  for (int i = 0; i < iot; ++i) kinds.push_back(StationKind::kIot);
  if (kinds.size() > kMaxStations) kinds.resize(kMaxStations);
  while (kinds.size() < 2) kinds.push_back(StationKind::kLaptop);
  return kinds;
}

}  // namespace

void generate_stations(Home& home, Rng& rng, const std::vector<std::string>& household) {
  const std::vector<StationKind> kinds = composition(home, rng, household.size());
  home.stations.reserve(kinds.size());
  size_t phones = 0;
  size_t owner_index = 0;  // a laptop or tablet belongs to the person whose phone came before it
  for (size_t i = 0; i < kinds.size(); ++i) {
    Station s;
    s.kind = kinds[i];
    s.mac = station_mac(station_oui(s.kind, rng.next()), home.index, static_cast<uint32_t>(i));
    capabilities(s, rng);
    if (s.kind == StationKind::kPhone) owner_index = phones++;
    const std::string owner =
        household.empty() ? std::string("Home") : names::ascii_fold(household[owner_index % household.size()]);
    s.hostname = hostname(rng, s.kind, owner);
    int copies = 1;
    for (const Station& other : home.stations) {
      if (other.hostname.compare(0, s.hostname.size(), s.hostname) == 0) ++copies;
    }
    if (copies > 1) s.hostname += "-" + std::to_string(copies);  // "Smart-Plug-2"
    s.demand_mbps = typical_demand(s.kind);
    place(home, s, rng);
    home.stations.push_back(std::move(s));
    associate_best(home, home.stations.back(), 0);
  }
}

}  // namespace hearth::sim::gen
