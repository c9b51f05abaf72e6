// SQL reads of incidents, maintenance and webhooks (incident_queries.h).
#include "store/sqlite/incident_queries.h"

#include "store/sqlite/incident_writer.h"
#include "store/sqlite/query_support.h"

namespace hearth::store::sqlite {

namespace {

const char* const kIncidentSelect =
    "SELECT i.id, i.scope, i.access_node_id, i.region_id, i.state, i.suspected_ms, "
    "i.confirmed_ms, i.resolved_ms, i.updated_ms, i.json FROM incidents i";
IncidentRecord read_incident(const Statement& s) {
  IncidentRecord r;
  r.id = s.column_int64(0);
  r.scope = s.column_text(1);
  r.access_node_id = s.column_text(2);
  r.region_id = s.column_text(3);
  r.state = s.column_text(4);
  r.suspected_ms = s.column_int64(5);
  r.confirmed_ms = s.column_int64(6);
  r.resolved_ms = s.column_int64(7);
  r.updated_ms = s.column_int64(8);
  r.json = s.column_text(9);
  return r;
}

Status read_incident_homes(Connection* conn, IncidentRecord* r) {
  auto stmt =
      conn->prepare("SELECT home_id FROM incident_homes WHERE incident_id = ?1 ORDER BY home_id");
  if (!stmt) return stmt.error();
  stmt->bind(1, r->id);
  auto homes = read_all<std::string>(*stmt, [](const Statement& s) { return s.column_text(0); });
  if (!homes) return homes.error();
  r->homes = std::move(*homes);
  return ok_status();
}

// Parameter numbers are fixed per field, so the SQL text depends only on which are set.
enum Param { kState = 1, kAccessNode, kRegion, kHome, kFrom, kTo, kLimit, kOffset };

std::string incidents_sql(const IncidentQuery& q) {
  std::string sql = std::string(kIncidentSelect) + " WHERE 1";
  if (q.state == "open") {
    sql += " AND i.state IN ('suspected', 'confirmed')";
  } else if (!q.state.empty()) {
    sql += " AND i.state = ?1";
  }
  if (!q.access_node.empty()) sql += " AND i.access_node_id = ?2";
  if (!q.region.empty()) sql += " AND i.region_id = ?3";
  if (!q.home_id.empty()) {
    sql += " AND i.id IN (SELECT incident_id FROM incident_homes WHERE home_id = ?4)";
  }
  // Overlaps [from_ms, to_ms): still open or resolved at or after from_ms, and suspected
  // before to_ms.
  if (q.from_ms != 0) sql += " AND (i.state <> 'resolved' OR i.resolved_ms >= ?5)";
  if (q.to_ms != 0) sql += " AND i.suspected_ms < ?6";
  sql += " ORDER BY i.suspected_ms DESC, i.id DESC LIMIT ?7 OFFSET ?8";
  return sql;
}

const char* const kMaintenanceSelect =
    "SELECT id, access_node_id, region_id, start_ms, end_ms, json FROM maintenance";
MaintenanceRecord read_maintenance(const Statement& s) {
  return MaintenanceRecord{s.column_text(0),  s.column_text(1),  s.column_text(2),
                           s.column_int64(3), s.column_int64(4), s.column_text(5)};
}

WebhookRecord read_webhook(const Statement& s) {
  WebhookRecord w;
  w.id = s.column_text(0);
  w.url = s.column_text(1);
  w.secret = s.column_text(2);
  w.events = split_events(s.column_text(3));
  w.enabled = s.column_int64(4) != 0;
  w.created_ms = s.column_int64(5);
  return w;
}

WebhookDeliveryRecord read_delivery(const Statement& s) {
  WebhookDeliveryRecord d;
  d.id = s.column_text(0);
  d.webhook_id = s.column_text(1);
  d.event = s.column_text(2);
  d.body = s.column_text(3);
  d.attempts = static_cast<uint32_t>(s.column_int64(4));
  d.next_attempt_ms = s.column_int64(5);
  d.created_ms = s.column_int64(6);
  d.last_error = s.column_text(7);
  return d;
}

}  // namespace

Result<std::optional<IncidentRecord>> query_incident(Connection* conn, int64_t id) {
  ReadTransaction txn(conn);
  if (!txn.status()) return txn.status().error();
  auto stmt = conn->prepare(std::string(kIncidentSelect) + " WHERE i.id = ?1");
  if (!stmt) return stmt.error();
  stmt->bind(1, id);
  auto found = read_one<IncidentRecord>(*stmt, read_incident);
  if (!found) return found.error();
  if (found->has_value()) {
    if (Status s = read_incident_homes(conn, &**found); !s) return s.error();
  }
  return found;
}

Result<std::vector<IncidentRecord>> query_incidents(Connection* conn, const IncidentQuery& q) {
  ReadTransaction txn(conn);
  if (!txn.status()) return txn.status().error();
  std::vector<IncidentRecord> out;
  {
    auto stmt = conn->prepare(incidents_sql(q));
    if (!stmt) return stmt.error();
    if (!q.state.empty() && q.state != "open") stmt->bind_text(kState, q.state);
    if (!q.access_node.empty()) stmt->bind_text(kAccessNode, q.access_node);
    if (!q.region.empty()) stmt->bind_text(kRegion, q.region);
    if (!q.home_id.empty()) stmt->bind_text(kHome, q.home_id);
    if (q.from_ms != 0) stmt->bind(kFrom, q.from_ms);
    if (q.to_ms != 0) stmt->bind(kTo, q.to_ms);
    stmt->bind(kLimit, clamp(q.limit)).bind(kOffset, clamp(q.offset));
    auto rows = read_all<IncidentRecord>(*stmt, read_incident);
    if (!rows) return rows.error();
    out = std::move(*rows);
  }
  for (IncidentRecord& r : out) {
    if (Status s = read_incident_homes(conn, &r); !s) return s.error();
  }
  return out;
}

Result<std::vector<MaintenanceRecord>> query_maintenance_windows(Connection* conn,
                                                                 int64_t ends_after_ms) {
  auto stmt = conn->prepare(std::string(kMaintenanceSelect) +
                            (ends_after_ms == 0 ? " ORDER BY start_ms, id"
                                                : " WHERE end_ms >= ?1 ORDER BY start_ms, id"));
  if (!stmt) return stmt.error();
  if (ends_after_ms != 0) stmt->bind(1, ends_after_ms);
  return read_all<MaintenanceRecord>(*stmt, read_maintenance);
}

Result<std::optional<MaintenanceRecord>> query_maintenance(Connection* conn,
                                                           const std::string& id) {
  static const std::string sql = std::string(kMaintenanceSelect) + " WHERE id = ?1";
  return one_by_text<MaintenanceRecord>(conn, sql, id, read_maintenance);
}

Result<std::vector<WebhookRecord>> query_webhooks(Connection* conn) {
  auto stmt = conn->prepare(
      "SELECT id, url, secret, events, enabled, created_ms FROM webhooks ORDER BY id");
  if (!stmt) return stmt.error();
  return read_all<WebhookRecord>(*stmt, read_webhook);
}

Result<std::vector<WebhookDeliveryRecord>> query_webhook_deliveries(Connection* conn,
                                                                    size_t limit) {
  auto stmt = conn->prepare(
      "SELECT id, webhook_id, event, body, attempts, next_attempt_ms, created_ms, last_error "
      "FROM webhook_deliveries ORDER BY next_attempt_ms, id LIMIT ?1");
  if (!stmt) return stmt.error();
  stmt->bind(1, clamp(limit));
  return read_all<WebhookDeliveryRecord>(*stmt, read_delivery);
}

Result<int64_t> query_max_incident_id(Connection* conn) {
  return query_sequence(conn, "incidents");
}

}  // namespace hearth::store::sqlite
