#include "store/sqlite/group_committer.h"

#include <pthread.h>

#include <utility>

namespace hearth::store::sqlite {

namespace {

// Unfinished tasks of one device, or of every device when device_id is empty.
const char* const kActiveTasksSql =
    "SELECT DISTINCT d.id FROM tasks t JOIN devices d ON d.key = t.device_key "
    "WHERE t.state IN ('pending', 'running')";
const char* const kDeviceHasActiveTasksSql =
    "SELECT EXISTS (SELECT 1 FROM tasks t JOIN devices d ON d.key = t.device_key "
    "WHERE d.id = ?1 AND t.state IN ('pending', 'running'))";

// A group this large is committed without waiting for more.
constexpr size_t kGatherBatches = 64;

}  // namespace

Result<std::unique_ptr<GroupCommitter>> GroupCommitter::start(std::unique_ptr<Connection> conn,
                                                              SegmentDictionary* segments,
                                                              HotCache* cache,
                                                              std::chrono::microseconds gather,
                                                              std::unique_ptr<Checkpointer> checkpointer) {
  std::unique_ptr<GroupCommitter> gc(
      new GroupCommitter(std::move(conn), segments, cache, gather, std::move(checkpointer)));
  if (gc->checkpointer_) {
    gc->conn_->on_commit([p = gc.get()](int wal_pages) {
      p->wal_pages_ = wal_pages;
      if (p->checkpointer_) p->checkpointer_->committed(wal_pages);  // null once stopping
    });
  }
  if (Status s = gc->load_counters(); !s) return s.error();
  if (Status s = gc->load_active_tasks(); !s) return s.error();
  if (Status s = gc->segment_writer_.load(); !s) return s.error();
  gc->thread_ = std::thread([p = gc.get()] { p->run(); });
  return gc;
}

GroupCommitter::GroupCommitter(std::unique_ptr<Connection> conn, SegmentDictionary* segments,
                               HotCache* cache, std::chrono::microseconds gather,
                               std::unique_ptr<Checkpointer> checkpointer)
    : conn_(std::move(conn)),
      checkpointer_(std::move(checkpointer)),
      segment_writer_(conn_.get(), segments),
      applier_(conn_.get(), &segment_writer_),
      cache_(cache),
      gather_(gather) {}

GroupCommitter::~GroupCommitter() {
  if (thread_.joinable()) {
    {
      std::lock_guard<std::mutex> lock(mu_);
      stopping_ = true;
    }
    work_cv_.notify_one();
    thread_.join();
  }
  // The checkpointer's thread stops first: the last checkpoint must not find it copying.
  checkpointer_.reset();
  // Folds the WAL back into the database file so that a closed store is one file. Best effort:
  // the next open recovers from the WAL anyway.
  (void)conn_->exec("PRAGMA wal_checkpoint(TRUNCATE)");
}

Status GroupCommitter::load_counters() {
  auto stmt = conn_->prepare("SELECT name, value FROM counters");
  if (!stmt) return stmt.error();
  for (;;) {
    auto row = stmt->step();
    if (!row) return row.error();
    if (!*row) return ok_status();
    const std::string name = stmt->column_text(0);
    if (name == "devices") devices_ = stmt->column_int64(1);
    if (name == "parameters") parameters_ = stmt->column_int64(1);
  }
}

Status GroupCommitter::load_active_tasks() {
  if (cache_ == nullptr) return ok_status();
  auto stmt = conn_->prepare(kActiveTasksSql);
  if (!stmt) return stmt.error();
  std::vector<std::string> ids;
  for (;;) {
    auto row = stmt->step();
    if (!row) return row.error();
    if (!*row) break;
    ids.push_back(stmt->column_text(0));
  }
  cache_->reset_active_tasks(std::move(ids));
  return ok_status();
}

void GroupCommitter::update_cache(const std::vector<Pending>& items, const std::vector<size_t>& applied) {
  if (cache_ == nullptr) return;
  std::vector<std::string> task_devices;
  for (size_t i : applied) {
    for (auto& id : cache_->committed(items[i].batch)) task_devices.push_back(std::move(id));
  }
  for (const auto& id : task_devices) {
    auto stmt = conn_->prepare(kDeviceHasActiveTasksSql);
    bool active = true;  // when in doubt, the reader asks the database
    if (stmt) {
      stmt->bind_text(1, id);
      auto row = stmt->step();
      if (row && *row) active = stmt->column_int64(0) != 0;
    }
    cache_->set_active_tasks(id, active);
  }
}

void GroupCommitter::enqueue(WriteBatch batch, WriteCallback done) {
  bool wake = true;
  {
    std::lock_guard<std::mutex> lock(mu_);
    queue_.push_back(Pending{std::move(batch), std::move(done)});
    ++enqueued_;
    // While the writer gathers, it is woken only when the group is full.
    wake = !gathering_ || queue_.size() >= kGatherBatches;
  }
  if (wake) work_cv_.notify_one();
}

void GroupCommitter::flush() {
  if (std::this_thread::get_id() == thread_.get_id()) return;
  std::unique_lock<std::mutex> lock(mu_);
  const uint64_t target = enqueued_;
  done_cv_.wait(lock, [&] { return settled_ >= target; });
}

uint64_t GroupCommitter::queue_depth() const {
  std::lock_guard<std::mutex> lock(mu_);
  return queue_.size();
}

void GroupCommitter::run() {
  pthread_setname_np(pthread_self(), "hearth-writer");
  for (;;) {
    std::vector<Pending> items;
    {
      std::unique_lock<std::mutex> lock(mu_);
      work_cv_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;  // stopping, and everything is committed
      if (gather_.count() > 0 && last_group_ > 1 && queue_.size() < kGatherBatches && !stopping_) {
        gathering_ = true;
        work_cv_.wait_for(lock, gather_, [&] { return stopping_ || queue_.size() >= kGatherBatches; });
        gathering_ = false;
      }
      items.swap(queue_);
      last_group_ = items.size();
    }
    std::vector<Status> statuses = commit_group(items);
    for (size_t i = 0; i < items.size(); ++i) {
      if (items[i].done) items[i].done(std::move(statuses[i]));
    }
    {
      std::lock_guard<std::mutex> lock(mu_);
      settled_ += items.size();
    }
    done_cv_.notify_all();
  }
}

void GroupCommitter::bound_log() {
  if (!checkpointer_ || wal_pages_ < kWriterCheckpointPages) return;
  // Copies what the checkpointer's thread has not yet, so that this transaction starts the log
  // over. Busy (the checkpointer is copying): the next transaction tries again.
  if (auto copied = conn_->checkpoint_passive(); copied) {
    ++writer_checkpoints_;
    wal_pages_ = 0;
  }
}

std::vector<Status> GroupCommitter::commit_group(std::vector<Pending>& items) {
  bound_log();
  std::vector<Status> statuses(items.size());
  size_t next = 0;
  while (next < items.size()) next = commit_from(items, next, &statuses);
  return statuses;
}

Status GroupCommitter::apply_batch(const WriteBatch& batch) {
  for (const auto& op : batch.ops) {
    if (Status s = applier_.apply(op); !s) return s;
  }
  return ok_status();
}

Status GroupCommitter::run_cached(const char* sql) {
  auto stmt = conn_->prepare(sql);
  if (!stmt) return stmt.error();
  return stmt->run();
}

Status GroupCommitter::save_counters(const RowCounts& totals) {
  auto stmt = conn_->prepare(
      "INSERT INTO counters (name, value) VALUES ('devices', ?1), ('parameters', ?2) "
      "ON CONFLICT (name) DO UPDATE SET value = excluded.value");
  if (!stmt) return stmt.error();
  stmt->bind(1, totals.devices).bind(2, totals.parameters);
  return stmt->run();
}

size_t GroupCommitter::commit_from(std::vector<Pending>& items, size_t start,
                                   std::vector<Status>* statuses) {
  auto fail_all = [&](const std::vector<size_t>& applied, size_t upto, const Error& why) {
    for (size_t i : applied) {
      (*statuses)[i] = make_error(why.code, "transaction rolled back: " + why.message);
    }
    for (size_t i = start; i < upto; ++i) {
      if ((*statuses)[i]) (*statuses)[i] = why;
    }
    (void)conn_->exec("ROLLBACK");
    segment_writer_.end_batch(false);
    segment_writer_.end_transaction(false);
    (void)applier_.take_counts();
  };

  if (Status s = run_cached("BEGIN IMMEDIATE"); !s) {
    for (size_t i = start; i < items.size(); ++i) (*statuses)[i] = s.error();
    return items.size();
  }
  std::vector<size_t> applied;
  RowCounts txn;
  for (size_t i = start; i < items.size(); ++i) {
    if (Status s = run_cached("SAVEPOINT batch"); !s) {
      fail_all(applied, i + 1, s.error());
      return i + 1;
    }
    Status s = apply_batch(items[i].batch);
    const RowCounts counts = applier_.take_counts();
    if (conn_->autocommit()) {
      // SQLite rolled the whole transaction back by itself (I/O error, disk full, ...): the
      // batches applied before this one are lost too. The ones after it get a new transaction.
      fail_all(applied, i + 1,
               s ? make_error(ErrorCode::kInternal, "transaction lost") : s.error());
      return i + 1;
    }
    if (s) {
      if (Status r = run_cached("RELEASE batch"); !r) {
        fail_all(applied, i + 1, r.error());
        return i + 1;
      }
      segment_writer_.end_batch(true);
      txn += counts;
      applied.push_back(i);
    } else {
      (*statuses)[i] = s;
      Status r = conn_->exec("ROLLBACK TO batch");
      if (r) r = run_cached("RELEASE batch");
      if (!r) {
        fail_all(applied, i + 1, r.error());
        return i + 1;
      }
      segment_writer_.end_batch(false);
    }
  }
  RowCounts totals{devices_.load(), parameters_.load()};
  totals += txn;
  Status s = save_counters(totals);
  if (s) s = run_cached("COMMIT");
  if (!s) {
    fail_all(applied, items.size(), s.error());
    return items.size();
  }
  segment_writer_.end_transaction(true);
  update_cache(items, applied);
  devices_ = totals.devices;
  parameters_ = totals.parameters;
  ++commits_;
  batches_ += applied.size();
  return items.size();
}

}  // namespace hearth::store::sqlite
