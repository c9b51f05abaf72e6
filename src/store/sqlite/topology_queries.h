// Reads of regions, access nodes, subscribers and homes, on a read connection. Any thread holding
// the connection. A home is read with its devices inside one read transaction.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "store/sqlite/connection.h"
#include "store/store.h"

namespace hearth::store::sqlite {

Result<std::optional<RegionRecord>> query_region(Connection* conn, const std::string& id);
Result<std::vector<RegionRecord>> query_regions(Connection* conn);
Result<std::optional<AccessNodeRecord>> query_access_node(Connection* conn, const std::string& id);
Result<std::vector<AccessNodeRecord>> query_access_nodes(Connection* conn,
                                                         const std::string& region_id);
Result<std::optional<SubscriberRecord>> query_subscriber(Connection* conn,
                                                         const std::string& account);
Result<std::optional<SubscriberRecord>> query_subscriber_by_email(Connection* conn,
                                                                  const std::string& email);
Result<std::optional<HomeRecord>> query_home(Connection* conn, const std::string& id);
Result<HomePage> query_homes(Connection* conn, const HomeQuery& query);
Result<std::optional<HomeRecord>> query_home_for_device(Connection* conn,
                                                        const std::string& device_id);
Result<std::map<std::string, uint64_t>> query_home_counts(Connection* conn);

}  // namespace hearth::store::sqlite
