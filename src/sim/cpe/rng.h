// The per-device random source of the CPE side: SplitMix64, eight bytes of state, the same
// sequence on every platform (no std:: distributions). Seeded once per device.
#pragma once

#include <cstdint>

namespace hearth::sim::cpe {

class CpeRng {
 public:
  explicit CpeRng(uint64_t seed) : state_(seed) {}

  uint64_t next() {
    uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  // [0, 1)
  double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
  // [lo, hi], lo <= hi
  int64_t range(int64_t lo, int64_t hi) {
    if (hi <= lo) return lo;
    const uint64_t span = static_cast<uint64_t>(hi - lo) + 1;
    return lo + static_cast<int64_t>(span == 0 ? next() : next() % span);
  }

 private:
  uint64_t state_;
};

}  // namespace hearth::sim::cpe
