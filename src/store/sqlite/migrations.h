// The schema, as numbered migrations. PRAGMA user_version holds the number of the last one
// applied; opening a store applies the newer ones, each in its own transaction, so a store is
// never left half-migrated. A migration, once released, never changes: fix forward with a new one.
#pragma once

#include <span>

#include "core/result.h"
#include "store/sqlite/connection.h"

namespace hearth::store::sqlite {

struct Migration {
  int version;      // 1, 2, 3, ... in order, without gaps
  const char* sql;  // one or more statements
};

std::span<const Migration> migrations();

// Brings the database up to the latest version. kConflict when the database comes from a newer
// Hearth (its version is above every migration known here): it is left untouched.
Status migrate(Connection* conn);

// PRAGMA user_version.
Result<int> schema_version(Connection* conn);

}  // namespace hearth::store::sqlite
