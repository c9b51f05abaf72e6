// /api/v1/selfservice/ login, logout, me, password-reset(/confirm) and password: the customer
// portal's sessions (customer_auth.h). Logins and reset requests are limited per remote address
// and per login name (PortalOptions::login_attempts_per_minute); an unknown login and a wrong
// password get the same answer after the same argon2id work; a reset request is answered 202
// whether or not the account exists.
//
// Never logged: passwords, tokens, cookies, reset links, and login names of failed attempts (a
// password typed into the wrong field).
#include <algorithm>
#include <memory>
#include <mutex>
#include <set>
#include <vector>

#include <spdlog/spdlog.h>

#include "api/body_fields.h"
#include "api/customer_auth.h"
#include "api/errors.h"
#include "api/handler_support.h"
#include "api/login_replies.h"
#include "api/rate_limiter.h"
#include "api/request_params.h"
#include "api/routes.h"
#include "core/clock.h"
#include "core/crypto.h"
#include "core/strings.h"

namespace hearth::api {

namespace {

using nlohmann::json;

constexpr size_t kMaxLoginBytes = 320;     // an email address at most

// The routes' shared state: attempt limits and the reset tokens being redeemed right now.
struct AuthState {
  explicit AuthState(uint32_t per_minute) : logins(per_minute), resets(per_minute), changes(per_minute) {}
  RateLimiter logins;   // per address and per login name
  RateLimiter resets;   // per address and per login name
  RateLimiter changes;  // password changes per account (guesses of the current password)
  std::mutex mu;
  std::set<std::string> redeeming;  // hashes of reset tokens whose use is being written
};

ApiResponse csrf_refused(const Error& e) { return portal_error(403, "csrf", e.message); }



ApiResponse no_content() { return ApiResponse{204, "", "", {}}; }


bool acceptable_password(const std::string& password) {
  return password_length_ok(password, kMinCustomerPasswordChars);
}

ApiResponse weak_password() {
  return portal_error(400, "weak_password",
                      "the password must have " + std::to_string(kMinCustomerPasswordChars) + " to " +
                          std::to_string(kMaxPasswordChars) + " characters");
}

// The rate limiters' key of a login name: what a person would consider the same login.
std::string login_key(const std::string& login) { return "login:" + to_lower(trim(login)); }
std::string address_key(const Call& call) { return "ip:" + call.request().remote_ip; }

std::string to_upper(std::string s) {
  for (char& c : s) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return s;
}

// The subscriber a login names: an email (ASCII case ignored) when it holds '@', else an account
// number as written, upper-cased or lower-cased.
Result<std::optional<store::SubscriberRecord>> find_customer(const ApiDeps& deps, const std::string& login) {
  if (login.find('@') != std::string::npos) return deps.store.find_subscriber_by_email(login);
  std::vector<std::string> candidates = {login};
  for (std::string other : {to_upper(login), to_lower(login)}) {
    if (std::find(candidates.begin(), candidates.end(), other) == candidates.end()) candidates.push_back(other);
  }
  for (const std::string& account : candidates) {
    Result<std::optional<store::SubscriberRecord>> found = deps.store.get_subscriber(account);
    if (!found || found->has_value()) return found;
  }
  return std::optional<store::SubscriberRecord>();
}

// The account's first home by id, or null.
Result<json> home_id_json(const ApiDeps& deps, const std::string& account) {
  store::HomeQuery q;
  q.account = account;
  q.limit = 1;
  Result<store::HomePage> page = deps.store.list_homes(q);
  if (!page) return page.error();
  if (page->homes.empty()) return json(nullptr);
  return json(page->homes.front().id);
}

json customer_json(const store::SubscriberRecord& s, json home_id, const std::string& csrf, int64_t expires_ms) {
  return {{"account", s.account},
          {"name", s.name},
          {"email", s.email.empty() ? json(nullptr) : json(s.email)},
          {"homeId", std::move(home_id)},
          {"csrfToken", csrf},
          {"expiresAt", format_iso8601(from_unix_ms(expires_ms))}};
}

void login(const ApiDeps& deps, AuthState& state, CallPtr call) {
  if (Status st = check_origin(deps, call->request()); !st) return call->respond(csrf_refused(st.error()));
  Result<json> body = parse_json_object(call->request().body, deps.max_json_body);
  if (!body) return call->fail(body.error());
  if (Status st = only_fields(*body, {"login", "password"}); !st) return call->fail(st.error());
  Result<std::optional<std::string>> name = text_field(*body, "login", kMaxLoginBytes, true);
  if (!name) return call->fail(name.error());
  Result<std::string> password = secret_field(*body, "password");
  if (!password) return call->fail(password.error());
  const std::string login_name(trim(**name));

  const RateLimiter::Decision d = state.logins.acquire({address_key(*call), login_key(login_name)}, now_ms(deps));
  if (!d.allowed) {
    spdlog::info("portal: login attempts from {} are being limited", call->request().remote_ip);
    return call->respond(rate_limited(d));
  }
  Result<std::optional<store::SubscriberRecord>> found = find_customer(deps, login_name);
  if (!found) return call->fail(found.error());
  const store::SubscriberRecord* subscriber = found->has_value() ? &**found : nullptr;
  if (!verify_customer_password(subscriber, *password)) {
    spdlog::info("portal: failed login from {}", call->request().remote_ip);
    return call->respond(invalid_credentials(401));
  }
  Result<json> home_id = home_id_json(deps, subscriber->account);
  if (!home_id) return call->fail(home_id.error());

  const std::string user_agent(call->request().headers.get("User-Agent").value_or(""));
  NewSession session = new_customer_session(deps, subscriber->account, user_agent);
  json answer = customer_json(*subscriber, std::move(*home_id), session.record.csrf_token, session.record.expires_ms);
  store::WriteBatch batch;
  // A session the browser still had ends: a login always starts a fresh one (no fixation).
  if (std::optional<std::string> old = session_cookie(call->request()); old && !old->empty()) {
    batch.add(store::DeleteSession{crypto::sha256_hex(*old)});
  }
  batch.add(store::PutSession{session.record});
  const std::string cookie = session_cookie_header(deps, session.token);
  spdlog::info("portal: account {} logged in from {}", subscriber->account, call->request().remote_ip);
  write_then_set_cookie(deps, std::move(batch), call, std::move(answer), cookie);
}

void logout(const ApiDeps& deps, CallPtr call) {
  store::WriteBatch batch;
  batch.add(store::DeleteSession{call->principal().session_hash});
  const std::string cleared = cleared_session_cookie_header(deps);
  write_then(deps, std::move(batch), call, [call, cleared] {
    ApiResponse r = no_content();
    r.headers.add("Set-Cookie", cleared);
    call->respond(std::move(r));
  });
}

void me(const ApiDeps& deps, CallPtr call) {
  const Principal& p = call->principal();
  Result<std::optional<store::SubscriberRecord>> subscriber = deps.store.get_subscriber(p.account);
  if (!subscriber) return call->fail(subscriber.error());
  Result<std::optional<store::SessionRecord>> session = deps.store.get_session(p.session_hash);
  if (!session) return call->fail(session.error());
  if (!subscriber->has_value() || !session->has_value()) {
    return call->fail(make_error(ErrorCode::kUnauthenticated, "your session has ended; please log in again"));
  }
  Result<json> home_id = home_id_json(deps, p.account);
  if (!home_id) return call->fail(home_id.error());
  ApiResponse r = json_response(200, customer_json(**subscriber, std::move(*home_id), p.csrf_token,
                                                   (*session)->expires_ms));
  r.headers.set("Cache-Control", "no-store");
  call->respond(std::move(r));
}

// Where the customer opens the link: the configured portal address, else the address the
// request came to (a Host of plain host[:port] characters only).
std::optional<std::string> portal_base(const ApiDeps& deps, const Call& call) {
  std::string base = deps.portal.public_url;
  if (base.empty()) {
    const std::string host(trim(call.request().headers.get("Host").value_or("")));
    const bool plain = !host.empty() && host.size() <= 255 && std::all_of(host.begin(), host.end(), [](char c) {
      return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-' ||
             c == ':' || c == '[' || c == ']';
    });
    if (!plain) return std::nullopt;
    base = "http://" + host;
  }
  while (ends_with(base, "/")) base.pop_back();
  return base;
}

void request_reset(const ApiDeps& deps, AuthState& state, CallPtr call) {
  if (Status st = check_origin(deps, call->request()); !st) return call->respond(csrf_refused(st.error()));
  Result<json> body = parse_json_object(call->request().body, deps.max_json_body);
  if (!body) return call->fail(body.error());
  if (Status st = only_fields(*body, {"login"}); !st) return call->fail(st.error());
  Result<std::optional<std::string>> name = text_field(*body, "login", kMaxLoginBytes, true);
  if (!name) return call->fail(name.error());
  const std::string login_name(trim(**name));
  const RateLimiter::Decision d = state.resets.acquire({address_key(*call), login_key(login_name)}, now_ms(deps));
  if (!d.allowed) return call->respond(rate_limited(d));

  Result<std::optional<store::SubscriberRecord>> found = find_customer(deps, login_name);
  if (!found) return call->fail(found.error());
  const std::optional<std::string> base = portal_base(deps, *call);
  // Known or not, the answer goes out after a store commit, so that its timing tells nothing.
  store::WriteBatch batch;
  std::optional<store::SubscriberRecord> subscriber;
  std::string link;
  if (found->has_value() && base && deps.notifier != nullptr) {
    subscriber = std::move(**found);
    const int64_t now = now_ms(deps);
    const std::string token = crypto::random_token(32);
    store::PasswordResetRecord reset;
    reset.token_hash = crypto::sha256_hex(token);
    reset.account = subscriber->account;
    reset.created_ms = now;
    reset.expires_ms = now + deps.portal.reset_ttl_ms;
    batch.add(store::PutPasswordReset{std::move(reset)});
    link = *base + "/#/reset/" + token;
  } else if (found->has_value()) {
    spdlog::warn("portal: cannot send a password-reset link for account {}: {}", (*found)->account,
                 deps.notifier == nullptr ? "no notifier is configured" : "no portal address (set public_url)");
  }
  deps.store.write(std::move(batch), [&deps, call, subscriber = std::move(subscriber), link](Status st) {
    if (!st) {
      spdlog::error("portal: cannot store a password reset: {}", st.error().message);
    } else if (subscriber) {
      spdlog::info("portal: password-reset link issued for account {}", subscriber->account);
      deps.notifier->send_password_reset(*subscriber, link);
    }
    call->reply(202, json::object());
  });
}

void confirm_reset(const ApiDeps& deps, const std::shared_ptr<AuthState>& state, CallPtr call) {
  if (Status st = check_origin(deps, call->request()); !st) return call->respond(csrf_refused(st.error()));
  Result<json> body = parse_json_object(call->request().body, deps.max_json_body);
  if (!body) return call->fail(body.error());
  if (Status st = only_fields(*body, {"token", "password"}); !st) return call->fail(st.error());
  Result<std::string> token = secret_field(*body, "token");
  if (!token) return call->fail(token.error());
  Result<std::string> password = secret_field(*body, "password");
  if (!password) return call->fail(password.error());
  const ApiResponse invalid_token =
      portal_error(400, "invalid_token", "this link is unknown, used or expired; ask for a new one");
  const std::string hash = crypto::sha256_hex(*token);

  // One redemption at a time per token: two at once would both see it unused. The mark goes
  // before the answer, so that a client's next request never finds it still there.
  {
    std::lock_guard lock(state->mu);
    if (!state->redeeming.insert(hash).second) return call->respond(invalid_token);
  }
  auto release = [state, hash] {
    std::lock_guard lock(state->mu);
    state->redeeming.erase(hash);
  };
  auto answer = [&](ApiResponse r) {
    release();
    call->respond(std::move(r));
  };

  Result<std::optional<store::PasswordResetRecord>> reset = deps.store.get_password_reset(hash);
  if (!reset) return answer(error_response(reset.error()));
  const int64_t now = now_ms(deps);
  if (!reset->has_value() || (*reset)->used_ms != 0 || now >= (*reset)->expires_ms) return answer(invalid_token);
  if (!acceptable_password(*password)) return answer(weak_password());
  Result<std::optional<store::SubscriberRecord>> subscriber = deps.store.get_subscriber((*reset)->account);
  if (!subscriber) return answer(error_response(subscriber.error()));
  if (!subscriber->has_value()) return answer(invalid_token);

  store::SubscriberRecord changed = std::move(**subscriber);
  changed.password_hash = crypto::hash_password(*password);
  changed.updated_ms = now;
  store::PasswordResetRecord used = std::move(**reset);
  used.used_ms = now;
  const std::string account = changed.account;
  store::WriteBatch batch;
  batch.add(store::PutSubscriber{std::move(changed)});
  batch.add(store::PutPasswordReset{std::move(used)});
  batch.add(store::DeleteSessionsOf{kSessionKindCustomer, account, ""});
  deps.store.write(std::move(batch), [call, account, release](Status st) {
    release();
    if (!st) return call->fail(st.error());
    spdlog::info("portal: password of account {} reset; its sessions ended", account);
    call->respond(no_content());
  });
}

void change_password(const ApiDeps& deps, AuthState& state, CallPtr call) {
  const Principal& p = call->principal();
  Result<json> body = parse_json_object(call->request().body, deps.max_json_body);
  if (!body) return call->fail(body.error());
  if (Status st = only_fields(*body, {"current", "password"}); !st) return call->fail(st.error());
  Result<std::string> current = secret_field(*body, "current");
  if (!current) return call->fail(current.error());
  Result<std::string> password = secret_field(*body, "password");
  if (!password) return call->fail(password.error());
  if (!acceptable_password(*password)) return call->respond(weak_password());
  const RateLimiter::Decision d = state.changes.acquire({"account:" + p.account}, now_ms(deps));
  if (!d.allowed) return call->respond(rate_limited(d));

  Result<std::optional<store::SubscriberRecord>> subscriber = deps.store.get_subscriber(p.account);
  if (!subscriber) return call->fail(subscriber.error());
  if (!subscriber->has_value()) {
    return call->fail(make_error(ErrorCode::kUnauthenticated, "your session has ended; please log in again"));
  }
  if (!verify_customer_password(&**subscriber, *current)) return call->respond(invalid_credentials(403));

  store::SubscriberRecord changed = std::move(**subscriber);
  changed.password_hash = crypto::hash_password(*password);
  changed.updated_ms = now_ms(deps);
  store::WriteBatch batch;
  batch.add(store::PutSubscriber{std::move(changed)});
  // Every other browser of the account is logged out; this one stays.
  batch.add(store::DeleteSessionsOf{kSessionKindCustomer, p.account, p.session_hash});
  write_then(deps, std::move(batch), call, [call, account = p.account] {
    spdlog::info("portal: account {} changed its password; its other sessions ended", account);
    call->respond(no_content());
  });
}

}  // namespace

void add_selfservice_auth_routes(Router& router, const ApiDeps& deps) {
  crypto::init();
  const ApiDeps* d = &deps;
  auto state = std::make_shared<AuthState>(deps.portal.login_attempts_per_minute);
  const std::string base = "/api/v1/selfservice/";
  router.add("POST", base + "login", [d, state](CallPtr c) { login(*d, *state, std::move(c)); }, Access::kPublic);
  router.add("POST", base + "logout", [d](CallPtr c) { logout(*d, std::move(c)); }, Access::kCustomer);
  router.add("GET", base + "me", [d](CallPtr c) { me(*d, std::move(c)); }, Access::kCustomer);
  router.add("POST", base + "password-reset", [d, state](CallPtr c) { request_reset(*d, *state, std::move(c)); },
             Access::kPublic);
  router.add("POST", base + "password-reset/confirm",
             [d, state](CallPtr c) { confirm_reset(*d, state, std::move(c)); }, Access::kPublic);
  router.add("PUT", base + "password", [d, state](CallPtr c) { change_password(*d, *state, std::move(c)); },
             Access::kCustomer);
}

}  // namespace hearth::api
