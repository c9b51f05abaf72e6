// What the two login flows (the customer portal's, selfservice_auth_handlers.cc, and the staff
// console's, staff_auth_handlers.cc) answer alike: too many attempts, wrong credentials, a
// password field, and a session cookie set once the session is written.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "api/api_deps.h"
#include "api/call.h"
#include "api/http.h"
#include "api/rate_limiter.h"
#include "core/result.h"
#include "store/store.h"

namespace hearth::api {

inline constexpr size_t kMaxSecretBytes = 1024;  // a request field; password policies count characters
inline constexpr size_t kMinCustomerPasswordChars = 8;
inline constexpr size_t kMinStaffPasswordChars = 10;
inline constexpr size_t kMaxPasswordChars = 128;

// Whether a password has min_chars to kMaxPasswordChars characters (code points; JSON strings are
// valid UTF-8).
bool password_length_ok(const std::string& password, size_t min_chars);

// 429 "rate_limited" with Retry-After in whole seconds (at least 1).
ApiResponse rate_limited(const RateLimiter::Decision& decision);
// `status` "invalid_credentials": the same words whether the login or the password was wrong.
ApiResponse invalid_credentials(int status);
// A password (or a token) from the body: a string of at most kMaxSecretBytes. The value never
// appears in an error.
Result<std::string> secret_field(const nlohmann::json& body, const char* name);
// Writes `batch` (the new session), then answers 200 with `answer`, the Set-Cookie `cookie` and
// Cache-Control: no-store.
void write_then_set_cookie(const ApiDeps& deps, store::WriteBatch batch, const CallPtr& call,
                           nlohmann::json answer, std::string cookie);

}  // namespace hearth::api
