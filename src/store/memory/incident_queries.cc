// MemoryStore's reads of incidents, maintenance windows, webhooks and the webhook outbox (the
// filters and orders are those of store.h).
#include <algorithm>
#include <string>
#include <tuple>

#include "store/memory/lookup.h"
#include "store/memory/memory_store.h"

namespace hearth::store::memory {

namespace {

bool incident_matches(const IncidentRecord& r, const IncidentQuery& q) {
  const bool resolved = r.state == "resolved";
  if (q.state == "open") {
    if (resolved) return false;
  } else if (!q.state.empty() && r.state != q.state) {
    return false;
  }
  if (!q.access_node.empty() && r.access_node_id != q.access_node) return false;
  if (!q.region.empty() && r.region_id != q.region) return false;
  if (!q.home_id.empty() && !std::binary_search(r.homes.begin(), r.homes.end(), q.home_id)) {
    return false;
  }
  // Overlaps [from_ms, to_ms): still open or resolved at or after from_ms, and suspected
  // before to_ms.
  if (q.from_ms != 0 && resolved && r.resolved_ms < q.from_ms) return false;
  if (q.to_ms != 0 && r.suspected_ms >= q.to_ms) return false;
  return true;
}

}  // namespace

Result<std::optional<IncidentRecord>> MemoryStore::get_incident(int64_t id) {
  std::lock_guard<std::mutex> lock(mu_);
  return find_copy(state_.incidents, id);
}

Result<std::vector<IncidentRecord>> MemoryStore::list_incidents(const IncidentQuery& q) {
  std::lock_guard<std::mutex> lock(mu_);
  // Newest suspected first, then id descending: walk ids backwards and sort stably by time.
  std::vector<const IncidentRecord*> matched;
  for (auto it = state_.incidents.rbegin(); it != state_.incidents.rend(); ++it) {
    if (incident_matches(it->second, q)) matched.push_back(&it->second);
  }
  std::stable_sort(matched.begin(), matched.end(),
                   [](const IncidentRecord* a, const IncidentRecord* b) {
                     return a->suspected_ms > b->suspected_ms;
                   });
  std::vector<IncidentRecord> out;
  for (size_t i = q.offset; i < matched.size() && out.size() < q.limit; ++i) {
    out.push_back(*matched[i]);
  }
  return out;
}

Result<std::vector<MaintenanceRecord>> MemoryStore::list_maintenance(int64_t ends_after_ms) {
  std::lock_guard<std::mutex> lock(mu_);
  std::vector<MaintenanceRecord> out;  // by id
  for (const auto& [id, m] : state_.maintenance) {
    if (ends_after_ms == 0 || m.end_ms >= ends_after_ms) out.push_back(m);
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const MaintenanceRecord& a, const MaintenanceRecord& b) {
                     return a.start_ms < b.start_ms;
                   });
  return out;
}

Result<std::optional<MaintenanceRecord>> MemoryStore::get_maintenance(const std::string& id) {
  std::lock_guard<std::mutex> lock(mu_);
  return find_copy(state_.maintenance, id);
}

Result<std::vector<WebhookRecord>> MemoryStore::list_webhooks() {
  std::lock_guard<std::mutex> lock(mu_);
  return values_of(state_.webhooks);
}

Result<std::vector<WebhookDeliveryRecord>> MemoryStore::list_webhook_deliveries(size_t limit) {
  std::lock_guard<std::mutex> lock(mu_);
  std::vector<const WebhookDeliveryRecord*> all;  // by id
  for (const auto& [id, d] : state_.webhook_deliveries) all.push_back(&d);
  std::stable_sort(all.begin(), all.end(),
                   [](const WebhookDeliveryRecord* a, const WebhookDeliveryRecord* b) {
                     return a->next_attempt_ms < b->next_attempt_ms;
                   });
  std::vector<WebhookDeliveryRecord> out;
  for (size_t i = 0; i < all.size() && out.size() < limit; ++i) out.push_back(*all[i]);
  return out;
}

}  // namespace hearth::store::memory
