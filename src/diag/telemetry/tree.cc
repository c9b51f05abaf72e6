// The indexed values of one telemetry answer (tree.h).
#include "diag/telemetry/tree.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <limits>

#include "core/clock.h"
#include "core/strings.h"

namespace hearth::diag::telemetry {
namespace {

bool name_less(const cwmp::ParameterValue* a, const cwmp::ParameterValue* b) { return a->name < b->name; }

}  // namespace

Tree::Tree(const std::vector<cwmp::ParameterValue>& values) {
  sorted_.reserve(values.size());
  for (const auto& v : values) sorted_.push_back(&v);
  std::sort(sorted_.begin(), sorted_.end(), name_less);
}

const cwmp::ParameterValue* Tree::find(std::string_view name) const {
  auto it = std::lower_bound(sorted_.begin(), sorted_.end(), name,
                             [](const cwmp::ParameterValue* p, std::string_view n) { return p->name < n; });
  return it != sorted_.end() && (*it)->name == name ? *it : nullptr;
}

std::pair<size_t, size_t> Tree::range(std::string_view prefix) const {
  auto lo = std::lower_bound(sorted_.begin(), sorted_.end(), prefix,
                             [](const cwmp::ParameterValue* p, std::string_view n) { return p->name < n; });
  auto hi = lo;
  while (hi != sorted_.end() && starts_with((*hi)->name, prefix)) ++hi;
  return {static_cast<size_t>(lo - sorted_.begin()), static_cast<size_t>(hi - sorted_.begin())};
}

bool Tree::has_under(std::string_view prefix) const {
  auto [lo, hi] = range(prefix);
  return lo < hi;
}

std::string_view Tree::str(std::string_view name) const {
  const cwmp::ParameterValue* p = find(name);
  return p != nullptr ? trim(p->value) : std::string_view();
}

std::optional<int64_t> Tree::integer(std::string_view name) const { return parse_int64(str(name)); }

std::optional<uint64_t> Tree::unsigned_int(std::string_view name) const { return parse_uint64(str(name)); }

double Tree::number(std::string_view name) const {
  const std::string_view s = str(name);
  if (s.empty()) return std::numeric_limits<double>::quiet_NaN();
  double fast = 0;  // plain decimal numbers, without a copy; anything else as strtod reads it
  if (auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), fast);
      ec == std::errc() && ptr == s.data() + s.size()) {
    return std::isfinite(fast) ? fast : std::numeric_limits<double>::quiet_NaN();
  }
  const std::string text(s);
  char* end = nullptr;
  const double v = std::strtod(text.c_str(), &end);
  if (end != text.c_str() + text.size() || !std::isfinite(v)) return std::numeric_limits<double>::quiet_NaN();
  return v;
}

std::optional<bool> Tree::boolean(std::string_view name) const {
  const std::string_view s = str(name);
  if (s == "1" || iequals(s, "true")) return true;
  if (s == "0" || iequals(s, "false")) return false;
  return std::nullopt;
}

std::optional<int64_t> Tree::time_ms(std::string_view name) const {
  int64_t ms = 0;
  const std::string_view s = str(name);
  if (s.empty() || !parse_iso8601_ms(std::string(s), &ms) || ms <= 0) return std::nullopt;
  return ms;
}

std::vector<uint32_t> Tree::instances(std::string_view table) const {
  std::vector<uint32_t> out;
  auto [lo, hi] = range(table);
  for (size_t i = lo; i < hi; ++i) {
    const std::string& name = sorted_[i]->name;
    const size_t dot = name.find('.', table.size());
    if (dot == std::string::npos) continue;
    if (auto n = parse_uint64(std::string_view(name).substr(table.size(), dot - table.size()))) {
      if (*n > 0 && *n <= UINT32_MAX) out.push_back(static_cast<uint32_t>(*n));
    }
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

std::span<const cwmp::ParameterValue* const> Tree::under(std::string_view prefix) const {
  auto [lo, hi] = range(prefix);
  return std::span<const cwmp::ParameterValue* const>(sorted_.data() + lo, hi - lo);
}

std::string object_path(std::string_view reference) {
  std::string out(trim(reference));
  if (!out.empty() && out.back() != '.') out.push_back('.');
  return out;
}

std::string_view vendor_suffix(std::string_view leaf) {
  if (!starts_with(leaf, "X_")) return {};
  const size_t last = leaf.rfind('_');
  return last <= 1 ? std::string_view() : leaf.substr(last + 1);
}

const cwmp::ParameterValue* vendor_value(const Tree& tree, std::string_view object, std::string_view suffix) {
  std::string prefix;
  prefix.reserve(object.size() + 2);
  prefix.append(object).append("X_");
  for (const cwmp::ParameterValue* p : tree.under(prefix)) {
    const std::string_view leaf = std::string_view(p->name).substr(object.size());
    if (leaf.find('.') == std::string_view::npos && vendor_suffix(leaf) == suffix) return p;
  }
  return nullptr;
}

double vendor_number(const Tree& tree, std::string_view object, std::string_view suffix) {
  const cwmp::ParameterValue* p = vendor_value(tree, object, suffix);
  return p != nullptr ? tree.number(p->name) : std::numeric_limits<double>::quiet_NaN();
}

int counter_bits(const cwmp::ParameterValue& value, int fallback) {
  switch (value.type) {
    case cwmp::ValueType::kUnsignedInt:
    case cwmp::ValueType::kInt: return 32;
    case cwmp::ValueType::kUnsignedLong:
    case cwmp::ValueType::kLong: return 64;
    default: return fallback;
  }
}

std::string mac_key(std::string_view mac) { return to_lower(trim(mac)); }

std::optional<uint32_t> parse_ipv4(std::string_view text) {
  const std::vector<std::string_view> parts = split(trim(text), '.');
  if (parts.size() != 4) return std::nullopt;
  uint32_t out = 0;
  for (std::string_view part : parts) {
    const auto v = parse_uint64(part);
    if (part.empty() || part.size() > 3 || !v || *v > 255) return std::nullopt;
    out = out << 8 | static_cast<uint32_t>(*v);
  }
  return out;
}

}  // namespace hearth::diag::telemetry
