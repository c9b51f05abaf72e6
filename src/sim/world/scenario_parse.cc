// Reading scenarios (scenario.h): the JSON file and the command-line spec
// "TYPE:TARGET[@AT][/DURATION]", times ("+5m", "now", ISO-8601) and durations ("1h30m").
// Errors name the entry and what is wrong.
#include <cmath>

#include <nlohmann/json.hpp>

#include "core/clock.h"
#include "core/strings.h"
#include "sim/world/scenario_internal.h"

namespace hearth::sim {
namespace scenario_detail {
namespace {

using nlohmann::json;

Error bad(const std::string& label, const std::string& what) {
  return make_error(ErrorCode::kInvalidArgument, label + ": " + what);
}

std::optional<uint32_t> find_home(const Fleet& fleet, std::string_view id) {
  if (starts_with(id, "home-")) {
    const std::optional<uint64_t> n = parse_uint64(id.substr(5));
    if (n && *n >= 1 && *n <= fleet.homes.size() && fleet.homes[*n - 1].id == id) return static_cast<uint32_t>(*n - 1);
  }
  for (const Home& h : fleet.homes) {
    if (h.id == id) return h.index;
  }
  return std::nullopt;
}

std::optional<uint32_t> find_access_node(const Fleet& fleet, std::string_view id) {
  for (size_t i = 0; i < fleet.access_nodes.size(); ++i) {
    if (fleet.access_nodes[i].id == id) return static_cast<uint32_t>(i);
  }
  return std::nullopt;
}

Status add_home(Request& r, const Fleet& fleet, std::string_view id) {
  const std::optional<uint32_t> h = find_home(fleet, id);
  if (!h) return bad(r.label, "unknown home \"" + std::string(id) + "\"");
  r.homes.push_back(*h);
  return ok_status();
}

Status add_access_node(Request& r, const Fleet& fleet, std::string_view id) {
  const std::optional<uint32_t> a = find_access_node(fleet, id);
  if (!a) return bad(r.label, "unknown access node \"" + std::string(id) + "\"");
  const std::vector<uint32_t>& homes = fleet.access_nodes[*a].homes;
  r.homes.insert(r.homes.end(), homes.begin(), homes.end());
  return ok_status();
}

// A time or duration given as a JSON string, or a number of seconds.
Result<int64_t> json_time(const json& v, const std::string& label, const char* field, bool duration, int64_t start) {
  if (v.is_number()) {
    const double seconds = v.get<double>();
    if (!std::isfinite(seconds) || seconds < 0) return bad(label, std::string("bad ") + field);
    return (duration ? 0 : start) + static_cast<int64_t>(std::llround(seconds * 1000.0));
  }
  if (!v.is_string()) return bad(label, std::string("\"") + field + "\" must be a string such as \"+5m\" or \"2h\"");
  Result<int64_t> t = duration ? parse_duration_ms(v.get<std::string>()) : parse_scenario_time_ms(v.get<std::string>(), start);
  if (!t.ok()) return bad(label, t.error().message);
  return t;
}

Status finish(Request& r) {
  if (!r.random && r.homes.empty()) return bad(r.label, "no target: give \"home\", \"homes\" or \"accessNode\"");
  if (r.end_ms != kNever && r.end_ms <= r.start_ms) return bad(r.label, "the duration must be positive");
  return ok_status();
}

Result<Request> parse_entry(const json& e, size_t n, const Fleet& fleet, int64_t start) {
  Request r;
  r.label = "scenario " + std::to_string(n);
  if (!e.is_object()) return bad(r.label, "expected an object");
  const auto type_it = e.find("type");
  if (type_it == e.end() || !type_it->is_string()) return bad(r.label, "missing \"type\"");
  const std::string type = type_it->get<std::string>();
  r.label += " (" + type + ")";
  r.random = type == "random";
  if (!r.random) {
    const ScenarioTypeInfo* info = find_scenario_type(type);
    if (info == nullptr) return bad(r.label, "unknown type \"" + type + "\"");
    r.type = info->type;
  }
  bool has_homes = false;
  bool has_access_nodes = false;
  r.start_ms = start;
  for (const auto& [key, v] : e.items()) {
    if (key == "type" || key == "comment" || key == "name") continue;
    if (key == "home" || key == "accessNode") {
      if (!v.is_string()) return bad(r.label, "\"" + key + "\" must be a string");
      Status s = key == "home" ? add_home(r, fleet, v.get<std::string>()) : add_access_node(r, fleet, v.get<std::string>());
      if (!s.ok()) return s.error();
      (key == "home" ? has_homes : has_access_nodes) = true;
    } else if (key == "homes" || key == "accessNodes") {
      if (!v.is_array()) return bad(r.label, "\"" + key + "\" must be a list of ids");
      for (const json& id : v) {
        if (!id.is_string()) return bad(r.label, "\"" + key + "\" must be a list of ids");
        Status s = key == "homes" ? add_home(r, fleet, id.get<std::string>()) : add_access_node(r, fleet, id.get<std::string>());
        if (!s.ok()) return s.error();
      }
      (key == "homes" ? has_homes : has_access_nodes) = true;
    } else if (key == "at") {
      Result<int64_t> t = json_time(v, r.label, "at", false, start);
      if (!t.ok()) return t.error();
      r.start_ms = *t;
    } else if (key == "duration" || key == "spread") {
      Result<int64_t> d = json_time(v, r.label, key.c_str(), true, start);
      if (!d.ok()) return d.error();
      (key == "duration" ? r.end_ms : r.spread_ms) = *d;
    } else if (key == "share" && r.random) {
      if (!v.is_number() || v.get<double>() <= 0 || v.get<double>() > 1) return bad(r.label, "\"share\" must be in (0, 1]");
      r.share = v.get<double>();
    } else if (key == "types" && r.random) {
      if (!v.is_array() || v.empty()) return bad(r.label, "\"types\" must be a non-empty list of scenario types");
      for (const json& t : v) {
        const ScenarioTypeInfo* info = t.is_string() ? find_scenario_type(t.get<std::string>()) : nullptr;
        if (info == nullptr) return bad(r.label, "unknown type " + t.dump() + " in \"types\"");
        if (info->type == ScenarioType::kAccessNodeOutage) {
          return bad(r.label, "access-node-outage targets access nodes, not random homes");
        }
        r.types.push_back(info->type);
      }
    } else {
      return bad(r.label, "unknown field \"" + key + "\"");
    }
  }
  if (r.end_ms != kNever) r.end_ms += r.start_ms;  // "duration" was read as a length
  if (r.random) {
    if (r.share <= 0) return bad(r.label, "random needs \"share\" (e.g. 0.2)");
    if (r.types.empty()) r.types = default_random_types();
  } else if (r.type == ScenarioType::kAccessNodeOutage && (has_homes || !has_access_nodes)) {
    return bad(r.label, "access-node-outage needs \"accessNode\", not homes");
  }
  Status s = finish(r);
  if (!s.ok()) return s.error();
  return r;
}

}  // namespace

Result<std::vector<Request>> parse_file(const std::string& text, const Fleet& fleet, int64_t start_ms) {
  const json doc = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded()) return make_error(ErrorCode::kInvalidArgument, "scenario file: not valid JSON");
  const auto list = doc.is_object() ? doc.find("scenarios") : doc.end();
  if (!doc.is_object() || list == doc.end() || !list->is_array()) {
    return make_error(ErrorCode::kInvalidArgument, "scenario file: expected {\"scenarios\": [...]}");
  }
  std::vector<Request> out;
  for (size_t i = 0; i < list->size(); ++i) {
    Result<Request> r = parse_entry((*list)[i], i + 1, fleet, start_ms);
    if (!r.ok()) return r.error();
    out.push_back(std::move(*r));
  }
  return out;
}

Result<Request> parse_spec(const std::string& spec, const Fleet& fleet, int64_t start_ms) {
  Request r;
  r.label = "scenario \"" + spec + "\"";
  const size_t colon = spec.find(':');
  if (colon == std::string::npos) return bad(r.label, "expected TYPE:TARGET[@AT][/DURATION]");
  const std::string type = spec.substr(0, colon);
  const ScenarioTypeInfo* info = find_scenario_type(type);
  if (info == nullptr) return bad(r.label, "unknown type \"" + type + "\"");
  r.type = info->type;
  const std::string rest = spec.substr(colon + 1);
  const size_t at = rest.find('@');
  const size_t slash = rest.find('/', at == std::string::npos ? 0 : at);
  const std::string target = rest.substr(0, std::min(at, slash));
  if (target.empty()) return bad(r.label, "no target (a home id or an access node id)");
  for (std::string_view id : split(target, ',')) {
    id = trim(id);
    if (find_access_node(fleet, id)) {
      Status s = add_access_node(r, fleet, id);
      if (!s.ok()) return s.error();
    } else if (r.type == ScenarioType::kAccessNodeOutage) {
      return bad(r.label, "access-node-outage needs an access node id, not \"" + std::string(id) + "\"");
    } else if (Status s = add_home(r, fleet, id); !s.ok()) {
      return bad(r.label, "unknown home or access node \"" + std::string(id) + "\"");
    }
  }
  r.start_ms = start_ms;
  if (at != std::string::npos) {
    Result<int64_t> t = parse_scenario_time_ms(rest.substr(at + 1, slash == std::string::npos ? std::string::npos : slash - at - 1), start_ms);
    if (!t.ok()) return bad(r.label, t.error().message);
    r.start_ms = *t;
  }
  if (slash != std::string::npos) {
    Result<int64_t> d = parse_duration_ms(rest.substr(slash + 1));
    if (!d.ok()) return bad(r.label, d.error().message);
    r.end_ms = r.start_ms + *d;
  }
  Status s = finish(r);
  if (!s.ok()) return s.error();
  return r;
}

}  // namespace scenario_detail

Result<int64_t> parse_duration_ms(std::string_view text) {
  const std::string shown(text);
  const Error error = make_error(ErrorCode::kInvalidArgument, "bad duration \"" + shown + "\" (use e.g. 90s, 20m, 2h, 1d, 1h30m)");
  text = trim(text);
  if (text.empty()) return error;
  int64_t total = 0;
  size_t i = 0;
  while (i < text.size()) {
    size_t j = i;
    while (j < text.size() && text[j] >= '0' && text[j] <= '9') ++j;
    if (j == i || j - i > 9) return error;
    const int64_t n = *parse_int64(text.substr(i, j - i));
    size_t k = j;
    while (k < text.size() && ((text[k] >= 'a' && text[k] <= 'z'))) ++k;
    const std::string_view unit = text.substr(j, k - j);
    int64_t scale = 0;
    if (unit == "ms") scale = 1;
    else if (unit == "s") scale = 1000;
    else if (unit == "m" || unit == "min") scale = 60'000;
    else if (unit == "h") scale = 3'600'000;
    else if (unit == "d") scale = 86'400'000;
    else return error;
    total += n * scale;
    i = k;
  }
  return total;
}

Result<int64_t> parse_scenario_time_ms(std::string_view text, int64_t start_ms) {
  text = trim(text);
  if (text == "now" || text.empty()) return start_ms;
  if (text.front() == '+') {
    Result<int64_t> d = parse_duration_ms(text.substr(1));
    if (!d.ok()) return make_error(ErrorCode::kInvalidArgument, "bad time \"" + std::string(text) + "\" (use +5m, now or an ISO-8601 date-time)");
    return start_ms + *d;
  }
  int64_t ms = 0;
  if (!parse_iso8601_ms(std::string(text), &ms)) {
    return make_error(ErrorCode::kInvalidArgument, "bad time \"" + std::string(text) + "\" (use +5m, now or an ISO-8601 date-time)");
  }
  return ms;
}

}  // namespace hearth::sim
