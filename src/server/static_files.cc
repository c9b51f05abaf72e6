#include "server/static_files.h"

#include <spdlog/spdlog.h>

#include <filesystem>
#include <fstream>
#include <mutex>
#include <optional>
#include <sstream>
#include <unordered_map>
#include <vector>

#include "core/crypto.h"
#include "core/strings.h"
#include "net/compression.h"

namespace hearth::server {

namespace fs = std::filesystem;

namespace {

// Files up to this size are kept in memory (with their gzipped form); larger ones are streamed
// from disk, uncompressed. The whole cache is dropped when it would pass kCacheLimit.
constexpr uintmax_t kCacheFileLimit = 4u << 20;
constexpr size_t kCacheLimit = 64u << 20;
// Below this gzip gains too little to be worth a Content-Encoding.
constexpr size_t kGzipMinimum = 256;

constexpr const char* kImmutable = "public, max-age=31536000, immutable";

struct Entry {
  uintmax_t size = 0;
  fs::file_time_type mtime;
  std::string body;
  std::string gzipped;  // empty: not worth compressing, or not a text type
  std::string etag;     // strong, from the content
};

bool is_compressible(std::string_view content_type) {
  return starts_with(content_type, "text/") || starts_with(content_type, "application/javascript") ||
         starts_with(content_type, "application/json") || starts_with(content_type, "application/manifest+json") ||
         starts_with(content_type, "image/svg+xml");
}

// Accept-Encoding (RFC 9110 12.5.3): gzip (or *) listed without q=0.
bool accepts_gzip(const net::HttpHeaders& headers) {
  for (std::string_view value : headers.get_all("Accept-Encoding")) {
    for (std::string_view item : split(value, ',')) {
      const auto parts = split(item, ';');
      const std::string_view coding = trim(parts[0]);
      if (!iequals(coding, "gzip") && !iequals(coding, "x-gzip") && coding != "*") continue;
      bool refused = false;
      for (size_t i = 1; i < parts.size(); ++i) {
        const std::string_view p = trim(parts[i]);
        if (p.size() >= 2 && (p[0] == 'q' || p[0] == 'Q') && p[1] == '=') {
          const std::string_view q = trim(p.substr(2));
          refused = !q.empty() && q.find_first_not_of("0.") == std::string_view::npos;
        }
      }
      if (!refused) return true;
    }
  }
  return false;
}

// If-None-Match (RFC 9110 13.1.2): weak comparison, "*" matches any.
bool etag_matches(const net::HttpHeaders& headers, std::string_view etag) {
  auto opaque = [](std::string_view t) {
    t = trim(t);
    if (starts_with(t, "W/")) t.remove_prefix(2);
    return t;
  };
  for (std::string_view value : headers.get_all("If-None-Match")) {
    for (std::string_view item : split(value, ',')) {
      if (trim(item) == "*" || opaque(item) == opaque(etag)) return true;
    }
  }
  return false;
}

void add_security_headers(net::HttpResponse& r) {
  r.headers.set("Content-Security-Policy", kContentSecurityPolicy);
  r.headers.set("X-Content-Type-Options", "nosniff");
  r.headers.set("Referrer-Policy", "no-referrer");
  r.headers.set("X-Frame-Options", "DENY");
}

net::HttpResponse plain(int status, std::string text) {
  net::HttpResponse r = net::make_response(status, std::move(text), "text/plain; charset=utf-8");
  r.headers.set("Cache-Control", "no-cache");
  add_security_headers(r);
  return r;
}

// The request path as a list of plain segments, or the status to answer: 400 for anything that
// is not a plain relative path, 404 for hidden names.
struct ParsedPath {
  int status = 0;  // 0: ok
  std::vector<std::string> segments;
};

ParsedPath parse_path(std::string_view raw) {
  ParsedPath out;
  if (raw.empty() || raw[0] != '/') return {400, {}};
  const auto decoded = percent_decode(raw);
  if (!decoded) return {400, {}};
  if (decoded->find('\\') != std::string::npos || decoded->find('\0') != std::string::npos) return {400, {}};
  for (std::string_view seg : split(*decoded, '/')) {
    if (seg.empty()) continue;
    if (seg == "." || seg == "..") return {400, {}};
    if (seg[0] == '.') return {404, {}};
    out.segments.emplace_back(seg);
  }
  return out;
}

std::optional<std::string> read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream ss;
  ss << in.rdbuf();
  if (in.bad()) return std::nullopt;
  return std::move(ss).str();
}

}  // namespace

struct StaticFiles::Cache {
  std::mutex mutex;
  std::unordered_map<std::string, std::shared_ptr<const Entry>> entries;
  size_t bytes = 0;
};

StaticFiles::StaticFiles(std::string root) : cache_(std::make_unique<Cache>()) {
  if (root.empty()) return;
  std::error_code ec;
  const fs::path canonical = fs::canonical(root, ec);
  if (ec || !fs::is_directory(canonical, ec)) {
    spdlog::warn("web front-end: {} does not exist; the pages answer 404", root);
    return;
  }
  root_ = canonical.string();
}

StaticFiles::~StaticFiles() = default;

const std::string& StaticFiles::root() const { return root_; }

net::HttpResponse StaticFiles::serve(const net::HttpRequest& request) const {
  if (request.method != "GET" && request.method != "HEAD") {
    net::HttpResponse r = plain(405, "method not allowed\n");
    r.headers.set("Allow", "GET, HEAD");
    return r;
  }
  if (root_.empty()) return plain(404, "the web front-end is not built (npm run build in web/)\n");
  ParsedPath parsed = parse_path(request.path());
  if (parsed.status == 400) return plain(400, "bad path\n");
  if (parsed.status != 0) return plain(parsed.status, "not found\n");

  // A last segment with a dot names a file; anything else is a page of the front-end: of the
  // application whose directory the first segment names (/agent/..., /ops/...: the directory
  // holds its own index.html), else of the customer portal at the root.
  const bool is_file =
      !parsed.segments.empty() && parsed.segments.back().find('.') != std::string::npos;
  fs::path path(root_);
  std::error_code ec;
  if (is_file) {
    for (const auto& s : parsed.segments) path /= s;
  } else if (!parsed.segments.empty() && fs::is_regular_file(path / parsed.segments[0] / "index.html", ec)) {
    path = path / parsed.segments[0] / "index.html";
  } else {
    path /= "index.html";
  }
  const fs::path real = fs::canonical(path, ec);
  if (ec) return plain(404, "not found\n");
  const std::string real_str = real.string();
  if (!starts_with(real_str, root_ + "/")) return plain(404, "not found\n");  // a symlink out of the root
  const auto status = fs::status(real, ec);
  if (ec || !fs::is_regular_file(status)) return plain(404, "not found\n");
  const uintmax_t size = fs::file_size(real, ec);
  if (ec) return plain(404, "not found\n");
  const fs::file_time_type mtime = fs::last_write_time(real, ec);
  if (ec) return plain(404, "not found\n");

  const std::string type = content_type_for(real.filename().string());
  const bool immutable = is_file && parsed.segments.size() >= 2 && parsed.segments[0] == "assets";

  net::HttpResponse r;
  r.headers.set("Content-Type", type);
  r.headers.set("Cache-Control", immutable ? kImmutable : "no-cache");
  add_security_headers(r);

  if (size > kCacheFileLimit) {
    // Large files stream from disk; their ETag comes from size and time, not content.
    const auto ticks = static_cast<uint64_t>(mtime.time_since_epoch().count());
    std::ostringstream etag;
    etag << '"' << std::hex << size << '-' << ticks << '"';
    r.headers.set("ETag", etag.str());
    if (etag_matches(request.headers, etag.str())) {
      r.status = 304;
      return r;
    }
    r.file_path = real_str;
    return r;
  }

  std::shared_ptr<const Entry> entry;
  {
    std::lock_guard<std::mutex> lock(cache_->mutex);
    auto it = cache_->entries.find(real_str);
    if (it != cache_->entries.end() && it->second->size == size && it->second->mtime == mtime) entry = it->second;
  }
  if (!entry) {
    auto body = read_file(real);
    if (!body) return plain(404, "not found\n");
    auto fresh = std::make_shared<Entry>();
    fresh->size = size;
    fresh->mtime = mtime;
    fresh->etag = "\"" + crypto::sha256_hex(*body).substr(0, 32) + "\"";
    if (is_compressible(type) && body->size() >= kGzipMinimum) {
      std::string gz = net::gzip_encode(*body, 9);
      if (gz.size() < body->size()) fresh->gzipped = std::move(gz);
    }
    fresh->body = std::move(*body);
    entry = fresh;
    std::lock_guard<std::mutex> lock(cache_->mutex);
    const size_t bytes = entry->body.size() + entry->gzipped.size();
    if (cache_->bytes + bytes > kCacheLimit) {
      cache_->entries.clear();
      cache_->bytes = 0;
    }
    auto& slot = cache_->entries[real_str];
    if (slot) cache_->bytes -= slot->body.size() + slot->gzipped.size();
    slot = entry;
    cache_->bytes += bytes;
  }

  const bool gzip = !entry->gzipped.empty() && accepts_gzip(request.headers);
  if (is_compressible(type)) r.headers.set("Vary", "Accept-Encoding");
  // The gzipped form is another representation: it gets its own validator (RFC 9110 8.8.3).
  const std::string etag = gzip ? entry->etag.substr(0, entry->etag.size() - 1) + "-gz\"" : entry->etag;
  r.headers.set("ETag", etag);
  if (etag_matches(request.headers, etag)) {
    r.status = 304;
    return r;
  }
  if (gzip) {
    r.headers.set("Content-Encoding", "gzip");
    r.body = entry->gzipped;
  } else {
    r.body = entry->body;
  }
  return r;
}

bool is_api_path(std::string_view path) {
  return path == "/healthz" || path == "/metrics" || path == "/api" || starts_with(path, "/api/");
}

std::string find_web_root(const std::string& configured, const std::string& executable, const std::string& cwd) {
  if (!configured.empty()) return configured;
  std::error_code ec;
  auto usable = [&ec](const fs::path& dir) { return fs::is_regular_file(dir / "index.html", ec); };
  if (!executable.empty()) {
    const fs::path dir = fs::path(executable).parent_path() / ".." / ".." / ".." / "web" / "dist";
    if (usable(dir)) return fs::weakly_canonical(dir, ec).string();
  }
  if (!cwd.empty()) {
    const fs::path dir = fs::path(cwd) / "web" / "dist";
    if (usable(dir)) return fs::weakly_canonical(dir, ec).string();
  }
  return "";
}

std::string current_executable() {
  std::error_code ec;
  const fs::path p = fs::read_symlink("/proc/self/exe", ec);
  return ec ? std::string() : p.string();
}

std::string content_type_for(std::string_view name) {
  static constexpr std::pair<std::string_view, std::string_view> kTypes[] = {
      {".html", "text/html; charset=utf-8"},
      {".js", "application/javascript; charset=utf-8"},
      {".mjs", "application/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".json", "application/json"},
      {".map", "application/json"},
      {".webmanifest", "application/manifest+json"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".jpg", "image/jpeg"},
      {".jpeg", "image/jpeg"},
      {".gif", "image/gif"},
      {".webp", "image/webp"},
      {".ico", "image/x-icon"},
      {".woff2", "font/woff2"},
      {".woff", "font/woff"},
      {".txt", "text/plain; charset=utf-8"},
  };
  const std::string lower = to_lower(name);
  for (const auto& [ext, type] : kTypes) {
    if (ends_with(lower, ext)) return std::string(type);
  }
  return "application/octet-stream";
}

}  // namespace hearth::server
