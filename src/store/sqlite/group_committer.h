// The single writer of a SqliteStore. It owns the write connection and a thread that takes every
// batch queued so far, applies them in ONE transaction, each inside its own SAVEPOINT so that a
// failing batch is rolled back alone (and reported) while the others commit, commits once, and
// only then runs the callbacks: group commit, so that a durable write costs one commit however
// many callers wait on it, and no caller's thread ever waits on the disk.
//
// Thread safety: enqueue(), flush() and the counters may be called from any thread. Callbacks run
// on the writer thread, in queue order; they may enqueue more batches, but must not flush() or
// wait on a later batch (the writer would wait on itself).
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "core/result.h"
#include "store/sqlite/checkpointer.h"
#include "store/sqlite/connection.h"
#include "store/sqlite/device_writer.h"
#include "store/sqlite/hot_cache.h"
#include "store/sqlite/op_applier.h"
#include "store/sqlite/segment_dictionary.h"
#include "store/sqlite/segment_writer.h"
#include "store/store.h"

namespace hearth::store::sqlite {

class GroupCommitter {
 public:
  // Loads the counters and path segments through `conn` (migrated already), fills `cache` with
  // the devices that have unfinished tasks, then starts the writer thread. After each commit and
  // before the callbacks, `cache` learns what the committed batches changed.
  //
  // Under load (the last transaction held more than one batch) the writer waits up to `gather`
  // for more batches before it begins a transaction, so that batches share its fixed costs (the
  // lock, the counters row, the pages they have in common); 0 commits at once.
  //
  // With a `checkpointer`, the log is copied back into the database on the checkpointer's thread
  // (SQLite's automatic checkpoint is turned off), and the writer checkpoints by itself only when
  // the log has outgrown `kWriterCheckpointPages`.
  static Result<std::unique_ptr<GroupCommitter>> start(std::unique_ptr<Connection> conn,
                                                       SegmentDictionary* segments, HotCache* cache,
                                                       std::chrono::microseconds gather = {},
                                                       std::unique_ptr<Checkpointer> checkpointer = {});
  // The log size past which the writer checkpoints before its next transaction: the background
  // checkpoints alone never let the log start over while every moment has a commit.
  static constexpr int kWriterCheckpointPages = 16000;
  // Commits everything queued, stops the thread, checkpoints the WAL into the database and
  // closes the connection. REQUIRES: no concurrent enqueue(); the read connections are closed
  // (so that the checkpoint can complete).
  ~GroupCommitter();

  void enqueue(WriteBatch batch, WriteCallback done);
  // Returns once every batch enqueued before the call is committed and its callback has run.
  // Returns at once when called on the writer thread (from a callback).
  void flush();

  uint64_t queue_depth() const;
  uint64_t commits() const { return commits_.load(); }
  // Checkpoints by the checkpointer's thread, and by the writer's because the log outgrew its bound.
  uint64_t checkpoints() const { return checkpointer_ ? checkpointer_->checkpoints() : 0; }
  uint64_t writer_checkpoints() const { return writer_checkpoints_.load(); }
  uint64_t batches() const { return batches_.load(); }
  int64_t devices() const { return devices_.load(); }
  int64_t parameters() const { return parameters_.load(); }

 private:
  struct Pending {
    WriteBatch batch;
    WriteCallback done;
  };

  GroupCommitter(std::unique_ptr<Connection> conn, SegmentDictionary* segments, HotCache* cache,
                 std::chrono::microseconds gather, std::unique_ptr<Checkpointer> checkpointer);
  // Before a transaction: the writer's own checkpoint when the log has outgrown its bound.
  void bound_log();
  Status load_counters();
  Status load_active_tasks();
  void update_cache(const std::vector<Pending>& items, const std::vector<size_t>& applied);
  void run();
  std::vector<Status> commit_group(std::vector<Pending>& items);
  // One transaction over items[start..]; returns the index after the last item it settled
  // (less than items.size() when SQLite rolled the transaction back by itself mid-way).
  size_t commit_from(std::vector<Pending>& items, size_t start, std::vector<Status>* statuses);
  Status apply_batch(const WriteBatch& batch);
  // Transaction control through cached statements (each exec() would compile its SQL again).
  Status run_cached(const char* sql);
  Status save_counters(const RowCounts& totals);

  std::unique_ptr<Connection> conn_;
  std::unique_ptr<Checkpointer> checkpointer_;
  int wal_pages_ = 0;  // writer thread only: the log's size after the last commit
  SegmentWriter segment_writer_;
  OpApplier applier_;
  HotCache* cache_;

  mutable std::mutex mu_;
  std::condition_variable work_cv_;
  std::condition_variable done_cv_;
  std::vector<Pending> queue_;  // guarded by mu_
  uint64_t enqueued_ = 0;       // guarded by mu_: batches ever enqueued
  uint64_t settled_ = 0;        // guarded by mu_: batches whose callback has run
  bool stopping_ = false;       // guarded by mu_
  bool gathering_ = false;      // guarded by mu_: the writer waits for more batches
  const std::chrono::microseconds gather_;
  size_t last_group_ = 0;  // writer thread only: batches in the last transaction

  std::atomic<uint64_t> commits_{0};
  std::atomic<uint64_t> batches_{0};
  std::atomic<uint64_t> writer_checkpoints_{0};
  std::atomic<int64_t> devices_{0};
  std::atomic<int64_t> parameters_{0};

  std::thread thread_;  // last: starts after everything above exists
};

}  // namespace hearth::store::sqlite
