// /api/v1/users: the staff who log in to the console and the dashboard (operators only). Logins
// are 3 to 64 characters of [A-Za-z0-9._@-], unique ignoring ASCII case; roles are agent,
// supervisor and operator; passwords have 10 to 128 characters and are stored as argon2id hashes.
//
// There is always an operator: a change that would leave no enabled operator (demoting, disabling
// or deleting the last one) is refused with kConflict. A password change, disabling and deleting
// end the user's sessions.
#include <algorithm>
#include <memory>
#include <mutex>
#include <set>

#include <spdlog/spdlog.h>

#include "api/body_fields.h"
#include "api/errors.h"
#include "api/handler_support.h"
#include "api/login_replies.h"
#include "api/request_params.h"
#include "api/routes.h"
#include "api/staff_auth.h"
#include "core/crypto.h"
#include "core/strings.h"

namespace hearth::api {

namespace {

using nlohmann::json;

constexpr size_t kMinLogin = 3;
constexpr size_t kMaxLogin = 64;
constexpr size_t kMaxName = 128;
constexpr size_t kMaxEmail = 254;

// Changes that take operator rights away from a user, between their check and their commit: two
// at once must not both see the other operator still there.
struct UsersState {
  std::mutex mu;
  std::set<std::string> leaving;  // ids of operators being demoted, disabled or deleted
};

bool operator_rights(const store::UserRecord& u) { return u.role == "operator" && !u.disabled; }

Status check_login(const std::string& login) {
  const bool shaped = login.size() >= kMinLogin && login.size() <= kMaxLogin &&
                      std::all_of(login.begin(), login.end(), [](char c) {
                        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                               c == '.' || c == '_' || c == '@' || c == '-';
                      });
  if (!shaped) return invalid_field("login", "3 to 64 characters of A-Z, a-z, 0-9, '.', '_', '@' and '-'");
  return ok_status();
}

Status check_role(const std::string& role) {
  if (role != "agent" && role != "supervisor" && role != "operator") {
    return invalid_field("role", "one of agent, supervisor, operator");
  }
  return ok_status();
}

// A new password from the body: its argon2id hash. The value never appears in an error.
Result<std::string> password_hash(const json& body) {
  const auto it = body.find("password");
  if (it == body.end() || !it->is_string()) return invalid_field("password", "required, a string");
  const std::string& s = it->get_ref<const std::string&>();
  if (s.size() > kMaxSecretBytes || !password_length_ok(s, kMinStaffPasswordChars)) {
    return invalid_field("password", "10 to 128 characters");
  }
  return crypto::hash_password(s);
}

Result<std::string> email_field(const json& body, bool required) {
  Result<std::optional<std::string>> email = text_field(body, "email", kMaxEmail, false);
  if (!email) return email.error();
  const std::string value(trim(email->value_or("")));
  if (value.empty() && required) return invalid_field("email", "required");
  if (!value.empty() && value.find('@') == std::string::npos) return invalid_field("email", "an email address");
  return value;
}

void list_users(const ApiDeps& deps, CallPtr call) {
  Result<std::vector<store::UserRecord>> users = deps.store.list_users();
  if (!users) return call->fail(users.error());
  json out = json::array();
  for (const store::UserRecord& u : *users) out.push_back(user_json(u));
  call->reply(200, {{"users", std::move(out)}});
}

void create_user(const ApiDeps& deps, CallPtr call) {
  Result<json> body = parse_json_object(call->request().body, deps.max_json_body);
  if (!body) return call->fail(body.error());
  if (Status st = only_fields(*body, {"login", "name", "email", "role", "password"}); !st) return call->fail(st.error());
  Result<std::optional<std::string>> login = text_field(*body, "login", kMaxLogin, true);
  if (!login) return call->fail(login.error());
  if (Status st = check_login(**login); !st) return call->fail(st.error());
  Result<std::optional<std::string>> name = text_field(*body, "name", kMaxName, false);
  if (!name) return call->fail(name.error());
  Result<std::string> email = email_field(*body, false);
  if (!email) return call->fail(email.error());
  Result<std::optional<std::string>> role = text_field(*body, "role", 16, true);
  if (!role) return call->fail(role.error());
  if (Status st = check_role(**role); !st) return call->fail(st.error());
  Result<std::optional<store::UserRecord>> existing = deps.store.find_user_by_login(**login);
  if (!existing) return call->fail(existing.error());
  if (existing->has_value()) {
    return call->fail(make_error(ErrorCode::kConflict, "the login '" + **login + "' is taken"));
  }
  Result<std::string> hash = password_hash(*body);
  if (!hash) return call->fail(hash.error());

  store::UserRecord u;
  u.id = "u-" + to_lower(crypto::random_token(9));
  u.login = **login;
  u.name = name->value_or(u.login);
  u.email = *email;
  u.role = **role;
  u.password_hash = std::move(*hash);
  u.created_ms = now_ms(deps);
  u.updated_ms = u.created_ms;
  json answer = user_json(u);
  spdlog::info("users: {} created user {} ({})", call->principal().name, u.id, u.role);
  write_then(deps, store::WriteBatch().add(store::PutUser{std::move(u)}), call,
             [call, answer = std::move(answer)] { call->reply(201, answer); });
}

Result<store::UserRecord> load_user(const ApiDeps& deps, const std::string& id) {
  Result<std::optional<store::UserRecord>> u = deps.store.get_user(id);
  if (!u) return u.error();
  if (!u->has_value()) return make_error(ErrorCode::kNotFound, "no user '" + id + "'");
  return std::move(**u);
}

void get_user(const ApiDeps& deps, CallPtr call) {
  Result<store::UserRecord> u = load_user(deps, call->param("id"));
  if (!u) return call->fail(u.error());
  call->reply(200, user_json(*u));
}

// Writes `batch`, which takes operator rights away from `before` when `after` is null or has none,
// unless that would leave no enabled operator. Then answers with `answer`.
void write_user_change(const ApiDeps& deps, const std::shared_ptr<UsersState>& state, CallPtr call,
                       const store::UserRecord& before, const store::UserRecord* after, store::WriteBatch batch,
                       std::function<void()> answer) {
  const bool leaving = operator_rights(before) && (after == nullptr || !operator_rights(*after));
  if (!leaving) return write_then(deps, std::move(batch), std::move(call), std::move(answer));
  {
    std::lock_guard lock(state->mu);
    Result<std::vector<store::UserRecord>> users = deps.store.list_users();
    if (!users) return call->fail(users.error());
    const bool another = std::any_of(users->begin(), users->end(), [&](const store::UserRecord& u) {
      return u.id != before.id && operator_rights(u) && state->leaving.count(u.id) == 0;
    });
    if (!another || !state->leaving.insert(before.id).second) {
      return call->fail(make_error(ErrorCode::kConflict,
                                   "the last operator cannot be demoted, disabled or deleted; make another "
                                   "user an operator first"));
    }
  }
  deps.store.write(std::move(batch), [state, call, id = before.id, answer = std::move(answer)](Status st) {
    {
      std::lock_guard lock(state->mu);
      state->leaving.erase(id);
    }
    if (!st) return call->fail(st.error());
    answer();
  });
}

void patch_user(const ApiDeps& deps, const std::shared_ptr<UsersState>& state, CallPtr call) {
  Result<json> body = parse_json_object(call->request().body, deps.max_json_body);
  if (!body) return call->fail(body.error());
  if (Status st = only_fields(*body, {"name", "email", "role", "disabled", "password"}); !st) {
    return call->fail(st.error());
  }
  Result<store::UserRecord> before = load_user(deps, call->param("id"));
  if (!before) return call->fail(before.error());
  store::UserRecord after = *before;
  if (body->contains("name")) {
    Result<std::optional<std::string>> name = text_field(*body, "name", kMaxName, true);
    if (!name) return call->fail(name.error());
    after.name = **name;
  }
  if (body->contains("email")) {
    Result<std::string> email = email_field(*body, false);
    if (!email) return call->fail(email.error());
    after.email = *email;
  }
  if (body->contains("role")) {
    Result<std::optional<std::string>> role = text_field(*body, "role", 16, true);
    if (!role) return call->fail(role.error());
    if (Status st = check_role(**role); !st) return call->fail(st.error());
    after.role = **role;
  }
  if (body->contains("disabled")) {
    if (!(*body)["disabled"].is_boolean()) return call->fail(invalid_field("disabled", "true or false"));
    after.disabled = (*body)["disabled"].get<bool>();
  }
  const bool new_password = body->contains("password");
  if (new_password) {
    Result<std::string> hash = password_hash(*body);
    if (!hash) return call->fail(hash.error());
    after.password_hash = std::move(*hash);
  }
  after.updated_ms = now_ms(deps);
  store::WriteBatch batch;
  batch.add(store::PutUser{after});
  // A new password or a disabled account ends every session of the user.
  if (new_password || (after.disabled && !before->disabled)) {
    batch.add(store::DeleteSessionsOf{kSessionKindStaff, after.id, ""});
  }
  json answer = user_json(after);
  write_user_change(deps, state, call, *before, &after, std::move(batch),
                    [call, answer = std::move(answer)] { call->reply(200, answer); });
}

void delete_user(const ApiDeps& deps, const std::shared_ptr<UsersState>& state, CallPtr call) {
  Result<store::UserRecord> before = load_user(deps, call->param("id"));
  if (!before) return call->fail(before.error());
  write_user_change(deps, state, call, *before, nullptr, store::WriteBatch().add(store::DeleteUser{before->id}),
                    [call] { call->respond(ApiResponse{204, "", "", {}}); });
}

}  // namespace

void add_user_routes(Router& router, const ApiDeps& deps) {
  crypto::init();
  const ApiDeps* d = &deps;
  auto state = std::make_shared<UsersState>();
  router.add("GET", "/api/v1/users", [d](CallPtr c) { list_users(*d, std::move(c)); }, Access::kOperator);
  router.add("POST", "/api/v1/users", [d](CallPtr c) { create_user(*d, std::move(c)); }, Access::kOperator);
  router.add("GET", "/api/v1/users/{id}", [d](CallPtr c) { get_user(*d, std::move(c)); }, Access::kOperator);
  router.add("PATCH", "/api/v1/users/{id}", [d, state](CallPtr c) { patch_user(*d, state, std::move(c)); },
             Access::kOperator);
  router.add("DELETE", "/api/v1/users/{id}", [d, state](CallPtr c) { delete_user(*d, state, std::move(c)); },
             Access::kOperator);
}

}  // namespace hearth::api
