#include "net/compression.h"

#include <zlib.h>

#include <algorithm>
#include <limits>

#include "core/strings.h"

namespace hearth::net {

namespace {

// zlib's windowBits selects the framing: 16+15 gzip, 15 zlib, -15 raw deflate.
constexpr int kGzipWindow = 16 + MAX_WBITS;
constexpr int kZlibWindow = MAX_WBITS;
constexpr int kRawWindow = -MAX_WBITS;

// zlib counts in uInt; feed it at most this much at a time so huge inputs never overflow.
constexpr size_t kChunk = 1u << 20;

Result<std::string> inflate_all(std::string_view data, int window_bits, size_t max_output) {
  z_stream zs{};
  if (inflateInit2(&zs, window_bits) != Z_OK) return make_error(ErrorCode::kInternal, "inflateInit2 failed");
  std::string out;
  size_t consumed = 0;
  int ret = Z_OK;
  unsigned char buf[16384];
  for (;;) {
    if (zs.avail_in == 0 && consumed < data.size()) {
      const size_t n = std::min(kChunk, data.size() - consumed);
      zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data() + consumed));
      zs.avail_in = static_cast<uInt>(n);
      consumed += n;
    }
    zs.next_out = buf;
    zs.avail_out = sizeof(buf);
    ret = inflate(&zs, Z_NO_FLUSH);
    const size_t produced = sizeof(buf) - zs.avail_out;
    if (out.size() + produced > max_output) {
      inflateEnd(&zs);
      return make_error(ErrorCode::kTooLarge, "decoded body exceeds the limit");
    }
    out.append(reinterpret_cast<const char*>(buf), produced);
    if (ret == Z_STREAM_END) {
      // gzip allows several members back to back (RFC 1952 2.2); continue with the next one.
      const bool more_input = zs.avail_in > 0 || consumed < data.size();
      if (window_bits == kGzipWindow && more_input) {
        if (inflateReset(&zs) != Z_OK) break;
        continue;
      }
      break;
    }
    if (ret == Z_BUF_ERROR && zs.avail_in == 0 && consumed >= data.size()) break;  // truncated
    if (ret != Z_OK && ret != Z_BUF_ERROR) break;
  }
  inflateEnd(&zs);
  if (ret != Z_STREAM_END) return make_error(ErrorCode::kInvalidArgument, "corrupt or truncated compressed body");
  return out;
}

std::string deflate_with(std::string_view data, int window_bits, int level) {
  z_stream zs{};
  if (deflateInit2(&zs, std::clamp(level, 0, 9), Z_DEFLATED, window_bits, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
    return {};
  }
  std::string out;
  size_t consumed = 0;
  unsigned char buf[16384];
  int ret = Z_OK;
  do {
    if (zs.avail_in == 0 && consumed < data.size()) {
      const size_t n = std::min(kChunk, data.size() - consumed);
      zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data() + consumed));
      zs.avail_in = static_cast<uInt>(n);
      consumed += n;
    }
    const int flush = consumed >= data.size() ? Z_FINISH : Z_NO_FLUSH;
    zs.next_out = buf;
    zs.avail_out = sizeof(buf);
    ret = deflate(&zs, flush);
    out.append(reinterpret_cast<const char*>(buf), sizeof(buf) - zs.avail_out);
  } while (ret != Z_STREAM_END && ret != Z_STREAM_ERROR);
  deflateEnd(&zs);
  return out;
}

// RFC 1950 2.2: CM = 8 and the 16-bit header is a multiple of 31.
bool has_zlib_header(std::string_view data) {
  if (data.size() < 2) return false;
  const auto b0 = static_cast<unsigned char>(data[0]);
  const auto b1 = static_cast<unsigned char>(data[1]);
  return (b0 & 0x0f) == 8 && (b0 >> 4) <= 7 && ((b0 << 8) | b1) % 31 == 0;
}

}  // namespace

ContentCoding parse_content_coding(std::string_view token) {
  token = trim(token);
  if (token.empty() || iequals(token, "identity")) return ContentCoding::kIdentity;
  if (iequals(token, "gzip") || iequals(token, "x-gzip")) return ContentCoding::kGzip;
  if (iequals(token, "deflate")) return ContentCoding::kDeflate;
  return ContentCoding::kUnsupported;
}

Result<std::string> gzip_decode(std::string_view data, size_t max_output) {
  return inflate_all(data, kGzipWindow, max_output);
}

Result<std::string> deflate_decode(std::string_view data, size_t max_output) {
  if (has_zlib_header(data)) {
    auto r = inflate_all(data, kZlibWindow, max_output);
    if (r.ok() || r.error().code == ErrorCode::kTooLarge) return r;
    // A raw stream can start with bytes that look like a zlib header; fall through and try raw.
  }
  return inflate_all(data, kRawWindow, max_output);
}

Result<std::string> decode_content(std::string_view data, ContentCoding coding, size_t max_output) {
  switch (coding) {
    case ContentCoding::kIdentity:
      if (data.size() > max_output) return make_error(ErrorCode::kTooLarge, "body exceeds the limit");
      return std::string(data);
    case ContentCoding::kGzip: return gzip_decode(data, max_output);
    case ContentCoding::kDeflate: return deflate_decode(data, max_output);
    case ContentCoding::kUnsupported: break;
  }
  return make_error(ErrorCode::kInvalidArgument, "unsupported content coding");
}

std::string gzip_encode(std::string_view data, int level) { return deflate_with(data, kGzipWindow, level); }
std::string deflate_encode(std::string_view data, int level) { return deflate_with(data, kZlibWindow, level); }
std::string raw_deflate_encode(std::string_view data, int level) { return deflate_with(data, kRawWindow, level); }

}  // namespace hearth::net
