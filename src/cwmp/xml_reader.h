// Reading helpers over a parsed pugixml tree, shared by the RPC parsers. Internal to the codec.
// pugixml knows nothing of namespaces: names are split into prefix and local name here and
// prefixes resolved against the xmlns declarations in scope (tr069.md 2.2). RPC arguments are
// matched by local name only, so qualified and unqualified arguments both work.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <pugixml.hpp>

#include "core/result.h"
#include "cwmp/codec.h"

namespace hearth::cwmp::detail {

std::string_view local_name(const char* qualified_name);
std::string_view prefix_of(const char* qualified_name);
// local_name(qualified_name) == local, without measuring the name first.
bool has_local_name(const char* qualified_name, std::string_view local);

// The namespace URI bound to `prefix` ("" = the default namespace) where `node` stands;
// empty when nothing binds it.
std::string_view namespace_uri(pugi::xml_node node, std::string_view prefix);
inline std::string_view element_ns(pugi::xml_node node) { return namespace_uri(node, prefix_of(node.name())); }

// First element child with this local name, whatever its prefix; null node when none.
pugi::xml_node child(pugi::xml_node parent, std::string_view local);
// First element child; null node when none.
pugi::xml_node first_element(pugi::xml_node parent);

// All character data directly inside `node` (text and CDATA), entities decoded; "" for null.
std::string text_of(pugi::xml_node node);
// Same, without surrounding whitespace: for names, keys, numbers and times.
std::string trimmed_text_of(pugi::xml_node node);

std::optional<uint32_t> parse_u32(std::string_view s);
std::optional<uint64_t> parse_u64(std::string_view s);
std::optional<int32_t> parse_i32(std::string_view s);
// true/false/1/0 in any case (tr069.md 2.4).
std::optional<bool> parse_bool(std::string_view s);

// Lenient readers of a child element's text: missing or garbled gives `fallback` (quirk 14).
std::string child_text(pugi::xml_node parent, std::string_view local);
std::string child_trimmed(pugi::xml_node parent, std::string_view local);
uint32_t child_u32(pugi::xml_node parent, std::string_view local, uint32_t fallback);
uint64_t child_u64(pugi::xml_node parent, std::string_view local, uint64_t fallback);
int child_int(pugi::xml_node parent, std::string_view local, int fallback);
bool child_bool(pugi::xml_node parent, std::string_view local, bool fallback);
// A dateTime as sent when it parses, else the unknown time.
std::string child_time(pugi::xml_node parent, std::string_view local);

Error parse_error(std::string message);

// Number of element children of a SOAP array, checked against ParseOptions::max_items. The
// arrayType count is never read (quirk 15). A missing array has no items.
Result<size_t> count_items(pugi::xml_node array, std::string_view what, const ParseOptions& options);

// Calls f(item) for each element child of `array`.
template <typename F>
void for_each_item(pugi::xml_node array, F&& f) {
  for (pugi::xml_node n = array.first_child(); n; n = n.next_sibling()) {
    if (n.type() == pugi::node_element) f(n);
  }
}

}  // namespace hearth::cwmp::detail
