// Staff sessions for the agent console and the operator dashboard: a random token in the
// hearth_staff cookie (the store keeps only its SHA-256 as a store::SessionRecord of kind "staff"
// whose subject is the user's id), absolute and idle expiry from ApiDeps::staff, and a CSRF token
// per session that every change must echo in X-CSRF-Token. The pieces are the portal's
// (customer_auth.h); only the cookie, the session kind and the options differ.
//
// Api::handle accepts the cookie on every route that is neither public nor the portal's (an
// Authorization header wins when both are present); the login and logout handlers
// (staff_auth_handlers.cc) make and end sessions. A disabled or deleted user's sessions are
// refused.
//
// Stateless: everything lives in the store, so any number of threads may call these at once.
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "api/api_deps.h"
#include "api/call.h"
#include "api/customer_auth.h"
#include "api/http.h"
#include "core/result.h"
#include "store/records.h"

namespace hearth::api {

inline constexpr const char* kStaffCookie = "hearth_staff";
inline constexpr const char* kSessionKindStaff = "staff";

// Whether the request carries a hearth_staff cookie at all (valid or not).
bool has_staff_cookie(const ApiRequest& request);

// The staff member behind the request's hearth_staff cookie: user_id, name, role (the user's),
// the session's hash and CSRF token. kUnauthenticated when there is no cookie, the session is
// unknown, expired or idle, or its user is gone or disabled; kUnavailable when the store cannot be
// read.
Result<Principal> authenticate_staff(const ApiDeps& deps, const ApiRequest& request);

// A change made with the staff cookie (any method but GET and HEAD): the session's X-CSRF-Token
// and the Origin check (the request's Host, or ApiDeps::staff.public_url, or the portal's).
// kPermissionDenied otherwise.
Status check_staff_change(const ApiDeps& deps, const ApiRequest& request, const Principal& principal);

// A new staff session of `user_id` from now on (ApiDeps::staff's lifetime).
NewSession new_staff_session(const ApiDeps& deps, const std::string& user_id, std::string_view user_agent);

// Set-Cookie values of the staff cookie and of its removal.
std::string staff_cookie_header(const ApiDeps& deps, const std::string& token);
std::string cleared_staff_cookie_header(const ApiDeps& deps);

// Checks a user's password with argon2id; an unknown user (nullptr), one without a password or a
// disabled one costs the same work and fails.
bool verify_staff_password(const store::UserRecord* user, std::string_view password);

// The API's view of a user: {id, login, name, email, role, disabled, createdAt, updatedAt}; never
// the hash.
nlohmann::json user_json(const store::UserRecord& user);

}  // namespace hearth::api
