// What only the SQLite backend has: persistence, migrations, the schema's query plans, and group
// commit itself.
#include "store/sqlite/sqlite_store.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <future>

#include "store/sqlite/migrations.h"
#include "store/store_test_support.h"

namespace hearth::store::sqlite {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using store::testing::make_device;
using store::testing::names_of;
using store::testing::pv;
using store::testing::TempDir;

class SqliteStoreTest : public ::testing::Test {
 protected:
  std::unique_ptr<SqliteStore> open(SqliteOptions options = {}) {
    options.path = dir_.file("hearth.db");
    auto store = SqliteStore::open(options);
    EXPECT_TRUE(store.ok()) << store.error().message;
    return store ? std::move(store).value() : nullptr;
  }

  // Runs a query on a separate raw connection and returns the first column of every row.
  std::vector<std::string> raw(const std::string& sql) {
    sqlite3* db = nullptr;
    EXPECT_EQ(sqlite3_open(dir_.file("hearth.db").c_str(), &db), SQLITE_OK);
    std::vector<std::string> rows;
    sqlite3_stmt* stmt = nullptr;
    EXPECT_EQ(sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr), SQLITE_OK) << sqlite3_errmsg(db);
    while (sqlite3_step(stmt) == SQLITE_ROW) {
      const int last = sqlite3_column_count(stmt) - 1;
      const auto* text = sqlite3_column_text(stmt, last);
      rows.emplace_back(text ? reinterpret_cast<const char*>(text) : "");
    }
    sqlite3_finalize(stmt);
    sqlite3_close(db);
    return rows;
  }

  // Holds the writer inside the callback of a first batch, so that the batches written meanwhile
  // queue up and are committed together when it is released.
  struct Gate {
    std::promise<void> entered;
    std::promise<void> release;
  };
  void block_writer(Store* store, Gate* gate) {
    store->write(WriteBatch().add(PutMeta{"gate", "1"}), [gate](Status) {
      gate->entered.set_value();
      gate->release.get_future().wait();
    });
    gate->entered.get_future().wait();
  }

  TempDir dir_;
};

TEST_F(SqliteStoreTest, EverythingSurvivesAReopen) {
  {
    auto store = open();
    DeviceRecord d = make_device("dev");
    d.tags = {"t"};
    TaskRecord task;
    task.device_id = "dev";
    task.name = "reboot";
    ASSERT_TRUE(store->write_sync(WriteBatch()
                                      .add(UpsertDevice{d})
                                      .add(PutParameterValues{"dev", {pv("IGD.A.B", "1"), pv("IGD.A.C", "2")}, 5})
                                      .add(AddEvents{{EventRecord{"dev", 5, "1 BOOT", ""}}})
                                      .add(PutTask{task})
                                      .add(PutMeta{"k", "v"}))
                    .ok());
  }
  auto store = open();
  auto d = store->get_device("dev");
  ASSERT_TRUE(d.ok() && d->has_value());
  EXPECT_THAT((*d)->tags, ElementsAre("t"));
  EXPECT_THAT(names_of(*store->get_parameters("dev", "IGD.A.")), ElementsAre("IGD.A.B", "IGD.A.C"));
  EXPECT_EQ(store->list_events("dev", 10)->size(), 1u);
  EXPECT_TRUE(store->get_task(1)->has_value());
  EXPECT_EQ(**store->get_meta("k"), "v");
  auto stats = store->stats();
  EXPECT_EQ(stats->devices, 1u);
  EXPECT_EQ(stats->parameters, 2u);
  EXPECT_EQ(stats->max_task_id, 1);
  // New names after the reopen reuse the interned segments and add new ones.
  ASSERT_TRUE(store->write_sync(WriteBatch().add(PutParameterValues{"dev", {pv("IGD.A.D", "3"), pv("New.X", "4")}, 6})).ok());
  EXPECT_THAT(names_of(*store->get_parameters("dev", "")), ElementsAre("IGD.A.B", "IGD.A.C", "IGD.A.D", "New.X"));
}

TEST_F(SqliteStoreTest, MigrationsRunOnceAndReopeningIsANoOp) {
  { auto store = open(); }
  EXPECT_THAT(raw("PRAGMA user_version"), ElementsAre(std::to_string(migrations().back().version)));
  const auto tables = raw("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name");
  { auto store = open(); }
  { auto store = open(); }
  EXPECT_THAT(raw("PRAGMA user_version"), ElementsAre(std::to_string(migrations().back().version)));
  EXPECT_EQ(raw("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"), tables);
  EXPECT_THAT(tables, ::testing::IsSupersetOf({"devices", "device_tags", "parameters", "events", "tasks",
                                               "faults", "files", "profiles", "tokens", "meta"}));
}

TEST_F(SqliteStoreTest, MigrationsAreNumberedFromOneWithoutGaps) {
  int expected = 1;
  for (const auto& m : migrations()) EXPECT_EQ(m.version, expected++);
}

TEST_F(SqliteStoreTest, RefusesADatabaseFromANewerVersion) {
  { auto store = open(); }
  raw("PRAGMA user_version = 999");
  SqliteOptions options;
  options.path = dir_.file("hearth.db");
  auto store = SqliteStore::open(options);
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.error().code, ErrorCode::kConflict);
  EXPECT_THAT(raw("PRAGMA user_version"), ElementsAre("999"));
}

TEST_F(SqliteStoreTest, UsesWalAndTheRequestedSyncMode) {
  SqliteOptions options;
  options.sync_full = true;
  auto store = open(options);
  EXPECT_THAT(raw("PRAGMA journal_mode"), ElementsAre("wal"));
  ASSERT_TRUE(store->write_sync(WriteBatch().add(PutMeta{"k", "v"})).ok());
}

TEST_F(SqliteStoreTest, PrefixQueriesAreRangeScansOfTheParametersKey) {
  auto store = open();
  EXPECT_THAT(raw("SELECT sql FROM sqlite_master WHERE name = 'parameters'"),
              ElementsAre(HasSubstr("WITHOUT ROWID")));
  const auto plan = raw(
      "EXPLAIN QUERY PLAN SELECT name, value, flags, updated_ms FROM parameters "
      "WHERE device_key = (SELECT key FROM devices WHERE id = 'x') AND name >= x'02' AND name < x'03'");
  EXPECT_THAT(plan, ::testing::Contains(HasSubstr("SEARCH parameters USING PRIMARY KEY (device_key=? AND name>? AND name<?)")));
  const auto tag_plan = raw(
      "EXPLAIN QUERY PLAN SELECT count(*) FROM devices d WHERE d.key IN "
      "(SELECT device_key FROM device_tags WHERE tag = 'gold')");
  EXPECT_THAT(tag_plan, ::testing::Contains(HasSubstr("device_tags USING PRIMARY KEY (tag=?)")));
  const auto task_plan = raw(
      "EXPLAIN QUERY PLAN SELECT id, name FROM tasks WHERE device_key = 1 AND state = 'pending' "
      "AND next_attempt_ms <= 5");
  EXPECT_THAT(task_plan, ::testing::Contains(HasSubstr("INDEX tasks_device_state (device_key=? AND state=? AND next_attempt_ms<?)")));
}

TEST_F(SqliteStoreTest, QueuedBatchesCommitTogetherInOneTransaction) {
  auto store = open();
  ASSERT_TRUE(store->write_sync(WriteBatch().add(UpsertDevice{make_device("dev")})).ok());
  const uint64_t commits_before = store->stats()->commits;
  Gate gate;
  block_writer(store.get(), &gate);
  constexpr int kQueued = 50;
  std::vector<std::future<Status>> results;
  for (int i = 0; i < kQueued; ++i) {
    auto promise = std::make_shared<std::promise<Status>>();
    results.push_back(promise->get_future());
    WriteBatch batch;
    if (i == 17) {
      batch.add(PutParameterValues{"ghost", {pv("IGD.X", "1")}, 1});
    } else {
      batch.add(PutParameterValues{"dev", {pv("IGD.P" + std::to_string(i), "v")}, i});
    }
    store->write(std::move(batch), [promise](Status s) { promise->set_value(std::move(s)); });
  }
  EXPECT_EQ(store->stats()->write_queue_depth, static_cast<uint64_t>(kQueued));
  gate.release.set_value();
  for (int i = 0; i < kQueued; ++i) EXPECT_EQ(results[i].get().ok(), i != 17) << i;
  auto stats = store->stats();
  EXPECT_EQ(stats->commits, commits_before + 2);  // the gate's batch, then all the queued ones
  EXPECT_EQ(stats->parameters, static_cast<uint64_t>(kQueued - 1));
  EXPECT_EQ(stats->write_queue_depth, 0u);
}

// A batch that interns new path segments and then fails must not leave them behind in the
// writer's dictionary: the next batch of the same transaction reuses the rolled-back ids.
TEST_F(SqliteStoreTest, SegmentsOfARolledBackBatchDoNotLeak) {
  auto store = open();
  ASSERT_TRUE(store->write_sync(WriteBatch().add(UpsertDevice{make_device("dev")})).ok());
  Gate gate;
  block_writer(store.get(), &gate);
  std::promise<Status> failed, passed, later;
  store->write(WriteBatch()
                   .add(PutParameterValues{"dev", {pv("Lost.Alpha.One", "1")}, 1})
                   .add(PutParameterValues{"ghost", {}, 1}),
               [&](Status s) { failed.set_value(s); });
  store->write(WriteBatch().add(PutParameterValues{"dev", {pv("Kept.Beta.Two", "2")}, 1}),
               [&](Status s) { passed.set_value(s); });
  store->write(WriteBatch().add(PutParameterValues{"dev", {pv("Lost.Alpha.Three", "3")}, 1}),
               [&](Status s) { later.set_value(s); });
  gate.release.set_value();
  EXPECT_FALSE(failed.get_future().get().ok());
  EXPECT_TRUE(passed.get_future().get().ok());
  EXPECT_TRUE(later.get_future().get().ok());
  EXPECT_THAT(names_of(*store->get_parameters("dev", "")), ElementsAre("Kept.Beta.Two", "Lost.Alpha.Three"));
  store.reset();
  store = open();
  EXPECT_THAT(names_of(*store->get_parameters("dev", "")), ElementsAre("Kept.Beta.Two", "Lost.Alpha.Three"));
  EXPECT_THAT(names_of(*store->get_parameters("dev", "Lost.Alpha.")), ElementsAre("Lost.Alpha.Three"));
}

TEST_F(SqliteStoreTest, FlushFromACallbackDoesNotDeadlock) {
  auto store = open();
  std::promise<void> done;
  store->write(WriteBatch().add(PutMeta{"k", "v"}), [&](Status) {
    store->flush();
    done.set_value();
  });
  done.get_future().wait();
  store->flush();
}

TEST_F(SqliteStoreTest, DestructorCommitsWhatIsQueued) {
  int called = 0;
  {
    auto store = open();
    for (int i = 0; i < 20; ++i) {
      store->write(WriteBatch().add(PutMeta{"k" + std::to_string(i), "v"}), [&](Status s) {
        if (s) ++called;
      });
    }
  }
  EXPECT_EQ(called, 20);
  auto store = open();
  EXPECT_TRUE(store->get_meta("k19")->has_value());
}

}  // namespace
}  // namespace hearth::store::sqlite
