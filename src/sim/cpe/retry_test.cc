#include "sim/cpe/retry.h"

#include <gtest/gtest.h>

namespace hearth::sim::cpe {
namespace {

struct RetryCase {
  uint32_t n;
  RetryPolicy policy;
  int64_t min_ms;
  int64_t max_ms;
};

// tr069.md 1.9: the defaults give 5-10, 10-20, ... 2560-5120 s, capped from the 10th retry on;
// m=10, k=2500 reaches 38146-95367 s at n >= 10 (catawampus's numbers).
TEST(RetryWaitTest, FollowsTheTableOfSection1_9) {
  const RetryCase cases[] = {
      {1, {}, 5000, 10000},
      {2, {}, 10000, 20000},
      {3, {}, 20000, 40000},
      {4, {}, 40000, 80000},
      {5, {}, 80000, 160000},
      {6, {}, 160000, 320000},
      {7, {}, 320000, 640000},
      {8, {}, 640000, 1280000},
      {9, {}, 1280000, 2560000},
      {10, {}, 2560000, 5120000},
      {11, {}, 2560000, 5120000},
      {50, {}, 2560000, 5120000},
      {1, {10, 2500}, 10000, 25000},
      {10, {10, 2500}, 38146973, 95367432},  // 10 x 2.5^9 and 10 x 2.5^10 seconds
      {1, {1, 1000}, 1000, 1000},
      {3, {0, 0}, 1000, 1000},  // clamped to m=1, k=1000
  };
  for (const auto& c : cases) {
    const WaitRange r = retry_wait_range(c.n, c.policy);
    EXPECT_EQ(r.min_ms, c.min_ms) << "n=" << c.n << " m=" << c.policy.min_wait_s;
    EXPECT_EQ(r.max_ms, c.max_ms) << "n=" << c.n << " m=" << c.policy.min_wait_s;
  }
}

TEST(RetryWaitTest, PicksInsideTheWindow) {
  const RetryPolicy p;
  for (uint32_t n = 1; n <= 12; ++n) {
    const WaitRange r = retry_wait_range(n, p);
    EXPECT_EQ(retry_wait_ms(n, p, 0.0), r.min_ms);
    EXPECT_EQ(retry_wait_ms(n, p, 0.5), r.min_ms + (r.max_ms - r.min_ms) / 2);
    EXPECT_LE(retry_wait_ms(n, p, 0.999999), r.max_ms);
  }
}

TEST(RetryWaitTest, NeverBeyondThirtyDays) {
  const WaitRange r = retry_wait_range(10, RetryPolicy{65535, 65535});
  EXPECT_EQ(r.max_ms, 30LL * 24 * 3600 * 1000);
  EXPECT_LE(r.min_ms, r.max_ms);
}

}  // namespace
}  // namespace hearth::sim::cpe
