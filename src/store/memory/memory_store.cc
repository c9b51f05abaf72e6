#include "store/memory/memory_store.h"

#include <algorithm>

#include "core/strings.h"
#include "store/memory/lookup.h"

namespace hearth::store::memory {

void MemoryStore::write(WriteBatch batch, WriteCallback done) {
  Status status;
  {
    std::lock_guard<std::mutex> lock(mu_);
    status = apply_batch(batch, &state_);
    if (status) ++commits_;
  }
  if (done) done(std::move(status));
}

Result<std::optional<DeviceRecord>> MemoryStore::get_device(const std::string& id) {
  std::lock_guard<std::mutex> lock(mu_);
  return find_copy(state_.devices, id);
}

bool MemoryStore::matches(const DeviceRecord& d, const DeviceQuery& q) const {
  if (!q.text.empty()) {
    const std::string folded = to_lower(q.text);
    if (!contains_folded(d.id, folded) && !contains_folded(d.serial_number, folded) &&
        !contains_folded(d.model_name, folded) && !contains_folded(d.product_class, folded)) {
      return false;
    }
  }
  if (!q.serial_number.empty() && d.serial_number != q.serial_number) return false;
  if (!q.model.empty() && d.model_name != q.model && d.product_class != q.model) return false;
  if (!q.software_version.empty() && d.software_version != q.software_version) return false;
  if (!q.tag.empty() && !std::binary_search(d.tags.begin(), d.tags.end(), q.tag)) return false;
  if (q.last_inform_before_ms != 0 && !(d.last_inform_ms < q.last_inform_before_ms)) return false;
  if (q.last_inform_after_ms != 0 && !(d.last_inform_ms >= q.last_inform_after_ms)) return false;
  if (!q.parameter_name.empty()) {
    auto tree = state_.parameters.find(d.id);
    if (tree == state_.parameters.end()) return false;
    auto p = tree->second.find(q.parameter_name);
    if (p == tree->second.end() || p->second.value != q.parameter_value) return false;
  }
  return true;
}

Result<DevicePage> MemoryStore::find_devices(const DeviceQuery& query) {
  std::lock_guard<std::mutex> lock(mu_);
  DevicePage page;
  for (const auto& [id, device] : state_.devices) {
    if (!matches(device, query)) continue;
    if (page.total >= query.offset && page.devices.size() < query.limit) {
      page.devices.push_back(device);
    }
    ++page.total;
  }
  return page;
}

Result<std::vector<StoredParameter>> MemoryStore::get_parameters(const std::string& device_id,
                                                                 const std::string& prefix) {
  std::lock_guard<std::mutex> lock(mu_);
  std::vector<StoredParameter> out;
  auto tree = state_.parameters.find(device_id);
  if (tree == state_.parameters.end()) return out;
  for (auto it = tree->second.lower_bound(prefix);
       it != tree->second.end() && starts_with(it->first, prefix); ++it) {
    out.push_back(it->second);
  }
  return out;
}

Result<std::optional<TaskRecord>> MemoryStore::get_task(int64_t task_id) {
  std::lock_guard<std::mutex> lock(mu_);
  return find_copy(state_.tasks, task_id);
}

Result<std::vector<TaskRecord>> MemoryStore::find_tasks(const TaskQuery& query) {
  std::lock_guard<std::mutex> lock(mu_);
  std::vector<TaskRecord> out;
  size_t matched = 0;
  for (const auto& [id, task] : state_.tasks) {
    if (!query.device_id.empty() && task.device_id != query.device_id) continue;
    if (query.state && task.state != *query.state) continue;
    if (query.due_before_ms != 0 && task.next_attempt_ms > query.due_before_ms) continue;
    if (matched++ < query.offset) continue;
    if (out.size() >= query.limit) break;
    out.push_back(task);
  }
  return out;
}

Result<std::vector<FaultRecord>> MemoryStore::list_faults(const std::string& device_id,
                                                          size_t limit) {
  std::lock_guard<std::mutex> lock(mu_);
  std::vector<FaultRecord> out;
  for (auto it = state_.faults.rbegin(); it != state_.faults.rend() && out.size() < limit; ++it) {
    if (device_id.empty() || it->second.device_id == device_id) out.push_back(it->second);
  }
  return out;
}

Result<std::vector<EventRecord>> MemoryStore::list_events(const std::string& device_id,
                                                          size_t limit) {
  std::lock_guard<std::mutex> lock(mu_);
  std::vector<EventRecord> out;
  auto timeline = state_.events.find(device_id);
  if (timeline == state_.events.end()) return out;
  for (auto it = timeline->second.rbegin(); it != timeline->second.rend() && out.size() < limit;
       ++it) {
    out.push_back(it->event);
  }
  return out;
}

Result<std::optional<FileRecord>> MemoryStore::get_file(const std::string& id) {
  std::lock_guard<std::mutex> lock(mu_);
  return find_copy(state_.files, id);
}

Result<std::vector<FileRecord>> MemoryStore::list_files() {
  std::lock_guard<std::mutex> lock(mu_);
  return values_of(state_.files);
}

Result<std::optional<ProfileRecord>> MemoryStore::get_profile(const std::string& name) {
  std::lock_guard<std::mutex> lock(mu_);
  return find_copy(state_.profiles, name);
}

Result<std::vector<ProfileRecord>> MemoryStore::list_profiles() {
  std::lock_guard<std::mutex> lock(mu_);
  return values_of(state_.profiles);
}

Result<std::optional<TokenRecord>> MemoryStore::find_token_by_hash(const std::string& token_hash) {
  std::lock_guard<std::mutex> lock(mu_);
  for (const auto& [id, token] : state_.tokens) {
    if (token.token_hash == token_hash) return std::optional<TokenRecord>(token);
  }
  return std::optional<TokenRecord>();
}

Result<std::vector<TokenRecord>> MemoryStore::list_tokens() {
  std::lock_guard<std::mutex> lock(mu_);
  return values_of(state_.tokens);
}

Result<std::optional<std::string>> MemoryStore::get_meta(const std::string& key) {
  std::lock_guard<std::mutex> lock(mu_);
  return find_copy(state_.meta, key);
}

Result<StoreStats> MemoryStore::stats() {
  std::lock_guard<std::mutex> lock(mu_);
  StoreStats s;
  s.devices = state_.devices.size();
  for (const auto& [id, tree] : state_.parameters) s.parameters += tree.size();
  for (const auto& [id, task] : state_.tasks) {
    if (task.state == TaskState::kPending) ++s.tasks_pending;
    if (task.state == TaskState::kRunning) ++s.tasks_running;
  }
  s.faults = state_.faults.size();
  s.commits = commits_;
  s.batches = commits_;
  s.max_task_id = state_.max_task_id;
  s.max_incident_id = state_.max_incident_id;
  s.max_ticket_id = state_.max_ticket_id;
  s.max_campaign_id = state_.max_campaign_id;
  return s;
}

}  // namespace hearth::store::memory
