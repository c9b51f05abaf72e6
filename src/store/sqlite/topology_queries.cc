// SQL reads of regions, access nodes, subscribers and homes (topology_queries.h).
#include "store/sqlite/topology_queries.h"

#include "core/strings.h"
#include "store/sqlite/query_support.h"

namespace hearth::store::sqlite {

namespace {

const char* const kRegionSelect = "SELECT id, name, created_ms, updated_ms FROM regions";
RegionRecord read_region(const Statement& s) {
  return RegionRecord{s.column_text(0), s.column_text(1), s.column_int64(2), s.column_int64(3)};
}

const char* const kAccessNodeSelect =
    "SELECT id, name, kind, region_id, created_ms, updated_ms FROM access_nodes";
AccessNodeRecord read_access_node(const Statement& s) {
  return AccessNodeRecord{s.column_text(0), s.column_text(1),  s.column_text(2),
                          s.column_text(3), s.column_int64(4), s.column_int64(5)};
}

const char* const kSubscriberSelect =
    "SELECT account, name, email, street, postal_code, city, password_hash, created_ms, updated_ms "
    "FROM subscribers";
SubscriberRecord read_subscriber(const Statement& s) {
  SubscriberRecord r;
  r.account = s.column_text(0);
  r.name = s.column_text(1);
  r.email = s.column_text(2);
  r.street = s.column_text(3);
  r.postal_code = s.column_text(4);
  r.city = s.column_text(5);
  r.password_hash = s.column_text(6);
  r.created_ms = s.column_int64(7);
  r.updated_ms = s.column_int64(8);
  return r;
}

// Homes: column 0 is the key (for reading the devices), the record starts at column 1.
const char* const kHomeColumns =
    "h.key, h.id, h.account, h.access_node_id, h.created_ms, h.updated_ms, h.plan_down_kbps, "
    "h.plan_up_kbps";
struct KeyedHome {
  int64_t key = 0;
  HomeRecord home;
};
KeyedHome read_home(const Statement& s) {
  KeyedHome k;
  k.key = s.column_int64(0);
  k.home.id = s.column_text(1);
  k.home.account = s.column_text(2);
  k.home.access_node_id = s.column_text(3);
  k.home.created_ms = s.column_int64(4);
  k.home.updated_ms = s.column_int64(5);
  k.home.plan_down_kbps = static_cast<uint32_t>(s.column_int64(6));
  k.home.plan_up_kbps = static_cast<uint32_t>(s.column_int64(7));
  return k;
}

Status read_home_devices(Connection* conn, int64_t home_key, HomeRecord* home) {
  auto stmt = conn->prepare(
      "SELECT role, device_id, serial, oui, product_class, manufacturer FROM home_devices "
      "WHERE home_key = ?1 ORDER BY position");
  if (!stmt) return stmt.error();
  stmt->bind(1, home_key);
  auto devices = read_all<HomeDevice>(*stmt, [](const Statement& s) {
    return HomeDevice{s.column_text(0), s.column_text(1), s.column_text(2),
                      s.column_text(3), s.column_text(4), s.column_text(5)};
  });
  if (!devices) return devices.error();
  home->devices = std::move(*devices);
  return ok_status();
}

// One home found by `sql` (?1 = key text), with its devices, in one read transaction.
Result<std::optional<HomeRecord>> home_where(Connection* conn, const std::string& sql,
                                             const std::string& key) {
  ReadTransaction txn(conn);
  if (!txn.status()) return txn.status().error();
  auto found = one_by_text<KeyedHome>(conn, sql, key, read_home);
  if (!found) return found.error();
  if (!found->has_value()) return std::optional<HomeRecord>();
  KeyedHome& k = **found;
  if (Status s = read_home_devices(conn, k.key, &k.home); !s) return s.error();
  return std::optional<HomeRecord>(std::move(k.home));
}

// Parameter numbers are fixed per field, so the SQL text depends only on which fields are set.
enum Param { kAccessNode = 1, kRegion, kAccount, kText, kLimit, kOffset };

std::string homes_from_where(const HomeQuery& q) {
  std::string sql = " FROM homes h";
  if (!q.text.empty()) sql += " JOIN subscribers s ON s.account = h.account";
  sql += " WHERE 1";
  if (!q.access_node.empty()) sql += " AND h.access_node_id = ?1";
  if (!q.region.empty())
    sql += " AND h.access_node_id IN (SELECT id FROM access_nodes WHERE region_id = ?2)";
  if (!q.account.empty()) sql += " AND h.account = ?3";
  if (!q.text.empty()) {
    sql +=
        " AND (instr(lower(h.id), ?4) > 0 OR instr(lower(h.account), ?4) > 0 OR "
        "instr(lower(s.name), ?4) > 0 OR instr(lower(s.email), ?4) > 0 OR "
        "instr(lower(s.street), ?4) > 0 OR instr(lower(s.postal_code), ?4) > 0 OR "
        "instr(lower(s.city), ?4) > 0)";
  }
  return sql;
}

void bind_homes_where(Statement* s, const HomeQuery& q, const std::string& folded_text) {
  if (!q.access_node.empty()) s->bind_text(kAccessNode, q.access_node);
  if (!q.region.empty()) s->bind_text(kRegion, q.region);
  if (!q.account.empty()) s->bind_text(kAccount, q.account);
  if (!q.text.empty()) s->bind_text(kText, folded_text);
}

}  // namespace

Result<std::optional<RegionRecord>> query_region(Connection* conn, const std::string& id) {
  static const std::string sql = std::string(kRegionSelect) + " WHERE id = ?1";
  return one_by_text<RegionRecord>(conn, sql, id, read_region);
}

Result<std::vector<RegionRecord>> query_regions(Connection* conn) {
  auto stmt = conn->prepare(std::string(kRegionSelect) + " ORDER BY id");
  if (!stmt) return stmt.error();
  return read_all<RegionRecord>(*stmt, read_region);
}

Result<std::optional<AccessNodeRecord>> query_access_node(Connection* conn, const std::string& id) {
  static const std::string sql = std::string(kAccessNodeSelect) + " WHERE id = ?1";
  return one_by_text<AccessNodeRecord>(conn, sql, id, read_access_node);
}

Result<std::vector<AccessNodeRecord>> query_access_nodes(Connection* conn,
                                                         const std::string& region_id) {
  auto stmt =
      conn->prepare(std::string(kAccessNodeSelect) +
                    (region_id.empty() ? " ORDER BY id" : " WHERE region_id = ?1 ORDER BY id"));
  if (!stmt) return stmt.error();
  if (!region_id.empty()) stmt->bind_text(1, region_id);
  return read_all<AccessNodeRecord>(*stmt, read_access_node);
}

Result<std::optional<SubscriberRecord>> query_subscriber(Connection* conn,
                                                         const std::string& account) {
  static const std::string sql = std::string(kSubscriberSelect) + " WHERE account = ?1";
  return one_by_text<SubscriberRecord>(conn, sql, account, read_subscriber);
}

Result<std::optional<SubscriberRecord>> query_subscriber_by_email(Connection* conn,
                                                                  const std::string& email) {
  if (email.empty()) return std::optional<SubscriberRecord>();
  // The term email_folded <> '' lets SQLite use the partial unique index.
  static const std::string sql =
      std::string(kSubscriberSelect) + " WHERE email_folded = ?1 AND email_folded <> ''";
  return one_by_text<SubscriberRecord>(conn, sql, to_lower(email), read_subscriber);
}

Result<std::optional<HomeRecord>> query_home(Connection* conn, const std::string& id) {
  static const std::string sql =
      std::string("SELECT ") + kHomeColumns + " FROM homes h WHERE h.id = ?1";
  return home_where(conn, sql, id);
}

Result<std::optional<HomeRecord>> query_home_for_device(Connection* conn,
                                                        const std::string& device_id) {
  static const std::string sql =
      std::string("SELECT ") + kHomeColumns +
      " FROM home_devices d JOIN homes h ON h.key = d.home_key WHERE d.device_id = ?1";
  return home_where(conn, sql, device_id);
}

Result<HomePage> query_homes(Connection* conn, const HomeQuery& q) {
  ReadTransaction txn(conn);
  if (!txn.status()) return txn.status().error();
  const std::string from_where = homes_from_where(q);
  const std::string folded = to_lower(q.text);
  HomePage page;
  {
    auto count = conn->prepare("SELECT count(*)" + from_where);
    if (!count) return count.error();
    bind_homes_where(&*count, q, folded);
    auto row = count->step();
    if (!row) return row.error();
    page.total = *row ? static_cast<size_t>(count->column_int64(0)) : 0;
  }
  std::vector<KeyedHome> keyed;
  {
    auto stmt = conn->prepare(std::string("SELECT ") + kHomeColumns + from_where +
                              " ORDER BY h.id LIMIT ?5 OFFSET ?6");
    if (!stmt) return stmt.error();
    bind_homes_where(&*stmt, q, folded);
    stmt->bind(kLimit, clamp(q.limit)).bind(kOffset, clamp(q.offset));
    auto rows = read_all<KeyedHome>(*stmt, read_home);
    if (!rows) return rows.error();
    keyed = std::move(*rows);
  }
  page.homes.reserve(keyed.size());
  for (KeyedHome& k : keyed) {
    if (Status s = read_home_devices(conn, k.key, &k.home); !s) return s.error();
    page.homes.push_back(std::move(k.home));
  }
  return page;
}

Result<std::map<std::string, uint64_t>> query_home_counts(Connection* conn) {
  auto stmt = conn->prepare("SELECT access_node_id, count(*) FROM homes GROUP BY access_node_id");
  if (!stmt) return stmt.error();
  std::map<std::string, uint64_t> out;
  for (;;) {
    auto row = stmt->step();
    if (!row) return row.error();
    if (!*row) return out;
    out[stmt->column_text(0)] = static_cast<uint64_t>(stmt->column_int64(1));
  }
}

}  // namespace hearth::store::sqlite
