// Small helpers of the world's plain data (world.h).
#include "sim/world.h"

namespace hearth::sim {

std::string Mac::str() const {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out(17, ':');
  for (size_t i = 0; i < 6; ++i) {
    out[i * 3] = kHex[b[i] >> 4];
    out[i * 3 + 1] = kHex[b[i] & 0xf];
  }
  return out;
}

Mac Mac::plus(uint8_t n) const {
  Mac m = *this;
  uint32_t low = (uint32_t{b[3]} << 16) | (uint32_t{b[4]} << 8) | b[5];
  low = (low + n) & 0xffffff;
  m.b[3] = static_cast<uint8_t>(low >> 16);
  m.b[4] = static_cast<uint8_t>(low >> 8);
  m.b[5] = static_cast<uint8_t>(low);
  return m;
}

}  // namespace hearth::sim
