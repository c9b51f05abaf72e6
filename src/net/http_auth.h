// HTTP Basic and Digest authentication (RFC 7617, RFC 2617) as CWMP uses it: the ACS challenges
// CPEs (tr069.md 1.7) and answers CPE challenges on Connection Requests (tr069.md 6.1).
//
// Everything here is pure and total: any header, however hostile (garbage, huge, unterminated
// quotes, missing fields), yields an error value, never a crash (tr069.md quirk 8). The server
// side (stateless nonces) is in digest_authenticator.h.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/result.h"

namespace hearth::net {

// Headers longer than this are refused before parsing.
inline constexpr size_t kMaxAuthHeaderLength = 8192;

struct BasicCredentials {
  std::string username;
  std::string password;
};

// The fields of a Digest Authorization header (RFC 2617 3.2.2). Absent fields are empty.
struct DigestCredentials {
  std::string username;
  std::string realm;
  std::string nonce;
  std::string uri;
  std::string response;   // lower-case hex
  std::string algorithm;  // as sent; empty means MD5
  std::string cnonce;
  std::string opaque;
  std::string qop;  // "", "auth" or "auth-int"
  std::string nc;   // 8 hex digits when qop is present
};

struct Authorization {
  enum class Scheme { kBasic, kDigest };
  Scheme scheme = Scheme::kBasic;
  BasicCredentials basic;    // when scheme == kBasic
  DigestCredentials digest;  // when scheme == kDigest
};

// Parses an Authorization header value. Errors (kInvalidArgument) for: unknown scheme, bad
// base64, Basic without ':', Digest with a missing required field (username, realm, nonce, uri,
// response; cnonce and nc when qop is set), an unknown qop, a repeated parameter, unterminated
// quotes, or anything past kMaxAuthHeaderLength.
Result<Authorization> parse_authorization(std::string_view header);

// One challenge of a WWW-Authenticate header: a scheme and its parameters (names lower-cased,
// quotes removed, order kept).
struct AuthChallenge {
  std::string scheme;  // as sent, compare case-insensitively
  std::vector<std::pair<std::string, std::string>> params;
  std::optional<std::string_view> param(std::string_view name) const;
};

// Parses a WWW-Authenticate value, which may hold several challenges
// ("Digest realm=\"a\", nonce=\"b\", Basic realm=\"a\"").
Result<std::vector<AuthChallenge>> parse_challenges(std::string_view header);

// MD5(username:realm:password) in lower-case hex: the HA1 a server stores instead of a password.
std::string digest_ha1(std::string_view username, std::string_view realm, std::string_view password);

// RFC 2617 3.2.2.1 request-digest for the fields of `c` (nonce, uri, qop, nc, cnonce, algorithm)
// from the plain HA1 (H(user:realm:password) with the algorithm's hash; "-sess" variants are
// derived here). nullopt for an unsupported algorithm or qop. `body` is used for auth-int.
std::optional<std::string> digest_request_response(const DigestCredentials& c, std::string_view ha1,
                                                   std::string_view method, std::string_view body);

// Basic check against a stored HA1: compares MD5(user:realm:password) with `stored_ha1` in
// constant time.
bool verify_basic(const BasicCredentials& credentials, std::string_view realm, std::string_view stored_ha1);

// "Basic <base64(user:password)>".
std::string basic_authorization(std::string_view username, std::string_view password);

// The client side of Digest: builds the Authorization value answering `challenge_header` (a
// WWW-Authenticate value; its Digest challenge is used). Prefers qop=auth, then auth-int (with
// `body`), then the RFC 2069 form when the server offers no qop. Algorithms MD5, MD5-sess,
// SHA-256 and SHA-256-sess. `nc` is the request count (1 for the first use of a nonce).
// Errors (kInvalidArgument): no Digest challenge, no nonce, unsupported algorithm or qop.
Result<std::string> compute_digest_authorization(std::string_view challenge_header, std::string_view method,
                                                 std::string_view uri, std::string_view username,
                                                 std::string_view password, unsigned nc, std::string_view cnonce,
                                                 std::string_view body = {});

}  // namespace hearth::net
