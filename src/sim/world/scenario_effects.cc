// What each scenario does to a home (scenario_internal.h), so that the symptom shows in the
// radio numbers a correct diagnosis reads (thresholds from wifi-rules.md 3g), and how it is
// undone. Wi-Fi placement scenarios check their result with the radio model and adjust until
// the rule's condition holds; condition-only scenarios just set Home::cond flags.
#include <algorithm>
#include <cmath>

#include "sim/dynamics.h"
#include "sim/fleet.h"
#include "sim/radio.h"
#include "sim/world/home_gen.h"
#include "sim/world/mix.h"
#include "sim/world/radio_internal.h"
#include "sim/world/scenario_internal.h"

namespace hearth::sim::scenario_detail {
namespace {

constexpr float kWeakDbm = -81;           // below the -80 dBm coverage-hole level
// Sticky: the current node hears it below -70 dBm and another one at least 8 dB better; with a
// margin, as the station still moves around a little.
constexpr float kStickyBelowDbm = -73;
constexpr float kStickyBetterDb = 12;
constexpr float kBadBackhaulDbm = -75;    // bad extender: backhaul below -70 dBm
constexpr float kCongestedUtilisation = 0.78f;
constexpr float kInterference = 0.55f;
constexpr gen::Oui kLegacyOui = {0x00, 0x1B, 0x77};

void start_weak_coverage(Home& home, Activation& a, Rng& rng, int64_t at_ms) {
  static constexpr int kRank[6] = {5, 3, 4, 0, 1, 2};  // TVs, consoles, IoT stay put; phones leave
  const std::vector<size_t> order = ranked(home, rng, kRank);
  const size_t want = std::min(order.size(), std::max<size_t>(3, (home.stations.size() * 3 + 9) / 10));
  float cx = 0, cy = 0;
  uint8_t floor = 0;
  far_corner(home, &cx, &cy, &floor);
  for (size_t k = 0; k < want; ++k) {
    Station& s = home.stations[order[k]];
    a.undo.stations.push_back(save(s));
    // Just beyond the far corner (a garden room, the garage), spread a little.
    const float out_x = (cx > 0 ? 1.0f : -1.0f) * static_cast<float>(1.0 + 2.0 * rng.uniform());
    const float out_y = (cy > 0 ? 1.0f : -1.0f) * static_cast<float>(1.0 + 2.0 * rng.uniform());
    put(s, cx + out_x, cy + out_y, floor);
    s.extra_walls = static_cast<uint8_t>(s.extra_walls + 2);
    while (best_association(home, s).signal_dbm > kWeakDbm && s.extra_walls < 16) ++s.extra_walls;
    associate_best(home, s, at_ms);
  }
}

void start_congested(Home& home, Activation& a, Rng& rng) {
  if (home.nodes.empty()) return;
  const uint8_t ch = home.nodes[0].channel_2g;
  const int existing = overlapping_neighbours(home, Band::k2g, ch, home.nodes[0].width_2g_mhz);
  const int add = std::max<int>(32 - existing, 24) + static_cast<int>(rng.below(8));
  const size_t first = home.env.neighbours.size();
  for (int i = 0; i < add; ++i) {
    Neighbour n;
    for (uint8_t& byte : n.bssid.b) byte = static_cast<uint8_t>(rng.below(256));
    n.bssid.b[0] &= 0xFC;
    n.ssid = "Flat-" + std::to_string(rng.range(1, 60)) + (rng.chance(0.5) ? "A" : "B");
    n.band = Band::k2g;
    const int offset = rng.chance(0.8) ? 0 : static_cast<int>(rng.range(-2, 2));
    n.channel = static_cast<uint8_t>(std::clamp(ch + offset, 1, 13));
    n.rssi_dbm = static_cast<int8_t>(rng.range(-72, -50));
    n.airtime = static_cast<float>(0.02 + 0.03 * rng.uniform());
    home.env.neighbours.push_back(n);
    a.undo.added_neighbours.push_back(n.bssid);
  }
  // Busy neighbours: raise their load until the channel is clearly congested.
  for (int i = 0; i < 30 && channel_utilisation(home, 0, Band::k2g).total < kCongestedUtilisation; ++i) {
    for (size_t k = first; k < home.env.neighbours.size(); ++k) home.env.neighbours[k].airtime *= 1.15f;
  }
}

void start_sticky(Home& home, Activation& a, Rng& rng, int64_t at_ms) {
  const int e = pick_extender(home, a);
  // A dual-band device that stays at home and in its room: a console, a TV, a tablet.
  static constexpr int kRank[6] = {4, 3, 2, 1, 0, 5};
  const std::vector<size_t> order = ranked(home, rng, kRank, true);
  if (e < 0 || order.empty()) return;
  Station& s = home.stations[order.front()];
  a.undo.stations.push_back(save(s));
  const Band band = s.dual_band && home.wifi.radio_enabled_5g ? Band::k5g : Band::k2g;
  const auto ext = static_cast<uint8_t>(e);
  // The spot (in the home or just outside it) where the extender hears the station best compared
  // with the gateway, keeping it well heard by the extender; then walls until the gateway hears
  // it clearly below the roaming level.
  float bx = 0, by = 0;
  uint8_t bf = 0;
  auto search = [&] {
    float best_score = -1e9f;
    for (uint8_t f = 0; f < home.floors; ++f) {
      for (float x = -2.0f; x <= home.size_x_m + 2.0f; x += 0.75f) {
        for (float y = -2.0f; y <= home.size_y_m + 2.0f; y += 0.75f) {
          put(s, x, y, f);
          const float g = signal(home, s, 0, band);
          const float x_dbm = signal(home, s, ext, band);
          if (x_dbm < -62) continue;
          const float score = std::min(x_dbm - g - kStickyBetterDb, kStickyBelowDbm - g);
          if (score > best_score) {
            best_score = score;
            bx = x;
            by = y;
            bf = f;
          }
        }
      }
    }
    return best_score;
  };
  if (search() < 0) {
    // An extender right by the gateway cannot hear anyone much better: it was moved to the far
    // room (and is put back at the end), still with a fair backhaul.
    Node& n = home.nodes[ext];
    a.undo.nodes.push_back({n.serial, n.x_m, n.y_m, n.floor, n.extra_walls, n.wired_backhaul});
    const Node& gw = home.nodes[0];
    n.x_m = gw.x_m < home.size_x_m / 2 ? home.size_x_m - 0.5f : 0.5f;
    n.y_m = gw.y_m < home.size_y_m / 2 ? home.size_y_m - 0.5f : 0.5f;
    for (int step = 0; step < 10 && !n.wired_backhaul && node_to_node_dbm(home, ext, 0, Band::k5g) < -68; ++step) {
      n.x_m += (gw.x_m - n.x_m) * 0.15f;
      n.y_m += (gw.y_m - n.y_m) * 0.15f;
    }
    search();
  }
  put(s, bx, by, bf);
  while (signal(home, s, 0, band) > kStickyBelowDbm && s.extra_walls < 12) ++s.extra_walls;
  s.sticky = true;
  if (!s.connected || s.node != 0) s.associated_since_ms = at_ms;
  s.node = 0;
  s.band = band;
  s.connected = true;
}

void start_legacy(Home& home, Activation& a, Rng& rng, int64_t at_ms) {
  // An old streaming box or smart TV: 802.11n, one stream, 2.4 GHz only, always streaming.
  static const char* kNames[] = {"Old-SmartTV", "Streaming-Box", "Kitchen-TV"};
  uint32_t slot = 40;
  for (; slot < 48; ++slot) {
    const Mac m = gen::station_mac(kLegacyOui, home.index, slot);
    if (find_station(home, m) == nullptr) break;
  }
  if (slot >= 48 || home.nodes.empty()) return;
  Station s;
  s.mac = gen::station_mac(kLegacyOui, home.index, slot);
  s.kind = StationKind::kTv;
  s.wifi_generation = 4;
  s.spatial_streams = 1;
  s.dual_band = false;
  s.band = Band::k2g;
  s.hostname = kNames[rng.below(3)];
  s.min_demand_mbps = s.demand_mbps = 10;
  // In a room across the home from the gateway, at a fair signal (about -66 dBm).
  const Node& gw = home.nodes[0];
  const float tx = gw.x_m < home.size_x_m / 2 ? home.size_x_m - 0.5f : 0.5f;
  const float ty = gw.y_m < home.size_y_m / 2 ? home.size_y_m - 0.5f : 0.5f;
  for (float f = 0.3f; f <= 1.0f; f += 0.1f) {
    put(s, gw.x_m + (tx - gw.x_m) * f, gw.y_m + (ty - gw.y_m) * f, gw.floor);
    if (best_association(home, s).signal_dbm <= -66) break;
  }
  while (best_association(home, s).signal_dbm > -64 && s.extra_walls < 4) ++s.extra_walls;
  s.associated_since_ms = at_ms;
  home.stations.push_back(std::move(s));
  associate_best(home, home.stations.back(), at_ms);
  a.undo.added_stations.push_back(home.stations.back().mac);
}

void start_bad_extender(Home& home, Activation& a, int64_t at_ms) {
  const int e = pick_extender(home, a);
  if (e < 0) return;
  Node& ext = home.nodes[static_cast<size_t>(e)];
  a.undo.nodes.push_back({ext.serial, ext.x_m, ext.y_m, ext.floor, ext.extra_walls, ext.wired_backhaul});
  const Node& parent = home.nodes[ext.backhaul_parent < home.nodes.size() ? ext.backhaul_parent : 0];
  ext.wired_backhaul = false;
  ext.x_m = parent.x_m < home.size_x_m / 2 ? home.size_x_m - 0.3f : 0.3f;
  ext.y_m = parent.y_m < home.size_y_m / 2 ? home.size_y_m - 0.3f : 0.3f;
  ext.floor = parent.floor == 0 ? static_cast<uint8_t>(home.floors - 1) : 0;
  while (backhaul_link(home, static_cast<uint8_t>(e)).signal_dbm > kBadBackhaulDbm && ext.extra_walls < 10) {
    ++ext.extra_walls;
  }
  reassociate_all(home, at_ms);
}

void start_wrong_password(Home& home, Activation& a, Rng& rng, int64_t at_ms) {
  static constexpr int kRank[6] = {0, 2, 1, 3, 4, 5};  // a phone or a tablet
  const std::vector<size_t> order = ranked(home, rng, kRank);
  if (order.empty()) return;
  Station& s = home.stations[order.front()];
  a.undo.stations.push_back(save(s));
  s.wrong_password = true;
  s.connected = false;
  // It left the network now: while it fails, associated_since_ms is when its failed joins began
  // (the gateway's log of them, sim/model/failed_joins.h, starts there); its node and band stay
  // the BSS it keeps trying.
  s.associated_since_ms = at_ms;
}

}  // namespace

void start_effect(Home& home, Activation& a, int64_t at_ms) {
  Rng rng(mix64(a.seed, home.seed));
  switch (a.type) {
    case ScenarioType::kWeakCoverage: start_weak_coverage(home, a, rng, at_ms); break;
    case ScenarioType::kCongestedChannel: start_congested(home, a, rng); break;
    case ScenarioType::kStickyClient: start_sticky(home, a, rng, at_ms); break;
    case ScenarioType::kLegacyClient: start_legacy(home, a, rng, at_ms); break;
    case ScenarioType::kBadExtenderPlacement: start_bad_extender(home, a, at_ms); break;
    case ScenarioType::kWrongWifiPassword: start_wrong_password(home, a, rng, at_ms); break;
    case ScenarioType::kPowerCut:
      for (Station& s : home.stations) s.connected = false;
      break;
    default: break;  // condition-only scenarios
  }
}

void end_effect(Home& home, Activation& a, int64_t at_ms) {
  Undo& u = a.undo;
  for (auto it = u.stations.rbegin(); it != u.stations.rend(); ++it) {
    Station* s = find_station(home, it->mac);
    if (s == nullptr) continue;
    s->anchor_x_m = s->x_m = it->anchor_x_m;
    s->anchor_y_m = s->y_m = it->anchor_y_m;
    s->floor = it->floor;
    s->extra_walls = it->extra_walls;
    s->sticky = it->sticky;
    const bool rejoin = s->wrong_password && !it->wrong_password;
    s->wrong_password = it->wrong_password;
    if (s->connected || rejoin) associate_best(home, *s, at_ms);
  }
  for (auto it = u.nodes.rbegin(); it != u.nodes.rend(); ++it) {
    const int i = find_node(home, it->serial);
    if (i < 0) continue;
    Node& n = home.nodes[static_cast<size_t>(i)];
    n.x_m = it->x_m;
    n.y_m = it->y_m;
    n.floor = it->floor;
    n.extra_walls = it->extra_walls;
    n.wired_backhaul = it->wired_backhaul;
  }
  for (const Mac& mac : u.added_stations) {
    std::erase_if(home.stations, [&](const Station& s) { return s.mac == mac; });
  }
  for (const std::string& serial : u.added_nodes) {
    const int i = find_node(home, serial);
    if (i > 0) remove_node(home, static_cast<size_t>(i), at_ms);
  }
  if (!u.added_neighbours.empty()) {
    std::erase_if(home.env.neighbours, [&](const Neighbour& n) {
      return std::find(u.added_neighbours.begin(), u.added_neighbours.end(), n.bssid) != u.added_neighbours.end();
    });
  }
  if (!u.nodes.empty() || !u.added_nodes.empty()) reassociate_all(home, at_ms);
  u = Undo{};
}

void add_conditions(Conditions& c, ScenarioType type) {
  switch (type) {
    case ScenarioType::kInterference: c.extra_interference = std::max(c.extra_interference, kInterference); break;
    case ScenarioType::kWanDown: c.wan_down = true; break;
    case ScenarioType::kWanDegraded:
      c.wan_speed_factor = std::min(c.wan_speed_factor, 0.25f);
      c.wan_extra_latency_ms = std::max(c.wan_extra_latency_ms, 60.0f);
      c.wan_extra_loss_pct = std::max(c.wan_extra_loss_pct, 3.0f);
      break;
    case ScenarioType::kAccessNodeOutage: c.unreachable = true; break;
    case ScenarioType::kPowerCut: c.powered_off = true; break;
    case ScenarioType::kCrashLoop: c.crash_loop = true; break;
    case ScenarioType::kMemoryLeak: c.memory_leak = true; break;
    case ScenarioType::kDnsFailure: c.dns_failure = true; break;
    default: break;
  }
}

std::vector<ScenarioType> default_random_types() {
  std::vector<ScenarioType> out;
  for (const ScenarioTypeInfo& t : kScenarioTypes) {
    if (t.type != ScenarioType::kHealthy && t.type != ScenarioType::kAccessNodeOutage) out.push_back(t.type);
  }
  return out;
}

bool needs_extender(ScenarioType type) {
  return type == ScenarioType::kStickyClient || type == ScenarioType::kBadExtenderPlacement;
}

}  // namespace hearth::sim::scenario_detail
