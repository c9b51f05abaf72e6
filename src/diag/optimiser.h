// Self-optimisation of a home's Wi-Fi (closed loop, per home, can be switched off): choose
// channels from neighbour scans and utilisation, apply them in a quiet window with hysteresis and
// a minimum interval, measure afterwards and roll back when it got worse, never override a channel
// a person pinned, and enable band steering where the model supports it. Pure: the service
// (insight/) feeds it snapshots and scan results and carries out the actions it returns.
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "cwmp/value.h"
#include "diag/snapshot.h"

namespace hearth::diag {

struct OptimiserConfig {
  bool enabled = true;
  int quiet_start_hour = 2;            // local hours [start, end) when changes may be applied
  int quiet_end_hour = 5;
  int utc_offset_minutes = 60;         // the homes' local time (provider-wide)
  double max_active_mbps = 1.0;        // "no active traffic": total station traffic below this
  int64_t min_interval_ms = 24 * 3600'000LL;  // between two changes of one radio
  double min_gain = 0.2;               // hysteresis: the new channel must score this much better
                                       // (relative: (old - new) / old of the interference score)
  int64_t measure_after_ms = 3600'000; // how long after a change its effect is judged
  double rollback_worse_pct = 10;      // roll back when utilisation rose by this many points
  int64_t scan_max_age_ms = 6 * 3600'000LL;  // a scan older than this is not used
  bool band_steering = true;
  double steer_min_signal_dbm = -60;   // a 2.4 GHz station this strong would do well on 5 GHz
  double min_score_drop = 0.5;         // hysteresis, absolute: at least this much less interference
                                       // (about one neighbour at -80 dBm), so that small noise
                                       // in an empty neighbourhood does not move the channel
};

// A BSS of a neighbouring network, from Device.WiFi.NeighboringWiFiDiagnostic.Result.{i}.
struct NeighbourBss {
  Band band = Band::k2g;
  int channel = 0;
  int width_mhz = 20;
  double signal_dbm = kUnknown;
  std::string bssid;
};
// Parses the NeighboringWiFiDiagnostic results (the parameters under
// "Device.WiFi.NeighboringWiFiDiagnostic.", any order). Rows without a channel are skipped.
std::vector<NeighbourBss> parse_neighbour_scan(const std::vector<cwmp::ParameterValue>& values);

struct ChannelScore {
  int channel = 0;
  double score = 0;  // expected interference: lower is better
};
// Scores every possible channel of a radio against the scan and the home's other radios on the
// same band (own nodes overlapping count too). 2.4 GHz considers only 1, 6 and 11.
std::vector<ChannelScore> score_channels(const HomeSnapshot& snap, const Radio& radio,
                                         const std::vector<NeighbourBss>& scan);

// One change the service should make (SetParameterValues on the gateway) and log.
struct OptimiserAction {
  enum class Kind : uint8_t { kSetChannel, kRollback, kEnableBandSteering, kScan };
  Kind kind = Kind::kSetChannel;
  std::string radio_id;
  std::string radio_path;               // Radio.{i}. / WLANConfiguration.{i}.
  int from_channel = -1;
  int to_channel = -1;
  std::vector<cwmp::ParameterValue> values;  // what to set (empty for kScan: run the scan task)
  std::string reason;                   // for the log, plain language with numbers
};

// What the optimiser remembers per home (kept by the service, persisted in the log).
struct OptimiserRadioState {
  std::string radio_id;
  int channel_set = -1;                 // the channel the optimiser last set (-1: never)
  int previous_channel = -1;            // before that change (for rollback)
  int64_t changed_ms = 0;
  double utilisation_before_pct = kUnknown;
  bool judged = true;                   // the last change's effect has been measured
  int neighbours_before = -1;           // Radio::neighbour_bss before the change (when no utilisation)
  int rejected_channel = -1;            // a channel a rollback left: not chosen again
  int skipped_channel = -1;             // the held channel "skipped-pinned" was logged for (-1: none)
};
struct OptimiserState {
  bool enabled = true;                  // per home switch
  std::vector<OptimiserRadioState> radios;
  int64_t last_scan_ms = 0;
  int64_t scan_requested_ms = 0;
  bool band_steering_set = false;
};

// One log entry: every change and its measured effect.
struct OptimisationLogEntry {
  int64_t time_ms = 0;
  std::string action;     // "set-channel", "rollback", "enable-band-steering", "judged-better",
                          // "judged-worse", "skipped-pinned", ...
  std::string radio_id;
  int from_channel = -1;
  int to_channel = -1;
  double utilisation_before_pct = kUnknown;
  double utilisation_after_pct = kUnknown;
  std::string reason;
};

// Decides what to do now for one home. `pinned` are radio ids whose channel a person chose (a
// channel that differs from `channel_set` without the optimiser's doing is treated as pinned
// too; until measure_after_ms has passed, `previous_channel` is a change not yet applied).
// `scan` is the newest neighbour scan, taken at scan_ms (0: none); when it is older than
// scan_max_age_ms a kScan action asks for one, at most once per quiet window and only for TR-181
// radios (TR-098 has no NeighboringWiFiDiagnostic). `band_steering_path`: the model's band
// steering parameter (empty: none). Only gateway radios (non-empty `path`) are changed; other
// nodes' radios count in the scores. Outside the quiet window, or with station traffic, nothing
// is decided (a newly pinned radio is still logged). Appends log entries for what it decided
// (also for judged effects: "judged-better", "judged-worse", "judged-unmeasured") and updates
// `state`.
std::vector<OptimiserAction> optimise(const HomeSnapshot& latest, const std::vector<NeighbourBss>& scan,
                                      int64_t scan_ms, const std::set<std::string>& pinned,
                                      const std::string& band_steering_path,
                                      const OptimiserConfig& config, OptimiserState& state,
                                      int64_t now_ms, std::vector<OptimisationLogEntry>& log);

}  // namespace hearth::diag
