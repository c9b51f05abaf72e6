// Strict parsing of the absolute http(s) URLs the client dials. CPEs report URLs we must not
// trust (tr069.md quirk 30), so anything unusual is an error value rather than a guess.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/result.h"

namespace hearth::net {

inline constexpr size_t kMaxUrlLength = 2048;

struct Url {
  std::string scheme;  // "http" or "https" (lower case)
  std::string host;    // a name, an IPv4 address, or an IPv6 address without brackets
  bool ipv6 = false;   // host is an IPv6 literal
  uint16_t port = 0;   // the explicit port, else 80 / 443
  std::string target;  // path and query as sent on the request line; at least "/"

  // The Host header value: the host (bracketed if IPv6) plus ":port" when not the default.
  std::string host_header() const;
};

// Accepts scheme://host[:port][/path][?query][#fragment] with scheme http or https (any case).
// Refuses (kInvalidArgument): other schemes, userinfo ("user@"), empty or malformed hosts,
// IPv6 zone ids, ports outside 1..65535, whitespace or control or non-ASCII characters, and
// anything longer than kMaxUrlLength. The fragment is dropped.
Result<Url> parse_url(std::string_view text);

}  // namespace hearth::net
