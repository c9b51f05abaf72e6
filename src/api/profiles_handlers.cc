// /api/v1/profiles: provisioning profiles (device/profile.h). Every change bumps the version and
// tells the ACS, which applies the profile to matching devices at their next session.
//
// Secret values come back masked (redaction.h); a PUT that sends a masked value back unchanged
// keeps the stored value, so that read-modify-write does not overwrite secrets with the mask.
#include "api/errors.h"
#include "api/handler_support.h"
#include "api/redaction.h"
#include "api/request_params.h"
#include "api/routes.h"
#include "api/views.h"
#include "device/profile.h"

namespace hearth::api {

namespace {

using nlohmann::json;

Result<store::ProfileRecord> load_profile(const ApiDeps& deps, const std::string& name) {
  Result<std::optional<store::ProfileRecord>> p = deps.store.get_profile(name);
  if (!p) return p.error();
  if (!p->has_value()) return make_error(ErrorCode::kNotFound, "no profile '" + name + "'");
  return std::move(**p);
}

// Replaces masked values in body.parameterValues with the values of the stored definition.
Status restore_masked(json& body, const store::ProfileRecord* previous) {
  auto values = body.find("parameterValues");
  if (values == body.end() || !values->is_array()) return ok_status();
  const json old = previous ? embedded_json(previous->definition_json) : json();
  for (json& item : *values) {
    if (!item.is_array() || item.size() < 2 || !item[0].is_string() || item[1] != kRedacted) continue;
    const std::string& name = item[0].get_ref<const std::string&>();
    bool restored = false;
    if (old.is_object() && old.contains("parameterValues") && old["parameterValues"].is_array()) {
      for (const json& o : old["parameterValues"]) {
        if (o.is_array() && o.size() >= 2 && o[0] == name) {
          item[1] = o[1];
          restored = true;
        }
      }
    }
    if (!restored) {
      return make_error(ErrorCode::kInvalidArgument,
                        "parameterValues: " + name + " holds the mask \"" + kRedacted + "\" but has no stored value");
    }
  }
  return ok_status();
}

// Validates `body` as a profile named `name` and stores it as the next version of `previous`.
void save_profile(const ApiDeps& deps, CallPtr call, json body, const store::ProfileRecord* previous, int status) {
  if (Status s = restore_masked(body, previous); !s) return call->fail(s.error());
  Result<device::Profile> profile = device::parse_profile(dump_json(body));
  if (!profile) return call->fail(profile.error());
  store::ProfileRecord record;
  record.name = profile->name;
  record.definition_json = device::profile_to_json(*profile);
  record.version = previous ? previous->version + 1 : 1;
  record.updated_ms = now_ms(deps);
  json answer = profile_json(record);
  store::WriteBatch batch;
  batch.add(store::PutProfile{std::move(record)});
  const ApiDeps* dp = &deps;
  write_then(deps, std::move(batch), call, [dp, call, status, answer = std::move(answer)] {
    dp->control.profiles_changed();
    ApiResponse r = json_response(status, answer);
    r.headers.set("Location", "/api/v1/profiles/" + answer["name"].get<std::string>());
    call->respond(std::move(r));
  });
}

void create_profile(const ApiDeps& deps, CallPtr call) {
  Result<json> body = parse_json_object(call->request().body, deps.max_json_body);
  if (!body) return call->fail(body.error());
  const auto name = body->find("name");
  if (name == body->end() || !name->is_string()) {
    return call->fail(make_error(ErrorCode::kInvalidArgument, "name: required string"));
  }
  Result<std::optional<store::ProfileRecord>> existing = deps.store.get_profile(name->get<std::string>());
  if (!existing) return call->fail(existing.error());
  if (existing->has_value()) {
    return call->fail(make_error(ErrorCode::kConflict, "name: profile '" + name->get<std::string>() +
                                                           "' exists (PUT /api/v1/profiles/{name} replaces it)"));
  }
  save_profile(deps, std::move(call), std::move(*body), nullptr, 201);
}

void put_profile(const ApiDeps& deps, CallPtr call) {
  const std::string& name = call->param("name");
  Result<json> body = parse_json_object(call->request().body, deps.max_json_body);
  if (!body) return call->fail(body.error());
  const auto given = body->find("name");
  if (given == body->end()) {
    (*body)["name"] = name;
  } else if (!given->is_string() || given->get<std::string>() != name) {
    return call->fail(make_error(ErrorCode::kInvalidArgument, "name: must match the path (" + name + ")"));
  }
  Result<std::optional<store::ProfileRecord>> existing = deps.store.get_profile(name);
  if (!existing) return call->fail(existing.error());
  const store::ProfileRecord* previous = existing->has_value() ? &**existing : nullptr;
  save_profile(deps, std::move(call), std::move(*body), previous, previous ? 200 : 201);
}

void list_profiles(const ApiDeps& deps, CallPtr call) {
  Result<Paging> paging = parse_paging(*call);
  if (!paging) return call->fail(paging.error());
  Result<std::vector<store::ProfileRecord>> profiles = deps.store.list_profiles();
  if (!profiles) return call->fail(profiles.error());
  json items = json::array();
  for (size_t i = paging->offset; i < profiles->size() && i < paging->offset + paging->limit; ++i) {
    items.push_back(profile_json((*profiles)[i]));
  }
  const bool more = paging->offset + paging->limit < profiles->size();
  call->reply(200, list_json(std::move(items), profiles->size(), paging->offset, paging->limit, more));
}

void get_profile(const ApiDeps& deps, CallPtr call) {
  Result<store::ProfileRecord> p = load_profile(deps, call->param("name"));
  if (!p) return call->fail(p.error());
  call->reply(200, profile_json(*p));
}

void delete_profile(const ApiDeps& deps, CallPtr call) {
  Result<store::ProfileRecord> p = load_profile(deps, call->param("name"));
  if (!p) return call->fail(p.error());
  store::WriteBatch batch;
  batch.add(store::DeleteProfile{p->name});
  const ApiDeps* dp = &deps;
  write_then(deps, std::move(batch), call, [dp, call] {
    dp->control.profiles_changed();
    call->respond(ApiResponse{204, "", "", {}});
  });
}

}  // namespace

void add_profile_routes(Router& router, const ApiDeps& deps) {
  const ApiDeps* d = &deps;
  router.add("GET", "/api/v1/profiles", [d](CallPtr c) { list_profiles(*d, std::move(c)); });
  router.add("POST", "/api/v1/profiles", [d](CallPtr c) { create_profile(*d, std::move(c)); });
  router.add("GET", "/api/v1/profiles/{name}", [d](CallPtr c) { get_profile(*d, std::move(c)); });
  router.add("PUT", "/api/v1/profiles/{name}", [d](CallPtr c) { put_profile(*d, std::move(c)); });
  router.add("DELETE", "/api/v1/profiles/{name}", [d](CallPtr c) { delete_profile(*d, std::move(c)); });
}

}  // namespace hearth::api
