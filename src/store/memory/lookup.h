// Small map and text helpers shared by MemoryStore's read files.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/strings.h"

namespace hearth::store::memory {

template <typename Map>
auto find_copy(const Map& map, const typename Map::key_type& key)
    -> std::optional<typename Map::mapped_type> {
  auto it = map.find(key);
  if (it == map.end()) return std::nullopt;
  return it->second;
}

template <typename Map>
auto values_of(const Map& map) -> std::vector<typename Map::mapped_type> {
  std::vector<typename Map::mapped_type> out;
  out.reserve(map.size());
  for (const auto& [key, value] : map) out.push_back(value);
  return out;
}

inline bool contains_folded(const std::string& haystack, const std::string& folded_needle) {
  return to_lower(haystack).find(folded_needle) != std::string::npos;
}

}  // namespace hearth::store::memory
