#include "tests/integration/api_client.h"

#include "net/http_client.h"

namespace hearth::testing {

ApiResult ApiClient::call(const std::string& method, const std::string& path, const std::string& body,
                          const std::string& content_type) const {
  net::HttpHeaders headers;
  if (!token_.empty()) headers.set("Authorization", "Bearer " + token_);
  if (!body.empty()) headers.set("Content-Type", content_type);
  net::HttpClientOptions opts;
  opts.timeout = std::chrono::milliseconds(60000);
  auto r = net::http_request_sync(method, base_ + path, headers, body, opts);
  ApiResult out;
  if (!r) {
    out.status = -1;
    out.body = r.error().message;
    return out;
  }
  out.status = r->status;
  out.body = r->body;
  out.json = nlohmann::json::parse(r->body, nullptr, false);
  return out;
}

std::string encode_segment(const std::string& s) {
  static const char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.') {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 15]);
    }
  }
  return out;
}

}  // namespace hearth::testing
