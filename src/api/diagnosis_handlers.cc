#include "api/diagnosis_handlers.h"

#include <algorithm>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "api/body_fields.h"
#include "api/errors.h"
#include "api/handler_support.h"
#include "api/request_params.h"
#include "api/routes.h"
#include "api/views.h"
#include "core/strings.h"
#include "diag/diagnosis_json.h"

namespace hearth::api {

namespace {

using nlohmann::json;

constexpr size_t kMaxKeyLength = 256;
constexpr size_t kMaxPinnedRadios = 16;

json number_or_null(double v) {
  return diag::known(v) ? json(v) : json(nullptr);
}

json rule_title(const std::string& code) {
  const diag::RuleInfo* rule = diag::find_rule(code);
  return rule != nullptr ? json(rule->title) : json(nullptr);
}

// [{"code","title","homes"}], most homes first, then by code.
json code_counts_json(const std::map<std::string, uint64_t>& counts) {
  std::vector<std::pair<std::string, uint64_t>> sorted(counts.begin(), counts.end());
  std::stable_sort(sorted.begin(), sorted.end(),
                   [](const auto& a, const auto& b) { return a.second > b.second; });
  json out = json::array();
  for (const auto& [code, homes] : sorted)
    out.push_back({{"code", code}, {"title", rule_title(code)}, {"homes", homes}});
  return out;
}

Error no_diagnosis() {
  return make_error(ErrorCode::kUnavailable,
                    "diagnosis: this server runs no diagnosis (no telemetry is collected)");
}

Status require_home(const ApiDeps& deps, const std::string& home_id) {
  auto found = deps.store.get_home(home_id);
  if (!found) return found.error();
  if (!found->has_value()) return make_error(ErrorCode::kNotFound, "no home '" + home_id + "'");
  return ok_status();
}

using HomeHandler = void (*)(const ApiDeps& deps, insight::DiagnosisReader& reader,
                             const std::string& home_id, const CallPtr& call);

// The steps every /homes/{id}/... route takes before its own: a reader, a known home.
void for_home(const ApiDeps& deps, const CallPtr& call, HomeHandler handler) {
  if (deps.diagnosis == nullptr) return call->fail(no_diagnosis());
  const std::string& home_id = call->param("id");
  if (Status st = require_home(deps, home_id); !st) return call->fail(st.error());
  handler(deps, *deps.diagnosis, home_id, call);
}

void reply_diagnosis(const CallPtr& call, const Result<diag::Diagnosis>& d) {
  if (!d) return call->fail(d.error());
  call->reply(200, diag::diagnosis_to_json(*d));
}

void get_home_diagnosis(const ApiDeps&, insight::DiagnosisReader& reader,
                        const std::string& home_id, const CallPtr& call) {
  reply_diagnosis(call, reader.home_diagnosis(home_id));
}

void get_device_diagnosis(const ApiDeps& deps, const CallPtr& call) {
  if (deps.diagnosis == nullptr) return call->fail(no_diagnosis());
  reply_diagnosis(call, deps.diagnosis->device_diagnosis(call->param("id")));
}

void get_snapshot(const ApiDeps&, insight::DiagnosisReader& reader, const std::string& home_id,
                  const CallPtr& call) {
  auto snapshot = reader.home_snapshot(home_id);
  if (!snapshot) return call->fail(snapshot.error());
  if (!snapshot->has_value()) {
    return call->fail(make_error(ErrorCode::kNotFound, "home '" + home_id + "': no telemetry yet"));
  }
  call->reply(200, diag::snapshot_to_json(**snapshot));
}

void get_findings(const ApiDeps&, insight::DiagnosisReader& reader, const std::string& home_id,
                  const CallPtr& call) {
  Result<std::optional<int64_t>> since = query_time(*call, "since");
  if (!since) return call->fail(since.error());
  Result<size_t> limit = limit_param(*call, kDefaultLimit, kMaxLimit);
  if (!limit) return call->fail(limit.error());
  auto findings = reader.finding_history(home_id, since->value_or(0), *limit);
  if (!findings) return call->fail(findings.error());
  json list = json::array();
  for (const diag::Finding& f : *findings) list.push_back(diag::finding_to_json(f));
  call->reply(200, {{"findings", std::move(list)}});
}

// {"key","from","to","points"} of one series over ?from=&to= (default: the last day).
void reply_series(const ApiDeps& deps, insight::DiagnosisReader& reader, const std::string& home_id,
                  const std::string& key, const CallPtr& call) {
  Result<std::optional<int64_t>> from = query_time(*call, "from");
  if (!from) return call->fail(from.error());
  Result<std::optional<int64_t>> to = query_time(*call, "to");
  if (!to) return call->fail(to.error());
  const int64_t to_ms = to->value_or(now_ms(deps));
  const int64_t from_ms = from->value_or(to_ms - kDefaultSeriesSpanMs);
  if (from_ms > to_ms) return call->fail(make_error(ErrorCode::kInvalidArgument, "from: after to"));
  auto points = reader.series(home_id, key, from_ms, to_ms);
  if (!points) return call->fail(points.error());
  json list = json::array();
  for (const insight::SeriesPoint& p : *points) list.push_back(series_point_json(p));
  call->reply(200, {{"key", key},
                    {"from", time_json(from_ms)},
                    {"to", time_json(to_ms)},
                    {"points", std::move(list)}});
}

void get_series(const ApiDeps& deps, insight::DiagnosisReader& reader, const std::string& home_id,
                const CallPtr& call) {
  const std::optional<std::string> key = call->query("key");
  if (key) {
    if (key->empty() || key->size() > kMaxKeyLength) {
      return call->fail(make_error(ErrorCode::kInvalidArgument, "key: 1 to 256 characters"));
    }
    return reply_series(deps, reader, home_id, *key, call);
  }
  auto keys = reader.series_keys(home_id);
  if (!keys) return call->fail(keys.error());
  call->reply(200, {{"keys", *keys}});
}

void get_health(const ApiDeps& deps, insight::DiagnosisReader& reader, const std::string& home_id,
                const CallPtr& call) {
  reply_series(deps, reader, home_id, "health", call);
}

void get_summary(const ApiDeps& deps, const CallPtr& call) {
  if (deps.diagnosis == nullptr) return call->fail(no_diagnosis());
  Result<std::optional<uint64_t>> worst = query_uint(*call, "worst", kMaxLimit);
  if (!worst) return call->fail(worst.error());
  auto summary = deps.diagnosis->fleet_summary(worst->value_or(kDefaultWorstHomes));
  if (!summary) return call->fail(summary.error());
  call->reply(200, fleet_summary_json(*summary));
}

Result<json> optimisation_log_json(insight::DiagnosisReader& reader, const std::string& home_id,
                                   size_t limit) {
  auto log = reader.optimisation_log(home_id, limit);
  if (!log) return log.error();
  json list = json::array();
  for (const insight::OptimisationEntry& e : *log) list.push_back(optimisation_json(e));
  return list;
}

void list_optimisations(const ApiDeps& deps, const CallPtr& call) {
  if (deps.diagnosis == nullptr) return call->fail(no_diagnosis());
  const std::string home_id = call->query("homeId").value_or("");
  if (!home_id.empty()) {
    if (Status st = require_home(deps, home_id); !st) return call->fail(st.error());
  }
  Result<size_t> limit = limit_param(*call, kDefaultLimit, kMaxLimit);
  if (!limit) return call->fail(limit.error());
  Result<json> log = optimisation_log_json(*deps.diagnosis, home_id, *limit);
  if (!log) return call->fail(log.error());
  call->reply(200, {{"log", std::move(*log)}});
}

void reply_optimisation(insight::DiagnosisReader& reader, const std::string& home_id,
                        const CallPtr& call) {
  Result<size_t> limit = limit_param(*call, kDefaultLimit, kMaxLimit);
  if (!limit) return call->fail(limit.error());
  Result<bool> enabled = reader.optimisation_enabled(home_id);
  if (!enabled) return call->fail(enabled.error());
  Result<std::vector<std::string>> pinned = reader.pinned_radios(home_id);
  if (!pinned) return call->fail(pinned.error());
  Result<json> log = optimisation_log_json(reader, home_id, *limit);
  if (!log) return call->fail(log.error());
  call->reply(200, {{"enabled", *enabled}, {"pinnedRadios", *pinned}, {"log", std::move(*log)}});
}

void get_optimisation(const ApiDeps&, insight::DiagnosisReader& reader, const std::string& home_id,
                      const CallPtr& call) {
  reply_optimisation(reader, home_id, call);
}

// "pinnedRadios": an array of at most kMaxPinnedRadios radio ids (check_id), duplicates dropped.
Result<std::vector<std::string>> pinned_radios_field(const json& value) {
  if (!value.is_array()) return invalid_field("pinnedRadios", "must be an array of radio ids");
  if (value.size() > kMaxPinnedRadios) {
    return invalid_field("pinnedRadios",
                         "at most " + std::to_string(kMaxPinnedRadios) + " radios");
  }
  std::vector<std::string> ids;
  for (const json& id : value) {
    if (!id.is_string()) return invalid_field("pinnedRadios", "radio ids must be strings");
    if (Status st = check_id(id.get<std::string>(), "pinnedRadios"); !st) return st.error();
    if (std::find(ids.begin(), ids.end(), id.get<std::string>()) == ids.end())
      ids.push_back(id.get<std::string>());
  }
  return ids;
}

// {"enabled": bool, "pinnedRadios": [...]}, each optional but at least one; everything is checked
// before anything is changed.
void put_optimisation(const ApiDeps& deps, insight::DiagnosisReader& reader,
                      const std::string& home_id, const CallPtr& call) {
  Result<json> body = parse_json_object(call->request().body, deps.max_json_body);
  if (!body) return call->fail(body.error());
  if (Status st = only_fields(*body, {"enabled", "pinnedRadios"}); !st) return call->fail(st.error());
  std::optional<bool> enabled;
  std::optional<std::vector<std::string>> pinned;
  if (auto it = body->find("enabled"); it != body->end()) {
    if (!it->is_boolean()) return call->fail(invalid_field("enabled", "must be true or false"));
    enabled = it->get<bool>();
  }
  if (auto it = body->find("pinnedRadios"); it != body->end()) {
    Result<std::vector<std::string>> ids = pinned_radios_field(*it);
    if (!ids) return call->fail(ids.error());
    pinned = std::move(*ids);
  }
  if (!enabled && !pinned) {
    return call->fail(make_error(ErrorCode::kInvalidArgument,
                                 "enabled or pinnedRadios: at least one is required"));
  }
  if (pinned) {
    if (Status st = reader.set_pinned_radios(home_id, std::move(*pinned)); !st) {
      return call->fail(st.error());
    }
  }
  if (enabled) {
    if (Status st = reader.set_optimisation_enabled(home_id, *enabled); !st) {
      return call->fail(st.error());
    }
  }
  reply_optimisation(reader, home_id, call);
}

void run_checks(const ApiDeps&, insight::DiagnosisReader& reader, const std::string& home_id,
                const CallPtr& call) {
  Result<int64_t> timeout = checks_timeout_ms(*call);
  if (!timeout) return call->fail(timeout.error());
  // Answered later, from whichever thread finishes the checks (or their timeout).
  reader.run_checks(home_id, *timeout,
                    [call](Result<diag::Diagnosis> d) { reply_diagnosis(call, d); });
}

}  // namespace

json series_point_json(const insight::SeriesPoint& point) {
  return {{"time", time_json(point.time_ms)},
          {"value", number_or_null(point.value)},
          {"min", number_or_null(point.min)},
          {"max", number_or_null(point.max)},
          {"count", point.count}};
}

json fleet_summary_json(const insight::FleetSummary& summary) {
  json histogram = json::array();
  for (size_t i = 0; i < summary.health_histogram.size(); ++i) {
    const size_t from = i * 10;
    const size_t to = i + 1 == summary.health_histogram.size() ? 100 : from + 9;
    histogram.push_back({{"from", from}, {"to", to}, {"homes", summary.health_histogram[i]}});
  }
  json worst = json::array();
  for (const insight::WorstHome& w : summary.worst) {
    worst.push_back(
        {{"homeId", w.home_id},
         {"health", w.health},
         {"primaryCause", w.primary_code.empty() ? json(nullptr) : json(w.primary_code)}});
  }
  return {{"homesDiagnosed", summary.homes_diagnosed},
          {"homesHealthy", summary.homes_healthy},
          {"openFindings", code_counts_json(summary.open_findings)},
          {"primaryCauses", code_counts_json(summary.primary_causes)},
          {"healthHistogram", std::move(histogram)},
          {"worst", std::move(worst)}};
}

json optimisation_json(const insight::OptimisationEntry& entry) {
  json j = diag::optimisation_entry_to_json(entry.entry);
  j["homeId"] = entry.home_id;
  return j;
}

Result<int64_t> checks_timeout_ms(const Call& call) {
  const std::optional<std::string> text = call.query("timeout");
  if (!text) return kDefaultChecksTimeoutMs;
  std::string_view digits = *text;
  if (ends_with(digits, "s")) digits.remove_suffix(1);
  const bool all_digits = !digits.empty() && std::all_of(digits.begin(), digits.end(), [](char c) {
    return c >= '0' && c <= '9';
  });
  const std::optional<uint64_t> seconds = all_digits ? parse_uint64(digits) : std::nullopt;
  if (!seconds || *seconds == 0 || *seconds > static_cast<uint64_t>(kMaxChecksTimeoutMs / 1000)) {
    return make_error(ErrorCode::kInvalidArgument,
                      "timeout: whole seconds from 1s to 300s, such as 60s");
  }
  return static_cast<int64_t>(*seconds) * 1000;
}

Result<size_t> limit_param(const Call& call, size_t fallback, size_t max) {
  Result<std::optional<uint64_t>> limit = query_uint(call, "limit", UINT64_MAX);
  if (!limit) return limit.error();
  if (!*limit || **limit == 0) return fallback;
  return static_cast<size_t>(std::min<uint64_t>(**limit, max));
}

void add_diagnosis_routes(Router& router, const ApiDeps& deps) {
  const ApiDeps* d = &deps;
  const auto home = [d](HomeHandler h) { return [d, h](CallPtr c) { for_home(*d, c, h); }; };
  router.add("GET", "/api/v1/homes/{id}/diagnosis", home(get_home_diagnosis));
  router.add("GET", "/api/v1/homes/{id}/snapshot", home(get_snapshot));
  router.add("GET", "/api/v1/homes/{id}/findings", home(get_findings));
  router.add("GET", "/api/v1/homes/{id}/series", home(get_series));
  router.add("GET", "/api/v1/homes/{id}/health", home(get_health));
  router.add("GET", "/api/v1/homes/{id}/optimisation", home(get_optimisation));
  router.add("PUT", "/api/v1/homes/{id}/optimisation", home(put_optimisation), Access::kAgent);
  router.add("POST", "/api/v1/homes/{id}/checks", home(run_checks), Access::kAgent);
  router.add("GET", "/api/v1/devices/{id}/diagnosis",
             [d](CallPtr c) { get_device_diagnosis(*d, c); });
  router.add("GET", "/api/v1/diagnosis/summary", [d](CallPtr c) { get_summary(*d, c); });
  router.add("GET", "/api/v1/optimisations", [d](CallPtr c) { list_optimisations(*d, c); });
}

}  // namespace hearth::api
