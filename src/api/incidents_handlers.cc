// /api/v1/incidents and /api/v1/homes/{id}/status (incidents_handlers.h).
#include "api/incidents_handlers.h"

#include <utility>
#include <vector>

#include "api/body_fields.h"
#include "api/errors.h"
#include "api/handler_support.h"
#include "api/request_params.h"
#include "api/routes.h"
#include "api/views.h"
#include "core/strings.h"

namespace hearth::api {

namespace {

using nlohmann::json;

constexpr size_t kMaxFilterLength = 256;
constexpr const char* kQueryStates[] = {"suspected", "confirmed", "resolved", "open"};

Result<std::string> filter(const Call& call, const char* name) {
  std::optional<std::string> v = call.query(name);
  if (!v) return std::string();
  if (v->size() > kMaxFilterLength) return invalid_field(name, "longer than 256 characters");
  return std::move(*v);
}

void list_incidents(const ApiDeps& deps, const CallPtr& call) {
  Result<store::IncidentQuery> q = parse_incident_query(*call);
  if (!q) return call->fail(q.error());
  // One more than asked tells whether there is a next page; the store does not count.
  const size_t limit = q->limit;
  ++q->limit;
  auto found = deps.store.list_incidents(*q);
  if (!found) return call->fail(found.error());
  const bool more = found->size() > limit;
  json items = json::array();
  for (size_t i = 0; i < found->size() && i < limit; ++i)
    items.push_back(incident_record_json((*found)[i]));
  call->reply(
      200,
      {{"incidents", std::move(items)}, {"offset", q->offset}, {"limit", limit}, {"more", more}});
}

void get_incident(const ApiDeps& deps, const CallPtr& call) {
  Result<int64_t> id = parse_id(call->param("id"), "id");
  if (!id) return call->fail(id.error());
  auto found = deps.store.get_incident(*id);
  if (!found) return call->fail(found.error());
  if (!found->has_value()) {
    return call->fail(make_error(ErrorCode::kNotFound, "no incident " + std::to_string(*id)));
  }
  call->reply(200, incident_record_json(**found));
}

void patch_incident(const ApiDeps& deps, const CallPtr& call) {
  if (deps.incidents == nullptr) return call->fail(no_incident_desk());
  Result<int64_t> id = parse_id(call->param("id"), "id");
  if (!id) return call->fail(id.error());
  Result<json> body = parse_json_object(call->request().body, deps.max_json_body);
  if (!body) return call->fail(body.error());
  Result<incidents::IncidentUpdate> update = parse_incident_update(*body);
  if (!update) return call->fail(update.error());
  Result<outage::Incident> changed =
      deps.incidents->update_incident(*id, *update, call->principal().name);
  if (!changed) return call->fail(changed.error());
  call->reply(200, outage::incident_to_json(*changed));
}

void merge_incident(const ApiDeps& deps, const CallPtr& call) {
  if (deps.incidents == nullptr) return call->fail(no_incident_desk());
  Result<int64_t> from = parse_id(call->param("id"), "id");
  if (!from) return call->fail(from.error());
  Result<json> body = parse_json_object(call->request().body, deps.max_json_body);
  if (!body) return call->fail(body.error());
  Result<int64_t> into = parse_merge_target(*body);
  if (!into) return call->fail(into.error());
  if (*into == *from)
    return call->fail(invalid_field("into", "an incident cannot merge into itself"));
  Result<outage::Incident> merged =
      deps.incidents->merge_incidents(*from, *into, call->principal().name);
  if (!merged) return call->fail(merged.error());
  call->reply(200, outage::incident_to_json(*merged));
}

void get_home_status(const ApiDeps& deps, const CallPtr& call) {
  if (deps.incidents == nullptr) return call->fail(no_incident_desk());
  const std::string& home_id = call->param("id");
  auto home = deps.store.get_home(home_id);
  if (!home) return call->fail(home.error());
  if (!home->has_value()) {
    return call->fail(make_error(ErrorCode::kNotFound, "no home '" + home_id + "'"));
  }
  Result<std::optional<outage::HomeOutage>> outage = deps.incidents->home_outage(home_id);
  if (!outage) return call->fail(outage.error());
  call->reply(200, home_status_json(home_id, *outage, now_ms(deps)));
}

// Sets j[key] from the column when the stored JSON lacks it.
void fill(json& j, const char* key, json value) {
  if (!j.contains(key)) j[key] = std::move(value);
}

}  // namespace

Error no_incident_desk() {
  return make_error(ErrorCode::kUnavailable,
                    "incidents: this server runs no outage detection (no incident desk)");
}

json incident_record_json(const store::IncidentRecord& r) {
  json j = embedded_json(r.json);
  if (!j.is_object()) j = json::object();
  fill(j, "id", r.id);
  fill(j, "scope", r.scope);
  fill(j, "accessNode", r.access_node_id.empty() ? json(nullptr) : json(r.access_node_id));
  fill(j, "region", r.region_id.empty() ? json(nullptr) : json(r.region_id));
  fill(j, "state", r.state);
  fill(j, "homes", r.homes);
  fill(j, "suspectedAt", time_json(r.suspected_ms));
  fill(j, "confirmedAt", time_json(r.confirmed_ms));
  fill(j, "resolvedAt", time_json(r.resolved_ms));
  fill(j, "updatedAt", time_json(r.updated_ms));
  return j;
}

Result<store::IncidentQuery> parse_incident_query(const Call& call) {
  store::IncidentQuery q;
  const std::pair<const char*, std::string*> texts[] = {{"state", &q.state},
                                                        {"accessNode", &q.access_node},
                                                        {"region", &q.region},
                                                        {"home", &q.home_id}};
  for (const auto& [name, field] : texts) {
    Result<std::string> v = filter(call, name);
    if (!v) return v.error();
    *field = std::move(*v);
  }
  if (!q.state.empty()) {
    bool known = false;
    for (const char* s : kQueryStates) known = known || q.state == s;
    if (!known) return invalid_field("state", "one of suspected, confirmed, resolved, open");
  }
  Result<std::optional<int64_t>> from = query_time(call, "from");
  if (!from) return from.error();
  Result<std::optional<int64_t>> to = query_time(call, "to");
  if (!to) return to.error();
  q.from_ms = from->value_or(0);
  q.to_ms = to->value_or(0);
  if (*from && *to && q.from_ms > q.to_ms) return invalid_field("from", "after to");
  Result<Paging> paging = parse_paging(call);
  if (!paging) return paging.error();
  q.offset = paging->offset;
  q.limit = paging->limit;
  return q;
}

Result<incidents::IncidentUpdate> parse_incident_update(const json& body) {
  if (Status s = only_fields(body, {"estimatedRepairAt", "title", "note", "state"}); !s) {
    return s.error();
  }
  incidents::IncidentUpdate u;
  if (auto etr = body.find("estimatedRepairAt"); etr != body.end()) {
    if (etr->is_null()) {
      u.etr_ms = 0;
    } else {
      Result<std::optional<int64_t>> t = time_field(body, "estimatedRepairAt", true);
      if (!t) return t.error();
      if (**t <= 0) return invalid_field("estimatedRepairAt", "must be after 1970");
      u.etr_ms = **t;
    }
  }
  Result<std::optional<std::string>> title = text_field(body, "title", kMaxIncidentTitle, false);
  if (!title) return title.error();
  if (body.contains("title") && body["title"].is_null()) {
    u.title = std::string();  // null clears it, like ""
  } else {
    u.title = std::move(*title);
  }
  Result<std::optional<std::string>> note =
      text_field(body, "note", kMaxIncidentNote, false, Lines::kMany);
  if (!note) return note.error();
  if (*note && !trim(**note).empty()) u.note = std::move(*note);
  if (body.contains("note") && !u.note) return invalid_field("note", "must not be empty");
  if (auto state = body.find("state"); state != body.end()) {
    if (!state->is_string() || *state != "resolved") {
      return invalid_field("state", "only \"resolved\" (closes the incident)");
    }
    u.close = true;
  }
  if (!u.etr_ms && !u.title && !u.note && !u.close) {
    return invalid_field("body", "nothing to change (estimatedRepairAt, title, note or state)");
  }
  return u;
}

Result<int64_t> parse_merge_target(const json& body) {
  if (Status s = only_fields(body, {"into"}); !s) return s.error();
  auto into = body.find("into");
  if (into == body.end() || into->is_null())
    return invalid_field("into", "required, an incident id");
  if (into->is_number_integer()) {
    // Numbers past INT64_MAX come out negative here.
    const int64_t id = into->get<int64_t>();
    if (id > 0) return id;
    return invalid_field("into", "must be a positive integer id");
  }
  if (into->is_string()) return parse_id(into->get<std::string>(), "into");
  return invalid_field("into", "must be an incident id");
}

void add_incident_routes(Router& router, const ApiDeps& deps) {
  const ApiDeps* d = &deps;
  router.add("GET", "/api/v1/incidents", [d](CallPtr c) { list_incidents(*d, c); });
  router.add("GET", "/api/v1/incidents/{id}", [d](CallPtr c) { get_incident(*d, c); });
  router.add("PATCH", "/api/v1/incidents/{id}", [d](CallPtr c) { patch_incident(*d, c); });
  router.add("POST", "/api/v1/incidents/{id}/merge", [d](CallPtr c) { merge_incident(*d, c); });
  router.add("GET", "/api/v1/homes/{id}/status", [d](CallPtr c) { get_home_status(*d, c); });
}

}  // namespace hearth::api
