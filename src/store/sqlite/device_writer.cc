#include "store/sqlite/device_writer.h"

#include <algorithm>
#include <map>
#include <string>

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

Status DeviceWriter::upsert(const UpsertDevice& op) {
  auto key = find_device_key(conn_, op.device.id);
  if (!key) return key.error();
  auto stmt = conn_->prepare(*key ? update_device_sql() : insert_device_sql());
  if (!stmt) return stmt.error();
  bind_device(&*stmt, op.device);
  if (Status s = stmt->run(); !s) return s;
  int64_t device_key = 0;
  if (*key) {
    device_key = **key;
  } else {
    device_key = conn_->last_insert_rowid();
    counts_->devices += 1;
  }
  return replace_tags(device_key, op.device.tags);
}

Status DeviceWriter::replace_tags(int64_t key, const std::vector<std::string>& tags) {
  auto del = conn_->prepare("DELETE FROM device_tags WHERE device_key = ?1");
  if (!del) return del.error();
  del->bind(1, key);
  if (Status s = del->run(); !s) return s;
  for (const auto& tag : tags) {
    // OR IGNORE: a tag listed twice is one tag.
    auto ins = conn_->prepare("INSERT OR IGNORE INTO device_tags (tag, device_key) VALUES (?1, ?2)");
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
