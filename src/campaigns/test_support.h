// Fakes and a fixture for the campaign tests: a DeviceControl that stores tasks as the ACS does
// and finishes them only when the test says so, a DiagnosisReader with settable health, and a
// memory store with a small fleet (devices in homes).
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "acs/control.h"
#include "campaigns/runner.h"
#include "core/clock.h"
#include "insight/reader.h"
#include "store/memory/memory_store.h"

namespace hearth::campaigns::testing {

class FakeControl final : public acs::DeviceControl {
 public:
  explicit FakeControl(store::Store& store) : store_(store) {}
  void set_refuse(bool v) { refuse_ = v; }
  std::vector<store::TaskRecord> submitted() const;
  std::vector<std::string> connection_requests() const;
  std::vector<int64_t> cancelled() const;

  void submit_task(store::TaskRecord task, std::function<void(Result<store::TaskRecord>)> done) override;
  void connection_request(const std::string& device_id,
                          std::function<void(acs::ConnectionRequestOutcome)> done) override;
  void probe(const std::string&, std::function<void(bool)> done) override { done(false); }
  void wait_task(int64_t task_id, std::chrono::milliseconds,
                 std::function<void(Result<store::TaskRecord>)> done) override;
  void cancel_task(int64_t task_id, std::function<void(Result<store::TaskRecord>)> done) override;
  void retry_task(int64_t, std::function<void(Result<store::TaskRecord>)> done) override {
    done(make_error(ErrorCode::kNotFound, "no"));
  }
  void profiles_changed() override {}

 private:
  store::Store& store_;
  mutable std::mutex mu_;
  bool refuse_ = false;
  std::vector<store::TaskRecord> submitted_;
  std::vector<std::string> crs_;
  std::vector<int64_t> cancelled_;
};

// Health per home (diagnosed at time 1); a home without a value is "never diagnosed".
class FakeDiagnosis final : public insight::DiagnosisReader {
 public:
  void set_health(const std::string& home_id, int health);
  Result<diag::Diagnosis> home_diagnosis(const std::string& home_id) override;
  Result<std::optional<diag::HomeSnapshot>> home_snapshot(const std::string&) override {
    return std::optional<diag::HomeSnapshot>();
  }
  Result<diag::Diagnosis> device_diagnosis(const std::string&) override { return unavailable(); }
  Result<std::vector<diag::Finding>> finding_history(const std::string&, int64_t, size_t) override { return unavailable(); }
  Result<std::vector<insight::SeriesPoint>> series(const std::string&, const std::string&, int64_t, int64_t) override {
    return unavailable();
  }
  Result<std::vector<std::string>> series_keys(const std::string&) override { return unavailable(); }
  Result<insight::FleetSummary> fleet_summary(size_t) override { return unavailable(); }
  Result<std::vector<insight::OptimisationEntry>> optimisation_log(const std::string&, size_t) override {
    return unavailable();
  }
  Status set_optimisation_enabled(const std::string&, bool) override { return unavailable(); }
  Result<bool> optimisation_enabled(const std::string&) override { return unavailable(); }
  Status set_pinned_radios(const std::string&, std::vector<std::string>) override { return unavailable(); }
  Result<std::vector<std::string>> pinned_radios(const std::string&) override { return unavailable(); }
  Result<std::vector<std::string>> homes_with_mac(const std::string&) override { return unavailable(); }
  Status line_event(const insight::LineEvent&) override { return unavailable(); }
  void run_checks(const std::string&, int64_t, std::function<void(Result<diag::Diagnosis>)> done) override {
    done(unavailable());
  }
  void refresh(const std::string&, int64_t, std::function<void(Result<diag::Diagnosis>)> done) override {
    done(unavailable());
  }

 private:
  static Error unavailable() { return make_error(ErrorCode::kUnavailable, "fake"); }
  std::mutex mu_;
  std::map<std::string, int> health_;
};

inline constexpr int64_t kStartMs = 1'790'000'000'000;

// A memory store with `devices` gateways "00E0FC-HG8245Q2-S0001".. (software "1.0", home
// "home-0001".. of account "1001"..), files "fw-2.0.bin" (version "2.0", HG8245Q2),
// "fw-1.0.bin" (version "1.0") and "fw-other.bin" (built for another model), and the service.
class CampaignFixture : public ::testing::Test {
 protected:
  void SetUp() override;
  void make_fleet(int devices);
  std::unique_ptr<CampaignService> make_service();

  int64_t now() const { return to_unix_ms(clock.now()); }
  void advance_minutes(int m) { clock.advance(std::chrono::minutes(m)); }
  void tick() { service->tick(now()); }
  // Creates and starts a campaign; returns its id.
  int64_t start(const nlohmann::json& body);
  nlohmann::json get(int64_t id);
  std::vector<store::CampaignTargetRecord> targets(int64_t id, int stage = -1, const std::string& state = "");
  // Finishes the target's current task (done or fault); a done firmware task also makes the
  // device report `version` ("" leaves it).
  void finish(const store::CampaignTargetRecord& t, bool ok, const std::string& version = "");
  // Finishes every running task of the campaign's stage: the first `failures` fail.
  void finish_stage(int64_t id, int stage, int failures, const std::string& version);
  static std::string device_id(int n);
  static std::string home_id(int n);

  store::memory::MemoryStore db;
  FakeClock clock{from_unix_ms(kStartMs)};
  FakeControl control{db};
  FakeDiagnosis diagnosis;
  CampaignOptions options;
  std::unique_ptr<CampaignService> service;
};

}  // namespace hearth::campaigns::testing
