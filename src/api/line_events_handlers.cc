#include "api/line_events_handlers.h"

#include <string>

#include "api/request_params.h"
#include "api/routes.h"
#include "core/clock.h"

namespace hearth::api {

namespace {

using nlohmann::json;

constexpr size_t kMaxIdLength = 256;
constexpr const char* kKinds[] = {"dying-gasp", "loss-of-signal", "restored"};

Error invalid(const std::string& field, const std::string& what) {
  return make_error(ErrorCode::kInvalidArgument, field + ": " + what);
}

// An optional id field: absent or a string of at most kMaxIdLength characters.
Result<std::string> id_field(const json& event, const char* name, const std::string& at) {
  auto it = event.find(name);
  if (it == event.end() || it->is_null()) return std::string();
  if (!it->is_string() || it->get_ref<const std::string&>().size() > kMaxIdLength) {
    return invalid(at + "." + name, "a string of at most 256 characters");
  }
  return it->get<std::string>();
}

Result<insight::LineEvent> parse_event(const json& event, const std::string& at) {
  if (!event.is_object()) return invalid(at, "must be an object");
  for (const auto& [name, value] : event.items()) {
    if (name != "homeId" && name != "serial" && name != "kind" && name != "time") {
      return invalid(at + "." + name, "unknown field");
    }
  }
  insight::LineEvent out;
  Result<std::string> home_id = id_field(event, "homeId", at);
  if (!home_id) return home_id.error();
  Result<std::string> serial = id_field(event, "serial", at);
  if (!serial) return serial.error();
  out.home_id = std::move(*home_id);
  out.serial = std::move(*serial);
  if (out.home_id.empty() && out.serial.empty()) return invalid(at, "needs a homeId or a serial");

  auto kind = event.find("kind");
  bool known_kind = false;
  if (kind != event.end() && kind->is_string()) {
    for (const char* k : kKinds) known_kind = known_kind || *kind == k;
  }
  if (!known_kind) return invalid(at + ".kind", "one of dying-gasp, loss-of-signal, restored");
  out.kind = kind->get<std::string>();

  auto time = event.find("time");
  if (time == event.end() || !time->is_string() ||
      !parse_iso8601_ms(time->get<std::string>(), &out.time_ms)) {
    return invalid(at + ".time", "an ISO 8601 time such as 2026-01-01T03:00:00Z");
  }
  return out;
}

void post_line_events(const ApiDeps& deps, const CallPtr& call) {
  if (deps.diagnosis == nullptr) {
    return call->fail(
        make_error(ErrorCode::kUnavailable, "line events: this server runs no diagnosis"));
  }
  Result<json> body = parse_json_object(call->request().body, kMaxLineEventsBody);
  if (!body) return call->fail(body.error());
  Result<std::vector<insight::LineEvent>> events = parse_line_events(*body);
  if (!events) return call->fail(events.error());
  uint64_t accepted = 0;
  uint64_t unmatched = 0;
  for (const insight::LineEvent& e : *events) {
    const Status st = deps.diagnosis->line_event(e);
    if (st) {
      ++accepted;
    } else if (st.error().code == ErrorCode::kNotFound) {
      ++unmatched;
    } else {
      return call->fail(st.error());
    }
  }
  call->reply(202, {{"accepted", accepted}, {"unmatched", unmatched}});
}

}  // namespace

Result<std::vector<insight::LineEvent>> parse_line_events(const json& body) {
  for (const auto& [name, value] : body.items()) {
    if (name != "events") return invalid(name, "unknown field");
  }
  auto list = body.find("events");
  if (list == body.end() || !list->is_array())
    return invalid("events", "required, an array of events");
  if (list->size() > kMaxLineEvents) {
    return invalid("events", "at most " + std::to_string(kMaxLineEvents) + " per request");
  }
  std::vector<insight::LineEvent> out;
  out.reserve(list->size());
  for (size_t i = 0; i < list->size(); ++i) {
    Result<insight::LineEvent> e = parse_event((*list)[i], "events[" + std::to_string(i) + "]");
    if (!e) return e.error();
    out.push_back(std::move(*e));
  }
  return out;
}

void add_line_event_routes(Router& router, const ApiDeps& deps) {
  const ApiDeps* d = &deps;
  router.add("POST", "/api/v1/line-events", [d](CallPtr c) { post_line_events(*d, c); });
}

}  // namespace hearth::api
