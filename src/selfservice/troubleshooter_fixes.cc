// The troubleshooter's one-click fixes: the tasks each one runs, the waits (answered "running"
// after answer_within_ms, finished in the background), the fresh read, verify() and the flow again
// (troubleshooter.h).
#include <algorithm>
#include <limits>

#include "core/ids.h"
#include "diag/optimiser.h"
#include "diag/optimiser/channel_plan.h"
#include "insight/checks.h"
#include "selfservice/run_doc.h"
#include "selfservice/troubleshooter.h"

namespace hearth::selfservice {

using nlohmann::json;

struct Troubleshooter::FixJob {
  json doc;
  std::string account;
  std::string lang;
  std::string fix;
  std::string target;
  RunCallback done;
  bool responded = false;              // answered "running" already; the rest is in the background
  int background_waits = 0;
  int64_t applied_ms = 0;
  int64_t deadline_ms = 0;
  std::vector<store::TaskRecord> tasks;  // still to run, in order
  std::vector<int64_t> task_ids;
  std::optional<diag::HomeSnapshot> before;
  std::string firmware_before;
};

namespace {

std::string str_of(const json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

bool finished(store::TaskState s) {
  return s == store::TaskState::kDone || s == store::TaskState::kFault || s == store::TaskState::kCancelled;
}

store::TaskRecord task_for(const std::string& device_id, const std::string& name, json args, int64_t now) {
  store::TaskRecord t;
  t.device_id = device_id;
  t.name = name;
  t.args_json = args.dump();
  t.created_ms = t.updated_ms = t.next_attempt_ms = now;
  return t;
}

json& last_action(json& doc) {
  return doc["actions"].back();
}

}  // namespace

Result<std::vector<store::TaskRecord>> Troubleshooter::plan_fix(const json& doc, const std::string& fix,
                                                                const std::string& target,
                                                                const std::optional<diag::HomeSnapshot>& before) {
  const std::string device_id = str_of(doc, "deviceId");
  auto device = store_.get_device(device_id);
  if (!device) return device.error();
  if (!device->has_value()) return make_error(ErrorCode::kConflict, "the router is not known yet");
  const store::DeviceRecord& d = **device;
  const int64_t now = now_ms();
  std::vector<store::TaskRecord> tasks;
  const bool tr098 = d.root == "InternetGatewayDevice.";
  if (fix == "restart-gateway") {
    tasks.push_back(task_for(d.id, "reboot", {{"name", "reboot"}, {"maxAttempts", 1}}, now));
  } else if (fix == "update-firmware") {
    const std::string file = str_of(doc, "firmwareFile");
    if (file.empty()) return make_error(ErrorCode::kConflict, "no newer firmware for this router");
    tasks.push_back(task_for(d.id, "download", {{"name", "download"}, {"fileId", file}, {"maxAttempts", 1}}, now));
  } else if (fix == "speed-test") {
    insight::InsightOptions o;
    o.speed_test_url = options_.speed_test_url;
    tasks.push_back(insight::wan_test_task(insight::WanTest::kDownload, d.id, d.root, o, now));
  } else if (fix == "move-to-5ghz") {
    const std::string path = str_of(doc, "bandSteeringPath");
    if (path.empty()) return make_error(ErrorCode::kConflict, "this router cannot steer devices between bands");
    tasks.push_back(insight::set_values_task(d.id, {{path, "true", cwmp::ValueType::kBoolean}}, now));
  } else if (fix == "change-channel" || fix == "restart-wifi") {
    if (!before) return make_error(ErrorCode::kConflict, "no Wi-Fi data from the router yet");
    if (fix == "change-channel") {
      auto r = std::find_if(before->radios.begin(), before->radios.end(),
                            [&](const diag::Radio& x) { return x.id == target && !x.path.empty(); });
      if (r == before->radios.end()) return make_error(ErrorCode::kConflict, "no such radio: " + target);
      std::vector<diag::NeighbourBss> scan;
      if (!tr098) {
        if (auto params = store_.get_parameters(d.id, "Device.WiFi.NeighboringWiFiDiagnostic.")) {
          std::vector<cwmp::ParameterValue> values;
          for (const auto& p : *params) values.push_back({p.name, p.value, p.type});
          scan = diag::parse_neighbour_scan(values);
        }
      }
      // The quietest channel by the optimiser's scores, other than the one in use.
      int best = -1;
      double best_score = std::numeric_limits<double>::infinity();
      for (const diag::ChannelScore& s : diag::score_channels(*before, *r, scan)) {
        if (s.channel != r->channel && s.score < best_score) {
          best = s.channel;
          best_score = s.score;
        }
      }
      if (best < 0) return make_error(ErrorCode::kConflict, "no other channel for this radio");
      tasks.push_back(insight::set_values_task(
          d.id,
          {{r->path + "Channel", std::to_string(best), tr098 ? cwmp::ValueType::kInt : cwmp::ValueType::kUnsignedInt},
           {r->path + "AutoChannelEnable", "false", cwmp::ValueType::kBoolean}},
          now));
    } else {
      std::vector<cwmp::ParameterValue> off, on;
      for (const auto& r : before->radios) {
        if (r.path.empty()) continue;
        if (r.enabled) off.push_back({r.path + "Enable", "false", cwmp::ValueType::kBoolean});
        on.push_back({r.path + "Enable", "true", cwmp::ValueType::kBoolean});
      }
      if (on.empty()) return make_error(ErrorCode::kConflict, "no Wi-Fi radios on the router");
      if (!off.empty()) tasks.push_back(insight::set_values_task(d.id, off, now));
      tasks.push_back(insight::set_values_task(d.id, on, now));
      // Turning the Wi-Fi back on must not give up easily.
      json args = json::parse(tasks.back().args_json);
      args["maxAttempts"] = 5;
      tasks.back().args_json = args.dump();
    }
  }
  for (auto& t : tasks) {
    t.id = next_unique_id();
    t.state = store::TaskState::kPending;
    t.origin = "selfservice:" + str_of(doc, "id");
  }
  return tasks;
}

void Troubleshooter::apply_fix(const std::string& account, const std::string& run_id, const FixInput& input,
                               RunCallback done) {
  if (!is_fix_id(input.fix)) return done(make_error(ErrorCode::kInvalidArgument, "fix: unknown '" + input.fix + "'"));
  Result<json> loaded = load(account, run_id);
  if (!loaded) return done(loaded.error());
  json doc = std::move(*loaded);
  if (str_of(doc, "state") != "open") return done(make_error(ErrorCode::kConflict, "the run has ended"));
  if (fix_running(doc)) return done(make_error(ErrorCode::kConflict, "a fix is still running"));
  const std::optional<std::string> target = offered_target(doc, input.fix, input.target);
  if (!target) return done(make_error(ErrorCode::kConflict, "the run does not offer " + input.fix));
  auto job = std::make_shared<FixJob>();
  if (auto snap = reader_.home_snapshot(str_of(doc, "homeId")); snap && snap->has_value()) job->before = **snap;
  Result<std::vector<store::TaskRecord>> tasks = plan_fix(doc, input.fix, *target, job->before);
  if (!tasks) return done(tasks.error());
  const int64_t now = now_ms();
  job->account = account;
  job->lang = input.lang;
  job->fix = input.fix;
  job->target = *target;
  job->done = std::move(done);
  job->applied_ms = now;
  job->firmware_before = str_of(doc, "firmwareVersion");
  const int64_t timeout = input.fix == "restart-gateway"   ? options_.restart_timeout_ms
                          : input.fix == "update-firmware" ? options_.firmware_timeout_ms
                                                           : options_.fix_timeout_ms;
  job->deadline_ms = now + timeout;
  job->tasks = std::move(*tasks);
  for (const auto& t : job->tasks) job->task_ids.push_back(t.id);
  doc["actions"].push_back({{"fix", input.fix},
                            {"target", *target},
                            {"state", "running"},
                            {"text", messages_json({Message{"action.running", {}}})},
                            {"verified", nullptr},
                            {"atMs", now},
                            {"taskIds", job->task_ids}});
  doc["updatedMs"] = now;
  job->doc = doc;
  // Marked running (in memory at once, in the store soon) before anything is sent.
  save(doc, {}, [](Status) {});
  run_next_task(std::move(job));
}

void Troubleshooter::run_next_task(std::shared_ptr<FixJob> job) {
  if (job->tasks.empty()) return after_tasks(std::move(job), true);
  store::TaskRecord task = std::move(job->tasks.front());
  job->tasks.erase(job->tasks.begin());
  const std::string device_id = task.device_id;
  control_.submit_task(std::move(task), [this, job, device_id](Result<store::TaskRecord> stored) {
    if (!stored) return after_tasks(job, false);
    const int64_t id = stored->id;
    control_.connection_request(device_id, [this, job, id](acs::ConnectionRequestOutcome) { wait_for(job, id); });
  });
}

void Troubleshooter::wait_for(std::shared_ptr<FixJob> job, int64_t task_id) {
  const int64_t now = now_ms();
  int64_t until = job->deadline_ms;
  if (!job->responded) until = std::min(until, job->applied_ms + options_.answer_within_ms);
  const auto timeout = std::chrono::milliseconds(std::max<int64_t>(1, until - now));
  control_.wait_task(task_id, timeout, [this, job, task_id](Result<store::TaskRecord> r) {
    if (r && finished(r->state)) {
      if (r->state != store::TaskState::kDone) return after_tasks(job, false);
      return run_next_task(job);
    }
    if (!r) return after_tasks(job, false);
    if (!job->responded) {
      // Still running (a restart takes minutes): answer now, finish in the background.
      job->responded = true;
      job->done(render(job->doc, job->lang));
      return wait_for(job, task_id);
    }
    if (++job->background_waits >= 2 || now_ms() >= job->deadline_ms) {
      json& a = last_action(job->doc);
      a["state"] = "failed";
      a["text"] = messages_json({Message{"action.timeout", {}}});
      return after_tasks(job, false);
    }
    wait_for(job, task_id);
  });
}

void Troubleshooter::after_tasks(std::shared_ptr<FixJob> job, bool ok) {
  if (!ok) {
    json& a = last_action(job->doc);
    if (str_of(a, "state") != "failed") {
      a["state"] = "failed";
      a["text"] = messages_json({Message{"action.failed", {}}});
    }
    return finish_fix(job, make_error(ErrorCode::kUnavailable, "fix failed"), 0);
  }
  refresh_after(std::move(job), options_.refresh_attempts);
}

void Troubleshooter::refresh_after(std::shared_ptr<FixJob> job, int attempts_left) {
  const std::string home_id = str_of(job->doc, "homeId");
  const int64_t requested = now_ms();
  reader_.refresh(home_id, options_.refresh_timeout_ms,
                  [this, job, home_id, requested, attempts_left](Result<diag::Diagnosis> d) {
                    // A speed test's result arrives after the test: read again until it is in.
                    if (job->fix == "speed-test" && attempts_left > 1 && now_ms() < job->deadline_ms) {
                      auto snap = reader_.home_snapshot(home_id);
                      const bool in = snap && snap->has_value() &&
                                      (**snap).wan.download.time_ms > job->applied_ms;
                      if (!in) return refresh_after(job, attempts_left - 1);
                    }
                    finish_fix(job, d, requested);
                  });
}

void Troubleshooter::finish_fix(std::shared_ptr<FixJob> job, const Result<diag::Diagnosis>& refreshed,
                                int64_t requested_ms) {
  json& doc = job->doc;
  const std::string home_id = str_of(doc, "homeId");
  const std::string device_id = str_of(doc, "deviceId");
  json& a = last_action(doc);
  const bool failed = str_of(a, "state") == "failed";
  if (!failed) {
    VerifyInput in;
    in.fix = job->fix;
    in.target = job->target;
    in.applied_ms = job->applied_ms;
    in.before = job->before;
    if (auto snap = reader_.home_snapshot(home_id); snap && snap->has_value()) in.after = **snap;
    if (auto d = store_.get_device(device_id); d && d->has_value()) {
      in.last_boot_ms = (*d)->last_boot_ms;
      in.firmware_after = (*d)->software_version;
    }
    in.firmware_before = job->firmware_before;
    const std::optional<bool> ok = verify(in);
    a["state"] = "done";
    a["verified"] = ok ? json(*ok) : json(nullptr);
    a["text"] = messages_json({Message{!ok ? "action.unverified" : *ok ? "action.verified" : "action.not_verified", {}}});
  }
  a["doneMs"] = now_ms();
  // The flow again, with this fix among those tried.
  evaluate_into(doc, refreshed, requested_ms > 0 ? requested_ms : std::numeric_limits<int64_t>::max());
  store::WriteBatch audit;
  audit.add(store::AddAudit{{0, now_ms(), "customer", job->account, "fix." + job->fix, job->account, home_id,
                             device_id, failed ? "failed" : "ok",
                             json{{"runId", str_of(doc, "id")},
                                  {"target", job->target},
                                  {"taskIds", job->task_ids},
                                  {"verified", a.value("verified", json(nullptr))}}
                                 .dump()}});
  save(doc, std::move(audit), [this, job](Status st) {
    if (job->responded) return;  // answered "running" earlier; GET shows the outcome
    job->responded = true;
    if (!st) return job->done(st.error());
    job->done(render(job->doc, job->lang));
  });
}

}  // namespace hearth::selfservice
