// MemoryStore's reads of users, campaigns, campaign targets and the fleet's device counts (the
// filters and orders are those of store.h and of the SQL in sqlite/staff_queries.cc).
#include <algorithm>
#include <map>
#include <string>
#include <tuple>
#include <utility>

#include "core/strings.h"
#include "store/memory/lookup.h"
#include "store/memory/memory_store.h"

namespace hearth::store::memory {

Result<std::optional<UserRecord>> MemoryStore::get_user(const std::string& id) {
  std::lock_guard<std::mutex> lock(mu_);
  return find_copy(state_.users, id);
}

Result<std::optional<UserRecord>> MemoryStore::find_user_by_login(const std::string& login) {
  std::lock_guard<std::mutex> lock(mu_);
  const std::string folded = to_lower(login);
  for (const auto& [id, u] : state_.users) {
    if (to_lower(u.login) == folded) return std::optional<UserRecord>(u);
  }
  return std::optional<UserRecord>();
}

Result<std::vector<UserRecord>> MemoryStore::list_users() {
  std::lock_guard<std::mutex> lock(mu_);
  std::vector<UserRecord> out = values_of(state_.users);
  // Logins are unique ignoring case, so the folded login alone orders them.
  std::sort(out.begin(), out.end(), [](const UserRecord& a, const UserRecord& b) {
    return to_lower(a.login) < to_lower(b.login);
  });
  return out;
}

Result<std::optional<CampaignRecord>> MemoryStore::get_campaign(int64_t id) {
  std::lock_guard<std::mutex> lock(mu_);
  return find_copy(state_.campaigns, id);
}

Result<std::vector<CampaignRecord>> MemoryStore::list_campaigns(size_t offset, size_t limit) {
  std::lock_guard<std::mutex> lock(mu_);
  std::vector<const CampaignRecord*> all;
  for (const auto& [id, c] : state_.campaigns) all.push_back(&c);
  // Newest first: created_ms, then id, descending.
  std::sort(all.begin(), all.end(), [](const CampaignRecord* a, const CampaignRecord* b) {
    return std::tie(a->created_ms, a->id) > std::tie(b->created_ms, b->id);
  });
  std::vector<CampaignRecord> out;
  for (size_t i = offset; i < all.size() && out.size() < limit; ++i) out.push_back(*all[i]);
  return out;
}

Result<std::vector<CampaignTargetRecord>> MemoryStore::list_campaign_targets(
    const CampaignTargetQuery& q) {
  std::lock_guard<std::mutex> lock(mu_);
  std::vector<const CampaignTargetRecord*> matched;
  const auto& targets = state_.campaign_targets;
  for (auto it = targets.lower_bound({q.campaign_id, std::string()});
       it != targets.end() && it->first.first == q.campaign_id; ++it) {
    const CampaignTargetRecord& t = it->second;
    if (q.stage >= 0 && t.stage != q.stage) continue;
    if (!q.state.empty() && t.state != q.state) continue;
    matched.push_back(&t);
  }
  // The range is in device order already; a stable sort by stage keeps it within a stage.
  std::stable_sort(matched.begin(), matched.end(),
                   [](const CampaignTargetRecord* a, const CampaignTargetRecord* b) {
                     return a->stage < b->stage;
                   });
  std::vector<CampaignTargetRecord> out;
  for (size_t i = q.offset; i < matched.size() && out.size() < q.limit; ++i) {
    out.push_back(*matched[i]);
  }
  return out;
}

Result<FleetDeviceCounts> MemoryStore::fleet_device_counts(int64_t online_after_ms) {
  std::lock_guard<std::mutex> lock(mu_);
  std::map<std::pair<std::string, std::string>, FleetVersionCount> groups;
  FleetDeviceCounts out;
  for (const auto& [id, d] : state_.devices) {
    const std::string& model = d.model_name.empty() ? d.product_class : d.model_name;
    FleetVersionCount& g = groups[{model, d.software_version}];
    g.model = model;
    g.software_version = d.software_version;
    const bool online = d.last_inform_ms >= online_after_ms;
    ++g.devices;
    ++out.devices;
    if (online) {
      ++g.online;
      ++out.online;
    }
  }
  for (auto& [key, g] : groups) out.versions.push_back(std::move(g));
  // By model, then devices descending, then software version.
  std::stable_sort(out.versions.begin(), out.versions.end(),
                   [](const FleetVersionCount& a, const FleetVersionCount& b) {
                     if (a.model != b.model) return a.model < b.model;
                     return a.devices > b.devices;
                   });
  return out;
}

}  // namespace hearth::store::memory
