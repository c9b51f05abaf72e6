#include "api/rate_limiter.h"

#include <algorithm>

namespace hearth::api {

RateLimiter::RateLimiter(uint32_t per_minute, size_t max_keys)
    : per_ms_(per_minute), capacity_(int64_t{per_minute} * kCost), max_keys_(std::max<size_t>(max_keys, 1)) {}

int64_t RateLimiter::level(const Bucket& b, int64_t now_ms) const {
  // A clock that goes back refills nothing (and takes nothing away). Past a minute every bucket
  // is full, which also keeps the product below from overflowing.
  const int64_t elapsed = std::clamp<int64_t>(now_ms - b.updated_ms, 0, kCost);
  return std::min(capacity_, b.units + elapsed * per_ms_);
}

void RateLimiter::make_room(int64_t now_ms) {
  // Buckets at the old end that have refilled are forgotten (that changes no decision); each key
  // goes once, so this is constant work per new key on average. Then, if there is still no room,
  // the bucket touched longest ago goes anyway.
  while (!lru_.empty()) {
    const auto b = buckets_.find(lru_.front());
    if (level(b->second, now_ms) < capacity_) break;
    buckets_.erase(b);
    lru_.pop_front();
  }
  while (buckets_.size() >= max_keys_) {
    buckets_.erase(lru_.front());
    lru_.pop_front();
  }
}

RateLimiter::Decision RateLimiter::acquire(std::initializer_list<std::string_view> keys, int64_t now_ms) {
  if (capacity_ <= 0) return {};
  std::lock_guard lock(mu_);
  // First whether every key has an attempt left; the longest wait decides Retry-After.
  int64_t wait_ms = 0;
  for (std::string_view key : keys) {
    const auto it = buckets_.find(std::string(key));
    if (it == buckets_.end()) continue;
    const int64_t missing = kCost - level(it->second, now_ms);
    if (missing > 0) wait_ms = std::max(wait_ms, (missing + per_ms_ - 1) / per_ms_);
  }
  if (wait_ms > 0) return {false, wait_ms};
  for (std::string_view key : keys) {
    auto it = buckets_.find(std::string(key));
    if (it == buckets_.end()) {
      make_room(now_ms);
      lru_.emplace_back(key);
      it = buckets_.emplace(std::string(key), Bucket{capacity_, now_ms, std::prev(lru_.end())}).first;
    } else {
      lru_.splice(lru_.end(), lru_, it->second.order);
    }
    Bucket& b = it->second;
    b.units = level(b, now_ms) - kCost;
    b.updated_ms = std::max(b.updated_ms, now_ms);
  }
  return {};
}

size_t RateLimiter::size() const {
  std::lock_guard lock(mu_);
  return buckets_.size();
}

}  // namespace hearth::api
