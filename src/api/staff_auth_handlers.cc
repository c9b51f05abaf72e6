// /api/v1/staff/session (login, who am I, logout) and /api/v1/staff/password: the staff console's
// sessions (staff_auth.h). Logins are limited per remote address and per login name
// (ApiDeps::staff.login_attempts_per_minute); an unknown login, a disabled user and a wrong
// password get the same answer after the same argon2id work.
//
// Never logged: passwords, tokens, cookies, and login names of failed attempts (a password typed
// into the wrong field).
#include <algorithm>
#include <memory>

#include <spdlog/spdlog.h>

#include "api/body_fields.h"
#include "api/errors.h"
#include "api/handler_support.h"
#include "api/login_replies.h"
#include "api/rate_limiter.h"
#include "api/request_params.h"
#include "api/routes.h"
#include "api/staff_auth.h"
#include "core/crypto.h"
#include "core/strings.h"

namespace hearth::api {

namespace {

using nlohmann::json;

constexpr size_t kMaxLoginBytes = 64;

struct StaffAuthState {
  explicit StaffAuthState(uint32_t per_minute) : logins(per_minute), changes(per_minute) {}
  RateLimiter logins;   // per address and per login name
  RateLimiter changes;  // password changes per user (guesses of the current password)
};




Error not_a_session() {
  return make_error(ErrorCode::kUnauthenticated, "this needs a console session, not an API token; log in");
}

json session_json(const store::UserRecord& user, const std::string& csrf) {
  json u = user_json(user);
  return {{"user", {{"id", u["id"]}, {"login", u["login"]}, {"name", u["name"]}, {"email", u["email"]},
                    {"role", u["role"]}}},
          {"csrfToken", csrf}};
}

void login(const ApiDeps& deps, StaffAuthState& state, CallPtr call) {
  if (Status st = check_origin_against(call->request(), deps.staff.public_url); !st) {
    return call->respond(portal_error(403, "csrf", st.error().message));
  }
  Result<json> body = parse_json_object(call->request().body, deps.max_json_body);
  if (!body) return call->fail(body.error());
  if (Status st = only_fields(*body, {"login", "password"}); !st) return call->fail(st.error());
  Result<std::optional<std::string>> name = text_field(*body, "login", kMaxLoginBytes, true);
  if (!name) return call->fail(name.error());
  Result<std::string> password = secret_field(*body, "password");
  if (!password) return call->fail(password.error());
  const std::string login_name(trim(**name));

  const RateLimiter::Decision d = state.logins.acquire(
      {"ip:" + call->request().remote_ip, "login:" + to_lower(login_name)}, now_ms(deps));
  if (!d.allowed) {
    spdlog::info("staff: login attempts from {} are being limited", call->request().remote_ip);
    return call->respond(rate_limited(d));
  }
  Result<std::optional<store::UserRecord>> found = deps.store.find_user_by_login(login_name);
  if (!found) return call->fail(found.error());
  const store::UserRecord* user = found->has_value() ? &**found : nullptr;
  if (!verify_staff_password(user, *password) || role_rank(user->role) < 2) {
    spdlog::info("staff: failed login from {}", call->request().remote_ip);
    return call->respond(invalid_credentials(401));
  }
  const std::string user_agent(call->request().headers.get("User-Agent").value_or(""));
  NewSession session = new_staff_session(deps, user->id, user_agent);
  json answer = session_json(*user, session.record.csrf_token);
  store::WriteBatch batch;
  // A login always starts a fresh session (no fixation).
  if (std::optional<std::string> old = cookie_value(call->request(), kStaffCookie); old && !old->empty()) {
    batch.add(store::DeleteSession{crypto::sha256_hex(*old)});
  }
  batch.add(store::PutSession{session.record});
  store::AuditRecord audit;
  audit.time_ms = now_ms(deps);
  audit.actor_kind = user->role;
  audit.actor = user->id;
  audit.action = "staff.login";
  audit.outcome = "ok";
  audit.json = json{{"name", user->name}, {"address", call->request().remote_ip}}.dump();
  batch.add(store::AddAudit{std::move(audit)});
  const std::string cookie = staff_cookie_header(deps, session.token);
  spdlog::info("staff: user {} logged in from {}", user->id, call->request().remote_ip);
  write_then_set_cookie(deps, std::move(batch), call, std::move(answer), cookie);
}

void me(const ApiDeps& deps, CallPtr call) {
  const Principal& p = call->principal();
  if (p.user_id.empty()) return call->fail(not_a_session());
  Result<std::optional<store::UserRecord>> user = deps.store.get_user(p.user_id);
  if (!user) return call->fail(user.error());
  if (!user->has_value()) return call->fail(make_error(ErrorCode::kUnauthenticated, "please log in"));
  ApiResponse r = json_response(200, session_json(**user, p.csrf_token));
  r.headers.set("Cache-Control", "no-store");
  call->respond(std::move(r));
}

void logout(const ApiDeps& deps, CallPtr call) {
  const Principal& p = call->principal();
  if (p.user_id.empty()) return call->fail(not_a_session());
  store::WriteBatch batch;
  batch.add(store::DeleteSession{p.session_hash});
  const std::string cleared = cleared_staff_cookie_header(deps);
  write_then(deps, std::move(batch), call, [call, cleared] {
    ApiResponse r{204, "", "", {}};
    r.headers.add("Set-Cookie", cleared);
    call->respond(std::move(r));
  });
}

void change_password(const ApiDeps& deps, StaffAuthState& state, CallPtr call) {
  const Principal& p = call->principal();
  if (p.user_id.empty()) return call->fail(not_a_session());
  Result<json> body = parse_json_object(call->request().body, deps.max_json_body);
  if (!body) return call->fail(body.error());
  if (Status st = only_fields(*body, {"current", "password"}); !st) return call->fail(st.error());
  Result<std::string> current = secret_field(*body, "current");
  if (!current) return call->fail(current.error());
  Result<std::string> password = secret_field(*body, "password");
  if (!password) return call->fail(password.error());
  if (!password_length_ok(*password, kMinStaffPasswordChars)) {
    return call->fail(invalid_field("password", "10 to 128 characters"));
  }
  const RateLimiter::Decision d = state.changes.acquire({"user:" + p.user_id}, now_ms(deps));
  if (!d.allowed) return call->respond(rate_limited(d));
  Result<std::optional<store::UserRecord>> user = deps.store.get_user(p.user_id);
  if (!user) return call->fail(user.error());
  if (!user->has_value()) return call->fail(make_error(ErrorCode::kUnauthenticated, "please log in"));
  if (!verify_staff_password(&**user, *current)) return call->respond(invalid_credentials(403));

  store::UserRecord changed = std::move(**user);
  changed.password_hash = crypto::hash_password(*password);
  changed.updated_ms = now_ms(deps);
  store::WriteBatch batch;
  batch.add(store::PutUser{std::move(changed)});
  // Every other browser of the user is logged out; this one stays.
  batch.add(store::DeleteSessionsOf{kSessionKindStaff, p.user_id, p.session_hash});
  write_then(deps, std::move(batch), call, [call, user_id = p.user_id] {
    spdlog::info("staff: user {} changed their password; their other sessions ended", user_id);
    call->respond(ApiResponse{204, "", "", {}});
  });
}

}  // namespace

void add_staff_auth_routes(Router& router, const ApiDeps& deps) {
  crypto::init();
  const ApiDeps* d = &deps;
  auto state = std::make_shared<StaffAuthState>(deps.staff.login_attempts_per_minute);
  const std::string path = "/api/v1/staff/session";
  router.add("POST", path, [d, state](CallPtr c) { login(*d, *state, std::move(c)); }, Access::kPublic);
  // Any staff member; an API token gets 401 from the handlers (there is no session to show or end).
  router.add("GET", path, [d](CallPtr c) { me(*d, std::move(c)); }, Access::kAgent);
  router.add("DELETE", path, [d](CallPtr c) { logout(*d, std::move(c)); }, Access::kAgent);
  router.add("POST", "/api/v1/staff/password", [d, state](CallPtr c) { change_password(*d, *state, std::move(c)); },
             Access::kAgent);
}

}  // namespace hearth::api
