// When the optimiser may act and what it acts on, apart from channels: the quiet window in the
// homes' local time, the home's station traffic, and the stations that band steering would help.
#pragma once

#include <cstdint>

#include "diag/optimiser.h"

namespace hearth::diag {

// Whether `now_ms` falls in [quiet_start_hour, quiet_end_hour) local time (UTC plus
// utc_offset_minutes); a window may wrap midnight (22 -> 4). Equal hours: no window.
bool in_quiet_window(const OptimiserConfig& config, int64_t now_ms);
// The start of the quiet window `now_ms` lies in. REQUIRES: in_quiet_window(config, now_ms).
int64_t quiet_window_start_ms(const OptimiserConfig& config, int64_t now_ms);

// Down plus up traffic of the home's stations (unknown rates count as none), Mbit/s.
double station_traffic_mbps(const HomeSnapshot& snap);

// Stations band steering would move: on 2.4 GHz, associated, with a signal of at least
// `min_signal_dbm`, and able to use 5/6 GHz (a node of the home hears them there, or they are
// Wi-Fi 6 or newer, which is nearly always dual-band). Only when the home has a 5 or 6 GHz radio.
struct SteeringCandidates {
  int count = 0;
  double strongest_dbm = kUnknown;
};
SteeringCandidates steering_candidates(const HomeSnapshot& snap, double min_signal_dbm);

}  // namespace hearth::diag
