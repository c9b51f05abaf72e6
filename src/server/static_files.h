// The built web front-end (web/dist), served from hearthd's HTTP listener next to the API.
//
// Only GET and HEAD. "/" and every path without a dot in its last segment answer index.html (the
// portal routes on the URL hash, and later front-ends under /agent/ and /ops/ do likewise); a
// path with a dot is a file that must exist (404 otherwise). A path that is not a plain relative
// one (".." or "." segments, also percent-encoded, backslashes, NUL, hidden names) answers 400,
// and a symlink that leads out of the root 404. Files under /assets/ carry a content hash in
// their names and are cached for a year; everything else must be revalidated (ETag,
// If-None-Match -> 304). Text files go gzipped to clients that accept it. Every answer carries
// the Content-Security-Policy and the other security headers below.
//
// Thread safety: serve() may be called from any number of threads at once. Files are read once
// and kept in memory (with their gzipped form) until their size or modification time changes,
// so a rebuilt front-end is served without a restart.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "net/http_types.h"

namespace hearth::server {

inline constexpr const char* kContentSecurityPolicy =
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'";

class StaticFiles {
 public:
  // `root`: the directory holding index.html. Empty or missing: every request answers 404.
  explicit StaticFiles(std::string root);
  ~StaticFiles();
  StaticFiles(const StaticFiles&) = delete;
  StaticFiles& operator=(const StaticFiles&) = delete;

  // The canonical root, or "" when there is none.
  const std::string& root() const;

  net::HttpResponse serve(const net::HttpRequest& request) const;

 private:
  struct Cache;
  std::string root_;
  std::unique_ptr<Cache> cache_;
};

// Whether a request path on the HTTP listener belongs to the API (and /healthz, /metrics) rather
// than to the front-end.
bool is_api_path(std::string_view path);

// Where the front-end is: `configured` when not empty (even if missing, so that a typo shows as
// 404s rather than another tree being served); else web/dist of the source tree found from the
// executable (build/src/cli/hearthd -> ../../../web/dist); else ./web/dist under `cwd`. Returns ""
// when nothing was configured and neither directory holds an index.html.
std::string find_web_root(const std::string& configured, const std::string& executable, const std::string& cwd);

// The running executable's path (/proc/self/exe), or "" when unknown.
std::string current_executable();

// The Content-Type for a file name, by its extension ("application/octet-stream" when unknown).
std::string content_type_for(std::string_view name);

}  // namespace hearth::server
