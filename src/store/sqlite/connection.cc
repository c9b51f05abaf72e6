#include "store/sqlite/connection.h"

#include <sqlite3.h>

#include <algorithm>
#include <cassert>
#include <mutex>

namespace hearth::store::sqlite {

// ---- Statement ----

Statement::Statement(Statement&& other) noexcept : conn_(other.conn_), stmt_(other.stmt_) {
  other.stmt_ = nullptr;
}

Statement::~Statement() {
  if (stmt_ == nullptr) return;
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

Statement& Statement::bind(int index, int64_t value) {
  sqlite3_bind_int64(stmt_, index, value);
  return *this;
}

Statement& Statement::bind_text(int index, std::string_view value) {
  // SQLITE_STATIC: the caller's string outlives the step; a string_view may have no terminator,
  // so the length is always passed.
  sqlite3_bind_text(stmt_, index, value.data(), static_cast<int>(value.size()), SQLITE_STATIC);
  return *this;
}

Statement& Statement::bind_blob(int index, std::string_view value) {
  // A zero-length blob must still be a blob, not NULL: sqlite3_bind_zeroblob does that.
  if (value.empty()) {
    sqlite3_bind_zeroblob(stmt_, index, 0);
  } else {
    sqlite3_bind_blob(stmt_, index, value.data(), static_cast<int>(value.size()), SQLITE_STATIC);
  }
  return *this;
}

Statement& Statement::bind_null(int index) {
  sqlite3_bind_null(stmt_, index);
  return *this;
}

Result<bool> Statement::step() {
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  return conn_->error(rc, sqlite3_sql(stmt_));
}

Status Statement::run() {
  for (;;) {
    auto r = step();
    if (!r) return r.error();
    if (!*r) return ok_status();
  }
}

int64_t Statement::column_int64(int col) const { return sqlite3_column_int64(stmt_, col); }

std::string Statement::column_text(int col) const {
  const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, col));
  const int n = sqlite3_column_bytes(stmt_, col);
  return p == nullptr ? std::string() : std::string(p, static_cast<size_t>(n));
}

std::string_view Statement::column_blob(int col) const {
  const auto* p = static_cast<const char*>(sqlite3_column_blob(stmt_, col));
  const int n = sqlite3_column_bytes(stmt_, col);
  return p == nullptr ? std::string_view() : std::string_view(p, static_cast<size_t>(n));
}

bool Statement::column_is_null(int col) const {
  return sqlite3_column_type(stmt_, col) == SQLITE_NULL;
}

// ---- Connection ----

Result<std::unique_ptr<Connection>> Connection::open(const SqliteOptions& options,
                                                     ConnectionRole role) {
  // Memory statistics put a global mutex around every SQLite allocation; nothing here reads
  // them. Only possible before SQLite initialises: if something else in the process opened a
  // database first, the call fails harmlessly.
  static std::once_flag configured;
  std::call_once(configured, [] { sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); });
  // NOMUTEX: each connection is used by one thread at a time, so SQLite's own per-connection
  // mutex would only cost.
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX;
  if (role == ConnectionRole::kWriter) flags |= SQLITE_OPEN_CREATE;
  sqlite3* db = nullptr;
  const int rc = sqlite3_open_v2(options.path.c_str(), &db, flags, nullptr);
  if (rc != SQLITE_OK) {
    std::string message = "open " + options.path + ": " +
                          (db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
    sqlite3_close(db);
    return make_error(ErrorCode::kUnavailable, std::move(message));
  }
  std::unique_ptr<Connection> conn(new Connection(db));
  sqlite3_extended_result_codes(db, 1);
  sqlite3_busy_timeout(db, options.busy_timeout_ms);

  // The checkpointer copies pages between files without its page cache.
  const int cache_mb = role == ConnectionRole::kWriter         ? std::max(options.cache_mb, options.writer_cache_mb)
                       : role == ConnectionRole::kCheckpointer ? 1
                                                               : options.cache_mb;
  std::string pragmas = "PRAGMA foreign_keys=ON; PRAGMA cache_size=-" + std::to_string(cache_mb * 1024) + ";";
  if (role == ConnectionRole::kWriter) {
    // WAL: readers never block the writer nor the writer the readers. NORMAL syncs the WAL only
    // at checkpoints, which survives a process crash; FULL syncs it at every commit, which also
    // survives a power loss. secure_delete=FAST still clears freed cells when it costs no I/O.
    pragmas += std::string(" PRAGMA journal_mode=WAL; PRAGMA synchronous=") +
               (options.sync_full ? "FULL" : "NORMAL") +
               "; PRAGMA secure_delete=FAST; PRAGMA journal_size_limit=67108864;";
  } else if (role == ConnectionRole::kReader) {
    pragmas += " PRAGMA query_only=ON;";
  }
  if (Status s = conn->exec(pragmas); !s) return s.error();
  return conn;
}

Connection::~Connection() {
  for (auto& [sql, stmt] : statements_) sqlite3_finalize(stmt);
  sqlite3_close_v2(db_);
}

Status Connection::exec(const std::string& sql) {
  char* message = nullptr;
  const int rc = sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &message);
  if (rc == SQLITE_OK) return ok_status();
  std::string text = message != nullptr ? message : sqlite3_errstr(rc);
  sqlite3_free(message);
  Error e = error(rc, sql);
  e.message = sql.substr(0, 60) + ": " + text;
  return e;
}

Result<Statement> Connection::prepare(const std::string& sql) {
  auto it = statements_.find(sql);
  if (it == statements_.end()) {
    sqlite3_stmt* stmt = nullptr;
    const int rc = sqlite3_prepare_v3(db_, sql.c_str(), static_cast<int>(sql.size() + 1),
                                      SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
    if (rc != SQLITE_OK) return error(rc, "prepare " + sql.substr(0, 60));
    it = statements_.emplace(sql, stmt).first;
  }
  assert(!sqlite3_stmt_busy(it->second) && "statement nested inside itself");
  return Statement(this, it->second);
}

void Connection::on_commit(std::function<void(int wal_pages)> hook) {
  commit_hook_ = std::move(hook);
  // Replaces SQLite's automatic checkpoint, which is itself a WAL hook.
  sqlite3_wal_hook(
      db_,
      [](void* self, sqlite3*, const char*, int pages) {
        auto* conn = static_cast<Connection*>(self);
        if (conn->commit_hook_) conn->commit_hook_(pages);
        return SQLITE_OK;
      },
      this);
}

Result<int> Connection::checkpoint_passive() {
  int log = 0;
  int copied = 0;
  const int rc = sqlite3_wal_checkpoint_v2(db_, nullptr, SQLITE_CHECKPOINT_PASSIVE, &log, &copied);
  if (rc != SQLITE_OK) return error(rc, "checkpoint");
  return copied;
}

int64_t Connection::changes() const { return sqlite3_changes64(db_); }
int64_t Connection::last_insert_rowid() const { return sqlite3_last_insert_rowid(db_); }
bool Connection::autocommit() const { return sqlite3_get_autocommit(db_) != 0; }

Error Connection::error(int rc, std::string_view what) const {
  ErrorCode code = ErrorCode::kInternal;
  switch (rc & 0xff) {
    case SQLITE_CONSTRAINT: code = ErrorCode::kConflict; break;
    case SQLITE_BUSY:
    case SQLITE_LOCKED: code = ErrorCode::kUnavailable; break;
    default: break;
  }
  return make_error(code, std::string(what.substr(0, 80)) + ": " + sqlite3_errmsg(db_));
}

// ---- ReadTransaction ----

ReadTransaction::ReadTransaction(Connection* conn) : conn_(conn), status_(conn->exec("BEGIN")) {}

ReadTransaction::~ReadTransaction() {
  if (status_) (void)conn_->exec("ROLLBACK");
}

}  // namespace hearth::store::sqlite
