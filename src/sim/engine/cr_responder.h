// The CPE side of HTTP Connection Requests (tr069.md 6.1) for every simulated home at once:
// the request path names the home ("/<8 hex index><16 hex token>", the token random per home so
// the URL cannot be guessed), the ACS must authenticate with Digest and the home's
// ConnectionRequestUsername/Password, and then the home says 200 (a session follows) or 503
// (rate-limited, quirk 29). Unknown paths get 404; a home that is off, cut off or rebooting does
// not answer at all (nullopt: the server closes the connection, like a dead box).
// Pure apart from the Clock (nonce age); the engine wires it to net::LoopHttpServer.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "core/clock.h"
#include "net/digest_authenticator.h"
#include "net/http_types.h"

namespace hearth::sim {

std::string cr_path(uint32_t home, uint64_t token);
// The home and token a path names, or nullopt when it is not of that form.
std::optional<std::pair<uint32_t, uint64_t>> parse_cr_path(std::string_view path);

struct CrStats {
  uint64_t received = 0;
  uint64_t not_found = 0;     // 404
  uint64_t unanswered = 0;    // the home is off or unreachable
  uint64_t challenged = 0;    // 401
  uint64_t accepted = 0;      // 200
  uint64_t refused = 0;       // 503
};

class CrResponder {
 public:
  // What the responder asks about the home a path names.
  struct Homes {
    std::function<std::optional<uint64_t>(uint32_t home)> token;  // nullopt: no such home
    std::function<bool(uint32_t home)> answers;                   // powered, reachable, booted
    // ConnectionRequestUsername and Password as the home has them now.
    std::function<std::pair<std::string, std::string>(uint32_t home)> credentials;
    // Called once the request is authenticated: true means accepted (200), false 503.
    std::function<bool(uint32_t home)> accept;
  };

  // REQUIRES: `clock` outlives this object.
  CrResponder(const Clock& clock, std::string secret, Homes homes, std::string realm = "hearth-sim");

  std::optional<net::HttpResponse> handle(const net::HttpRequest& request);
  const CrStats& stats() const { return stats_; }
  const std::string& realm() const { return digest_.realm(); }

 private:
  net::HttpResponse challenge(bool stale);

  net::DigestAuthenticator digest_;
  Homes homes_;
  CrStats stats_;
};

}  // namespace hearth::sim
