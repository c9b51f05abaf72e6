#include "acs/cpe_auth.h"

#include "core/crypto.h"
#include "net/http_auth.h"

namespace hearth::acs {

namespace {

enum class Check { kNone, kOk, kWrong, kStale };

// Checks an Authorization header against one username and HA1.
Check check_credentials(const net::DigestAuthenticator& digest, const CpeAuthRequest& req,
                        const std::string& username, const std::string& ha1, bool allow_basic) {
  if (!req.authorization) return Check::kNone;
  auto parsed = net::parse_authorization(*req.authorization);
  if (!parsed) return Check::kWrong;
  if (parsed->scheme == net::Authorization::Scheme::kBasic) {
    if (!req.tls && !allow_basic) return Check::kNone;  // challenge for Digest instead
    if (parsed->basic.username != username) return Check::kWrong;
    return net::verify_basic(parsed->basic, digest.realm(), ha1) ? Check::kOk : Check::kWrong;
  }
  if (parsed->digest.username != username) return Check::kWrong;
  switch (digest.verify(parsed->digest, req.method, ha1, req.body, req.target)) {
    case net::DigestVerdict::kOk: return Check::kOk;
    case net::DigestVerdict::kStale: return Check::kStale;
    default: return Check::kWrong;
  }
}

CpeAuthVerdict challenge(const net::DigestAuthenticator& digest, const CpeAuthRequest& req, Check check,
                         std::string reason) {
  CpeAuthVerdict v;
  v.kind = CpeAuthVerdict::Kind::kChallenge;
  if (req.tls) {
    v.www_authenticate = "Basic realm=\"" + digest.realm() + "\"";
  } else {
    v.www_authenticate = digest.make_challenge(check == Check::kStale);
  }
  v.close = check == Check::kWrong;
  v.reason = std::move(reason);
  return v;
}

CpeAuthVerdict accept(bool issue, std::string reason) {
  CpeAuthVerdict v;
  v.kind = CpeAuthVerdict::Kind::kAccept;
  v.issue_credentials = issue;
  v.reason = std::move(reason);
  return v;
}

}  // namespace

CpeAuthVerdict authenticate_cpe(const AcsConfig& config, const net::DigestAuthenticator& digest,
                                const CpeAuthRequest& req, bool allow_basic_over_http) {
  if (!config.require_auth) return accept(false, "authentication disabled");
  if (req.device != nullptr && !req.device->auth_username.empty()) {
    const Check own = check_credentials(digest, req, req.device->auth_username, req.device->auth_ha1,
                                        allow_basic_over_http);
    if (own == Check::kOk) return accept(false, "device credentials");
    // A factory-reset device comes back with its factory credentials: let the policy decide.
    if (!req.bootstrap) return challenge(digest, req, own, "device credentials required");
  }
  switch (config.unknown_device_policy) {
    case UnknownDevicePolicy::kRegister:
      return accept(true, "registered on first contact");
    case UnknownDevicePolicy::kBootstrapSecret: {
      if (config.bootstrap_username.empty()) {
        CpeAuthVerdict v;
        v.reason = "no bootstrap secret configured";
        return v;
      }
      const std::string ha1 =
          crypto::md5_hex(config.bootstrap_username + ":" + digest.realm() + ":" + config.bootstrap_password);
      const Check c = check_credentials(digest, req, config.bootstrap_username, ha1, allow_basic_over_http);
      if (c == Check::kOk) return accept(true, "bootstrap secret");
      return challenge(digest, req, c, "bootstrap secret required");
    }
    case UnknownDevicePolicy::kReject: {
      CpeAuthVerdict v;
      v.reason = "unknown devices are rejected";
      return v;
    }
  }
  return CpeAuthVerdict{};
}

CpeAuthVerdict reauthenticate_cpe(const AcsConfig& config, const net::DigestAuthenticator& digest,
                                  const CpeAuthRequest& req, bool allow_basic_over_http) {
  if (!config.require_auth || req.device == nullptr || req.device->auth_username.empty()) {
    return accept(false, "no device credentials to check");
  }
  const Check c = check_credentials(digest, req, req.device->auth_username, req.device->auth_ha1,
                                    allow_basic_over_http);
  if (c == Check::kOk) return accept(false, "device credentials");
  return challenge(digest, req, c, "device credentials required on a new connection");
}

}  // namespace hearth::acs
