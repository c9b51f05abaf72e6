#include "store/store_url.h"

#include <string_view>

#include "core/strings.h"

namespace hearth::store {

namespace {

Error bad_url(const std::string& url, const std::string& why) {
  return make_error(ErrorCode::kInvalidArgument, "store URL '" + url + "': " + why);
}

Status apply_option(const std::string& url, std::string_view key, std::string_view value,
                    sqlite::SqliteOptions* options) {
  if (key == "sync") {
    if (value == "full") {
      options->sync_full = true;
    } else if (value == "normal") {
      options->sync_full = false;
    } else {
      return bad_url(url, "sync must be full or normal");
    }
    return ok_status();
  }
  if (key == "cache_mb" || key == "readers") {
    const auto n = parse_int64(value);
    const int64_t max = key == "cache_mb" ? 4096 : 64;
    if (!n || *n < 1 || *n > max) {
      return bad_url(url, std::string(key) + " must be a number from 1 to " + std::to_string(max));
    }
    (key == "cache_mb" ? options->cache_mb : options->readers) = static_cast<int>(*n);
    return ok_status();
  }
  if (key == "cache_devices") {
    const auto n = parse_int64(value);
    if (!n || *n < 0 || *n > 10000000) return bad_url(url, "cache_devices must be a number from 0 to 10000000");
    options->cache_devices = static_cast<int>(*n);
    return ok_status();
  }
  if (key == "commit_gather_us") {
    const auto n = parse_int64(value);
    if (!n || *n < 0 || *n > 100000) return bad_url(url, "commit_gather_us must be a number from 0 to 100000");
    options->commit_gather_us = static_cast<int>(*n);
    return ok_status();
  }
  return bad_url(url, "unknown option '" + std::string(key) + "'");
}

}  // namespace

Result<StoreUrl> parse_store_url(const std::string& url) {
  StoreUrl out;
  if (url == "memory:") {
    out.kind = StoreUrl::Kind::kMemory;
    return out;
  }
  constexpr std::string_view kSqlite = "sqlite:";
  if (!starts_with(url, kSqlite)) return bad_url(url, "expected memory: or sqlite:PATH");
  out.kind = StoreUrl::Kind::kSqlite;
  std::string_view rest = std::string_view(url).substr(kSqlite.size());
  const size_t q = rest.find('?');
  out.sqlite.path = std::string(rest.substr(0, q));
  if (out.sqlite.path.empty()) return bad_url(url, "empty path");
  // Each connection would get its own private database: readers would never see the writes.
  if (out.sqlite.path == ":memory:") return bad_url(url, "use memory: for an in-memory store");
  if (q != std::string_view::npos) {
    for (std::string_view item : split(rest.substr(q + 1), '&')) {
      if (item.empty()) continue;
      const size_t eq = item.find('=');
      if (eq == std::string_view::npos) return bad_url(url, "option without a value");
      Status s = apply_option(url, item.substr(0, eq), item.substr(eq + 1), &out.sqlite);
      if (!s) return s.error();
    }
  }
  return out;
}

}  // namespace hearth::store
