// JSON of findings, diagnoses and optimisation log entries (diagnosis_json.h).
#include "diag/diagnosis_json.h"

#include <array>

#include "diag/rules/json_support.h"

namespace hearth::diag {
namespace {

using json = nlohmann::json;
using namespace json_support;

template <typename Enum, size_t N>
bool enum_from(const std::string& text, const std::array<Enum, N>& values,
               const char* (*name)(Enum), Enum* out) {
  for (Enum v : values) {
    if (text == name(v)) {
      *out = v;
      return true;
    }
  }
  return false;
}

// Channels and counts where -1 means "none".
json optional_int(int v) { return v < 0 ? json(nullptr) : json(v); }

Status read_optional_int(const json& j, const char* key, int* out, const char* where) {
  int64_t v = -1;
  if (auto s = read_int(j, key, &v, where); !s) return s;
  if (v < -1 || v > 100000) return field_error(where, key, "is out of range");
  *out = static_cast<int>(v);
  return ok_status();
}

constexpr std::array<Severity, 3> kSeverities{Severity::kInfo, Severity::kWarning,
                                              Severity::kCritical};
constexpr std::array<EntityKind, 6> kKinds{EntityKind::kHome,  EntityKind::kDevice,
                                           EntityKind::kWan,   EntityKind::kNode,
                                           EntityKind::kRadio, EntityKind::kStation};
constexpr std::array<RemedyKind, 5> kRemedies{RemedyKind::kAutomatic, RemedyKind::kCustomer,
                                              RemedyKind::kAgent, RemedyKind::kRecommendation,
                                              RemedyKind::kNone};

json entity_json(const Entity& e) {
  return {{"kind", entity_kind_name(e.kind)}, {"id", e.id}, {"label", e.label}};
}

Status entity_from(const json& j, Entity* e, const char* where) {
  if (!j.is_object()) return field_error(where, "entity", "must be an object");
  std::string kind;
  if (auto s = read_string(j, "kind", &kind, where); !s) return s;
  if (!enum_from(kind, kKinds, entity_kind_name, &e->kind))
    return field_error(where, "entity.kind", "is not a known kind");
  if (auto s = read_string(j, "id", &e->id, where); !s) return s;
  return read_string(j, "label", &e->label, where);
}

}  // namespace

json finding_to_json(const Finding& f) {
  const RuleInfo* rule = find_rule(f.code);
  json evidence = json::array();
  for (const Evidence& e : f.evidence) {
    evidence.push_back({{"name", e.name}, {"value", number_json(e.value)}, {"unit", e.unit}});
  }
  return {{"code", f.code},
          {"title", rule != nullptr ? rule->title : ""},
          {"domain", rule != nullptr ? rule->domain : ""},
          {"severity", severity_name(f.severity)},
          {"entity", entity_json(f.entity)},
          {"evidence", std::move(evidence)},
          {"window", {{"from", time_json(f.window_from_ms)}, {"to", time_json(f.window_to_ms)}}},
          {"start", time_json(f.start_ms)},
          {"end", time_json(f.end_ms)},
          {"customerText", f.customer_text},
          {"agentText", f.agent_text},
          {"remedy",
           {{"kind", remedy_kind_name(f.remedy.kind)},
            {"action", f.remedy.action},
            {"text", f.remedy.text}}},
          {"healthCost", f.health_cost}};
}

Result<Finding> finding_from_json(const json& j) {
  const char* where = "finding";
  if (!j.is_object()) return make_error(ErrorCode::kInvalidArgument, "finding: must be an object");
  Finding f;
  std::string severity;
  if (auto s = read_string(j, "code", &f.code, where); !s) return s.error();
  if (f.code.empty()) return field_error(where, "code", "is required").error();
  if (auto s = read_string(j, "severity", &severity, where); !s) return s.error();
  if (!enum_from(severity, kSeverities, severity_name, &f.severity)) {
    return field_error(where, "severity", "must be info, warning or critical").error();
  }
  if (j.contains("entity")) {
    if (auto s = entity_from(j["entity"], &f.entity, "finding.entity"); !s) return s.error();
  }
  if (j.contains("evidence") && !j["evidence"].is_null()) {
    if (!j["evidence"].is_array())
      return field_error(where, "evidence", "must be an array").error();
    for (const json& e : j["evidence"]) {
      Evidence ev;
      if (auto s = read_string(e, "name", &ev.name, "finding.evidence"); !s) return s.error();
      if (auto s = read_number(e, "value", &ev.value, "finding.evidence"); !s) return s.error();
      if (auto s = read_string(e, "unit", &ev.unit, "finding.evidence"); !s) return s.error();
      f.evidence.push_back(std::move(ev));
    }
  }
  if (j.contains("window") && j["window"].is_object()) {
    if (auto s = read_time(j["window"], "from", &f.window_from_ms, "finding.window"); !s)
      return s.error();
    if (auto s = read_time(j["window"], "to", &f.window_to_ms, "finding.window"); !s)
      return s.error();
  }
  if (auto s = read_time(j, "start", &f.start_ms, where); !s) return s.error();
  if (auto s = read_time(j, "end", &f.end_ms, where); !s) return s.error();
  if (auto s = read_string(j, "customerText", &f.customer_text, where); !s) return s.error();
  if (auto s = read_string(j, "agentText", &f.agent_text, where); !s) return s.error();
  if (j.contains("remedy") && j["remedy"].is_object()) {
    const json& r = j["remedy"];
    std::string kind = "none";
    if (auto s = read_string(r, "kind", &kind, "finding.remedy"); !s) return s.error();
    if (!enum_from(kind, kRemedies, remedy_kind_name, &f.remedy.kind)) {
      return field_error("finding.remedy", "kind", "is not a known kind").error();
    }
    if (auto s = read_string(r, "action", &f.remedy.action, "finding.remedy"); !s) return s.error();
    if (auto s = read_string(r, "text", &f.remedy.text, "finding.remedy"); !s) return s.error();
  }
  int64_t cost = 0;
  if (auto s = read_int(j, "healthCost", &cost, where); !s) return s.error();
  f.health_cost = static_cast<int>(cost);
  return f;
}

json diagnosis_to_json(const Diagnosis& d) {
  json findings = json::array();
  for (const Finding& f : d.findings) findings.push_back(finding_to_json(f));
  json costs = json::array();
  for (const HealthCost& c : d.health_costs) {
    costs.push_back({{"code", c.code}, {"entity", entity_json(c.entity)}, {"points", c.points}});
  }
  json stations = json::object();
  for (const auto& [mac, health] : d.station_health) stations[mac] = health;
  return {{"homeId", d.home_id},
          {"time", time_json(d.time_ms)},
          {"health", d.health},
          {"primaryCause", d.primary ? finding_to_json(*d.primary) : json(nullptr)},
          {"domain", d.domain},
          {"findings", std::move(findings)},
          {"healthCosts", std::move(costs)},
          {"stationHealth", std::move(stations)},
          {"customerSummary", d.customer_summary},
          {"agentSummary", d.agent_summary}};
}

Result<Diagnosis> diagnosis_from_json(const json& j) {
  const char* where = "diagnosis";
  if (!j.is_object())
    return make_error(ErrorCode::kInvalidArgument, "diagnosis: must be an object");
  Diagnosis d;
  int64_t health = 100;
  if (auto s = read_string(j, "homeId", &d.home_id, where); !s) return s.error();
  if (auto s = read_time(j, "time", &d.time_ms, where); !s) return s.error();
  if (auto s = read_int(j, "health", &health, where); !s) return s.error();
  if (health < 0 || health > 100) return field_error(where, "health", "must be 0..100").error();
  d.health = static_cast<int>(health);
  if (j.contains("primaryCause") && !j["primaryCause"].is_null()) {
    auto p = finding_from_json(j["primaryCause"]);
    if (!p) return p.error();
    d.primary = std::move(*p);
  }
  if (auto s = read_string(j, "domain", &d.domain, where); !s) return s.error();
  if (j.contains("findings") && j["findings"].is_array()) {
    for (const json& f : j["findings"]) {
      auto r = finding_from_json(f);
      if (!r) return r.error();
      d.findings.push_back(std::move(*r));
    }
  }
  if (j.contains("healthCosts") && j["healthCosts"].is_array()) {
    for (const json& c : j["healthCosts"]) {
      HealthCost hc;
      int64_t points = 0;
      if (auto s = read_string(c, "code", &hc.code, "diagnosis.healthCosts"); !s) return s.error();
      if (auto s = read_int(c, "points", &points, "diagnosis.healthCosts"); !s) return s.error();
      if (c.contains("entity")) {
        if (auto s = entity_from(c["entity"], &hc.entity, "diagnosis.healthCosts.entity"); !s)
          return s.error();
      }
      hc.points = static_cast<int>(points);
      d.health_costs.push_back(std::move(hc));
    }
  }
  if (j.contains("stationHealth") && j["stationHealth"].is_object()) {
    for (const auto& [mac, v] : j["stationHealth"].items()) {
      if (!v.is_number_integer())
        return field_error(where, "stationHealth", "values must be whole numbers").error();
      d.station_health[mac] = v.get<int>();
    }
  }
  if (auto s = read_string(j, "customerSummary", &d.customer_summary, where); !s) return s.error();
  if (auto s = read_string(j, "agentSummary", &d.agent_summary, where); !s) return s.error();
  return d;
}

json optimisation_entry_to_json(const OptimisationLogEntry& e) {
  return {{"time", time_json(e.time_ms)},
          {"action", e.action},
          {"radioId", e.radio_id},
          {"fromChannel", e.from_channel < 0 ? json(nullptr) : json(e.from_channel)},
          {"toChannel", e.to_channel < 0 ? json(nullptr) : json(e.to_channel)},
          {"utilisationBeforePct", number_json(e.utilisation_before_pct)},
          {"utilisationAfterPct", number_json(e.utilisation_after_pct)},
          {"reason", e.reason}};
}

Result<OptimisationLogEntry> optimisation_entry_from_json(const json& j) {
  const char* where = "optimisation";
  if (!j.is_object())
    return make_error(ErrorCode::kInvalidArgument, "optimisation: must be an object");
  OptimisationLogEntry e;
  int64_t from = -1, to = -1;
  if (auto s = read_time(j, "time", &e.time_ms, where); !s) return s.error();
  if (auto s = read_string(j, "action", &e.action, where); !s) return s.error();
  if (e.action.empty()) return field_error(where, "action", "is required").error();
  if (auto s = read_string(j, "radioId", &e.radio_id, where); !s) return s.error();
  if (auto s = read_int(j, "fromChannel", &from, where); !s) return s.error();
  if (auto s = read_int(j, "toChannel", &to, where); !s) return s.error();
  if (auto s = read_number(j, "utilisationBeforePct", &e.utilisation_before_pct, where); !s)
    return s.error();
  if (auto s = read_number(j, "utilisationAfterPct", &e.utilisation_after_pct, where); !s)
    return s.error();
  if (auto s = read_string(j, "reason", &e.reason, where); !s) return s.error();
  e.from_channel = static_cast<int>(from);
  e.to_channel = static_cast<int>(to);
  return e;
}

json optimiser_state_to_json(const OptimiserState& state) {
  json radios = json::array();
  for (const OptimiserRadioState& r : state.radios) {
    radios.push_back({{"radioId", r.radio_id},
                      {"channelSet", optional_int(r.channel_set)},
                      {"previousChannel", optional_int(r.previous_channel)},
                      {"changed", time_json(r.changed_ms)},
                      {"utilisationBeforePct", number_json(r.utilisation_before_pct)},
                      {"judged", r.judged},
                      {"neighboursBefore", optional_int(r.neighbours_before)},
                      {"rejectedChannel", optional_int(r.rejected_channel)},
                      {"skippedChannel", optional_int(r.skipped_channel)}});
  }
  return {{"enabled", state.enabled},
          {"lastScan", time_json(state.last_scan_ms)},
          {"scanRequested", time_json(state.scan_requested_ms)},
          {"bandSteeringSet", state.band_steering_set},
          {"radios", std::move(radios)}};
}

Result<OptimiserState> optimiser_state_from_json(const json& j) {
  const char* where = "optimiserState";
  if (!j.is_object())
    return make_error(ErrorCode::kInvalidArgument, "optimiserState: must be an object");
  OptimiserState st;
  if (auto s = read_bool(j, "enabled", &st.enabled, where); !s) return s.error();
  if (auto s = read_time(j, "lastScan", &st.last_scan_ms, where); !s) return s.error();
  if (auto s = read_time(j, "scanRequested", &st.scan_requested_ms, where); !s) return s.error();
  if (auto s = read_bool(j, "bandSteeringSet", &st.band_steering_set, where); !s) return s.error();
  if (j.contains("radios") && !j["radios"].is_null()) {
    if (!j["radios"].is_array()) return field_error(where, "radios", "must be an array").error();
    const char* rw = "optimiserState.radios";
    for (const json& rj : j["radios"]) {
      if (!rj.is_object()) return field_error(where, "radios", "must hold objects").error();
      OptimiserRadioState r;
      if (auto s = read_string(rj, "radioId", &r.radio_id, rw); !s) return s.error();
      if (r.radio_id.empty()) return field_error(rw, "radioId", "is required").error();
      if (auto s = read_optional_int(rj, "channelSet", &r.channel_set, rw); !s) return s.error();
      if (auto s = read_optional_int(rj, "previousChannel", &r.previous_channel, rw); !s)
        return s.error();
      if (auto s = read_time(rj, "changed", &r.changed_ms, rw); !s) return s.error();
      if (auto s = read_number(rj, "utilisationBeforePct", &r.utilisation_before_pct, rw); !s)
        return s.error();
      if (auto s = read_bool(rj, "judged", &r.judged, rw); !s) return s.error();
      if (auto s = read_optional_int(rj, "neighboursBefore", &r.neighbours_before, rw); !s)
        return s.error();
      if (auto s = read_optional_int(rj, "rejectedChannel", &r.rejected_channel, rw); !s)
        return s.error();
      if (auto s = read_optional_int(rj, "skippedChannel", &r.skipped_channel, rw); !s)
        return s.error();
      st.radios.push_back(std::move(r));
    }
  }
  return st;
}

}  // namespace hearth::diag
