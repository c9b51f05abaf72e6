// Connection Request answering (tr069.md 6.1, quirk 29), Digest checked with the stateless
// nonces of net/digest_authenticator.h.
#include "sim/engine/cr_responder.h"

#include <fmt/format.h>

#include "core/strings.h"
#include "net/http_auth.h"

namespace hearth::sim {

std::string cr_path(uint32_t home, uint64_t token) { return fmt::format("/{:08x}{:016x}", home, token); }

std::optional<std::pair<uint32_t, uint64_t>> parse_cr_path(std::string_view path) {
  if (path.size() != 25 || path[0] != '/') return std::nullopt;
  const auto home = parse_hex_u64(path.substr(1, 8));
  const auto token = parse_hex_u64(path.substr(9, 16));
  if (!home || !token) return std::nullopt;
  return std::make_pair(static_cast<uint32_t>(*home), *token);
}

CrResponder::CrResponder(const Clock& clock, std::string secret, Homes homes, std::string realm)
    : digest_(std::move(secret), std::move(realm), clock), homes_(std::move(homes)) {}

net::HttpResponse CrResponder::challenge(bool stale) {
  ++stats_.challenged;
  net::HttpResponse r = net::make_response(401);
  r.headers.add("WWW-Authenticate", digest_.make_challenge(stale));
  return r;
}

std::optional<net::HttpResponse> CrResponder::handle(const net::HttpRequest& request) {
  ++stats_.received;
  const auto named = parse_cr_path(request.path());
  const auto token = named ? homes_.token(named->first) : std::nullopt;
  if (!named || !token || *token != named->second) {
    ++stats_.not_found;
    return net::make_response(404, "not found\n");
  }
  const uint32_t home = named->first;
  if (!homes_.answers(home)) {
    ++stats_.unanswered;
    return std::nullopt;
  }
  const auto [username, password] = homes_.credentials(home);
  if (username.empty() || password.empty()) {  // icwmp: no CR credentials configured -> 503
    ++stats_.refused;
    return net::make_response(503);
  }
  const auto header = request.headers.get("Authorization");
  if (!header) return challenge(false);
  auto auth = net::parse_authorization(*header);
  if (!auth.ok() || auth->scheme != net::Authorization::Scheme::kDigest || auth->digest.username != username) {
    return challenge(false);
  }
  const std::string ha1 = net::digest_ha1(username, digest_.realm(), password);
  const auto verdict = digest_.verify(auth->digest, request.method, ha1, request.body, request.target);
  if (verdict == net::DigestVerdict::kStale) return challenge(true);
  if (verdict != net::DigestVerdict::kOk) return challenge(false);
  if (!homes_.accept(home)) {
    ++stats_.refused;
    return net::make_response(503);
  }
  ++stats_.accepted;
  return net::make_response(200);
}

}  // namespace hearth::sim
