// Settings of the diagnosis service (the [diagnosis] table of the configuration file, with the
// rule thresholds of diag/config.h and the optimiser's of diag/optimiser.h).
#pragma once

#include <cstdint>
#include <string>

#include "diag/config.h"
#include "diag/optimiser.h"

namespace hearth::insight {

struct InsightOptions {
  diag::DiagConfig rules;
  diag::OptimiserConfig optimiser;
  bool enabled = true;
  int64_t telemetry_interval_ms = 5 * 60'000;    // at most one telemetry read per device per this
  // A quiet home (no finding about to open or close, none that began or ended within the hour,
  // nothing being measured, no boot within the hour, history enough for rates) is read at most
  // once per this instead; <= telemetry_interval_ms: every home at telemetry_interval_ms.
  int64_t telemetry_quiet_interval_ms = 60 * 60'000;
  // Of that many reads, one is the full read and the others the narrowed one it taught
  // (diag::narrowed_telemetry_paths: no Wi-Fi settings or secrets); 1: always the full read.
  uint32_t telemetry_full_every = 12;
  int64_t ping_interval_ms = 3600'000;           // WAN latency/loss/DNS check (TR-143 IPPing)
  int64_t speed_test_interval_ms = 6 * 3600'000LL;  // TR-143 download test, when the home is idle
  double speed_test_max_active_mbps = 2.0;       // "idle": WAN traffic below this
  std::string ping_host = "ping.hearth.example";  // a host NAME: failing to resolve it tells DNS
  std::string speed_test_url = "http://speedtest.hearth.example/100MB.bin";
  int64_t history_ms = 60 * 60'000;              // snapshots kept in memory per home for the rules
  int64_t offline_grace_ms = 60'000;             // offline: no Inform for 2 intervals + this
  uint32_t regional_min_homes = 5;               // regional outage: offline homes of one access
  double regional_min_share = 0.2;               //   node >= max(min_homes, share * its homes)
  int64_t raw_retention_ms = 48 * 3600'000LL;
  int64_t rollup_retention_ms = 90LL * 86'400'000;
  int64_t findings_retention_ms = 90LL * 86'400'000;
  int64_t tick_ms = 5'000;                       // offline detection, retention, check timeouts
};

}  // namespace hearth::insight
