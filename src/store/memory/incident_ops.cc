// MemoryState changes for the incident, maintenance and webhook ops (incident_ops.h).
#include "store/memory/incident_ops.h"

#include <algorithm>
#include <string>

namespace hearth::store::memory {

Status apply_incident_op(const PutIncident& op, MemoryState* s, UndoLog* undo) {
  IncidentRecord r = op.incident;
  // Homes come back sorted and without duplicates, as SQLite's key on (incident, home) keeps them.
  std::sort(r.homes.begin(), r.homes.end());
  r.homes.erase(std::unique(r.homes.begin(), r.homes.end()), r.homes.end());
  undo->remember_value(&s->max_incident_id);
  s->max_incident_id = std::max(s->max_incident_id, r.id);
  undo->remember(&s->incidents, r.id);
  s->incidents[r.id] = std::move(r);
  return ok_status();
}

Status apply_incident_op(const PutMaintenance& op, MemoryState* s, UndoLog* undo) {
  undo->remember(&s->maintenance, op.maintenance.id);
  s->maintenance[op.maintenance.id] = op.maintenance;
  return ok_status();
}

Status apply_incident_op(const DeleteMaintenance& op, MemoryState* s, UndoLog* undo) {
  undo->remember(&s->maintenance, op.maintenance_id);
  s->maintenance.erase(op.maintenance_id);
  return ok_status();
}

Status apply_incident_op(const PutWebhook& op, MemoryState* s, UndoLog* undo) {
  undo->remember(&s->webhooks, op.webhook.id);
  s->webhooks[op.webhook.id] = op.webhook;
  return ok_status();
}

Status apply_incident_op(const DeleteWebhook& op, MemoryState* s, UndoLog* undo) {
  undo->remember(&s->webhooks, op.webhook_id);
  s->webhooks.erase(op.webhook_id);
  erase_where(
      &s->webhook_deliveries,
      [&](const WebhookDeliveryRecord& d) { return d.webhook_id == op.webhook_id; }, undo);
  return ok_status();
}

Status apply_incident_op(const PutWebhookDelivery& op, MemoryState* s, UndoLog* undo) {
  undo->remember(&s->webhook_deliveries, op.delivery.id);
  s->webhook_deliveries[op.delivery.id] = op.delivery;
  return ok_status();
}

Status apply_incident_op(const DeleteWebhookDelivery& op, MemoryState* s, UndoLog* undo) {
  undo->remember(&s->webhook_deliveries, op.delivery_id);
  s->webhook_deliveries.erase(op.delivery_id);
  return ok_status();
}

Status apply_incident_op(const PruneIncidents& op, MemoryState* s, UndoLog* undo) {
  if (op.resolved_before_ms != 0) {
    erase_where(
        &s->incidents,
        [&](const IncidentRecord& r) {
          return r.state == "resolved" && r.resolved_ms < op.resolved_before_ms;
        },
        undo);
  }
  if (op.maintenance_before_ms != 0) {
    erase_where(
        &s->maintenance,
        [&](const MaintenanceRecord& m) { return m.end_ms < op.maintenance_before_ms; }, undo);
  }
  return ok_status();
}

}  // namespace hearth::store::memory
