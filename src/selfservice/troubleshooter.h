// Guided troubleshooting against the live home (troubleshoot_desk.h): finds the customer's home,
// refreshes it live (connection request, fresh telemetry, diagnosis), gathers the facts the flow
// needs (the area's incident from the IncidentDesk, the gateway's last contact, the snapshot, the
// firmware images in the store, the band steering switch in the stored tree), evaluates the flow
// (flow.h) and keeps the run in the store (TroubleshootRecord, run_doc.h).
//
// Fixes run as tasks through DeviceControl; each is written to the audit log (actor "customer").
// After a fix: a fresh read, verify() and the flow again. A fix that takes longer than
// answer_within_ms (a restart takes minutes) is answered with its action "running" and finishes in
// the background; GET shows its progress. Nothing blocks a thread while waiting: every wait is a
// callback of DeviceControl or the DiagnosisReader.
//
// Thread safe. Runs being written are kept in memory until their write is committed, so that a
// change right after another never reads the older stored version.
#pragma once

#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "acs/control.h"
#include "core/clock.h"
#include "incidents/desk.h"
#include "insight/reader.h"
#include "selfservice/flow.h"
#include "selfservice/troubleshoot_desk.h"
#include "store/store.h"

namespace hearth::selfservice {

struct TroubleshooterOptions {
  int64_t refresh_timeout_ms = 2'500;       // the live refresh of a start (target: a step in < 3 s)
  int64_t answer_within_ms = 20'000;        // a fix still running then is answered "running"
  int64_t fix_timeout_ms = 120'000;         // channel, Wi-Fi restart, band steering, speed test
  int64_t restart_timeout_ms = 300'000;     // the gateway's restart
  int64_t firmware_timeout_ms = 900'000;    // download, install and restart
  int refresh_attempts = 3;                 // fresh reads after a speed test until its result is in
  std::string speed_test_url = "http://speedtest.hearth.example/100MB.bin";
};

class Troubleshooter final : public TroubleshootDesk {
 public:
  // REQUIRES: everything passed outlives this object; `incidents` may be null (the area check
  // then rests on the diagnosis alone). Ticket ids continue after the store's largest.
  Troubleshooter(store::Store& store, acs::DeviceControl& control, insight::DiagnosisReader& reader,
                 incidents::IncidentDesk* incidents, const Clock& clock, TroubleshooterOptions options = {});
  ~Troubleshooter() override;

  void start(const std::string& account, const StartInput& input, RunCallback done) override;
  void get(const std::string& account, const std::string& run_id, const std::string& lang,
           RunCallback done) override;
  void apply_fix(const std::string& account, const std::string& run_id, const FixInput& input,
                 RunCallback done) override;
  void finish(const std::string& account, const std::string& run_id, const FinishInput& input,
              RunCallback done) override;

  struct FixJob;  // a fix in flight (troubleshooter_fixes.cc)

 private:
  int64_t now_ms() const;
  // The run document of this account (kNotFound for another's or none).
  Result<nlohmann::json> load(const std::string& account, const std::string& run_id);
  // Writes the run (with `extra` ops in the same batch); `then` runs after the commit.
  void save(const nlohmann::json& doc, store::WriteBatch extra, std::function<void(Status)> then);
  // Reads the facts of the run's home now and evaluates the flow into the document.
  // `refreshed`: what the live refresh answered; `requested_ms`: when it was asked for.
  void evaluate_into(nlohmann::json& doc, const Result<diag::Diagnosis>& refreshed, int64_t requested_ms);
  nlohmann::json render(const nlohmann::json& doc, const std::string& lang);
  // Saves and answers with the run rendered in `lang`.
  void save_and_answer(const nlohmann::json& doc, store::WriteBatch extra, const std::string& lang,
                       RunCallback done);
  std::optional<std::string> kb_title(const std::string& id, const std::string& lang);

  // Fixes (troubleshooter_fixes.cc).
  Result<std::vector<store::TaskRecord>> plan_fix(const nlohmann::json& doc, const std::string& fix,
                                                  const std::string& target,
                                                  const std::optional<diag::HomeSnapshot>& before);
  void run_next_task(std::shared_ptr<FixJob> job);
  void wait_for(std::shared_ptr<FixJob> job, int64_t task_id);
  void after_tasks(std::shared_ptr<FixJob> job, bool ok);
  void refresh_after(std::shared_ptr<FixJob> job, int attempts_left);
  void finish_fix(std::shared_ptr<FixJob> job, const Result<diag::Diagnosis>& refreshed, int64_t requested_ms);

  store::Store& store_;
  acs::DeviceControl& control_;
  insight::DiagnosisReader& reader_;
  incidents::IncidentDesk* incidents_;
  const Clock& clock_;
  TroubleshooterOptions options_;

  std::mutex mu_;
  struct Pending {
    nlohmann::json doc;
    uint64_t version = 0;
  };
  std::map<std::string, Pending> pending_;  // runs written but not yet committed
  uint64_t version_ = 0;
};

}  // namespace hearth::selfservice
