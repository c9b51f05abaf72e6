// MemoryStore's reads of subscribers, homes and topology (the rest is in memory_store.cc).
#include <string>

#include "core/strings.h"
#include "store/memory/lookup.h"
#include "store/memory/memory_store.h"

namespace hearth::store::memory {

Result<std::optional<RegionRecord>> MemoryStore::get_region(const std::string& id) {
  std::lock_guard<std::mutex> lock(mu_);
  return find_copy(state_.regions, id);
}

Result<std::vector<RegionRecord>> MemoryStore::list_regions() {
  std::lock_guard<std::mutex> lock(mu_);
  std::vector<RegionRecord> out;
  for (const auto& [id, r] : state_.regions) out.push_back(r);
  return out;
}

Result<std::optional<AccessNodeRecord>> MemoryStore::get_access_node(const std::string& id) {
  std::lock_guard<std::mutex> lock(mu_);
  return find_copy(state_.access_nodes, id);
}

Result<std::vector<AccessNodeRecord>> MemoryStore::list_access_nodes(const std::string& region_id) {
  std::lock_guard<std::mutex> lock(mu_);
  std::vector<AccessNodeRecord> out;
  for (const auto& [id, n] : state_.access_nodes) {
    if (region_id.empty() || n.region_id == region_id) out.push_back(n);
  }
  return out;
}

Result<std::optional<SubscriberRecord>> MemoryStore::get_subscriber(const std::string& account) {
  std::lock_guard<std::mutex> lock(mu_);
  return find_copy(state_.subscribers, account);
}

Result<std::optional<SubscriberRecord>> MemoryStore::find_subscriber_by_email(
    const std::string& email) {
  std::lock_guard<std::mutex> lock(mu_);
  if (email.empty()) return std::optional<SubscriberRecord>();
  auto owner = state_.subscriber_emails.find(to_lower(email));
  if (owner == state_.subscriber_emails.end()) return std::optional<SubscriberRecord>();
  return find_copy(state_.subscribers, owner->second);
}

Result<std::optional<HomeRecord>> MemoryStore::get_home(const std::string& id) {
  std::lock_guard<std::mutex> lock(mu_);
  return find_copy(state_.homes, id);
}

bool MemoryStore::matches(const HomeRecord& h, const HomeQuery& q) const {
  if (!q.access_node.empty() && h.access_node_id != q.access_node) return false;
  if (!q.account.empty() && h.account != q.account) return false;
  if (!q.region.empty()) {
    auto node = state_.access_nodes.find(h.access_node_id);
    if (node == state_.access_nodes.end() || node->second.region_id != q.region) return false;
  }
  if (!q.text.empty()) {
    const std::string folded = to_lower(q.text);
    if (contains_folded(h.id, folded) || contains_folded(h.account, folded)) return true;
    auto sub = state_.subscribers.find(h.account);
    if (sub == state_.subscribers.end()) return false;
    const SubscriberRecord& s = sub->second;
    return contains_folded(s.name, folded) || contains_folded(s.email, folded) ||
           contains_folded(s.street, folded) || contains_folded(s.postal_code, folded) ||
           contains_folded(s.city, folded);
  }
  return true;
}

Result<HomePage> MemoryStore::list_homes(const HomeQuery& query) {
  std::lock_guard<std::mutex> lock(mu_);
  HomePage page;
  for (const auto& [id, home] : state_.homes) {
    if (!matches(home, query)) continue;
    if (page.total >= query.offset && page.homes.size() < query.limit) page.homes.push_back(home);
    ++page.total;
  }
  return page;
}

Result<std::optional<HomeRecord>> MemoryStore::home_for_device(const std::string& device_id) {
  std::lock_guard<std::mutex> lock(mu_);
  auto owner = state_.device_homes.find(device_id);
  if (owner == state_.device_homes.end()) return std::optional<HomeRecord>();
  return find_copy(state_.homes, owner->second);
}

Result<std::map<std::string, uint64_t>> MemoryStore::count_homes_by_access_node() {
  std::lock_guard<std::mutex> lock(mu_);
  std::map<std::string, uint64_t> out;
  for (const auto& [id, home] : state_.homes) ++out[home.access_node_id];
  return out;
}

}  // namespace hearth::store::memory
