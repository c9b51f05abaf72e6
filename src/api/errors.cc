#include "api/errors.h"

#include <spdlog/spdlog.h>

namespace hearth::api {

namespace {

ApiResponse error_body(int status, const char* code, const std::string& message) {
  return json_response(status, {{"error", {{"code", code}, {"message", message}}}});
}

}  // namespace

int http_status_for(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInvalidArgument: return 400;
    case ErrorCode::kUnauthenticated: return 401;
    case ErrorCode::kPermissionDenied: return 403;
    case ErrorCode::kNotFound: return 404;
    case ErrorCode::kConflict: return 409;
    case ErrorCode::kTooLarge: return 413;
    case ErrorCode::kUnavailable: return 503;
    case ErrorCode::kTimeout: return 504;
    case ErrorCode::kInternal: return 500;
  }
  return 500;
}

ApiResponse error_response(const Error& error) {
  std::string message = error.message;
  if (error.code == ErrorCode::kInternal) {
    // Internal details (paths, SQL, errno) are for the operator's log, not for the client.
    spdlog::error("api: internal error: {}", error.message);
    message = "internal error";
  }
  ApiResponse r = error_body(http_status_for(error.code), error_code_name(error.code), message);
  if (error.code == ErrorCode::kUnauthenticated) r.headers.set("WWW-Authenticate", "Bearer");
  return r;
}

ApiResponse method_not_allowed_response(const std::vector<std::string>& allowed) {
  std::string allow;
  for (const auto& m : allowed) {
    if (!allow.empty()) allow += ", ";
    allow += m;
  }
  ApiResponse r = error_body(405, "method_not_allowed", "this path accepts " + allow);
  r.headers.set("Allow", allow);
  return r;
}

std::string dump_json(const nlohmann::json& body) {
  return body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

ApiResponse json_response(int status, const nlohmann::json& body) {
  ApiResponse r;
  r.status = status;
  r.content_type = "application/json";
  r.body = dump_json(body);
  return r;
}

}  // namespace hearth::api
