// Reads of incidents (with their homes), maintenance windows, webhooks and the webhook outbox,
// on a read connection (the filters and orders are those of store.h). Any thread holding the
// connection. Incidents are read with their homes inside one read transaction.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "store/sqlite/connection.h"
#include "store/store.h"

namespace hearth::store::sqlite {

Result<std::optional<IncidentRecord>> query_incident(Connection* conn, int64_t id);
Result<std::vector<IncidentRecord>> query_incidents(Connection* conn, const IncidentQuery& query);
Result<std::vector<MaintenanceRecord>> query_maintenance_windows(Connection* conn,
                                                                 int64_t ends_after_ms);
Result<std::optional<MaintenanceRecord>> query_maintenance(Connection* conn, const std::string& id);
Result<std::vector<WebhookRecord>> query_webhooks(Connection* conn);
Result<std::vector<WebhookDeliveryRecord>> query_webhook_deliveries(Connection* conn, size_t limit);
// The largest incident id ever stored (0: none), from the AUTOINCREMENT sequence.
Result<int64_t> query_max_incident_id(Connection* conn);

}  // namespace hearth::store::sqlite
