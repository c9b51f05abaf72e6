// The attempt limiter of logins and password resets: allowance, refill, several keys at once,
// bounded memory. Times are plain numbers: the limiter takes them as arguments.
#include <gtest/gtest.h>

#include <string>

#include "api/rate_limiter.h"

namespace hearth::api {
namespace {

constexpr int64_t kT0 = 1'767'225'600'000;

TEST(RateLimiterTest, AllowsTheAllowanceThenRefillsEvenly) {
  RateLimiter limiter(6);  // one attempt back every 10 s
  for (int i = 0; i < 6; ++i) EXPECT_TRUE(limiter.acquire({"k"}, kT0).allowed) << i;
  const RateLimiter::Decision refused = limiter.acquire({"k"}, kT0);
  EXPECT_FALSE(refused.allowed);
  EXPECT_EQ(refused.retry_after_ms, 10'000);
  struct Step {
    int64_t at_ms;  // after kT0
    bool allowed;
    int64_t retry_after_ms;
  };
  const Step steps[] = {
      {9'999, false, 1},      // not quite one attempt back
      {10'000, true, 0},      // one
      {10'000, false, 10'000},
      {25'000, true, 0},      // one and a half back: one used, half left
      {25'000, false, 5'000},
  };
  for (const Step& s : steps) {
    const RateLimiter::Decision d = limiter.acquire({"k"}, kT0 + s.at_ms);
    EXPECT_EQ(d.allowed, s.allowed) << s.at_ms;
    EXPECT_EQ(d.retry_after_ms, s.retry_after_ms) << s.at_ms;
  }
  // A quiet minute gives the whole allowance back, and no more.
  const int64_t later = kT0 + 25'000 + 60'000;
  for (int i = 0; i < 6; ++i) EXPECT_TRUE(limiter.acquire({"k"}, later).allowed) << i;
  EXPECT_FALSE(limiter.acquire({"k"}, later).allowed);
}

TEST(RateLimiterTest, KeysAreIndependent) {
  RateLimiter limiter(2);
  EXPECT_TRUE(limiter.acquire({"a"}, kT0).allowed);
  EXPECT_TRUE(limiter.acquire({"a"}, kT0).allowed);
  EXPECT_FALSE(limiter.acquire({"a"}, kT0).allowed);
  EXPECT_TRUE(limiter.acquire({"b"}, kT0).allowed);
}

TEST(RateLimiterTest, SeveralKeysPayTogetherOrNotAtAll) {
  RateLimiter limiter(2);
  EXPECT_TRUE(limiter.acquire({"ip:1", "login:x"}, kT0).allowed);
  EXPECT_TRUE(limiter.acquire({"ip:1", "login:y"}, kT0).allowed);
  // ip:1 is spent: refused, and login:z pays nothing for it.
  EXPECT_FALSE(limiter.acquire({"ip:1", "login:z"}, kT0).allowed);
  EXPECT_TRUE(limiter.acquire({"ip:2", "login:z"}, kT0).allowed);
  EXPECT_TRUE(limiter.acquire({"ip:3", "login:z"}, kT0).allowed);
  // login:z is spent now, from whatever address.
  EXPECT_FALSE(limiter.acquire({"ip:4", "login:z"}, kT0).allowed);
}

TEST(RateLimiterTest, ZeroMeansNoLimit) {
  RateLimiter limiter(0);
  for (int i = 0; i < 1000; ++i) ASSERT_TRUE(limiter.acquire({"k"}, kT0).allowed);
  EXPECT_EQ(limiter.size(), 0u);
}

TEST(RateLimiterTest, MemoryStaysBounded) {
  RateLimiter limiter(3, /*max_keys=*/100);
  for (int i = 0; i < 10'000; ++i) limiter.acquire({"ip:" + std::to_string(i)}, kT0 + i);
  EXPECT_LE(limiter.size(), 100u);
  // The most recent keys are still limited...
  for (int i = 0; i < 2; ++i) EXPECT_TRUE(limiter.acquire({"ip:9999"}, kT0 + 10'000).allowed);
  EXPECT_FALSE(limiter.acquire({"ip:9999"}, kT0 + 10'000).allowed);
  // ...and a minute later the refilled buckets are forgotten as new keys come.
  limiter.acquire({"new"}, kT0 + 200'000);
  EXPECT_EQ(limiter.size(), 1u);
}

TEST(RateLimiterTest, ClockGoingBackRefillsNothing) {
  RateLimiter limiter(1);
  EXPECT_TRUE(limiter.acquire({"k"}, kT0).allowed);
  EXPECT_FALSE(limiter.acquire({"k"}, kT0 - 120'000).allowed);
  EXPECT_TRUE(limiter.acquire({"k"}, kT0 + 60'000).allowed);
}

}  // namespace
}  // namespace hearth::api
