// Copies the write-ahead log back into the database file on a thread of its own, so that the
// writer's commits (and the Informs waiting on them) do not wait on a checkpoint's copying and
// fsyncs, as they do when SQLite checkpoints automatically inside the commit that crosses its
// threshold.
//
// The writer reports the log's size after every commit (committed()); once `pages` more pages
// are in the log than the last checkpoint copied, the thread runs a passive checkpoint on its own
// connection, which copies what no reader still needs and never blocks the writer nor the
// readers. The log starts over from its beginning at the first write after a checkpoint that
// copied all of it; under a write load that never pauses that may not happen, which is why the
// writer checkpoints by itself when the log outgrows a bound (GroupCommitter).
//
// Thread safety: committed() and the counters may be called from any thread.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <thread>

#include "core/result.h"
#include "store/sqlite/connection.h"
#include "store/sqlite/sqlite_options.h"

namespace hearth::store::sqlite {

class Checkpointer {
 public:
  static Result<std::unique_ptr<Checkpointer>> start(const SqliteOptions& options, int pages);
  // Stops the thread after the checkpoint in progress, if any.
  ~Checkpointer();

  // The log holds `wal_pages` pages after a commit. Never waits on a checkpoint.
  void committed(int wal_pages);
  // Returns once no checkpoint is running or due (for tests).
  void drain();
  // Checkpoints run so far.
  uint64_t checkpoints() const { return checkpoints_.load(); }

 private:
  Checkpointer(std::unique_ptr<Connection> conn, int pages)
      : conn_(std::move(conn)), pages_(pages) {}
  void run();

  std::unique_ptr<Connection> conn_;
  const int pages_;
  std::mutex mu_;
  std::condition_variable cv_;
  int log_pages_ = 0;      // guarded by mu_: the log's size at the last commit
  int copied_pages_ = 0;   // guarded by mu_: pages the last checkpoint copied (0 after a restart)
  bool stopping_ = false;  // guarded by mu_
  bool running_ = false;   // guarded by mu_: a checkpoint is copying
  std::condition_variable idle_cv_;
  std::atomic<uint64_t> checkpoints_{0};
  std::thread thread_;  // last: starts after everything above exists
};

}  // namespace hearth::store::sqlite
