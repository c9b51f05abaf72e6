// /api/v1/tokens: API tokens. A token is 32 random bytes shown once, in the creation answer; the
// store keeps only its SHA-256 (authenticator.h).
#include "api/authenticator.h"
#include "api/errors.h"
#include "api/handler_support.h"
#include "api/request_params.h"
#include "api/routes.h"
#include "api/views.h"
#include "core/crypto.h"

namespace hearth::api {

namespace {

using nlohmann::json;

Error invalid(const std::string& field, const std::string& what) {
  return make_error(ErrorCode::kInvalidArgument, field + ": " + what);
}

Result<std::string> string_field(const json& body, const char* field, const char* fallback) {
  const auto it = body.find(field);
  if (it == body.end()) {
    if (fallback == nullptr) return invalid(field, "required");
    return std::string(fallback);
  }
  if (!it->is_string()) return invalid(field, "must be a string");
  return it->get<std::string>();
}

void create_token(const ApiDeps& deps, CallPtr call) {
  Result<json> body = parse_json_object(call->request().body, deps.max_json_body);
  if (!body) return call->fail(body.error());
  for (const auto& entry : body->items()) {
    if (entry.key() != "name" && entry.key() != "role") return call->fail(invalid(entry.key(), "unknown field (known fields: name, role)"));
  }
  Result<std::string> name = string_field(*body, "name", nullptr);
  if (!name) return call->fail(name.error());
  if (name->empty() || name->size() > 64) return call->fail(invalid("name", "must be 1 to 64 characters"));
  for (char c : *name) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) return call->fail(invalid("name", "contains a control character"));
  }
  Result<std::string> role = string_field(*body, "role", kRoleAdmin);
  if (!role) return call->fail(role.error());
  // Systems get the rights of a staff role: a CRM acting for agents takes "agent", a reporting
  // tool "read" (role_rank(), call.h).
  if (*role != kRoleAdmin && *role != kRoleRead && *role != "agent" && *role != "supervisor" && *role != "operator") {
    return call->fail(invalid("role", "must be \"admin\", \"operator\", \"supervisor\", \"agent\" or \"read\""));
  }

  const std::string token = crypto::random_token(32);
  store::TokenRecord record;
  record.id = crypto::random_hex(8);
  record.name = std::move(*name);
  record.role = std::move(*role);
  record.token_hash = Authenticator::hash_token(token);
  record.created_ms = now_ms(deps);
  json answer = token_json(record);
  answer["token"] = token;
  store::WriteBatch batch;
  batch.add(store::PutToken{std::move(record)});
  write_then(deps, std::move(batch), call, [call, answer = std::move(answer)] {
    ApiResponse r = json_response(201, answer);
    r.headers.set("Location", "/api/v1/tokens/" + answer["id"].get<std::string>());
    r.headers.set("Cache-Control", "no-store");
    call->respond(std::move(r));
  });
}

void list_tokens(const ApiDeps& deps, CallPtr call) {
  Result<Paging> paging = parse_paging(*call);
  if (!paging) return call->fail(paging.error());
  Result<std::vector<store::TokenRecord>> tokens = deps.store.list_tokens();
  if (!tokens) return call->fail(tokens.error());
  json items = json::array();
  for (size_t i = paging->offset; i < tokens->size() && i < paging->offset + paging->limit; ++i) {
    items.push_back(token_json((*tokens)[i]));
  }
  const bool more = paging->offset + paging->limit < tokens->size();
  call->reply(200, list_json(std::move(items), tokens->size(), paging->offset, paging->limit, more));
}

void delete_token(const ApiDeps& deps, CallPtr call) {
  const std::string& id = call->param("id");
  Result<std::vector<store::TokenRecord>> tokens = deps.store.list_tokens();
  if (!tokens) return call->fail(tokens.error());
  bool found = false;
  for (const auto& t : *tokens) found = found || t.id == id;
  if (!found) return call->fail(make_error(ErrorCode::kNotFound, "no token '" + id + "'"));
  store::WriteBatch batch;
  batch.add(store::DeleteToken{id});
  write_then(deps, std::move(batch), call, [call] { call->respond(ApiResponse{204, "", "", {}}); });
}

}  // namespace

void add_token_routes(Router& router, const ApiDeps& deps) {
  const ApiDeps* d = &deps;
  router.add("GET", "/api/v1/tokens", [d](CallPtr c) { list_tokens(*d, std::move(c)); });
  router.add("POST", "/api/v1/tokens", [d](CallPtr c) { create_token(*d, std::move(c)); });
  router.add("DELETE", "/api/v1/tokens/{id}", [d](CallPtr c) { delete_token(*d, std::move(c)); });
}

}  // namespace hearth::api
