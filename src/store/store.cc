#include "store/store.h"

#include <future>
#include <map>
#include <mutex>

#include "store/memory/memory_store.h"
#include "store/sqlite/sqlite_store.h"
#include "store/store_url.h"

namespace hearth::store {

Status Store::write_sync(WriteBatch batch) {
  auto promise = std::make_shared<std::promise<Status>>();
  std::future<Status> future = promise->get_future();
  write(std::move(batch), [promise](Status s) { promise->set_value(std::move(s)); });
  return future.get();
}

Result<std::unique_ptr<Store>> open_store(const std::string& url) {
  auto parsed = parse_store_url(url);
  if (!parsed) return parsed.error();
  if (parsed->kind == StoreUrl::Kind::kMemory) {
    return std::unique_ptr<Store>(std::make_unique<memory::MemoryStore>());
  }
  auto store = sqlite::SqliteStore::open(parsed->sqlite);
  if (!store) return store.error();
  return std::unique_ptr<Store>(std::move(store).value());
}

Result<int64_t> allocate_ticket_id(Store& store) {
  static std::mutex mutex;
  static std::map<const Store*, int64_t> last;  // a gap after a store is freed is harmless
  std::lock_guard lock(mutex);
  Result<StoreStats> stats = store.stats();
  if (!stats) return stats.error();
  int64_t& id = last[&store];
  id = std::max(id, stats->max_ticket_id) + 1;
  return id;
}

}  // namespace hearth::store
