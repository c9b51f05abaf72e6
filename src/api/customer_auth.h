// Customer portal sessions: a random token in the hearth_session cookie (the store keeps only its
// SHA-256, store::SessionRecord), an absolute and an idle expiry, and a CSRF token per session
// that every change must echo in X-CSRF-Token. Api::handle authenticates kCustomer routes with
// these; the login and logout handlers (selfservice_auth_handlers.cc) make and end sessions.
//
// Stateless: everything lives in the store, so any number of threads may call these at once.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "api/api_deps.h"
#include "api/call.h"
#include "api/http.h"
#include "core/result.h"
#include "store/records.h"

namespace hearth::api {

inline constexpr const char* kRoleCustomer = "customer";
inline constexpr const char* kSessionCookie = "hearth_session";
inline constexpr const char* kSessionKindCustomer = "customer";
inline constexpr const char* kCsrfHeader = "X-CSRF-Token";

// A portal error with its own code ("csrf", "invalid_credentials", "rate_limited", ...) in the
// usual {"error":{"code","message"}} shape.
ApiResponse portal_error(int status, const char* code, const std::string& message);

// A new session of `account` from now on; the token goes into the cookie, the record into the
// store (PutSession).
struct NewSession {
  std::string token;
  store::SessionRecord record;
};
NewSession new_customer_session(const ApiDeps& deps, const std::string& account, std::string_view user_agent);

// The value of the hearth_session cookie in the request's Cookie header(s), if any.
std::optional<std::string> session_cookie(const ApiRequest& request);

// The same for any cookie name (the staff console's hearth_staff, staff_auth.h).
std::optional<std::string> cookie_value(const ApiRequest& request, std::string_view name);

// The live session of `kind` behind a cookie value, with `options`' idle expiry: kUnauthenticated
// when the value is not token-shaped, or the session is unknown, of another kind, expired or idle
// for too long (an expired one is deleted); kUnavailable when the store cannot be read. Bumps the
// session's last-seen time now and then (a write nobody waits for). Shared by the portal and the
// staff console.
Result<store::SessionRecord> load_session(const ApiDeps& deps, const PortalOptions& options, const std::string& token,
                                          std::string_view kind);

// A new session of `kind` for `subject` from now on, with `options`' lifetime.
NewSession new_session(const ApiDeps& deps, const PortalOptions& options, std::string_view kind,
                       const std::string& subject, std::string_view user_agent);

// The customer behind the request's session cookie: role "customer", the account, the session's
// hash and CSRF token. kUnauthenticated when there is no cookie, or the session is unknown,
// expired or idle for too long (an expired one is deleted); kUnavailable when the store cannot be
// read. Bumps the session's last-seen time now and then (a write nobody waits for).
Result<Principal> authenticate_customer(const ApiDeps& deps, const ApiRequest& request);

// A customer's change (any method but GET and HEAD): the X-CSRF-Token must be the session's and
// the request must not come from another origin. kPermissionDenied otherwise.
Status check_customer_change(const ApiDeps& deps, const ApiRequest& request, const Principal& principal);

// Defence in depth against cross-site requests: when the request carries an Origin header, its
// host (and port) must be the request's Host or that of PortalOptions::public_url.
// kPermissionDenied otherwise.
Status check_origin(const ApiDeps& deps, const ApiRequest& request);
// The same against another configured address ("" : the Host only).
Status check_origin_against(const ApiRequest& request, std::string_view public_url);

// The session's X-CSRF-Token must come with the request. kPermissionDenied otherwise.
Status check_csrf(const ApiRequest& request, const Principal& principal);

// Set-Cookie values: the session's cookie (Max-Age: the session's lifetime) and its removal.
std::string session_cookie_header(const ApiDeps& deps, const std::string& token);
std::string cleared_session_cookie_header(const ApiDeps& deps);
// The same for any cookie name and options (HttpOnly, SameSite=Strict, Path=/, Secure unless
// options.secure_cookies is false).
std::string cookie_header(std::string_view name, const std::string& token, const PortalOptions& options);
std::string cleared_cookie_header(std::string_view name, const PortalOptions& options);

// Checks a customer's password with argon2id. An unknown customer (nullptr) or one without a
// password is checked against a fixed dummy hash, so that the answer takes as long either way;
// the result is then false.
bool verify_customer_password(const store::SubscriberRecord* subscriber, std::string_view password);
// The same for any stored argon2id hash: an empty one is checked against the dummy hash and fails.
bool verify_password_evenly(std::string_view password_hash, std::string_view password);

}  // namespace hearth::api
