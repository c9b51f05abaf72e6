#include "api/authenticator.h"

#include "core/crypto.h"
#include "core/strings.h"

namespace hearth::api {

namespace {

// Generated tokens are 43 characters; anything far longer is not one of ours.
constexpr size_t kMaxTokenLength = 512;

Error unauthenticated(const std::string& why) { return make_error(ErrorCode::kUnauthenticated, why); }

}  // namespace

Authenticator::Authenticator(store::Store& store, std::optional<std::string> bootstrap_token)
    : store_(store), bootstrap_token_(std::move(bootstrap_token)) {
  crypto::init();
  if (bootstrap_token_ && bootstrap_token_->empty()) bootstrap_token_.reset();
}

std::string Authenticator::hash_token(std::string_view token) { return crypto::sha256_hex(token); }

Result<Principal> Authenticator::authenticate(std::optional<std::string_view> authorization) const {
  if (!authorization) return unauthenticated("an Authorization: Bearer <token> header is required");
  const std::string_view value = trim(*authorization);
  const size_t space = value.find(' ');
  if (space == std::string_view::npos || !iequals(value.substr(0, space), "Bearer")) {
    return unauthenticated("the Authorization header must be \"Bearer <token>\"");
  }
  const std::string_view token = trim(value.substr(space + 1));
  if (token.empty() || token.size() > kMaxTokenLength) return unauthenticated("invalid token");

  if (bootstrap_token_ && crypto::equal_constant_time(token, *bootstrap_token_)) {
    return Principal{.token_id = "bootstrap", .name = "bootstrap", .role = kRoleAdmin};
  }
  // The lookup is by hash, so comparing hashes leaks nothing about the token.
  Result<std::optional<store::TokenRecord>> record = store_.find_token_by_hash(hash_token(token));
  if (!record) return make_error(ErrorCode::kUnavailable, "cannot check the token now; try again");
  if (!record->has_value()) return unauthenticated("invalid token");
  const store::TokenRecord& t = **record;
  return Principal{.token_id = t.id, .name = t.name, .role = t.role.empty() ? std::string(kRoleAdmin) : t.role};
}

}  // namespace hearth::api
