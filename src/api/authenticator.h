// Bearer-token authentication for the API (RFC 6750). Tokens created through the API are stored
// as the SHA-256 of the token (store::TokenRecord); the token itself exists only in the creation
// response. The bootstrap token (HEARTH_BOOTSTRAP_TOKEN, given by the server) is an admin token
// that lives only in the process environment.
//
// Thread safety: authenticate() may be called from any thread.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "api/call.h"
#include "core/result.h"
#include "store/store.h"

namespace hearth::api {

inline constexpr const char* kRoleAdmin = "admin";
inline constexpr const char* kRoleRead = "read";  // GET only

class Authenticator {
 public:
  // REQUIRES: store outlives this object. An empty bootstrap token counts as none.
  Authenticator(store::Store& store, std::optional<std::string> bootstrap_token);

  // Checks an Authorization header value ("Bearer <token>"). kUnauthenticated when it is missing,
  // malformed or unknown; kUnavailable when the store cannot be read.
  Result<Principal> authenticate(std::optional<std::string_view> authorization) const;

  // What the store keeps for a token.
  static std::string hash_token(std::string_view token);

 private:
  store::Store& store_;
  std::optional<std::string> bootstrap_token_;
};

}  // namespace hearth::api
