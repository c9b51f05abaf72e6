// How a SqliteStore opens its database. Plain data: no SQLite types leak from here.
#pragma once

#include <string>

namespace hearth::store::sqlite {

struct SqliteOptions {
  std::string path;
  // false: synchronous=NORMAL, a commit survives a process kill (the WAL is in the OS cache);
  // true: synchronous=FULL, a commit also survives a power loss (fsync of the WAL per commit).
  bool sync_full = false;
  // Page cache per connection. Small on purpose: the OS page cache holds the hot pages anyway,
  // and hearthd must stay small with 100,000 devices in the store.
  int cache_mb = 8;
  // The writer's page cache: every periodic session rewrites a device row and an event index
  // entry somewhere in the file, and a miss is a pread on the writer thread.
  int writer_cache_mb = 32;
  int readers = 4;  // read-only connections in the pool
  // Device rows kept in memory (least recently used evicted) so that periodic sessions read no
  // database; about 1 KB each.
  int cache_devices = 20000;
  int busy_timeout_ms = 5000;  // waits on a lock held by another process (sqlite3 shell, backup)
  // Under load, how long the writer waits for more write batches to commit them together (see
  // GroupCommitter); 0: never waits.
  int commit_gather_us = 1000;
};

}  // namespace hearth::store::sqlite
