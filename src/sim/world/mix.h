// Stateless hashing for the simulator: deterministic values from a seed and a few keys, used where
// a value must depend only on (home, station, time slot) and not on the order of calls.
#pragma once

#include <cstdint>

#include "sim/world.h"

namespace hearth::sim {

inline uint64_t mix64(uint64_t x) {
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ULL;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebULL;
  x ^= x >> 31;
  return x;
}

inline uint64_t mix64(uint64_t a, uint64_t b) { return mix64(a ^ mix64(b + 0x9e3779b97f4a7c15ULL)); }

inline uint64_t mac_key(const Mac& mac) {
  uint64_t k = 0;
  for (uint8_t byte : mac.b) k = (k << 8) | byte;
  return k;
}

// [0, 1) from a hash.
inline double unit_from(uint64_t h) { return static_cast<double>(h >> 11) * 0x1.0p-53; }

}  // namespace hearth::sim
