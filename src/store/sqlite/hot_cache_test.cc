// The in-memory cache in front of the SQLite store: cached reads stay coherent with writes,
// evictions, deletes and reopening, and the unfinished-task shortcut never hides a task.
#include "store/sqlite/hot_cache.h"

#include <gtest/gtest.h>

#include "store/sqlite/sqlite_store.h"
#include "store/store_test_support.h"

namespace hearth::store::sqlite {
namespace {

using store::testing::make_device;
using store::testing::TempDir;

TEST(HotCacheTest, EvictsTheLeastRecentlyUsedDevice) {
  HotCache cache(2);
  cache.offer_device(make_device("a"), cache.generation());
  cache.offer_device(make_device("b"), cache.generation());
  ASSERT_TRUE(cache.find_device("a"));  // a is now the most recent
  cache.offer_device(make_device("c"), cache.generation());
  EXPECT_TRUE(cache.find_device("a"));
  EXPECT_FALSE(cache.find_device("b"));
  EXPECT_TRUE(cache.find_device("c"));
  EXPECT_EQ(cache.cached_devices(), 2u);
}

TEST(HotCacheTest, AReadThatRacedAWriteIsNotCached) {
  HotCache cache(10);
  const uint64_t before = cache.generation();
  DeviceRecord updated = make_device("a");
  updated.software_version = "2.0";
  cache.committed(WriteBatch().add(UpsertDevice{updated}));
  cache.offer_device(make_device("a"), before);  // read before the commit: stale
  EXPECT_FALSE(cache.find_device("a"));
}

TEST(HotCacheTest, CommittedRowsReplaceCachedOnesAndDeletesDrop) {
  HotCache cache(10);
  cache.offer_device(make_device("a"), cache.generation());
  DeviceRecord updated = make_device("a");
  updated.software_version = "2.0";
  cache.committed(WriteBatch().add(UpsertDevice{updated}));
  ASSERT_TRUE(cache.find_device("a"));
  EXPECT_EQ(cache.find_device("a")->software_version, "2.0");
  cache.committed(WriteBatch().add(DeleteDevice{"a"}));
  EXPECT_FALSE(cache.find_device("a"));
}

TEST(HotCacheTest, ZeroCapacityCachesNothing) {
  HotCache cache(0);
  cache.offer_device(make_device("a"), cache.generation());
  EXPECT_FALSE(cache.find_device("a"));
}

class SqliteHotCacheTest : public ::testing::Test {
 protected:
  std::unique_ptr<SqliteStore> open(int cache_devices = 100) {
    SqliteOptions options;
    options.path = dir_.file("hearth.db");
    options.cache_devices = cache_devices;
    auto store = SqliteStore::open(options);
    EXPECT_TRUE(store.ok()) << store.error().message;
    return store ? std::move(store).value() : nullptr;
  }
  TaskRecord task(const std::string& device, TaskState state, int64_t id = 0) {
    TaskRecord t;
    t.id = id;
    t.device_id = device;
    t.name = "reboot";
    t.state = state;
    return t;
  }
  std::vector<TaskRecord> unfinished(Store& store, const std::string& device) {
    std::vector<TaskRecord> out;
    for (auto state : {TaskState::kPending, TaskState::kRunning}) {
      TaskQuery q;
      q.device_id = device;
      q.state = state;
      auto found = store.find_tasks(q);
      EXPECT_TRUE(found.ok());
      if (found) out.insert(out.end(), found->begin(), found->end());
    }
    return out;
  }
  TempDir dir_;
};

TEST_F(SqliteHotCacheTest, CachedDeviceFollowsEveryWrite) {
  auto store = open();
  ASSERT_TRUE(store->write_sync(WriteBatch().add(UpsertDevice{make_device("d1")})));
  ASSERT_TRUE(store->get_device("d1").value());  // now cached
  DeviceRecord changed = make_device("d1");
  changed.tags = {"vip"};
  changed.last_inform_ms = 42;
  ASSERT_TRUE(store->write_sync(WriteBatch().add(UpsertDevice{changed})));
  EXPECT_EQ(store->get_device("d1").value(), std::optional<DeviceRecord>(changed));
  ASSERT_TRUE(store->write_sync(WriteBatch().add(DeleteDevice{"d1"})));
  EXPECT_EQ(store->get_device("d1").value(), std::nullopt);
}

TEST_F(SqliteHotCacheTest, AFailedBatchLeavesTheCacheAsTheDatabase) {
  auto store = open();
  ASSERT_TRUE(store->write_sync(WriteBatch().add(UpsertDevice{make_device("d1")})));
  ASSERT_TRUE(store->get_device("d1").value());
  DeviceRecord changed = make_device("d1");
  changed.software_version = "9.9";
  // The second op fails (no such device), so the whole batch is rolled back.
  Status st = store->write_sync(
      WriteBatch().add(UpsertDevice{changed}).add(PutParameterValues{"nobody", {}, 1}));
  EXPECT_FALSE(st);
  EXPECT_EQ(store->get_device("d1").value()->software_version, make_device("d1").software_version);
}

TEST_F(SqliteHotCacheTest, UnfinishedTasksAreNeverHidden) {
  auto store = open();
  ASSERT_TRUE(store->write_sync(WriteBatch().add(UpsertDevice{make_device("d1")})));
  EXPECT_TRUE(unfinished(*store, "d1").empty());
  ASSERT_TRUE(store->write_sync(WriteBatch().add(PutTask{task("d1", TaskState::kPending)})));
  auto tasks = unfinished(*store, "d1");
  ASSERT_EQ(tasks.size(), 1u);
  ASSERT_TRUE(store->write_sync(WriteBatch().add(PutTask{task("d1", TaskState::kRunning, tasks[0].id)})));
  EXPECT_EQ(unfinished(*store, "d1").size(), 1u);
  ASSERT_TRUE(store->write_sync(WriteBatch().add(PutTask{task("d1", TaskState::kDone, tasks[0].id)})));
  EXPECT_TRUE(unfinished(*store, "d1").empty());
}

TEST_F(SqliteHotCacheTest, UnfinishedTasksSurviveAReopen) {
  {
    auto store = open();
    ASSERT_TRUE(store->write_sync(WriteBatch()
                                      .add(UpsertDevice{make_device("d1")})
                                      .add(PutTask{task("d1", TaskState::kPending)})));
  }
  auto store = open();
  EXPECT_EQ(unfinished(*store, "d1").size(), 1u);
}

TEST_F(SqliteHotCacheTest, WorksWithTheCacheSwitchedOff) {
  auto store = open(0);
  ASSERT_TRUE(store->write_sync(WriteBatch().add(UpsertDevice{make_device("d1")})));
  EXPECT_TRUE(store->get_device("d1").value());
}

}  // namespace
}  // namespace hearth::store::sqlite
