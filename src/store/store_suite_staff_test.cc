// The shared store suite, part 9: staff and campaigns. Users (upserts by id, logins unique
// ignoring ASCII case, deleting a user ends its console sessions), campaigns (newest first, the
// largest id ever stored), their targets (filters, order, paging, the campaign must exist,
// deleted with it), the fleet's counts by model and software version, malformed ops and
// atomicity of batches that carry them.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

#include "store/store_suite_selfservice_fixture.h"

namespace hearth::store::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

UserRecord user(const std::string& id, const std::string& login,
                const std::string& role = "agent") {
  return UserRecord{id,   login, login + " name", login + "@example.net", role, "hash-" + id,
                    false, 1000, 1000};
}

CampaignRecord campaign(int64_t id, int64_t created_ms, const std::string& state = "draft") {
  return CampaignRecord{id,         "campaign " + std::to_string(id), "firmware", state, "u-op",
                        created_ms, created_ms + 5, R"({"id":)" + std::to_string(id) + "}"};
}

CampaignTargetRecord target(int64_t campaign_id, const std::string& device_id, int stage,
                            const std::string& state = "pending") {
  return CampaignTargetRecord{campaign_id, device_id, stage, state, 0, "V1", "", 1000};
}

// "model version devices/online" of each group, in the order given.
std::vector<std::string> rows_of(const FleetDeviceCounts& counts) {
  std::vector<std::string> out;
  for (const auto& v : counts.versions) {
    out.push_back(v.model + " " + v.software_version + " " + std::to_string(v.devices) + "/" +
                  std::to_string(v.online));
  }
  return out;
}

class StoreStaffTest : public StoreSuiteTest {
 protected:
  void expect_code(WriteBatch batch, ErrorCode code, const char* what) {
    Status s = write(std::move(batch));
    ASSERT_FALSE(s.ok()) << what;
    EXPECT_EQ(s.error().code, code) << what << ": " << s.error().message;
  }
  std::vector<std::string> user_ids() { return keys_of(store_->list_users(), &UserRecord::id); }
  std::vector<int64_t> campaign_ids(size_t offset = 0, size_t limit = 100) {
    return keys_of(store_->list_campaigns(offset, limit), &CampaignRecord::id);
  }
  // "device@stage" of each target, in the order listed.
  std::vector<std::string> targets(const CampaignTargetQuery& q) {
    std::vector<std::string> out;
    auto rows = store_->list_campaign_targets(q);
    EXPECT_TRUE(rows.ok()) << rows.error().message;
    if (rows) {
      for (const auto& t : *rows) out.push_back(t.device_id + "@" + std::to_string(t.stage));
    }
    return out;
  }
  bool has_session(const std::string& hash) {
    auto got = store_->get_session(hash);
    EXPECT_TRUE(got.ok());
    return got && got->has_value();
  }
  int64_t max_campaign_id() {
    auto stats = store_->stats();
    EXPECT_TRUE(stats.ok());
    return stats ? stats->max_campaign_id : -1;
  }
  void add_device(const std::string& id, const std::string& model, const std::string& product_class,
                  const std::string& version, int64_t last_inform_ms) {
    DeviceRecord d = make_device(id);
    d.model_name = model;
    d.product_class = product_class;
    d.software_version = version;
    d.last_inform_ms = last_inform_ms;
    write_ok(WriteBatch().add(UpsertDevice{d}));
  }
};

HEARTH_INSTANTIATE_STORE_SUITE(StoreStaffTest);

// ---- users ----

TEST_P(StoreStaffTest, UsersAreUpsertedListedByLoginAndFoundIgnoringCase) {
  UserRecord alice{"u-1", "Alice", "Alice A.", "alice@example.net", "operator", "$argon2id$x",
                   false, 1000, 1000};
  write_ok(WriteBatch()
               .add(PutUser{alice})
               .add(PutUser{user("u-2", "carol")})
               .add(PutUser{user("u-3", "bob")}));
  EXPECT_EQ(**store_->get_user("u-1"), alice);
  EXPECT_FALSE(store_->get_user("u-9")->has_value());
  // Sorted by login ignoring case ("Alice" before "bob").
  EXPECT_THAT(user_ids(), ElementsAre("u-1", "u-3", "u-2"));
  for (const char* login : {"Alice", "alice", "ALICE"}) {
    auto found = store_->find_user_by_login(login);
    ASSERT_TRUE(found.ok());
    ASSERT_TRUE(found->has_value()) << login;
    EXPECT_EQ((*found)->id, "u-1");
    EXPECT_EQ((*found)->login, "Alice");  // stored as given
  }
  EXPECT_FALSE(store_->find_user_by_login("alice ")->has_value());
  EXPECT_FALSE(store_->find_user_by_login("")->has_value());
  // An upsert replaces the whole record.
  UserRecord disabled = alice;
  disabled.disabled = true;
  disabled.role = "agent";
  disabled.updated_ms = 2000;
  write_ok(WriteBatch().add(PutUser{disabled}));
  EXPECT_EQ(**store_->get_user("u-1"), disabled);
  EXPECT_THAT(user_ids(), ElementsAre("u-1", "u-3", "u-2"));
}

TEST_P(StoreStaffTest, ALoginBelongsToOneUserIgnoringCase) {
  write_ok(WriteBatch().add(PutUser{user("u-1", "alice")}).add(PutUser{user("u-2", "bob")}));
  expect_code(WriteBatch().add(PutUser{user("u-3", "ALICE")}), ErrorCode::kConflict, "new user");
  expect_code(WriteBatch().add(PutUser{user("u-2", "Alice")}), ErrorCode::kConflict, "rename");
  EXPECT_FALSE(store_->get_user("u-3")->has_value());
  EXPECT_EQ((**store_->get_user("u-2")).login, "bob");
  // A user may change the case of its own login, and a login given up is free again.
  write_ok(WriteBatch().add(PutUser{user("u-1", "Alice")}));
  EXPECT_EQ((**store_->get_user("u-1")).login, "Alice");
  write_ok(WriteBatch().add(PutUser{user("u-1", "alice2")}).add(PutUser{user("u-3", "alice")}));
  EXPECT_EQ((**store_->find_user_by_login("ALICE")).id, "u-3");
  EXPECT_EQ((**store_->find_user_by_login("Alice2")).id, "u-1");
  // Deleting a user frees its login.
  write_ok(WriteBatch().add(DeleteUser{"u-3"}).add(PutUser{user("u-4", "Alice")}));
  EXPECT_EQ((**store_->find_user_by_login("alice")).id, "u-4");
}

TEST_P(StoreStaffTest, DeletingAUserEndsItsStaffSessionsOnly) {
  write_ok(WriteBatch()
               .add(PutUser{user("u-1", "alice")})
               .add(PutUser{user("u-2", "bob")})
               .add(PutSession{session("s-1", "u-1", "staff")})
               .add(PutSession{session("s-2", "u-1", "staff")})
               .add(PutSession{session("s-3", "u-2", "staff")})
               .add(PutSession{session("s-4", "u-1", "customer")}));  // same subject, other kind
  write_ok(WriteBatch().add(DeleteUser{"u-1"}).add(DeleteUser{"u-unknown"}));
  EXPECT_FALSE(store_->get_user("u-1")->has_value());
  EXPECT_FALSE(has_session("s-1"));
  EXPECT_FALSE(has_session("s-2"));
  EXPECT_TRUE(has_session("s-3"));
  EXPECT_TRUE(has_session("s-4"));
  EXPECT_THAT(user_ids(), ElementsAre("u-2"));
}

// ---- campaigns and their targets ----

TEST_P(StoreStaffTest, CampaignsAreUpsertedAndListedNewestFirst) {
  EXPECT_EQ(max_campaign_id(), 0);
  const CampaignRecord c2 = campaign(2, 3000);
  write_ok(WriteBatch()
               .add(PutCampaign{campaign(1, 1000)})
               .add(PutCampaign{c2})
               .add(PutCampaign{campaign(3, 3000)})
               .add(PutCampaign{campaign(4, 2000)}));
  EXPECT_EQ(**store_->get_campaign(2), c2);
  EXPECT_FALSE(store_->get_campaign(9)->has_value());
  // created_ms descending, then id descending.
  EXPECT_THAT(campaign_ids(), ElementsAre(3, 2, 4, 1));
  EXPECT_THAT(campaign_ids(1, 2), ElementsAre(2, 4));
  EXPECT_THAT(campaign_ids(4, 10), IsEmpty());
  EXPECT_EQ(max_campaign_id(), 4);
  CampaignRecord running = c2;
  running.state = "running";
  running.json = R"({"log":[]})";
  write_ok(WriteBatch().add(PutCampaign{running}));
  EXPECT_EQ(**store_->get_campaign(2), running);
  // Deleting the newest does not lower the largest id; an explicit larger id raises it.
  write_ok(WriteBatch().add(DeleteCampaign{4}).add(DeleteCampaign{77}));
  EXPECT_THAT(campaign_ids(), ElementsAre(3, 2, 1));
  EXPECT_EQ(max_campaign_id(), 4);
  write_ok(WriteBatch().add(PutCampaign{campaign(10, 500)}));
  EXPECT_EQ(max_campaign_id(), 10);
  EXPECT_THAT(campaign_ids(), ElementsAre(3, 2, 1, 10));
}

TEST_P(StoreStaffTest, CampaignTargetsAreFilteredOrderedAndPaged) {
  write_ok(WriteBatch().add(PutCampaign{campaign(1, 1000)}).add(PutCampaign{campaign(2, 1000)}));
  write_ok(WriteBatch().add(PutCampaignTargets{{
      target(1, "dev-c", 1),
      target(1, "dev-a", 1, "done"),
      target(1, "dev-z", 0, "done"),
      target(1, "dev-b", 2),
      target(1, "dev-d", 1, "failed"),
      target(2, "dev-a", 0),
  }}));
  EXPECT_THAT(targets({.campaign_id = 1}),
              ElementsAre("dev-z@0", "dev-a@1", "dev-c@1", "dev-d@1", "dev-b@2"));
  EXPECT_THAT(targets({.campaign_id = 2}), ElementsAre("dev-a@0"));
  EXPECT_THAT(targets({.campaign_id = 3}), IsEmpty());
  EXPECT_THAT(targets({.campaign_id = 1, .stage = 1}),
              ElementsAre("dev-a@1", "dev-c@1", "dev-d@1"));
  EXPECT_THAT(targets({.campaign_id = 1, .state = "done"}), ElementsAre("dev-z@0", "dev-a@1"));
  EXPECT_THAT(targets({.campaign_id = 1, .stage = 1, .state = "pending"}), ElementsAre("dev-c@1"));
  EXPECT_THAT(targets({.campaign_id = 1, .stage = 0, .state = "failed"}), IsEmpty());
  EXPECT_THAT(targets({.campaign_id = 1, .offset = 1, .limit = 2}),
              ElementsAre("dev-a@1", "dev-c@1"));
  EXPECT_THAT(targets({.campaign_id = 1, .stage = 1, .offset = 2}), ElementsAre("dev-d@1"));
  // An upsert by (campaign, device) replaces the whole target.
  CampaignTargetRecord running = target(1, "dev-c", 1, "running");
  running.task_id = 42;
  running.before = "V0.9";
  running.detail = "downloading";
  running.updated_ms = 5000;
  write_ok(WriteBatch().add(PutCampaignTargets{{running}}));
  auto got = store_->list_campaign_targets({.campaign_id = 1, .state = "running"});
  ASSERT_TRUE(got.ok());
  EXPECT_THAT(*got, ElementsAre(running));
  EXPECT_THAT(targets({.campaign_id = 1}),
              ElementsAre("dev-z@0", "dev-a@1", "dev-c@1", "dev-d@1", "dev-b@2"));
}

TEST_P(StoreStaffTest, DeletingACampaignDeletesItsTargets) {
  write_ok(WriteBatch()
               .add(PutCampaign{campaign(1, 1000)})
               .add(PutCampaign{campaign(2, 1000)})
               .add(PutCampaignTargets{{target(1, "dev-a", 0), target(1, "dev-b", 1),
                                        target(2, "dev-a", 0)}}));
  write_ok(WriteBatch().add(DeleteCampaign{1}));
  EXPECT_FALSE(store_->get_campaign(1)->has_value());
  EXPECT_THAT(targets({.campaign_id = 1}), IsEmpty());
  EXPECT_THAT(targets({.campaign_id = 2}), ElementsAre("dev-a@0"));
  // A campaign stored again under the same id starts without targets.
  write_ok(WriteBatch().add(PutCampaign{campaign(1, 2000)}));
  EXPECT_THAT(targets({.campaign_id = 1}), IsEmpty());
}

TEST_P(StoreStaffTest, TargetsOfAnUnknownCampaignAreNotFound) {
  expect_code(WriteBatch().add(PutCampaignTargets{{target(7, "dev-a", 0)}}), ErrorCode::kNotFound,
              "no campaign");
  write_ok(WriteBatch().add(PutCampaign{campaign(1, 1000)}));
  // One unknown campaign among known ones fails the whole op, and the batch with it.
  expect_code(WriteBatch().add(PutCampaignTargets{{target(1, "dev-a", 0), target(7, "dev-b", 0),
                                                   target(1, "dev-c", 0)}}),
              ErrorCode::kNotFound, "mixed");
  EXPECT_THAT(targets({.campaign_id = 1}), IsEmpty());
  EXPECT_THAT(targets({.campaign_id = 7}), IsEmpty());
  // A campaign put earlier in the same batch exists for its targets.
  write_ok(WriteBatch()
               .add(PutCampaign{campaign(2, 1000)})
               .add(PutCampaignTargets{{target(2, "dev-a", 0)}}));
  EXPECT_THAT(targets({.campaign_id = 2}), ElementsAre("dev-a@0"));
  // ... and one deleted earlier in the batch does not.
  expect_code(WriteBatch().add(DeleteCampaign{2}).add(PutCampaignTargets{{target(2, "dev-b", 0)}}),
              ErrorCode::kNotFound, "deleted in the batch");
  EXPECT_THAT(targets({.campaign_id = 2}), ElementsAre("dev-a@0"));
}

// ---- fleet counts ----

TEST_P(StoreStaffTest, FleetCountsGroupDevicesByModelAndVersion) {
  auto empty = store_->fleet_device_counts(0);
  ASSERT_TRUE(empty.ok());
  EXPECT_EQ(empty->devices, 0u);
  EXPECT_EQ(empty->online, 0u);
  EXPECT_THAT(empty->versions, IsEmpty());

  add_device("d1", "HG8245", "ONT", "V2", 5000);
  add_device("d2", "HG8245", "ONT", "V2", 4000);
  add_device("d3", "HG8245", "ONT", "V1", 6000);
  add_device("d4", "HG8245", "ONT", "V3", 1000);
  add_device("d5", "HG8245", "ONT", "V3", 5000);
  add_device("d6", "", "FritzBox", "7.57", 5000);  // no model name: the product class
  add_device("d7", "FritzBox", "7590", "7.57", 0);  // the same group as d6
  add_device("d8", "Archer", "AX55", "1.0", 100);
  auto counts = store_->fleet_device_counts(5000);
  ASSERT_TRUE(counts.ok()) << counts.error().message;
  EXPECT_EQ(counts->devices, 8u);
  EXPECT_EQ(counts->online, 4u);  // last inform at or after the bound: d1, d3, d5, d6
  // By model, then devices descending, then version.
  EXPECT_THAT(rows_of(*counts), ElementsAre("Archer 1.0 1/0", "FritzBox 7.57 2/1",
                                            "HG8245 V2 2/1", "HG8245 V3 2/1", "HG8245 V1 1/1"));
  auto all_online = store_->fleet_device_counts(0);
  ASSERT_TRUE(all_online.ok());
  EXPECT_EQ(all_online->online, 8u);
}

// ---- malformed ops and atomicity ----

TEST_P(StoreStaffTest, MalformedStaffOpsAreInvalid) {
  struct Case {
    const char* what;
    WriteOp op;
  };
  CampaignTargetRecord negative_task = target(1, "dev-a", 0);
  negative_task.task_id = -1;
  const Case cases[] = {
      {"user without id", PutUser{user("", "alice")}},
      {"user without login", PutUser{user("u-1", "")}},
      {"delete user without id", DeleteUser{""}},
      {"campaign id 0", PutCampaign{campaign(0, 1000)}},
      {"negative campaign id", PutCampaign{campaign(-3, 1000)}},
      {"delete campaign 0", DeleteCampaign{0}},
      {"target of campaign 0", PutCampaignTargets{{target(0, "dev-a", 0)}}},
      {"target without device", PutCampaignTargets{{target(1, "", 0)}}},
      {"target with a negative stage", PutCampaignTargets{{target(1, "dev-a", -1)}}},
      {"target with a negative task", PutCampaignTargets{{negative_task}}},
  };
  for (const Case& c : cases) {
    // A good op before the bad one is undone with it.
    expect_code(WriteBatch().add(PutCampaign{campaign(1, 1000)}).add(c.op),
                ErrorCode::kInvalidArgument, c.what);
  }
  EXPECT_THAT(campaign_ids(), IsEmpty());
  EXPECT_EQ(max_campaign_id(), 0);
  EXPECT_THAT(user_ids(), IsEmpty());
}

TEST_P(StoreStaffTest, AFailedBatchUndoesItsStaffOps) {
  const UserRecord alice = user("u-1", "alice");
  const CampaignRecord c1 = campaign(1, 1000);
  write_ok(WriteBatch()
               .add(PutUser{alice})
               .add(PutUser{user("u-2", "bob")})
               .add(PutSession{session("s-1", "u-2", "staff")})
               .add(PutCampaign{c1})
               .add(PutCampaign{campaign(2, 2000)})
               .add(PutCampaignTargets{{target(1, "dev-a", 0), target(2, "dev-b", 0)}}));
  UserRecord renamed = alice;
  renamed.login = "alicia";
  CampaignRecord halted = c1;
  halted.state = "halted";
  Status s = write(WriteBatch()
                       .add(PutUser{renamed})
                       .add(PutUser{user("u-3", "carol")})
                       .add(DeleteUser{"u-2"})
                       .add(PutCampaign{halted})
                       .add(PutCampaign{campaign(9, 9000)})
                       .add(PutCampaignTargets{{target(1, "dev-a", 0, "failed"),
                                                target(9, "dev-c", 1)}})
                       .add(DeleteCampaign{2})
                       .add(PutCampaignTargets{{target(5, "dev-x", 0)}}));  // no campaign 5
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, ErrorCode::kNotFound);
  EXPECT_EQ(**store_->get_user("u-1"), alice);
  EXPECT_THAT(user_ids(), ElementsAre("u-1", "u-2"));
  EXPECT_TRUE(has_session("s-1"));
  EXPECT_EQ(**store_->get_campaign(1), c1);
  EXPECT_THAT(campaign_ids(), ElementsAre(2, 1));
  EXPECT_EQ(max_campaign_id(), 2);
  EXPECT_THAT(targets({.campaign_id = 1}), ElementsAre("dev-a@0"));
  EXPECT_THAT(targets({.campaign_id = 1, .state = "pending"}), ElementsAre("dev-a@0"));
  EXPECT_THAT(targets({.campaign_id = 2}), ElementsAre("dev-b@0"));
  EXPECT_THAT(targets({.campaign_id = 9}), IsEmpty());
  // The next campaign id is still free.
  write_ok(WriteBatch().add(PutCampaign{campaign(3, 3000)}));
  EXPECT_EQ(max_campaign_id(), 3);
}

}  // namespace
}  // namespace hearth::store::testing
