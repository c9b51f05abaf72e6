// The per-home wake-ups of the simulator: one pending time per home in a binary heap with lazy
// deletion, so 50,000 homes need one loop timer (armed for next_ms()), not one each.
// Rescheduling a home replaces its time; the old heap entry is skipped when it surfaces. Ties
// pop in home order, so the same schedule pops in the same order. Pure, not thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <utility>
#include <vector>

#include "sim/world.h"

namespace hearth::sim {

class WakeQueue {
 public:
  explicit WakeQueue(uint32_t homes);

  // Sets the home's wake-up to at_ms (earlier or later than before); kNever removes it.
  // REQUIRES: home < homes.
  void schedule(uint32_t home, int64_t at_ms);
  // Sets it to at_ms only if that is earlier than the one it has (or it has none).
  void schedule_earlier(uint32_t home, int64_t at_ms);
  void cancel(uint32_t home) { schedule(home, kNever); }
  int64_t scheduled(uint32_t home) const { return at_[home]; }

  // The earliest pending wake-up, or kNever.
  int64_t next_ms();
  // One home due at or before now_ms (earliest first), its wake-up removed; nullopt when none.
  std::optional<uint32_t> pop_due(int64_t now_ms);

  size_t size() const { return pending_; }  // homes with a wake-up
  size_t heap_entries() const { return heap_.size(); }

 private:
  using Entry = std::pair<int64_t, uint32_t>;  // (time, home), min-heap
  void drop_stale_top();
  void compact();

  std::vector<int64_t> at_;
  std::vector<Entry> heap_;
  size_t pending_ = 0;
};

}  // namespace hearth::sim
