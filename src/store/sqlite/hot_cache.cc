#include "store/sqlite/hot_cache.h"

#include <algorithm>
#include <type_traits>
#include <variant>

namespace hearth::store::sqlite {

std::optional<DeviceRecord> HotCache::find_device(const std::string& id) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = index_.find(id);
  if (it == index_.end()) return std::nullopt;
  lru_.splice(lru_.begin(), lru_, it->second);
  return *it->second;
}

uint64_t HotCache::generation() const {
  std::lock_guard<std::mutex> lock(mu_);
  return generation_;
}

void HotCache::offer_device(const DeviceRecord& device, uint64_t generation) {
  std::lock_guard<std::mutex> lock(mu_);
  if (generation != generation_) return;
  put_locked(device);
}

void HotCache::put_locked(const DeviceRecord& device) {
  if (capacity_ == 0) return;
  auto it = index_.find(device.id);
  if (it != index_.end()) {
    *it->second = device;
    lru_.splice(lru_.begin(), lru_, it->second);
    return;
  }
  lru_.push_front(device);
  index_.emplace(device.id, lru_.begin());
  if (lru_.size() > capacity_) {
    index_.erase(lru_.back().id);
    lru_.pop_back();
  }
}

void HotCache::erase_locked(const std::string& id) {
  auto it = index_.find(id);
  if (it == index_.end()) return;
  lru_.erase(it->second);
  index_.erase(it);
}

void HotCache::reset_active_tasks(std::vector<std::string> device_ids) {
  std::lock_guard<std::mutex> lock(mu_);
  active_tasks_.clear();
  for (auto& id : device_ids) active_tasks_.insert(std::move(id));
}

bool HotCache::may_have_active_tasks(const std::string& device_id) const {
  std::lock_guard<std::mutex> lock(mu_);
  return active_tasks_.count(device_id) != 0;
}

void HotCache::set_active_tasks(const std::string& device_id, bool active) {
  std::lock_guard<std::mutex> lock(mu_);
  if (active) {
    active_tasks_.insert(device_id);
  } else {
    active_tasks_.erase(device_id);
  }
}

std::vector<std::string> HotCache::committed(const WriteBatch& batch) {
  std::vector<std::string> task_devices;
  auto note_tasks = [&](const std::string& id) {
    if (std::find(task_devices.begin(), task_devices.end(), id) == task_devices.end()) {
      task_devices.push_back(id);
    }
  };
  std::lock_guard<std::mutex> lock(mu_);
  for (const auto& op : batch.ops) {
    std::visit(
        [&](const auto& o) {
          using T = std::decay_t<decltype(o)>;
          if constexpr (std::is_same_v<T, UpsertDevice>) {
            ++generation_;
            // Refresh a cached row; a device not cached yet is read on its next session.
            if (index_.count(o.device.id) != 0) put_locked(o.device);
          } else if constexpr (std::is_same_v<T, DeleteDevice>) {
            ++generation_;
            erase_locked(o.device_id);
            active_tasks_.erase(o.device_id);
          } else if constexpr (std::is_same_v<T, PutTask>) {
            note_tasks(o.task.device_id);
          } else if constexpr (std::is_same_v<T, DeleteTask>) {
            // The device is not named: the writer resolves it (see GroupCommitter).
          }
        },
        op);
  }
  return task_devices;
}

size_t HotCache::cached_devices() const {
  std::lock_guard<std::mutex> lock(mu_);
  return lru_.size();
}

}  // namespace hearth::store::sqlite
