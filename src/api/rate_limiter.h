// Attempt limits per key (a remote address, a login name): a token bucket per key that holds
// `per_minute` attempts and refills evenly over a minute, so a key that stays quiet for a minute
// has its whole allowance back. Pure: the caller passes the time.
//
// Memory is bounded: at most `max_keys` buckets. A bucket that has refilled completely is the same
// as no bucket and is dropped first; when every bucket is still draining, the one touched longest
// ago goes (that key starts afresh, the price of the bound).
//
// Thread safety: every method may be called from any thread.
#pragma once

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <list>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

namespace hearth::api {

class RateLimiter {
 public:
  // per_minute 0: no limit (every attempt is allowed and nothing is kept).
  explicit RateLimiter(uint32_t per_minute, size_t max_keys = 100'000);

  struct Decision {
    bool allowed = true;
    int64_t retry_after_ms = 0;  // when refused: until one attempt is available again (> 0)
  };

  // One attempt for every key at once: allowed only when each key has one left, and then each
  // pays for it; a refused attempt costs nothing.
  Decision acquire(std::initializer_list<std::string_view> keys, int64_t now_ms);

  size_t size() const;  // buckets kept (for tests)

 private:
  // Integer arithmetic: an attempt costs kCost units and a bucket gains per_minute units a
  // millisecond, so a whole allowance (per_minute * kCost) comes back in exactly a minute.
  static constexpr int64_t kCost = 60'000;

  struct Bucket {
    int64_t units = 0;
    int64_t updated_ms = 0;
    std::list<std::string>::iterator order;  // position in lru_
  };
  // The bucket's units at now_ms (capped at the allowance).
  int64_t level(const Bucket& b, int64_t now_ms) const;
  void make_room(int64_t now_ms);

  const int64_t per_ms_;    // units gained a millisecond
  const int64_t capacity_;  // units of a full bucket
  const size_t max_keys_;
  mutable std::mutex mu_;
  std::unordered_map<std::string, Bucket> buckets_;
  std::list<std::string> lru_;  // keys, touched longest ago first
};

}  // namespace hearth::api
