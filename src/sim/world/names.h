// Built-in word lists for generated subscribers and homes (a Nordic, German and English mix):
// first names, surnames, streets, towns with postal code ranges, device hostnames and
// neighbouring network names. Fictional towns; no real person or address is meant.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace hearth::sim::names {

struct Town {
  const char* name;
  uint32_t postal_base;  // five-digit codes from here up
};

std::span<const char* const> first_names();
std::span<const char* const> surnames();
std::span<const char* const> streets();
std::span<const Town> towns();
// Neighbouring network name patterns: '#' is replaced by a hex digit, '9' by a decimal digit.
std::span<const char* const> neighbour_ssid_patterns();
// Hostname patterns per station kind (index = StationKind): "{}" is the owner's first name,
// '#' a random letter or digit.
std::span<const char* const> hostname_patterns(int kind);

// UTF-8 to plain ASCII for e-mail addresses and hostnames: "Björn" -> "Bjorn", "Müller" ->
// "Mueller", "Strauß" -> "Strauss"; other non-ASCII bytes are dropped.
std::string ascii_fold(std::string_view utf8);
std::string to_lower_ascii(std::string_view s);

}  // namespace hearth::sim::names
