// The radio model's links (radio.h): log-distance path loss with wall and floor losses, signal
// from transmit power and antenna gains, noise floor, SNR, PHY rate per direction, and the
// station's and extenders' links. Indoor constants after ITU-R P.1238 (residential): exponent
// about 2.8 at 2.4 GHz and 3.0 at 5 GHz; walls 4-5 dB at 2.4 GHz, 7-8 dB at 5/6 GHz.
#include <algorithm>
#include <cmath>

#include "sim/world/radio_internal.h"

namespace hearth::sim {
namespace {

using radio_detail::RawLink;

struct BandPhysics {
  float loss_at_1m_db;  // free space at 1 m: 20 log10(4 pi f / c)
  float exponent;
  float wall_db;
  float floor_db;
  float ap_gain_dbi;
};
constexpr BandPhysics kPhysics[3] = {
    {40.0f, 2.8f, 4.5f, 12.0f, 4.0f},  // 2.4 GHz
    {46.4f, 3.0f, 7.0f, 16.0f, 5.0f},  // 5 GHz
    {47.9f, 3.0f, 8.0f, 18.0f, 5.0f},  // 6 GHz
};
constexpr float kFloorHeightM = 3.0f;
constexpr float kWallEveryM = 4.5f;     // a home has an inner wall every few metres
constexpr int kMaxImpliedWalls = 5;
constexpr float kBackhaulGoodDbm = -30;

const BandPhysics& physics(Band band) { return kPhysics[static_cast<int>(band)]; }

struct Geometry {
  float distance_m;
  float implied_walls;  // on average, a wall every few metres (continuous: no jumps as things move)
  int extra_walls;
  int floors;
};

Geometry geometry(float ax, float ay, int af, float bx, float by, int bf, int extra_walls) {
  const float horizontal = std::hypot(ax - bx, ay - by);
  const int floors = std::abs(af - bf);
  const float vertical = static_cast<float>(floors) * kFloorHeightM;
  const float implied = std::min(static_cast<float>(kMaxImpliedWalls), horizontal / kWallEveryM);
  return {std::hypot(horizontal, vertical), implied, extra_walls, floors};
}

float loss_db(Band band, const Geometry& g) {
  return path_loss_db(band, g.distance_m, g.extra_walls, g.floors) + g.implied_walls * physics(band).wall_db;
}

float station_tx_dbm(StationKind kind) {
  switch (kind) {
    case StationKind::kPhone: return 15;
    case StationKind::kTablet: return 15;
    case StationKind::kLaptop: return 17;
    case StationKind::kTv: return 17;
    case StationKind::kConsole: return 17;
    case StationKind::kIot: return 13;
  }
  return 15;
}

float station_gain_dbi(StationKind kind) {
  switch (kind) {
    case StationKind::kPhone: return -1;
    case StationKind::kTablet: return 0;
    case StationKind::kLaptop: return 1;
    case StationKind::kTv: return 2;
    case StationKind::kConsole: return 2;
    case StationKind::kIot: return -2;
  }
  return 0;
}

uint8_t ap_streams(Band band) { return band == Band::k2g ? 2 : 4; }

LinkMetrics excellent_wired() {
  LinkMetrics m;
  m.signal_dbm = kBackhaulGoodDbm;
  m.noise_dbm = -100;
  m.snr_db = 70;
  m.phy_down_kbps = m.phy_up_kbps = m.max_phy_kbps = 1'000'000;
  return m;
}

}  // namespace

namespace radio_detail {

float noise_dbm(const Home& home, Band band) {
  if (band == Band::k2g) {
    // A non-Wi-Fi interferer raises the floor as well as taking airtime.
    const float rise = 10.0f * std::log10(1.0f + 8.0f * std::clamp(home.cond.extra_interference, 0.0f, 1.0f));
    return home.env.noise_floor_2g_dbm + rise;
  }
  return home.env.noise_floor_5g_dbm - (band == Band::k6g ? 1.0f : 0.0f);
}

uint8_t node_width(const Node& node, Band band) {
  return band == Band::k2g ? node.width_2g_mhz : node.width_5g_mhz;
}

bool radio_enabled(const Home& home, Band band) {
  return band == Band::k2g ? home.wifi.radio_enabled_2g : home.wifi.radio_enabled_5g;
}

float retransmission_ratio(float snr_db, float utilisation, float interference) {
  const float from_snr = 0.02f + 0.5f / (1.0f + std::exp((snr_db - 8.0f) / 4.0f));
  const float from_load = 0.3f * utilisation * utilisation;
  return std::clamp(from_snr + from_load + 0.35f * interference, 0.0f, 0.9f);
}

float uplink_signal_dbm(const Home& home, const Station& station, uint8_t node_index, Band band) {
  if (node_index >= home.nodes.size()) return -200;
  const Node& node = home.nodes[node_index];
  const Geometry g = geometry(station.x_m, station.y_m, station.floor, node.x_m, node.y_m, node.floor,
                              station.extra_walls + node.extra_walls);
  return station_tx_dbm(station.kind) + station_gain_dbi(station.kind) + physics(band).ap_gain_dbi - loss_db(band, g);
}

RawLink raw_link(const Home& home, const Station& station, uint8_t node_index, Band band) {
  RawLink r;
  if (node_index >= home.nodes.size()) {
    r.up_signal_dbm = r.down_signal_dbm = -200;
    r.noise_dbm = noise_dbm(home, band);
    return r;
  }
  const Node& node = home.nodes[node_index];
  const BandPhysics& p = physics(band);
  const Geometry g = geometry(station.x_m, station.y_m, station.floor, node.x_m, node.y_m, node.floor,
                              station.extra_walls + node.extra_walls);
  const float loss = loss_db(band, g);
  r.up_signal_dbm = station_tx_dbm(station.kind) + station_gain_dbi(station.kind) + p.ap_gain_dbi - loss;
  r.down_signal_dbm = static_cast<float>(node.tx_power_dbm) + p.ap_gain_dbi + station_gain_dbi(station.kind) - loss;
  r.noise_dbm = noise_dbm(home, band);
  const uint8_t width = station_width_mhz(station.wifi_generation, band, node_width(node, band));
  const uint8_t streams = std::min(station.spatial_streams, ap_streams(band));
  r.phy_down_kbps = phy_rate_kbps(r.down_signal_dbm - r.noise_dbm, station.wifi_generation, band, width, streams);
  r.phy_up_kbps = phy_rate_kbps(r.up_signal_dbm - r.noise_dbm, station.wifi_generation, band, width, streams);
  r.max_phy_kbps = phy_rate_kbps(100, station.wifi_generation, band, width, streams);
  return r;
}

}  // namespace radio_detail

float path_loss_db(Band band, float distance_m, int walls, int floors) {
  const BandPhysics& p = physics(band);
  const float d = std::max(distance_m, 0.5f);
  return p.loss_at_1m_db + 10.0f * p.exponent * std::log10(d) + static_cast<float>(std::max(walls, 0)) * p.wall_db +
         static_cast<float>(std::max(floors, 0)) * p.floor_db;
}

LinkMetrics station_link_on(const Home& home, const Station& station, uint8_t node, Band band) {
  const RawLink raw = radio_detail::raw_link(home, station, node, band);
  LinkMetrics m;
  m.signal_dbm = raw.up_signal_dbm;
  m.noise_dbm = raw.noise_dbm;
  m.snr_db = raw.up_signal_dbm - raw.noise_dbm;
  m.phy_down_kbps = raw.phy_down_kbps;
  m.phy_up_kbps = raw.phy_up_kbps;
  m.max_phy_kbps = raw.max_phy_kbps;
  float utilisation = 0;
  if (node < home.nodes.size()) utilisation = channel_utilisation(home, node, band).total;
  const float interference = band == Band::k2g ? home.cond.extra_interference : 0.0f;
  m.retransmission_ratio =
      radio_detail::retransmission_ratio(raw.down_signal_dbm - raw.noise_dbm, utilisation, interference);
  return m;
}

LinkMetrics station_link(const Home& home, const Station& station) {
  return station_link_on(home, station, station.node, station.band);
}

LinkMetrics station_link_to(const Home& home, const Station& station, uint8_t node) {
  return station_link_on(home, station, node, station.band);
}

float node_to_node_dbm(const Home& home, uint8_t a, uint8_t b, Band band) {
  if (a >= home.nodes.size() || b >= home.nodes.size()) return -200;
  const Node& na = home.nodes[a];
  const Node& nb = home.nodes[b];
  const Geometry g = geometry(na.x_m, na.y_m, na.floor, nb.x_m, nb.y_m, nb.floor, na.extra_walls + nb.extra_walls);
  return static_cast<float>(nb.tx_power_dbm) + 2.0f * physics(band).ap_gain_dbi - loss_db(band, g);
}

LinkMetrics backhaul_link(const Home& home, uint8_t node) {
  if (node == 0 || node >= home.nodes.size() || home.nodes[node].wired_backhaul) return excellent_wired();
  const Node& n = home.nodes[node];
  const uint8_t parent = n.backhaul_parent < home.nodes.size() && n.backhaul_parent != node ? n.backhaul_parent : 0;
  LinkMetrics m;
  m.signal_dbm = node_to_node_dbm(home, node, parent, Band::k5g);
  m.noise_dbm = radio_detail::noise_dbm(home, Band::k5g);
  m.snr_db = m.signal_dbm - m.noise_dbm;
  if (!home.nodes[parent].online || !n.online) {
    m.signal_dbm = -200;
    m.snr_db = 0;
    return m;
  }
  // Mesh backhaul radios: 802.11ax, two streams, the narrower of both 5 GHz widths.
  const uint8_t width = std::min(n.width_5g_mhz, home.nodes[parent].width_5g_mhz);
  m.phy_down_kbps = m.phy_up_kbps = phy_rate_kbps(m.snr_db, 6, Band::k5g, width, 2);
  m.max_phy_kbps = phy_rate_kbps(100, 6, Band::k5g, width, 2);
  const float utilisation = channel_utilisation(home, parent, Band::k5g).total;
  m.retransmission_ratio = radio_detail::retransmission_ratio(m.snr_db, utilisation, 0);
  return m;
}

Association best_association(const Home& home, const Station& station) {
  Association best2;
  best2.band = Band::k2g;
  Association best5;
  best5.band = Band::k5g;
  for (size_t i = 0; i < home.nodes.size(); ++i) {
    if (!home.nodes[i].online) continue;
    const auto node = static_cast<uint8_t>(i);
    if (home.wifi.radio_enabled_2g) {
      const float s = radio_detail::uplink_signal_dbm(home, station, node, Band::k2g);
      if (s > best2.signal_dbm) best2 = {node, Band::k2g, s};
    }
    if (station.dual_band && home.wifi.radio_enabled_5g) {
      const float s = radio_detail::uplink_signal_dbm(home, station, node, Band::k5g);
      if (s > best5.signal_dbm) best5 = {node, Band::k5g, s};
    }
  }
  // Left to itself a client settles for the stronger 2.4 GHz signal unless 5 GHz is strong; a
  // steering gateway pushes it to 5 GHz whenever that signal is fair.
  if (best5.signal_dbm >= (home.wifi.band_steering ? kBandSteerDbm : kClientPrefers5gDbm)) return best5;
  if (best2.signal_dbm > -200) return best2;
  return best5;
}

}  // namespace hearth::sim
