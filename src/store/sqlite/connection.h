// One SQLite connection and its prepared statements. A Connection is used by one thread at a
// time (the writer thread, or whoever holds it leased from the ReadPool); it is not itself
// synchronised. Statements are prepared once with SQLITE_PREPARE_PERSISTENT, cached by their SQL
// text and reused; values are always bound, never spliced into SQL.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/result.h"
#include "store/sqlite/sqlite_options.h"

struct sqlite3;
struct sqlite3_stmt;

namespace hearth::store::sqlite {

class Connection;

// A cached statement in use. Resets the statement and clears its bindings when it goes out of
// scope, so the next user starts clean. Move-only; must not outlive its Connection.
class Statement {
 public:
  Statement(Statement&& other) noexcept;
  Statement& operator=(Statement&&) = delete;
  Statement(const Statement&) = delete;
  ~Statement();

  // Parameters are numbered from 1, as in SQL (?1, ?2, ...).
  Statement& bind(int index, int64_t value);
  Statement& bind_text(int index, std::string_view value);
  Statement& bind_blob(int index, std::string_view value);
  Statement& bind_null(int index);

  // true: a row is ready; false: done.
  Result<bool> step();
  // Steps to the end (for statements that return no rows).
  Status run();

  int64_t column_int64(int col) const;
  std::string column_text(int col) const;
  std::string_view column_blob(int col) const;  // valid until the next step
  bool column_is_null(int col) const;

 private:
  friend class Connection;
  Statement(Connection* conn, sqlite3_stmt* stmt) : conn_(conn), stmt_(stmt) {}

  Connection* conn_;
  sqlite3_stmt* stmt_;
};

// kCheckpointer: a connection that only copies the write-ahead log into the database file.
enum class ConnectionRole { kWriter, kReader, kCheckpointer };

class Connection {
 public:
  // Opens (the writer creates) the database and applies the per-connection settings: WAL,
  // synchronous, busy timeout, foreign keys, page cache size; readers are query_only.
  static Result<std::unique_ptr<Connection>> open(const SqliteOptions& options, ConnectionRole role);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // Runs SQL without parameters (schema, pragmas, transaction control).
  Status exec(const std::string& sql);
  // The cached statement for `sql`, prepared on first use. REQUIRES: the same SQL is not already
  // in use on this connection (no nesting of one statement inside itself).
  Result<Statement> prepare(const std::string& sql);

  // Rows changed by the last INSERT/UPDATE/DELETE.
  int64_t changes() const;
  int64_t last_insert_rowid() const;
  // true when no transaction is open (after COMMIT, or after SQLite rolled one back by itself).
  bool autocommit() const;

  // For the writer: turns SQLite's automatic checkpoint off and calls `hook` after every commit,
  // on the committing thread, with the number of pages in the write-ahead log. The hook must not
  // use this connection.
  void on_commit(std::function<void(int wal_pages)> hook);
  // Copies what it can of the write-ahead log into the database file without waiting on anyone.
  // Returns the pages copied so far of those in the log; kUnavailable when another checkpoint is
  // running.
  Result<int> checkpoint_passive();

  // An Error for result code `rc`, with SQLite's message: constraint violations are kConflict,
  // a busy or locked database kUnavailable, everything else kInternal.
  Error error(int rc, std::string_view what) const;

  sqlite3* handle() { return db_; }

 private:
  explicit Connection(sqlite3* db) : db_(db) {}

  sqlite3* db_;
  std::unordered_map<std::string, sqlite3_stmt*> statements_;
  std::function<void(int)> commit_hook_;
};

// RAII read transaction: a consistent snapshot across several statements. Rolled back (a no-op
// for reads) when destroyed.
class ReadTransaction {
 public:
  explicit ReadTransaction(Connection* conn);
  ~ReadTransaction();
  const Status& status() const { return status_; }

 private:
  Connection* conn_;
  Status status_;
};

}  // namespace hearth::store::sqlite
