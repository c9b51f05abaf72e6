#include "net/url.h"

#include <arpa/inet.h>

#include "core/strings.h"

namespace hearth::net {

namespace {

Error invalid(std::string message) { return make_error(ErrorCode::kInvalidArgument, std::move(message)); }

bool is_name_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
         c == '_';
}

bool looks_numeric(std::string_view host) {
  for (char c : host) {
    if (!((c >= '0' && c <= '9') || c == '.')) return false;
  }
  return true;
}

Status check_name(std::string_view host) {
  if (host.empty()) return invalid("URL without a host");
  if (host.size() > 253) return invalid("host name too long");
  for (char c : host) {
    if (!is_name_char(c)) return invalid("invalid character in host");
  }
  if (host.front() == '.' || host.front() == '-') return invalid("malformed host name");
  if (looks_numeric(host)) {
    in_addr addr{};
    const std::string h(host);
    if (inet_pton(AF_INET, h.c_str(), &addr) != 1) return invalid("malformed IPv4 address");
  }
  return ok_status();
}

}  // namespace

std::string Url::host_header() const {
  std::string out = ipv6 ? "[" + host + "]" : host;
  const uint16_t default_port = scheme == "https" ? 443 : 80;
  if (port != default_port) out += ":" + std::to_string(port);
  return out;
}

Result<Url> parse_url(std::string_view text) {
  text = trim(text);
  if (text.empty()) return invalid("empty URL");
  if (text.size() > kMaxUrlLength) return invalid("URL too long");
  for (char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u >= 0x7f) return invalid("URL contains whitespace, control or non-ASCII characters");
  }
  Url url;
  const size_t sep = text.find("://");
  if (sep == std::string_view::npos) return invalid("URL without a scheme");
  url.scheme = to_lower(text.substr(0, sep));
  if (url.scheme != "http" && url.scheme != "https") return invalid("unsupported URL scheme '" + url.scheme + "'");
  std::string_view rest = text.substr(sep + 3);
  const size_t hash = rest.find('#');
  if (hash != std::string_view::npos) rest = rest.substr(0, hash);
  const size_t authority_end = rest.find_first_of("/?");
  const std::string_view authority = rest.substr(0, authority_end);
  std::string_view target = authority_end == std::string_view::npos ? std::string_view() : rest.substr(authority_end);
  if (authority.find('@') != std::string_view::npos) return invalid("URL with userinfo");

  std::string_view port_text;
  if (!authority.empty() && authority.front() == '[') {
    const size_t close = authority.find(']');
    if (close == std::string_view::npos) return invalid("unterminated IPv6 address");
    const std::string host(authority.substr(1, close - 1));
    if (host.find('%') != std::string::npos) return invalid("IPv6 zone ids are not supported");
    in6_addr addr{};
    if (inet_pton(AF_INET6, host.c_str(), &addr) != 1) return invalid("malformed IPv6 address");
    url.host = host;
    url.ipv6 = true;
    const std::string_view after = authority.substr(close + 1);
    if (!after.empty()) {
      if (after.front() != ':') return invalid("garbage after IPv6 address");
      port_text = after.substr(1);
      if (port_text.empty()) return invalid("empty port");
    }
  } else {
    const size_t colon = authority.find(':');
    const std::string_view host = authority.substr(0, colon);
    if (auto s = check_name(host); !s.ok()) return s.error();
    url.host = to_lower(host);
    if (colon != std::string_view::npos) {
      port_text = authority.substr(colon + 1);
      if (port_text.empty()) return invalid("empty port");
    }
  }
  if (port_text.empty()) {
    url.port = url.scheme == "https" ? 443 : 80;
  } else {
    if (port_text.size() > 5) return invalid("port out of range");
    for (char c : port_text) {
      if (c < '0' || c > '9') return invalid("port is not a number");
    }
    const auto port = parse_uint64(port_text);
    if (!port || *port == 0 || *port > 65535) return invalid("port out of range");
    url.port = static_cast<uint16_t>(*port);
  }
  if (target.empty()) {
    url.target = "/";
  } else if (target.front() == '?') {
    url.target = "/" + std::string(target);
  } else {
    url.target = std::string(target);
  }
  return url;
}

}  // namespace hearth::net
