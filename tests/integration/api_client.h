// A tiny JSON client for hearthd's API in integration tests.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

namespace hearth::testing {

struct ApiResult {
  int status = 0;
  nlohmann::json json;
  std::string body;
};

class ApiClient {
 public:
  ApiClient(std::string base_url, std::string token) : base_(std::move(base_url)), token_(std::move(token)) {}
  ApiResult call(const std::string& method, const std::string& path, const std::string& body = {},
                 const std::string& content_type = "application/json") const;
  ApiResult get(const std::string& path) const { return call("GET", path); }
  ApiResult post(const std::string& path, const nlohmann::json& body) const { return call("POST", path, body.dump()); }

 private:
  std::string base_;
  std::string token_;
};

// Percent-encodes a path segment (device ids contain '%').
std::string encode_segment(const std::string& s);

}  // namespace hearth::testing
