// Value validation for SetParameterValues (fault 9007, tr069.md 4.3): the leaf's base type first
// (cwmp::normalise_value: booleans true/false/1/0, 32/64-bit integers, dateTime), then its rule.
#include "sim/model/rules.h"

#include "core/strings.h"

namespace hearth::sim::model {

bool list_contains(std::string_view list, std::string_view item) {
  size_t start = 0;
  while (start <= list.size()) {
    size_t end = list.find(',', start);
    if (end == std::string_view::npos) end = list.size();
    if (list.substr(start, end - start) == item) return true;
    start = end + 1;
  }
  return false;
}

bool validate(const LeafMeta& meta, std::string_view text, std::string* normalised) {
  if (!cwmp::normalise_value(meta.type, text, normalised)) return false;
  const std::string& v = *normalised;
  const Rule& r = meta.rule;
  switch (r.check) {
    case Check::kType:
      return true;
    case Check::kRange: {
      auto n = parse_int64(v);
      return n && *n >= r.lo && *n <= r.hi;
    }
    case Check::kLength:
      return static_cast<int64_t>(v.size()) >= r.lo && static_cast<int64_t>(v.size()) <= r.hi;
    case Check::kOneOf:
      return r.options != nullptr && list_contains(r.options, v);
    case Check::kUintOneOf: {
      auto n = parse_uint64(v);
      return n && r.options != nullptr && list_contains(r.options, std::to_string(*n));
    }
    case Check::kListOf: {
      if (v.empty()) return r.lo == 0;
      int64_t items = 0;
      for (std::string_view item : split(v, ',')) {
        if (r.options == nullptr || !list_contains(r.options, item)) return false;
        ++items;
      }
      return items >= r.lo;
    }
  }
  return false;
}

}  // namespace hearth::sim::model
