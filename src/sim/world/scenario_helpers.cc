// Helpers of the scenario effects (scenario_internal.h): finding, saving and placing stations
// and nodes, adding and removing a temporary extender.
#include <algorithm>
#include <cmath>

#include "sim/dynamics.h"
#include "sim/radio.h"
#include "sim/world/home_gen.h"
#include "sim/world/radio_internal.h"
#include "sim/world/scenario_internal.h"

namespace hearth::sim::scenario_detail {

// Without the channel load, which placement does not need.
float signal(const Home& home, const Station& s, uint8_t node, Band band) {
  return radio_detail::uplink_signal_dbm(home, s, node, band);
}

StationSave save(const Station& s) {
  return {s.mac, s.anchor_x_m, s.anchor_y_m, s.floor, s.extra_walls, s.sticky, s.wrong_password};
}

Station* find_station(Home& home, const Mac& mac) {
  for (Station& s : home.stations) {
    if (s.mac == mac) return &s;
  }
  return nullptr;
}

int find_node(const Home& home, const std::string& serial) {
  for (size_t i = 0; i < home.nodes.size(); ++i) {
    if (home.nodes[i].serial == serial) return static_cast<int>(i);
  }
  return -1;
}

void put(Station& s, float x, float y, uint8_t floor) {
  s.anchor_x_m = s.x_m = x;
  s.anchor_y_m = s.y_m = y;
  s.floor = floor;
}

std::vector<size_t> ranked(const Home& home, Rng& rng, const int rank_of_kind[6], bool dual_band_first) {
  std::vector<std::pair<uint64_t, size_t>> order;
  for (size_t i = 0; i < home.stations.size(); ++i) {
    const Station& s = home.stations[i];
    if (s.wrong_password || s.sticky) continue;
    const int rank = rank_of_kind[static_cast<int>(s.kind)] + (dual_band_first && !s.dual_band ? 10 : 0);
    order.emplace_back((static_cast<uint64_t>(rank) << 32) | rng.below(1u << 30), i);
  }
  std::sort(order.begin(), order.end());
  std::vector<size_t> out;
  for (const auto& o : order) out.push_back(o.second);
  return out;
}

void reassociate_all(Home& home, int64_t at_ms) {
  for (Station& s : home.stations) {
    if (s.connected) associate_best(home, s, at_ms);
  }
}

void far_corner(const Home& home, float* x, float* y, uint8_t* floor) {
  float best = -1;
  for (uint8_t f = 0; f < home.floors; ++f) {
    for (int c = 0; c < 4; ++c) {
      const float cx = (c & 1) ? home.size_x_m : 0.0f;
      const float cy = (c & 2) ? home.size_y_m : 0.0f;
      float nearest = 1e9f;
      for (const Node& n : home.nodes) {
        const float dz = 3.0f * static_cast<float>(std::abs(f - n.floor));
        nearest = std::min(nearest, std::hypot(std::hypot(cx - n.x_m, cy - n.y_m), dz));
      }
      if (nearest > best) {
        best = nearest;
        *x = cx;
        *y = cy;
        *floor = f;
      }
    }
  }
}

void remove_node(Home& home, size_t index, int64_t at_ms) {
  if (index == 0 || index >= home.nodes.size()) return;
  home.nodes.erase(home.nodes.begin() + static_cast<std::ptrdiff_t>(index));
  for (Node& n : home.nodes) {
    if (n.backhaul_parent == index) n.backhaul_parent = 0;
    else if (n.backhaul_parent > index) --n.backhaul_parent;
  }
  for (Station& s : home.stations) {
    if (s.node == index) {
      s.node = 0;
      s.sticky = false;
      if (s.connected) associate_best(home, s, at_ms);
    } else if (s.node > index) {
      --s.node;
    }
  }
}

// An extender for a home that has none (sticky-client and bad-extender-placement need one):
// same model as the gateway, wireless backhaul, at the far end of the home.
namespace {

int add_extender(Home& home, Activation& a) {
  const uint32_t slot = gen::free_node_slot(home);
  if (slot >= 4 || home.nodes.empty()) return -1;
  const Node& gw = home.nodes[0];
  Node n = gw;
  n.gateway = false;
  n.serial = gen::node_serial(std::string_view(gw.serial).substr(0, gw.serial.size() - gen::kSerialDigits), home.index, slot);
  n.mac = gen::node_mac({gw.mac.b[0], gw.mac.b[1], gw.mac.b[2]}, home.index, slot);
  n.x_m = gw.x_m < home.size_x_m / 2 ? home.size_x_m * 0.8f : home.size_x_m * 0.2f;
  n.y_m = home.size_y_m * 0.5f;
  n.floor = static_cast<uint8_t>(home.floors - 1);
  n.backhaul_parent = 0;
  n.wired_backhaul = false;
  n.online = true;
  n.extra_walls = 0;
  const float gx = gw.x_m, gy = gw.y_m;
  const uint8_t gfloor = gw.floor;
  home.nodes.push_back(n);  // gw is not valid after this
  a.undo.added_nodes.push_back(n.serial);
  const auto e = static_cast<uint8_t>(home.nodes.size() - 1);
  Node& ext = home.nodes[e];
  for (int step = 0; step < 10 && node_to_node_dbm(home, e, 0, Band::k5g) < -65; ++step) {
    ext.x_m += (gx - ext.x_m) * 0.2f;
    ext.y_m += (gy - ext.y_m) * 0.2f;
    if (step == 5) ext.floor = gfloor;
  }
  return e;
}

}  // namespace

int pick_extender(Home& home, Activation& a) {
  int best = -1;
  float best_d = -1;
  for (size_t i = 1; i < home.nodes.size(); ++i) {
    const Node& n = home.nodes[i];
    if (!n.online) continue;
    const float d = std::hypot(n.x_m - home.nodes[0].x_m, n.y_m - home.nodes[0].y_m) + 3.0f * std::abs(n.floor - home.nodes[0].floor);
    if (d > best_d) {
      best_d = d;
      best = static_cast<int>(i);
    }
  }
  return best >= 0 ? best : add_extender(home, a);
}

}  // namespace hearth::sim::scenario_detail
