// Channel utilisation (radio.h): the airtime a radio's channel is busy, from this home's own
// traffic (stations on every node of the home whose channel overlaps, beacons, wireless
// backhaul), the neighbouring networks on overlapping channels weighted by their airtime and by
// how strongly they are heard, and non-Wi-Fi interference on 2.4 GHz.
#include <algorithm>
#include <cmath>

#include "sim/world/radio_internal.h"

namespace hearth::sim {
namespace radio_detail {
namespace {

constexpr float kBeaconAirtime2g = 0.02f;  // beacons at 1 Mbit/s every 102.4 ms, per SSID
constexpr float kBeaconAirtime5g = 0.005f;

struct Span {
  float lo, hi;
};

float intersect(Span a, Span b) { return std::max(0.0f, std::min(a.hi, b.hi) - std::max(a.lo, b.lo)); }

// 2.4 GHz: MHz around the centre, a 22 MHz mask per 20 MHz; HT40 puts the secondary channel
// above the primary up to channel 7 and below it from channel 8.
Span span_2g(uint8_t channel, uint8_t width) {
  float centre = channel == 14 ? 2484.0f : 2407.0f + 5.0f * static_cast<float>(channel);
  const float w = width >= 40 ? 40.0f : 20.0f;
  if (w == 40.0f) centre += channel <= 7 ? 10.0f : -10.0f;
  return {centre - (w + 2.0f) / 2.0f, centre + (w + 2.0f) / 2.0f};
}

// 5/6 GHz in channel-number units (5 MHz): the aligned block of the width that holds the channel.
Span block(Band band, uint8_t channel, uint8_t width) {
  const int size = std::max(4, (width >= 160 ? 160 : width >= 80 ? 80 : width >= 40 ? 40 : 20) / 5);
  int base = 1;
  if (band == Band::k5g) base = channel >= 149 ? 149 : 36;
  const int start = channel >= base ? base + (channel - base) / size * size : channel;
  return {static_cast<float>(start - 2), static_cast<float>(start - 2 + size)};
}

Span primary(uint8_t channel) { return {static_cast<float>(channel) - 2.0f, static_cast<float>(channel) + 2.0f}; }

uint32_t backhaul_phy_kbps(const Home& home, uint8_t node, uint8_t parent) {
  const float snr = node_to_node_dbm(home, node, parent, Band::k5g) - noise_dbm(home, Band::k5g);
  const uint8_t width = std::min(home.nodes[node].width_5g_mhz, home.nodes[parent].width_5g_mhz);
  return phy_rate_kbps(snr, 6, Band::k5g, width, 2);
}

float extender_traffic(const Home& home, uint8_t node, int depth) {
  float sum = 0;
  for (const Station& s : home.stations) {
    if (s.connected && !s.wrong_password && s.node == node) sum += s.demand_mbps;
  }
  if (depth >= 4) return sum;
  for (size_t i = 1; i < home.nodes.size(); ++i) {
    const Node& child = home.nodes[i];
    if (i != node && child.backhaul_parent == node && !child.wired_backhaul && child.online) {
      sum += extender_traffic(home, static_cast<uint8_t>(i), depth + 1);
    }
  }
  return sum;
}

}  // namespace

float contention_weight(float rssi_dbm) { return std::clamp((rssi_dbm + 95.0f) / 13.0f, 0.0f, 1.0f); }

float channel_overlap(Band band, uint8_t a_channel, uint8_t a_width, uint8_t b_channel, uint8_t b_width) {
  if (band == Band::k2g) {
    const Span a = span_2g(a_channel, a_width);
    return intersect(a, span_2g(b_channel, b_width)) / (a.hi - a.lo);
  }
  const Span a = block(band, a_channel, a_width);
  const Span b = block(band, b_channel, b_width);
  if (intersect(a, b) <= 0) return 0;
  if (a_channel == b_channel || intersect(primary(a_channel), b) > 0) return 1.0f;
  return 0.5f;  // it only occupies our secondary channels: we lose width, not the channel
}

float extender_traffic_mbps(const Home& home, uint8_t node) { return extender_traffic(home, node, 0); }

}  // namespace radio_detail

using namespace radio_detail;

uint8_t node_channel(const Node& node, Band band) { return band == Band::k2g ? node.channel_2g : node.channel_5g; }

int overlapping_neighbours(const Home& home, Band band, uint8_t channel, uint8_t width_mhz) {
  int n = 0;
  for (const Neighbour& nb : home.env.neighbours) {
    if (nb.band == band && channel_overlap(band, channel, width_mhz, nb.channel, nb.width_mhz) > 0) ++n;
  }
  return n;
}

Utilisation channel_utilisation(const Home& home, uint8_t node_index, Band band) {
  Utilisation u;
  if (node_index >= home.nodes.size()) return u;
  const Node& me = home.nodes[node_index];
  const uint8_t channel = node_channel(me, band);
  const uint8_t width = node_width(me, band);

  // How much of each of the home's radios on this band shares our air.
  float weight[8] = {};
  const size_t n_nodes = std::min<size_t>(home.nodes.size(), 8);
  for (size_t j = 0; j < n_nodes; ++j) {
    const Node& other = home.nodes[j];
    if (!other.online || !radio_enabled(home, band)) continue;
    if (j == node_index) {
      weight[j] = 1;
      continue;
    }
    const float overlap = channel_overlap(band, channel, width, node_channel(other, band), node_width(other, band));
    if (overlap > 0) {
      weight[j] = overlap * contention_weight(node_to_node_dbm(home, node_index, static_cast<uint8_t>(j), band));
    }
  }

  const float beacon = (band == Band::k2g ? kBeaconAirtime2g : kBeaconAirtime5g) * (home.wifi.guest_enabled ? 2.0f : 1.0f);
  float own = 0;
  for (size_t j = 0; j < n_nodes; ++j) own += weight[j] * beacon;
  for (const Station& s : home.stations) {
    if (!s.connected || s.wrong_password || s.band != band || s.node >= n_nodes || weight[s.node] <= 0) continue;
    const float phy_mbps = static_cast<float>(raw_link(home, s, s.node, band).phy_down_kbps) / 1000.0f;
    own += weight[s.node] * std::min(1.0f, s.demand_mbps / (phy_mbps * kMacEfficiency));
  }
  if (band == Band::k5g) {
    for (size_t e = 1; e < n_nodes; ++e) {
      const Node& ext = home.nodes[e];
      const uint8_t parent = ext.backhaul_parent < n_nodes && ext.backhaul_parent != e ? ext.backhaul_parent : 0;
      if (ext.wired_backhaul || !ext.online) continue;
      const float w = std::max(weight[e], weight[parent]);
      if (w <= 0) continue;
      const float phy_mbps = static_cast<float>(backhaul_phy_kbps(home, static_cast<uint8_t>(e), parent)) / 1000.0f;
      own += w * std::min(1.0f, extender_traffic_mbps(home, static_cast<uint8_t>(e)) / (phy_mbps * kMacEfficiency));
    }
  }

  float neighbours = 0;
  for (const Neighbour& nb : home.env.neighbours) {
    if (nb.band != band) continue;
    const float overlap = channel_overlap(band, channel, width, nb.channel, nb.width_mhz);
    if (overlap > 0) neighbours += overlap * contention_weight(nb.rssi_dbm) * nb.airtime;
  }

  u.own = std::min(1.0f, own);
  u.neighbours = std::min(1.0f, neighbours);
  u.interference = band == Band::k2g ? std::clamp(home.cond.extra_interference, 0.0f, 1.0f) : 0.0f;
  u.total = std::min(1.0f, u.own + u.neighbours + u.interference);
  return u;
}

}  // namespace hearth::sim
