// Names of incident states and scopes, and the JSON forms of incidents and maintenance windows.
// Times are ISO 8601 UTC strings with milliseconds (null for 0); ids that are 0 and empty node or
// region ids are null. The readers accept what the writers produce and nothing of another type.
#include "outage/incident.h"

#include <cstdint>
#include <cstdio>

#include "core/clock.h"

namespace hearth::outage {

namespace {

using nlohmann::json;

// 2026-01-05T19:00:00.000Z: always with milliseconds, so that every time has the same form.
json time_json(int64_t ms) {
  if (ms == 0) return nullptr;
  std::string s = format_iso8601(from_unix_ms(ms), false);  // ends with 'Z'
  int64_t frac = ms % 1000;
  if (frac < 0) frac += 1000;
  char buf[8];
  std::snprintf(buf, sizeof buf, ".%03lld", static_cast<long long>(frac));
  s.insert(s.size() - 1, buf);
  return s;
}

json id_json(int64_t id) {
  return id == 0 ? json(nullptr) : json(id);
}
json text_or_null(const std::string& s) {
  return s.empty() ? json(nullptr) : json(s);
}

// Readers: a missing key or null leaves the default; the wrong type fails.
bool read_time(const json& j, const char* key, int64_t* out) {
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) return true;
  if (!it->is_string()) return false;
  return parse_iso8601_ms(it->get<std::string>(), out);
}

bool read_int(const json& j, const char* key, int64_t* out) {
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) return true;
  if (!it->is_number_integer()) return false;
  *out = it->get<int64_t>();
  return true;
}

bool read_uint(const json& j, const char* key, uint32_t* out) {
  int64_t v = 0;
  if (!read_int(j, key, &v) || v < 0 || v > UINT32_MAX) return false;
  *out = static_cast<uint32_t>(v);
  return true;
}

bool read_string(const json& j, const char* key, std::string* out) {
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) return true;
  if (!it->is_string()) return false;
  *out = it->get<std::string>();
  return true;
}

bool read_bool(const json& j, const char* key, bool* out) {
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) return true;
  if (!it->is_boolean()) return false;
  *out = it->get<bool>();
  return true;
}

}  // namespace

const char* incident_state_name(IncidentState s) {
  switch (s) {
    case IncidentState::kSuspected:
      return "suspected";
    case IncidentState::kConfirmed:
      return "confirmed";
    case IncidentState::kResolved:
      return "resolved";
  }
  return "suspected";
}

std::optional<IncidentState> parse_incident_state(const std::string& s) {
  for (IncidentState v :
       {IncidentState::kSuspected, IncidentState::kConfirmed, IncidentState::kResolved}) {
    if (s == incident_state_name(v)) return v;
  }
  return std::nullopt;
}

const char* scope_name(Scope s) {
  return s == Scope::kRegion ? "region" : "access-node";
}

json incident_to_json(const Incident& i) {
  json notes = json::array();
  for (const IncidentNote& n : i.notes) {
    notes.push_back({{"time", time_json(n.time_ms)}, {"author", n.author}, {"text", n.text}});
  }
  return {{"id", i.id},
          {"scope", scope_name(i.scope)},
          {"accessNode", text_or_null(i.access_node_id)},
          {"region", text_or_null(i.region_id)},
          {"state", incident_state_name(i.state)},
          {"cause", i.cause},
          {"suspectedAt", time_json(i.suspected_ms)},
          {"confirmedAt", time_json(i.confirmed_ms)},
          {"resolvedAt", time_json(i.resolved_ms)},
          {"startedAt", time_json(i.start_ms)},
          {"endedAt", time_json(i.end_ms)},
          {"estimatedRepairAt", time_json(i.etr_ms)},
          {"nodeHomes", i.node_homes},
          {"unreachable", i.unreachable},
          {"homes", i.homes},
          {"parentId", id_json(i.parent_id)},
          {"mergedInto", id_json(i.merged_into)},
          {"closedByOperator", i.closed_by_operator},
          {"title", i.title},
          {"notes", std::move(notes)},
          {"updatedAt", time_json(i.updated_ms)}};
}

std::optional<Incident> incident_from_json(const json& j) {
  if (!j.is_object()) return std::nullopt;
  Incident i;
  std::string scope, state;
  if (!read_int(j, "id", &i.id) || i.id <= 0) return std::nullopt;
  if (!read_string(j, "scope", &scope) || !read_string(j, "state", &state)) return std::nullopt;
  if (scope == scope_name(Scope::kRegion)) {
    i.scope = Scope::kRegion;
  } else if (scope == scope_name(Scope::kAccessNode)) {
    i.scope = Scope::kAccessNode;
  } else {
    return std::nullopt;
  }
  auto parsed_state = parse_incident_state(state);
  if (!parsed_state) return std::nullopt;
  i.state = *parsed_state;
  const bool ok =
      read_string(j, "accessNode", &i.access_node_id) && read_string(j, "region", &i.region_id) &&
      read_string(j, "cause", &i.cause) && read_time(j, "suspectedAt", &i.suspected_ms) &&
      read_time(j, "confirmedAt", &i.confirmed_ms) && read_time(j, "resolvedAt", &i.resolved_ms) &&
      read_time(j, "startedAt", &i.start_ms) && read_time(j, "endedAt", &i.end_ms) &&
      read_time(j, "estimatedRepairAt", &i.etr_ms) && read_time(j, "updatedAt", &i.updated_ms) &&
      read_uint(j, "nodeHomes", &i.node_homes) && read_uint(j, "unreachable", &i.unreachable) &&
      read_int(j, "parentId", &i.parent_id) && read_int(j, "mergedInto", &i.merged_into) &&
      read_bool(j, "closedByOperator", &i.closed_by_operator) && read_string(j, "title", &i.title);
  if (!ok) return std::nullopt;
  if (auto it = j.find("homes"); it != j.end() && !it->is_null()) {
    if (!it->is_array()) return std::nullopt;
    for (const json& h : *it) {
      if (!h.is_string()) return std::nullopt;
      i.homes.push_back(h.get<std::string>());
    }
  }
  if (auto it = j.find("notes"); it != j.end() && !it->is_null()) {
    if (!it->is_array()) return std::nullopt;
    for (const json& n : *it) {
      IncidentNote note;
      if (!n.is_object() || !read_time(n, "time", &note.time_ms) ||
          !read_string(n, "author", &note.author) || !read_string(n, "text", &note.text)) {
        return std::nullopt;
      }
      i.notes.push_back(std::move(note));
    }
  }
  return i;
}

json maintenance_to_json(const Maintenance& m) {
  return {{"id", m.id},
          {"accessNode", text_or_null(m.access_node_id)},
          {"region", text_or_null(m.region_id)},
          {"start", time_json(m.start_ms)},
          {"end", time_json(m.end_ms)},
          {"description", m.description},
          {"createdBy", m.created_by},
          {"createdAt", time_json(m.created_ms)}};
}

std::optional<Maintenance> maintenance_from_json(const json& j) {
  if (!j.is_object()) return std::nullopt;
  Maintenance m;
  const bool ok = read_string(j, "id", &m.id) && read_string(j, "accessNode", &m.access_node_id) &&
                  read_string(j, "region", &m.region_id) && read_time(j, "start", &m.start_ms) &&
                  read_time(j, "end", &m.end_ms) && read_string(j, "description", &m.description) &&
                  read_string(j, "createdBy", &m.created_by) &&
                  read_time(j, "createdAt", &m.created_ms);
  if (!ok || m.id.empty()) return std::nullopt;
  return m;
}

}  // namespace hearth::outage
