#include "store/sqlite/parameter_queries.h"

#include <algorithm>

#include "core/strings.h"
#include "store/sqlite/name_codec.h"
#include "store/sqlite/row_codec.h"

namespace hearth::store::sqlite {

Result<std::vector<StoredParameter>> query_parameters(Connection* conn, SegmentDictionary* segments,
                                                      const std::string& device_id,
                                                      const std::string& prefix) {
  std::vector<StoredParameter> out;
  const std::string_view whole = whole_piece_prefix(prefix);
  std::string low;
  if (!whole.empty()) {
    auto encoded = encode_known_name(conn, segments, whole);
    if (!encoded) return encoded.error();
    if (!*encoded) return out;  // no stored name has this path
    low = std::move(**encoded);
  }
  const std::string high = prefix_upper_bound(low);
  auto stmt = conn->prepare(
      whole.empty()
          ? "SELECT name, value, flags, updated_ms FROM parameters "
            "WHERE device_key = (SELECT key FROM devices WHERE id = ?1)"
          : "SELECT name, value, flags, updated_ms FROM parameters "
            "WHERE device_key = (SELECT key FROM devices WHERE id = ?1) AND name >= ?2 AND name < ?3");
  if (!stmt) return stmt.error();
  stmt->bind_text(1, device_id);
  if (!whole.empty()) stmt->bind_blob(2, low).bind_blob(3, high);
  const bool filter = whole.size() != prefix.size();
  for (;;) {
    auto row = stmt->step();
    if (!row) return row.error();
    if (!*row) break;
    auto name = decode_name(conn, segments, stmt->column_blob(0));
    if (!name) return name.error();
    if (filter && !starts_with(*name, prefix)) continue;
    StoredParameter p;
    p.name = std::move(*name);
    p.value = stmt->column_text(1);
    const int64_t flags = stmt->column_int64(2);
    p.type = value_type_from_code(flags >> 1);
    p.writable = (flags & 1) != 0;
    p.updated_ms = stmt->column_int64(3);
    out.push_back(std::move(p));
  }
  std::sort(out.begin(), out.end(),
            [](const StoredParameter& a, const StoredParameter& b) { return a.name < b.name; });
  return out;
}

}  // namespace hearth::store::sqlite
