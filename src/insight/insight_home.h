// The diagnosis service's state of one home. Fields marked (shared) are guarded by
// Insight::mutex_; the others belong to the worker thread.
#pragma once

#include <deque>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "diag/diagnosis.h"
#include "diag/optimiser.h"
#include "diag/telemetry.h"
#include "insight/checks.h"
#include "insight/insight.h"
#include "insight/points.h"

namespace hearth::insight {

struct Insight::Home {
  // (shared) identity and contact
  std::string home_id;            // the home's id, or the device id for a device in no home
  std::string device_id;          // the gateway
  std::string root;
  std::string product_class;
  std::string software_version;
  std::string access_node;
  double plan_down_mbps = diag::kUnknown;
  double plan_up_mbps = diag::kUnknown;
  int64_t last_contact_ms = 0;
  int64_t interval_s = 0;
  int64_t last_telemetry_ms = 0;
  bool telemetry_now = false;     // read telemetry at the next session whatever the interval
  bool quiet = false;             // read at options.telemetry_quiet_interval_ms (Insight::is_quiet)
  // The narrowed read the last full read taught (options.telemetry_full_every), for this
  // firmware; off for the firmware once narrowed reads faulted twice.
  diag::NarrowedRead narrowed;
  std::string narrowed_version;
  uint32_t reads_since_full = 0;
  bool asked_narrowed = false;
  uint8_t narrowed_faults = 0;
  TestTimes tests;
  std::vector<int64_t> boots_ms;
  std::string line_event;         // "dying-gasp", "loss-of-signal" ("" after "restored")
  int64_t line_event_ms = 0;
  bool optimisation_enabled = true;
  std::vector<std::string> pinned_radios;  // radios whose channel the optimiser leaves alone
  // (shared) live checks waiting for the next analysis
  struct Waiter {
    int64_t deadline_ms = 0;
    int64_t requested_ms = 0;
    bool results_in = false;      // a DIAGNOSTICS COMPLETE came after the request
    std::function<void(Result<diag::Diagnosis>)> done;
  };
  std::vector<Waiter> waiters;
  // (shared) published results
  diag::Diagnosis diagnosis;
  std::optional<diag::HomeSnapshot> latest;
  std::vector<uint64_t> indexed_macs;  // what Insight::homes_by_mac_ holds for this home, sorted
  bool offline = false;
  int64_t offline_since_ms = 0;
  bool regional_outage = false;
  int64_t incident_id = 0;        // the confirmed incident it is in (outage source), 0: none
  int64_t degraded_incident = 0;  // the confirmed "degraded" incident it is in: WAN findings held

  // worker only
  std::vector<diag::HomeSnapshot> history;  // oldest first, within options.history_ms
  diag::CounterState counters;
  diag::DiagState diag_state;
  std::vector<std::string> written_findings;  // keys of open findings already stored
  int64_t rollup_hour_ms = 0;
  int64_t diagnosis_stored_ms = 0;
  int64_t first_analysis_ms = 0;  // its first snapshot in this process
  std::string line_reported;      // what the WanQualityListener was last told (wan_quality.h)
  Rollup rollup;
  diag::OptimiserState optimiser;  // persisted as meta "optimiser-state:<home id>"
  std::vector<diag::NeighbourBss> scan;
  int64_t scan_ms = 0;
  std::optional<std::string> band_steering_path;  // looked up once in the stored tree
};

// Loads what the optimiser remembers of a home (its state, "optimiser-state:<home id>") and the
// pinned radios ("optimiser-pins:<home id>") from the store's meta, when a Home is created.
// State that does not parse is ignored with a warning.
void load_optimiser_memory(store::Store& store, Insight::Home& home);
// The pins as stored: one radio id a line.
std::vector<std::string> parse_pins(const std::string& text);
std::string format_pins(const std::vector<std::string>& radio_ids);

}  // namespace hearth::insight
