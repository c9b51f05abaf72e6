// The API's view of HTTP: plain request and response values. The network glue (src/net and the
// server) maps Beast messages to and from these, so api/ never sees a socket, Asio or Beast.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/result.h"

namespace hearth::api {

// HTTP header fields; names compare case-insensitively (RFC 9110 5.1), order is kept.
class HeaderMap {
 public:
  void add(std::string name, std::string value);
  // Replaces every field of that name.
  void set(std::string name, std::string value);
  // The first field of that name.
  std::optional<std::string_view> get(std::string_view name) const;
  const std::vector<std::pair<std::string, std::string>>& entries() const { return entries_; }

 private:
  std::vector<std::pair<std::string, std::string>> entries_;
};

// Query parameters, percent-decoded ('+' as a space), in request order for repeated names.
using QueryMap = std::multimap<std::string, std::string>;

struct ApiRequest {
  std::string method;     // "GET", "POST", ... (upper case)
  std::string path;       // as sent: still percent-encoded, without the query
  QueryMap query;
  HeaderMap headers;
  std::string body;
  std::string remote_ip;
};

struct ApiResponse {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  HeaderMap headers;  // extra fields (Location, WWW-Authenticate, Allow, ...)
};

// Splits "name=value&..." into a QueryMap (form encoding: '+' is a space). kInvalidArgument on a
// malformed %XX escape.
Result<QueryMap> parse_query(std::string_view query);

// For the glue: fills request->path and request->query from a request target "/path?query".
Status parse_target(std::string_view target, ApiRequest* request);

}  // namespace hearth::api
