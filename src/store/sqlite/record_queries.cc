#include "store/sqlite/record_queries.h"

#include "store/sqlite/query_support.h"
#include "store/sqlite/row_codec.h"

namespace hearth::store::sqlite {

namespace {

template <typename T, typename Read>
Result<std::vector<T>> all(Connection* conn, const std::string& sql, Read read) {
  auto stmt = conn->prepare(sql);
  if (!stmt) return stmt.error();
  return read_all<T>(*stmt, read);
}

Result<int64_t> scalar(Connection* conn, const std::string& sql, const char* text_param) {
  auto stmt = conn->prepare(sql);
  if (!stmt) return stmt.error();
  if (text_param != nullptr) stmt->bind_text(1, text_param);
  auto row = stmt->step();
  if (!row) return row.error();
  return *row ? stmt->column_int64(0) : 0;
}

const std::string kTaskFrom =
    std::string("SELECT ") + kTaskSelect + " FROM tasks t JOIN devices d ON d.key = t.device_key";
const std::string kFaultFrom =
    std::string("SELECT ") + kFaultSelect + " FROM faults f JOIN devices d ON d.key = f.device_key";

}  // namespace

Result<std::optional<TaskRecord>> query_task(Connection* conn, int64_t task_id) {
  auto stmt = conn->prepare(kTaskFrom + " WHERE t.id = ?1");
  if (!stmt) return stmt.error();
  stmt->bind(1, task_id);
  return read_one<TaskRecord>(*stmt, read_task);
}

Result<std::vector<TaskRecord>> query_tasks(Connection* conn, const TaskQuery& q) {
  std::string sql = kTaskFrom + " WHERE 1";
  if (!q.device_id.empty()) sql += " AND d.id = ?1";
  if (q.state) sql += " AND t.state = ?2";
  if (q.due_before_ms != 0) sql += " AND t.next_attempt_ms <= ?3";
  sql += " ORDER BY t.id LIMIT ?4 OFFSET ?5";
  auto stmt = conn->prepare(sql);
  if (!stmt) return stmt.error();
  if (!q.device_id.empty()) stmt->bind_text(1, q.device_id);
  if (q.state) stmt->bind_text(2, task_state_name(*q.state));
  if (q.due_before_ms != 0) stmt->bind(3, q.due_before_ms);
  stmt->bind(4, clamp(q.limit)).bind(5, clamp(q.offset));
  return read_all<TaskRecord>(*stmt, read_task);
}

Result<std::vector<FaultRecord>> query_faults(Connection* conn, const std::string& device_id,
                                              size_t limit) {
  auto stmt = conn->prepare(device_id.empty()
                                ? kFaultFrom + " ORDER BY f.id DESC LIMIT ?2"
                                : kFaultFrom + " WHERE d.id = ?1 ORDER BY f.id DESC LIMIT ?2");
  if (!stmt) return stmt.error();
  if (!device_id.empty()) stmt->bind_text(1, device_id);
  stmt->bind(2, clamp(limit));
  return read_all<FaultRecord>(*stmt, read_fault);
}

Result<std::vector<EventRecord>> query_events(Connection* conn, const std::string& device_id,
                                              size_t limit) {
  auto stmt = conn->prepare(
      "SELECT time_ms, code, command_key FROM events "
      "WHERE device_key = (SELECT key FROM devices WHERE id = ?1) "
      "ORDER BY time_ms DESC, id DESC LIMIT ?2");
  if (!stmt) return stmt.error();
  stmt->bind_text(1, device_id).bind(2, clamp(limit));
  return read_all<EventRecord>(*stmt, [&](const Statement& s) {
    EventRecord e;
    e.device_id = device_id;
    e.time_ms = s.column_int64(0);
    e.code = s.column_text(1);
    e.command_key = s.column_text(2);
    return e;
  });
}

Result<std::optional<FileRecord>> query_file(Connection* conn, const std::string& id) {
  static const std::string sql = std::string("SELECT ") + kFileColumns + " FROM files WHERE id = ?1";
  return one_by_text<FileRecord>(conn, sql, id, read_file);
}

Result<std::vector<FileRecord>> query_files(Connection* conn) {
  static const std::string sql = std::string("SELECT ") + kFileColumns + " FROM files ORDER BY id";
  return all<FileRecord>(conn, sql, read_file);
}

Result<std::optional<ProfileRecord>> query_profile(Connection* conn, const std::string& name) {
  static const std::string sql =
      std::string("SELECT ") + kProfileColumns + " FROM profiles WHERE name = ?1";
  return one_by_text<ProfileRecord>(conn, sql, name, read_profile);
}

Result<std::vector<ProfileRecord>> query_profiles(Connection* conn) {
  static const std::string sql =
      std::string("SELECT ") + kProfileColumns + " FROM profiles ORDER BY name";
  return all<ProfileRecord>(conn, sql, read_profile);
}

Result<std::optional<TokenRecord>> query_token_by_hash(Connection* conn, const std::string& hash) {
  static const std::string sql =
      std::string("SELECT ") + kTokenColumns + " FROM tokens WHERE token_hash = ?1";
  return one_by_text<TokenRecord>(conn, sql, hash, read_token_record);
}

Result<std::vector<TokenRecord>> query_tokens(Connection* conn) {
  static const std::string sql = std::string("SELECT ") + kTokenColumns + " FROM tokens ORDER BY id";
  return all<TokenRecord>(conn, sql, read_token_record);
}

Result<std::optional<std::string>> query_meta(Connection* conn, const std::string& key) {
  return one_by_text<std::string>(conn, "SELECT value FROM meta WHERE key = ?1", key,
                                  [](const Statement& s) { return s.column_text(0); });
}

Status query_record_counts(Connection* conn, StoreStats* stats) {
  ReadTransaction txn(conn);
  if (!txn.status()) return txn.status();
  const std::string by_state = "SELECT count(*) FROM tasks WHERE state = ?1";
  auto pending = scalar(conn, by_state, task_state_name(TaskState::kPending));
  if (!pending) return pending.error();
  auto running = scalar(conn, by_state, task_state_name(TaskState::kRunning));
  if (!running) return running.error();
  auto faults = scalar(conn, "SELECT count(*) FROM faults", nullptr);
  if (!faults) return faults.error();
  auto max_task = scalar(conn, "SELECT seq FROM sqlite_sequence WHERE name = 'tasks'", nullptr);
  if (!max_task) return max_task.error();
  stats->tasks_pending = static_cast<uint64_t>(*pending);
  stats->tasks_running = static_cast<uint64_t>(*running);
  stats->faults = static_cast<uint64_t>(*faults);
  stats->max_task_id = *max_task;
  return ok_status();
}

}  // namespace hearth::store::sqlite
