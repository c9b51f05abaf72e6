#include "store/sqlite/sqlite_store.h"

#include "store/sqlite/device_queries.h"
#include "store/sqlite/migrations.h"
#include "store/sqlite/parameter_queries.h"
#include "store/sqlite/record_queries.h"

namespace hearth::store::sqlite {

Result<std::unique_ptr<SqliteStore>> SqliteStore::open(const SqliteOptions& options) {
  auto conn = Connection::open(options, ConnectionRole::kWriter);
  if (!conn) return conn.error();
  if (Status s = migrate(conn->get()); !s) return s.error();
  std::unique_ptr<SqliteStore> store(new SqliteStore());
  store->segments_ = std::make_unique<SegmentDictionary>();
  auto writer = GroupCommitter::start(std::move(conn).value(), store->segments_.get());
  if (!writer) return writer.error();
  store->writer_ = std::move(writer).value();
  auto readers = ReadPool::open(options);
  if (!readers) return readers.error();
  store->readers_ = std::move(readers).value();
  return store;
}

SqliteStore::~SqliteStore() {
  readers_.reset();
  writer_.reset();
}

void SqliteStore::write(WriteBatch batch, WriteCallback done) {
  writer_->enqueue(std::move(batch), std::move(done));
}

void SqliteStore::flush() { writer_->flush(); }

Result<std::optional<DeviceRecord>> SqliteStore::get_device(const std::string& id) {
  auto conn = readers_->acquire();
  return query_device(conn.get(), id);
}

Result<DevicePage> SqliteStore::find_devices(const DeviceQuery& query) {
  auto conn = readers_->acquire();
  return query_devices(conn.get(), segments_.get(), query);
}

Result<std::vector<StoredParameter>> SqliteStore::get_parameters(const std::string& device_id,
                                                                 const std::string& prefix) {
  auto conn = readers_->acquire();
  return query_parameters(conn.get(), segments_.get(), device_id, prefix);
}

Result<std::optional<TaskRecord>> SqliteStore::get_task(int64_t task_id) {
  auto conn = readers_->acquire();
  return query_task(conn.get(), task_id);
}

Result<std::vector<TaskRecord>> SqliteStore::find_tasks(const TaskQuery& query) {
  auto conn = readers_->acquire();
  return query_tasks(conn.get(), query);
}

Result<std::vector<FaultRecord>> SqliteStore::list_faults(const std::string& device_id,
                                                          size_t limit) {
  auto conn = readers_->acquire();
  return query_faults(conn.get(), device_id, limit);
}

Result<std::vector<EventRecord>> SqliteStore::list_events(const std::string& device_id,
                                                          size_t limit) {
  auto conn = readers_->acquire();
  return query_events(conn.get(), device_id, limit);
}

Result<std::optional<FileRecord>> SqliteStore::get_file(const std::string& id) {
  auto conn = readers_->acquire();
  return query_file(conn.get(), id);
}

Result<std::vector<FileRecord>> SqliteStore::list_files() {
  auto conn = readers_->acquire();
  return query_files(conn.get());
}

Result<std::optional<ProfileRecord>> SqliteStore::get_profile(const std::string& name) {
  auto conn = readers_->acquire();
  return query_profile(conn.get(), name);
}

Result<std::vector<ProfileRecord>> SqliteStore::list_profiles() {
  auto conn = readers_->acquire();
  return query_profiles(conn.get());
}

Result<std::optional<TokenRecord>> SqliteStore::find_token_by_hash(const std::string& token_hash) {
  auto conn = readers_->acquire();
  return query_token_by_hash(conn.get(), token_hash);
}

Result<std::vector<TokenRecord>> SqliteStore::list_tokens() {
  auto conn = readers_->acquire();
  return query_tokens(conn.get());
}

Result<std::optional<std::string>> SqliteStore::get_meta(const std::string& key) {
  auto conn = readers_->acquire();
  return query_meta(conn.get(), key);
}

Result<StoreStats> SqliteStore::stats() {
  StoreStats s;
  s.devices = static_cast<uint64_t>(writer_->devices());
  s.parameters = static_cast<uint64_t>(writer_->parameters());
  s.write_queue_depth = writer_->queue_depth();
  s.commits = writer_->commits();
  s.batches = writer_->batches();
  auto conn = readers_->acquire();
  if (Status st = query_record_counts(conn.get(), &s); !st) return st.error();
  return s;
}

}  // namespace hearth::store::sqlite
