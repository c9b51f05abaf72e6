// What every periodic session reads, kept in memory so that a steady-state Inform costs no
// database read: recently used device rows (bounded, least recently used evicted) and which
// devices have unfinished (pending or running) tasks.
//
// Coherence: only the writer thread changes what is cached, right after a commit and before the
// batch callbacks run, so a read issued after a callback sees the batch. Readers fill the device
// cache on a miss only if no device write was committed between the start of their database read
// and the fill (generation check): a stale row never enters the cache.
//
// Thread safety: every method may be called from any thread.
#pragma once

#include <cstdint>
#include <list>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "store/records.h"
#include "store/store.h"

namespace hearth::store::sqlite {

class HotCache {
 public:
  explicit HotCache(size_t device_capacity) : capacity_(device_capacity) {}

  // ---- devices ----
  std::optional<DeviceRecord> find_device(const std::string& id);
  // Before a database read for a miss: the generation to pass to offer_device().
  uint64_t generation() const;
  // After that read: caches the row unless a device write committed since `generation`.
  void offer_device(const DeviceRecord& device, uint64_t generation);

  // ---- unfinished tasks ----
  // Replaces the set of devices with pending or running tasks (at open).
  void reset_active_tasks(std::vector<std::string> device_ids);
  // false when the device certainly has no pending or running task.
  bool may_have_active_tasks(const std::string& device_id) const;

  // ---- the writer, after a commit, before the callbacks ----
  // Applies a committed batch's device rows. Returns the devices whose tasks changed (the writer
  // then looks up whether each still has unfinished tasks and calls set_active_tasks()).
  std::vector<std::string> committed(const WriteBatch& batch);
  void set_active_tasks(const std::string& device_id, bool active);

  size_t cached_devices() const;

 private:
  void put_locked(const DeviceRecord& device);
  void erase_locked(const std::string& id);

  using Lru = std::list<DeviceRecord>;
  const size_t capacity_;
  mutable std::mutex mu_;
  Lru lru_;  // front: most recently used
  std::unordered_map<std::string, Lru::iterator> index_;
  uint64_t generation_ = 0;
  std::unordered_set<std::string> active_tasks_;
};

}  // namespace hearth::store::sqlite
