// The session retry back-off of tr069.md 1.9 (TR-069 3.2.1.1): after the n-th consecutive failed
// attempt the CPE waits a uniformly random time in [m*(k/1000)^(n-1), m*(k/1000)^n] seconds,
// n capped at 10, with m = CWMPRetryMinimumWaitInterval (default 5 s) and k =
// CWMPRetryIntervalMultiplier (default 2000). Pure.
#pragma once

#include <cstdint>

namespace hearth::sim::cpe {

struct RetryPolicy {
  uint32_t min_wait_s = 5;     // m, 1..65535
  uint32_t multiplier = 2000;  // k, in thousandths, 1000..65535
};

struct WaitRange {
  int64_t min_ms = 0;
  int64_t max_ms = 0;
};

// The window for the retry with RetryCount `n` (the n-th consecutive failure; n >= 1). Values out
// of their ranges are clamped; the window never exceeds 30 days.
WaitRange retry_wait_range(uint32_t n, const RetryPolicy& policy);

// A wait inside that window; `u` in [0, 1) picks the point.
int64_t retry_wait_ms(uint32_t n, const RetryPolicy& policy, double u);

}  // namespace hearth::sim::cpe
