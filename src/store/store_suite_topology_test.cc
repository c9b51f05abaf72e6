// The shared store suite, part 4: regions, access nodes, subscribers and homes; references,
// device -> home lookups, email lookups, home search and atomicity of batches that carry them.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "store/store_suite_fixture.h"

namespace hearth::store::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

HomeDevice home_device(const std::string& role, const std::string& serial) {
  return HomeDevice{role, "00E0FC-HG8245Q2-" + serial, serial, "00E0FC", "HG8245Q2", "Huawei"};
}

SubscriberRecord subscriber(const std::string& account, const std::string& name,
                            const std::string& email, const std::string& street = "Storgatan 12",
                            const std::string& city = "Nordstad") {
  SubscriberRecord s;
  s.account = account;
  s.name = name;
  s.email = email;
  s.street = street;
  s.postal_code = "111" + account.substr(account.size() - 2);
  s.city = city;
  s.password_hash = "$argon2id$v=19$m=65536,t=2,p=1$c2FsdA$aGFzaA";
  s.created_ms = 100;
  s.updated_ms = 200;
  return s;
}

HomeRecord home(const std::string& id, const std::string& account, const std::string& node,
                std::vector<HomeDevice> devices = {}) {
  HomeRecord h;
  h.id = id;
  h.account = account;
  h.access_node_id = node;
  h.devices = std::move(devices);
  h.created_ms = 300;
  h.updated_ms = 400;
  return h;
}

class StoreTopologyTest : public StoreSuiteTest {
 protected:
  // Two regions, three access nodes, three subscribers, three homes:
  //   north: an-1 (home-1 of 1000001, home-2 of 1000002), an-2 (none); south: an-3 (home-3 of
  //   1000003)
  void SetUp() override {
    StoreSuiteTest::SetUp();
    write_ok(
        WriteBatch()
            .add(PutRegion{RegionRecord{"north", "Nordstad", 1, 2}})
            .add(PutRegion{RegionRecord{"south", "Sydby", 1, 2}})
            .add(PutAccessNode{
                AccessNodeRecord{"an-1", "OLT Nordstad 1/1", "olt-port", "north", 3, 4}})
            .add(PutAccessNode{
                AccessNodeRecord{"an-2", "OLT Nordstad 1/2", "olt-port", "north", 3, 4}})
            .add(PutAccessNode{AccessNodeRecord{"an-3", "DSLAM Sydby", "dslam", "south", 3, 4}})
            .add(PutSubscriber{subscriber("1000001", "Anna Berg", "Anna.Berg@example.net")})
            .add(PutSubscriber{subscriber("1000002", "Bo Ek", "bo@example.net", "Kungsvägen 3")})
            .add(PutSubscriber{subscriber("1000003", "Cecilia Lund", "", "Hamngatan 1", "Sydby")})
            .add(PutHome{home("home-1", "1000001", "an-1",
                              {home_device("gateway", "A1"), home_device("extender", "A2")})})
            .add(PutHome{home("home-2", "1000002", "an-1", {home_device("gateway", "B1")})})
            .add(PutHome{home("home-3", "1000003", "an-3")}));
  }

  std::vector<std::string> home_ids(const HomeQuery& q, size_t* total = nullptr) {
    auto page = store_->list_homes(q);
    EXPECT_TRUE(page.ok());
    std::vector<std::string> out;
    if (!page) return out;
    for (const auto& h : page->homes) out.push_back(h.id);
    if (total != nullptr) *total = page->total;
    return out;
  }
  std::string home_of(const std::string& device_id) {
    auto h = store_->home_for_device(device_id);
    EXPECT_TRUE(h.ok());
    return h.ok() && h->has_value() ? (*h)->id : "";
  }
  std::vector<std::string> device_ids_of(const std::string& home_id) {
    auto h = store_->get_home(home_id);
    EXPECT_TRUE(h.ok() && h->has_value()) << home_id;
    std::vector<std::string> out;
    if (h.ok() && h->has_value()) {
      for (const auto& d : (*h)->devices) out.push_back(d.device_id);
    }
    return out;
  }
  std::string account_by_email(const std::string& email) {
    auto s = store_->find_subscriber_by_email(email);
    EXPECT_TRUE(s.ok());
    return s.ok() && s->has_value() ? (*s)->account : "";
  }
  ErrorCode failure(WriteBatch batch) {
    Status s = write(std::move(batch));
    EXPECT_FALSE(s.ok());
    return s.ok() ? ErrorCode::kInternal : s.error().code;
  }
};
HEARTH_INSTANTIATE_STORE_SUITE(StoreTopologyTest);

TEST_P(StoreTopologyTest, RecordsComeBackAsStored) {
  auto region = store_->get_region("north");
  ASSERT_TRUE(region.ok() && region->has_value());
  EXPECT_EQ(**region, (RegionRecord{"north", "Nordstad", 1, 2}));
  auto node = store_->get_access_node("an-3");
  ASSERT_TRUE(node.ok() && node->has_value());
  EXPECT_EQ(**node, (AccessNodeRecord{"an-3", "DSLAM Sydby", "dslam", "south", 3, 4}));
  auto sub = store_->get_subscriber("1000002");
  ASSERT_TRUE(sub.ok() && sub->has_value());
  EXPECT_EQ(**sub, subscriber("1000002", "Bo Ek", "bo@example.net", "Kungsvägen 3"));
  auto h = store_->get_home("home-1");
  ASSERT_TRUE(h.ok() && h->has_value());
  EXPECT_EQ(**h, home("home-1", "1000001", "an-1",
                      {home_device("gateway", "A1"), home_device("extender", "A2")}));
}

TEST_P(StoreTopologyTest, UnknownKeysFindNothing) {
  EXPECT_FALSE(store_->get_region("west")->has_value());
  EXPECT_FALSE(store_->get_access_node("an-9")->has_value());
  EXPECT_FALSE(store_->get_subscriber("9999999")->has_value());
  EXPECT_FALSE(store_->get_home("home-9")->has_value());
  EXPECT_FALSE(store_->home_for_device("nobody")->has_value());
  EXPECT_FALSE(store_->find_subscriber_by_email("nobody@example.net")->has_value());
}

TEST_P(StoreTopologyTest, ListsAreSortedAndAccessNodesFilterByRegion) {
  auto regions = store_->list_regions();
  ASSERT_TRUE(regions.ok());
  ASSERT_EQ(regions->size(), 2u);
  EXPECT_EQ((*regions)[0].id, "north");
  EXPECT_EQ((*regions)[1].id, "south");
  auto ids = [&](const std::string& region) {
    std::vector<std::string> out;
    auto nodes = store_->list_access_nodes(region);
    EXPECT_TRUE(nodes.ok());
    if (nodes) {
      for (const auto& n : *nodes) out.push_back(n.id);
    }
    return out;
  };
  EXPECT_THAT(ids(""), ElementsAre("an-1", "an-2", "an-3"));
  EXPECT_THAT(ids("north"), ElementsAre("an-1", "an-2"));
  EXPECT_THAT(ids("south"), ElementsAre("an-3"));
  EXPECT_THAT(ids("west"), IsEmpty());
}

TEST_P(StoreTopologyTest, PutsAreUpsertsByKey) {
  write_ok(
      WriteBatch()
          .add(PutRegion{RegionRecord{"north", "Norra", 1, 9}})
          .add(PutAccessNode{AccessNodeRecord{"an-2", "moved", "dslam", "south", 3, 9}})
          .add(PutSubscriber{subscriber("1000002", "Bo Ek-Lund", "bo@example.net", "Ny väg 1")})
          .add(PutHome{home("home-2", "1000003", "an-3", {home_device("gateway", "B9")})}));
  EXPECT_EQ((*store_->get_region("north"))->name, "Norra");
  EXPECT_EQ((*store_->get_access_node("an-2"))->region_id, "south");
  EXPECT_EQ((*store_->get_subscriber("1000002"))->street, "Ny väg 1");
  const HomeRecord h = **store_->get_home("home-2");
  EXPECT_EQ(h.account, "1000003");
  EXPECT_EQ(h.access_node_id, "an-3");
  EXPECT_THAT(device_ids_of("home-2"), ElementsAre("00E0FC-HG8245Q2-B9"));
  EXPECT_EQ(store_->list_regions()->size(), 2u);
  EXPECT_EQ(store_->list_access_nodes("")->size(), 3u);
  EXPECT_EQ(home_ids({}).size(), 3u);
  // The device the home no longer lists is in no home.
  EXPECT_EQ(home_of("00E0FC-HG8245Q2-B1"), "");
  EXPECT_EQ(home_of("00E0FC-HG8245Q2-B9"), "home-2");
}

TEST_P(StoreTopologyTest, DevicesLeadToTheirHomeAndKeepTheirOrder) {
  EXPECT_EQ(home_of("00E0FC-HG8245Q2-A1"), "home-1");
  EXPECT_EQ(home_of("00E0FC-HG8245Q2-A2"), "home-1");
  EXPECT_EQ(home_of("00E0FC-HG8245Q2-B1"), "home-2");
  EXPECT_THAT(device_ids_of("home-1"), ElementsAre("00E0FC-HG8245Q2-A1", "00E0FC-HG8245Q2-A2"));
  write_ok(WriteBatch().add(
      PutHome{home("home-1", "1000001", "an-1",
                   {home_device("extender", "A2"), home_device("gateway", "A1")})}));
  EXPECT_THAT(device_ids_of("home-1"), ElementsAre("00E0FC-HG8245Q2-A2", "00E0FC-HG8245Q2-A1"));
  const HomeRecord h = **store_->home_for_device("00E0FC-HG8245Q2-A1");
  EXPECT_EQ(h.devices.size(), 2u);
  EXPECT_EQ(h.devices[1], home_device("gateway", "A1"));
}

TEST_P(StoreTopologyTest, ADeviceListedInAnotherHomeMovesThere) {
  write_ok(WriteBatch().add(
      PutHome{home("home-3", "1000003", "an-3",
                   {home_device("gateway", "C1"), home_device("extender", "A2")})}));
  EXPECT_EQ(home_of("00E0FC-HG8245Q2-A2"), "home-3");
  EXPECT_THAT(device_ids_of("home-1"), ElementsAre("00E0FC-HG8245Q2-A1"));
  EXPECT_THAT(device_ids_of("home-3"), ElementsAre("00E0FC-HG8245Q2-C1", "00E0FC-HG8245Q2-A2"));
}

TEST_P(StoreTopologyTest, DeletingAHomeFreesItsDevices) {
  write_ok(WriteBatch().add(DeleteHome{"home-1"}));
  EXPECT_FALSE(store_->get_home("home-1")->has_value());
  EXPECT_EQ(home_of("00E0FC-HG8245Q2-A1"), "");
  EXPECT_EQ(home_of("00E0FC-HG8245Q2-B1"), "home-2");
  write_ok(WriteBatch().add(DeleteHome{"home-1"}));  // idempotent
}

TEST_P(StoreTopologyTest, EmailsAreFoundIgnoringCase) {
  EXPECT_EQ(account_by_email("anna.berg@example.net"), "1000001");
  EXPECT_EQ(account_by_email("ANNA.BERG@EXAMPLE.NET"), "1000001");
  EXPECT_EQ(account_by_email(""), "");  // 1000003 has no email: an empty one finds nobody
  // A second subscriber without email is fine.
  write_ok(WriteBatch().add(PutSubscriber{subscriber("1000004", "Dan", "")}));
  // Changing an email frees the old one.
  write_ok(WriteBatch().add(PutSubscriber{subscriber("1000001", "Anna Berg", "anna@example.org")}));
  EXPECT_EQ(account_by_email("Anna.Berg@example.net"), "");
  EXPECT_EQ(account_by_email("anna@example.org"), "1000001");
  write_ok(
      WriteBatch().add(PutSubscriber{subscriber("1000002", "Bo Ek", "anna.berg@example.net")}));
  EXPECT_EQ(account_by_email("anna.berg@example.net"), "1000002");
}

TEST_P(StoreTopologyTest, ThePlanOfAHomeComesBackAndIsReplaced) {
  EXPECT_EQ((*store_->get_home("home-1"))->plan_down_kbps, 0u);  // unknown
  HomeRecord h = home("home-1", "1000001", "an-1", {home_device("gateway", "A1")});
  h.plan_down_kbps = 1000000;
  h.plan_up_kbps = 4294967295u;  // the whole range of the field survives
  write_ok(WriteBatch().add(PutHome{h}));
  EXPECT_EQ(**store_->get_home("home-1"), h);
  EXPECT_EQ(store_->list_homes(HomeQuery{.account = "1000001"})->homes.at(0), h);
  EXPECT_EQ(**store_->home_for_device(h.devices[0].device_id), h);
  h.plan_down_kbps = 0;
  h.plan_up_kbps = 0;
  write_ok(WriteBatch().add(PutHome{h}));
  EXPECT_EQ(**store_->get_home("home-1"), h);
}

TEST_P(StoreTopologyTest, AnEmailOfAnotherSubscriberIsAConflict) {
  EXPECT_EQ(failure(WriteBatch().add(
                PutSubscriber{subscriber("1000002", "Bo Ek", "anna.BERG@example.net")})),
            ErrorCode::kConflict);
  EXPECT_EQ(account_by_email("bo@example.net"), "1000002");
}

TEST_P(StoreTopologyTest, ReferencesMustExist) {
  struct Case {
    const char* what;
    WriteOp op;
  };
  const Case cases[] = {
      {"access node in an unknown region",
       PutAccessNode{AccessNodeRecord{"an-9", "x", "olt-port", "west", 0, 0}}},
      {"home of an unknown subscriber", PutHome{home("home-9", "9999999", "an-1")}},
      {"home on an unknown access node", PutHome{home("home-9", "1000001", "an-9")}},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(failure(WriteBatch().add(c.op)), ErrorCode::kNotFound) << c.what;
  }
  EXPECT_FALSE(store_->get_access_node("an-9")->has_value());
  EXPECT_FALSE(store_->get_home("home-9")->has_value());
  // Earlier ops of the same batch count.
  write_ok(WriteBatch()
               .add(PutRegion{RegionRecord{"west", "Västby", 0, 0}})
               .add(PutAccessNode{AccessNodeRecord{"an-9", "x", "olt-port", "west", 0, 0}})
               .add(PutSubscriber{subscriber("1000009", "Eva", "eva@example.net")})
               .add(PutHome{home("home-9", "1000009", "an-9")}));
  EXPECT_TRUE(store_->get_home("home-9")->has_value());
}

TEST_P(StoreTopologyTest, MalformedOpsAreInvalid) {
  HomeRecord twice = home("home-9", "1000001", "an-1",
                          {home_device("gateway", "Z"), home_device("extender", "Z")});
  HomeRecord no_device_id =
      home("home-9", "1000001", "an-1", {HomeDevice{"gateway", "", "Z", "", "", ""}});
  struct Case {
    const char* what;
    WriteOp op;
  };
  const Case cases[] = {
      {"region without id", PutRegion{RegionRecord{}}},
      {"access node without region", PutAccessNode{AccessNodeRecord{"an-9", "", "", "", 0, 0}}},
      {"subscriber without account", PutSubscriber{SubscriberRecord{}}},
      {"home without id", PutHome{home("", "1000001", "an-1")}},
      {"home without account", PutHome{home("home-9", "", "an-1")}},
      {"home without access node", PutHome{home("home-9", "1000001", "")}},
      {"device listed twice", PutHome{twice}},
      {"device without id", PutHome{no_device_id}},
      {"delete home without id", DeleteHome{""}},
      {"delete subscriber without account", DeleteSubscriber{""}},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(failure(WriteBatch().add(c.op)), ErrorCode::kInvalidArgument) << c.what;
  }
}

TEST_P(StoreTopologyTest, WhatIsStillReferredToCannotBeDeleted) {
  EXPECT_EQ(failure(WriteBatch().add(DeleteRegion{"north"})), ErrorCode::kConflict);
  EXPECT_EQ(failure(WriteBatch().add(DeleteAccessNode{"an-1"})), ErrorCode::kConflict);
  EXPECT_EQ(failure(WriteBatch().add(DeleteSubscriber{"1000001"})), ErrorCode::kConflict);
  // Bottom up, it goes; deletes of what does not exist succeed.
  write_ok(WriteBatch()
               .add(DeleteHome{"home-3"})
               .add(DeleteSubscriber{"1000003"})
               .add(DeleteAccessNode{"an-3"})
               .add(DeleteRegion{"south"})
               .add(DeleteRegion{"south"})
               .add(DeleteAccessNode{"an-9"})
               .add(DeleteSubscriber{"9999999"}));
  EXPECT_FALSE(store_->get_region("south")->has_value());
  EXPECT_FALSE(store_->get_access_node("an-3")->has_value());
  EXPECT_FALSE(store_->get_subscriber("1000003")->has_value());
  // A deleted subscriber's email is free again.
  write_ok(WriteBatch().add(DeleteHome{"home-2"}).add(DeleteSubscriber{"1000002"}));
  write_ok(WriteBatch().add(PutSubscriber{subscriber("1000005", "F", "BO@example.net")}));
  EXPECT_EQ(account_by_email("bo@example.net"), "1000005");
}

TEST_P(StoreTopologyTest, AFailedBatchChangesNothing) {
  const HomeRecord home1 = **store_->get_home("home-1");
  WriteBatch batch;
  batch.add(PutRegion{RegionRecord{"north", "renamed", 0, 0}});
  batch.add(PutSubscriber{subscriber("1000001", "Anna", "new@example.net")});
  batch.add(
      PutHome{home("home-3", "1000003", "an-3", {home_device("gateway", "A1")})});  // moves A1
  batch.add(DeleteHome{"home-2"});
  batch.add(PutHome{home("home-9", "1000001", "an-9")});  // fails: unknown access node
  EXPECT_EQ(failure(std::move(batch)), ErrorCode::kNotFound);
  EXPECT_EQ((*store_->get_region("north"))->name, "Nordstad");
  EXPECT_EQ(account_by_email("anna.berg@example.net"), "1000001");
  EXPECT_EQ(account_by_email("new@example.net"), "");
  EXPECT_EQ(**store_->get_home("home-1"), home1);
  EXPECT_EQ(home_of("00E0FC-HG8245Q2-A1"), "home-1");
  EXPECT_EQ(home_of("00E0FC-HG8245Q2-B1"), "home-2");
  EXPECT_THAT(device_ids_of("home-3"), IsEmpty());
}

TEST_P(StoreTopologyTest, HomeSearchFiltersAndPages) {
  struct Case {
    const char* what;
    HomeQuery query;
    std::vector<std::string> ids;
  };
  auto q = [](auto set) {
    HomeQuery query;
    set(query);
    return query;
  };
  const Case cases[] = {
      {"everything", {}, {"home-1", "home-2", "home-3"}},
      {"access node", q([](HomeQuery& x) { x.access_node = "an-1"; }), {"home-1", "home-2"}},
      {"access node without homes", q([](HomeQuery& x) { x.access_node = "an-2"; }), {}},
      {"region", q([](HomeQuery& x) { x.region = "south"; }), {"home-3"}},
      {"account", q([](HomeQuery& x) { x.account = "1000002"; }), {"home-2"}},
      {"text in home id", q([](HomeQuery& x) { x.text = "ME-3"; }), {"home-3"}},
      {"text in account", q([](HomeQuery& x) { x.text = "00001"; }), {"home-1"}},
      {"text in name", q([](HomeQuery& x) { x.text = "berg"; }), {"home-1"}},
      {"text in email", q([](HomeQuery& x) { x.text = "bo@"; }), {"home-2"}},
      {"text in street", q([](HomeQuery& x) { x.text = "hamngatan"; }), {"home-3"}},
      {"text in postal code", q([](HomeQuery& x) { x.text = "11102"; }), {"home-2"}},
      {"text in city", q([](HomeQuery& x) { x.text = "sydby"; }), {"home-3"}},
      {"text with a LIKE wildcard", q([](HomeQuery& x) { x.text = "%"; }), {}},
      {"text matching nothing", q([](HomeQuery& x) { x.text = "zzz"; }), {}},
      {"fields combine",
       q([](HomeQuery& x) {
         x.region = "north";
         x.text = "example.net";
       }),
       {"home-1", "home-2"}},
      {"fields combine to nothing",
       q([](HomeQuery& x) {
         x.region = "south";
         x.account = "1000001";
       }),
       {}},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(home_ids(c.query), c.ids) << c.what;
  }
  size_t total = 0;
  HomeQuery page;
  page.offset = 1;
  page.limit = 1;
  EXPECT_THAT(home_ids(page, &total), ElementsAre("home-2"));
  EXPECT_EQ(total, 3u);
  page.offset = 5;
  EXPECT_THAT(home_ids(page, &total), IsEmpty());
  EXPECT_EQ(total, 3u);
  // Homes in a page carry their devices.
  auto listed = store_->list_homes(HomeQuery{});
  ASSERT_TRUE(listed.ok());
  EXPECT_EQ(listed->homes[0].devices.size(), 2u);
}

TEST_P(StoreTopologyTest, CountsHomesPerAccessNode) {
  auto counts = store_->count_homes_by_access_node();
  ASSERT_TRUE(counts.ok());
  EXPECT_EQ(*counts, (std::map<std::string, uint64_t>{{"an-1", 2}, {"an-3", 1}}));
}

}  // namespace
}  // namespace hearth::store::testing
