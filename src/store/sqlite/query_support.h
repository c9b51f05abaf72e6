// Small helpers shared by the SQL query files: LIMIT/OFFSET clamping, reading rows with a
// row-to-record function, AUTOINCREMENT sequences.
#pragma once

#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "store/sqlite/connection.h"

namespace hearth::store::sqlite {

inline int64_t clamp(size_t n) {
  return n > static_cast<size_t>(std::numeric_limits<int64_t>::max())
             ? std::numeric_limits<int64_t>::max()
             : static_cast<int64_t>(n);
}

// Steps `stmt` (bound already) and reads every row with `read`.
template <typename T, typename Read>
Result<std::vector<T>> read_all(Statement& stmt, Read read) {
  std::vector<T> out;
  for (;;) {
    auto row = stmt.step();
    if (!row) return row.error();
    if (!*row) return out;
    out.push_back(read(stmt));
  }
}

template <typename T, typename Read>
Result<std::optional<T>> read_one(Statement& stmt, Read read) {
  auto row = stmt.step();
  if (!row) return row.error();
  if (!*row) return std::optional<T>();
  return std::optional<T>(read(stmt));
}

// The row whose first parameter is `key`, if any.
template <typename T, typename Read>
Result<std::optional<T>> one_by_text(Connection* conn, const std::string& sql, const std::string& key,
                                     Read read) {
  auto stmt = conn->prepare(sql);
  if (!stmt) return stmt.error();
  stmt->bind_text(1, key);
  return read_one<T>(*stmt, read);
}

// The largest id ever stored in `table` (0: none), from its AUTOINCREMENT sequence: a delete or
// a prune does not lower it.
inline Result<int64_t> query_sequence(Connection* conn, const std::string& table) {
  auto stmt = conn->prepare("SELECT seq FROM sqlite_sequence WHERE name = ?1");
  if (!stmt) return stmt.error();
  stmt->bind_text(1, table);
  auto row = stmt->step();
  if (!row) return row.error();
  return *row ? stmt->column_int64(0) : int64_t{0};
}

}  // namespace hearth::store::sqlite
