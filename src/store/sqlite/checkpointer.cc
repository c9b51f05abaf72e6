#include "store/sqlite/checkpointer.h"

#include <pthread.h>
#include <sys/resource.h>
#include <unistd.h>

#include <utility>

namespace hearth::store::sqlite {

Result<std::unique_ptr<Checkpointer>> Checkpointer::start(const SqliteOptions& options, int pages) {
  auto conn = Connection::open(options, ConnectionRole::kCheckpointer);
  if (!conn) return conn.error();
  std::unique_ptr<Checkpointer> c(new Checkpointer(std::move(conn).value(), pages));
  c->thread_ = std::thread([p = c.get()] { p->run(); });
  return c;
}

Checkpointer::~Checkpointer() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
  }
  cv_.notify_one();
  thread_.join();
}

void Checkpointer::committed(int wal_pages) {
  bool wake = false;
  {
    std::lock_guard<std::mutex> lock(mu_);
    // A log smaller than what was copied has started over.
    if (wal_pages < copied_pages_) copied_pages_ = 0;
    log_pages_ = wal_pages;
    wake = wal_pages >= copied_pages_ + pages_;
  }
  if (wake) cv_.notify_one();
}

void Checkpointer::drain() {
  std::unique_lock<std::mutex> lock(mu_);
  idle_cv_.wait(lock,
                [&] { return stopping_ || (!running_ && log_pages_ < copied_pages_ + pages_); });
}

void Checkpointer::run() {
  // Background work: named for top -H, and yielding the CPU to the network and writer threads
  // (lowering one's own priority needs no privilege; best effort).
  pthread_setname_np(pthread_self(), "hearth-ckpt");
  (void)setpriority(PRIO_PROCESS, static_cast<id_t>(gettid()), 10);
  std::unique_lock<std::mutex> lock(mu_);
  for (;;) {
    if (log_pages_ < copied_pages_ + pages_) idle_cv_.notify_all();
    cv_.wait(lock, [&] { return stopping_ || log_pages_ >= copied_pages_ + pages_; });
    if (stopping_) break;
    const int before = copied_pages_;
    running_ = true;
    lock.unlock();
    auto copied = conn_->checkpoint_passive();
    lock.lock();
    running_ = false;
    if (!copied) {
      // Another checkpoint is running (the writer's, or a tool's): asks again after as many
      // new pages.
      copied_pages_ = log_pages_;
      continue;
    }
    ++checkpoints_;
    // What was copied no longer counts; the pages written meanwhile do. A checkpoint that copied
    // nothing more (a reader still needs the rest) waits for as many new pages again.
    copied_pages_ = *copied > before ? *copied : log_pages_;
  }
  idle_cv_.notify_all();
}

}  // namespace hearth::store::sqlite
