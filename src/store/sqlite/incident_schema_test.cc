// What only the SQLite backend has for incidents, maintenance and webhooks: migration 4 applied
// to a version-3 database that holds homes and a diagnosis, persistence (the largest incident id
// included, also once that incident is pruned), and the query plans of the reads and prunes.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sqlite3.h>

#include "store/sqlite/migrations.h"
#include "store/sqlite/sqlite_store.h"
#include "store/store_test_support.h"

namespace hearth::store::sqlite {
namespace {

using store::testing::TempDir;
using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

IncidentRecord incident(int64_t id, const std::string& state, int64_t resolved_ms,
                        std::vector<std::string> homes) {
  IncidentRecord r;
  r.id = id;
  r.scope = "access-node";
  r.access_node_id = "an-1";
  r.region_id = "north";
  r.state = state;
  r.suspected_ms = 1000 * id;
  r.resolved_ms = resolved_ms;
  r.updated_ms = 1000 * id + 1;
  r.homes = std::move(homes);
  r.json = "{}";
  return r;
}

class IncidentSchemaTest : public ::testing::Test {
 protected:
  std::string path() const { return dir_.file("hearth.db"); }

  std::unique_ptr<SqliteStore> open() {
    SqliteOptions options;
    options.path = path();
    auto store = SqliteStore::open(options);
    EXPECT_TRUE(store.ok()) << store.error().message;
    return store ? std::move(store).value() : nullptr;
  }

  // Runs SQL (one or more statements) on a separate raw connection; returns the last column of
  // every row of the last statement.
  std::vector<std::string> raw(const std::string& sql) {
    sqlite3* db = nullptr;
    EXPECT_EQ(sqlite3_open(path().c_str(), &db), SQLITE_OK);
    std::vector<std::string> rows;
    const char* rest = sql.c_str();
    while (*rest != '\0') {
      sqlite3_stmt* stmt = nullptr;
      EXPECT_EQ(sqlite3_prepare_v2(db, rest, -1, &stmt, &rest), SQLITE_OK) << sqlite3_errmsg(db);
      if (stmt == nullptr) break;
      rows.clear();
      while (sqlite3_step(stmt) == SQLITE_ROW) {
        const auto* text = sqlite3_column_text(stmt, sqlite3_column_count(stmt) - 1);
        rows.emplace_back(text ? reinterpret_cast<const char*>(text) : "");
      }
      sqlite3_finalize(stmt);
    }
    sqlite3_close(db);
    return rows;
  }

  TempDir dir_;
};

TEST_F(IncidentSchemaTest, AVersionThreeDatabaseKeepsItsDataAndGainsIncidents) {
  // A database exactly as version 3 left it, with a home, a task and a diagnosis.
  for (const Migration& m : migrations()) {
    if (m.version <= 3) raw(m.sql);
  }
  raw("INSERT INTO regions VALUES ('north', 'Nordstad', 1, 2);"
      "INSERT INTO access_nodes VALUES ('an-1', 'OLT', 'olt-port', 'north', 3, 4);"
      "INSERT INTO subscribers VALUES ('1000001', 'Anna', 'a@example.net', 'a@example.net', "
      "'Storgatan 1', '11101', 'Nordstad', '', 5, 6);"
      "INSERT INTO homes (key, id, account, access_node_id, created_ms, updated_ms, "
      "plan_down_kbps, plan_up_kbps) VALUES (1, 'home-1', '1000001', 'an-1', 7, 8, 100000, 20000);"
      "INSERT INTO diagnoses VALUES ('home-1', 9, 70, 'weak-signal', '{}');"
      "PRAGMA user_version = 3;");
  auto store = open();
  ASSERT_NE(store, nullptr);
  EXPECT_THAT(raw("PRAGMA user_version"), ElementsAre(std::to_string(migrations().back().version)));
  auto home = store->get_home("home-1");
  ASSERT_TRUE(home.ok() && home->has_value());
  EXPECT_EQ((*home)->plan_down_kbps, 100000u);
  EXPECT_EQ((*store->get_diagnosis("home-1"))->health, 70);
  EXPECT_EQ(store->stats()->max_incident_id, 0);

  ASSERT_TRUE(
      store->write_sync(WriteBatch().add(PutIncident{incident(1, "suspected", 0, {"home-1"})}))
          .ok());
  auto listed = store->list_incidents(IncidentQuery{.home_id = "home-1"});
  ASSERT_TRUE(listed.ok());
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_EQ((*listed)[0].id, 1);
}

TEST_F(IncidentSchemaTest, EverythingSurvivesAReopen) {
  const IncidentRecord open_one = incident(3, "confirmed", 0, {"h1", "h2"});
  const IncidentRecord resolved = incident(8, "resolved", 9000, {"h2"});
  const MaintenanceRecord window{"m-1", "", "north", 100, 200, R"({"description":"x"})"};
  const WebhookRecord hook{"wh-1",
                           "https://example.net/hook",
                           "0123456789abcdef",
                           {"incident.opened", "incident.resolved"},
                           false,
                           50};
  const WebhookDeliveryRecord pending{"d-1", "wh-1", "incident.opened", R"({"event":"a"})", 2,
                                      700,   60,     "timeout"};
  {
    auto store = open();
    ASSERT_NE(store, nullptr);
    ASSERT_TRUE(store
                    ->write_sync(WriteBatch()
                                     .add(PutIncident{open_one})
                                     .add(PutIncident{resolved})
                                     .add(PutMaintenance{window})
                                     .add(PutWebhook{hook})
                                     .add(PutWebhookDelivery{pending}))
                    .ok());
  }
  {
    auto store = open();
    ASSERT_NE(store, nullptr);
    EXPECT_EQ(**store->get_incident(3), open_one);
    EXPECT_EQ(**store->get_incident(8), resolved);
    EXPECT_EQ(**store->get_maintenance("m-1"), window);
    EXPECT_THAT(*store->list_webhooks(), ElementsAre(hook));
    EXPECT_THAT(*store->list_webhook_deliveries(10), ElementsAre(pending));
    EXPECT_EQ(store->stats()->max_incident_id, 8);
    // The largest incident goes; its id stays taken.
    ASSERT_TRUE(store->write_sync(WriteBatch().add(PruneIncidents{10'000, 0})).ok());
    EXPECT_FALSE(store->get_incident(8)->has_value());
  }
  auto store = open();
  ASSERT_NE(store, nullptr);
  EXPECT_EQ(store->stats()->max_incident_id, 8);
  EXPECT_THAT(raw("SELECT home_id FROM incident_homes ORDER BY incident_id, home_id"),
              ElementsAre("h1", "h2"));
}

TEST_F(IncidentSchemaTest, ReadsAndPrunesUseIndexes) {
  { auto store = open(); }
  struct Case {
    const char* sql;
    const char* plan;
  };
  const Case cases[] = {
      {"SELECT json FROM incidents i WHERE 1 AND i.state IN ('suspected', 'confirmed') "
       "ORDER BY i.suspected_ms DESC, i.id DESC LIMIT 5",
       "incidents_state (state=?)"},
      {"SELECT json FROM incidents i WHERE 1 AND i.access_node_id = 'an-1' "
       "ORDER BY i.suspected_ms DESC, i.id DESC LIMIT 5",
       "incidents_access_node (access_node_id=?)"},
      {"SELECT json FROM incidents i WHERE 1 AND i.region_id = 'north' "
       "ORDER BY i.suspected_ms DESC, i.id DESC LIMIT 5",
       "incidents_region (region_id=?)"},
      {"SELECT json FROM incidents i WHERE 1 "
       "ORDER BY i.suspected_ms DESC, i.id DESC LIMIT 5",
       "incidents_suspected"},
      {"SELECT json FROM incidents i WHERE 1 AND i.id IN (SELECT incident_id FROM incident_homes "
       "WHERE home_id = 'h1') ORDER BY i.suspected_ms DESC, i.id DESC LIMIT 5",
       "incident_homes_home (home_id=?)"},
      {"SELECT home_id FROM incident_homes WHERE incident_id = 1 ORDER BY home_id",
       "PRIMARY KEY (incident_id=?)"},
      {"DELETE FROM incidents WHERE state = 'resolved' AND resolved_ms < 5",
       "incidents_state (state=? AND resolved_ms<?)"},
      {"DELETE FROM maintenance WHERE end_ms < 5", "maintenance_end (end_ms<?)"},
      {"SELECT json FROM maintenance WHERE end_ms >= 5 ORDER BY start_ms, id",
       "maintenance_end (end_ms>?)"},
      {"SELECT body FROM webhook_deliveries ORDER BY next_attempt_ms, id LIMIT 5",
       "webhook_deliveries_due"},
      {"DELETE FROM webhook_deliveries WHERE webhook_id = 'wh-1'",
       "webhook_deliveries_webhook (webhook_id=?)"},
  };
  for (const Case& c : cases) {
    EXPECT_THAT(raw(std::string("EXPLAIN QUERY PLAN ") + c.sql), Contains(HasSubstr(c.plan)))
        << c.sql;
  }
}

}  // namespace
}  // namespace hearth::store::sqlite
