// The diagnosis service: receives what devices tell the ACS (telemetry_sink.h), keeps each
// home's recent snapshots and finding state, evaluates the rules (diag/), stores time series,
// findings and diagnoses, detects offline homes and regional outages, schedules the WAN tests
// (TR-143 ping and speed test) and drives the Wi-Fi self-optimisation through DeviceControl
// tasks. The API reads it through DiagnosisReader (reader.h).
//
// Threads: one worker thread does all the analysis (snapshot building, rules, optimiser, store
// writes) from a queue, so a home's analysis state is only touched there; network threads only
// enqueue and read published results under a mutex. Time comes from the injected Clock; tick()
// may be called directly by tests (with start() not called) to run offline detection and
// retention at a chosen time.
#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

#include "acs/control.h"
#include "acs/telemetry_sink.h"
#include "core/clock.h"
#include "insight/options.h"
#include "insight/outage_source.h"
#include "insight/reader.h"
#include "insight/wan_quality_listener.h"
#include "store/store.h"

namespace hearth::insight {

class Insight final : public acs::TelemetrySink, public DiagnosisReader {
 public:
  // REQUIRES: store and clock outlive this object.
  Insight(InsightOptions options, store::Store& store, const Clock& clock);
  ~Insight() override;
  Insight(const Insight&) = delete;
  Insight& operator=(const Insight&) = delete;

  // Where tasks (WAN tests, neighbour scans, channel changes) and connection requests go. Set
  // before devices connect; null: the service only watches.
  void set_control(acs::DeviceControl* control);
  // Where confirmed regional incidents come from (incidents/). Null: the service judges regional
  // outages itself from the homes it sees offline (regional_min_homes, regional_min_share).
  void set_outage_source(OutageSource* source);
  // Where each home's line quality goes after its diagnosis (incidents/), when it changes.
  void set_wan_quality_listener(WanQualityListener* listener);
  // Starts the worker and the ticker; stop() ends them (queued work is finished first).
  void start();
  void stop();
  // Runs the queued work now on the calling thread (when not started) or waits until the worker
  // has done it (when started).
  void drain();
  // Offline detection, regional outages, check time-outs and retention, at the clock's time.
  void tick();
  // New rule thresholds (live settings): posted to the worker, used from the next analysis on.
  void set_rules(const diag::DiagConfig& rules);
  // The thresholds the worker uses now (after drain(), those of the last set_rules).
  diag::DiagConfig rules();

  // acs::TelemetrySink
  acs::TelemetryRead on_inform(const store::DeviceRecord& device, const std::vector<cwmp::EventStruct>& events,
                               const std::vector<cwmp::ParameterValue>& parameters, int64_t now_ms) override;
  void on_telemetry(const store::DeviceRecord& device, std::vector<cwmp::ParameterValue> values,
                    int64_t now_ms) override;
  void on_connection_request(const std::string& device_id, bool reached, int64_t now_ms) override;

  // DiagnosisReader
  Result<diag::Diagnosis> home_diagnosis(const std::string& home_id) override;
  Result<std::optional<diag::HomeSnapshot>> home_snapshot(const std::string& home_id) override;
  Result<diag::Diagnosis> device_diagnosis(const std::string& device_id) override;
  Result<std::vector<diag::Finding>> finding_history(const std::string& home_id, int64_t since_ms,
                                                     size_t limit) override;
  Result<std::vector<SeriesPoint>> series(const std::string& home_id, const std::string& key,
                                          int64_t from_ms, int64_t to_ms) override;
  Result<std::vector<std::string>> series_keys(const std::string& home_id) override;
  Result<FleetSummary> fleet_summary(size_t worst_limit) override;
  Result<std::vector<OptimisationEntry>> optimisation_log(const std::string& home_id, size_t limit) override;
  Status set_optimisation_enabled(const std::string& home_id, bool enabled) override;
  Result<bool> optimisation_enabled(const std::string& home_id) override;
  Status set_pinned_radios(const std::string& home_id, std::vector<std::string> radio_ids) override;
  Result<std::vector<std::string>> pinned_radios(const std::string& home_id) override;
  Result<std::vector<std::string>> homes_with_mac(const std::string& mac) override;
  Status line_event(const LineEvent& event) override;
  void run_checks(const std::string& home_id, int64_t timeout_ms,
                  std::function<void(Result<diag::Diagnosis>)> done) override;
  void refresh(const std::string& home_id, int64_t timeout_ms,
               std::function<void(Result<diag::Diagnosis>)> done) override;

  struct Home;  // per-home state (insight_home.h)

 private:
  void enqueue(std::function<void()> job);
  void worker_loop();
  void ticker_loop();
  std::shared_ptr<Home> home_for_device(const store::DeviceRecord& device);
  std::shared_ptr<Home> find_home(const std::string& home_id);
  void analyse(const std::shared_ptr<Home>& home, const store::DeviceRecord& device,
               std::vector<cwmp::ParameterValue> values, int64_t now_ms);
  static bool is_quiet(const Home& home, int64_t now_ms);
  void learn_read(Home& home, const store::DeviceRecord& device, const std::vector<cwmp::ParameterValue>& values);
  void evaluate(const std::shared_ptr<Home>& home, int64_t now_ms, bool with_sample);
  void run_optimiser(const std::shared_ptr<Home>& home, int64_t now_ms, store::WriteBatch& batch);
  void submit(store::TaskRecord task);
  void tick_now(int64_t now_ms);
  void finish_checks(const std::shared_ptr<Home>& home, bool timed_out);
  // REQUIRES: mutex_ held. Points the MAC index at the home's newest snapshot.
  void index_macs(Home& home);

  InsightOptions options_;
  store::Store& store_;
  const Clock& clock_;
  acs::DeviceControl* control_ = nullptr;
  OutageSource* outage_source_ = nullptr;
  WanQualityListener* wan_listener_ = nullptr;

  std::mutex mutex_;  // guards the maps and every Home's "shared" fields
  std::unordered_map<std::string, std::shared_ptr<Home>> by_device_;
  std::unordered_map<std::string, std::shared_ptr<Home>> by_home_;
  std::unordered_map<std::string, std::string> newest_firmware_;  // product class -> version
  diag::DiagConfig rules_in_use_;  // a copy of options_.rules for rules(), set by the worker
  // MAC (48 bits) of a station or a node in a home's newest snapshot -> the home (a phone may be
  // in more than one); kept by index_macs, so a search is one lookup instead of a scan of every
  // home. Integer keys keep it near 50 bytes a MAC (100k homes with 10 MACs each: ~50 MB).
  std::unordered_multimap<uint64_t, const Home*> homes_by_mac_;

  // The fleet summary's view of the homes this process has not analysed (their diagnosis is only
  // in the store, and changes only once they are analysed here, when the in-memory one wins):
  // read and parsed by the ticker thread's first round (or the first summary, if that comes sooner),
  // then again every kStoredFleetRefreshMs (homes added or deleted) by the ticker, so that no
  // request waits for the re-read while the service runs (66.7k homes: about 1.3 s).
  struct StoredDiagnosis {
    int health = 100;
    std::string primary_code;
    std::vector<std::string> open_codes;  // distinct
  };
  static constexpr int64_t kStoredFleetRefreshMs = 10 * 60'000;
  std::mutex fleet_refresh_mutex_;  // held through a read of the stored diagnoses; before fleet_mutex_
  std::mutex fleet_mutex_;  // guards the two below; taken before mutex_, never inside it
  std::unordered_map<std::string, StoredDiagnosis> stored_fleet_;
  int64_t stored_fleet_at_ms_ = -1;
  // Reads the stored diagnoses (unless another read made the view fresh meanwhile) without holding
  // fleet_mutex_, then swaps them in under it.
  Status refresh_stored_fleet(int64_t now_ms);
  // On the ticker thread: builds the view, or re-reads it when stale.
  void refresh_stored_fleet_if_stale();

  std::mutex queue_mutex_;
  // One condition each for the worker (work queued), drain() (the queue ran dry) and the ticker
  // (stop): a job queued wakes the worker only, and only when it may be waiting.
  std::condition_variable work_cv_;
  std::condition_variable idle_cv_;
  std::condition_variable ticker_cv_;
  std::deque<std::function<void()>> queue_;
  bool busy_ = false;
  bool stopping_ = false;
  bool started_ = false;
  std::thread worker_;
  std::thread ticker_;
  int64_t last_prune_ms_ = 0;
};

}  // namespace hearth::insight
