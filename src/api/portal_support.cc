#include "api/portal_support.h"

#include "core/strings.h"

namespace hearth::api {

namespace {

const char* known_lang(std::string_view tag) {
  // The primary subtag only: "de-CH" -> "de".
  const std::string primary = to_lower(std::string(tag.substr(0, tag.find('-'))));
  for (const char* l : {"en", "de", "sv"}) {
    if (primary == l) return l;
  }
  return nullptr;
}

}  // namespace

std::string request_lang(const Call& call) {
  if (auto q = call.query("lang")) {
    if (const char* l = known_lang(*q)) return l;
  }
  if (auto header = call.request().headers.get("Accept-Language")) {
    for (std::string_view part : split(*header, ',')) {
      part = trim(part.substr(0, part.find(';')));
      if (const char* l = known_lang(part)) return l;
    }
  }
  return "en";
}

Result<store::HomeRecord> customer_home(const ApiDeps& deps, const Call& call) {
  store::HomeQuery q;
  q.account = call.principal().account;
  q.limit = 1;
  Result<store::HomePage> page = deps.store.list_homes(q);
  if (!page) return page.error();
  if (page->homes.empty()) return make_error(ErrorCode::kNotFound, "no home is registered for this account");
  return page->homes.front();
}

}  // namespace hearth::api
