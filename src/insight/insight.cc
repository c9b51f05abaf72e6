// The diagnosis service: intake from the ACS, the worker, offline detection and retention.
#include "insight/insight.h"

#include <algorithm>
#include <atomic>
#include <spdlog/spdlog.h>

#include "diag/diagnosis_json.h"
#include "insight/finding_record.h"
#include "insight/insight_home.h"
#include "insight/wan_quality.h"

namespace hearth::insight {

namespace {

constexpr int64_t kDayMs = 86'400'000;
constexpr int64_t kHourMs = 3'600'000;
constexpr int64_t kPruneEveryMs = 3'600'000;
constexpr int64_t kRestoreDiagnosisMs = 15 * 60'000;  // an unchanged diagnosis is stored this often

bool has_event(const std::vector<cwmp::EventStruct>& events, const char* code) {
  return std::any_of(events.begin(), events.end(), [&](const auto& e) { return e.code == code; });
}

std::string finding_key(const diag::Finding& f) {
  return f.code + "|" + diag::entity_kind_name(f.entity.kind) + ":" + f.entity.id + "|" +
         std::to_string(f.start_ms);
}

}  // namespace

Insight::Insight(InsightOptions options, store::Store& store, const Clock& clock)
    : options_(std::move(options)), store_(store), clock_(clock), rules_in_use_(options_.rules) {}

Insight::~Insight() { stop(); }

void Insight::set_control(acs::DeviceControl* control) { control_ = control; }

void Insight::set_outage_source(OutageSource* source) { outage_source_ = source; }

void Insight::set_wan_quality_listener(WanQualityListener* listener) { wan_listener_ = listener; }

void Insight::set_rules(const diag::DiagConfig& rules) {
  // options_.rules is read by the worker only, so the worker changes it, between two analyses.
  enqueue([this, rules] {
    options_.rules = rules;
    std::lock_guard<std::mutex> lock(mutex_);
    rules_in_use_ = rules;
  });
}

diag::DiagConfig Insight::rules() {
  std::lock_guard<std::mutex> lock(mutex_);
  return rules_in_use_;
}

void Insight::start() {
  std::lock_guard<std::mutex> lock(queue_mutex_);
  if (started_) return;
  started_ = true;
  stopping_ = false;
  worker_ = std::thread([this] { worker_loop(); });
  ticker_ = std::thread([this] { ticker_loop(); });
}

void Insight::stop() {
  {
    std::lock_guard<std::mutex> lock(queue_mutex_);
    if (!started_) return;
    stopping_ = true;
  }
  work_cv_.notify_all();
  idle_cv_.notify_all();
  ticker_cv_.notify_all();
  if (ticker_.joinable()) ticker_.join();
  if (worker_.joinable()) worker_.join();
  std::lock_guard<std::mutex> lock(queue_mutex_);
  started_ = false;
}

void Insight::enqueue(std::function<void()> job) {
  bool was_empty = false;
  {
    std::lock_guard<std::mutex> lock(queue_mutex_);
    was_empty = queue_.empty();
    queue_.push_back(std::move(job));
  }
  // A queue that was not empty has a worker on its way to it already.
  if (was_empty) work_cv_.notify_one();
}

void Insight::drain() {
  std::unique_lock<std::mutex> lock(queue_mutex_);
  if (!started_) {
    while (!queue_.empty()) {
      auto job = std::move(queue_.front());
      queue_.pop_front();
      lock.unlock();
      job();
      lock.lock();
    }
    return;
  }
  idle_cv_.wait(lock, [&] { return (queue_.empty() && !busy_) || stopping_; });
}

void Insight::worker_loop() {
  std::unique_lock<std::mutex> lock(queue_mutex_);
  for (;;) {
    work_cv_.wait(lock, [&] { return !queue_.empty() || stopping_; });
    if (queue_.empty()) return;  // stopping, and everything done
    auto job = std::move(queue_.front());
    queue_.pop_front();
    busy_ = true;
    lock.unlock();
    try {
      job();
    } catch (const std::exception& e) {
      spdlog::error("diagnosis: {}", e.what());
    }
    lock.lock();
    busy_ = false;
    if (queue_.empty()) idle_cv_.notify_all();
  }
}

void Insight::ticker_loop() {
  refresh_stored_fleet_if_stale();  // the fleet summary's view of stored diagnoses, built at start
  std::unique_lock<std::mutex> lock(queue_mutex_);
  while (!stopping_) {
    ticker_cv_.wait_for(lock, std::chrono::milliseconds(options_.tick_ms), [&] { return stopping_; });
    if (stopping_) return;
    lock.unlock();
    tick();
    refresh_stored_fleet_if_stale();
    lock.lock();
  }
}

void Insight::tick() {
  const int64_t now = to_unix_ms(clock_.now());
  enqueue([this, now] { tick_now(now); });
}

std::shared_ptr<Insight::Home> Insight::home_for_device(const store::DeviceRecord& device) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = by_device_.find(device.id);
    if (it != by_device_.end()) return it->second;
  }
  auto home = std::make_shared<Home>();
  home->device_id = device.id;
  home->home_id = device.id;
  if (auto rec = store_.home_for_device(device.id); rec && rec->has_value()) {
    const store::HomeRecord& h = **rec;
    home->home_id = h.id;
    home->access_node = h.access_node_id;
    if (h.plan_down_kbps > 0) home->plan_down_mbps = h.plan_down_kbps / 1000.0;
    if (h.plan_up_kbps > 0) home->plan_up_mbps = h.plan_up_kbps / 1000.0;
  }
  // "" is written when switched back on.
  if (auto m = store_.get_meta("optimisation-off:" + home->home_id);
      m && m->has_value() && !(*m)->empty()) {
    home->optimisation_enabled = false;
  }
  load_optimiser_memory(store_, *home);
  if (auto d = store_.get_diagnosis(home->home_id); d && d->has_value()) {
    if (auto parsed = diag::diagnosis_from_json(nlohmann::json::parse((*d)->json, nullptr, false))) {
      home->diagnosis = std::move(*parsed);
    }
  }
  home->diagnosis.home_id = home->home_id;
  std::lock_guard<std::mutex> lock(mutex_);
  auto [it, inserted] = by_device_.emplace(device.id, home);
  if (inserted) by_home_[home->home_id] = home;
  return it->second;
}

std::shared_ptr<Insight::Home> Insight::find_home(const std::string& home_id) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = by_home_.find(home_id);
  return it == by_home_.end() ? nullptr : it->second;
}

acs::TelemetryRead Insight::on_inform(const store::DeviceRecord& device, const std::vector<cwmp::EventStruct>& events,
                                     const std::vector<cwmp::ParameterValue>& parameters, int64_t now_ms) {
  (void)parameters;
  if (!options_.enabled || device.id.empty()) return {};
  auto home = home_for_device(device);
  const bool boot = has_event(events, "1 BOOT");
  const bool results = has_event(events, "8 DIAGNOSTICS COMPLETE");
  acs::TelemetryRead read;
  WanTest test = WanTest::kNone;
  bool came_back = false;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    Home& h = *home;
    h.last_contact_ms = now_ms;
    h.interval_s = device.inform_interval_s;
    h.root = device.root;
    h.product_class = device.product_class;
    h.software_version = device.software_version;
    if (boot) {
      h.boots_ms.push_back(now_ms);
      std::erase_if(h.boots_ms, [&](int64_t t) { return t < now_ms - kDayMs; });
    }
    if (h.offline) {
      came_back = true;
      h.offline = false;
      h.line_event.clear();
    }
    if (!device.software_version.empty()) {
      std::string& newest = newest_firmware_[device.product_class];
      if (newest.empty() || compare_versions(device.software_version, newest) > 0) newest = device.software_version;
    }
    if (results) {
      for (auto& w : h.waiters) w.results_in = true;
      h.telemetry_now = true;
    }
    const bool bootstrap = has_event(events, "0 BOOTSTRAP");
    const bool booted_lately = !h.boots_ms.empty() && now_ms - h.boots_ms.back() < kHourMs;
    const int64_t interval = h.quiet && !booted_lately
                                 ? std::max(options_.telemetry_interval_ms, options_.telemetry_quiet_interval_ms)
                                 : options_.telemetry_interval_ms;
    const bool due = h.telemetry_now || boot || now_ms - h.last_telemetry_ms >= interval;
    if (due && !bootstrap && !device.root.empty()) {
      const bool narrow = !h.narrowed.empty() && h.narrowed_version == device.software_version &&
                          h.narrowed_faults < 2 && h.reads_since_full + 1 < options_.telemetry_full_every;
      if (narrow) {
        read.paths = diag::narrowed_telemetry_paths(device.root, h.narrowed);
        read.fallback = diag::telemetry_paths(device.root);
        ++h.reads_since_full;
      } else {
        read.paths = diag::telemetry_paths(device.root);
        h.reads_since_full = 0;
      }
      h.asked_narrowed = narrow;
      h.last_telemetry_ms = now_ms;
      h.telemetry_now = false;
    }
    if (!bootstrap && control_ != nullptr && !device.root.empty()) {
      test = due_wan_test(h.tests, h.latest ? &*h.latest : nullptr, options_, now_ms);
      if (test == WanTest::kPing) h.tests.ping_requested_ms = now_ms;
      if (test == WanTest::kDownload) h.tests.download_requested_ms = now_ms;
    }
  }
  if (test != WanTest::kNone) submit(wan_test_task(test, device.id, device.root, options_, now_ms));
  if (came_back) enqueue([this, home, now_ms] { evaluate(home, now_ms, false); });
  return read;
}

void Insight::on_telemetry(const store::DeviceRecord& device, std::vector<cwmp::ParameterValue> values,
                           int64_t now_ms) {
  if (!options_.enabled) return;
  auto home = home_for_device(device);
  enqueue([this, home, device, values = std::move(values), now_ms]() mutable {
    analyse(home, device, std::move(values), now_ms);
  });
}

void Insight::on_connection_request(const std::string& device_id, bool reached, int64_t now_ms) {
  if (!reached) return;  // a failed one says less than the missing informs already do
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = by_device_.find(device_id);
  if (it != by_device_.end()) it->second->last_contact_ms = std::max(it->second->last_contact_ms, now_ms);
}

void Insight::submit(store::TaskRecord task) {
  if (control_ == nullptr) return;
  const std::string device = task.device_id;
  control_->submit_task(std::move(task), [device](Result<store::TaskRecord> r) {
    if (!r) spdlog::warn("diagnosis: task for {} not queued: {}", device, r.error().message);
  });
}

void Insight::analyse(const std::shared_ptr<Home>& home, const store::DeviceRecord& device,
                      std::vector<cwmp::ParameterValue> values, int64_t now_ms) {
  learn_read(*home, device, values);
  diag::HomeSnapshot snap = diag::build_snapshot(device.id, device.root, values, now_ms, home->counters);
  if (home->first_analysis_ms == 0) home->first_analysis_ms = now_ms;
  auto& hist = home->history;
  hist.push_back(snap);
  const int64_t oldest = now_ms - options_.history_ms;
  auto keep = std::find_if(hist.begin(), hist.end() - 1, [&](const auto& s) { return s.time_ms >= oldest; });
  hist.erase(hist.begin(), keep);
  {
    std::lock_guard<std::mutex> lock(mutex_);
    home->latest = std::move(snap);
    index_macs(*home);
  }
  evaluate(home, now_ms, true);
}

// Nothing changing to watch closely: no finding about to open or close (a raise or clear
// condition waiting out its window), none that began or ended within the hour, no channel change
// waiting for its verdict, no neighbour scan asked for, and two snapshots at least (counters need
// a previous read). A finding that stays open (a station that is always far away) does not keep
// the home watched, and the firmware check never does: frequent reads would not tell more. The
// worker's view of the home.
bool Insight::is_quiet(const Home& home, int64_t now_ms) {
  if (home.history.size() < 2) return false;
  for (const auto& [key, f] : home.diag_state.findings) {
    if (f.finding.code == "SYS-FW-1") continue;
    if (!f.open && f.raise_since_ms != 0) return false;                    // about to open
    if (f.open && (f.clear_since_ms != 0 || now_ms - f.finding.start_ms < kHourMs)) return false;
    if (!f.open && f.finding.end_ms != 0 && now_ms - f.finding.end_ms < kHourMs) return false;
  }
  for (const auto& r : home.optimiser.radios) {
    if (!r.judged) return false;
  }
  return home.optimiser.scan_requested_ms <= home.optimiser.last_scan_ms;
}

// What the next narrowed reads ask for, learned from a full read's answer. The answer to a
// narrowed read teaches nothing new (it has the rows it was asked for), unless it is wider than
// asked: then it is the full read the session fell back to, the device having faulted the
// narrowed one.
void Insight::learn_read(Home& home, const store::DeviceRecord& device,
                         const std::vector<cwmp::ParameterValue>& values) {
  if (options_.telemetry_full_every <= 1) return;
  bool fell_back = false;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (home.asked_narrowed && home.narrowed_version == device.software_version) {
      fell_back = diag::wifi_row_leaf_count(values) > diag::narrowed_leaf_count(home.narrowed);
      if (!fell_back) return;
    }
  }
  diag::NarrowedRead learned = diag::learn_narrowed_read(device.root, values);
  std::lock_guard<std::mutex> lock(mutex_);
  if (home.narrowed_version != device.software_version) {
    home.narrowed_version = device.software_version;
    home.narrowed_faults = 0;
  } else if (fell_back && home.narrowed_faults < 255) {
    ++home.narrowed_faults;
  }
  home.narrowed = std::move(learned);
}

void Insight::evaluate(const std::shared_ptr<Home>& home, int64_t now_ms, bool with_sample) {
  diag::HomeContext ctx;
  bool hold_wan = false;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    const Home& h = *home;
    ctx.home_id = h.home_id;
    ctx.device_id = h.device_id;
    ctx.access_node_id = h.access_node;
    ctx.plan_down_mbps = h.plan_down_mbps;
    ctx.plan_up_mbps = h.plan_up_mbps;
    ctx.last_contact_ms = h.last_contact_ms;
    ctx.expected_interval_s = h.interval_s;
    ctx.offline = h.offline;
    ctx.offline_since_ms = h.offline_since_ms;
    if (h.incident_id != 0 && !h.offline) {
      // Affected by a confirmed incident before its own Informs are overdue: unreachable all the
      // same, so its individual findings are held back while the incident lasts.
      ctx.offline = true;
      ctx.offline_since_ms = h.last_contact_ms;
    }
    ctx.line_event = h.line_event;
    ctx.line_event_ms = h.line_event_ms;
    ctx.regional_outage = h.regional_outage;
    // In a "degraded" area while reachable: OUT-REG-1 says so, and the WAN findings wait.
    hold_wan = h.degraded_incident != 0 && !ctx.offline;
    ctx.boots_ms = h.boots_ms;
    if (auto it = newest_firmware_.find(h.product_class); it != newest_firmware_.end()) {
      ctx.latest_firmware = it->second;
    }
  }
  diag::RuleInput in{ctx, std::span<const diag::HomeSnapshot>(home->history), now_ms};
  std::vector<diag::Finding> ended;
  diag::Diagnosis d = diag::evaluate(in, options_.rules, home->diag_state, &ended);
  d.home_id = home->home_id;
  d.time_ms = now_ms;
  // The line as the findings say, before any is held back (else it would seem fine).
  report_line_quality(wan_listener_, home->home_id, line_quality(d, home->first_analysis_ms),
                      home->line_reported, now_ms);
  if (hold_wan) hold_back_wan(d, home->history.empty() ? nullptr : &home->history.back());

  store::WriteBatch batch;
  bool changed = false;  // the diagnosis itself: stored when it changed
  for (const auto& f : d.findings) {
    const std::string key = finding_key(f);
    auto& written = home->written_findings;
    if (std::find(written.begin(), written.end(), key) != written.end()) continue;
    written.push_back(key);
    batch.add(store::PutFinding{finding_record(home->home_id, f)});
    changed = true;
  }
  for (const auto& f : ended) {
    std::erase(home->written_findings, finding_key(f));
    batch.add(store::PutFinding{finding_record(home->home_id, f)});
    changed = true;
  }
  {
    std::lock_guard<std::mutex> lock(mutex_);
    const diag::Diagnosis& before = home->diagnosis;
    if (before.time_ms == 0 || before.health != d.health || before.findings.size() != d.findings.size() ||
        (before.primary ? before.primary->code : "") != (d.primary ? d.primary->code : "") ||
        now_ms - home->diagnosis_stored_ms >= kRestoreDiagnosisMs) {
      changed = true;
    }
  }
  if (changed) {
    home->diagnosis_stored_ms = now_ms;
    batch.add(store::PutDiagnosis{{home->home_id, now_ms, d.health, d.primary ? d.primary->code : "",
                                   diag::diagnosis_to_json(d).dump()}});
  }
  if (changed || with_sample) {
    // With a sample, the snapshot analyse() just added (the worker's own copy of `latest`).
    const Points points =
        with_sample && !home->history.empty() ? points_of(home->history.back(), d) : health_points(d);
    batch.add(store::PutTelemetrySample{{home->home_id, now_ms, encode_points(points)}});
    // The hour's rollup is stored when the hour is over (its samples stay raw for 48 hours).
    if (hour_of(now_ms) != home->rollup_hour_ms) {
      if (!home->rollup.empty()) {
        batch.add(store::PutTelemetryRollup{{home->home_id, home->rollup_hour_ms, encode_rollup(home->rollup)}});
      }
      home->rollup_hour_ms = hour_of(now_ms);
      home->rollup.clear();
    }
    add_points(home->rollup, points);
  }
  if (with_sample) run_optimiser(home, now_ms, batch);
  if (!batch.empty()) {
    store_.write(std::move(batch), [id = home->home_id](Status st) {
      if (!st) spdlog::error("diagnosis of {} not stored: {}", id, st.error().message);
    });
  }
  const bool quiet = is_quiet(*home, now_ms);
  std::vector<Home::Waiter> done;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    home->quiet = quiet;
    home->diagnosis = d;
    auto split = std::partition(home->waiters.begin(), home->waiters.end(),
                                [&](const Home::Waiter& w) { return !(w.results_in && with_sample); });
    done.assign(std::make_move_iterator(split), std::make_move_iterator(home->waiters.end()));
    home->waiters.erase(split, home->waiters.end());
  }
  for (auto& w : done) w.done(d);
}

void Insight::tick_now(int64_t now_ms) {
  std::map<std::string, uint64_t> totals;
  std::unordered_map<std::string, int64_t> in_incidents;
  std::unordered_map<std::string, int64_t> in_degraded;
  if (outage_source_ != nullptr) {
    in_incidents = outage_source_->homes_in_confirmed_incidents();
    in_degraded = outage_source_->homes_in_degraded_incidents();
  } else if (auto counts = store_.count_homes_by_access_node()) {
    totals = std::move(*counts);
  }
  std::vector<std::shared_ptr<Home>> to_evaluate;
  std::vector<std::pair<std::shared_ptr<Home>, Home::Waiter>> expired;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    std::map<std::string, uint64_t> offline_by_node;
    for (auto& [id, home] : by_home_) {
      Home& h = *home;
      const bool off = is_offline(h.last_contact_ms, h.interval_s, now_ms, options_.offline_grace_ms);
      if (off && !h.offline) {
        h.offline = true;
        h.offline_since_ms = h.last_contact_ms + std::max<int64_t>(h.interval_s, 1) * 1000;
      }
      // A home whose line reported its own cause (power, line down) does not count towards an
      // outage of its access node: independent failures must not add up to a regional one.
      if (h.offline && h.line_event.empty() && !h.access_node.empty()) ++offline_by_node[h.access_node];
    }
    for (auto& [id, home] : by_home_) {
      Home& h = *home;
      bool regional = false;
      int64_t incident = 0;
      int64_t degraded = 0;  // an area whose lines work badly: the cause while the home answers
      if (outage_source_ != nullptr) {
        auto it = in_incidents.find(h.home_id);
        if (it != in_incidents.end()) incident = it->second;
        if (auto d = in_degraded.find(h.home_id); d != in_degraded.end() && !h.offline) degraded = d->second;
        regional = incident != 0 || degraded != 0;
      } else {
        const auto total = totals.find(h.access_node);
        regional = h.offline && h.line_event.empty() && total != totals.end() &&
                   is_regional_outage(offline_by_node[h.access_node], total->second,
                                      options_.regional_min_homes, options_.regional_min_share);
      }
      if (h.offline || regional != h.regional_outage || incident != h.incident_id ||
          degraded != h.degraded_incident)
        to_evaluate.push_back(home);
      h.regional_outage = regional;
      h.incident_id = incident;
      h.degraded_incident = degraded;
      auto split = std::partition(h.waiters.begin(), h.waiters.end(),
                                  [&](const Home::Waiter& w) { return w.deadline_ms > now_ms; });
      for (auto w = split; w != h.waiters.end(); ++w) expired.emplace_back(home, std::move(*w));
      h.waiters.erase(split, h.waiters.end());
    }
  }
  for (const auto& home : to_evaluate) evaluate(home, now_ms, false);
  for (auto& [home, w] : expired) {
    diag::Diagnosis d;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      d = home->diagnosis;
    }
    w.done(std::move(d));  // what is known now
  }
  if (now_ms - last_prune_ms_ >= kPruneEveryMs) {
    last_prune_ms_ = now_ms;
    store::PruneDiagnosis p;
    p.raw_before_ms = now_ms - options_.raw_retention_ms;
    p.rollup_before_ms = now_ms - options_.rollup_retention_ms;
    p.findings_before_ms = now_ms - options_.findings_retention_ms;
    p.optimisations_before_ms = now_ms - options_.findings_retention_ms;
    store::WriteBatch b;
    b.add(p);
    store_.write(std::move(b), [](Status st) {
      if (!st) spdlog::error("diagnosis retention failed: {}", st.error().message);
    });
  }
}

void Insight::refresh(const std::string& home_id, int64_t timeout_ms,
                      std::function<void(Result<diag::Diagnosis>)> done) {
  auto home = find_home(home_id);
  if (!home) {
    done(home_diagnosis(home_id));  // unknown (404) or never seen: nothing to read
    return;
  }
  // Answered once: by the next analysis with a sample, a failed connection request, or the tick
  // after the deadline; whichever comes first.
  auto answered = std::make_shared<std::atomic<bool>>(false);
  auto answer = [answered, done = std::move(done)](Result<diag::Diagnosis> d) {
    if (!answered->exchange(true)) done(std::move(d));
  };
  const int64_t now = to_unix_ms(clock_.now());
  std::string device_id;
  bool wait = false;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    device_id = home->device_id;
    if (control_ != nullptr && !home->root.empty()) {
      // results_in from the start: any fresh sample completes it (no test results awaited).
      home->waiters.push_back({now + timeout_ms, now, true, answer});
      home->telemetry_now = true;
      wait = true;
    }
  }
  if (!wait) {
    answer(home_diagnosis(home_id));
    return;
  }
  control_->connection_request(device_id, [this, home_id, answer](acs::ConnectionRequestOutcome outcome) {
    if (outcome == acs::ConnectionRequestOutcome::kOk || outcome == acs::ConnectionRequestOutcome::kInSession) return;
    answer(home_diagnosis(home_id));  // the gateway cannot be reached now: what is known
  });
}

}  // namespace hearth::insight
