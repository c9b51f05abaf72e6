// Internal to the HTTP server: Content-Encoding of request bodies (tr069.md 2.2, quirk 7).
#pragma once

#include <cstdint>
#include <optional>

#include "net/http_types.h"

namespace hearth::net::detail {

// Decodes a gzip/deflate body in place before the handler sees it: removes Content-Encoding, sets
// was_compressed and content_encoding, and fixes Content-Length. Returns the error response
// instead when the coding is unsupported (415 with Accept-Encoding), the body is corrupt (400)
// or it decodes past `body_limit` (413).
std::optional<HttpResponse> decode_request_body(HttpRequest& request, uint64_t body_limit);

}  // namespace hearth::net::detail
