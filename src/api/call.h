// One API request in flight: the request, the path parameters the router extracted, who made it,
// and the way to answer. Handlers hold it by shared_ptr across asynchronous steps (store writes,
// waits for tasks) and answer exactly once, from any thread.
#pragma once

#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "api/http.h"
#include "core/result.h"

namespace hearth::api {

using PathParams = std::map<std::string, std::string>;
using Responder = std::function<void(ApiResponse)>;

// Who is calling: an API token (or the bootstrap token) and its role, or a customer's portal
// session (role "customer").
struct Principal {
  std::string token_id;  // "bootstrap" for the bootstrap token; empty for public routes and sessions
  std::string name;
  std::string role;      // "admin", "read" or "customer"
  std::string account;   // customer sessions: the subscriber's account number
  std::string session_hash;  // customer sessions: store::SessionRecord::token_hash
  std::string csrf_token;    // customer sessions: the session's CSRF token
};

class Call {
 public:
  Call(ApiRequest request, PathParams params, Responder responder)
      : request_(std::move(request)), params_(std::move(params)), responder_(std::move(responder)) {}

  const ApiRequest& request() const { return request_; }
  // A path parameter, percent-decoded once; REQUIRES: the route pattern names it.
  const std::string& param(const std::string& name) const { return params_.at(name); }
  // The first query parameter of that name.
  std::optional<std::string> query(std::string_view name) const {
    const auto it = request_.query.find(std::string(name));
    if (it == request_.query.end()) return std::nullopt;
    return it->second;
  }

  Principal& principal() { return principal_; }
  const Principal& principal() const { return principal_; }

  // Answers. Only the first answer is sent; a second one is a bug and is dropped.
  void respond(ApiResponse response);
  void reply(int status, const nlohmann::json& body);
  void fail(const Error& error);
  bool responded() const { return responded_.load(); }

 private:
  ApiRequest request_;
  PathParams params_;
  Principal principal_;
  Responder responder_;
  std::atomic<bool> responded_{false};
};

using CallPtr = std::shared_ptr<Call>;

}  // namespace hearth::api
