// CampaignService's passes: follow tasks, start targets, judge stages, roll back (runner.h).
#include <algorithm>
#include <utility>

#include <spdlog/spdlog.h>

#include "campaigns/runner.h"
#include "campaigns/runner_internal.h"
#include "core/ids.h"
#include "device/task_spec.h"

namespace hearth::campaigns {

namespace {

using nlohmann::json;

constexpr const char* kFirmwareType = "1 Firmware Upgrade Image";

bool in_flight(const store::CampaignTargetRecord& t) {
  return t.state == "running" || (t.state == "rolling-back" && t.task_id != 0);
}

// "fault 9018: File corrupted" from a task's fault_json.
std::string fault_text(const store::TaskRecord& task) {
  try {
    const json f = json::parse(task.fault_json.empty() ? "{}" : task.fault_json);
    std::string text = "fault";
    if (f.contains("code")) text += " " + (f["code"].is_string() ? f["code"].get<std::string>() : f["code"].dump());
    if (f.contains("message") && f["message"].is_string()) text += ": " + f["message"].get<std::string>();
    return text;
  } catch (const json::exception&) {
    return "fault";
  }
}

std::string health_text(const std::optional<double>& h) {
  if (!h) return "n/a";
  char buf[16];
  std::snprintf(buf, sizeof buf, "%.1f", *h);
  return buf;
}

}  // namespace

void CampaignService::tick(int64_t now) {
  std::lock_guard lock(mu_);
  Refused refused;
  {
    std::lock_guard errors_lock(submit_errors_->mu);
    for (auto& [id, why] : submit_errors_->failed) refused[id] = std::move(why);
    submit_errors_->failed.clear();
  }
  Result<std::vector<store::CampaignRecord>> records = store_.list_campaigns(0, 10000);
  if (!records) {
    spdlog::warn("campaigns: cannot list campaigns: {}", records.error().message);
    return;
  }
  for (const auto& r : *records) {
    if (r.state == "draft" || settled_.count(r.id) != 0) continue;
    Result<Campaign> c = from_record(r);
    if (!c) {
      spdlog::warn("campaigns: {}", c.error().message);
      settled_.insert(r.id);
      continue;
    }
    Result<Targets> targets = load_targets(r.id);
    if (!targets) {
      spdlog::warn("campaigns: targets of campaign {}: {}", r.id, targets.error().message);
      continue;
    }
    process(*c, *targets, refused, now);
  }
}

void CampaignService::process(Campaign& c, Targets& targets, const Refused& refused, int64_t now) {
  Pass pass;
  pass.now_ms = now;
  const store::CampaignRecord before = to_record(c);
  follow(c, targets, refused, pass);
  if (c.state == State::kRunning) {
    advance(c, targets, pass);
  } else if (c.state == State::kRollingBack) {
    roll_back(c, targets, pass);
  }
  const store::CampaignRecord after = to_record(c);
  const bool campaign_changed = after.json != before.json || after.state != before.state;
  if (campaign_changed) c.updated_ms = now;
  if (campaign_changed || !pass.changed.empty() || !pass.audits.empty()) {
    if (Status st = save(c, targets, pass); !st) {
      spdlog::warn("campaigns: saving campaign {}: {}", c.id, st.error().message);
      return;  // nothing is submitted for rows that were not stored; the next pass tries again
    }
  }
  for (const Submission& s : pass.submissions) submit(s);
  const bool busy = std::any_of(targets.begin(), targets.end(), [](const auto& t) {
    return t.state == "running" || t.state == "rolling-back";
  });
  if (!active(c.state) && !busy) settled_.insert(c.id);
}

void CampaignService::follow(Campaign& c, Targets& targets, const Refused& refused, Pass& pass) {
  const int64_t now = pass.now_ms;
  std::optional<std::string> rollback_version;  // looked up when first needed
  for (size_t i = 0; i < targets.size(); ++i) {
    store::CampaignTargetRecord& t = targets[i];
    if (!in_flight(t)) continue;
    const bool back = t.state == "rolling-back";
    auto finish = [&](bool ok, std::string detail) {
      if (ok) {
        // A target that finished after a rollback began is rolled back too.
        t.state = back ? "rolled-back" : (c.state == State::kRollingBack ? "rolling-back" : "done");
        if (t.state == "rolling-back") t.task_id = 0;
      } else {
        t.state = "failed";
        if (back) detail = "rollback: " + detail;
      }
      t.detail = std::move(detail);
      t.updated_ms = now;
      pass.touch(i);
    };
    if (auto it = refused.find(t.task_id); it != refused.end()) {
      finish(false, "the task was refused: " + it->second);
      continue;
    }
    Result<std::optional<store::TaskRecord>> task = store_.get_task(t.task_id);
    if (!task) continue;
    if (!task->has_value()) {
      if (now - t.updated_ms > options_.lost_task_ms) {  // never stored: submit it again
        if (!back) t.state = "pending";
        t.task_id = 0;
        t.updated_ms = now;
        pass.touch(i);
      }
      continue;
    }
    const store::TaskRecord& task_record = **task;
    switch (task_record.state) {
      case store::TaskState::kDone: {
        if (c.kind != "firmware") {
          finish(true, back ? "previous values restored" : "parameters set");
          break;
        }
        Result<std::optional<store::DeviceRecord>> d = store_.get_device(t.device_id);
        const std::string version = d && d->has_value() ? (*d)->software_version : "";
        std::string expected = c.target_version;
        if (back) {
          if (!rollback_version) {
            Result<std::optional<store::FileRecord>> f = store_.get_file(c.rollback_file_id);
            rollback_version = f && f->has_value() ? (*f)->version : "";
          }
          expected = rollback_version->empty() ? t.before : *rollback_version;
        }
        const bool reports = expected.empty() ? (back || version != t.before) : version == expected;
        if (reports) {
          finish(true, "now " + version);
        } else if (now - task_record.updated_ms > options_.version_timeout_ms) {
          finish(false, "the download finished but the device still reports " +
                            (version.empty() ? std::string("no version") : version));
        }
        break;
      }
      case store::TaskState::kFault:
        finish(false, fault_text(task_record));
        break;
      case store::TaskState::kCancelled:
        finish(false, "the task was cancelled");
        break;
      case store::TaskState::kPending:
      case store::TaskState::kRunning:
        if (now - t.updated_ms > options_.task_timeout_ms) {
          finish(false, "no result within " + std::to_string(options_.task_timeout_ms / 60000) + " minutes");
          control_.cancel_task(task_record.id, [](Result<store::TaskRecord>) {});
        }
        break;
    }
  }
}

void CampaignService::advance(Campaign& c, Targets& targets, Pass& pass) {
  const int64_t now = pass.now_ms;
  for (size_t guard = 0; guard <= c.stages.size() + 1 && c.state == State::kRunning; ++guard) {
    if (c.current_stage >= static_cast<int>(c.stages.size())) {
      c.state = State::kCompleted;
      c.add_log(now, "completed");
      return;
    }
    const int cur = c.current_stage;
    StageResult& s = c.stages[static_cast<size_t>(cur)];
    if (s.state == "waiting") {
      s.state = "running";
      s.started_ms = now;
      s.health_before = mean_health(targets, cur);
      c.add_log(now, s.name + " started: " + std::to_string(s.size) + " devices, mean health " +
                         health_text(s.health_before));
    }
    if (s.state == "running") {
      const StageCounts n = count_targets(targets, cur);
      if (!s.accepted) {
        if (Judgement j = judge_failures(s.name, n, c.thresholds); j.halt) {
          s.state = "failed";
          halt(c, j.reason, now);
          return;
        }
      }
      if (!n.ended()) {
        start_targets(c, targets, cur, false, pass);
        return;
      }
      s.ended_ms = now;
      s.state = "observing";
      c.add_log(now, s.name + ": " + std::to_string(n.done) + " done, " + std::to_string(n.failed) +
                         " failed; observing for " + std::to_string(c.observe_minutes) + " minutes");
    }
    if (s.state != "observing") return;
    if (now < s.ended_ms + int64_t{c.observe_minutes} * 60000) return;
    s.health_after = mean_health(targets, cur);
    if (!s.accepted) {
      if (Judgement j = judge_health(s.name, s.health_before, s.health_after, c.thresholds); j.halt) {
        s.state = "failed";
        halt(c, j.reason, now);
        return;
      }
    }
    s.state = "passed";
    c.add_log(now, s.name + " passed (mean health " + health_text(s.health_before) + " -> " +
                       health_text(s.health_after) + ")");
    if (cur + 1 >= static_cast<int>(c.stages.size())) {
      c.state = State::kCompleted;
      c.add_log(now, "completed");
      return;
    }
    ++c.current_stage;
    if (!c.auto_advance) {
      c.state = State::kPaused;
      c.add_log(now, "waiting for resume before " + c.stages[static_cast<size_t>(c.current_stage)].name);
      return;
    }
  }
}

void CampaignService::roll_back(Campaign& c, Targets& targets, Pass& pass) {
  start_targets(c, targets, -1, true, pass);
  const bool left = std::any_of(targets.begin(), targets.end(), [](const auto& t) {
    return t.state == "running" || t.state == "rolling-back";
  });
  if (left) return;
  const auto restored = std::count_if(targets.begin(), targets.end(),
                                      [](const auto& t) { return t.state == "rolled-back"; });
  c.state = State::kRolledBack;
  c.add_log(pass.now_ms, "rolled back: " + std::to_string(restored) + " devices restored");
}

void CampaignService::start_targets(Campaign& c, Targets& targets, int stage, bool rollback, Pass& pass) {
  const int64_t now = pass.now_ms;
  const auto busy = static_cast<size_t>(std::count_if(targets.begin(), targets.end(), in_flight));
  size_t budget = busy >= options_.max_in_flight ? 0 : options_.max_in_flight - busy;
  for (size_t i = 0; i < targets.size() && budget > 0; ++i) {
    store::CampaignTargetRecord& t = targets[i];
    const bool eligible = rollback ? (t.state == "rolling-back" && t.task_id == 0)
                                   : (t.stage == stage && t.state == "pending");
    if (!eligible) continue;
    Result<store::TaskRecord> task = make_task(c, t, rollback, now);
    t.updated_ms = now;
    pass.touch(i);
    if (!task) {
      t.state = "failed";
      t.detail = (rollback ? "rollback: " : "") + task.error().message;
      continue;
    }
    t.task_id = task->id;
    if (!rollback) t.state = "running";
    t.detail.clear();
    --budget;

    store::AuditRecord a;
    a.time_ms = now;
    a.actor_kind = "system";
    a.actor = "campaign:" + std::to_string(c.id);
    a.action = "campaign.task";
    a.device_id = t.device_id;
    if (Result<std::optional<store::HomeRecord>> home = store_.home_for_device(t.device_id); home && home->has_value()) {
      a.home_id = (*home)->id;
      a.account = (*home)->account;
    }
    a.outcome = "pending";
    a.json = json{{"campaignId", c.id}, {"taskId", std::to_string(task->id)}, {"task", task->name}, {"stage", t.stage},
                  {"rollback", rollback}}.dump();
    pass.audits.push_back(std::move(a));
    pass.submissions.push_back({std::move(*task)});
  }
}

Result<store::TaskRecord> CampaignService::make_task(const Campaign& c, store::CampaignTargetRecord& target,
                                                     bool rollback, int64_t now) {
  store::TaskRecord task;
  task.id = next_unique_id();
  task.device_id = target.device_id;
  task.origin = "campaign:" + std::to_string(c.id);
  task.state = store::TaskState::kPending;
  task.created_ms = now;
  task.updated_ms = now;
  Result<std::optional<store::DeviceRecord>> device = store_.get_device(target.device_id);
  if (!device) return device.error();
  if (!device->has_value()) return make_error(ErrorCode::kNotFound, "the device no longer exists");

  device::TaskSpec spec;
  if (c.kind == "firmware") {
    const std::string& file_id = rollback ? c.rollback_file_id : c.file_id;
    Result<std::optional<store::FileRecord>> f = store_.get_file(file_id);
    if (!f) return f.error();
    if (!f->has_value()) return make_error(ErrorCode::kNotFound, "the file '" + file_id + "' is gone");
    device::DownloadSpec dl;
    dl.file_id = file_id;
    dl.file_type = (*f)->file_type.empty() ? kFirmwareType : (*f)->file_type;
    dl.file_size = (*f)->size;
    spec.body = std::move(dl);
    spec.max_attempts = 3;
    if (!rollback) target.before = (*device)->software_version;
  } else {
    std::vector<ParameterSetting> params;
    if (!rollback) {
      // What the device has now, to put back on rollback (a parameter it lacks has null).
      json before = json::array();
      for (const ParameterSetting& p : c.parameters) {
        Result<std::vector<store::StoredParameter>> stored = store_.get_parameters(target.device_id, p.name);
        if (!stored) return stored.error();
        auto it = std::find_if(stored->begin(), stored->end(), [&](const auto& s) { return s.name == p.name; });
        before.push_back({{"name", p.name}, {"value", it == stored->end() ? json(nullptr) : json(it->value)}});
      }
      target.before = before.dump();
      params = c.parameters;
    } else {
      try {
        for (const json& b : json::parse(target.before.empty() ? "[]" : target.before)) {
          if (b.contains("value") && b["value"].is_string()) {
            params.push_back({b.value("name", ""), b["value"].get<std::string>(), ""});
          }
        }
      } catch (const json::exception&) {
        return make_error(ErrorCode::kInternal, "the recorded values are unreadable");
      }
      if (params.empty()) return make_error(ErrorCode::kNotFound, "no recorded values to restore");
    }
    Result<device::TaskSpec> parsed = device::parse_task_spec(internal::set_values_json(params).dump());
    if (!parsed) return parsed.error();
    spec = std::move(*parsed);
  }
  task.name = device::task_name(spec.body);
  task.args_json = device::task_spec_to_json(spec);
  return task;
}

std::optional<double> CampaignService::mean_health(const Targets& targets, int stage) {
  if (diagnosis_ == nullptr) return std::nullopt;
  std::vector<std::string> homes;
  for (const auto& t : targets) {
    if (t.stage != stage) continue;
    Result<std::optional<store::HomeRecord>> home = store_.home_for_device(t.device_id);
    if (home && home->has_value()) homes.push_back((*home)->id);
  }
  std::sort(homes.begin(), homes.end());
  homes.erase(std::unique(homes.begin(), homes.end()), homes.end());
  double sum = 0;
  int n = 0;
  for (const std::string& h : homes) {
    Result<diag::Diagnosis> d = diagnosis_->home_diagnosis(h);
    if (!d || d->time_ms == 0) continue;  // never diagnosed: says nothing about the change
    sum += d->health;
    ++n;
  }
  if (n == 0) return std::nullopt;
  return sum / n;
}

void CampaignService::halt(Campaign& c, const std::string& reason, int64_t now) {
  c.state = State::kHalted;
  c.halt_reason = reason;
  c.add_log(now, "halted: " + reason);
  spdlog::warn("campaigns: campaign {} ({}) halted: {}", c.id, c.name, reason);
}

void CampaignService::submit(const Submission& s) {
  std::shared_ptr<SubmitErrors> errors = submit_errors_;
  acs::DeviceControl* control = &control_;
  const std::string device = s.task.device_id;
  const int64_t id = s.task.id;
  control_.submit_task(s.task, [errors, control, device, id](Result<store::TaskRecord> stored) {
    if (!stored) {
      std::lock_guard lock(errors->mu);
      errors->failed.emplace_back(id, stored.error().message);
      return;
    }
    control->connection_request(device, [](acs::ConnectionRequestOutcome) {});
  });
}

}  // namespace hearth::campaigns
