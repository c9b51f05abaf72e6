#include "diag/optimiser/loop_conditions.h"

namespace hearth::diag {
namespace {

constexpr int64_t kHourMs = 3'600'000;
constexpr int64_t kDayMs = 24 * kHourMs;

int64_t floor_mod(int64_t a, int64_t m) {
  const int64_t r = a % m;
  return r < 0 ? r + m : r;
}

int64_t local_day_ms(const OptimiserConfig& config, int64_t now_ms) {
  return floor_mod(now_ms + static_cast<int64_t>(config.utc_offset_minutes) * 60'000, kDayMs);
}

}  // namespace

bool in_quiet_window(const OptimiserConfig& config, int64_t now_ms) {
  const int64_t hour = local_day_ms(config, now_ms) / kHourMs;
  const int start = config.quiet_start_hour, end = config.quiet_end_hour;
  if (start == end) return false;
  if (start < end) return hour >= start && hour < end;
  return hour >= start || hour < end;
}

int64_t quiet_window_start_ms(const OptimiserConfig& config, int64_t now_ms) {
  const int64_t since_start =
      floor_mod(local_day_ms(config, now_ms) - config.quiet_start_hour * kHourMs, kDayMs);
  return now_ms - since_start;
}

double station_traffic_mbps(const HomeSnapshot& snap) {
  double total = 0;
  for (const Station& s : snap.stations) {
    if (known(s.down_mbps)) total += s.down_mbps;
    if (known(s.up_mbps)) total += s.up_mbps;
  }
  return total;
}

SteeringCandidates steering_candidates(const HomeSnapshot& snap, double min_signal_dbm) {
  SteeringCandidates out;
  bool high_band = false;
  for (const Radio& r : snap.radios) high_band = high_band || (r.band != Band::k2g && r.enabled);
  if (!high_band) return out;
  for (const Station& s : snap.stations) {
    if (s.band != Band::k2g || !s.active || !known(s.signal_dbm) || s.signal_dbm < min_signal_dbm)
      continue;
    bool dual = s.generation >= 6;
    for (const Station::Heard& h : s.heard_by) dual = dual || h.band != Band::k2g;
    if (!dual) continue;
    ++out.count;
    if (!known(out.strongest_dbm) || s.signal_dbm > out.strongest_dbm)
      out.strongest_dbm = s.signal_dbm;
  }
  return out;
}

}  // namespace hearth::diag
