#include "api/audit_trail.h"

#include <map>
#include <utility>

#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include "api/handler_support.h"
#include "api/openapi.h"
#include "api/redaction.h"
#include "core/strings.h"

namespace hearth::api {

namespace {

using nlohmann::json;

// Bodies larger than this are described by their size only: parsing a 64 MB import file to log a
// few kilobytes of it is not worth it.
constexpr size_t kMaxParsedBody = 64 * 1024;
constexpr size_t kMaxPathBytes = 1024;
constexpr size_t kMaxNameBytes = 256;

using OperationMap = std::map<std::pair<std::string, std::string>, std::string>;  // (METHOD, pattern)

OperationMap build_operation_map() {
  OperationMap out;
  const json doc = json::parse(openapi_document(), nullptr, false);
  if (!doc.is_object() || !doc.contains("paths") || !doc["paths"].is_object()) {
    spdlog::error("api: the embedded OpenAPI document has no paths; audit entries name routes by pattern");
    return out;
  }
  for (const auto& [pattern, item] : doc["paths"].items()) {
    if (!item.is_object()) continue;
    for (const auto& [method, op] : item.items()) {
      if (!op.is_object() || !op.contains("operationId") || !op["operationId"].is_string()) continue;
      std::string m = method;
      for (char& c : m) c = static_cast<char>(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
      out[{m, pattern}] = op["operationId"].get<std::string>();
    }
  }
  return out;
}

// The first `max` bytes of `s`, not cutting a UTF-8 sequence.
std::string cut_utf8(const std::string& s, size_t max) {
  if (s.size() <= max) return s;
  size_t n = max;
  while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
  return s.substr(0, n) + "...";
}

std::string dump(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); }

// Fields that hold secrets without saying so in their names: the current password of a password
// change, tokens.
void mask_more(json& j) {
  if (j.is_array()) {
    for (json& item : j) mask_more(item);
  } else if (j.is_object()) {
    for (auto it = j.begin(); it != j.end(); ++it) {
      const std::string key = to_lower(it.key());
      if (!it->is_structured() && (key == "current" || key.find("token") != std::string::npos)) {
        if (!(it->is_string() && it->get_ref<const std::string&>().empty())) *it = kRedacted;
      } else {
        mask_more(*it);
      }
    }
  }
}

// The request body as the audit log keeps it.
json request_details(const ApiRequest& request) {
  if (request.body.empty()) return nullptr;
  if (request.body.size() <= kMaxParsedBody) {
    json body = json::parse(request.body, nullptr, false);
    if (!body.is_discarded()) {
      redact_secrets(body);
      mask_more(body);
      return body;
    }
  }
  return {{"bytes", request.body.size()},
          {"contentType", std::string(request.headers.get("Content-Type").value_or(""))}};
}

// Whose data the path names: the literal segment before a parameter says what it is.
struct Subjects {
  std::string account;
  std::string home_id;
  std::string device_id;
  std::string task_id;
};

Subjects path_subjects(const Router::Route& route, const PathParams& params) {
  Subjects s;
  for (size_t i = 1; i < route.segments.size(); ++i) {
    const std::string& seg = route.segments[i];
    if (seg.size() < 3 || seg.front() != '{' || seg.back() != '}') continue;
    const auto value = params.find(seg.substr(1, seg.size() - 2));
    if (value == params.end()) continue;
    const std::string& kind = route.segments[i - 1];
    if (kind == "devices") s.device_id = value->second;
    if (kind == "homes") s.home_id = value->second;
    if (kind == "subscribers" || kind == "customers") s.account = value->second;
    if (kind == "tasks") s.task_id = value->second;
  }
  return s;
}

// Completes the subjects from the store: a task's device, a device's home, a home's account.
// A failed read leaves a field empty; the entry is still written.
void complete_subjects(const ApiDeps& deps, Subjects& s) {
  if (s.device_id.empty() && !s.task_id.empty()) {
    const std::optional<uint64_t> id = parse_uint64(s.task_id);
    if (id && *id <= static_cast<uint64_t>(INT64_MAX)) {
      Result<std::optional<store::TaskRecord>> task = deps.store.get_task(static_cast<int64_t>(*id));
      if (task && task->has_value()) s.device_id = (*task)->device_id;
    }
  }
  if (!s.device_id.empty() && s.home_id.empty()) {
    Result<std::optional<store::HomeRecord>> home = deps.store.home_for_device(s.device_id);
    if (home && home->has_value()) {
      s.home_id = (*home)->id;
      if (s.account.empty()) s.account = (*home)->account;
    }
  }
  if (!s.home_id.empty() && s.account.empty()) {
    Result<std::optional<store::HomeRecord>> home = deps.store.get_home(s.home_id);
    if (home && home->has_value()) s.account = (*home)->account;
  }
}

const char* outcome_of(int status) {
  if (status >= 200 && status < 300) return "ok";
  if (status == 401 || status == 403) return "denied";
  return "failed";
}

// The id the answer names, if it is a JSON object with one.
json result_id(const ApiResponse& r) {
  if (r.body.empty() || r.body.size() > kMaxParsedBody) return nullptr;
  const json body = json::parse(r.body, nullptr, false);
  if (!body.is_object()) return nullptr;
  const auto id = body.find("id");
  if (id == body.end() || id->is_structured()) return nullptr;
  return *id;
}

// The details at most kMaxAuditDetails bytes: the request is cut first (as text).
std::string details_text(json details) {
  std::string text = dump(details);
  if (text.size() <= kMaxAuditDetails) return text;
  const std::string request = dump(details["request"]);
  details["request"] = "";
  const size_t rest = dump(details).size();
  const size_t room = kMaxAuditDetails > rest + 64 ? kMaxAuditDetails - rest - 64 : 0;
  // A JSON string escapes quotes, so a cut of `room` bytes may grow; cut until it fits.
  for (size_t keep = room; ; keep /= 2) {
    details["request"] = keep == 0 ? json(nullptr) : json(cut_utf8(request, keep));
    text = dump(details);
    if (text.size() <= kMaxAuditDetails || keep == 0) return text;
  }
}

}  // namespace

const std::string& operation_id(const std::string& method, const std::string& pattern) {
  static const OperationMap map = build_operation_map();
  static const std::string none;
  const auto it = map.find({method, pattern});
  return it == map.end() ? none : it->second;
}

Responder audit_responder(const ApiDeps& deps, const Router::Route& route, const PathParams& params,
                          const ApiRequest& request, const Principal& principal, Responder next) {
  store::AuditRecord entry;
  const bool session = !principal.user_id.empty();
  entry.actor_kind = session ? principal.role : "token";
  entry.actor = session ? principal.user_id : principal.token_id;
  const std::string& op = operation_id(route.method, route.pattern);
  entry.action = op.empty() ? route.method + " " + route.pattern : op;
  Subjects s = path_subjects(route, params);
  complete_subjects(deps, s);
  entry.account = std::move(s.account);
  entry.home_id = std::move(s.home_id);
  entry.device_id = std::move(s.device_id);
  json details = {{"method", request.method},
                  {"path", cut_utf8(request.path, kMaxPathBytes)},
                  {"name", cut_utf8(principal.name, kMaxNameBytes)},
                  {"request", request_details(request)}};
  return [&deps, entry = std::move(entry), details = std::move(details),
          next = std::move(next)](ApiResponse r) mutable {
    entry.time_ms = now_ms(deps);
    entry.outcome = outcome_of(r.status);
    details["status"] = r.status;
    details["result"] = result_id(r);
    entry.json = details_text(std::move(details));
    deps.store.write(store::WriteBatch().add(store::AddAudit{std::move(entry)}), [](Status st) {
      if (!st) spdlog::error("api: cannot write an audit entry: {}", st.error().message);
    });
    next(std::move(r));
  };
}

}  // namespace hearth::api
