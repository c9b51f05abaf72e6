// WakeQueue: std::push_heap/pop_heap with a greater-than comparator (earliest on top). Stale
// entries (the home was rescheduled) are dropped when they reach the top, and the heap is
// rebuilt from at_ when they pile up, so it never grows past a small multiple of the homes.
#include "sim/engine/wake_queue.h"

#include <algorithm>
#include <functional>

namespace hearth::sim {

WakeQueue::WakeQueue(uint32_t homes) : at_(homes, kNever) {}

void WakeQueue::schedule(uint32_t home, int64_t at_ms) {
  const int64_t old = at_[home];
  if (old == at_ms) return;
  at_[home] = at_ms;
  if (old == kNever) ++pending_;
  if (at_ms == kNever) {
    --pending_;
    return;
  }
  heap_.emplace_back(at_ms, home);
  std::push_heap(heap_.begin(), heap_.end(), std::greater<>());
  if (heap_.size() > 2 * at_.size() + 1024) compact();
}

void WakeQueue::schedule_earlier(uint32_t home, int64_t at_ms) {
  if (at_ms < at_[home]) schedule(home, at_ms);
}

void WakeQueue::drop_stale_top() {
  while (!heap_.empty() && at_[heap_.front().second] != heap_.front().first) {
    std::pop_heap(heap_.begin(), heap_.end(), std::greater<>());
    heap_.pop_back();
  }
}

int64_t WakeQueue::next_ms() {
  drop_stale_top();
  return heap_.empty() ? kNever : heap_.front().first;
}

std::optional<uint32_t> WakeQueue::pop_due(int64_t now_ms) {
  drop_stale_top();
  if (heap_.empty() || heap_.front().first > now_ms) return std::nullopt;
  const uint32_t home = heap_.front().second;
  std::pop_heap(heap_.begin(), heap_.end(), std::greater<>());
  heap_.pop_back();
  at_[home] = kNever;
  --pending_;
  return home;
}

void WakeQueue::compact() {
  heap_.clear();
  for (uint32_t h = 0; h < at_.size(); ++h) {
    if (at_[h] != kNever) heap_.emplace_back(at_[h], h);
  }
  std::make_heap(heap_.begin(), heap_.end(), std::greater<>());
}

}  // namespace hearth::sim
