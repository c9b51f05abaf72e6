// The one place that turns a hearth::Error into an HTTP response:
//   {"error":{"code":"not_found","message":"..."}}
// kInvalidArgument 400, kUnauthenticated 401 (with WWW-Authenticate: Bearer), kPermissionDenied
// 403, kNotFound 404, kConflict 409, kTooLarge 413, kUnavailable 503, kTimeout 504, kInternal 500
// (the message is replaced by a generic one; the detail goes to the log).
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "api/http.h"
#include "core/result.h"

namespace hearth::api {

int http_status_for(ErrorCode code);
ApiResponse error_response(const Error& error);

// 405 for a path that exists with other methods; `allowed` goes into the Allow header.
ApiResponse method_not_allowed_response(const std::vector<std::string>& allowed);

// A JSON response; strings that are not valid UTF-8 (values reported by CPEs) are repaired with
// U+FFFD rather than failing.
ApiResponse json_response(int status, const nlohmann::json& body);
std::string dump_json(const nlohmann::json& body);

}  // namespace hearth::api
