// The radio surroundings of a generated home (home_gen.h): noise floors and neighbouring
// networks by density (dense city block: 20-40 BSSs on 2.4 GHz, most on 1/6/11 and some off the
// grid; rural: 0-3), and the channels the home's radios pick at start-up (most pick the least
// busy one, as auto-channel does at boot; in the country some sit on a factory default).
#include <algorithm>
#include <cmath>

#include "sim/radio.h"
#include "sim/world/home_gen.h"
#include "sim/world/radio_internal.h"

namespace hearth::sim::gen {
namespace {

struct Profile {
  int n2_lo, n2_hi, n5_lo, n5_hi;
  float noise2, noise5;  // typical floor, dBm
  float rssi_mean, rssi_sd;
};
constexpr Profile kProfiles[4] = {
    {0, 3, 0, 1, -96.0f, -101.0f, -87.0f, 4.0f},   // rural
    {2, 9, 0, 5, -94.5f, -100.0f, -85.0f, 5.0f},   // suburban
    {8, 20, 3, 12, -93.0f, -98.5f, -82.0f, 6.0f},  // town
    {20, 40, 8, 25, -91.0f, -97.0f, -80.0f, 7.0f},  // dense city block
};

constexpr uint8_t kOffGrid2g[] = {2, 3, 4, 5, 7, 8, 9, 10, 13};
constexpr uint8_t kChannels5g[] = {36, 40, 44, 48, 52, 56, 60, 64, 100, 104, 108, 112, 116, 120, 124, 128,
                                   132, 136, 140, 149, 153, 157, 161};
constexpr uint8_t kBlocks5g[] = {36, 52, 100, 116, 132, 149};
constexpr uint8_t kGrid2g[] = {1, 6, 11};

std::string neighbour_ssid(Rng& rng) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string ssid = pick(rng, names::neighbour_ssid_patterns());
  for (char& c : ssid) {
    if (c == '#') c = kHex[rng.below(16)];
    else if (c == '9') c = static_cast<char>('0' + rng.below(10));
  }
  return ssid;
}

Neighbour make_neighbour(Rng& rng, Band band, const Profile& p) {
  Neighbour n;
  for (uint8_t& byte : n.bssid.b) byte = static_cast<uint8_t>(rng.below(256));
  n.bssid.b[0] &= 0xFC;  // universal unicast
  n.ssid = neighbour_ssid(rng);
  n.band = band;
  if (band == Band::k2g) {
    const double u = rng.uniform();
    n.channel = u < 0.28 ? 1 : u < 0.6 ? 6 : u < 0.82 ? 11 : kOffGrid2g[rng.below(std::size(kOffGrid2g))];
    n.width_mhz = rng.chance(0.1) ? 40 : 20;
  } else {
    n.channel = kChannels5g[rng.below(std::size(kChannels5g))];
    n.width_mhz = rng.chance(0.7) ? 80 : rng.chance(0.5) ? 40 : 20;
  }
  const double mean = p.rssi_mean - (band == Band::k2g ? 0.0 : 4.0);
  n.rssi_dbm = static_cast<int8_t>(std::clamp(std::lround(rng.normal(mean, p.rssi_sd)), -94L, -45L));
  // Most neighbours idle along (beacons, a little traffic); some are busy.
  n.airtime = rng.chance(0.07) ? static_cast<float>(0.03 + 0.05 * rng.uniform())
                               : static_cast<float>(0.003 + 0.015 * rng.uniform());
  return n;
}

float neighbour_load(const Home& home, Band band, uint8_t channel, uint8_t width) {
  float load = 0;
  for (const Neighbour& nb : home.env.neighbours) {
    if (nb.band != band) continue;
    const float overlap = radio_detail::channel_overlap(band, channel, width, nb.channel, nb.width_mhz);
    load += overlap * radio_detail::contention_weight(nb.rssi_dbm) * nb.airtime;
  }
  return load;
}

}  // namespace

void generate_environment(Home& home, Rng& rng) {
  const Profile& p = kProfiles[std::min<uint8_t>(home.env.density, 3)];
  Environment& env = home.env;
  env.noise_floor_2g_dbm = std::round((p.noise2 + static_cast<float>(rng.normal(0, 1.0))) * 10.0f) / 10.0f;
  env.noise_floor_5g_dbm = std::round((p.noise5 + static_cast<float>(rng.normal(0, 1.0))) * 10.0f) / 10.0f;
  const auto n2 = static_cast<int>(rng.range(p.n2_lo, p.n2_hi));
  const auto n5 = static_cast<int>(rng.range(p.n5_lo, p.n5_hi));
  env.neighbours.reserve(static_cast<size_t>(n2 + n5));
  for (int i = 0; i < n2; ++i) env.neighbours.push_back(make_neighbour(rng, Band::k2g, p));
  for (int i = 0; i < n5; ++i) env.neighbours.push_back(make_neighbour(rng, Band::k5g, p));
}

void choose_channels(Home& home, Rng& rng) {
  const uint8_t width2 = rng.chance(0.1) ? 40 : 20;
  uint8_t ch2 = kGrid2g[rng.below(3)];
  // In towns and cities a gateway left on a busy default channel would not count as healthy.
  if (rng.chance(0.75) || home.env.density >= 2) {
    float best = 1e9f;
    for (uint8_t c : kGrid2g) {
      const float load = neighbour_load(home, Band::k2g, c, width2);
      if (load < best) {
        best = load;
        ch2 = c;
      }
    }
  }
  const uint8_t width5 = home.nodes.empty() ? 80 : home.nodes[0].width_5g_mhz;
  uint8_t block = kBlocks5g[rng.below(std::size(kBlocks5g))];
  if (rng.chance(0.85)) {
    float best = 1e9f;
    for (uint8_t b : kBlocks5g) {
      const float load = neighbour_load(home, Band::k5g, b, width5);
      if (load < best) {
        best = load;
        block = b;
      }
    }
  }
  const auto ch5 = static_cast<uint8_t>(block + 4 * rng.below(width5 >= 80 ? 4 : width5 >= 40 ? 2 : 1));
  for (Node& n : home.nodes) {
    n.channel_2g = ch2;
    n.width_2g_mhz = width2;
    n.channel_5g = ch5;  // mesh nodes share the 5 GHz channel their wireless backhaul runs on
    n.width_5g_mhz = width5;
  }
}

}  // namespace hearth::sim::gen
