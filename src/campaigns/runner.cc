// CampaignService: the operators' side (creating, previewing, reading, acting on campaigns).
// The passes are in runner_tick.cc.
#include "campaigns/runner.h"

#include <algorithm>
#include <map>
#include <utility>

#include "campaigns/runner_internal.h"
#include "device/task_spec.h"

namespace hearth::campaigns {

namespace {

using nlohmann::json;

constexpr const char* kFirmwareType = "1 Firmware Upgrade Image";

std::string model_of(const store::DeviceRecord& d) {
  return d.model_name.empty() ? d.product_class : d.model_name;
}

bool matches(const store::DeviceRecord& d, const Selection& s) {
  if (!s.model.empty() && d.model_name != s.model && d.product_class != s.model) return false;
  if (!s.software_version.empty() && d.software_version != s.software_version) return false;
  if (!s.tag.empty() && std::find(d.tags.begin(), d.tags.end(), s.tag) == d.tags.end()) return false;
  return true;
}

}  // namespace

CampaignService::CampaignService(store::Store& store, acs::DeviceControl& control, const Clock& clock,
                                 insight::DiagnosisReader* diagnosis, CampaignOptions options)
    : store_(store),
      control_(control),
      clock_(clock),
      diagnosis_(diagnosis),
      options_(options),
      submit_errors_(std::make_shared<SubmitErrors>()) {}

CampaignService::~CampaignService() {
  stop();
}

void CampaignService::start(std::chrono::milliseconds interval) {
  if (ticker_.joinable()) return;
  {
    std::lock_guard lock(ticker_mu_);
    stopping_ = false;
  }
  ticker_ = std::thread([this, interval] {
    std::unique_lock lock(ticker_mu_);
    while (!ticker_cv_.wait_for(lock, interval, [this] { return stopping_; })) {
      lock.unlock();
      tick(now_ms());
      lock.lock();
    }
  });
}

void CampaignService::stop() {
  {
    std::lock_guard lock(ticker_mu_);
    stopping_ = true;
  }
  ticker_cv_.notify_all();
  if (ticker_.joinable()) ticker_.join();
}

int64_t CampaignService::now_ms() const {
  return to_unix_ms(clock_.now());
}

Result<Campaign> CampaignService::load(int64_t id) {
  Result<std::optional<store::CampaignRecord>> r = store_.get_campaign(id);
  if (!r) return r.error();
  if (!r->has_value()) return make_error(ErrorCode::kNotFound, "no campaign " + std::to_string(id));
  return from_record(**r);
}

Result<CampaignService::Targets> CampaignService::load_targets(int64_t id) {
  store::CampaignTargetQuery q;
  q.campaign_id = id;
  q.limit = options_.max_devices + 1;
  return store_.list_campaign_targets(q);
}

Result<std::vector<store::DeviceRecord>> CampaignService::resolve(const Selection& s) {
  std::vector<store::DeviceRecord> out;
  if (!s.device_ids.empty()) {
    for (const std::string& id : s.device_ids) {
      Result<std::optional<store::DeviceRecord>> d = store_.get_device(id);
      if (!d) return d.error();
      if (!d->has_value()) {
        return make_error(ErrorCode::kInvalidArgument, "selection.deviceIds: no device '" + id + "'");
      }
      if (matches(**d, s)) out.push_back(std::move(**d));
    }
  } else {
    store::DeviceQuery q;
    q.model = s.model;
    q.software_version = s.software_version;
    q.tag = s.tag;
    q.limit = 1000;
    for (;;) {
      Result<store::DevicePage> page = store_.find_devices(q);
      if (!page) return page.error();
      for (auto& d : page->devices) out.push_back(std::move(d));
      if (page->devices.size() < q.limit || out.size() > options_.max_devices) break;
      q.offset += q.limit;
    }
  }
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.id < b.id; });
  out.erase(std::unique(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.id == b.id; }),
            out.end());
  if (out.empty()) return make_error(ErrorCode::kInvalidArgument, "selection: no devices selected");
  if (out.size() > options_.max_devices) {
    return make_error(ErrorCode::kInvalidArgument, "selection: " + std::to_string(out.size()) +
                                                       " devices, more than the " +
                                                       std::to_string(options_.max_devices) + " a campaign may have");
  }
  return out;
}

Status CampaignService::check_firmware(Campaign& c, const std::vector<store::DeviceRecord>& devices) {
  Result<std::optional<store::FileRecord>> f = store_.get_file(c.file_id);
  if (!f) return f.error();
  if (!f->has_value()) {
    return make_error(ErrorCode::kInvalidArgument, "fileId: no file '" + c.file_id + "' (upload it first)");
  }
  const store::FileRecord& file = **f;
  if (!file.file_type.empty() && file.file_type != kFirmwareType) {
    return make_error(ErrorCode::kInvalidArgument,
                      "fileId: '" + c.file_id + "' is a \"" + file.file_type + "\", not a firmware image");
  }
  // An image built for one model must not reach another.
  size_t misfits = 0;
  std::string example;
  for (const auto& d : devices) {
    const bool fits = (file.product_class.empty() || d.product_class == file.product_class) &&
                      (file.oui.empty() || d.oui == file.oui);
    if (!fits && misfits++ == 0) example = model_of(d) + " (" + d.id + ")";
  }
  if (misfits > 0) {
    return make_error(ErrorCode::kInvalidArgument,
                      "fileId: '" + c.file_id + "' is built for " +
                          (file.product_class.empty() ? "OUI " + file.oui : file.product_class) + ", but " +
                          std::to_string(misfits) + " selected devices are other models, e.g. " + example);
  }
  c.target_version = file.version;
  if (!c.rollback_file_id.empty()) {
    Result<std::optional<store::FileRecord>> rb = store_.get_file(c.rollback_file_id);
    if (!rb) return rb.error();
    if (!rb->has_value()) {
      return make_error(ErrorCode::kInvalidArgument, "rollbackFileId: no file '" + c.rollback_file_id + "'");
    }
    if (!(*rb)->file_type.empty() && (*rb)->file_type != kFirmwareType) {
      return make_error(ErrorCode::kInvalidArgument, "rollbackFileId: '" + c.rollback_file_id + "' is not a firmware image");
    }
  }
  return {};
}

Status CampaignService::check_config(const Campaign& c) {
  // The task the targets will get must be one the ACS accepts.
  Result<device::TaskSpec> spec = device::parse_task_spec(internal::set_values_json(c.parameters).dump());
  if (!spec) return make_error(ErrorCode::kInvalidArgument, "parameters: " + spec.error().message);
  return {};
}

Status CampaignService::save(const Campaign& c, const Targets& targets, const Pass& pass) {
  store::WriteBatch batch;
  batch.add(store::PutCampaign{to_record(c)});
  if (!pass.changed.empty()) {
    store::PutCampaignTargets put;
    std::vector<size_t> idx = pass.changed;
    std::sort(idx.begin(), idx.end());
    idx.erase(std::unique(idx.begin(), idx.end()), idx.end());
    for (size_t i : idx) put.targets.push_back(targets[i]);
    batch.add(std::move(put));
  }
  for (const auto& a : pass.audits) batch.add(store::AddAudit{a});
  return store_.write_sync(std::move(batch));
}

Result<json> CampaignService::view(int64_t id) {
  Result<Campaign> c = load(id);
  if (!c) return c.error();
  Result<Targets> t = load_targets(id);
  if (!t) return t.error();
  return campaign_json(*c, *t);
}

Result<json> CampaignService::create(const json& body, const std::string& created_by) {
  Result<Campaign> parsed = parse_request(body);
  if (!parsed) return parsed.error();
  Campaign c = std::move(*parsed);
  std::lock_guard lock(mu_);
  Result<std::vector<store::DeviceRecord>> devices = resolve(c.selection);
  if (!devices) return devices.error();
  if (c.kind == "firmware") {
    if (Status st = check_firmware(c, *devices); !st) return st.error();
  } else if (Status st = check_config(c); !st) {
    return st.error();
  }
  Result<store::StoreStats> stats = store_.stats();
  if (!stats) return stats.error();
  last_id_ = std::max(last_id_, stats->max_campaign_id) + 1;
  const int64_t now = now_ms();
  c.id = last_id_;
  c.state = State::kDraft;
  c.created_by = created_by;
  c.created_ms = now;
  c.updated_ms = now;
  std::vector<std::string> ids;
  ids.reserve(devices->size());
  for (const auto& d : *devices) ids.push_back(d.id);
  Targets targets;
  Pass pass;
  const std::vector<Stage> stages = split_stages(std::move(ids), c.stages_plan);
  for (size_t s = 0; s < stages.size(); ++s) {
    c.stages.push_back(StageResult{stages[s].name, static_cast<int>(stages[s].devices.size())});
    for (const std::string& id : stages[s].devices) {
      store::CampaignTargetRecord t;
      t.campaign_id = c.id;
      t.device_id = id;
      t.stage = static_cast<int>(s);
      t.state = "pending";
      t.updated_ms = now;
      pass.touch(targets.size());
      targets.push_back(std::move(t));
    }
  }
  std::string plan_text;
  for (const StageResult& s : c.stages) {
    plan_text += (plan_text.empty() ? "" : ", ") + s.name + " " + std::to_string(s.size);
  }
  c.add_log(now, "created by " + created_by + " for " + std::to_string(targets.size()) + " devices (" +
                     plan_text + ")");
  if (Status st = save(c, targets, pass); !st) return st.error();
  return campaign_json(c, targets);
}

Result<json> CampaignService::preview(const json& body) {
  if (!body.is_object() || !body.contains("selection")) {
    return make_error(ErrorCode::kInvalidArgument, "selection: required");
  }
  Result<Selection> s = parse_selection(body["selection"]);
  if (!s) return s.error();
  Result<std::vector<store::DeviceRecord>> devices = resolve(*s);
  if (!devices) {
    // Nothing selected is an answer here, not an error.
    if (devices.error().code == ErrorCode::kInvalidArgument &&
        devices.error().message == "selection: no devices selected") {
      return json{{"devices", 0}, {"byModel", json::array()}};
    }
    return devices.error();
  }
  std::map<std::pair<std::string, std::string>, size_t> groups;
  for (const auto& d : *devices) ++groups[{model_of(d), d.software_version}];
  std::vector<std::pair<std::pair<std::string, std::string>, size_t>> sorted(groups.begin(), groups.end());
  std::stable_sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
  json by = json::array();
  for (const auto& [key, n] : sorted) {
    by.push_back({{"model", key.first}, {"softwareVersion", key.second}, {"devices", n}});
  }
  return json{{"devices", devices->size()}, {"byModel", std::move(by)}};
}

Result<json> CampaignService::get(int64_t id) {
  std::lock_guard lock(mu_);
  return view(id);
}

Result<json> CampaignService::list() {
  std::lock_guard lock(mu_);
  Result<std::vector<store::CampaignRecord>> records = store_.list_campaigns(0, 1000);
  if (!records) return records.error();
  json items = json::array();
  for (const auto& r : *records) {
    Result<Campaign> c = from_record(r);
    if (!c) continue;
    Result<Targets> t = load_targets(r.id);
    if (!t) return t.error();
    items.push_back(campaign_json(*c, *t));
  }
  return json{{"campaigns", std::move(items)}};
}

Result<json> CampaignService::targets(int64_t id, int stage, const std::string& state) {
  std::lock_guard lock(mu_);
  Result<Campaign> c = load(id);
  if (!c) return c.error();
  store::CampaignTargetQuery q;
  q.campaign_id = id;
  q.stage = stage;
  q.state = state;
  q.limit = options_.max_devices;
  Result<Targets> t = store_.list_campaign_targets(q);
  if (!t) return t.error();
  json items = json::array();
  for (const auto& target : *t) items.push_back(target_json(target));
  return json{{"targets", std::move(items)}};
}

Result<json> CampaignService::act(int64_t id, const std::string& action_text, const std::string& actor) {
  std::optional<Action> action = parse_operator_action(action_text);
  if (!action) {
    return make_error(ErrorCode::kInvalidArgument, "action: one of start, pause, resume, rollback, cancel");
  }
  std::lock_guard lock(mu_);
  Result<Campaign> loaded = load(id);
  if (!loaded) return loaded.error();
  Campaign c = std::move(*loaded);
  Result<State> next = transition(c.state, *action);
  if (!next) return next.error();
  Result<Targets> loaded_targets = load_targets(id);
  if (!loaded_targets) return loaded_targets.error();
  Targets targets = std::move(*loaded_targets);
  const int64_t now = now_ms();
  Pass pass;
  pass.now_ms = now;
  const State from = c.state;
  if (*action == Action::kRollback && c.kind == "firmware" && c.rollback_file_id.empty()) {
    return make_error(ErrorCode::kConflict,
                      "rollback: the campaign names no rollbackFileId, so its devices cannot be given their old firmware");
  }
  c.state = *next;
  c.updated_ms = now;
  switch (*action) {
    case Action::kStart:
      c.add_log(now, "started by " + actor);
      break;
    case Action::kPause:
      c.add_log(now, "paused by " + actor + " (tasks in flight finish)");
      break;
    case Action::kResume:
      if (from == State::kHalted && c.current_stage < static_cast<int>(c.stages.size())) {
        StageResult& s = c.stages[static_cast<size_t>(c.current_stage)];
        s.accepted = true;
        s.state = s.ended_ms != 0 ? "observing" : "running";
        c.add_log(now, "resumed by " + actor + "; " + s.name + "'s failures accepted");
      } else {
        c.add_log(now, "resumed by " + actor);
      }
      c.halt_reason.clear();
      break;
    case Action::kCancel:
    case Action::kRollback: {
      size_t back = 0;
      for (size_t i = 0; i < targets.size(); ++i) {
        auto& t = targets[i];
        if (t.state == "pending") {
          t.state = "skipped";
          t.detail = *action == Action::kCancel ? "campaign cancelled" : "campaign rolled back";
        } else if (*action == Action::kRollback && t.state == "done") {
          t.state = "rolling-back";
          t.task_id = 0;
          ++back;
        } else {
          continue;
        }
        t.updated_ms = now;
        pass.touch(i);
      }
      if (*action == Action::kCancel) {
        c.add_log(now, "cancelled by " + actor);
      } else {
        c.add_log(now, "rollback of " + std::to_string(back) + " devices started by " + actor);
      }
      break;
    }
    default:
      break;
  }
  settled_.erase(id);
  if (Status st = save(c, targets, pass); !st) return st.error();
  return campaign_json(c, targets);
}

}  // namespace hearth::campaigns
