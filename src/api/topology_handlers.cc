// Editing the access-network topology and the homes on it, one record at a time (route:
// add_topology_routes in routes.h), for the changes that do not wait for the next import:
//
//   PUT    /api/v1/regions/{id}       {"name"}
//   DELETE /api/v1/regions/{id}       409 while access nodes are in it
//   PUT    /api/v1/access-nodes/{id}  {"name", "kind", "region"}
//   DELETE /api/v1/access-nodes/{id}  409 while homes hang off it
//   PUT    /api/v1/homes/{id}         {"account", "accessNode", "devices": [{"role", "serial",
//                                      "oui", "productClass", "manufacturer"}], "planDownKbps",
//                                      "planUpKbps"}
//   DELETE /api/v1/homes/{id}
//
// A PUT replaces the record (201 when new, 200 otherwise) and is checked exactly as an import
// entry is (import_file.h): the body becomes a one-entry import document, so ids, texts,
// devices, plans and references follow the same rules and the same device ids come out. A PUT
// that changes nothing writes nothing. After every change the IncidentDesk, when there is one,
// reloads the topology.
#include <utility>

#include "api/body_fields.h"
#include "api/errors.h"
#include "api/handler_support.h"
#include "api/import_file.h"
#include "api/importer.h"
#include "api/request_params.h"
#include "api/routes.h"
#include "api/topology_views.h"

namespace hearth::api {

namespace {

using nlohmann::json;

void replace_all(std::string& s, const std::string& from, const std::string& to) {
  for (size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size()))
    s.replace(at, from.size(), to);
}

// An import error about the one entry as an error about the body: "homes[0].plan.downKbps: ..."
// becomes "planDownKbps: ...", "regions[0].name: ..." "name: ...".
std::string body_message(std::string message, const std::string& section) {
  const std::string entry = section + "[0]";
  replace_all(message, entry + ".plan.downKbps", "planDownKbps");
  replace_all(message, entry + ".plan.upKbps", "planUpKbps");
  replace_all(message, entry + ".", "");
  replace_all(message, entry, "body");
  return message;
}

// The entry checked as the only one of its section of an import document.
Result<ImportFile> check_entry(const ApiDeps& deps, const std::string& section, json entry) {
  const json doc = {{"format", kImportFormat},
                    {"version", kImportVersion},
                    {section, json::array({std::move(entry)})}};
  Result<ImportFile> file = parse_import_file(doc, store_known_ids(deps.store));
  if (!file) return make_error(file.error().code, body_message(file.error().message, section));
  return file;
}

Result<json> body_of(const ApiDeps& deps, const Call& call, const std::string& id,
                     std::initializer_list<const char*> fields) {
  if (Status s = check_id(id, "id"); !s) return s.error();
  Result<json> body = parse_json_object(call.request().body, deps.max_json_body);
  if (!body) return body.error();
  if (Status s = only_fields(*body, fields); !s) return s.error();
  return body;
}

void topology_changed(const ApiDeps& deps) {
  if (deps.incidents != nullptr) deps.incidents->topology_changed();
}

// Writes `record` unless it equals the stored one (timestamps aside), then answers with `view`.
template <typename Record, typename Put, typename View>
void save(const ApiDeps& deps, const CallPtr& call, Record record,
          const std::optional<Record>& stored, View view) {
  const int64_t now = now_ms(deps);
  record.created_ms = stored ? stored->created_ms : now;
  record.updated_ms = stored ? stored->updated_ms : now;
  if (stored && record == *stored) return call->reply(200, view(record));
  record.updated_ms = now;
  const int status = stored ? 200 : 201;
  json answer = view(record);
  store::WriteBatch batch;
  batch.add(Put{std::move(record)});
  const ApiDeps* d = &deps;
  write_then(deps, std::move(batch), call, [d, call, status, answer = std::move(answer)] {
    topology_changed(*d);
    call->reply(status, answer);
  });
}

// Deletes with `op` and answers 204.
template <typename Op>
void remove(const ApiDeps& deps, const CallPtr& call, Op op) {
  store::WriteBatch batch;
  batch.add(std::move(op));
  const ApiDeps* d = &deps;
  write_then(deps, std::move(batch), call, [d, call] {
    topology_changed(*d);
    call->respond(ApiResponse{204, "", "", {}});
  });
}

Error not_found(const char* what, const std::string& id) {
  return make_error(ErrorCode::kNotFound, std::string("no ") + what + " '" + id + "'");
}

void put_region(const ApiDeps& deps, const CallPtr& call) {
  const std::string& id = call->param("id");
  Result<json> body = body_of(deps, *call, id, {"name"});
  if (!body) return call->fail(body.error());
  (*body)["id"] = id;
  Result<ImportFile> file = check_entry(deps, "regions", std::move(*body));
  if (!file) return call->fail(file.error());
  auto stored = deps.store.get_region(id);
  if (!stored) return call->fail(stored.error());
  save<store::RegionRecord, store::PutRegion>(deps, call, std::move(file->regions[0]), *stored,
                                              [](const auto& r) { return region_json(r); });
}

void delete_region(const ApiDeps& deps, const CallPtr& call) {
  const std::string& id = call->param("id");
  auto stored = deps.store.get_region(id);
  if (!stored) return call->fail(stored.error());
  if (!stored->has_value()) return call->fail(not_found("region", id));
  auto nodes = deps.store.list_access_nodes(id);
  if (!nodes) return call->fail(nodes.error());
  if (!nodes->empty()) {
    return call->fail(make_error(ErrorCode::kConflict,
                                 "region '" + id + "' still has " + std::to_string(nodes->size()) +
                                     " access nodes; delete or move them first"));
  }
  remove(deps, call, store::DeleteRegion{id});
}

void put_access_node(const ApiDeps& deps, const CallPtr& call) {
  const std::string& id = call->param("id");
  Result<json> body = body_of(deps, *call, id, {"name", "kind", "region"});
  if (!body) return call->fail(body.error());
  (*body)["id"] = id;
  Result<ImportFile> file = check_entry(deps, "accessNodes", std::move(*body));
  if (!file) return call->fail(file.error());
  auto stored = deps.store.get_access_node(id);
  if (!stored) return call->fail(stored.error());
  save<store::AccessNodeRecord, store::PutAccessNode>(
      deps, call, std::move(file->access_nodes[0]), *stored,
      [](const auto& n) { return access_node_json(n); });
}

void delete_access_node(const ApiDeps& deps, const CallPtr& call) {
  const std::string& id = call->param("id");
  auto stored = deps.store.get_access_node(id);
  if (!stored) return call->fail(stored.error());
  if (!stored->has_value()) return call->fail(not_found("access node", id));
  store::HomeQuery q;
  q.access_node = id;
  q.limit = 1;
  auto homes = deps.store.list_homes(q);
  if (!homes) return call->fail(homes.error());
  if (homes->total > 0) {
    return call->fail(make_error(ErrorCode::kConflict, "access node '" + id + "' still has " +
                                                           std::to_string(homes->total) +
                                                           " homes; delete or move them first"));
  }
  remove(deps, call, store::DeleteAccessNode{id});
}

// The home body in the import form: "plan" from planDownKbps and planUpKbps (both or neither).
Result<json> home_entry(json body, const std::string& id) {
  const bool down = body.contains("planDownKbps") && !body["planDownKbps"].is_null();
  const bool up = body.contains("planUpKbps") && !body["planUpKbps"].is_null();
  if (down != up) {
    return invalid_field(down ? "planUpKbps" : "planDownKbps",
                         "give both planDownKbps and planUpKbps, or neither");
  }
  json entry = {{"id", id}, {"plan", nullptr}};
  if (down) entry["plan"] = {{"downKbps", body["planDownKbps"]}, {"upKbps", body["planUpKbps"]}};
  for (const char* key : {"account", "accessNode", "devices"}) {
    if (body.contains(key)) entry[key] = std::move(body[key]);
  }
  if (entry.contains("devices") && entry["devices"].is_array()) {
    for (size_t i = 0; i < entry["devices"].size(); ++i) {
      const json& d = entry["devices"][i];
      if (!d.is_object()) continue;  // the import check names it
      Status s = only_fields(d, {"role", "serial", "oui", "productClass", "manufacturer"});
      if (!s) return invalid_field("devices[" + std::to_string(i) + "]", s.error().message);
    }
  }
  return entry;
}

void put_home(const ApiDeps& deps, const CallPtr& call) {
  const std::string& id = call->param("id");
  Result<json> body =
      body_of(deps, *call, id, {"account", "accessNode", "devices", "planDownKbps", "planUpKbps"});
  if (!body) return call->fail(body.error());
  Result<json> entry = home_entry(std::move(*body), id);
  if (!entry) return call->fail(entry.error());
  Result<ImportFile> file = check_entry(deps, "homes", std::move(*entry));
  if (!file) return call->fail(file.error());
  auto stored = deps.store.get_home(id);
  if (!stored) return call->fail(stored.error());
  save<store::HomeRecord, store::PutHome>(deps, call, std::move(file->homes[0].record), *stored,
                                          [](const auto& h) { return home_json(h); });
}

void delete_home(const ApiDeps& deps, const CallPtr& call) {
  const std::string& id = call->param("id");
  auto stored = deps.store.get_home(id);
  if (!stored) return call->fail(stored.error());
  if (!stored->has_value()) return call->fail(not_found("home", id));
  remove(deps, call, store::DeleteHome{id});
}

}  // namespace

void add_topology_routes(Router& router, const ApiDeps& deps) {
  const ApiDeps* d = &deps;
  router.add("PUT", "/api/v1/regions/{id}", [d](CallPtr c) { put_region(*d, c); });
  router.add("DELETE", "/api/v1/regions/{id}", [d](CallPtr c) { delete_region(*d, c); });
  router.add("PUT", "/api/v1/access-nodes/{id}", [d](CallPtr c) { put_access_node(*d, c); });
  router.add("DELETE", "/api/v1/access-nodes/{id}", [d](CallPtr c) { delete_access_node(*d, c); });
  router.add("PUT", "/api/v1/homes/{id}", [d](CallPtr c) { put_home(*d, c); });
  router.add("DELETE", "/api/v1/homes/{id}", [d](CallPtr c) { delete_home(*d, c); });
}

}  // namespace hearth::api
