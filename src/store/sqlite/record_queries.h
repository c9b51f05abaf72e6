// Reads of tasks, faults, events, files, profiles, tokens, meta and the counts in StoreStats, on
// a read connection. Any thread holding the connection.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "store/sqlite/connection.h"
#include "store/store.h"

namespace hearth::store::sqlite {

Result<std::optional<TaskRecord>> query_task(Connection* conn, int64_t task_id);
Result<std::vector<TaskRecord>> query_tasks(Connection* conn, const TaskQuery& query);
Result<std::vector<FaultRecord>> query_faults(Connection* conn, const std::string& device_id,
                                              size_t limit);
Result<std::vector<EventRecord>> query_events(Connection* conn, const std::string& device_id,
                                              size_t limit);
Result<std::optional<FileRecord>> query_file(Connection* conn, const std::string& id);
Result<std::vector<FileRecord>> query_files(Connection* conn);
Result<std::optional<ProfileRecord>> query_profile(Connection* conn, const std::string& name);
Result<std::vector<ProfileRecord>> query_profiles(Connection* conn);
Result<std::optional<TokenRecord>> query_token_by_hash(Connection* conn, const std::string& hash);
Result<std::vector<TokenRecord>> query_tokens(Connection* conn);
Result<std::optional<std::string>> query_meta(Connection* conn, const std::string& key);
// Fills tasks_pending, tasks_running, faults and max_task_id.
Status query_record_counts(Connection* conn, StoreStats* stats);

}  // namespace hearth::store::sqlite
