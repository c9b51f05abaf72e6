#include "api/router.h"

#include <cassert>

#include "core/strings.h"

namespace hearth::api {

namespace {

bool is_param(std::string_view segment) {
  return segment.size() >= 2 && segment.front() == '{' && segment.back() == '}';
}

}  // namespace

void Router::add(std::string method, std::string pattern, Handler handler, Access access) {
  assert(!pattern.empty() && pattern.front() == '/');
  Route r;
  r.method = std::move(method);
  r.pattern = std::move(pattern);
  r.access = access;
  r.handler = std::move(handler);
  for (std::string_view s : split(r.pattern, '/')) r.segments.emplace_back(s);
  routes_.push_back(std::move(r));
}

Result<Router::Match> Router::match(std::string_view method, std::string_view path) const {
  const std::vector<std::string_view> segments = split(path, '/');
  Match result;
  for (const Route& route : routes_) {
    if (route.segments.size() != segments.size()) continue;
    bool same = true;
    for (size_t i = 0; i < segments.size() && same; ++i) {
      const std::string& want = route.segments[i];
      // A parameter never matches an empty segment ("/devices//tags/x").
      same = is_param(want) ? !segments[i].empty() : segments[i] == want;
    }
    if (!same) continue;
    if (route.method != method) {
      result.allowed.push_back(route.method);
      continue;
    }
    PathParams params;
    for (size_t i = 0; i < segments.size(); ++i) {
      const std::string& want = route.segments[i];
      if (!is_param(want)) continue;
      std::optional<std::string> decoded = percent_decode(segments[i]);
      if (!decoded) {
        return make_error(ErrorCode::kInvalidArgument,
                          want.substr(1, want.size() - 2) + ": malformed %-escape in the path");
      }
      params.emplace(want.substr(1, want.size() - 2), std::move(*decoded));
    }
    result.route = &route;
    result.params = std::move(params);
    result.allowed.clear();
    return result;
  }
  return result;
}

}  // namespace hearth::api
