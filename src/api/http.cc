#include "api/http.h"

#include <algorithm>

#include "core/strings.h"

namespace hearth::api {

void HeaderMap::add(std::string name, std::string value) { entries_.emplace_back(std::move(name), std::move(value)); }

void HeaderMap::set(std::string name, std::string value) {
  entries_.erase(std::remove_if(entries_.begin(), entries_.end(),
                                [&](const auto& e) { return iequals(e.first, name); }),
                 entries_.end());
  add(std::move(name), std::move(value));
}

std::optional<std::string_view> HeaderMap::get(std::string_view name) const {
  for (const auto& [n, v] : entries_) {
    if (iequals(n, name)) return std::string_view(v);
  }
  return std::nullopt;
}

Result<QueryMap> parse_query(std::string_view query) {
  QueryMap out;
  if (query.empty()) return out;
  for (std::string_view pair : split(query, '&')) {
    if (pair.empty()) continue;
    const size_t eq = pair.find('=');
    std::string name(pair.substr(0, eq));
    std::string value(eq == std::string_view::npos ? std::string_view() : pair.substr(eq + 1));
    std::replace(name.begin(), name.end(), '+', ' ');
    std::replace(value.begin(), value.end(), '+', ' ');
    std::optional<std::string> n = percent_decode(name);
    std::optional<std::string> v = percent_decode(value);
    if (!n || !v) return make_error(ErrorCode::kInvalidArgument, "malformed %-escape in the query string");
    out.emplace(std::move(*n), std::move(*v));
  }
  return out;
}

Status parse_target(std::string_view target, ApiRequest* request) {
  const size_t q = target.find('?');
  request->path = std::string(target.substr(0, q));
  if (q == std::string_view::npos) {
    request->query.clear();
    return ok_status();
  }
  Result<QueryMap> query = parse_query(target.substr(q + 1));
  if (!query) return query.error();
  request->query = std::move(*query);
  return ok_status();
}

}  // namespace hearth::api
