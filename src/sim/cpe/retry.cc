// tr069.md 1.9: the table of wait intervals (5-10, 10-20, ... 2560-5120 s with the defaults).
#include "sim/cpe/retry.h"

#include <algorithm>
#include <cmath>

namespace hearth::sim::cpe {
namespace {

constexpr double kMaxWaitMs = 30.0 * 24 * 3600 * 1000;

}  // namespace

WaitRange retry_wait_range(uint32_t n, const RetryPolicy& policy) {
  const double m = std::clamp<uint32_t>(policy.min_wait_s, 1, 65535);
  const double k = std::clamp<uint32_t>(policy.multiplier, 1000, 65535) / 1000.0;
  const double e = std::clamp<uint32_t>(n, 1, 10);
  const double lo = std::min(m * std::pow(k, e - 1) * 1000.0, kMaxWaitMs);
  const double hi = std::min(m * std::pow(k, e) * 1000.0, kMaxWaitMs);
  return WaitRange{static_cast<int64_t>(std::llround(lo)), static_cast<int64_t>(std::llround(hi))};
}

int64_t retry_wait_ms(uint32_t n, const RetryPolicy& policy, double u) {
  const WaitRange r = retry_wait_range(n, policy);
  const double span = static_cast<double>(r.max_ms - r.min_ms);
  return r.min_ms + static_cast<int64_t>(std::clamp(u, 0.0, 1.0) * span);
}

}  // namespace hearth::sim::cpe
