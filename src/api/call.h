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

// Roles. API tokens: "admin" (the same rights as an operator) or "read" (reads only). Staff
// users: "agent", "supervisor", "operator". Customers: "customer" (portal routes only).
// A role's rank orders the staff roles: read 1, agent 2, supervisor 3, operator and admin 4;
// anything else (customer, unknown) 0.
inline int role_rank(std::string_view role) {
  if (role == "read") return 1;
  if (role == "agent") return 2;
  if (role == "supervisor") return 3;
  if (role == "operator" || role == "admin") return 4;
  return 0;
}

// Who is calling: an API token (or the bootstrap token) and its role, a staff member's console
// session, or a customer's portal session (role "customer").
struct Principal {
  std::string token_id;  // "bootstrap" for the bootstrap token; empty for public routes and sessions
  std::string user_id;   // staff sessions: store::UserRecord::id
  std::string name;
  std::string role;      // see role_rank()
  std::string account;   // customer sessions: the subscriber's account number
  std::string session_hash;  // sessions: store::SessionRecord::token_hash
  std::string csrf_token;    // sessions: the session's CSRF token
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
