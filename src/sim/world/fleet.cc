// Fleet generation (fleet.h): regions, access nodes of 32..128 homes (at least three when the
// fleet has 40 homes or more), and the homes, each built from its own seed (home_gen.h) so that
// a home depends only on the fleet seed and its index.
#include "sim/fleet.h"

#include <algorithm>
#include <cstdio>
#include <unordered_set>

#include "sim/world/home_gen.h"
#include "sim/world/mix.h"

namespace hearth::sim {
namespace {

struct AccessKind {
  const char* kind;
  Wan::Access access;
  double density_cdf[4];  // P(density <= i): rural, suburban, town, dense
};
constexpr AccessKind kKinds[] = {
    {"olt-port", Wan::Access::kFiber, {0.05, 0.30, 0.65, 1.0}},
    {"dslam", Wan::Access::kDsl, {0.30, 0.65, 0.90, 1.0}},
    {"cmts-node", Wan::Access::kCable, {0.05, 0.45, 0.85, 1.0}},
};

std::vector<uint32_t> access_node_sizes(uint32_t homes, const FleetOptions& o, Rng& rng) {
  if (homes == 0) return {};
  const uint32_t lo = std::max<uint32_t>(1, std::min(o.min_homes_per_access_node, o.max_homes_per_access_node));
  const uint32_t hi = std::max(lo, o.max_homes_per_access_node);
  const uint32_t average = (lo + hi) / 2;
  uint32_t count = (homes + average - 1) / average;
  count = std::max(count, homes >= 40 ? 3u : 1u);
  std::vector<double> weights(count);
  double sum = 0;
  for (double& w : weights) sum += (w = 0.75 + 0.5 * rng.uniform());
  std::vector<uint32_t> sizes(count);
  uint32_t given = 0;
  for (uint32_t i = 0; i < count; ++i) {
    sizes[i] = std::max<uint32_t>(1, static_cast<uint32_t>(homes * weights[i] / sum));
    given += sizes[i];
  }
  // Hand out (or take back) the rounding difference one home at a time.
  for (uint32_t i = 0; given < homes; i = (i + 1) % count, ++given) ++sizes[i];
  for (uint32_t i = 0; given > homes; i = (i + 1) % count) {
    if (sizes[i] > 1) {
      --sizes[i];
      --given;
    }
  }
  return sizes;
}

size_t string_heap(const std::string& s) { return s.capacity() > 15 ? s.capacity() + 1 : 0; }

void make_emails_unique(Fleet& fleet) {
  std::unordered_set<std::string> seen;
  seen.reserve(fleet.homes.size() * 2);
  for (Home& home : fleet.homes) {
    std::string& email = home.subscriber.email;
    if (seen.insert(email).second) continue;
    const size_t at = email.find('@');
    for (int n = 2;; ++n) {
      std::string candidate = email.substr(0, at) + std::to_string(n) + email.substr(at);
      if (seen.insert(candidate).second) {
        email = std::move(candidate);
        break;
      }
    }
  }
}

}  // namespace

Fleet generate_fleet(const FleetOptions& options) {
  Fleet fleet;
  fleet.seed = options.seed;
  Rng rng(mix64(options.seed, 0x5ca1ab1e));
  const std::vector<uint32_t> sizes = access_node_sizes(options.homes, options, rng);
  const uint32_t per_region = std::max<uint32_t>(1, options.access_nodes_per_region);
  const auto towns = names::towns();

  const auto region_count = static_cast<uint32_t>((sizes.size() + per_region - 1) / per_region);
  for (uint32_t r = 0; r < region_count; ++r) {
    Region region;
    region.id = "region-" + std::to_string(r + 1);
    region.name = towns[r % towns.size()].name;
    if (r >= towns.size()) region.name += " " + std::to_string(r / towns.size() + 1);
    fleet.regions.push_back(std::move(region));
  }

  fleet.homes.reserve(options.homes);
  fleet.access_nodes.reserve(sizes.size());
  uint32_t next_home = 0;
  for (uint32_t a = 0; a < sizes.size(); ++a) {
    const uint32_t region = a / per_region;
    const uint32_t number = a % per_region + 1;
    const names::Town& town = towns[region % towns.size()];
    const double u = rng.uniform();
    const AccessKind& kind = kKinds[u < 0.6 ? 0 : u < 0.85 ? 1 : 2];
    const double d = rng.uniform();
    uint8_t density = 0;
    while (density < 3 && d >= kind.density_cdf[density]) ++density;

    AccessNode an;
    char id[16];
    std::snprintf(id, sizeof id, "an-%02u", a + 1);
    an.id = id;
    an.kind = kind.kind;
    an.region = region;
    const std::string place = fleet.regions[region].name;
    if (kind.access == Wan::Access::kFiber) an.name = "OLT " + place + " 1/" + std::to_string(number);
    else if (kind.access == Wan::Access::kDsl) an.name = "DSLAM " + place + " " + std::to_string(number);
    else an.name = "CMTS " + place + " node " + std::to_string(number);

    for (uint32_t k = 0; k < sizes[a]; ++k, ++next_home) {
      gen::HomeContext ctx;
      ctx.index = next_home;
      ctx.fleet_seed = options.seed;
      // A few homes differ from their block (a detached house among flats, a farm by a town).
      ctx.density = density;
      if (rng.chance(0.1)) ctx.density = static_cast<uint8_t>(std::clamp(density + (rng.chance(0.5) ? 1 : -1), 0, 3));
      ctx.access = kind.access;
      ctx.town = &town;
      ctx.model_count = options.model_count;
      ctx.model_ouis = options.model_ouis.empty() ? nullptr : &options.model_ouis;
      Home home = gen::build_home(ctx);
      home.access_node = a;
      an.homes.push_back(next_home);
      fleet.homes.push_back(std::move(home));
    }
    fleet.access_nodes.push_back(std::move(an));
  }
  make_emails_unique(fleet);
  return fleet;
}

size_t home_memory_bytes(const Home& h) {
  size_t bytes = sizeof(Home);
  bytes += string_heap(h.id);
  const Subscriber& s = h.subscriber;
  for (const std::string* str : {&s.account, &s.name, &s.email, &s.street, &s.postal_code, &s.city, &s.password}) {
    bytes += string_heap(*str);
  }
  bytes += h.nodes.capacity() * sizeof(Node);
  for (const Node& n : h.nodes) bytes += string_heap(n.serial);
  bytes += h.stations.capacity() * sizeof(Station);
  for (const Station& st : h.stations) bytes += string_heap(st.hostname);
  bytes += string_heap(h.wifi.ssid) + string_heap(h.wifi.passphrase) + string_heap(h.wifi.guest_ssid);
  bytes += h.env.neighbours.capacity() * sizeof(Neighbour);
  for (const Neighbour& n : h.env.neighbours) bytes += string_heap(n.ssid);
  return bytes;
}

}  // namespace hearth::sim
