// Authentication of a CPE that opens a session (tr069.md 1.7): its own credentials when it has
// some, else the unknown-device policy. Pure: takes the parsed request facts, returns a verdict.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "acs/config.h"
#include "net/digest_authenticator.h"
#include "store/records.h"

namespace hearth::acs {

struct CpeAuthRequest {
  const store::DeviceRecord* device = nullptr;  // nullptr: unknown device
  bool bootstrap = false;                       // the Inform carries 0 BOOTSTRAP
  std::optional<std::string_view> authorization;  // the Authorization header
  std::string_view method;
  std::string_view target;
  std::string_view body;
  bool tls = false;
};

struct CpeAuthVerdict {
  enum class Kind { kAccept, kChallenge, kReject };
  Kind kind = Kind::kReject;
  bool issue_credentials = false;  // accepted on shared or no credentials: give it its own
  std::string www_authenticate;    // for kChallenge
  bool close = false;              // wrong credentials were presented: close after the 401
  std::string reason;              // for the log (never contains a secret)
};

// Basic is accepted over TLS only, unless allow_basic_over_http (tr069.md 1.7).
CpeAuthVerdict authenticate_cpe(const AcsConfig& config, const net::DigestAuthenticator& digest,
                                const CpeAuthRequest& request, bool allow_basic_over_http = false);

// Checks credentials of a device that is already in a session, on a new connection (quirk 4).
CpeAuthVerdict reauthenticate_cpe(const AcsConfig& config, const net::DigestAuthenticator& digest,
                                  const CpeAuthRequest& request, bool allow_basic_over_http = false);

}  // namespace hearth::acs
