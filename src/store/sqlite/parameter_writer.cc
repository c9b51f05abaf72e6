#include "store/sqlite/parameter_writer.h"

#include <string>
#include <vector>

#include "core/strings.h"
#include "store/sqlite/name_codec.h"
#include "store/sqlite/row_codec.h"

namespace hearth::store::sqlite {

namespace {

Result<bool> has_parameters(Connection* conn, int64_t key) {
  auto stmt = conn->prepare("SELECT 1 FROM parameters WHERE device_key = ?1 LIMIT 1");
  if (!stmt) return stmt.error();
  stmt->bind(1, key);
  return stmt->step();
}

}  // namespace

Result<bool> ParameterWriter::insert_if_absent(int64_t key, const std::string& name,
                                               const std::string& value, int64_t flags,
                                               int64_t time_ms) {
  auto ins = conn_->prepare(
      "INSERT INTO parameters (device_key, name, value, flags, updated_ms) "
      "VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT DO NOTHING");
  if (!ins) return ins.error();
  ins->bind(1, key).bind_blob(2, name).bind_text(3, value).bind(4, flags).bind(5, time_ms);
  if (Status s = ins->run(); !s) return s.error();
  const bool inserted = conn_->changes() > 0;
  if (inserted) counts_->parameters += 1;
  return inserted;
}

Status ParameterWriter::put_values(const PutParameterValues& op) {
  auto key = require_device_key(conn_, "PutParameterValues", op.device_id);
  if (!key) return key.error();
  // A device without parameters (first discovery, bulk load) takes inserts; otherwise most
  // names exist (an Inform, a refresh) and an UPDATE hits first time. Either way the row
  // counter stays exact.
  auto existing = has_parameters(conn_, *key);
  if (!existing) return existing.error();
  for (const auto& v : op.values) {
    auto name = segments_->encode(v.name);
    if (!name) return name.error();
    const int64_t type_bits = parameter_flags(v.type, false);
    if (!*existing) {
      auto inserted = insert_if_absent(*key, *name, v.value, type_bits, op.time_ms);
      if (!inserted) return inserted.error();
      if (*inserted) continue;
    }
    auto upd = conn_->prepare(
        "UPDATE parameters SET value = ?3, flags = (flags & 1) | ?4, updated_ms = ?5 "
        "WHERE device_key = ?1 AND name = ?2");
    if (!upd) return upd.error();
    upd->bind(1, *key).bind_blob(2, *name).bind_text(3, v.value).bind(4, type_bits);
    upd->bind(5, op.time_ms);
    if (Status s = upd->run(); !s) return s;
    if (conn_->changes() == 0) {
      auto inserted = insert_if_absent(*key, *name, v.value, type_bits, op.time_ms);
      if (!inserted) return inserted.error();
    }
  }
  return ok_status();
}

Status ParameterWriter::put_info(const PutParameterInfo& op) {
  auto key = require_device_key(conn_, "PutParameterInfo", op.device_id);
  if (!key) return key.error();
  // As in put_values: inserts first into an empty tree (first discovery), updates first into a
  // known one (a refresh).
  auto existing = has_parameters(conn_, *key);
  if (!existing) return existing.error();
  for (const auto& [text, writable] : op.names) {
    auto name = segments_->encode(text);
    if (!name) return name.error();
    const int64_t new_flags = parameter_flags(cwmp::ValueType::kString, writable);
    if (!*existing) {
      auto inserted = insert_if_absent(*key, *name, "", new_flags, op.time_ms);
      if (!inserted) return inserted.error();
      if (*inserted) continue;
    }
    auto upd = conn_->prepare(
        "UPDATE parameters SET flags = (flags & ~1) | ?3 WHERE device_key = ?1 AND name = ?2");
    if (!upd) return upd.error();
    upd->bind(1, *key).bind_blob(2, *name).bind(3, writable ? 1 : 0);
    if (Status s = upd->run(); !s) return s;
    if (conn_->changes() == 0) {
      auto inserted = insert_if_absent(*key, *name, "", new_flags, op.time_ms);
      if (!inserted) return inserted.error();
    }
  }
  return ok_status();
}

Status ParameterWriter::remove(const DeleteParameters& op) {
  auto key = find_device_key(conn_, op.device_id);
  if (!key) return key.error();
  if (!*key) return ok_status();
  if (op.prefix.empty()) {
    auto del = conn_->prepare("DELETE FROM parameters WHERE device_key = ?1");
    if (!del) return del.error();
    del->bind(1, **key);
    if (Status s = del->run(); !s) return s;
    counts_->parameters -= conn_->changes();
    return ok_status();
  }
  const std::string_view whole = whole_piece_prefix(op.prefix);
  std::string low;
  if (!whole.empty()) {
    auto encoded = segments_->encode_existing(whole);
    if (!encoded) return ok_status();  // no stored name has this path
    low = std::move(*encoded);
  }
  const std::string high = prefix_upper_bound(low);
  if (whole.size() == op.prefix.size()) {  // a path: the range is exactly the subtree
    auto del = conn_->prepare(
        "DELETE FROM parameters WHERE device_key = ?1 AND name >= ?2 AND name < ?3");
    if (!del) return del.error();
    del->bind(1, **key).bind_blob(2, low).bind_blob(3, high);
    if (Status s = del->run(); !s) return s;
    counts_->parameters -= conn_->changes();
    return ok_status();
  }
  // A prefix that ends inside a piece ("A.B.Ena"): take the enclosing path's range (or the whole
  // tree), and compare by text.
  std::vector<std::string> doomed;
  {
    auto sel = conn_->prepare(whole.empty()
                                  ? "SELECT name FROM parameters WHERE device_key = ?1"
                                  : "SELECT name FROM parameters WHERE device_key = ?1 AND "
                                    "name >= ?2 AND name < ?3");
    if (!sel) return sel.error();
    sel->bind(1, **key);
    if (!whole.empty()) sel->bind_blob(2, low).bind_blob(3, high);
    std::string text;
    for (;;) {
      auto row = sel->step();
      if (!row) return row.error();
      if (!*row) break;
      const std::string_view encoded = sel->column_blob(0);
      if (!segments_->decode(encoded, &text)) {
        return make_error(ErrorCode::kInternal, "undecodable stored parameter name");
      }
      if (starts_with(text, op.prefix)) doomed.emplace_back(encoded);
    }
  }
  for (const auto& name : doomed) {
    auto del = conn_->prepare("DELETE FROM parameters WHERE device_key = ?1 AND name = ?2");
    if (!del) return del.error();
    del->bind(1, **key).bind_blob(2, name);
    if (Status s = del->run(); !s) return s;
    counts_->parameters -= conn_->changes();
  }
  return ok_status();
}

}  // namespace hearth::store::sqlite
