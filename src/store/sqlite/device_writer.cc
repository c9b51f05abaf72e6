#include "store/sqlite/device_writer.h"

#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "core/strings.h"
#include "store/limits.h"
#include "store/sqlite/row_codec.h"

namespace hearth::store::sqlite {

namespace {

std::string placeholders(int from, int to) {
  std::string out;
  for (int i = from; i <= to; ++i) out += (i == from ? "?" : ", ?") + std::to_string(i);
  return out;
}

const std::string& insert_device_sql() {
  static const std::string sql = std::string("INSERT INTO devices (") + kDeviceColumns +
                                 ") VALUES (" + placeholders(1, kDeviceColumnCount) + ")";
  return sql;
}

// Row-value UPDATE with the same binding as the INSERT: ?1 = id selects the row.
const std::string& update_device_sql() {
  static const std::string sql = [] {
    std::string cols = kDeviceColumns;
    cols = cols.substr(cols.find(',') + 2);  // every column but id
    return "UPDATE devices SET (" + cols + ") = (" + placeholders(2, kDeviceColumnCount) +
           ") WHERE id = ?1";
  }();
  return sql;
}

// Past this many changed columns the whole row is written with one statement, so that the
// statement cache holds few variants of the UPDATE.
constexpr size_t kMaxNamedColumns = 6;

// "UPDATE devices SET c1 = ?1, c2 = ?2 WHERE key = ?3" for the given columns (indexes into
// kDeviceColumns).
std::string update_columns_sql(const std::vector<int>& columns) {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> out;
    for (auto part : split(kDeviceColumns, ',')) out.emplace_back(trim(part));
    return out;
  }();
  std::string sql = "UPDATE devices SET ";
  for (size_t i = 0; i < columns.size(); ++i) {
    if (i > 0) sql += ", ";
    sql += names[static_cast<size_t>(columns[i])] + " = ?" + std::to_string(i + 1);
  }
  return sql + " WHERE key = ?" + std::to_string(columns.size() + 1);
}

}  // namespace

Result<std::optional<int64_t>> find_device_key(Connection* conn, const std::string& device_id) {
  auto stmt = conn->prepare("SELECT key FROM devices WHERE id = ?1");
  if (!stmt) return stmt.error();
  stmt->bind_text(1, device_id);
  auto row = stmt->step();
  if (!row) return row.error();
  if (!*row) return std::optional<int64_t>();
  return std::optional<int64_t>(stmt->column_int64(0));
}

Result<int64_t> require_device_key(Connection* conn, const char* op, const std::string& device_id) {
  auto key = find_device_key(conn, device_id);
  if (!key) return key.error();
  if (!*key) return make_error(ErrorCode::kNotFound, std::string(op) + ": no device '" + device_id + "'");
  return **key;
}

// A device row is rewritten only in the columns that changed: a periodic Inform changes its last
// contact and little else, and an UPDATE that names a column rewrites every index on it (five
// indexes, four pages more per session) even when the value is the same.
Status DeviceWriter::upsert(const UpsertDevice& op) {
  static const std::string select_sql =
      std::string("SELECT key, ") + kDeviceColumns + " FROM devices WHERE id = ?1";
  std::optional<int64_t> key;
  DeviceRecord stored;
  {
    auto stmt = conn_->prepare(select_sql);
    if (!stmt) return stmt.error();
    stmt->bind_text(1, op.device.id);
    auto row = stmt->step();
    if (!row) return row.error();
    if (*row) {
      key = stmt->column_int64(0);
      stored = read_device(*stmt, 1);
    }
  }
  if (!key) {
    auto stmt = conn_->prepare(insert_device_sql());
    if (!stmt) return stmt.error();
    bind_device(&*stmt, op.device);
    if (Status s = stmt->run(); !s) return s;
    counts_->devices += 1;
    return replace_tags(conn_->last_insert_rowid(), op.device.tags, /*known_empty=*/true);
  }
  std::vector<int> changed;
  for (int column = 1; column < kDeviceColumnCount; ++column) {
    if (!device_column_equal(stored, op.device, column)) changed.push_back(column);
  }
  if (!changed.empty()) {
    auto stmt = conn_->prepare(changed.size() > kMaxNamedColumns ? update_device_sql() : update_columns_sql(changed));
    if (!stmt) return stmt.error();
    if (changed.size() > kMaxNamedColumns) {
      bind_device(&*stmt, op.device);
    } else {
      for (size_t i = 0; i < changed.size(); ++i) {
        bind_device_column(&*stmt, static_cast<int>(i) + 1, op.device, changed[i]);
      }
      stmt->bind(static_cast<int>(changed.size()) + 1, *key);
    }
    if (Status s = stmt->run(); !s) return s;
  }
  return replace_tags(*key, op.device.tags, /*known_empty=*/false);
}

Status DeviceWriter::replace_tags(int64_t key, const std::vector<std::string>& tags, bool known_empty) {
  std::vector<std::string> wanted = tags;
  std::sort(wanted.begin(), wanted.end());
  wanted.erase(std::unique(wanted.begin(), wanted.end()), wanted.end());
  if (!known_empty) {
    std::vector<std::string> stored;
    auto list = conn_->prepare("SELECT tag FROM device_tags WHERE device_key = ?1 ORDER BY tag");
    if (!list) return list.error();
    list->bind(1, key);
    for (;;) {
      auto row = list->step();
      if (!row) return row.error();
      if (!*row) break;
      stored.push_back(list->column_text(0));
    }
    if (stored == wanted) return ok_status();  // unchanged: no page touched
    auto del = conn_->prepare("DELETE FROM device_tags WHERE device_key = ?1");
    if (!del) return del.error();
    del->bind(1, key);
    if (Status s = del->run(); !s) return s;
  }
  for (const auto& tag : wanted) {
    auto ins = conn_->prepare("INSERT INTO device_tags (tag, device_key) VALUES (?1, ?2)");
    if (!ins) return ins.error();
    ins->bind_text(1, tag).bind(2, key);
    if (Status s = ins->run(); !s) return s;
  }
  return ok_status();
}

Status DeviceWriter::remove(const DeleteDevice& op) {
  auto key = find_device_key(conn_, op.device_id);
  if (!key) return key.error();
  if (!*key) return ok_status();
  auto params = conn_->prepare("DELETE FROM parameters WHERE device_key = ?1");
  if (!params) return params.error();
  params->bind(1, **key);
  if (Status s = params->run(); !s) return s;
  counts_->parameters -= conn_->changes();
  auto dev = conn_->prepare("DELETE FROM devices WHERE key = ?1");
  if (!dev) return dev.error();
  dev->bind(1, **key);
  if (Status s = dev->run(); !s) return s;
  counts_->devices -= 1;
  return ok_status();
}

Status DeviceWriter::add_events(const AddEvents& op) {
  std::map<std::string, int64_t> keys;  // the devices this op touches
  for (const auto& e : op.events) {
    auto it = keys.find(e.device_id);
    if (it == keys.end()) {
      auto key = require_device_key(conn_, "AddEvents", e.device_id);
      if (!key) return key.error();
      it = keys.emplace(e.device_id, *key).first;
    }
    auto ins = conn_->prepare(
        "INSERT INTO events (device_key, time_ms, code, command_key) VALUES (?1, ?2, ?3, ?4)");
    if (!ins) return ins.error();
    ins->bind(1, it->second).bind(2, e.time_ms).bind_text(3, e.code).bind_text(4, e.command_key);
    if (Status s = ins->run(); !s) return s;
  }
  // The rowid grows with insertion, so (time_ms, id) is the order of MemoryStore's (time, seq).
  // The subquery walks the device's index from the newest and skips the ones kept.
  for (const auto& [id, key] : keys) {
    auto trim = conn_->prepare(
        "DELETE FROM events WHERE id IN (SELECT id FROM events WHERE device_key = ?1 "
        "ORDER BY time_ms DESC, id DESC LIMIT -1 OFFSET ?2)");
    if (!trim) return trim.error();
    trim->bind(1, key).bind(2, static_cast<int64_t>(kMaxEventsPerDevice));
    if (Status s = trim->run(); !s) return s;
  }
  return ok_status();
}

}  // namespace hearth::store::sqlite
