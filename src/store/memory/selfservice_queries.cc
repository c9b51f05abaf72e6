// MemoryStore's reads of sessions, password resets, troubleshooting runs, tickets, knowledge-base
// articles and the audit log (the filters and orders are those of store.h).
#include <algorithm>
#include <string>
#include <tuple>

#include "core/strings.h"
#include "store/memory/lookup.h"
#include "store/memory/memory_store.h"

namespace hearth::store::memory {

namespace {

// Newest first by `time` (then key descending), after `offset`, at most `limit`. Walks the map
// backwards so that a stable sort by time leaves equal times in descending key order.
template <typename Map, typename Match, typename Time>
auto newest_first(const Map& map, Match match, Time time, size_t offset, size_t limit)
    -> std::vector<typename Map::mapped_type> {
  using Record = typename Map::mapped_type;
  std::vector<const Record*> matched;
  for (auto it = map.rbegin(); it != map.rend(); ++it) {
    if (match(it->second)) matched.push_back(&it->second);
  }
  std::stable_sort(matched.begin(), matched.end(),
                   [&](const Record* a, const Record* b) { return time(*a) > time(*b); });
  std::vector<Record> out;
  for (size_t i = offset; i < matched.size() && out.size() < limit; ++i) out.push_back(*matched[i]);
  return out;
}

bool in_range(int64_t t, int64_t from_ms, int64_t to_ms) {
  return (from_ms == 0 || t >= from_ms) && (to_ms == 0 || t < to_ms);
}

bool ticket_matches(const TicketRecord& t, const TicketQuery& q) {
  if (q.state == "open") {
    if (t.state == "solved") return false;
  } else if (!q.state.empty() && t.state != q.state) {
    return false;
  }
  if (!q.account.empty() && t.account != q.account) return false;
  if (!q.home_id.empty() && t.home_id != q.home_id) return false;
  if (!q.assignee.empty() && t.assignee != q.assignee) return false;
  if (q.incident_id != 0 && t.incident_id != q.incident_id) return false;
  return true;
}

bool troubleshoot_matches(const TroubleshootRecord& r, const TroubleshootQuery& q) {
  if (!q.account.empty() && r.account != q.account) return false;
  if (!q.home_id.empty() && r.home_id != q.home_id) return false;
  return in_range(r.created_ms, q.from_ms, q.to_ms);
}

bool audit_matches(const AuditRecord& a, const AuditQuery& q) {
  if (!q.actor.empty() && a.actor != q.actor) return false;
  if (!q.account.empty() && a.account != q.account) return false;
  if (!q.home_id.empty() && a.home_id != q.home_id) return false;
  if (!q.device_id.empty() && a.device_id != q.device_id) return false;
  if (!starts_with(a.action, q.action_prefix)) return false;
  return in_range(a.time_ms, q.from_ms, q.to_ms);
}

}  // namespace

Result<std::optional<SessionRecord>> MemoryStore::get_session(const std::string& token_hash) {
  std::lock_guard<std::mutex> lock(mu_);
  return find_copy(state_.sessions, token_hash);
}

Result<std::optional<PasswordResetRecord>> MemoryStore::get_password_reset(
    const std::string& token_hash) {
  std::lock_guard<std::mutex> lock(mu_);
  return find_copy(state_.password_resets, token_hash);
}

Result<std::optional<TroubleshootRecord>> MemoryStore::get_troubleshoot(const std::string& id) {
  std::lock_guard<std::mutex> lock(mu_);
  return find_copy(state_.troubleshoots, id);
}

Result<std::vector<TroubleshootRecord>> MemoryStore::list_troubleshoots(
    const TroubleshootQuery& q) {
  std::lock_guard<std::mutex> lock(mu_);
  return newest_first(
      state_.troubleshoots, [&](const TroubleshootRecord& r) { return troubleshoot_matches(r, q); },
      [](const TroubleshootRecord& r) { return r.created_ms; }, q.offset, q.limit);
}

Result<std::optional<TicketRecord>> MemoryStore::get_ticket(int64_t id) {
  std::lock_guard<std::mutex> lock(mu_);
  return find_copy(state_.tickets, id);
}

Result<std::vector<TicketRecord>> MemoryStore::list_tickets(const TicketQuery& q) {
  std::lock_guard<std::mutex> lock(mu_);
  return newest_first(
      state_.tickets, [&](const TicketRecord& t) { return ticket_matches(t, q); },
      [](const TicketRecord& t) { return t.created_ms; }, q.offset, q.limit);
}

Result<std::optional<KbArticleRecord>> MemoryStore::get_kb_article(const std::string& id) {
  std::lock_guard<std::mutex> lock(mu_);
  return find_copy(state_.kb_articles, id);
}

Result<std::vector<KbArticleRecord>> MemoryStore::list_kb_articles() {
  std::lock_guard<std::mutex> lock(mu_);
  return values_of(state_.kb_articles);
}

Result<std::vector<AuditRecord>> MemoryStore::list_audit(const AuditQuery& q) {
  std::lock_guard<std::mutex> lock(mu_);
  return newest_first(
      state_.audit, [&](const AuditRecord& a) { return audit_matches(a, q); },
      [](const AuditRecord& a) { return a.time_ms; }, q.offset, q.limit);
}

}  // namespace hearth::store::memory
