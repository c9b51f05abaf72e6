// Time in a home (dynamics.h). Everything is a function of (home.seed, station MAC, time slot):
// a day's absence of a phone, a quarter-hour's traffic, an hour's position. advance() only
// compares the state it finds with the state due now, so calls can come at any interval.
#include "sim/dynamics.h"

#include <algorithm>

#include "sim/radio.h"
#include "sim/world/mix.h"
#include "sim/world/radio_internal.h"

namespace hearth::sim {
namespace {

constexpr int64_t kMinuteMs = 60'000;
constexpr int64_t kHourMs = 60 * kMinuteMs;
constexpr int64_t kDayMs = 24 * kHourMs;
constexpr int64_t kTrafficSlotMs = 15 * kMinuteMs;
constexpr float kRoamBelowDbm = -70;  // clients start looking for a better AP here
constexpr float kRoamGainDb = 6;

int64_t floor_div(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0)) ? 1 : 0); }

uint64_t station_key(const Home& home, const Station& s) { return home.seed ^ mac_key(s.mac); }

struct Absence {
  bool leaves = false;
  int64_t from_ms = 0;  // time of day
  int64_t to_ms = 0;
};

Absence absence_on(const Home& home, const Station& s, int64_t day) {
  const uint64_t h = mix64(station_key(home, s), static_cast<uint64_t>(day));
  const int64_t dow = ((day + 3) % 7 + 7) % 7;  // 1970-01-01 was a Thursday; 0 = Monday
  const bool weekend = dow >= 5;
  double p = 0;
  switch (s.kind) {
    case StationKind::kPhone: p = weekend ? 0.5 : 0.85; break;
    case StationKind::kLaptop: p = weekend ? 0.15 : 0.5; break;
    case StationKind::kTablet: p = weekend ? 0.1 : 0.15; break;
    default: break;
  }
  Absence a;
  a.leaves = unit_from(h) < p;
  if (!a.leaves) return a;
  const double u2 = unit_from(mix64(h, 1));
  const double u3 = unit_from(mix64(h, 2));
  if (weekend) {
    a.from_ms = 10 * kHourMs + static_cast<int64_t>(u2 * 4.0 * kHourMs);
    a.to_ms = a.from_ms + 2 * kHourMs + static_cast<int64_t>(u3 * 3.0 * kHourMs);
  } else {
    a.from_ms = 6 * kHourMs + 30 * kMinuteMs + static_cast<int64_t>(u2 * 3.0 * kHourMs);
    a.to_ms = a.from_ms + 7 * kHourMs + 30 * kMinuteMs + static_cast<int64_t>(u3 * 3.0 * kHourMs);
  }
  return a;
}

// The most recent time at or before t the station came home, within a week; INT64_MIN if none.
int64_t last_return(const Home& home, const Station& s, int64_t t) {
  const int64_t today = floor_div(t, kDayMs);
  for (int64_t d = today; d > today - 8; --d) {
    const Absence a = absence_on(home, s, d);
    if (a.leaves && d * kDayMs + a.to_ms <= t) return d * kDayMs + a.to_ms;
  }
  return INT64_MIN;
}

// Signal only: the channel load (and so every other station) does not matter for roaming.
float signal(const Home& home, const Station& s, uint8_t node, Band band) {
  return radio_detail::uplink_signal_dbm(home, s, node, band);
}

bool mobile(StationKind kind) {
  return kind == StationKind::kPhone || kind == StationKind::kTablet || kind == StationKind::kLaptop;
}

void move(const Home& home, Station& s, int64_t t) {
  if (!mobile(s.kind)) {
    s.x_m = s.anchor_x_m;
    s.y_m = s.anchor_y_m;
    return;
  }
  const uint64_t h = mix64(station_key(home, s) ^ 0x6d6f7665, static_cast<uint64_t>(floor_div(t, kHourMs)));
  // A sticky client (scenario) is a device that stays in its room, away from the gateway.
  const float reach = s.sticky ? 0.5f : s.kind == StationKind::kPhone ? 2.0f : 1.5f;
  const float dx = (static_cast<float>(unit_from(h)) - 0.5f) * 2.0f * reach;
  const float dy = (static_cast<float>(unit_from(mix64(h, 1))) - 0.5f) * 2.0f * reach;
  // Stay inside the home, or near the usual place when a scenario put that outside.
  s.x_m = std::clamp(s.anchor_x_m + dx, std::min(0.2f, s.anchor_x_m), std::max(home.size_x_m - 0.2f, s.anchor_x_m));
  s.y_m = std::clamp(s.anchor_y_m + dy, std::min(0.2f, s.anchor_y_m), std::max(home.size_y_m - 0.2f, s.anchor_y_m));
}

bool any_node_up(const Home& home) {
  if (home.cond.powered_off) return false;
  for (const Node& n : home.nodes) {
    if (n.online) return true;
  }
  return false;
}

void roam_if_better(Home& home, Station& s, int64_t now_ms) {
  if (s.node >= home.nodes.size() || !home.nodes[s.node].online) {
    associate_best(home, s, now_ms);
    return;
  }
  if (s.sticky) return;
  const float current = signal(home, s, s.node, s.band);
  if (current >= kRoamBelowDbm) return;
  const Association best = best_association(home, s);
  if ((best.node != s.node || best.band != s.band) && best.signal_dbm >= current + kRoamGainDb) {
    s.node = best.node;
    s.band = best.band;
    s.associated_since_ms = now_ms;
  }
}

}  // namespace

bool station_at_home(const Home& home, const Station& station, int64_t t_ms) {
  const int64_t day = floor_div(t_ms, kDayMs);
  const int64_t tod = t_ms - day * kDayMs;
  const Absence a = absence_on(home, station, day);
  return !(a.leaves && tod >= a.from_ms && tod < a.to_ms);
}

float station_demand_mbps(const Home& home, const Station& s, int64_t t_ms) {
  const int64_t slot = floor_div(t_ms, kTrafficSlotMs);
  const uint64_t h = mix64(station_key(home, s) ^ 0x74726166, static_cast<uint64_t>(slot));
  const double u = unit_from(h);
  const auto factor = static_cast<float>(0.5 + unit_from(mix64(h, 1)));
  const int64_t hour = (t_ms - floor_div(t_ms, kDayMs) * kDayMs) / kHourMs;
  const bool night = hour < 7;
  const bool evening = hour >= 17;
  float base = 0;
  switch (s.kind) {
    case StationKind::kPhone: base = night ? 0.05f : u > 0.9 ? 5.0f : evening ? 1.0f : 0.3f; break;
    case StationKind::kLaptop: base = night ? 0.1f : u > 0.93 ? 10.0f : hour < 17 ? 2.5f : 1.5f; break;
    case StationKind::kTablet: base = night ? 0.02f : evening ? 2.5f : 0.3f; break;
    case StationKind::kTv: base = night ? 0.05f : evening ? (u < 0.3 ? 0.3f : 4.0f) : u > 0.8 ? 4.0f : 0.3f; break;
    case StationKind::kConsole: base = night ? 0.05f : evening ? (u > 0.93 ? 15.0f : 2.0f) : 0.1f; break;
    case StationKind::kIot: base = u > 0.95 ? 1.5f : 0.05f; break;
  }
  return std::max(s.min_demand_mbps, base * factor);
}

void associate_best(Home& home, Station& s, int64_t now_ms) {
  Association a;
  if (s.sticky && s.node < home.nodes.size() && home.nodes[s.node].online) {
    a.node = s.node;
    const float s5 = signal(home, s, s.node, Band::k5g);
    const bool use5 = s.dual_band && home.wifi.radio_enabled_5g && (s5 >= kBandSteerDbm || !home.wifi.radio_enabled_2g);
    a.band = use5 ? Band::k5g : Band::k2g;
    a.signal_dbm = signal(home, s, s.node, a.band);
  } else {
    a = best_association(home, s);
  }
  if (a.signal_dbm <= -200) {
    s.connected = false;
    return;
  }
  if (!s.connected || a.node != s.node || a.band != s.band) s.associated_since_ms = now_ms;
  s.node = a.node;
  s.band = a.band;
  s.connected = !s.wrong_password;
}

void advance(Home& home, int64_t now_ms) {
  const int64_t prev = home.advanced_to_ms;
  const bool first = prev == 0;
  const bool up = any_node_up(home);
  for (Station& s : home.stations) {
    move(home, s, now_ms);
    s.demand_mbps = station_demand_mbps(home, s, now_ms);
    if (!up || s.wrong_password || !station_at_home(home, s, now_ms)) {
      s.connected = false;
      continue;
    }
    const int64_t back = last_return(home, s, now_ms);
    const bool rejoined = !s.connected || first || (back > prev && prev < now_ms);
    if (!rejoined) {
      roam_if_better(home, s, now_ms);
      continue;
    }
    s.connected = false;  // re-association: associated_since moves
    associate_best(home, s, now_ms);
    if (first) {
      // Already on the network when the simulation starts: since it came home, or for a while.
      const int64_t settled = now_ms - static_cast<int64_t>(unit_from(mix64(station_key(home, s), 7)) * 3 * kDayMs);
      s.associated_since_ms = back != INT64_MIN ? back : settled;
    } else if (back > prev) {
      s.associated_since_ms = back;  // it came home between the two calls
    }
  }
  home.advanced_to_ms = now_ms;
}

}  // namespace hearth::sim
