// Counters between two snapshots of one device (telemetry.h CounterState): the increase of each
// counter since the previous snapshot, and rates from it, only within one boot and when time
// moved on. Internal to diag/telemetry.
#pragma once

#include <cstdint>
#include <map>
#include <string>

#include "cwmp/messages.h"
#include "diag/telemetry.h"

namespace hearth::diag::telemetry {

class Counters {
 public:
  // `uptime_s` is this snapshot's DeviceInfo.UpTime (-1 unknown). Nothing changes in `state`
  // before finish().
  Counters(CounterState& state, int64_t time_ms, int64_t uptime_s);

  // There is a previous snapshot, time moved on and the device did not boot in between.
  bool comparable() const { return comparable_; }
  int64_t elapsed_ms() const { return elapsed_ms_; }

  // Remembers the counter under `key` for the next snapshot and returns its increase since the
  // previous one, or -1. `bits` is the counter's width when its type does not say; `valid` false
  // when the caller knows the counter restarted since (a station associated again).
  int64_t delta(const std::string& key, const cwmp::ParameterValue* value, int bits, bool valid = true);
  // delta() as Mbit/s over the elapsed time (bytes counters), NaN when unknown.
  double rate_mbps(const std::string& key, const cwmp::ParameterValue* value, int bits, bool valid = true);

  // Newest event time seen under `key` (0: none yet), and recording a newer one.
  int64_t last_event_ms(const std::string& key) const;
  void saw_event(const std::string& key, int64_t ms);

  // Replaces the remembered counters with those seen in this snapshot (counters of stations and
  // interfaces that are gone are dropped) and records the time and uptime.
  void finish();

 private:
  CounterState& state_;
  int64_t time_ms_;
  int64_t uptime_s_;
  bool comparable_ = false;
  int64_t elapsed_ms_ = 0;
  std::map<std::string, uint64_t> seen_;
  std::map<std::string, int64_t> events_;
};

}  // namespace hearth::diag::telemetry
