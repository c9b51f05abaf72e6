// Value types and their text forms (tr069.md 2.4; tolerance per quirk 13).
#include "cwmp/value.h"

#include <charconv>
#include <cstdint>
#include <limits>

#include "core/clock.h"
#include "core/strings.h"

namespace hearth::cwmp {
namespace {

struct TypeNames {
  ValueType type;
  const char* xsi;
  const char* short_name;
};

constexpr TypeNames kTypes[] = {
    {ValueType::kString, "xsd:string", "string"},
    {ValueType::kInt, "xsd:int", "int"},
    {ValueType::kUnsignedInt, "xsd:unsignedInt", "unsignedInt"},
    {ValueType::kLong, "xsd:long", "long"},
    {ValueType::kUnsignedLong, "xsd:unsignedLong", "unsignedLong"},
    {ValueType::kBoolean, "xsd:boolean", "boolean"},
    {ValueType::kDateTime, "xsd:dateTime", "dateTime"},
    {ValueType::kBase64, "xsd:base64", "base64"},
    {ValueType::kHexBinary, "xsd:hexBinary", "hexBinary"},
};

// Parses an optionally signed decimal integer with surrounding spaces and an optional '+'.
bool parse_signed(std::string_view s, int64_t min, int64_t max, int64_t* out) {
  s = trim(s);
  if (!s.empty() && s[0] == '+') {
    s.remove_prefix(1);
    if (!s.empty() && s[0] == '-') return false;
  }
  if (s.empty()) return false;
  int64_t v = 0;
  const auto r = std::from_chars(s.data(), s.data() + s.size(), v);
  if (r.ec != std::errc() || r.ptr != s.data() + s.size() || v < min || v > max) return false;
  *out = v;
  return true;
}

bool parse_unsigned(std::string_view s, uint64_t max, uint64_t* out) {
  s = trim(s);
  if (!s.empty() && s[0] == '+') s.remove_prefix(1);
  if (s.empty() || s[0] == '-') return false;
  uint64_t v = 0;
  const auto r = std::from_chars(s.data(), s.data() + s.size(), v);
  if (r.ec != std::errc() || r.ptr != s.data() + s.size() || v > max) return false;
  *out = v;
  return true;
}

bool is_base64_char(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' ||
         c == '/';
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// XSD base64Binary allows whitespace between groups; padding only at the end, at most two '='.
bool valid_base64(std::string_view s) {
  size_t significant = 0;
  size_t padding = 0;
  for (char c : s) {
    if (is_space(c)) continue;
    if (c == '=') {
      ++padding;
    } else if (padding > 0 || !is_base64_char(c)) {
      return false;
    }
    ++significant;
  }
  return padding <= 2 && significant % 4 == 0;
}

bool valid_hex(std::string_view s) {
  if (s.size() % 2 != 0) return false;
  for (char c : s) {
    const bool hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    if (!hex) return false;
  }
  return true;
}

}  // namespace

const char* value_type_xsi_name(ValueType t) {
  for (const auto& n : kTypes) {
    if (n.type == t) return n.xsi;
  }
  return "xsd:string";
}

const char* value_type_name(ValueType t) {
  for (const auto& n : kTypes) {
    if (n.type == t) return n.short_name;
  }
  return "string";
}

std::optional<ValueType> parse_value_type(std::string_view name) {
  name = trim(name);
  const size_t colon = name.rfind(':');
  if (colon != std::string_view::npos) name.remove_prefix(colon + 1);
  for (const auto& n : kTypes) {
    if (name == n.short_name) return n.type;  // the usual spelling, checked first
  }
  for (const auto& n : kTypes) {
    if (iequals(name, n.short_name)) return n.type;
  }
  if (iequals(name, "base64Binary")) return ValueType::kBase64;
  return std::nullopt;
}

bool normalise_value(ValueType type, std::string_view text, std::string* out) {
  const std::string_view t = trim(text);
  bool ok = false;
  switch (type) {
    case ValueType::kString:
      out->assign(text);
      return true;
    case ValueType::kBoolean:
      if (iequals(t, "true") || t == "1") {
        out->assign("true");
        return true;
      }
      if (iequals(t, "false") || t == "0") {
        out->assign("false");
        return true;
      }
      break;
    case ValueType::kInt:
    case ValueType::kLong: {
      const bool is32 = type == ValueType::kInt;
      int64_t v = 0;
      if (parse_signed(t, is32 ? std::numeric_limits<int32_t>::min() : std::numeric_limits<int64_t>::min(),
                       is32 ? std::numeric_limits<int32_t>::max() : std::numeric_limits<int64_t>::max(),
                       &v)) {
        out->assign(std::to_string(v));
        return true;
      }
      break;
    }
    case ValueType::kUnsignedInt:
    case ValueType::kUnsignedLong: {
      uint64_t v = 0;
      const uint64_t max = type == ValueType::kUnsignedInt ? std::numeric_limits<uint32_t>::max()
                                                           : std::numeric_limits<uint64_t>::max();
      if (parse_unsigned(t, max, &v)) {
        out->assign(std::to_string(v));
        return true;
      }
      break;
    }
    case ValueType::kDateTime: {
      int64_t ms = 0;
      ok = parse_iso8601_ms(std::string(t), &ms);
      break;
    }
    case ValueType::kBase64:
      ok = valid_base64(t);
      break;
    case ValueType::kHexBinary:
      ok = valid_hex(t);
      break;
  }
  out->assign(ok ? t : text);
  return ok;
}

}  // namespace hearth::cwmp
