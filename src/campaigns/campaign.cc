// The campaign document, the operator's request and the API's JSON (campaign.h).
#include "campaigns/campaign.h"

#include <utility>

#include "core/clock.h"

namespace hearth::campaigns {

namespace {

using nlohmann::json;

Error bad(const std::string& field, const std::string& why) {
  return make_error(ErrorCode::kInvalidArgument, field + ": " + why);
}

Result<std::string> get_string(const json& o, const char* key, const std::string& field, bool required) {
  auto it = o.find(key);
  if (it == o.end() || it->is_null()) {
    if (required) return bad(field, "required");
    return std::string();
  }
  if (!it->is_string()) return bad(field, "must be a string");
  return it->get<std::string>();
}

Result<std::optional<double>> get_number(const json& o, const char* key, const std::string& field) {
  auto it = o.find(key);
  if (it == o.end() || it->is_null()) return std::optional<double>();
  if (!it->is_number()) return bad(field, "must be a number");
  return std::optional<double>(it->get<double>());
}

Result<std::optional<int>> get_int(const json& o, const char* key, const std::string& field, int lo, int hi) {
  auto it = o.find(key);
  if (it == o.end() || it->is_null()) return std::optional<int>();
  if (!it->is_number_integer()) return bad(field, "must be an integer");
  const int64_t v = it->get<int64_t>();
  if (v < lo || v > hi) return bad(field, "between " + std::to_string(lo) + " and " + std::to_string(hi));
  return std::optional<int>(static_cast<int>(v));
}

Result<StagePlan> parse_stages(const json& body) {
  StagePlan p;
  p.percent = true;  // default: a 10% canary, then everything else
  p.canary_percent = 10;
  auto it = body.find("stages");
  if (it == body.end() || it->is_null()) return p;
  if (!it->is_object()) return bad("stages", "must be an object");
  const json& s = *it;
  const bool absolute = s.contains("canary") || s.contains("waves");
  const bool percent = s.contains("canaryPercent") || s.contains("wavePercents");
  if (absolute && percent) return bad("stages", "either canary and waves or canaryPercent and wavePercents");
  p.percent = !absolute;
  if (absolute) {
    Result<std::optional<int>> canary = get_int(s, "canary", "stages.canary", 0, 1000000);
    if (!canary) return canary.error();
    p.canary = canary->value_or(1);
    if (auto w = s.find("waves"); w != s.end() && !w->is_null()) {
      if (!w->is_array()) return bad("stages.waves", "must be an array of sizes");
      for (const json& n : *w) {
        if (!n.is_number_integer() || n.get<int64_t>() < 1 || n.get<int64_t>() > 1000000) {
          return bad("stages.waves", "each wave is a size of at least 1");
        }
        p.waves.push_back(n.get<int>());
      }
    }
  } else {
    Result<std::optional<double>> canary = get_number(s, "canaryPercent", "stages.canaryPercent");
    if (!canary) return canary.error();
    p.canary_percent = canary->value_or(10);
    if (auto w = s.find("wavePercents"); w != s.end() && !w->is_null()) {
      if (!w->is_array()) return bad("stages.wavePercents", "must be an array of percentages");
      for (const json& n : *w) {
        if (!n.is_number()) return bad("stages.wavePercents", "each is a number");
        p.wave_percents.push_back(n.get<double>());
      }
    }
  }
  if (Status st = validate(p); !st) return st.error();
  return p;
}

Result<Thresholds> parse_thresholds(const json& body) {
  Thresholds t;
  auto it = body.find("thresholds");
  if (it == body.end() || it->is_null()) return t;
  if (!it->is_object()) return bad("thresholds", "must be an object");
  Result<std::optional<double>> rate = get_number(*it, "maxFailureRate", "thresholds.maxFailureRate");
  if (!rate) return rate.error();
  if (*rate) {
    if (**rate < 0 || **rate > 1) return bad("thresholds.maxFailureRate", "between 0 and 1");
    t.max_failure_rate = **rate;
  }
  Result<std::optional<double>> drop = get_number(*it, "maxHealthDrop", "thresholds.maxHealthDrop");
  if (!drop) return drop.error();
  if (*drop) {
    if (**drop < 0 || **drop > 100) return bad("thresholds.maxHealthDrop", "between 0 and 100 points");
    t.max_health_drop = **drop;
  }
  Result<std::optional<int>> min = get_int(*it, "minFinished", "thresholds.minFinished", 1, 100000);
  if (!min) return min.error();
  if (*min) t.min_finished = **min;
  return t;
}

Result<std::vector<ParameterSetting>> parse_parameters(const json& body) {
  std::vector<ParameterSetting> out;
  auto it = body.find("parameters");
  if (it == body.end() || it->is_null()) return out;
  if (!it->is_array()) return bad("parameters", "must be an array of {name, value, type?}");
  for (size_t i = 0; i < it->size(); ++i) {
    const json& p = (*it)[i];
    const std::string field = "parameters[" + std::to_string(i) + "]";
    if (!p.is_object()) return bad(field, "must be an object {name, value, type?}");
    ParameterSetting s;
    Result<std::string> name = get_string(p, "name", field + ".name", true);
    if (!name) return name.error();
    s.name = *name;
    auto v = p.find("value");
    if (v == p.end() || v->is_null()) return bad(field + ".value", "required");
    if (v->is_string()) {
      s.value = v->get<std::string>();
    } else if (v->is_boolean()) {
      s.value = v->get<bool>() ? "true" : "false";
    } else if (v->is_number()) {
      s.value = v->dump();
    } else {
      return bad(field + ".value", "a string, number or boolean");
    }
    Result<std::string> type = get_string(p, "type", field + ".type", false);
    if (!type) return type.error();
    s.type = *type;
    out.push_back(std::move(s));
  }
  return out;
}

json optional_number(const std::optional<double>& v) {
  return v ? json(*v) : json(nullptr);
}

std::optional<double> read_optional(const json& o, const char* key) {
  auto it = o.find(key);
  if (it == o.end() || !it->is_number()) return std::nullopt;
  return it->get<double>();
}

json plan_json(const StagePlan& p) {
  if (p.percent) return {{"canaryPercent", p.canary_percent}, {"wavePercents", p.wave_percents}};
  return {{"canary", p.canary}, {"waves", p.waves}};
}

json parameters_json(const std::vector<ParameterSetting>& params) {
  json out = json::array();
  for (const auto& p : params) {
    json o = {{"name", p.name}, {"value", p.value}};
    if (!p.type.empty()) o["type"] = p.type;
    out.push_back(std::move(o));
  }
  return out;
}

json thresholds_json(const Thresholds& t) {
  return {{"maxFailureRate", t.max_failure_rate}, {"maxHealthDrop", t.max_health_drop},
          {"minFinished", t.min_finished}};
}

}  // namespace

void Campaign::add_log(int64_t time_ms, std::string text) {
  log.push_back({time_ms, std::move(text)});
  if (log.size() > kMaxLog) log.erase(log.begin(), log.begin() + static_cast<std::ptrdiff_t>(log.size() - kMaxLog));
}

json time_value(int64_t unix_ms) {
  if (unix_ms == 0) return nullptr;
  return format_iso8601(from_unix_ms(unix_ms));
}

json selection_json(const Selection& s) {
  json o = json::object();
  if (!s.model.empty()) o["model"] = s.model;
  if (!s.software_version.empty()) o["softwareVersion"] = s.software_version;
  if (!s.tag.empty()) o["tag"] = s.tag;
  if (!s.device_ids.empty()) o["deviceIds"] = s.device_ids;
  return o;
}

Result<Selection> parse_selection(const json& o) {
  if (!o.is_object()) return bad("selection", "must be an object {model?, softwareVersion?, tag?, deviceIds?}");
  Selection s;
  Result<std::string> model = get_string(o, "model", "selection.model", false);
  if (!model) return model.error();
  Result<std::string> version = get_string(o, "softwareVersion", "selection.softwareVersion", false);
  if (!version) return version.error();
  Result<std::string> tag = get_string(o, "tag", "selection.tag", false);
  if (!tag) return tag.error();
  s.model = *model;
  s.software_version = *version;
  s.tag = *tag;
  if (auto it = o.find("deviceIds"); it != o.end() && !it->is_null()) {
    if (!it->is_array()) return bad("selection.deviceIds", "must be an array of device ids");
    for (const json& d : *it) {
      if (!d.is_string() || d.get<std::string>().empty()) return bad("selection.deviceIds", "each is a device id");
      s.device_ids.push_back(d.get<std::string>());
    }
  }
  if (s.empty()) return bad("selection", "name a model, softwareVersion, tag or deviceIds");
  return s;
}

Result<Campaign> parse_request(const json& body) {
  if (!body.is_object()) return bad("body", "must be a JSON object");
  Campaign c;
  Result<std::string> name = get_string(body, "name", "name", true);
  if (!name) return name.error();
  if (name->empty() || name->size() > 200) return bad("name", "1 to 200 characters");
  c.name = *name;
  Result<std::string> kind = get_string(body, "kind", "kind", true);
  if (!kind) return kind.error();
  if (*kind != "firmware" && *kind != "config") return bad("kind", "\"firmware\" or \"config\"");
  c.kind = *kind;
  auto sel = body.find("selection");
  if (sel == body.end() || sel->is_null()) return bad("selection", "required");
  Result<Selection> selection = parse_selection(*sel);
  if (!selection) return selection.error();
  c.selection = std::move(*selection);

  Result<std::string> file = get_string(body, "fileId", "fileId", false);
  if (!file) return file.error();
  Result<std::string> rollback = get_string(body, "rollbackFileId", "rollbackFileId", false);
  if (!rollback) return rollback.error();
  Result<std::vector<ParameterSetting>> params = parse_parameters(body);
  if (!params) return params.error();
  if (c.kind == "firmware") {
    if (file->empty()) return bad("fileId", "required for a firmware campaign");
    if (!params->empty()) return bad("parameters", "only for a config campaign");
    c.file_id = *file;
    c.rollback_file_id = *rollback;
  } else {
    if (!file->empty()) return bad("fileId", "only for a firmware campaign");
    if (!rollback->empty()) return bad("rollbackFileId", "only for a firmware campaign");
    if (params->empty()) return bad("parameters", "a config campaign sets at least one parameter");
    c.parameters = std::move(*params);
  }

  Result<StagePlan> stages = parse_stages(body);
  if (!stages) return stages.error();
  c.stages_plan = *stages;
  Result<Thresholds> thresholds = parse_thresholds(body);
  if (!thresholds) return thresholds.error();
  c.thresholds = *thresholds;
  Result<std::optional<int>> observe = get_int(body, "observeMinutes", "observeMinutes", 0, 7 * 24 * 60);
  if (!observe) return observe.error();
  c.observe_minutes = observe->value_or(10);
  if (auto it = body.find("autoAdvance"); it != body.end() && !it->is_null()) {
    if (!it->is_boolean()) return bad("autoAdvance", "must be true or false");
    c.auto_advance = it->get<bool>();
  }
  return c;
}

store::CampaignRecord to_record(const Campaign& c) {
  store::CampaignRecord r;
  r.id = c.id;
  r.name = c.name;
  r.kind = c.kind;
  r.state = state_name(c.state);
  r.created_by = c.created_by;
  r.created_ms = c.created_ms;
  r.updated_ms = c.updated_ms;
  json stages = json::array();
  for (const StageResult& s : c.stages) {
    stages.push_back({{"name", s.name}, {"size", s.size}, {"state", s.state},
                      {"healthBefore", optional_number(s.health_before)},
                      {"healthAfter", optional_number(s.health_after)}, {"startedMs", s.started_ms},
                      {"endedMs", s.ended_ms}, {"accepted", s.accepted}});
  }
  json log = json::array();
  for (const LogLine& l : c.log) log.push_back({{"timeMs", l.time_ms}, {"text", l.text}});
  json doc = {{"selection", selection_json(c.selection)}, {"fileId", c.file_id},
              {"targetVersion", c.target_version}, {"rollbackFileId", c.rollback_file_id},
              {"parameters", parameters_json(c.parameters)}, {"stagePlan", plan_json(c.stages_plan)},
              {"thresholds", thresholds_json(c.thresholds)}, {"observeMinutes", c.observe_minutes},
              {"autoAdvance", c.auto_advance}, {"currentStage", c.current_stage},
              {"haltReason", c.halt_reason}, {"stages", std::move(stages)}, {"log", std::move(log)}};
  r.json = doc.dump();
  return r;
}

Result<Campaign> from_record(const store::CampaignRecord& r) {
  Campaign c;
  c.id = r.id;
  c.name = r.name;
  c.kind = r.kind;
  std::optional<State> state = parse_state(r.state);
  if (!state) return make_error(ErrorCode::kInternal, "campaign " + std::to_string(r.id) + ": state '" + r.state + "'");
  c.state = *state;
  c.created_by = r.created_by;
  c.created_ms = r.created_ms;
  c.updated_ms = r.updated_ms;
  try {
    const json doc = json::parse(r.json);
    Result<Selection> sel = parse_selection(doc.value("selection", json::object()));
    if (sel) c.selection = std::move(*sel);
    c.file_id = doc.value("fileId", "");
    c.target_version = doc.value("targetVersion", "");
    c.rollback_file_id = doc.value("rollbackFileId", "");
    Result<std::vector<ParameterSetting>> params = parse_parameters(doc);
    if (params) c.parameters = std::move(*params);
    Result<StagePlan> plan = parse_stages(json{{"stages", doc.value("stagePlan", json::object())}});
    if (plan) c.stages_plan = *plan;
    Result<Thresholds> t = parse_thresholds(doc);
    if (t) c.thresholds = *t;
    c.observe_minutes = doc.value("observeMinutes", 10);
    c.auto_advance = doc.value("autoAdvance", true);
    c.current_stage = doc.value("currentStage", 0);
    c.halt_reason = doc.value("haltReason", "");
    for (const json& s : doc.value("stages", json::array())) {
      StageResult sr;
      sr.name = s.value("name", "");
      sr.size = s.value("size", 0);
      sr.state = s.value("state", "waiting");
      sr.health_before = read_optional(s, "healthBefore");
      sr.health_after = read_optional(s, "healthAfter");
      sr.started_ms = s.value("startedMs", int64_t{0});
      sr.ended_ms = s.value("endedMs", int64_t{0});
      sr.accepted = s.value("accepted", false);
      c.stages.push_back(std::move(sr));
    }
    for (const json& l : doc.value("log", json::array())) {
      c.log.push_back({l.value("timeMs", int64_t{0}), l.value("text", "")});
    }
  } catch (const json::exception& e) {
    return make_error(ErrorCode::kInternal, "campaign " + std::to_string(r.id) + ": " + e.what());
  }
  return c;
}

StageCounts count_targets(const std::vector<store::CampaignTargetRecord>& targets, int stage) {
  StageCounts n;
  for (const auto& t : targets) {
    if (t.stage != stage) continue;
    if (t.state == "running") {
      ++n.running;
    } else if (t.state == "done" || t.state == "rolling-back" || t.state == "rolled-back") {
      ++n.done;
    } else if (t.state == "failed") {
      ++n.failed;
    } else {
      ++n.pending;  // pending, skipped
    }
  }
  return n;
}

json target_json(const store::CampaignTargetRecord& t) {
  return {{"deviceId", t.device_id}, {"stage", t.stage}, {"state", t.state},
          {"taskId", t.task_id == 0 ? json(nullptr) : json(std::to_string(t.task_id))}, {"before", t.before},
          {"detail", t.detail}, {"updatedAt", time_value(t.updated_ms)}};
}

json campaign_json(const Campaign& c, const std::vector<store::CampaignTargetRecord>& targets) {
  json stages = json::array();
  for (size_t i = 0; i < c.stages.size(); ++i) {
    const StageResult& s = c.stages[i];
    const StageCounts n = count_targets(targets, static_cast<int>(i));
    stages.push_back({{"index", i}, {"name", s.name}, {"size", s.size}, {"pending", n.pending},
                      {"running", n.running}, {"done", n.done}, {"failed", n.failed},
                      {"failureRate", failure_rate(n)}, {"healthBefore", optional_number(s.health_before)},
                      {"healthAfter", optional_number(s.health_after)}, {"state", s.state}});
  }
  json log = json::array();
  for (const LogLine& l : c.log) log.push_back({{"time", time_value(l.time_ms)}, {"text", l.text}});
  return {{"id", c.id},
          {"name", c.name},
          {"kind", c.kind},
          {"state", state_name(c.state)},
          {"createdBy", c.created_by},
          {"createdAt", time_value(c.created_ms)},
          {"updatedAt", time_value(c.updated_ms)},
          {"selection", selection_json(c.selection)},
          {"fileId", c.file_id.empty() ? json(nullptr) : json(c.file_id)},
          {"targetVersion", c.target_version.empty() ? json(nullptr) : json(c.target_version)},
          {"rollbackFileId", c.rollback_file_id.empty() ? json(nullptr) : json(c.rollback_file_id)},
          {"parameters", parameters_json(c.parameters)},
          {"stagesPlan", plan_json(c.stages_plan)},
          {"thresholds", thresholds_json(c.thresholds)},
          {"observeMinutes", c.observe_minutes},
          {"autoAdvance", c.auto_advance},
          {"currentStage", c.current_stage},
          {"haltReason", c.halt_reason.empty() ? json(nullptr) : json(c.halt_reason)},
          {"devices", targets.size()},
          {"stages", std::move(stages)},
          {"log", std::move(log)}};
}

}  // namespace hearth::campaigns
