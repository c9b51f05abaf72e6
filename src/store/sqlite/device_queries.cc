#include "store/sqlite/device_queries.h"

#include <vector>

#include "core/strings.h"
#include "store/sqlite/row_codec.h"

namespace hearth::store::sqlite {

namespace {

// Parameter numbers are fixed per field, so the SQL text depends only on which fields are set
// and each variant is prepared once per connection.
enum Param { kText = 1, kSerial, kModel, kSoftware, kTag, kBefore, kAfter, kParamName, kParamValue };

std::string where_clause(const DeviceQuery& q) {
  std::string w = " WHERE 1";
  if (!q.text.empty()) {
    w += " AND (instr(lower(id), ?1) > 0 OR instr(lower(serial_number), ?1) > 0 OR "
         "instr(lower(model_name), ?1) > 0 OR instr(lower(product_class), ?1) > 0)";
  }
  if (!q.serial_number.empty()) w += " AND serial_number = ?2";
  if (!q.model.empty()) w += " AND (model_name = ?3 OR product_class = ?3)";
  if (!q.software_version.empty()) w += " AND software_version = ?4";
  if (!q.tag.empty()) w += " AND d.key IN (SELECT device_key FROM device_tags WHERE tag = ?5)";
  if (q.last_inform_before_ms != 0) w += " AND last_inform_ms < ?6";
  if (q.last_inform_after_ms != 0) w += " AND last_inform_ms >= ?7";
  if (!q.parameter_name.empty()) {
    w += " AND EXISTS (SELECT 1 FROM parameters p WHERE p.device_key = d.key AND p.name = ?8 "
         "AND p.value = ?9)";
  }
  return w;
}

void bind_where(Statement* s, const DeviceQuery& q, const std::string& folded_text,
                const std::string& encoded_name) {
  if (!q.text.empty()) s->bind_text(kText, folded_text);
  if (!q.serial_number.empty()) s->bind_text(kSerial, q.serial_number);
  if (!q.model.empty()) s->bind_text(kModel, q.model);
  if (!q.software_version.empty()) s->bind_text(kSoftware, q.software_version);
  if (!q.tag.empty()) s->bind_text(kTag, q.tag);
  if (q.last_inform_before_ms != 0) s->bind(kBefore, q.last_inform_before_ms);
  if (q.last_inform_after_ms != 0) s->bind(kAfter, q.last_inform_after_ms);
  if (!q.parameter_name.empty()) {
    s->bind_blob(kParamName, encoded_name).bind_text(kParamValue, q.parameter_value);
  }
}

Status read_tags(Connection* conn, int64_t key, DeviceRecord* d) {
  auto stmt = conn->prepare("SELECT tag FROM device_tags WHERE device_key = ?1 ORDER BY tag");
  if (!stmt) return stmt.error();
  stmt->bind(1, key);
  for (;;) {
    auto row = stmt->step();
    if (!row) return row.error();
    if (!*row) return ok_status();
    d->tags.push_back(stmt->column_text(0));
  }
}

}  // namespace

Result<std::optional<DeviceRecord>> query_device(Connection* conn, const std::string& id) {
  ReadTransaction txn(conn);
  if (!txn.status()) return txn.status().error();
  static const std::string sql =
      std::string("SELECT key, ") + kDeviceColumns + " FROM devices WHERE id = ?1";
  auto stmt = conn->prepare(sql);
  if (!stmt) return stmt.error();
  stmt->bind_text(1, id);
  auto row = stmt->step();
  if (!row) return row.error();
  if (!*row) return std::optional<DeviceRecord>();
  DeviceRecord d = read_device(*stmt, 1);
  if (Status s = read_tags(conn, stmt->column_int64(0), &d); !s) return s.error();
  return std::optional<DeviceRecord>(std::move(d));
}

Result<DevicePage> query_devices(Connection* conn, SegmentDictionary* segments,
                                 const DeviceQuery& query) {
  DevicePage page;
  ReadTransaction txn(conn);
  if (!txn.status()) return txn.status().error();
  std::string encoded_name;
  if (!query.parameter_name.empty()) {
    auto encoded = encode_known_name(conn, segments, query.parameter_name);
    if (!encoded) return encoded.error();
    if (!*encoded) return page;  // no device has ever had this parameter
    encoded_name = std::move(**encoded);
  }
  const std::string folded_text = to_lower(query.text);
  // One pass over the matching keys in id order gives both the total and the page; only the
  // page's rows are then read whole. (A separate count(*) would evaluate every condition twice,
  // which for a parameter condition means a second key probe per device.)
  std::vector<int64_t> keys;
  {
    auto matches = conn->prepare("SELECT key FROM devices d" + where_clause(query) + " ORDER BY id");
    if (!matches) return matches.error();
    bind_where(&*matches, query, folded_text, encoded_name);
    for (;;) {
      auto row = matches->step();
      if (!row) return row.error();
      if (!*row) break;
      if (page.total >= query.offset && keys.size() < query.limit) {
        keys.push_back(matches->column_int64(0));
      }
      ++page.total;
    }
  }
  static const std::string by_key =
      std::string("SELECT ") + kDeviceColumns + " FROM devices WHERE key = ?1";
  for (int64_t key : keys) {
    auto stmt = conn->prepare(by_key);
    if (!stmt) return stmt.error();
    stmt->bind(1, key);
    auto row = stmt->step();
    if (!row) return row.error();
    if (!*row) continue;  // cannot happen inside the read transaction
    DeviceRecord d = read_device(*stmt, 0);
    if (Status s = read_tags(conn, key, &d); !s) return s.error();
    page.devices.push_back(std::move(d));
  }
  return page;
}

}  // namespace hearth::store::sqlite
