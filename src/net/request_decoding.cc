#include "net/request_decoding.h"

#include "core/strings.h"
#include "net/compression.h"

namespace hearth::net::detail {

std::optional<HttpResponse> decode_request_body(HttpRequest& req, uint64_t body_limit) {
  const auto header = req.headers.get("Content-Encoding");
  if (!header) return std::nullopt;
  const std::string value = to_lower(trim(*header));
  req.headers.erase("Content-Encoding");
  std::string body = std::move(req.body);
  const auto codings = split(value, ',');
  bool compressed = false;
  // Codings are listed in the order they were applied; undo them from the last.
  for (auto it = codings.rbegin(); it != codings.rend(); ++it) {
    const ContentCoding coding = parse_content_coding(*it);
    if (coding == ContentCoding::kIdentity) continue;
    if (coding == ContentCoding::kUnsupported) {
      HttpResponse r = make_response(415, "unsupported Content-Encoding\n");
      r.headers.add("Accept-Encoding", "gzip, deflate");
      return r;
    }
    auto decoded = decode_content(body, coding, body_limit);
    if (!decoded.ok()) {
      if (decoded.error().code == ErrorCode::kTooLarge) return make_response(413, "decoded body too large\n");
      return make_response(400, "corrupt compressed body\n");
    }
    body = std::move(*decoded);
    compressed = true;
  }
  if (req.headers.contains("Content-Length")) req.headers.set("Content-Length", std::to_string(body.size()));
  req.body = std::move(body);
  req.was_compressed = compressed;
  req.content_encoding = value;
  return std::nullopt;
}

}  // namespace hearth::net::detail
