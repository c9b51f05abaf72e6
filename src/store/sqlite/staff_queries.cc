// SQL reads of users, campaigns, campaign targets and fleet counts (staff_queries.h).
#include "store/sqlite/staff_queries.h"

#include <algorithm>
#include <map>
#include <utility>

#include "store/sqlite/query_support.h"

namespace hearth::store::sqlite {

namespace {

const char* const kUserSelect =
    "SELECT id, login, name, email, role, password_hash, disabled, created_ms, updated_ms "
    "FROM users";
UserRecord read_user(const Statement& s) {
  UserRecord u;
  u.id = s.column_text(0);
  u.login = s.column_text(1);
  u.name = s.column_text(2);
  u.email = s.column_text(3);
  u.role = s.column_text(4);
  u.password_hash = s.column_text(5);
  u.disabled = s.column_int64(6) != 0;
  u.created_ms = s.column_int64(7);
  u.updated_ms = s.column_int64(8);
  return u;
}

const char* const kCampaignSelect =
    "SELECT id, name, kind, state, created_by, created_ms, updated_ms, json FROM campaigns";
CampaignRecord read_campaign(const Statement& s) {
  CampaignRecord c;
  c.id = s.column_int64(0);
  c.name = s.column_text(1);
  c.kind = s.column_text(2);
  c.state = s.column_text(3);
  c.created_by = s.column_text(4);
  c.created_ms = s.column_int64(5);
  c.updated_ms = s.column_int64(6);
  c.json = s.column_text(7);
  return c;
}

CampaignTargetRecord read_target(const Statement& s) {
  CampaignTargetRecord t;
  t.campaign_id = s.column_int64(0);
  t.device_id = s.column_text(1);
  t.stage = static_cast<int>(s.column_int64(2));
  t.state = s.column_text(3);
  t.task_id = s.column_int64(4);
  t.before = s.column_text(5);
  t.detail = s.column_text(6);
  t.updated_ms = s.column_int64(7);
  return t;
}

// Parameter numbers are fixed per field, so the SQL text depends only on which are set (and the
// statement cache holds one statement per combination).
enum TargetParam { kTargetCampaign = 1, kTargetStage, kTargetState, kTargetLimit, kTargetOffset };

std::string targets_sql(const CampaignTargetQuery& q) {
  std::string sql =
      "SELECT campaign_id, device_id, stage, state, task_id, before_value, detail, updated_ms "
      "FROM campaign_targets WHERE campaign_id = ?1";
  if (q.stage >= 0) sql += " AND stage = ?2";
  if (!q.state.empty()) sql += " AND state = ?3";
  sql += " ORDER BY stage, device_id LIMIT ?4 OFFSET ?5";
  return sql;
}

}  // namespace

Result<std::optional<UserRecord>> query_user(Connection* conn, const std::string& id) {
  static const std::string sql = std::string(kUserSelect) + " WHERE id = ?1";
  return one_by_text<UserRecord>(conn, sql, id, read_user);
}

Result<std::optional<UserRecord>> query_user_by_login(Connection* conn, const std::string& login) {
  // The column's NOCASE collation applies: one probe of the unique index, case ignored.
  static const std::string sql = std::string(kUserSelect) + " WHERE login = ?1";
  return one_by_text<UserRecord>(conn, sql, login, read_user);
}

Result<std::vector<UserRecord>> query_users(Connection* conn) {
  // NOCASE order, which is the memory store's order of ASCII-lower-cased logins.
  auto stmt = conn->prepare(std::string(kUserSelect) + " ORDER BY login, id");
  if (!stmt) return stmt.error();
  return read_all<UserRecord>(*stmt, read_user);
}

Result<std::optional<CampaignRecord>> query_campaign(Connection* conn, int64_t id) {
  auto stmt = conn->prepare(std::string(kCampaignSelect) + " WHERE id = ?1");
  if (!stmt) return stmt.error();
  stmt->bind(1, id);
  return read_one<CampaignRecord>(*stmt, read_campaign);
}

Result<std::vector<CampaignRecord>> query_campaigns(Connection* conn, size_t offset,
                                                    size_t limit) {
  auto stmt = conn->prepare(std::string(kCampaignSelect) +
                            " ORDER BY created_ms DESC, id DESC LIMIT ?1 OFFSET ?2");
  if (!stmt) return stmt.error();
  stmt->bind(1, clamp(limit)).bind(2, clamp(offset));
  return read_all<CampaignRecord>(*stmt, read_campaign);
}

Result<std::vector<CampaignTargetRecord>> query_campaign_targets(Connection* conn,
                                                                 const CampaignTargetQuery& q) {
  auto stmt = conn->prepare(targets_sql(q));
  if (!stmt) return stmt.error();
  stmt->bind(kTargetCampaign, q.campaign_id);
  if (q.stage >= 0) stmt->bind(kTargetStage, int64_t{q.stage});
  if (!q.state.empty()) stmt->bind_text(kTargetState, q.state);
  stmt->bind(kTargetLimit, clamp(q.limit)).bind(kTargetOffset, clamp(q.offset));
  return read_all<CampaignTargetRecord>(*stmt, read_target);
}

// One pass over the covering index devices_fleet (migration 6), whose order is the GROUP BY's:
// no temporary b-tree, no read of the wide device rows (about 30 ms at 100,000 devices, against
// 300-400 ms for a scan of the table grouped by the model expression). The groups are by model
// name and product class; those that fall back to the same model (an empty model name) are
// merged here, which touches a few hundred rows at most.
Result<FleetDeviceCounts> query_fleet_device_counts(Connection* conn, int64_t online_after_ms) {
  auto stmt = conn->prepare(
      "SELECT model_name, product_class, software_version, COUNT(*), "
      "SUM(last_inform_ms >= ?1) FROM devices "
      "GROUP BY model_name, product_class, software_version");
  if (!stmt) return stmt.error();
  stmt->bind(1, online_after_ms);
  std::map<std::pair<std::string, std::string>, FleetVersionCount> groups;
  FleetDeviceCounts out;
  for (;;) {
    auto row = stmt->step();
    if (!row) return row.error();
    if (!*row) break;
    std::string model = stmt->column_text(0);
    if (model.empty()) model = stmt->column_text(1);
    std::string version = stmt->column_text(2);
    const auto devices = static_cast<uint64_t>(stmt->column_int64(3));
    const auto online = static_cast<uint64_t>(stmt->column_int64(4));
    FleetVersionCount& g = groups[{model, version}];
    g.model = std::move(model);
    g.software_version = std::move(version);
    g.devices += devices;
    g.online += online;
    out.devices += devices;
    out.online += online;
  }
  for (auto& [key, g] : groups) out.versions.push_back(std::move(g));
  // By model, then devices descending; the map's order leaves equal counts by version.
  std::stable_sort(out.versions.begin(), out.versions.end(),
                   [](const FleetVersionCount& a, const FleetVersionCount& b) {
                     if (a.model != b.model) return a.model < b.model;
                     return a.devices > b.devices;
                   });
  return out;
}

}  // namespace hearth::store::sqlite
