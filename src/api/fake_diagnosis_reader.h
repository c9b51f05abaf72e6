// A DiagnosisReader for API tests: homes, diagnoses, snapshots, findings, series and the
// optimisation log are whatever the test puts in; every call it receives is recorded; live
// checks are answered at once or held until the test releases them, so no test depends on timing.
//
// Unknown homes (and devices in no home, serials of no home) answer kNotFound, like the real one.
// Thread safe.
#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "insight/reader.h"

namespace hearth::api::testing {

class FakeDiagnosisReader final : public insight::DiagnosisReader {
 public:
  // ---- the world ----
  // A known home with its current diagnosis (home_id is set from the argument).
  void add_home(const std::string& home_id, diag::Diagnosis diagnosis = {});
  void set_snapshot(const std::string& home_id, diag::HomeSnapshot snapshot);
  // A device (or a gateway's serial, for line events) of a home.
  void add_device(const std::string& device_id, const std::string& home_id);
  void add_serial(const std::string& serial, const std::string& home_id);
  void add_finding(const std::string& home_id, diag::Finding finding);
  void set_series(const std::string& home_id, const std::string& key,
                  std::vector<insight::SeriesPoint> points);
  void set_fleet_summary(insight::FleetSummary summary);
  void add_optimisation(insight::OptimisationEntry entry);  // in time order
  // Every call fails with this error (nullopt: none), e.g. the store is down.
  void fail_with(std::optional<Error> error);
  // true: run_checks holds its callback until complete_checks(); false (default): answers at once.
  void set_hold_checks(bool hold);
  // true: refresh holds its callback until complete_checks(); false (default): answers at once.
  void set_hold_refreshes(bool hold);

  // ---- driving ----
  // Answers every held check (and refresh) with the home's diagnosis as it is now. Returns how many.
  size_t complete_checks();
  size_t held_checks() const;

  // ---- what was asked ----
  struct ChecksCall {
    std::string home_id;
    int64_t timeout_ms = 0;
  };
  struct HistoryCall {
    std::string home_id;
    int64_t since_ms = 0;
    size_t limit = 0;
  };
  struct SeriesCall {
    std::string home_id;
    std::string key;
    int64_t from_ms = 0;
    int64_t to_ms = 0;
  };
  std::vector<ChecksCall> checks() const;
  std::vector<ChecksCall> refreshes() const;
  std::vector<insight::LineEvent> line_events() const;  // the accepted ones
  std::vector<HistoryCall> history_calls() const;
  std::vector<SeriesCall> series_calls() const;
  std::vector<size_t> summary_limits() const;

  // ---- DiagnosisReader ----
  Result<diag::Diagnosis> home_diagnosis(const std::string& home_id) override;
  Result<std::optional<diag::HomeSnapshot>> home_snapshot(const std::string& home_id) override;
  Result<diag::Diagnosis> device_diagnosis(const std::string& device_id) override;
  Result<std::vector<diag::Finding>> finding_history(const std::string& home_id, int64_t since_ms,
                                                     size_t limit) override;
  Result<std::vector<insight::SeriesPoint>> series(const std::string& home_id,
                                                   const std::string& key, int64_t from_ms,
                                                   int64_t to_ms) override;
  Result<std::vector<std::string>> series_keys(const std::string& home_id) override;
  Result<insight::FleetSummary> fleet_summary(size_t worst_limit) override;
  Result<std::vector<insight::OptimisationEntry>> optimisation_log(const std::string& home_id,
                                                                   size_t limit) override;
  Status set_optimisation_enabled(const std::string& home_id, bool enabled) override;
  Result<bool> optimisation_enabled(const std::string& home_id) override;
  Status set_pinned_radios(const std::string& home_id, std::vector<std::string> radio_ids) override;
  Result<std::vector<std::string>> pinned_radios(const std::string& home_id) override;
  // From the snapshots set_snapshot gave (their stations' MACs and node ids, as written).
  Result<std::vector<std::string>> homes_with_mac(const std::string& mac) override;
  Status line_event(const insight::LineEvent& event) override;
  void run_checks(const std::string& home_id, int64_t timeout_ms,
                  std::function<void(Result<diag::Diagnosis>)> done) override;
  void refresh(const std::string& home_id, int64_t timeout_ms,
               std::function<void(Result<diag::Diagnosis>)> done) override;

 private:
  struct Home {
    diag::Diagnosis diagnosis;
    std::optional<diag::HomeSnapshot> snapshot;
    std::vector<diag::Finding> findings;
    std::map<std::string, std::vector<insight::SeriesPoint>> series;
    bool optimisation = true;
    std::vector<std::string> pinned_radios;
  };
  using Done = std::function<void(Result<diag::Diagnosis>)>;
  // REQUIRES: mu_ held. The home, or the error to answer with.
  Result<Home*> find_home(const std::string& home_id);

  mutable std::mutex mu_;
  std::map<std::string, Home> homes_;
  std::map<std::string, std::string> device_homes_;
  std::map<std::string, std::string> serial_homes_;
  insight::FleetSummary summary_;
  std::vector<insight::OptimisationEntry> optimisations_;
  std::optional<Error> fail_;
  bool hold_checks_ = false;
  bool hold_refreshes_ = false;
  std::vector<ChecksCall> refreshes_;
  std::vector<std::pair<std::string, Done>> held_;
  std::vector<ChecksCall> checks_;
  std::vector<insight::LineEvent> line_events_;
  std::vector<HistoryCall> history_calls_;
  std::vector<SeriesCall> series_calls_;
  std::vector<size_t> summary_limits_;
};

}  // namespace hearth::api::testing
