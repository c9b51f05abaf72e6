// The server side of HTTP Digest (RFC 2617) with stateless nonces, for challenging CPEs
// (tr069.md 1.7: Digest without TLS, qop "auth,auth-int").
//
// A nonce is 16 hex digits of the issue time (Unix seconds) followed by the first 32 hex digits
// of HMAC-SHA256(secret, time_hex ":" realm). Any connection and any node sharing the secret can
// verify it without storing anything; a nonce older than the lifetime is stale and the client is
// re-challenged with stale=true (it can retry without asking the user for the password again).
// Stateless nonces do not track nc, so a captured response can be replayed until its nonce goes
// stale: keep the lifetime short.
//
// Thread-safe: all members are const after construction.
#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "core/clock.h"
#include "net/http_auth.h"

namespace hearth::net {

enum class DigestVerdict {
  kOk,             // the response matches and the nonce is fresh
  kStale,          // the response matches but the nonce is too old: challenge again with stale=true
  kBadNonce,       // the nonce was not issued by us (or for another realm), or lies in the future
  kWrongRealm,     // the credentials name another realm
  kWrongResponse,  // the response does not match (wrong password or user, or a tampered field)
  kUnsupported,    // an algorithm or qop this server does not offer
};
const char* digest_verdict_name(DigestVerdict verdict);

class DigestAuthenticator {
 public:
  // `secret` should be at least 32 random bytes, shared by every node of a deployment.
  // REQUIRES: `clock` outlives this object.
  DigestAuthenticator(std::string secret, std::string realm, const Clock& clock,
                      std::chrono::seconds nonce_lifetime = std::chrono::seconds(300),
                      std::string qop = "auth,auth-int");

  const std::string& realm() const { return realm_; }

  // A fresh nonce for the current time.
  std::string make_nonce() const;
  // The WWW-Authenticate value: Digest realm="..", qop="..", nonce="..", algorithm=MD5[, stale=true].
  std::string make_challenge(bool stale = false) const;

  // Verifies parsed Digest credentials for a request. `ha1` is the stored
  // MD5(username:realm:password) of the user the credentials name; `body` is the request body
  // (used for qop=auth-int). `request_target`, when not empty, must match the credentials' uri
  // (exactly, or as the path of an absolute URI) so a response cannot be replayed on another
  // resource. The nonce's age is measured against the clock.
  DigestVerdict verify(const DigestCredentials& credentials, std::string_view method, std::string_view ha1,
                       std::string_view body, std::string_view request_target = {}) const;

 private:
  std::string nonce_mac(std::string_view time_hex) const;

  std::string secret_;
  std::string realm_;
  const Clock& clock_;
  std::chrono::seconds lifetime_;
  std::string qop_;
};

}  // namespace hearth::net
