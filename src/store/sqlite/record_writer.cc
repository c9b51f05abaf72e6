#include "store/sqlite/record_writer.h"

#include <algorithm>
#include <string>

#include "store/sqlite/device_writer.h"
#include "store/sqlite/row_codec.h"

namespace hearth::store::sqlite {

namespace {

// "a = excluded.a, b = excluded.b, ..." for every column of `columns` but the first (the key).
std::string set_excluded(const std::string& columns) {
  std::string out;
  size_t start = columns.find(',');
  while (start != std::string::npos) {
    const size_t next = columns.find(',', start + 1);
    std::string col = columns.substr(start + 2, next == std::string::npos ? std::string::npos
                                                                          : next - start - 2);
    out += (out.empty() ? "" : ", ") + col + " = excluded." + col;
    start = next;
  }
  return out;
}

// INSERT ... ON CONFLICT(key) DO UPDATE: unlike INSERT OR REPLACE, a clash on another unique
// column (tokens.token_hash) is an error instead of a silent delete of the other row.
std::string upsert_sql(const char* table, const char* columns, int count) {
  std::string values;
  for (int i = 1; i <= count; ++i) values += (i == 1 ? "?" : ", ?") + std::to_string(i);
  const std::string cols = columns;
  return std::string("INSERT INTO ") + table + " (" + cols + ") VALUES (" + values +
         ") ON CONFLICT (" + cols.substr(0, cols.find(',')) + ") DO UPDATE SET " +
         set_excluded(cols);
}

}  // namespace

Status RecordWriter::run_keyed(const char* sql, const std::string& key) {
  auto stmt = conn_->prepare(sql);
  if (!stmt) return stmt.error();
  stmt->bind_text(1, key);
  return stmt->run();
}

Status RecordWriter::run_keyed(const char* sql, int64_t key) {
  auto stmt = conn_->prepare(sql);
  if (!stmt) return stmt.error();
  stmt->bind(1, key);
  return stmt->run();
}

Status RecordWriter::put_task(const PutTask& op) {
  auto key = require_device_key(conn_, "PutTask", op.task.device_id);
  if (!key) return key.error();
  // A NULL id takes max(largest id ever used (sqlite_sequence), largest id present) + 1.
  auto stmt = conn_->prepare(
      "INSERT OR REPLACE INTO tasks (id, device_key, name, args_json, origin, state, attempts, "
      "created_ms, updated_ms, next_attempt_ms, expires_ms, command_key, result_json, fault_json) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)");
  if (!stmt) return stmt.error();
  bind_task(&*stmt, op.task, *key);
  return stmt->run();
}

Status RecordWriter::delete_task(const DeleteTask& op) {
  return run_keyed("DELETE FROM tasks WHERE id = ?1", op.task_id);
}

Status RecordWriter::add_fault(const AddFault& op) {
  auto key = require_device_key(conn_, "AddFault", op.fault.device_id);
  if (!key) return key.error();
  auto stmt = conn_->prepare(
      "INSERT INTO faults (id, device_key, task_id, rpc, code, message, detail_json, time_ms) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
  if (!stmt) return stmt.error();
  bind_fault(&*stmt, op.fault, *key);
  Status s = stmt->run();
  if (!s && s.error().code == ErrorCode::kConflict) {
    return make_error(ErrorCode::kConflict,
                      "AddFault: fault " + std::to_string(op.fault.id) + " exists");
  }
  return s;
}

Status RecordWriter::clear_faults(const ClearFaults& op) {
  if (op.fault_id == 0) {
    return run_keyed(
        "DELETE FROM faults WHERE device_key = (SELECT key FROM devices WHERE id = ?1)",
        op.device_id);
  }
  if (op.device_id.empty()) return run_keyed("DELETE FROM faults WHERE id = ?1", op.fault_id);
  auto stmt = conn_->prepare(
      "DELETE FROM faults WHERE id = ?1 AND device_key = (SELECT key FROM devices WHERE id = ?2)");
  if (!stmt) return stmt.error();
  stmt->bind(1, op.fault_id).bind_text(2, op.device_id);
  return stmt->run();
}

Status RecordWriter::put_file(const PutFile& op) {
  static const std::string sql = upsert_sql("files", kFileColumns, 8);
  auto stmt = conn_->prepare(sql);
  if (!stmt) return stmt.error();
  bind_file(&*stmt, op.file);
  return stmt->run();
}

Status RecordWriter::delete_file(const DeleteFile& op) {
  return run_keyed("DELETE FROM files WHERE id = ?1", op.file_id);
}

Status RecordWriter::put_profile(const PutProfile& op) {
  ProfileRecord p = op.profile;
  {
    auto prev = conn_->prepare("SELECT version FROM profiles WHERE name = ?1");
    if (!prev) return prev.error();
    prev->bind_text(1, p.name);
    auto row = prev->step();
    if (!row) return row.error();
    p.version = std::max(p.version, (*row ? prev->column_int64(0) : 0) + 1);
  }
  static const std::string sql = upsert_sql("profiles", kProfileColumns, 4);
  auto stmt = conn_->prepare(sql);
  if (!stmt) return stmt.error();
  bind_profile(&*stmt, p);
  return stmt->run();
}

Status RecordWriter::delete_profile(const DeleteProfile& op) {
  return run_keyed("DELETE FROM profiles WHERE name = ?1", op.name);
}

Status RecordWriter::put_token(const PutToken& op) {
  static const std::string sql = upsert_sql("tokens", kTokenColumns, 5);
  auto stmt = conn_->prepare(sql);
  if (!stmt) return stmt.error();
  bind_token(&*stmt, op.token);
  Status s = stmt->run();
  if (!s && s.error().code == ErrorCode::kConflict) {
    return make_error(ErrorCode::kConflict, "PutToken: hash already used by another token");
  }
  return s;
}

Status RecordWriter::delete_token(const DeleteToken& op) {
  return run_keyed("DELETE FROM tokens WHERE id = ?1", op.token_id);
}

Status RecordWriter::put_meta(const PutMeta& op) {
  auto stmt = conn_->prepare(
      "INSERT INTO meta (key, value) VALUES (?1, ?2) "
      "ON CONFLICT (key) DO UPDATE SET value = excluded.value");
  if (!stmt) return stmt.error();
  stmt->bind_text(1, op.key).bind_text(2, op.value);
  return stmt->run();
}

}  // namespace hearth::store::sqlite
