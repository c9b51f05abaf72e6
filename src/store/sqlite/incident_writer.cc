// SQL writes of incidents, maintenance and webhooks (incident_writer.h).
#include "store/sqlite/incident_writer.h"

#include <algorithm>

namespace hearth::store::sqlite {

std::string join_events(const std::vector<std::string>& events) {
  std::string out;
  for (const auto& e : events) {
    if (!out.empty()) out += '\n';
    out += e;
  }
  return out;
}

std::vector<std::string> split_events(const std::string& stored) {
  std::vector<std::string> out;
  if (stored.empty()) return out;
  size_t start = 0;
  for (;;) {
    const size_t end = stored.find('\n', start);
    out.push_back(stored.substr(start, end == std::string::npos ? std::string::npos : end - start));
    if (end == std::string::npos) return out;
    start = end + 1;
  }
}

Status IncidentWriter::run_keyed(const char* sql, const std::string& key) {
  auto stmt = conn_->prepare(sql);
  if (!stmt) return stmt.error();
  stmt->bind_text(1, key);
  return stmt->run();
}

Status IncidentWriter::put_incident(const PutIncident& op) {
  const IncidentRecord& r = op.incident;
  {
    // An upsert, not INSERT OR REPLACE: the row keeps its place and its home rows are replaced
    // below, whatever SQLite does with foreign-key actions on a REPLACE.
    auto stmt = conn_->prepare(
        "INSERT INTO incidents (id, scope, access_node_id, region_id, state, suspected_ms, "
        "confirmed_ms, resolved_ms, updated_ms, json) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, "
        "?10) ON CONFLICT (id) DO UPDATE SET scope = excluded.scope, "
        "access_node_id = excluded.access_node_id, region_id = excluded.region_id, "
        "state = excluded.state, suspected_ms = excluded.suspected_ms, "
        "confirmed_ms = excluded.confirmed_ms, resolved_ms = excluded.resolved_ms, "
        "updated_ms = excluded.updated_ms, json = excluded.json");
    if (!stmt) return stmt.error();
    stmt->bind(1, r.id).bind_text(2, r.scope).bind_text(3, r.access_node_id);
    stmt->bind_text(4, r.region_id).bind_text(5, r.state).bind(6, r.suspected_ms);
    stmt->bind(7, r.confirmed_ms).bind(8, r.resolved_ms).bind(9, r.updated_ms);
    stmt->bind_text(10, r.json);
    if (Status s = stmt->run(); !s) return s;
  }
  {
    auto stmt = conn_->prepare("DELETE FROM incident_homes WHERE incident_id = ?1");
    if (!stmt) return stmt.error();
    stmt->bind(1, r.id);
    if (Status s = stmt->run(); !s) return s;
  }
  std::vector<std::string> homes = r.homes;
  std::sort(homes.begin(), homes.end());
  homes.erase(std::unique(homes.begin(), homes.end()), homes.end());
  for (const auto& home : homes) {
    auto stmt = conn_->prepare("INSERT INTO incident_homes (incident_id, home_id) VALUES (?1, ?2)");
    if (!stmt) return stmt.error();
    stmt->bind(1, r.id).bind_text(2, home);
    if (Status s = stmt->run(); !s) return s;
  }
  return ok_status();
}

Status IncidentWriter::put_maintenance(const PutMaintenance& op) {
  auto stmt = conn_->prepare(
      "INSERT OR REPLACE INTO maintenance (id, access_node_id, region_id, start_ms, end_ms, json) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
  if (!stmt) return stmt.error();
  const MaintenanceRecord& m = op.maintenance;
  stmt->bind_text(1, m.id).bind_text(2, m.access_node_id).bind_text(3, m.region_id);
  stmt->bind(4, m.start_ms).bind(5, m.end_ms).bind_text(6, m.json);
  return stmt->run();
}

Status IncidentWriter::delete_maintenance(const DeleteMaintenance& op) {
  return run_keyed("DELETE FROM maintenance WHERE id = ?1", op.maintenance_id);
}

Status IncidentWriter::put_webhook(const PutWebhook& op) {
  auto stmt = conn_->prepare(
      "INSERT OR REPLACE INTO webhooks (id, url, secret, events, enabled, created_ms) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
  if (!stmt) return stmt.error();
  const WebhookRecord& w = op.webhook;
  const std::string events = join_events(w.events);  // bound without a copy: must outlive run()
  stmt->bind_text(1, w.id).bind_text(2, w.url).bind_text(3, w.secret);
  stmt->bind_text(4, events).bind(5, w.enabled ? 1 : 0).bind(6, w.created_ms);
  return stmt->run();
}

Status IncidentWriter::delete_webhook(const DeleteWebhook& op) {
  if (Status s = run_keyed("DELETE FROM webhook_deliveries WHERE webhook_id = ?1", op.webhook_id);
      !s) {
    return s;
  }
  return run_keyed("DELETE FROM webhooks WHERE id = ?1", op.webhook_id);
}

Status IncidentWriter::put_delivery(const PutWebhookDelivery& op) {
  auto stmt = conn_->prepare(
      "INSERT OR REPLACE INTO webhook_deliveries (id, webhook_id, event, body, attempts, "
      "next_attempt_ms, created_ms, last_error) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
  if (!stmt) return stmt.error();
  const WebhookDeliveryRecord& d = op.delivery;
  stmt->bind_text(1, d.id).bind_text(2, d.webhook_id).bind_text(3, d.event).bind_text(4, d.body);
  stmt->bind(5, static_cast<int64_t>(d.attempts)).bind(6, d.next_attempt_ms);
  stmt->bind(7, d.created_ms).bind_text(8, d.last_error);
  return stmt->run();
}

Status IncidentWriter::delete_delivery(const DeleteWebhookDelivery& op) {
  return run_keyed("DELETE FROM webhook_deliveries WHERE id = ?1", op.delivery_id);
}

Status IncidentWriter::prune(const PruneIncidents& op) {
  if (op.resolved_before_ms != 0) {
    auto stmt =
        conn_->prepare("DELETE FROM incidents WHERE state = 'resolved' AND resolved_ms < ?1");
    if (!stmt) return stmt.error();
    stmt->bind(1, op.resolved_before_ms);
    if (Status s = stmt->run(); !s) return s;
  }
  if (op.maintenance_before_ms != 0) {
    auto stmt = conn_->prepare("DELETE FROM maintenance WHERE end_ms < ?1");
    if (!stmt) return stmt.error();
    stmt->bind(1, op.maintenance_before_ms);
    if (Status s = stmt->run(); !s) return s;
  }
  return ok_status();
}

}  // namespace hearth::store::sqlite
