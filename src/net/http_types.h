// Plain HTTP message types shared by the server, the client and every handler. No Boost here:
// the rest of Hearth sees only these structs and std::function callbacks.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace hearth::net {

struct HttpHeader {
  std::string name;
  std::string value;
};

// An ordered header list. Lookup is case-insensitive; the order of arrival is kept and the same
// name may appear more than once (Set-Cookie, WWW-Authenticate).
class HttpHeaders {
 public:
  using const_iterator = std::vector<HttpHeader>::const_iterator;

  // The first value with this name, or nullopt. The view is valid until the list changes.
  std::optional<std::string_view> get(std::string_view name) const;
  // The first value with this name, or `fallback`.
  std::string get_or(std::string_view name, std::string_view fallback = {}) const;
  std::vector<std::string_view> get_all(std::string_view name) const;
  bool contains(std::string_view name) const { return get(name).has_value(); }

  // Appends, keeping any earlier header of the same name.
  void add(std::string name, std::string value);
  // Replaces every header of this name by one (appended if there was none).
  void set(std::string_view name, std::string value);
  // Removes every header of this name; returns how many were removed.
  size_t erase(std::string_view name);

  size_t size() const { return list_.size(); }
  bool empty() const { return list_.empty(); }
  const_iterator begin() const { return list_.begin(); }
  const_iterator end() const { return list_.end(); }

 private:
  std::vector<HttpHeader> list_;
};

struct HttpRequest {
  std::string method;  // as sent, e.g. "POST"
  std::string target;  // the request-target as sent, e.g. "/acs?x=1"
  int version = 11;    // 10 for HTTP/1.0, 11 for HTTP/1.1
  HttpHeaders headers;
  std::string body;  // already decoded when the client sent a Content-Encoding (see below)

  // The server decodes gzip/deflate request bodies before the handler runs (tr069.md 2.2) and
  // removes the Content-Encoding header; these say what the client used, so the handler can
  // answer in the same encoding.
  bool was_compressed = false;
  std::string content_encoding;  // the removed header's value (lower case), e.g. "gzip"

  // The target without its query string.
  std::string_view path() const;
  // The query string after '?', without the '?' (empty when none).
  std::string_view query() const;
};

struct HttpResponse {
  int status = 200;
  HttpHeaders headers;
  std::string body;
  // When set, the server streams this file instead of `body` (Content-Length from its size).
  std::optional<std::string> file_path;
  // Ask the server to close the connection after this response (sends Connection: close).
  bool close = false;
  // "gzip" or "deflate" makes the server compress `body` and send Content-Encoding; empty sends
  // it as is. Ignored for file responses.
  std::string content_encoding;
};

// One TCP connection as the server saw it. `id` is unique per connection for the server's life.
struct ConnectionInfo {
  uint64_t id = 0;
  std::string remote_ip;
  uint16_t remote_port = 0;
  bool tls = false;
};

// Helpers to build common responses.
HttpResponse make_response(int status, std::string body = {}, std::string content_type = "text/plain");

// The standard reason phrase ("Not Found"), or "Unknown".
const char* reason_phrase(int status);

// Cookies from a Cookie header, tolerant of what CPEs send (tr069.md quirk 3): pairs separated by
// ';' or ',', optional spaces, values optionally in double quotes (quotes removed). Pairs without
// '=' or with an empty name are skipped. Order is kept; duplicates are kept.
std::vector<std::pair<std::string, std::string>> parse_cookies(std::string_view header);
// The first cookie of that name over every Cookie header of the request, or nullopt.
std::optional<std::string> find_cookie(const HttpHeaders& headers, std::string_view name);

// Parses "a=1&b=x%20y&c" into ordered pairs: percent-decoding, '+' as space, a key without '='
// gets an empty value. Malformed escapes are kept literally rather than failing the whole query.
std::vector<std::pair<std::string, std::string>> parse_query(std::string_view query);
// The first value for `key` in the query string, or nullopt.
std::optional<std::string> query_param(std::string_view query, std::string_view key);

}  // namespace hearth::net
