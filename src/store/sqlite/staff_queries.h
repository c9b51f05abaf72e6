// Reads of users, campaigns, campaign targets and the fleet's device counts, on a read
// connection (the filters and orders are those of store.h). Any thread holding the connection.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "store/sqlite/connection.h"
#include "store/store.h"

namespace hearth::store::sqlite {

Result<std::optional<UserRecord>> query_user(Connection* conn, const std::string& id);
Result<std::optional<UserRecord>> query_user_by_login(Connection* conn, const std::string& login);
Result<std::vector<UserRecord>> query_users(Connection* conn);
Result<std::optional<CampaignRecord>> query_campaign(Connection* conn, int64_t id);
Result<std::vector<CampaignRecord>> query_campaigns(Connection* conn, size_t offset, size_t limit);
Result<std::vector<CampaignTargetRecord>> query_campaign_targets(Connection* conn,
                                                                 const CampaignTargetQuery& query);
// One GROUP BY over the devices' fleet index (see the note in staff_queries.cc).
Result<FleetDeviceCounts> query_fleet_device_counts(Connection* conn, int64_t online_after_ms);

}  // namespace hearth::store::sqlite
