// The shared store suite, part 2: tasks, faults, events, files, profiles, tokens, meta, stats.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "store/limits.h"
#include "store/store_suite_fixture.h"

namespace hearth::store::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

class StoreRecordTest : public StoreSuiteTest {
 protected:
  void SetUp() override {
    StoreSuiteTest::SetUp();
    add_device("a");
    add_device("b");
  }
  TaskRecord task(const std::string& device, int64_t id = 0, TaskState state = TaskState::kPending,
                  int64_t next_attempt_ms = 0) {
    TaskRecord t;
    t.id = id;
    t.device_id = device;
    t.name = "getParameterValues";
    t.args_json = R"({"parameterNames":["IGD."]})";
    t.origin = "profile:base";
    t.state = state;
    t.attempts = 2;
    t.created_ms = 10;
    t.updated_ms = 11;
    t.next_attempt_ms = next_attempt_ms;
    t.expires_ms = 13;
    t.command_key = "ck";
    t.result_json = R"({"ok":true})";
    t.fault_json = "";
    return t;
  }
  std::vector<int64_t> task_ids(const TaskQuery& q) {
    std::vector<int64_t> ids;
    auto tasks = store_->find_tasks(q);
    EXPECT_TRUE(tasks.ok());
    if (tasks) {
      for (const auto& t : *tasks) ids.push_back(t.id);
    }
    return ids;
  }
  std::vector<int64_t> fault_ids(const std::string& device, size_t limit = 100) {
    std::vector<int64_t> ids;
    auto faults = store_->list_faults(device, limit);
    EXPECT_TRUE(faults.ok());
    if (faults) {
      for (const auto& f : *faults) ids.push_back(f.id);
    }
    return ids;
  }
  void add_fault(const std::string& device, int64_t id = 0) {
    FaultRecord f;
    f.id = id;
    f.device_id = device;
    f.task_id = 3;
    f.rpc = "SetParameterValues";
    f.code = 9007;
    f.message = "Invalid parameter value";
    f.detail_json = R"({"parameter":"X"})";
    f.time_ms = 77;
    write_ok(WriteBatch().add(AddFault{f}));
  }
};
HEARTH_INSTANTIATE_STORE_SUITE(StoreRecordTest);

// ---- tasks ----

TEST_P(StoreRecordTest, PutTaskStoresEveryFieldAndAssignsIdsFromOne) {
  write_ok(WriteBatch().add(PutTask{task("a")}).add(PutTask{task("b")}));
  auto got = store_->get_task(1);
  ASSERT_TRUE(got.ok() && got->has_value());
  const TaskRecord& t = **got;
  const TaskRecord want = task("a", 1);
  EXPECT_EQ(t.id, 1);
  EXPECT_EQ(t.device_id, "a");
  EXPECT_EQ(t.name, want.name);
  EXPECT_EQ(t.args_json, want.args_json);
  EXPECT_EQ(t.origin, want.origin);
  EXPECT_EQ(t.state, TaskState::kPending);
  EXPECT_EQ(t.attempts, 2);
  EXPECT_EQ(t.created_ms, 10);
  EXPECT_EQ(t.updated_ms, 11);
  EXPECT_EQ(t.next_attempt_ms, 0);
  EXPECT_EQ(t.expires_ms, 13);
  EXPECT_EQ(t.command_key, "ck");
  EXPECT_EQ(t.result_json, want.result_json);
  EXPECT_EQ(t.fault_json, "");
  EXPECT_EQ((*store_->get_task(2))->device_id, "b");
  EXPECT_FALSE(store_->get_task(3)->has_value());
}

TEST_P(StoreRecordTest, PutTaskWithAnIdReplacesAndNewIdsNeverReuseOldOnes) {
  write_ok(WriteBatch().add(PutTask{task("a", 10)}));
  write_ok(WriteBatch().add(PutTask{task("a", 10, TaskState::kDone)}));
  EXPECT_EQ((*store_->get_task(10))->state, TaskState::kDone);
  write_ok(WriteBatch().add(DeleteTask{10}));
  EXPECT_FALSE(store_->get_task(10)->has_value());
  write_ok(WriteBatch().add(PutTask{task("a")}));
  EXPECT_TRUE(store_->get_task(11)->has_value());
  EXPECT_EQ(store_->stats()->max_task_id, 11);
  EXPECT_TRUE(write(WriteBatch().add(DeleteTask{999})).ok());
}

TEST_P(StoreRecordTest, FindTasksFiltersByDeviceStateAndDueTimeInIdOrder) {
  write_ok(WriteBatch()
               .add(PutTask{task("a", 1, TaskState::kPending, 100)})
               .add(PutTask{task("b", 2, TaskState::kPending, 50)})
               .add(PutTask{task("a", 3, TaskState::kRunning, 0)})
               .add(PutTask{task("a", 4, TaskState::kPending, 300)})
               .add(PutTask{task("a", 5, TaskState::kDone, 0)})
               .add(PutTask{task("b", 6, TaskState::kFault, 0)})
               .add(PutTask{task("a", 7, TaskState::kCancelled, 0)}));
  struct Case {
    const char* what;
    TaskQuery query;
    std::vector<int64_t> ids;
  };
  auto q = [](std::string device, std::optional<TaskState> state, int64_t due, size_t offset = 0,
              size_t limit = 100) {
    TaskQuery tq;
    tq.device_id = std::move(device);
    tq.state = state;
    tq.due_before_ms = due;
    tq.offset = offset;
    tq.limit = limit;
    return tq;
  };
  const Case cases[] = {
      {"all", q("", std::nullopt, 0), {1, 2, 3, 4, 5, 6, 7}},
      {"device a", q("a", std::nullopt, 0), {1, 3, 4, 5, 7}},
      {"pending", q("", TaskState::kPending, 0), {1, 2, 4}},
      {"pending of a", q("a", TaskState::kPending, 0), {1, 4}},
      {"due by 100", q("", TaskState::kPending, 100), {1, 2}},
      {"due of b", q("b", TaskState::kPending, 100), {2}},
      {"running", q("", TaskState::kRunning, 0), {3}},
      {"done", q("", TaskState::kDone, 0), {5}},
      {"fault", q("", TaskState::kFault, 0), {6}},
      {"cancelled", q("", TaskState::kCancelled, 0), {7}},
      {"paged", q("", std::nullopt, 0, 2, 3), {3, 4, 5}},
      {"past the end", q("", std::nullopt, 0, 7, 3), {}},
      {"unknown device", q("zz", std::nullopt, 0), {}},
  };
  for (const auto& c : cases) EXPECT_EQ(task_ids(c.query), c.ids) << c.what;
  auto stats = store_->stats();
  EXPECT_EQ(stats->tasks_pending, 3u);
  EXPECT_EQ(stats->tasks_running, 1u);
}

// ---- faults ----

TEST_P(StoreRecordTest, FaultsAreListedNewestFirstWithTheirFields) {
  add_fault("a");
  add_fault("b");
  add_fault("a");
  EXPECT_EQ(fault_ids("a"), (std::vector<int64_t>{3, 1}));
  EXPECT_EQ(fault_ids(""), (std::vector<int64_t>{3, 2, 1}));
  EXPECT_EQ(fault_ids("", 2), (std::vector<int64_t>{3, 2}));
  EXPECT_THAT(fault_ids("nobody"), IsEmpty());
  const FaultRecord f = (*store_->list_faults("b", 1))[0];
  EXPECT_EQ(f.device_id, "b");
  EXPECT_EQ(f.task_id, 3);
  EXPECT_EQ(f.rpc, "SetParameterValues");
  EXPECT_EQ(f.code, 9007u);
  EXPECT_EQ(f.message, "Invalid parameter value");
  EXPECT_EQ(f.detail_json, R"({"parameter":"X"})");
  EXPECT_EQ(f.time_ms, 77);
  EXPECT_EQ(store_->stats()->faults, 3u);
}

TEST_P(StoreRecordTest, AddFaultWithATakenIdConflicts) {
  add_fault("a", 5);
  FaultRecord f;
  f.id = 5;
  f.device_id = "b";
  Status s = write(WriteBatch().add(AddFault{f}));
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, ErrorCode::kConflict);
  add_fault("a");
  EXPECT_EQ(fault_ids("a"), (std::vector<int64_t>{6, 5}));
}

TEST_P(StoreRecordTest, ClearFaultsByIdOrByDevice) {
  add_fault("a");
  add_fault("a");
  add_fault("b");
  add_fault("b");
  write_ok(WriteBatch().add(ClearFaults{"b", 1}));  // not b's: nothing happens
  EXPECT_EQ(fault_ids(""), (std::vector<int64_t>{4, 3, 2, 1}));
  write_ok(WriteBatch().add(ClearFaults{"a", 1}));
  EXPECT_EQ(fault_ids(""), (std::vector<int64_t>{4, 3, 2}));
  write_ok(WriteBatch().add(ClearFaults{"", 4}));
  EXPECT_EQ(fault_ids(""), (std::vector<int64_t>{3, 2}));
  write_ok(WriteBatch().add(ClearFaults{"b", 0}));
  EXPECT_EQ(fault_ids(""), (std::vector<int64_t>{2}));
  EXPECT_TRUE(write(WriteBatch().add(ClearFaults{"nobody", 0})).ok());
}

// ---- events ----

TEST_P(StoreRecordTest, EventsAreListedNewestFirstAndTiesByInsertion) {
  write_ok(WriteBatch().add(AddEvents{{EventRecord{"a", 200, "1 BOOT", ""},
                                       EventRecord{"a", 100, "0 BOOTSTRAP", ""},
                                       EventRecord{"b", 150, "2 PERIODIC", ""}}}));
  write_ok(WriteBatch().add(AddEvents{{EventRecord{"a", 200, "M Reboot", "ck-1"}}}));
  auto events = store_->list_events("a", 10);
  ASSERT_TRUE(events.ok());
  ASSERT_EQ(events->size(), 3u);
  EXPECT_EQ((*events)[0].code, "M Reboot");
  EXPECT_EQ((*events)[0].command_key, "ck-1");
  EXPECT_EQ((*events)[0].device_id, "a");
  EXPECT_EQ((*events)[0].time_ms, 200);
  EXPECT_EQ((*events)[1].code, "1 BOOT");
  EXPECT_EQ((*events)[2].code, "0 BOOTSTRAP");
  EXPECT_EQ(store_->list_events("a", 1)->size(), 1u);
  EXPECT_EQ(store_->list_events("b", 10)->size(), 1u);
  EXPECT_THAT(*store_->list_events("nobody", 10), IsEmpty());
}

TEST_P(StoreRecordTest, EachTimelineKeepsOnlyTheNewestEvents) {
  std::vector<EventRecord> events;
  const int n = static_cast<int>(kMaxEventsPerDevice) + 10;
  for (int i = 0; i < n; ++i) events.push_back(EventRecord{"a", 1000 + i, std::to_string(i), ""});
  write_ok(WriteBatch().add(AddEvents{events}));
  write_ok(WriteBatch().add(AddEvents{{EventRecord{"a", 5, "too old", ""}, EventRecord{"b", 5, "b", ""}}}));
  auto got = store_->list_events("a", 1000);
  ASSERT_TRUE(got.ok());
  ASSERT_EQ(got->size(), kMaxEventsPerDevice);
  EXPECT_EQ(got->front().code, std::to_string(n - 1));
  EXPECT_EQ(got->back().code, std::to_string(n - static_cast<int>(kMaxEventsPerDevice)));
  EXPECT_EQ(store_->list_events("b", 10)->size(), 1u);
}

// ---- files, profiles, tokens, meta ----

TEST_P(StoreRecordTest, FilesArePutListedInIdOrderAndDeleted) {
  FileRecord f;
  f.id = "fw-2.bin";
  f.file_type = "1 Firmware Upgrade Image";
  f.oui = "202BC1";
  f.product_class = "BM632w";
  f.version = "2";
  f.size = 123456789012;
  f.sha256 = std::string(64, 'a');
  f.created_ms = 5;
  FileRecord g = f;
  g.id = "fw-1.bin";
  write_ok(WriteBatch().add(PutFile{f}).add(PutFile{g}));
  auto got = store_->get_file("fw-2.bin");
  ASSERT_TRUE(got.ok() && got->has_value());
  EXPECT_EQ((*got)->file_type, f.file_type);
  EXPECT_EQ((*got)->oui, f.oui);
  EXPECT_EQ((*got)->product_class, f.product_class);
  EXPECT_EQ((*got)->version, "2");
  EXPECT_EQ((*got)->size, f.size);
  EXPECT_EQ((*got)->sha256, f.sha256);
  EXPECT_EQ((*got)->created_ms, 5);
  f.version = "2b";
  write_ok(WriteBatch().add(PutFile{f}));
  auto all = store_->list_files();
  ASSERT_EQ(all->size(), 2u);
  EXPECT_EQ((*all)[0].id, "fw-1.bin");
  EXPECT_EQ((*all)[1].version, "2b");
  write_ok(WriteBatch().add(DeleteFile{"fw-1.bin"}).add(DeleteFile{"never"}));
  EXPECT_FALSE(store_->get_file("fw-1.bin")->has_value());
  EXPECT_EQ(store_->list_files()->size(), 1u);
}

TEST_P(StoreRecordTest, ProfileVersionBumpsOnEveryPutUnlessAHigherOneIsGiven) {
  ProfileRecord p;
  p.name = "base";
  p.definition_json = R"({"v":1})";
  p.updated_ms = 9;
  write_ok(WriteBatch().add(PutProfile{p}));
  EXPECT_EQ((*store_->get_profile("base"))->version, 1);
  p.definition_json = R"({"v":2})";
  write_ok(WriteBatch().add(PutProfile{p}));
  EXPECT_EQ((*store_->get_profile("base"))->version, 2);
  p.version = 10;
  write_ok(WriteBatch().add(PutProfile{p}));
  auto got = store_->get_profile("base");
  EXPECT_EQ((*got)->version, 10);
  EXPECT_EQ((*got)->definition_json, R"({"v":2})");
  EXPECT_EQ((*got)->updated_ms, 9);
  ProfileRecord q = p;
  q.name = "alpha";
  q.version = 0;
  write_ok(WriteBatch().add(PutProfile{q}));
  auto all = store_->list_profiles();
  ASSERT_EQ(all->size(), 2u);
  EXPECT_EQ((*all)[0].name, "alpha");
  EXPECT_EQ((*all)[0].version, 1);
  write_ok(WriteBatch().add(DeleteProfile{"base"}));
  EXPECT_FALSE(store_->get_profile("base")->has_value());
}

TEST_P(StoreRecordTest, TokensAreFoundByHashAndHashesAreUnique) {
  TokenRecord t{"t1", "ci", "hash-1", "admin", 3};
  TokenRecord u{"t2", "ops", "hash-2", "operator", 4};
  write_ok(WriteBatch().add(PutToken{t}).add(PutToken{u}));
  auto got = store_->find_token_by_hash("hash-2");
  ASSERT_TRUE(got.ok() && got->has_value());
  EXPECT_EQ((*got)->id, "t2");
  EXPECT_EQ((*got)->name, "ops");
  EXPECT_EQ((*got)->role, "operator");
  EXPECT_EQ((*got)->created_ms, 4);
  EXPECT_FALSE(store_->find_token_by_hash("hash-3")->has_value());

  TokenRecord clash{"t3", "x", "hash-1", "admin", 5};
  Status s = write(WriteBatch().add(PutToken{clash}));
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, ErrorCode::kConflict);
  u.token_hash = "hash-1";
  s = write(WriteBatch().add(PutToken{u}));
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, ErrorCode::kConflict);

  t.token_hash = "hash-1b";  // rotating a token's own hash is fine
  write_ok(WriteBatch().add(PutToken{t}));
  EXPECT_EQ((*store_->find_token_by_hash("hash-1b"))->id, "t1");
  EXPECT_FALSE(store_->find_token_by_hash("hash-1")->has_value());
  write_ok(WriteBatch().add(DeleteToken{"t2"}));
  auto all = store_->list_tokens();
  ASSERT_EQ(all->size(), 1u);
  EXPECT_EQ((*all)[0].id, "t1");
}

TEST_P(StoreRecordTest, MetaKeepsTheLastValuePerKey) {
  EXPECT_FALSE(store_->get_meta("k")->has_value());
  write_ok(WriteBatch().add(PutMeta{"k", "1"}).add(PutMeta{"k", "2"}).add(PutMeta{"e", ""}));
  EXPECT_EQ(**store_->get_meta("k"), "2");
  EXPECT_EQ(**store_->get_meta("e"), "");
}

// ---- stats ----

TEST_P(StoreRecordTest, StatsCountRowsAndCommittedBatches) {
  const uint64_t batches_before = store_->stats()->batches;
  put_values("a", {pv("X.A", "1"), pv("X.B", "2")});
  put_values("b", {pv("X.A", "1")});
  put_values("a", {pv("X.A", "3")});  // an update: no new row
  EXPECT_FALSE(write(WriteBatch().add(PutParameterValues{"ghost", {}, 1})).ok());
  auto stats = store_->stats();
  ASSERT_TRUE(stats.ok());
  EXPECT_EQ(stats->devices, 2u);
  EXPECT_EQ(stats->parameters, 3u);
  EXPECT_EQ(stats->batches, batches_before + 3);
  EXPECT_GE(stats->commits, 1u);
  EXPECT_EQ(stats->write_queue_depth, 0u);
}

}  // namespace
}  // namespace hearth::store::testing
