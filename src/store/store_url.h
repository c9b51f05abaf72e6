// Parses the store URL given to hearthd and the tools:
//   memory:                                   MemoryStore (nothing persists)
//   sqlite:PATH                               SqliteStore with defaults
//   sqlite:PATH?sync=full|normal&cache_mb=N&readers=N
#pragma once

#include <string>

#include "core/result.h"
#include "store/sqlite/sqlite_options.h"

namespace hearth::store {

struct StoreUrl {
  enum class Kind { kMemory, kSqlite };
  Kind kind = Kind::kMemory;
  sqlite::SqliteOptions sqlite;  // for kSqlite
};

// kInvalidArgument names what is wrong (unknown scheme, empty path, unknown or bad option).
Result<StoreUrl> parse_store_url(const std::string& url);

}  // namespace hearth::store
