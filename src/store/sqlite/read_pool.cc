#include "store/sqlite/read_pool.h"

namespace hearth::store::sqlite {

Result<std::unique_ptr<ReadPool>> ReadPool::open(const SqliteOptions& options) {
  std::unique_ptr<ReadPool> pool(new ReadPool());
  for (int i = 0; i < options.readers; ++i) {
    auto conn = Connection::open(options, ConnectionRole::kReader);
    if (!conn) return conn.error();
    pool->idle_.push_back(std::move(conn).value());
  }
  return pool;
}

ReadPool::Lease ReadPool::acquire() {
  std::unique_lock<std::mutex> lock(mu_);
  cv_.wait(lock, [&] { return !idle_.empty(); });
  std::unique_ptr<Connection> conn = std::move(idle_.back());
  idle_.pop_back();
  return Lease(this, std::move(conn));
}

void ReadPool::release(std::unique_ptr<Connection> conn) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    idle_.push_back(std::move(conn));
  }
  cv_.notify_one();
}

}  // namespace hearth::store::sqlite
