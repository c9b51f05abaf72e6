#include "api/customer_auth.h"

#include <algorithm>

#include "api/errors.h"
#include "core/clock.h"
#include "core/crypto.h"
#include "core/strings.h"

namespace hearth::api {

namespace {

// Session tokens are 43 characters of URL-safe base64; anything else is not one of ours.
constexpr size_t kMinTokenLength = 16;
constexpr size_t kMaxTokenLength = 128;
constexpr size_t kMaxUserAgent = 256;
// last_seen_ms is written at most this often per session (and at most every tenth of the idle
// lifetime), so that browsing costs the store a write a minute, not one per request.
constexpr int64_t kMaxBumpIntervalMs = 60'000;

Error unauthenticated(const std::string& why) { return make_error(ErrorCode::kUnauthenticated, why); }

bool token_shaped(std::string_view token) {
  if (token.size() < kMinTokenLength || token.size() > kMaxTokenLength) return false;
  return std::all_of(token.begin(), token.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
  });
}

int64_t bump_interval_ms(const PortalOptions& o) {
  return std::clamp<int64_t>(o.idle_ttl_ms / 10, 1, kMaxBumpIntervalMs);
}

// "https://example.net:8443" -> "example.net:8443" (lower case, the scheme's default port
// dropped); "" when it is not of that form.
std::string origin_authority(std::string_view origin) {
  const size_t sep = origin.find("://");
  if (sep == std::string_view::npos) return "";
  const std::string scheme = to_lower(origin.substr(0, sep));
  std::string authority = to_lower(origin.substr(sep + 3));
  const size_t path = authority.find('/');
  if (path != std::string::npos) authority.resize(path);
  if (authority.empty()) return "";
  if ((scheme == "http" && ends_with(authority, ":80")) || (scheme == "https" && ends_with(authority, ":443"))) {
    authority.resize(authority.rfind(':'));
  }
  return authority;
}

// A Host header as compared with an origin: lower case, a default port dropped (the scheme is
// unknown here, so both are).
std::string host_authority(std::string_view host) {
  std::string h = to_lower(trim(host));
  if (ends_with(h, ":80")) h.resize(h.size() - 3);
  if (ends_with(h, ":443")) h.resize(h.size() - 4);
  return h;
}

const std::string& dummy_hash() {
  // Made once, on the first login attempt that needs it, with the same parameters as real ones.
  static const std::string hash = crypto::hash_password(crypto::random_token(16));
  return hash;
}

}  // namespace

ApiResponse portal_error(int status, const char* code, const std::string& message) {
  return json_response(status, {{"error", {{"code", code}, {"message", message}}}});
}

NewSession new_session(const ApiDeps& deps, const PortalOptions& options, std::string_view kind,
                       const std::string& subject, std::string_view user_agent) {
  crypto::init();
  const int64_t now = to_unix_ms(deps.clock.now());
  NewSession s;
  s.token = crypto::random_token(32);
  s.record.token_hash = crypto::sha256_hex(s.token);
  s.record.kind = std::string(kind);
  s.record.subject = subject;
  s.record.csrf_token = crypto::random_token(32);
  s.record.created_ms = now;
  s.record.expires_ms = now + options.session_ttl_ms;
  s.record.last_seen_ms = now;
  s.record.user_agent = std::string(user_agent.substr(0, kMaxUserAgent));
  return s;
}

NewSession new_customer_session(const ApiDeps& deps, const std::string& account, std::string_view user_agent) {
  return new_session(deps, deps.portal, kSessionKindCustomer, account, user_agent);
}

std::optional<std::string> cookie_value(const ApiRequest& request, std::string_view name) {
  // Browsers send one Cookie field ("a=1; b=2"); HTTP/2 front ends may split it into several.
  for (const auto& [field, value] : request.headers.entries()) {
    if (!iequals(field, "Cookie")) continue;
    for (std::string_view pair : split(value, ';')) {
      pair = trim(pair);
      const size_t eq = pair.find('=');
      if (eq == std::string_view::npos || trim(pair.substr(0, eq)) != name) continue;
      std::string_view v = trim(pair.substr(eq + 1));
      if (v.size() >= 2 && v.front() == '"' && v.back() == '"') v = v.substr(1, v.size() - 2);
      return std::string(v);
    }
  }
  return std::nullopt;
}

std::optional<std::string> session_cookie(const ApiRequest& request) { return cookie_value(request, kSessionCookie); }

Result<store::SessionRecord> load_session(const ApiDeps& deps, const PortalOptions& options, const std::string& token,
                                          std::string_view kind) {
  if (!token_shaped(token)) return unauthenticated("your session has ended; please log in again");
  const std::string hash = crypto::sha256_hex(token);
  Result<std::optional<store::SessionRecord>> found = deps.store.get_session(hash);
  if (!found) return make_error(ErrorCode::kUnavailable, "cannot check the session now; try again");
  if (!found->has_value() || (*found)->kind != kind) {
    return unauthenticated("your session has ended; please log in again");
  }
  store::SessionRecord session = std::move(**found);
  const int64_t now = to_unix_ms(deps.clock.now());
  if (now >= session.expires_ms || now - session.last_seen_ms >= options.idle_ttl_ms) {
    deps.store.write(store::WriteBatch().add(store::DeleteSession{hash}), [](Status) {});
    return unauthenticated("your session has ended; please log in again");
  }
  if (now - session.last_seen_ms >= bump_interval_ms(options)) {
    // Nobody waits for this write: a lost bump only makes the session look idle a little sooner.
    // A touch, not a put: committed after a logout or a password change, it must not bring the
    // ended session back.
    deps.store.write(store::WriteBatch().add(store::TouchSession{hash, now}), [](Status) {});
  }
  return session;
}

Result<Principal> authenticate_customer(const ApiDeps& deps, const ApiRequest& request) {
  const std::optional<std::string> token = session_cookie(request);
  if (!token) return unauthenticated("please log in");
  Result<store::SessionRecord> session = load_session(deps, deps.portal, *token, kSessionKindCustomer);
  if (!session) return session.error();
  Principal p;
  p.name = session->subject;
  p.role = kRoleCustomer;
  p.account = std::move(session->subject);
  p.session_hash = std::move(session->token_hash);
  p.csrf_token = std::move(session->csrf_token);
  return p;
}

Status check_origin(const ApiDeps& deps, const ApiRequest& request) {
  return check_origin_against(request, deps.portal.public_url);
}

Status check_origin_against(const ApiRequest& request, std::string_view public_url) {
  const std::optional<std::string_view> origin = request.headers.get("Origin");
  if (!origin) return ok_status();
  const std::string from = origin_authority(*origin);
  const std::optional<std::string_view> host = request.headers.get("Host");
  if (!from.empty()) {
    if (host && from == host_authority(*host)) return ok_status();
    if (!public_url.empty() && from == origin_authority(public_url)) return ok_status();
  }
  return make_error(ErrorCode::kPermissionDenied, "requests from another site are not accepted");
}

Status check_csrf(const ApiRequest& request, const Principal& principal) {
  const std::optional<std::string_view> csrf = request.headers.get(kCsrfHeader);
  if (!csrf || principal.csrf_token.empty() || !crypto::equal_constant_time(trim(*csrf), principal.csrf_token)) {
    return make_error(ErrorCode::kPermissionDenied, "missing or wrong X-CSRF-Token; reload the page");
  }
  return ok_status();
}

Status check_customer_change(const ApiDeps& deps, const ApiRequest& request, const Principal& principal) {
  if (request.method == "GET" || request.method == "HEAD") return ok_status();
  if (Status st = check_csrf(request, principal); !st) return st;
  return check_origin(deps, request);
}

std::string cookie_header(std::string_view name, const std::string& token, const PortalOptions& options) {
  std::string v = std::string(name) + "=" + token +
                  "; Path=/; Max-Age=" + std::to_string(std::max<int64_t>(options.session_ttl_ms / 1000, 0)) +
                  "; HttpOnly; SameSite=Strict";
  if (options.secure_cookies) v += "; Secure";
  return v;
}

std::string cleared_cookie_header(std::string_view name, const PortalOptions& options) {
  std::string v = std::string(name) + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict";
  if (options.secure_cookies) v += "; Secure";
  return v;
}

std::string session_cookie_header(const ApiDeps& deps, const std::string& token) {
  return cookie_header(kSessionCookie, token, deps.portal);
}

std::string cleared_session_cookie_header(const ApiDeps& deps) {
  return cleared_cookie_header(kSessionCookie, deps.portal);
}

bool verify_password_evenly(std::string_view password_hash, std::string_view password) {
  crypto::init();
  if (password_hash.empty()) {
    (void)crypto::verify_password(dummy_hash(), password);
    return false;
  }
  return crypto::verify_password(password_hash, password);
}

bool verify_customer_password(const store::SubscriberRecord* subscriber, std::string_view password) {
  return verify_password_evenly(subscriber == nullptr ? std::string_view() : subscriber->password_hash, password);
}

}  // namespace hearth::api
