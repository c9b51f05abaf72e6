// The campaign service: CampaignDesk for the API, and the runner that moves campaigns forward.
//
// tick(now) does one pass over the campaigns that still have work: it follows each target's
// task (store::get_task) and, for firmware, the software version the device reports afterwards;
// starts the current stage's pending targets as tasks (a Download of the campaign's file, or a
// SetParameterValues that first records the values it replaces), at most `max_in_flight` per
// campaign, each with a connection request so it runs now and an audit entry ("campaign.task",
// actor "campaign:<id>"); judges the stage (plan.h) and halts the campaign past its thresholds,
// or observes the stage's homes for observe_minutes and compares their mean health before and
// after; then advances (autoAdvance) or pauses before the next stage. Rollback runs the same way
// with the rollback file or the recorded values.
//
// Everything lives in the store (store::CampaignRecord, CampaignTargetRecord): a restarted
// service picks up where the last one stopped. A target's row is written (state running, its
// task id) before the task is submitted, so that a crash in between leaves a task id to follow;
// a task that never got stored is submitted again.
//
// Thread safety: every public method may be called from any thread; one mutex serialises the
// passes and the operators' actions (which wait for the store's commit, never for a CPE).
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "acs/control.h"
#include "campaigns/campaign.h"
#include "campaigns/desk.h"
#include "core/clock.h"
#include "insight/reader.h"
#include "store/store.h"

namespace hearth::campaigns {

struct CampaignOptions {
  size_t max_in_flight = 20;                      // tasks running at once, per campaign
  int64_t task_timeout_ms = int64_t{30} * 60000;  // a target's task must finish within this
  // After a firmware task is done, how long the device may take to report the new version.
  int64_t version_timeout_ms = int64_t{15} * 60000;
  // A target whose task is not in the store this long after it was recorded is submitted again.
  int64_t lost_task_ms = 60000;
  size_t max_devices = 100000;                    // largest selection a campaign may have
};

class CampaignService final : public CampaignDesk {
 public:
  // `diagnosis` may be null: stages are then judged on their failure rate only.
  CampaignService(store::Store& store, acs::DeviceControl& control, const Clock& clock,
                  insight::DiagnosisReader* diagnosis, CampaignOptions options = {});
  ~CampaignService() override;

  // One pass (see above). The server calls it every few seconds; tests call it directly.
  void tick(int64_t now_ms);
  // For the server: a thread that runs tick(clock now) every `interval` until stop() (which the
  // destructor also calls). Tests call tick() instead.
  void start(std::chrono::milliseconds interval);
  void stop();

  // ---- CampaignDesk ----
  Result<nlohmann::json> create(const nlohmann::json& body, const std::string& created_by) override;
  Result<nlohmann::json> preview(const nlohmann::json& body) override;
  Result<nlohmann::json> get(int64_t id) override;
  Result<nlohmann::json> list() override;
  Result<nlohmann::json> targets(int64_t id, int stage, const std::string& state) override;
  Result<nlohmann::json> act(int64_t id, const std::string& action, const std::string& actor) override;

 private:
  using Targets = std::vector<store::CampaignTargetRecord>;
  // A task to submit once the pass's batch (with the target's row) is committed.
  struct Submission {
    store::TaskRecord task;
  };
  // What one pass over one campaign changes.
  struct Pass {
    int64_t now_ms = 0;
    std::vector<size_t> changed;            // indexes into the targets
    std::vector<store::AuditRecord> audits;
    std::vector<Submission> submissions;
    void touch(size_t i) { changed.push_back(i); }
  };
  struct SubmitErrors;  // failures reported by submit_task callbacks, taken at the next pass

  int64_t now_ms() const;
  Result<Campaign> load(int64_t id);
  Result<Targets> load_targets(int64_t id);
  Result<std::vector<store::DeviceRecord>> resolve(const Selection& selection);
  Status check_firmware(Campaign& c, const std::vector<store::DeviceRecord>& devices);
  Status check_config(const Campaign& c);
  Status save(const Campaign& c, const Targets& targets, const Pass& pass);
  Result<nlohmann::json> view(int64_t id);

  // runner_tick.cc
  using Refused = std::map<int64_t, std::string>;  // task id -> why submit_task refused it
  void process(Campaign& c, Targets& targets, const Refused& refused, int64_t now);
  void follow(Campaign& c, Targets& targets, const Refused& refused, Pass& pass);
  void advance(Campaign& c, Targets& targets, Pass& pass);
  void roll_back(Campaign& c, Targets& targets, Pass& pass);
  void start_targets(Campaign& c, Targets& targets, int stage, bool rollback, Pass& pass);
  Result<store::TaskRecord> make_task(const Campaign& c, store::CampaignTargetRecord& target,
                                      bool rollback, int64_t now);
  std::optional<double> mean_health(const Targets& targets, int stage);
  void halt(Campaign& c, const std::string& reason, int64_t now);
  void submit(const Submission& s);

  store::Store& store_;
  acs::DeviceControl& control_;
  const Clock& clock_;
  insight::DiagnosisReader* diagnosis_;
  CampaignOptions options_;
  std::mutex mu_;
  int64_t last_id_ = 0;
  // Campaigns with nothing left to do or follow; skipped by the passes until an action.
  std::set<int64_t> settled_;
  std::shared_ptr<SubmitErrors> submit_errors_;
  // The ticker thread (start/stop).
  std::mutex ticker_mu_;
  std::condition_variable ticker_cv_;
  bool stopping_ = false;
  std::thread ticker_;
};

}  // namespace hearth::campaigns
