#include "cwmp/xml_reader.h"

#include <charconv>
#include <cstring>
#include <limits>

#include "core/clock.h"
#include "core/strings.h"
#include "cwmp/soap_names.h"

namespace hearth::cwmp::detail {

std::string_view local_name(const char* qualified_name) {
  const char* colon = std::strchr(qualified_name, ':');
  return colon ? std::string_view(colon + 1) : std::string_view(qualified_name);
}

std::string_view prefix_of(const char* qualified_name) {
  const char* colon = std::strchr(qualified_name, ':');
  return colon ? std::string_view(qualified_name, static_cast<size_t>(colon - qualified_name))
               : std::string_view();
}

std::string_view namespace_uri(pugi::xml_node node, std::string_view prefix) {
  if (prefix == "xml") return "http://www.w3.org/XML/1998/namespace";
  for (; node && node.type() == pugi::node_element; node = node.parent()) {
    for (pugi::xml_attribute a = node.first_attribute(); a; a = a.next_attribute()) {
      std::string_view name = a.name();
      if (name.substr(0, 5) != "xmlns") continue;
      name.remove_prefix(5);
      if (prefix.empty() ? name.empty() : (name.size() == prefix.size() + 1 && name[0] == ':' &&
                                           name.substr(1) == prefix)) {
        return a.value();
      }
    }
  }
  return {};
}

namespace {

bool equals_c_str(const char* s, std::string_view v) {
  return std::strncmp(s, v.data(), v.size()) == 0 && s[v.size()] == '\0';
}

}  // namespace

bool has_local_name(const char* qualified_name, std::string_view local) {
  // Arguments are unqualified as a rule (tr069.md 2.2): try the whole name first.
  if (equals_c_str(qualified_name, local)) return true;
  const char* colon = std::strchr(qualified_name, ':');
  return colon != nullptr && equals_c_str(colon + 1, local);
}

pugi::xml_node child(pugi::xml_node parent, std::string_view local) {
  for (pugi::xml_node n = parent.first_child(); n; n = n.next_sibling()) {
    if (n.type() == pugi::node_element && has_local_name(n.name(), local)) return n;
  }
  return {};
}

pugi::xml_node first_element(pugi::xml_node parent) {
  for (pugi::xml_node n = parent.first_child(); n; n = n.next_sibling()) {
    if (n.type() == pugi::node_element) return n;
  }
  return {};
}

namespace {
bool is_text(pugi::xml_node n) { return n.type() == pugi::node_pcdata || n.type() == pugi::node_cdata; }
}  // namespace

std::string text_of(pugi::xml_node node) {
  pugi::xml_node first = node.first_child();
  if (!first) return {};
  // The common case, one text child, costs one copy.
  if (!first.next_sibling()) return is_text(first) ? std::string(first.value()) : std::string();
  std::string out;
  for (pugi::xml_node n = first; n; n = n.next_sibling()) {
    if (is_text(n)) out += n.value();
  }
  return out;
}

std::string trimmed_text_of(pugi::xml_node node) {
  std::string s = text_of(node);
  const std::string_view t = trim(s);
  if (t.size() == s.size()) return s;
  return std::string(t);
}

namespace {

template <typename T>
std::optional<T> parse_digits(std::string_view s) {
  s = trim(s);
  if (!s.empty() && s[0] == '+') s.remove_prefix(1);
  if (s.empty() || s[0] == '-') return std::nullopt;
  T v = 0;
  const auto r = std::from_chars(s.data(), s.data() + s.size(), v);
  if (r.ec != std::errc() || r.ptr != s.data() + s.size()) return std::nullopt;
  return v;
}

}  // namespace

std::optional<uint32_t> parse_u32(std::string_view s) { return parse_digits<uint32_t>(s); }
std::optional<uint64_t> parse_u64(std::string_view s) { return parse_digits<uint64_t>(s); }

std::optional<int32_t> parse_i32(std::string_view s) {
  s = trim(s);
  const bool plus = !s.empty() && s[0] == '+';
  if (plus) s.remove_prefix(1);
  if (s.empty() || (plus && s[0] == '-')) return std::nullopt;
  int32_t v = 0;
  const auto r = std::from_chars(s.data(), s.data() + s.size(), v);
  if (r.ec != std::errc() || r.ptr != s.data() + s.size()) return std::nullopt;
  return v;
}

std::optional<bool> parse_bool(std::string_view s) {
  s = trim(s);
  if (s == "1" || iequals(s, "true")) return true;
  if (s == "0" || iequals(s, "false")) return false;
  return std::nullopt;
}

std::string child_text(pugi::xml_node parent, std::string_view local) { return text_of(child(parent, local)); }

std::string child_trimmed(pugi::xml_node parent, std::string_view local) {
  return trimmed_text_of(child(parent, local));
}

uint32_t child_u32(pugi::xml_node parent, std::string_view local, uint32_t fallback) {
  return parse_u32(child_text(parent, local)).value_or(fallback);
}

uint64_t child_u64(pugi::xml_node parent, std::string_view local, uint64_t fallback) {
  return parse_u64(child_text(parent, local)).value_or(fallback);
}

int child_int(pugi::xml_node parent, std::string_view local, int fallback) {
  return parse_i32(child_text(parent, local)).value_or(fallback);
}

bool child_bool(pugi::xml_node parent, std::string_view local, bool fallback) {
  return parse_bool(child_text(parent, local)).value_or(fallback);
}

std::string child_time(pugi::xml_node parent, std::string_view local) {
  std::string t = child_trimmed(parent, local);
  int64_t ms = 0;
  if (!parse_iso8601_ms(t, &ms)) return std::string(kUnknownTime);
  return t;
}

Error parse_error(std::string message) { return make_error(ErrorCode::kInvalidArgument, std::move(message)); }

Result<size_t> count_items(pugi::xml_node array, std::string_view what, const ParseOptions& options) {
  size_t n = 0;
  for (pugi::xml_node c = array.first_child(); c; c = c.next_sibling()) {
    if (c.type() != pugi::node_element) continue;
    if (++n > options.max_items) {
      return parse_error("too many items in " + std::string(what) + " (limit " +
                         std::to_string(options.max_items) + ")");
    }
  }
  return n;
}

}  // namespace hearth::cwmp::detail
