// The shared store suite, part 6: regional disturbances. Incidents (upserts that replace their
// homes, filters, the time overlap rule, order, paging), maintenance windows, webhooks and the
// webhook outbox, retention, malformed ops, atomicity of batches that carry them, and the largest
// incident id in the stats.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>

#include "store/store_suite_fixture.h"

namespace hearth::store::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::ElementsAreArray;
using ::testing::IsEmpty;

IncidentRecord incident(int64_t id, const std::string& node, const std::string& region,
                        const std::string& state, int64_t suspected_ms, int64_t resolved_ms = 0,
                        std::vector<std::string> homes = {}) {
  IncidentRecord r;
  r.id = id;
  r.scope = node.empty() ? "region" : "access-node";
  r.access_node_id = node;
  r.region_id = region;
  r.state = state;
  r.suspected_ms = suspected_ms;
  r.confirmed_ms = state == "suspected" ? 0 : suspected_ms + 10;
  r.resolved_ms = resolved_ms;
  r.updated_ms = std::max(suspected_ms, resolved_ms);
  r.homes = std::move(homes);
  r.json = R"({"id":)" + std::to_string(id) + "}";
  return r;
}

MaintenanceRecord window(const std::string& id, int64_t start_ms, int64_t end_ms,
                         const std::string& node = "an-1", const std::string& region = "") {
  return MaintenanceRecord{id, node, region, start_ms, end_ms, R"({"id":")" + id + R"("})"};
}

WebhookRecord webhook(const std::string& id, std::vector<std::string> events = {}) {
  return WebhookRecord{id,
                       "https://hooks.example.net/" + id,
                       "secret-of-" + id + "-0123456789",
                       std::move(events),
                       true,
                       1000};
}

WebhookDeliveryRecord delivery(const std::string& id, const std::string& webhook_id,
                               int64_t next_attempt_ms, uint32_t attempts = 0) {
  return WebhookDeliveryRecord{
      id, webhook_id, "incident.opened", R"({"event":"x"})", attempts, next_attempt_ms, 500, ""};
}

class StoreIncidentsTest : public StoreSuiteTest {
 protected:
  std::vector<int64_t> incident_ids(const IncidentQuery& q) {
    auto rows = store_->list_incidents(q);
    EXPECT_TRUE(rows.ok()) << rows.error().message;
    std::vector<int64_t> out;
    if (rows) {
      for (const auto& r : *rows) out.push_back(r.id);
    }
    return out;
  }
  std::vector<std::string> maintenance_ids(int64_t ends_after_ms) {
    auto rows = store_->list_maintenance(ends_after_ms);
    EXPECT_TRUE(rows.ok());
    std::vector<std::string> out;
    if (rows) {
      for (const auto& m : *rows) out.push_back(m.id);
    }
    return out;
  }
  std::vector<std::string> webhook_ids() {
    auto rows = store_->list_webhooks();
    EXPECT_TRUE(rows.ok());
    std::vector<std::string> out;
    if (rows) {
      for (const auto& w : *rows) out.push_back(w.id);
    }
    return out;
  }
  std::vector<std::string> delivery_ids(size_t limit = 100) {
    auto rows = store_->list_webhook_deliveries(limit);
    EXPECT_TRUE(rows.ok());
    std::vector<std::string> out;
    if (rows) {
      for (const auto& d : *rows) out.push_back(d.id);
    }
    return out;
  }
  int64_t max_incident_id() {
    auto stats = store_->stats();
    EXPECT_TRUE(stats.ok());
    return stats ? stats->max_incident_id : -1;
  }

  // Incidents of two regions for the filter and prune tests:
  //   1  an-1/north  resolved  suspected 1000, resolved 2000   homes h1 h2
  //   2  an-2/north  resolved  suspected 3000, resolved 5000   homes h3
  //   3  -   /north  confirmed suspected 4000                  homes h1 h3 h4
  //   4  an-1/north  suspected suspected 6000                  homes h2
  //   5  an-9/south  confirmed suspected 6000                  homes h9
  //   6  -   /south  resolved  suspected 7000, resolved 8000   (no homes)
  void seed() {
    write_ok(
        WriteBatch()
            .add(PutIncident{incident(1, "an-1", "north", "resolved", 1000, 2000, {"h1", "h2"})})
            .add(PutIncident{incident(2, "an-2", "north", "resolved", 3000, 5000, {"h3"})})
            .add(PutIncident{incident(3, "", "north", "confirmed", 4000, 0, {"h1", "h3", "h4"})})
            .add(PutIncident{incident(4, "an-1", "north", "suspected", 6000, 0, {"h2"})})
            .add(PutIncident{incident(5, "an-9", "south", "confirmed", 6000, 0, {"h9"})})
            .add(PutIncident{incident(6, "", "south", "resolved", 7000, 8000)})
            .add(PutMaintenance{window("m-a", 100, 900)})
            .add(PutMaintenance{window("m-b", 500, 5000, "", "north")})
            .add(PutWebhook{webhook("wh-1")})
            .add(PutWebhookDelivery{delivery("d-1", "wh-1", 100)}));
  }
};
HEARTH_INSTANTIATE_STORE_SUITE(StoreIncidentsTest);

// ---- incidents ----

TEST_P(StoreIncidentsTest, AnIncidentComesBackWithItsHomesSortedAndUnique) {
  IncidentRecord r = incident(7, "an-1", "north", "confirmed", 1000, 0, {"h3", "h1", "h2", "h1"});
  r.json = R"({"id":7,"title":"Fibre cut \"Lindholmen\""})";
  write_ok(WriteBatch().add(PutIncident{r}));
  auto got = store_->get_incident(7);
  ASSERT_TRUE(got.ok());
  ASSERT_TRUE(got->has_value());
  IncidentRecord want = r;
  want.homes = {"h1", "h2", "h3"};
  EXPECT_EQ(**got, want);
  // Listed, the incident carries its homes too.
  auto listed = store_->list_incidents(IncidentQuery{});
  ASSERT_TRUE(listed.ok());
  EXPECT_THAT(*listed, ElementsAre(want));
  EXPECT_FALSE(store_->get_incident(8)->has_value());
  EXPECT_FALSE(store_->get_incident(0)->has_value());
}

TEST_P(StoreIncidentsTest, APutReplacesTheIncidentAndItsHomes) {
  write_ok(WriteBatch().add(
      PutIncident{incident(1, "an-1", "north", "suspected", 1000, 0, {"h1", "h2"})}));
  IncidentRecord changed = incident(1, "an-1", "north", "resolved", 1000, 4000, {"h3"});
  changed.json = R"({"id":1,"state":"resolved"})";
  write_ok(WriteBatch().add(PutIncident{changed}));
  EXPECT_EQ(**store_->get_incident(1), changed);
  EXPECT_THAT(incident_ids(IncidentQuery{.home_id = "h1"}), IsEmpty());
  EXPECT_THAT(incident_ids(IncidentQuery{.home_id = "h3"}), ElementsAre(1));
  // A put without homes leaves none.
  changed.homes.clear();
  write_ok(WriteBatch().add(PutIncident{changed}));
  EXPECT_THAT((*store_->get_incident(1))->homes, IsEmpty());
  EXPECT_THAT(incident_ids(IncidentQuery{.home_id = "h3"}), IsEmpty());
}

TEST_P(StoreIncidentsTest, IncidentsComeNewestSuspectedFirstThenByIdDescending) {
  write_ok(WriteBatch()
               .add(PutIncident{incident(3, "an-1", "north", "suspected", 2000)})
               .add(PutIncident{incident(10, "an-2", "north", "suspected", 1000)})
               .add(PutIncident{incident(2, "an-3", "north", "suspected", 3000)})
               .add(PutIncident{incident(7, "an-4", "north", "suspected", 2000)})
               .add(PutIncident{incident(5, "an-5", "north", "suspected", 2000)}));
  EXPECT_THAT(incident_ids(IncidentQuery{}), ElementsAre(2, 7, 5, 3, 10));
}

TEST_P(StoreIncidentsTest, IncidentsFilterAndPage) {
  seed();
  struct Case {
    const char* what;
    IncidentQuery query;
    std::vector<int64_t> ids;
  };
  const Case cases[] = {
      {"everything", IncidentQuery{}, {6, 5, 4, 3, 2, 1}},
      {"suspected", IncidentQuery{.state = "suspected"}, {4}},
      {"confirmed", IncidentQuery{.state = "confirmed"}, {5, 3}},
      {"resolved", IncidentQuery{.state = "resolved"}, {6, 2, 1}},
      {"open", IncidentQuery{.state = "open"}, {5, 4, 3}},
      {"unknown state", IncidentQuery{.state = "closed"}, {}},
      {"access node", IncidentQuery{.access_node = "an-1"}, {4, 1}},
      {"unknown access node", IncidentQuery{.access_node = "an-7"}, {}},
      {"region", IncidentQuery{.region = "south"}, {6, 5}},
      {"home in three", IncidentQuery{.home_id = "h3"}, {3, 2}},
      {"home in two", IncidentQuery{.home_id = "h2"}, {4, 1}},
      {"home in none", IncidentQuery{.home_id = "h5"}, {}},
      {"open in north", IncidentQuery{.state = "open", .region = "north"}, {4, 3}},
      {"open of home h1", IncidentQuery{.state = "open", .home_id = "h1"}, {3}},
      {"node and home", IncidentQuery{.access_node = "an-1", .home_id = "h1"}, {1}},
      // Overlap with [from, to): open, or resolved at or after from; suspected before to.
      {"from: open or resolved since", IncidentQuery{.from_ms = 5000}, {6, 5, 4, 3, 2}},
      {"from: resolved exactly then counts", IncidentQuery{.from_ms = 2000}, {6, 5, 4, 3, 2, 1}},
      {"from after every resolution", IncidentQuery{.from_ms = 8001}, {5, 4, 3}},
      {"to: suspected before", IncidentQuery{.to_ms = 4000}, {2, 1}},
      {"to: suspected exactly then excluded", IncidentQuery{.to_ms = 3000}, {1}},
      {"window", IncidentQuery{.from_ms = 2500, .to_ms = 6000}, {3, 2}},
      {"window touching a resolution", IncidentQuery{.from_ms = 5000, .to_ms = 6001}, {5, 4, 3, 2}},
      {"window with region", IncidentQuery{.region = "south", .from_ms = 1, .to_ms = 7000}, {5}},
      {"limit", IncidentQuery{.limit = 2}, {6, 5}},
      {"offset and limit", IncidentQuery{.offset = 2, .limit = 3}, {4, 3, 2}},
      {"offset past the end", IncidentQuery{.offset = 6}, {}},
      {"filtered page", IncidentQuery{.state = "resolved", .offset = 1, .limit = 1}, {2}},
  };
  for (const Case& c : cases) {
    EXPECT_THAT(incident_ids(c.query), ElementsAreArray(c.ids)) << c.what;
  }
}

// ---- maintenance ----

TEST_P(StoreIncidentsTest, MaintenanceIsUpsertedListedByStartAndDeleted) {
  write_ok(WriteBatch()
               .add(PutMaintenance{window("m-c", 300, 400)})
               .add(PutMaintenance{window("m-b", 100, 2000, "", "north")})
               .add(PutMaintenance{window("m-a", 300, 1000)})
               .add(PutMaintenance{window("m-d", 50, 150)}));
  EXPECT_EQ(**store_->get_maintenance("m-b"), window("m-b", 100, 2000, "", "north"));
  EXPECT_FALSE(store_->get_maintenance("m-x")->has_value());
  EXPECT_THAT(maintenance_ids(0), ElementsAre("m-d", "m-b", "m-a", "m-c"));
  // Windows that end at or after the bound.
  EXPECT_THAT(maintenance_ids(400), ElementsAre("m-b", "m-a", "m-c"));
  EXPECT_THAT(maintenance_ids(401), ElementsAre("m-b", "m-a"));
  EXPECT_THAT(maintenance_ids(2001), IsEmpty());

  MaintenanceRecord moved = window("m-d", 5000, 6000, "an-2");
  write_ok(WriteBatch().add(PutMaintenance{moved}));
  EXPECT_EQ(**store_->get_maintenance("m-d"), moved);
  EXPECT_THAT(maintenance_ids(0), ElementsAre("m-b", "m-a", "m-c", "m-d"));

  write_ok(WriteBatch().add(DeleteMaintenance{"m-a"}).add(DeleteMaintenance{"m-unknown"}));
  EXPECT_FALSE(store_->get_maintenance("m-a")->has_value());
  EXPECT_THAT(maintenance_ids(0), ElementsAre("m-b", "m-c", "m-d"));
}

// ---- webhooks and their outbox ----

TEST_P(StoreIncidentsTest, WebhooksComeBackAsStoredSortedById) {
  WebhookRecord all = webhook("wh-b");
  WebhookRecord some = webhook("wh-a", {"incident.opened", "incident.resolved"});
  some.enabled = false;
  write_ok(WriteBatch().add(PutWebhook{all}).add(PutWebhook{some}));
  auto listed = store_->list_webhooks();
  ASSERT_TRUE(listed.ok());
  EXPECT_THAT(*listed, ElementsAre(some, all));

  WebhookRecord changed = all;
  changed.url = "http://10.0.0.1:8080/hook";
  changed.events = {"incident.updated"};
  write_ok(WriteBatch().add(PutWebhook{changed}));
  listed = store_->list_webhooks();
  ASSERT_TRUE(listed.ok());
  EXPECT_THAT(*listed, ElementsAre(some, changed));
}

TEST_P(StoreIncidentsTest, DeliveriesComeByDueTimeThenIdAndAreReplacedAndDeleted) {
  write_ok(WriteBatch()
               .add(PutWebhookDelivery{delivery("d-3", "wh-1", 200)})
               .add(PutWebhookDelivery{delivery("d-1", "wh-2", 300)})
               .add(PutWebhookDelivery{delivery("d-2", "wh-1", 200)})
               .add(PutWebhookDelivery{delivery("d-0", "wh-1", 900)}));
  EXPECT_THAT(delivery_ids(), ElementsAre("d-2", "d-3", "d-1", "d-0"));
  EXPECT_THAT(delivery_ids(2), ElementsAre("d-2", "d-3"));
  EXPECT_THAT(delivery_ids(0), IsEmpty());

  // A failed attempt: the delivery is stored again, later, with its error.
  WebhookDeliveryRecord retried = delivery("d-2", "wh-1", 1000, 3);
  retried.last_error = "HTTP 503";
  write_ok(WriteBatch().add(PutWebhookDelivery{retried}));
  auto listed = store_->list_webhook_deliveries(100);
  ASSERT_TRUE(listed.ok());
  ASSERT_EQ(listed->size(), 4u);
  EXPECT_EQ(listed->back(), retried);

  write_ok(WriteBatch().add(DeleteWebhookDelivery{"d-3"}).add(DeleteWebhookDelivery{"d-9"}));
  EXPECT_THAT(delivery_ids(), ElementsAre("d-1", "d-0", "d-2"));
}

TEST_P(StoreIncidentsTest, DeletingAWebhookDeletesItsDeliveriesOnly) {
  write_ok(WriteBatch()
               .add(PutWebhook{webhook("wh-1")})
               .add(PutWebhook{webhook("wh-2")})
               .add(PutWebhookDelivery{delivery("d-1", "wh-1", 100)})
               .add(PutWebhookDelivery{delivery("d-2", "wh-2", 200)})
               .add(PutWebhookDelivery{delivery("d-3", "wh-1", 300)}));
  write_ok(WriteBatch().add(DeleteWebhook{"wh-1"}).add(DeleteWebhook{"wh-unknown"}));
  EXPECT_THAT(webhook_ids(), ElementsAre("wh-2"));
  EXPECT_THAT(delivery_ids(), ElementsAre("d-2"));
}

// ---- retention ----

TEST_P(StoreIncidentsTest, PruneDeletesOldResolvedIncidentsAndEndedMaintenance) {
  struct Case {
    const char* what;
    PruneIncidents prune;
    std::vector<int64_t> incidents;
    std::vector<std::string> maintenance;
  };
  const Case cases[] = {
      {"no bounds", PruneIncidents{0, 0}, {6, 5, 4, 3, 2, 1}, {"m-a", "m-b"}},
      {"resolved before 5000", PruneIncidents{5000, 0}, {6, 5, 4, 3, 2}, {"m-a", "m-b"}},
      {"resolved before 5001", PruneIncidents{5001, 0}, {6, 5, 4, 3}, {"m-a", "m-b"}},
      // Open incidents stay, however old.
      {"everything resolved", PruneIncidents{1'000'000, 0}, {5, 4, 3}, {"m-a", "m-b"}},
      {"maintenance ended before 900", PruneIncidents{0, 900}, {6, 5, 4, 3, 2, 1}, {"m-a", "m-b"}},
      {"maintenance ended before 901", PruneIncidents{0, 901}, {6, 5, 4, 3, 2, 1}, {"m-b"}},
      {"both", PruneIncidents{3000, 10'000}, {6, 5, 4, 3, 2}, {}},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.what);
    TempDir dir;  // a fresh store per case
    store_ = GetParam().open(dir);
    ASSERT_NE(store_, nullptr);
    seed();
    write_ok(WriteBatch().add(c.prune));
    EXPECT_THAT(incident_ids(IncidentQuery{}), ElementsAreArray(c.incidents));
    EXPECT_THAT(maintenance_ids(0), ElementsAreArray(c.maintenance));
    // Webhooks and their outbox are not subject to it.
    EXPECT_THAT(webhook_ids(), ElementsAre("wh-1"));
    EXPECT_THAT(delivery_ids(), ElementsAre("d-1"));
    store_.reset();
  }
}

TEST_P(StoreIncidentsTest, APrunedIncidentTakesItsHomesAlong) {
  seed();
  write_ok(WriteBatch().add(PruneIncidents{6000, 0}));
  EXPECT_THAT(incident_ids(IncidentQuery{.home_id = "h1"}), ElementsAre(3));
  EXPECT_THAT(incident_ids(IncidentQuery{.home_id = "h2"}), ElementsAre(4));
  EXPECT_THAT(incident_ids(IncidentQuery{.home_id = "h3"}), ElementsAre(3));
  // An incident stored again under a pruned id starts without the old homes.
  write_ok(WriteBatch().add(PutIncident{incident(1, "an-1", "north", "suspected", 9000)}));
  EXPECT_THAT((*store_->get_incident(1))->homes, IsEmpty());
  EXPECT_THAT(incident_ids(IncidentQuery{.home_id = "h1"}), ElementsAre(3));
}

// ---- stats ----

TEST_P(StoreIncidentsTest, StatsKnowTheLargestIncidentIdEverStored) {
  EXPECT_EQ(max_incident_id(), 0);
  write_ok(WriteBatch()
               .add(PutIncident{incident(4, "an-1", "north", "suspected", 1000)})
               .add(PutIncident{incident(2, "an-2", "north", "suspected", 1000)}));
  EXPECT_EQ(max_incident_id(), 4);
  // A replace of a smaller id changes nothing; a prune of the largest does not lower it.
  write_ok(WriteBatch().add(PutIncident{incident(2, "an-2", "north", "confirmed", 1000)}));
  EXPECT_EQ(max_incident_id(), 4);
  write_ok(WriteBatch().add(PutIncident{incident(4, "an-1", "north", "resolved", 1000, 2000)}));
  write_ok(WriteBatch().add(PruneIncidents{3000, 0}));
  EXPECT_FALSE(store_->get_incident(4)->has_value());
  EXPECT_EQ(max_incident_id(), 4);
  write_ok(WriteBatch().add(PutIncident{incident(9, "", "south", "suspected", 5000)}));
  EXPECT_EQ(max_incident_id(), 9);
}

// ---- malformed ops and atomicity ----

TEST_P(StoreIncidentsTest, MalformedOpsAreInvalid) {
  auto with = [](auto change) {
    IncidentRecord r = incident(1, "an-1", "north", "suspected", 1000, 0, {"h1"});
    change(r);
    return PutIncident{r};
  };
  WebhookRecord empty_event = webhook("wh-1", {"incident.opened", ""});
  WebhookRecord split_event = webhook("wh-1", {"incident.opened\nincident.resolved"});
  struct Case {
    const char* what;
    WriteOp op;
  };
  const Case cases[] = {
      {"incident id 0", with([](IncidentRecord& r) { r.id = 0; })},
      {"negative incident id", with([](IncidentRecord& r) { r.id = -3; })},
      {"no scope", with([](IncidentRecord& r) { r.scope = ""; })},
      {"unknown scope", with([](IncidentRecord& r) { r.scope = "street"; })},
      {"no state", with([](IncidentRecord& r) { r.state = ""; })},
      {"unknown state", with([](IncidentRecord& r) { r.state = "open"; })},
      {"empty home", with([](IncidentRecord& r) { r.homes.push_back(""); })},
      {"maintenance without id", PutMaintenance{window("", 100, 200)}},
      {"maintenance ending at its start", PutMaintenance{window("m-1", 100, 100)}},
      {"maintenance ending before its start", PutMaintenance{window("m-1", 200, 100)}},
      {"maintenance of node and region", PutMaintenance{window("m-1", 100, 200, "an-1", "north")}},
      {"maintenance of nothing", PutMaintenance{window("m-1", 100, 200, "", "")}},
      {"delete maintenance without id", DeleteMaintenance{""}},
      {"webhook without id", PutWebhook{webhook("")}},
      {"webhook with an empty event", PutWebhook{empty_event}},
      {"webhook event with a line break", PutWebhook{split_event}},
      {"delete webhook without id", DeleteWebhook{""}},
      {"delivery without id", PutWebhookDelivery{delivery("", "wh-1", 100)}},
      {"delivery without webhook", PutWebhookDelivery{delivery("d-1", "", 100)}},
      {"delete delivery without id", DeleteWebhookDelivery{""}},
      {"negative resolved bound", PruneIncidents{-1, 0}},
      {"negative maintenance bound", PruneIncidents{0, -1}},
  };
  for (const Case& c : cases) {
    // A good op before the bad one is undone with it.
    Status s = write(
        WriteBatch().add(PutIncident{incident(50, "an-5", "north", "suspected", 1000)}).add(c.op));
    ASSERT_FALSE(s.ok()) << c.what;
    EXPECT_EQ(s.error().code, ErrorCode::kInvalidArgument) << c.what << ": " << s.error().message;
  }
  EXPECT_THAT(incident_ids(IncidentQuery{}), IsEmpty());
  EXPECT_EQ(max_incident_id(), 0);
}

TEST_P(StoreIncidentsTest, AFailedBatchUndoesItsIncidentOps) {
  seed();
  IncidentRecord changed = incident(3, "", "north", "resolved", 4000, 4500, {"h7"});
  Status s = write(WriteBatch()
                       .add(PutIncident{changed})
                       .add(PutIncident{incident(40, "an-4", "west", "suspected", 9000, 0, {"h1"})})
                       .add(PutMaintenance{window("m-a", 100, 99999)})
                       .add(PutMaintenance{window("m-c", 100, 200)})
                       .add(DeleteMaintenance{"m-b"})
                       .add(PutWebhook{webhook("wh-2")})
                       .add(PutWebhookDelivery{delivery("d-2", "wh-2", 50)})
                       .add(PutWebhookDelivery{delivery("d-1", "wh-1", 7000, 1)})
                       .add(DeleteWebhook{"wh-1"})
                       .add(PruneIncidents{1'000'000, 1'000'000})
                       .add(PutIncident{incident(0, "an-1", "north", "suspected", 1)}));  // bad
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, ErrorCode::kInvalidArgument);
  EXPECT_THAT(incident_ids(IncidentQuery{}), ElementsAre(6, 5, 4, 3, 2, 1));
  EXPECT_EQ(**store_->get_incident(3),
            incident(3, "", "north", "confirmed", 4000, 0, {"h1", "h3", "h4"}));
  EXPECT_THAT(incident_ids(IncidentQuery{.home_id = "h1"}), ElementsAre(3, 1));
  EXPECT_THAT(incident_ids(IncidentQuery{.home_id = "h7"}), IsEmpty());
  EXPECT_EQ(**store_->get_maintenance("m-a"), window("m-a", 100, 900));
  EXPECT_THAT(maintenance_ids(0), ElementsAre("m-a", "m-b"));
  EXPECT_THAT(webhook_ids(), ElementsAre("wh-1"));
  auto deliveries = store_->list_webhook_deliveries(10);
  ASSERT_TRUE(deliveries.ok());
  EXPECT_THAT(*deliveries, ElementsAre(delivery("d-1", "wh-1", 100)));
  EXPECT_EQ(max_incident_id(), 6);
}

}  // namespace
}  // namespace hearth::store::testing
