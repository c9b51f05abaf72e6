// HTTP content codings (tr069.md 2.2: CPEs may send gzip or deflate bodies and expect the answer in
// the same coding). Pure functions over zlib; every decoder takes an output limit so a small
// "zip bomb" cannot exhaust memory.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "core/result.h"

namespace hearth::net {

enum class ContentCoding {
  kIdentity,     // no coding (also an absent or empty header)
  kGzip,         // "gzip" or "x-gzip"
  kDeflate,      // "deflate": zlib-wrapped per RFC 9110, raw deflate accepted as well
  kUnsupported,  // anything else ("br", "compress", ...)
};

// Parses one coding token, case-insensitively, ignoring surrounding spaces.
ContentCoding parse_content_coding(std::string_view token);

// Decodes gzip (one or more members). Errors: kTooLarge when the output would pass `max_output`
// bytes, kInvalidArgument on corrupt or truncated input.
Result<std::string> gzip_decode(std::string_view data, size_t max_output);
// Decodes "deflate": zlib format, or raw deflate when the data has no zlib header (some clients
// send raw deflate under this name). Errors as gzip_decode.
Result<std::string> deflate_decode(std::string_view data, size_t max_output);
// Dispatches on `coding`; kIdentity returns the data (still subject to the limit), kUnsupported
// fails with kInvalidArgument.
Result<std::string> decode_content(std::string_view data, ContentCoding coding, size_t max_output);

// Encoders. `level` is zlib's 0..9 (6 = default). They cannot fail on valid input.
std::string gzip_encode(std::string_view data, int level = 6);
std::string deflate_encode(std::string_view data, int level = 6);  // zlib format
// Raw deflate (no zlib header), only for tests of clients that send it.
std::string raw_deflate_encode(std::string_view data, int level = 6);

}  // namespace hearth::net
