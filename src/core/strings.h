// Small string helpers used across modules.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hearth {

std::string_view trim(std::string_view s);
std::vector<std::string_view> split(std::string_view s, char sep);
bool iequals(std::string_view a, std::string_view b);
std::string to_lower(std::string_view s);
bool starts_with(std::string_view s, std::string_view prefix);
bool ends_with(std::string_view s, std::string_view suffix);

std::optional<int64_t> parse_int64(std::string_view s);
std::optional<uint64_t> parse_uint64(std::string_view s);
// Lower-case hexadecimal digits only (as we write them), at most 16; "" is 0.
std::optional<uint64_t> parse_hex_u64(std::string_view s);

// Escapes a string for inclusion in a JSON string literal (without the quotes).
std::string json_escape(std::string_view s);

// Decodes %XX escapes ('+' is kept as is). Returns nullopt on a malformed escape.
std::optional<std::string> percent_decode(std::string_view s);

}  // namespace hearth
