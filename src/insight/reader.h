// What the API reads of the diagnosis, and the few things it may ask of it. Implemented by
// insight::Insight (insight.h); api/ tests use a fake.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "diag/diagnosis.h"
#include "diag/optimiser.h"
#include "diag/snapshot.h"

namespace hearth::insight {

// One point of a time series: a raw sample (min = max = value, count 1) or an hourly rollup.
struct SeriesPoint {
  int64_t time_ms = 0;
  double value = 0;   // the sample, or the hour's average
  double min = 0;
  double max = 0;
  uint32_t count = 1;
};

struct WorstHome {
  std::string home_id;
  int health = 100;
  std::string primary_code;
};

struct FleetSummary {
  uint64_t homes_diagnosed = 0;
  uint64_t homes_healthy = 0;                       // no primary cause
  std::map<std::string, uint64_t> open_findings;    // code -> homes with it open
  std::map<std::string, uint64_t> primary_causes;   // code -> homes with it as primary cause
  std::vector<uint64_t> health_histogram;           // 10 buckets: 0-9, 10-19, ..., 90-100
  std::vector<WorstHome> worst;                     // lowest health first
};

struct OptimisationEntry {
  std::string home_id;
  diag::OptimisationLogEntry entry;
};

// An event of the access network for one home's line, from the provider's OLT/DSLAM/CMTS
// management (or the simulator): "dying-gasp" (lost power), "loss-of-signal" (line down),
// "restored".
struct LineEvent {
  std::string home_id;   // or, when empty, found by the gateway's serial
  std::string serial;
  std::string kind;
  int64_t time_ms = 0;
};

class DiagnosisReader {
 public:
  virtual ~DiagnosisReader() = default;

  // The home's diagnosis now (kNotFound for an unknown home). A home never diagnosed yet has
  // health 100, no findings and no primary cause, and time_ms 0.
  virtual Result<diag::Diagnosis> home_diagnosis(const std::string& home_id) = 0;
  // The newest snapshot of the home's gateway (nullopt: none collected yet).
  virtual Result<std::optional<diag::HomeSnapshot>> home_snapshot(const std::string& home_id) = 0;
  // The diagnosis of the home a device belongs to (kNotFound when the device is in no home).
  virtual Result<diag::Diagnosis> device_diagnosis(const std::string& device_id) = 0;
  // Findings opened or ended since since_ms (and the open ones), newest first.
  virtual Result<std::vector<diag::Finding>> finding_history(const std::string& home_id,
                                                             int64_t since_ms, size_t limit) = 0;
  // A time series of the home: key "health", "wan/rx_mbps", "sta/<mac>/signal_dbm",
  // "radio/<radio id>/utilisation_pct", ... (see points.h). Raw samples for the last 48 hours, hourly rollups before.
  virtual Result<std::vector<SeriesPoint>> series(const std::string& home_id, const std::string& key,
                                                  int64_t from_ms, int64_t to_ms) = 0;
  // The keys the home has series for (from its newest sample).
  virtual Result<std::vector<std::string>> series_keys(const std::string& home_id) = 0;
  virtual Result<FleetSummary> fleet_summary(size_t worst_limit) = 0;
  // Newest first; home_id "" for every home.
  virtual Result<std::vector<OptimisationEntry>> optimisation_log(const std::string& home_id,
                                                                  size_t limit) = 0;
  // Per-home switch of the self-optimisation (default on).
  virtual Status set_optimisation_enabled(const std::string& home_id, bool enabled) = 0;
  virtual Result<bool> optimisation_enabled(const std::string& home_id) = 0;
  // Radios (diag::Radio::id) whose channel the optimiser never changes, per home (default none).
  // Replaces the home's whole set; the caller checks the ids' form.
  virtual Status set_pinned_radios(const std::string& home_id, std::vector<std::string> radio_ids) = 0;
  virtual Result<std::vector<std::string>> pinned_radios(const std::string& home_id) = 0;
  // The homes whose newest snapshot lists this MAC address, as a station or as a node (an
  // EasyMesh AL MAC), sorted. `mac` is lower-case "aa:bb:cc:dd:ee:ff"; the caller normalises it.
  // A home seen with no snapshot since the server started is not found.
  virtual Result<std::vector<std::string>> homes_with_mac(const std::string& mac) = 0;
  // Access-network events (POST /api/v1/line-events).
  virtual Status line_event(const LineEvent& event) = 0;
  // Runs the live checks now (WAN ping and speed test, then a fresh telemetry read), for guided
  // troubleshooting; calls back with the diagnosis afterwards, or after `timeout_ms` with what is
  // known then.
  virtual void run_checks(const std::string& home_id, int64_t timeout_ms,
                          std::function<void(Result<diag::Diagnosis>)> done) = 0;
  // A lighter live refresh, for guided troubleshooting: a connection request and a fresh
  // telemetry read (no WAN tests), then the diagnosis; calls back after the next analysis of the
  // home, at once with what is known when the gateway cannot be reached, or after `timeout_ms`
  // (checked at the service's tick) with what is known then. The snapshot's time tells whether
  // the read was fresh.
  virtual void refresh(const std::string& home_id, int64_t timeout_ms,
                       std::function<void(Result<diag::Diagnosis>)> done) = 0;
};

}  // namespace hearth::insight
