// POST /api/v1/line-events (line_events_handlers.h). Each event goes to the diagnosis and to the
// outage detection (the IncidentDesk), whichever of them the server runs; it is accepted when
// either takes it. The desk takes home ids only: an event that names just a gateway's serial is
// matched to a home through the devices the store knows with that serial.
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

// The home of the gateway with this serial, "" when the store knows none.
Result<std::string> home_of_serial(store::Store& store, const std::string& serial) {
  if (serial.empty()) return std::string();
  store::DeviceQuery q;
  q.serial_number = serial;
  q.limit = 16;
  auto devices = store.find_devices(q);
  if (!devices) return devices.error();
  for (const store::DeviceRecord& d : devices->devices) {
    auto home = store.home_for_device(d.id);
    if (!home) return home.error();
    if (home->has_value()) return (*home)->id;
  }
  return std::string();
}

// Whether the diagnosis or the desk took the event. kNotFound (a home it does not know) is not
// taking it; any other error ends the request.
Result<bool> hand_on(const ApiDeps& deps, const insight::LineEvent& e) {
  bool taken = false;
  if (deps.diagnosis != nullptr) {
    const Status st = deps.diagnosis->line_event(e);
    if (!st && st.error().code != ErrorCode::kNotFound) return st.error();
    taken = st.ok();
  }
  if (deps.incidents != nullptr) {
    Result<std::string> home = e.home_id.empty() ? home_of_serial(deps.store, e.serial)
                                                 : Result<std::string>(e.home_id);
    if (!home) return home.error();
    if (!home->empty()) {
      const Status st = deps.incidents->line_event({*home, e.kind, e.time_ms});
      if (!st && st.error().code != ErrorCode::kNotFound) return st.error();
      taken = taken || st.ok();
    }
  }
  return taken;
}

void post_line_events(const ApiDeps& deps, const CallPtr& call) {
  if (deps.diagnosis == nullptr && deps.incidents == nullptr) {
    return call->fail(make_error(ErrorCode::kUnavailable,
                                 "line events: this server runs neither diagnosis nor outage "
                                 "detection"));
  }
  Result<json> body = parse_json_object(call->request().body, kMaxLineEventsBody);
  if (!body) return call->fail(body.error());
  Result<std::vector<insight::LineEvent>> events = parse_line_events(*body);
  if (!events) return call->fail(events.error());
  uint64_t accepted = 0;
  uint64_t unmatched = 0;
  for (const insight::LineEvent& e : *events) {
    Result<bool> taken = hand_on(deps, e);
    if (!taken) return call->fail(taken.error());
    ++(*taken ? accepted : unmatched);
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
