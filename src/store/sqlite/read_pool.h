// A small pool of read connections (query_only), each with its own cached statements. Any
// thread may lease one; when all are leased, acquire() waits for one to come back. In WAL mode a
// reader sees the database as of its statement's (or ReadTransaction's) start, which is after
// every commit whose callback has already run.
#pragma once

#include <condition_variable>
#include <memory>
#include <mutex>
#include <vector>

#include "core/result.h"
#include "store/sqlite/connection.h"
#include "store/sqlite/sqlite_options.h"

namespace hearth::store::sqlite {

class ReadPool {
 public:
  class Lease {
   public:
    Lease(ReadPool* pool, std::unique_ptr<Connection> conn) : pool_(pool), conn_(std::move(conn)) {}
    Lease(Lease&&) = default;
    ~Lease() {
      if (conn_) pool_->release(std::move(conn_));
    }
    Connection* get() const { return conn_.get(); }
    Connection* operator->() const { return conn_.get(); }

   private:
    ReadPool* pool_;
    std::unique_ptr<Connection> conn_;
  };

  // REQUIRES: the database exists and is migrated (the writer opened it).
  static Result<std::unique_ptr<ReadPool>> open(const SqliteOptions& options);
  // REQUIRES: no lease outstanding.
  ~ReadPool() = default;

  Lease acquire();

 private:
  ReadPool() = default;
  void release(std::unique_ptr<Connection> conn);

  std::mutex mu_;
  std::condition_variable cv_;
  std::vector<std::unique_ptr<Connection>> idle_;
};

}  // namespace hearth::store::sqlite
