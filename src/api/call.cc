#include "api/call.h"

#include <spdlog/spdlog.h>

#include "api/errors.h"

namespace hearth::api {

void Call::respond(ApiResponse response) {
  if (responded_.exchange(true)) {
    spdlog::error("api: {} {} answered twice; the second answer ({}) is dropped", request_.method,
                  request_.path, response.status);
    return;
  }
  // Moved out so that the responder's captures are released with this answer.
  Responder responder = std::move(responder_);
  responder(std::move(response));
}

void Call::reply(int status, const nlohmann::json& body) { respond(json_response(status, body)); }

void Call::fail(const Error& error) { respond(error_response(error)); }

}  // namespace hearth::api
