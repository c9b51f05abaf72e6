// Writes of incidents (with their homes), maintenance windows, webhooks and the webhook outbox,
// and their retention, on the writer's connection inside the open transaction (semantics:
// store.h). Writer thread only.
#pragma once

#include <string>
#include <vector>

#include "core/result.h"
#include "store/sqlite/connection.h"
#include "store/store.h"

namespace hearth::store::sqlite {

class IncidentWriter {
 public:
  explicit IncidentWriter(Connection* conn) : conn_(conn) {}

  // Upserts the incident row, then replaces its home rows.
  Status put_incident(const PutIncident& op);
  Status put_maintenance(const PutMaintenance& op);
  Status delete_maintenance(const DeleteMaintenance& op);
  Status put_webhook(const PutWebhook& op);
  Status delete_webhook(const DeleteWebhook& op);  // and its deliveries
  Status put_delivery(const PutWebhookDelivery& op);
  Status delete_delivery(const DeleteWebhookDelivery& op);
  Status prune(const PruneIncidents& op);  // home rows go by ON DELETE CASCADE

 private:
  Status run_keyed(const char* sql, const std::string& key);

  Connection* conn_;
};

// A webhook's event list as stored (one event per line) and back.
std::string join_events(const std::vector<std::string>& events);
std::vector<std::string> split_events(const std::string& stored);

}  // namespace hearth::store::sqlite
