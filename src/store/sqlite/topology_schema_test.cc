// What only the SQLite backend has for subscribers, homes and topology: migration 2 (and the
// later ones) applied to a version-1 database that holds devices, persistence, and the query
// plans of the lookups that must stay cheap at 50,000 homes and more.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sqlite3.h>

#include "store/sqlite/migrations.h"
#include "store/sqlite/sqlite_store.h"
#include "store/store_test_support.h"

namespace hearth::store::sqlite {
namespace {

using store::testing::make_device;
using store::testing::TempDir;
using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

class TopologySchemaTest : public ::testing::Test {
 protected:
  std::unique_ptr<SqliteStore> open() {
    SqliteOptions options;
    options.path = dir_.file("hearth.db");
    auto store = SqliteStore::open(options);
    EXPECT_TRUE(store.ok()) << store.error().message;
    return store ? std::move(store).value() : nullptr;
  }

  // Runs SQL on a separate raw connection; returns the last column of every row.
  std::vector<std::string> raw(const std::string& sql) {
    sqlite3* db = nullptr;
    EXPECT_EQ(sqlite3_open(dir_.file("hearth.db").c_str(), &db), SQLITE_OK);
    std::vector<std::string> rows;
    sqlite3_stmt* stmt = nullptr;
    EXPECT_EQ(sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr), SQLITE_OK)
        << sqlite3_errmsg(db);
    while (sqlite3_step(stmt) == SQLITE_ROW) {
      const auto* text = sqlite3_column_text(stmt, sqlite3_column_count(stmt) - 1);
      rows.emplace_back(text ? reinterpret_cast<const char*>(text) : "");
    }
    sqlite3_finalize(stmt);
    sqlite3_close(db);
    return rows;
  }

  static WriteBatch one_home() {
    SubscriberRecord s;
    s.account = "1000001";
    s.email = "anna@example.net";
    HomeRecord h;
    h.id = "home-1";
    h.account = "1000001";
    h.access_node_id = "an-1";
    h.devices = {HomeDevice{"gateway", "00E0FC-HG8245Q2-A1", "A1", "00E0FC", "HG8245Q2", "Huawei"}};
    return std::move(
        WriteBatch()
            .add(PutRegion{RegionRecord{"north", "Nordstad", 1, 1}})
            .add(PutAccessNode{AccessNodeRecord{"an-1", "OLT", "olt-port", "north", 1, 1}})
            .add(PutSubscriber{s})
            .add(PutHome{h}));
  }

  TempDir dir_;
};

TEST_F(TopologySchemaTest, AVersionOneDatabaseGainsTheTablesAndKeepsItsDevices) {
  {
    auto store = open();
    ASSERT_TRUE(store->write_sync(WriteBatch().add(UpsertDevice{make_device("dev")})).ok());
  }
  // Back to what version 1 had.
  raw("DROP INDEX devices_fleet");
  for (const char* table : {"campaign_targets", "campaigns", "users", "audit", "kb_articles",
                            "tickets", "troubleshoots", "password_resets", "sessions",
                            "webhook_deliveries", "webhooks", "maintenance",
                            "incident_homes", "incidents", "optimisations", "diagnoses", "findings",
                            "telemetry_hourly", "telemetry_raw", "home_devices", "homes",
                            "subscribers", "access_nodes", "regions"}) {
    raw(std::string("DROP TABLE ") + table);
  }
  raw("PRAGMA user_version = 1");
  auto store = open();
  EXPECT_THAT(raw("PRAGMA user_version"), ElementsAre(std::to_string(migrations().back().version)));
  EXPECT_TRUE(store->get_device("dev")->has_value());
  ASSERT_TRUE(store->write_sync(one_home()).ok());
  EXPECT_EQ((*store->home_for_device("00E0FC-HG8245Q2-A1"))->id, "home-1");
}

TEST_F(TopologySchemaTest, HomesSurviveAReopen) {
  {
    auto store = open();
    ASSERT_TRUE(store->write_sync(one_home()).ok());
  }
  auto store = open();
  auto h = store->get_home("home-1");
  ASSERT_TRUE(h.ok() && h->has_value());
  ASSERT_EQ((*h)->devices.size(), 1u);
  EXPECT_EQ((*h)->devices[0].serial, "A1");
  EXPECT_EQ((*store->find_subscriber_by_email("ANNA@example.net"))->account, "1000001");
}

TEST_F(TopologySchemaTest, LookupsUseIndexes) {
  { auto store = open(); }
  EXPECT_THAT(raw("EXPLAIN QUERY PLAN SELECT home_key FROM home_devices WHERE device_id = 'x'"),
              Contains(HasSubstr("USING PRIMARY KEY (device_id=?)")));
  EXPECT_THAT(
      raw("EXPLAIN QUERY PLAN SELECT role FROM home_devices WHERE home_key = 1 ORDER BY position"),
      Contains(HasSubstr("home_devices_home (home_key=?)")));
  EXPECT_THAT(raw("EXPLAIN QUERY PLAN SELECT id FROM homes h WHERE h.access_node_id = 'an-1' ORDER "
                  "BY h.id"),
              Contains(HasSubstr("homes_access_node (access_node_id=?)")));
  EXPECT_THAT(raw("EXPLAIN QUERY PLAN SELECT account FROM subscribers WHERE email_folded = 'a' "
                  "AND email_folded <> ''"),
              Contains(HasSubstr("subscribers_email (email_folded=?)")));
  EXPECT_THAT(
      raw("EXPLAIN QUERY PLAN SELECT access_node_id, count(*) FROM homes GROUP BY access_node_id"),
      Contains(HasSubstr("homes_access_node")));
}

}  // namespace
}  // namespace hearth::store::sqlite
