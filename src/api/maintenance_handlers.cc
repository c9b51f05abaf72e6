// /api/v1/maintenance: planned maintenance of an access node or a region (incidents_handlers.h).
// Reads come from the store; creating, replacing and deleting go through the IncidentDesk so
// that the detector explains the silence of the homes concerned.
#include <utility>

#include "api/body_fields.h"
#include "api/errors.h"
#include "api/handler_support.h"
#include "api/incidents_handlers.h"
#include "api/request_params.h"
#include "api/routes.h"
#include "api/views.h"

namespace hearth::api {

namespace {

using nlohmann::json;

json text_or_null(const std::string& s) {
  return s.empty() ? json(nullptr) : json(s);
}

Result<store::MaintenanceRecord> load(const ApiDeps& deps, const std::string& id) {
  auto found = deps.store.get_maintenance(id);
  if (!found) return found.error();
  if (!found->has_value()) return make_error(ErrorCode::kNotFound, "no maintenance '" + id + "'");
  return std::move(**found);
}

void answer(const CallPtr& call, int status, const outage::Maintenance& m) {
  ApiResponse r = json_response(status, outage::maintenance_to_json(m));
  if (status == 201) r.headers.set("Location", "/api/v1/maintenance/" + m.id);
  call->respond(std::move(r));
}

void list_maintenance(const ApiDeps& deps, const CallPtr& call) {
  const std::optional<std::string> active = call->query("active");
  if (active && *active != "true" && *active != "false") {
    return call->fail(invalid_field("active", "true or false"));
  }
  // Active: windows under way or to come, i.e. ending after now.
  const int64_t ends_after = active == "true" ? now_ms(deps) + 1 : 0;
  auto windows = deps.store.list_maintenance(ends_after);
  if (!windows) return call->fail(windows.error());
  json items = json::array();
  for (const store::MaintenanceRecord& m : *windows) items.push_back(maintenance_record_json(m));
  call->reply(200, {{"maintenance", std::move(items)}});
}

void get_maintenance(const ApiDeps& deps, const CallPtr& call) {
  Result<store::MaintenanceRecord> m = load(deps, call->param("id"));
  if (!m) return call->fail(m.error());
  call->reply(200, maintenance_record_json(*m));
}

void create_maintenance(const ApiDeps& deps, const CallPtr& call) {
  if (deps.incidents == nullptr) return call->fail(no_incident_desk());
  Result<json> body = parse_json_object(call->request().body, deps.max_json_body);
  if (!body) return call->fail(body.error());
  Result<outage::Maintenance> m = parse_maintenance(*body);
  if (!m) return call->fail(m.error());
  m->created_by = call->principal().name;
  m->created_ms = now_ms(deps);
  Result<outage::Maintenance> stored = deps.incidents->put_maintenance(std::move(*m));
  if (!stored) return call->fail(stored.error());
  answer(call, 201, *stored);
}

void put_maintenance(const ApiDeps& deps, const CallPtr& call) {
  if (deps.incidents == nullptr) return call->fail(no_incident_desk());
  const std::string& id = call->param("id");
  if (Status s = check_id(id, "id"); !s) return call->fail(s.error());
  Result<json> body = parse_json_object(call->request().body, deps.max_json_body);
  if (!body) return call->fail(body.error());
  Result<outage::Maintenance> m = parse_maintenance(*body);
  if (!m) return call->fail(m.error());
  m->id = id;
  m->created_by = call->principal().name;
  m->created_ms = now_ms(deps);
  // A replaced window keeps who declared it and when.
  auto existing = deps.store.get_maintenance(id);
  if (!existing) return call->fail(existing.error());
  if (existing->has_value()) {
    if (auto old = outage::maintenance_from_json(embedded_json((*existing)->json))) {
      m->created_by = old->created_by;
      m->created_ms = old->created_ms;
    }
  }
  Result<outage::Maintenance> stored = deps.incidents->put_maintenance(std::move(*m));
  if (!stored) return call->fail(stored.error());
  answer(call, existing->has_value() ? 200 : 201, *stored);
}

void delete_maintenance(const ApiDeps& deps, const CallPtr& call) {
  if (deps.incidents == nullptr) return call->fail(no_incident_desk());
  if (Status s = deps.incidents->delete_maintenance(call->param("id")); !s) {
    return call->fail(s.error());
  }
  call->respond(ApiResponse{204, "", "", {}});
}

void fill(json& j, const char* key, json value) {
  if (!j.contains(key)) j[key] = std::move(value);
}

}  // namespace

json maintenance_record_json(const store::MaintenanceRecord& r) {
  json j = embedded_json(r.json);
  if (!j.is_object()) j = json::object();
  fill(j, "id", r.id);
  fill(j, "accessNode", text_or_null(r.access_node_id));
  fill(j, "region", text_or_null(r.region_id));
  fill(j, "start", time_json(r.start_ms));
  fill(j, "end", time_json(r.end_ms));
  return j;
}

Result<outage::Maintenance> parse_maintenance(const json& body) {
  if (Status s = only_fields(body, {"accessNode", "region", "start", "end", "description"}); !s) {
    return s.error();
  }
  outage::Maintenance m;
  Result<std::optional<std::string>> node =
      text_field(body, "accessNode", kMaxOutageIdLength, false);
  if (!node) return node.error();
  Result<std::optional<std::string>> region = text_field(body, "region", kMaxOutageIdLength, false);
  if (!region) return region.error();
  m.access_node_id = node->value_or("");
  m.region_id = region->value_or("");
  if (m.access_node_id.empty() == m.region_id.empty()) {
    return invalid_field("accessNode", "give an access node or a region (one of the two)");
  }
  Result<std::optional<int64_t>> start = time_field(body, "start", true);
  if (!start) return start.error();
  Result<std::optional<int64_t>> end = time_field(body, "end", true);
  if (!end) return end.error();
  m.start_ms = **start;
  m.end_ms = **end;
  if (m.end_ms <= m.start_ms) return invalid_field("end", "must be after start");
  Result<std::optional<std::string>> description =
      text_field(body, "description", kMaxMaintenanceDescription, false, Lines::kMany);
  if (!description) return description.error();
  m.description = description->value_or("");
  return m;
}

void add_maintenance_routes(Router& router, const ApiDeps& deps) {
  const ApiDeps* d = &deps;
  router.add("GET", "/api/v1/maintenance", [d](CallPtr c) { list_maintenance(*d, c); });
  router.add("POST", "/api/v1/maintenance", [d](CallPtr c) { create_maintenance(*d, c); });
  router.add("GET", "/api/v1/maintenance/{id}", [d](CallPtr c) { get_maintenance(*d, c); });
  router.add("PUT", "/api/v1/maintenance/{id}", [d](CallPtr c) { put_maintenance(*d, c); });
  router.add("DELETE", "/api/v1/maintenance/{id}", [d](CallPtr c) { delete_maintenance(*d, c); });
}

}  // namespace hearth::api
