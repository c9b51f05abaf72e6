#include "net/digest_authenticator.h"

#include <cstdio>

#include "core/crypto.h"
#include "core/strings.h"

namespace hearth::net {

namespace {

constexpr size_t kTimeHexLength = 16;
constexpr size_t kMacHexLength = 32;
// Nodes' clocks may disagree a little; a nonce from slightly in the future is still ours.
constexpr int64_t kAllowedSkewSeconds = 60;

// The uri field may be the request-target or an absolute URI (RFC 2617 3.2.2.5).
bool uri_matches(std::string_view uri, std::string_view target) {
  if (uri == target) return true;
  for (std::string_view scheme : {"http://", "https://"}) {
    if (uri.size() >= scheme.size() && iequals(uri.substr(0, scheme.size()), scheme)) {
      const size_t slash = uri.find('/', scheme.size());
      const std::string_view path = slash == std::string_view::npos ? "/" : uri.substr(slash);
      return path == target;
    }
  }
  return false;
}

bool qop_offered(std::string_view offered, std::string_view qop) {
  for (const auto option : split(offered, ',')) {
    if (trim(option) == qop) return true;
  }
  return false;
}

}  // namespace

const char* digest_verdict_name(DigestVerdict verdict) {
  switch (verdict) {
    case DigestVerdict::kOk: return "ok";
    case DigestVerdict::kStale: return "stale";
    case DigestVerdict::kBadNonce: return "bad_nonce";
    case DigestVerdict::kWrongRealm: return "wrong_realm";
    case DigestVerdict::kWrongResponse: return "wrong_response";
    case DigestVerdict::kUnsupported: return "unsupported";
  }
  return "unsupported";
}

DigestAuthenticator::DigestAuthenticator(std::string secret, std::string realm, const Clock& clock,
                                         std::chrono::seconds nonce_lifetime, std::string qop)
    : secret_(std::move(secret)),
      realm_(std::move(realm)),
      clock_(clock),
      lifetime_(nonce_lifetime),
      qop_(std::move(qop)) {}

std::string DigestAuthenticator::nonce_mac(std::string_view time_hex) const {
  std::string data(time_hex);
  data.push_back(':');
  data.append(realm_);
  return crypto::hmac_sha256_hex(secret_, data).substr(0, kMacHexLength);
}

std::string DigestAuthenticator::make_nonce() const {
  const auto secs = std::chrono::duration_cast<std::chrono::seconds>(clock_.now().time_since_epoch()).count();
  char time_hex[kTimeHexLength + 1];
  std::snprintf(time_hex, sizeof(time_hex), "%016llx", static_cast<unsigned long long>(secs));
  return std::string(time_hex) + nonce_mac(time_hex);
}

std::string DigestAuthenticator::make_challenge(bool stale) const {
  std::string out = "Digest realm=\"" + realm_ + "\"";
  if (!qop_.empty()) out += ", qop=\"" + qop_ + "\"";
  out += ", nonce=\"" + make_nonce() + "\", algorithm=MD5";
  if (stale) out += ", stale=true";
  return out;
}

DigestVerdict DigestAuthenticator::verify(const DigestCredentials& c, std::string_view method, std::string_view ha1,
                                          std::string_view body, std::string_view request_target) const {
  if (c.realm != realm_) return DigestVerdict::kWrongRealm;
  if (!c.algorithm.empty() && !iequals(c.algorithm, "MD5") && !iequals(c.algorithm, "MD5-sess")) {
    return DigestVerdict::kUnsupported;
  }
  if (!c.qop.empty() && !qop_offered(qop_, c.qop)) return DigestVerdict::kUnsupported;

  if (c.nonce.size() != kTimeHexLength + kMacHexLength) return DigestVerdict::kBadNonce;
  const std::string_view time_hex = std::string_view(c.nonce).substr(0, kTimeHexLength);
  const auto issued = parse_hex_u64(time_hex);
  if (!issued || !crypto::equal_constant_time(nonce_mac(time_hex), std::string_view(c.nonce).substr(kTimeHexLength))) {
    return DigestVerdict::kBadNonce;
  }
  const int64_t now = std::chrono::duration_cast<std::chrono::seconds>(clock_.now().time_since_epoch()).count();
  if (now < 0 || *issued > static_cast<uint64_t>(now + kAllowedSkewSeconds)) return DigestVerdict::kBadNonce;
  const auto issued_at = static_cast<int64_t>(*issued);

  if (!request_target.empty() && !uri_matches(c.uri, request_target)) return DigestVerdict::kWrongResponse;
  const auto expected = digest_request_response(c, to_lower(ha1), method, body);
  if (!expected) return DigestVerdict::kUnsupported;
  if (!crypto::equal_constant_time(*expected, c.response)) return DigestVerdict::kWrongResponse;
  // RFC 2617 3.2.1: stale only when the response itself is right, so the client retries silently.
  if (now - issued_at > lifetime_.count()) return DigestVerdict::kStale;
  return DigestVerdict::kOk;
}

}  // namespace hearth::net
