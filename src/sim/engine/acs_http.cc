// Cookie and Authorization handling of a simulated CPE (tr069.md 1.6, 1.7), on the helpers of
// net/http_auth.h.
#include "sim/engine/acs_http.h"

#include <algorithm>

#include "core/crypto.h"
#include "core/strings.h"
#include "net/http_auth.h"

namespace hearth::sim {

void CookieJar::update(const net::HttpHeaders& response_headers) {
  for (const std::string_view set : response_headers.get_all("Set-Cookie")) {
    const auto parts = split(set, ';');
    if (parts.empty()) continue;
    const std::string_view pair = trim(parts[0]);
    const size_t eq = pair.find('=');
    if (eq == std::string_view::npos || eq == 0) continue;
    std::string name(trim(pair.substr(0, eq)));
    std::string value(trim(pair.substr(eq + 1)));
    bool expired = value.empty();
    for (size_t i = 1; i < parts.size(); ++i) {
      const std::string_view attr = trim(parts[i]);
      if (iequals(attr, "Max-Age=0")) expired = true;
    }
    auto it = std::find_if(cookies_.begin(), cookies_.end(), [&](const auto& c) { return c.first == name; });
    if (expired) {
      if (it != cookies_.end()) cookies_.erase(it);
    } else if (it != cookies_.end()) {
      it->second = std::move(value);
    } else {
      cookies_.emplace_back(std::move(name), std::move(value));
    }
  }
}

std::string CookieJar::header() const {
  std::string out;
  for (const auto& [name, value] : cookies_) {
    if (!out.empty()) out += "; ";
    out += name;
    out += '=';
    out += value;
  }
  return out;
}

AcsAuthorization::AcsAuthorization(bool basic, std::string username, std::string password)
    : basic_(basic), username_(std::move(username)), password_(std::move(password)) {}

bool AcsAuthorization::answer(const net::HttpHeaders& response_headers) {
  if (username_.empty()) return false;
  if (basic_) {
    active_ = true;
    return true;
  }
  for (const std::string_view header : response_headers.get_all("WWW-Authenticate")) {
    // A trial computation tells whether this header holds a Digest challenge we support.
    if (net::compute_digest_authorization(header, "POST", "/", username_, password_, 1, "0", "").ok()) {
      challenge_ = std::string(header);
      cnonce_ = crypto::random_hex(8);
      nc_ = 0;
      active_ = true;
      return true;
    }
  }
  return false;
}

std::string AcsAuthorization::header_for(std::string_view method, std::string_view uri, std::string_view body) {
  if (!active_) return {};
  if (basic_) return net::basic_authorization(username_, password_);
  auto value = net::compute_digest_authorization(challenge_, method, uri, username_, password_, ++nc_, cnonce_, body);
  return value.ok() ? std::move(*value) : std::string();
}

}  // namespace hearth::sim
