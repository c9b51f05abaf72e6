// /api/v1/devices: search, one device with its parameter tree, tags, events, delete.
#include <algorithm>

#include "api/errors.h"
#include "api/handler_support.h"
#include "api/request_params.h"
#include "api/routes.h"
#include "api/views.h"

namespace hearth::api {

namespace {

using nlohmann::json;

constexpr size_t kMaxFilterLength = 256;

Error invalid(const std::string& field, const std::string& what) {
  return make_error(ErrorCode::kInvalidArgument, field + ": " + what);
}

// Tags are short labels chosen by operators: [A-Za-z0-9._:-]{1,64}.
Status check_tag(const std::string& tag) {
  if (tag.empty() || tag.size() > 64) return invalid("tag", "must be 1 to 64 characters");
  for (char c : tag) {
    const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' ||
                    c == '_' || c == ':' || c == '-';
    if (!ok) return invalid("tag", "may only hold A-Z a-z 0-9 . _ : -");
  }
  return ok_status();
}

Result<std::string> text_filter(const Call& call, const char* name) {
  std::optional<std::string> v = call.query(name);
  if (!v) return std::string();
  if (v->size() > kMaxFilterLength) return invalid(name, "longer than 256 characters");
  return std::move(*v);
}

Result<store::DeviceQuery> device_query(const Call& call) {
  store::DeviceQuery q;
  struct Text {
    const char* name;
    std::string* field;
  };
  const Text texts[] = {
      {"q", &q.text},       {"serial", &q.serial_number},      {"model", &q.model},
      {"tag", &q.tag},      {"softwareVersion", &q.software_version}, {"parameter", &q.parameter_name},
      {"value", &q.parameter_value},
  };
  for (const Text& t : texts) {
    Result<std::string> v = text_filter(call, t.name);
    if (!v) return v.error();
    *t.field = std::move(*v);
  }
  if (call.query("parameter") && !call.query("value")) return invalid("value", "required with parameter");
  if (call.query("value") && !call.query("parameter")) return invalid("parameter", "required with value");
  if (call.query("parameter") && q.parameter_name.empty()) return invalid("parameter", "must not be empty");
  Result<std::optional<int64_t>> before = query_time(call, "lastInformBefore");
  if (!before) return before.error();
  Result<std::optional<int64_t>> after = query_time(call, "lastInformAfter");
  if (!after) return after.error();
  q.last_inform_before_ms = before->value_or(0);
  q.last_inform_after_ms = after->value_or(0);
  Result<Paging> paging = parse_paging(call);
  if (!paging) return paging.error();
  q.offset = paging->offset;
  q.limit = paging->limit;
  return q;
}

void list_devices(const ApiDeps& deps, CallPtr call) {
  Result<store::DeviceQuery> q = device_query(*call);
  if (!q) return call->fail(q.error());
  Result<store::DevicePage> page = deps.store.find_devices(*q);
  if (!page) return call->fail(page.error());
  json items = json::array();
  for (const auto& d : page->devices) items.push_back(device_json(d));
  const bool more = q->offset + page->devices.size() < page->total;
  call->reply(200, list_json(std::move(items), page->total, q->offset, q->limit, more));
}

void get_device(const ApiDeps& deps, CallPtr call) {
  Result<store::DeviceRecord> d = load_device(deps, call->param("id"));
  if (!d) return call->fail(d.error());
  Result<std::string> prefix = text_filter(*call, "parameters");
  if (!prefix) return call->fail(prefix.error());
  Result<std::vector<store::StoredParameter>> params = deps.store.get_parameters(d->id, *prefix);
  if (!params) return call->fail(params.error());
  json body = device_json(*d);
  json list = json::array();
  for (const auto& p : *params) list.push_back(parameter_json(p));
  body["parameters"] = std::move(list);
  call->reply(200, body);
}

void delete_device(const ApiDeps& deps, CallPtr call) {
  Result<store::DeviceRecord> d = load_device(deps, call->param("id"));
  if (!d) return call->fail(d.error());
  store::WriteBatch batch;
  batch.add(store::DeleteDevice{d->id});
  write_then(deps, std::move(batch), call, [call] { call->respond(ApiResponse{204, "", "", {}}); });
}

// Adds or removes one tag. The device record is read and written back whole, as the store has no
// finer operation; a session that updates the device at the same moment may win the race.
void change_tag(const ApiDeps& deps, CallPtr call, bool add) {
  const std::string& tag = call->param("tag");
  if (Status s = check_tag(tag); !s) return call->fail(s.error());
  Result<store::DeviceRecord> d = load_device(deps, call->param("id"));
  if (!d) return call->fail(d.error());
  auto& tags = d->tags;
  const auto it = std::find(tags.begin(), tags.end(), tag);
  if (add == (it != tags.end())) return call->reply(200, device_json(*d));  // already so
  if (add) {
    if (tags.size() >= 64) return call->fail(make_error(ErrorCode::kTooLarge, "tag: a device holds at most 64 tags"));
    tags.push_back(tag);
  } else {
    tags.erase(it);
  }
  json body = device_json(*d);
  store::WriteBatch batch;
  batch.add(store::UpsertDevice{std::move(*d)});
  write_then(deps, std::move(batch), call, [call, body = std::move(body)] { call->reply(200, body); });
}

void list_events(const ApiDeps& deps, CallPtr call) {
  Result<store::DeviceRecord> d = load_device(deps, call->param("id"));
  if (!d) return call->fail(d.error());
  Result<Paging> paging = parse_paging(*call);
  if (!paging) return call->fail(paging.error());
  Result<std::vector<store::EventRecord>> events = deps.store.list_events(d->id, paging->offset + paging->limit + 1);
  if (!events) return call->fail(events.error());
  json items = json::array();
  for (size_t i = paging->offset; i < events->size() && i < paging->offset + paging->limit; ++i) {
    items.push_back(event_json((*events)[i]));
  }
  const bool more = events->size() > paging->offset + paging->limit;
  const std::optional<size_t> total = more ? std::nullopt : std::optional<size_t>(events->size());
  call->reply(200, list_json(std::move(items), total, paging->offset, paging->limit, more));
}

}  // namespace

void add_device_routes(Router& router, const ApiDeps& deps) {
  const ApiDeps* d = &deps;
  router.add("GET", "/api/v1/devices", [d](CallPtr c) { list_devices(*d, std::move(c)); });
  router.add("GET", "/api/v1/devices/{id}", [d](CallPtr c) { get_device(*d, std::move(c)); });
  router.add("DELETE", "/api/v1/devices/{id}", [d](CallPtr c) { delete_device(*d, std::move(c)); });
  router.add("PUT", "/api/v1/devices/{id}/tags/{tag}", [d](CallPtr c) { change_tag(*d, std::move(c), true); });
  router.add("DELETE", "/api/v1/devices/{id}/tags/{tag}", [d](CallPtr c) { change_tag(*d, std::move(c), false); });
  router.add("GET", "/api/v1/devices/{id}/events", [d](CallPtr c) { list_events(*d, std::move(c)); });
}

}  // namespace hearth::api
