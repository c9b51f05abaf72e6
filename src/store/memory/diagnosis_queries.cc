// MemoryStore's reads of telemetry, findings, diagnoses and the optimisation log (the orders
// and bounds are those of store.h).
#include <algorithm>
#include <limits>
#include <string>
#include <tuple>

#include "store/memory/lookup.h"
#include "store/memory/memory_store.h"

namespace hearth::store::memory {

namespace {

// The records of `home_id` keyed (home, time) within [from_ms, to_ms) (to_ms 0: no bound),
// oldest first, keeping the newest `limit`.
template <typename Map>
auto time_range(const Map& map, const std::string& home_id, int64_t from_ms, int64_t to_ms,
                size_t limit) -> std::vector<typename Map::mapped_type> {
  const int64_t end = to_ms == 0 ? std::numeric_limits<int64_t>::max() : to_ms;
  std::vector<typename Map::mapped_type> out;
  if (end <= from_ms) return out;
  auto first = map.lower_bound(std::make_pair(home_id, from_ms));
  auto last = map.lower_bound(std::make_pair(home_id, end));
  const auto count = static_cast<size_t>(std::distance(first, last));
  if (count > limit) std::advance(first, static_cast<std::ptrdiff_t>(count - limit));
  for (auto it = first; it != last; ++it) out.push_back(it->second);
  return out;
}

template <typename T>
std::vector<T> page_of(std::vector<T> all, size_t offset, size_t limit) {
  if (offset >= all.size()) return {};
  all.erase(all.begin(), all.begin() + static_cast<std::ptrdiff_t>(offset));
  if (all.size() > limit) all.resize(limit);
  return all;
}

}  // namespace

Result<std::vector<TelemetrySampleRecord>> MemoryStore::list_telemetry(const std::string& home_id,
                                                                       int64_t from_ms,
                                                                       int64_t to_ms,
                                                                       size_t limit) {
  std::lock_guard<std::mutex> lock(mu_);
  return time_range(state_.telemetry, home_id, from_ms, to_ms, limit);
}

Result<std::vector<TelemetryRollupRecord>> MemoryStore::list_rollups(const std::string& home_id,
                                                                     int64_t from_ms, int64_t to_ms,
                                                                     size_t limit) {
  std::lock_guard<std::mutex> lock(mu_);
  return time_range(state_.rollups, home_id, from_ms, to_ms, limit);
}

Result<std::vector<FindingRecord>> MemoryStore::find_findings(const FindingQuery& q) {
  std::lock_guard<std::mutex> lock(mu_);
  std::vector<FindingRecord> matched;
  for (const auto& [key, f] : state_.findings) {
    if (!q.home_id.empty() && f.home_id != q.home_id) continue;
    if (q.open_only && f.end_ms != 0) continue;
    if (!q.code.empty() && f.code != q.code) continue;
    if (q.since_ms != 0 && f.end_ms != 0 && f.end_ms < q.since_ms) continue;
    matched.push_back(f);
  }
  // Newest start first; ties in key order.
  std::sort(matched.begin(), matched.end(), [](const FindingRecord& a, const FindingRecord& b) {
    if (a.start_ms != b.start_ms) return a.start_ms > b.start_ms;
    return std::tie(a.home_id, a.code, a.entity) < std::tie(b.home_id, b.code, b.entity);
  });
  return page_of(std::move(matched), q.offset, q.limit);
}

Result<std::optional<DiagnosisRecord>> MemoryStore::get_diagnosis(const std::string& home_id) {
  std::lock_guard<std::mutex> lock(mu_);
  return find_copy(state_.diagnoses, home_id);
}

Result<std::vector<DiagnosisRecord>> MemoryStore::list_diagnoses(const DiagnosisQuery& q) {
  std::lock_guard<std::mutex> lock(mu_);
  std::vector<DiagnosisRecord> matched;  // by home id
  for (const auto& [home_id, d] : state_.diagnoses) {
    if (q.unhealthy_only && d.primary_code.empty()) continue;
    if (!q.primary_code.empty() && d.primary_code != q.primary_code) continue;
    matched.push_back(d);
  }
  if (q.worst_first) {
    std::stable_sort(
        matched.begin(), matched.end(),
        [](const DiagnosisRecord& a, const DiagnosisRecord& b) { return a.health < b.health; });
  }
  return page_of(std::move(matched), q.offset, q.limit);
}

Result<std::vector<OptimisationRecord>> MemoryStore::list_optimisations(const std::string& home_id,
                                                                        size_t limit) {
  std::lock_guard<std::mutex> lock(mu_);
  std::vector<OptimisationRecord> matched;
  for (const auto& [id, e] : state_.optimisations) {
    if (home_id.empty() || e.home_id == home_id) matched.push_back(e);
  }
  // Newest first: by time, then by id.
  std::sort(matched.begin(), matched.end(),
            [](const OptimisationRecord& a, const OptimisationRecord& b) {
              return std::tie(a.time_ms, a.id) > std::tie(b.time_ms, b.id);
            });
  return page_of(std::move(matched), 0, limit);
}

}  // namespace hearth::store::memory
