// What only the SQLite backend has for the diagnosis: migration 3 applied to a version-2
// database that holds homes (their plan becomes 0, unknown), persistence, and the query plans of
// the reads and prunes that run for every home.
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

class DiagnosisSchemaTest : public ::testing::Test {
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

TEST_F(DiagnosisSchemaTest, AVersionTwoDatabaseKeepsItsHomesWithAnUnknownPlan) {
  // A database exactly as version 2 left it, with one home.
  for (const Migration& m : migrations()) {
    if (m.version <= 2) raw(m.sql);
  }
  raw("INSERT INTO regions VALUES ('north', 'Nordstad', 1, 2);"
      "INSERT INTO access_nodes VALUES ('an-1', 'OLT', 'olt-port', 'north', 3, 4);"
      "INSERT INTO subscribers VALUES ('1000001', 'Anna', 'a@example.net', 'a@example.net', "
      "'Storgatan 1', '11101', 'Nordstad', '', 5, 6);"
      "INSERT INTO homes (key, id, account, access_node_id, created_ms, updated_ms) "
      "VALUES (1, 'home-1', '1000001', 'an-1', 7, 8);"
      "INSERT INTO home_devices VALUES ('00E0FC-HG8245Q2-A1', 1, 0, 'gateway', 'A1', '00E0FC', "
      "'HG8245Q2', 'Huawei');"
      "PRAGMA user_version = 2;");
  auto store = open();
  ASSERT_NE(store, nullptr);
  EXPECT_THAT(raw("PRAGMA user_version"), ElementsAre(std::to_string(migrations().back().version)));
  auto home = store->get_home("home-1");
  ASSERT_TRUE(home.ok() && home->has_value());
  EXPECT_EQ((*home)->plan_down_kbps, 0u);
  EXPECT_EQ((*home)->plan_up_kbps, 0u);
  EXPECT_EQ((*home)->created_ms, 7);
  ASSERT_EQ((*home)->devices.size(), 1u);
  EXPECT_EQ((*home)->devices[0].serial, "A1");

  HomeRecord with_plan = **home;
  with_plan.plan_down_kbps = 250000;
  with_plan.plan_up_kbps = 50000;
  ASSERT_TRUE(store
                  ->write_sync(WriteBatch()
                                   .add(PutHome{with_plan})
                                   .add(PutTelemetrySample{
                                       TelemetrySampleRecord{"home-1", 1000, "health=90\n"}}))
                  .ok());
  EXPECT_EQ(**store->get_home("home-1"), with_plan);
  EXPECT_EQ(store->list_telemetry("home-1", 0, 0, 10)->size(), 1u);
}

TEST_F(DiagnosisSchemaTest, TheDiagnosisSurvivesAReopen) {
  {
    auto store = open();
    ASSERT_TRUE(store
                    ->write_sync(
                        WriteBatch()
                            .add(PutTelemetrySample{TelemetrySampleRecord{"h1", 1000, "a=1\n"}})
                            .add(PutTelemetryRollup{TelemetryRollupRecord{"h1", 0, "a=1,1,1,1\n"}})
                            .add(PutFinding{
                                FindingRecord{"h1", "wan-down", "critical", "wan", 100, 0, "{}"}})
                            .add(PutDiagnosis{DiagnosisRecord{"h1", 200, 40, "wan-down", "{}"}})
                            .add(AddOptimisation{OptimisationRecord{0, "h1", 300, "reboot", "{}"}}))
                    .ok());
  }
  auto store = open();
  EXPECT_EQ(store->list_telemetry("h1", 0, 0, 10)->size(), 1u);
  EXPECT_EQ(store->list_rollups("h1", 0, 0, 10)->size(), 1u);
  EXPECT_EQ(store->find_findings(FindingQuery{})->size(), 1u);
  EXPECT_EQ((*store->get_diagnosis("h1"))->health, 40);
  // The id sequence carries over too.
  ASSERT_TRUE(store
                  ->write_sync(WriteBatch().add(
                      AddOptimisation{OptimisationRecord{0, "h1", 400, "reboot", "{}"}}))
                  .ok());
  auto log = store->list_optimisations("h1", 10);
  ASSERT_TRUE(log.ok());
  ASSERT_EQ(log->size(), 2u);
  EXPECT_EQ((*log)[0].id, 2);
}

TEST_F(DiagnosisSchemaTest, ReadsAndPrunesUseIndexes) {
  { auto store = open(); }
  struct Case {
    const char* sql;
    const char* plan;
  };
  const Case cases[] = {
      {"SELECT data FROM telemetry_raw WHERE home_id = 'h' AND time_ms >= 0 AND time_ms < 9 "
       "ORDER BY time_ms DESC LIMIT 5",
       "USING PRIMARY KEY (home_id=? AND time_ms>? AND time_ms<?)"},
      {"SELECT data FROM telemetry_hourly WHERE home_id = 'h' AND hour_ms >= 0 AND hour_ms < 9 "
       "ORDER BY hour_ms DESC LIMIT 5",
       "USING PRIMARY KEY (home_id=? AND hour_ms>? AND hour_ms<?)"},
      {"DELETE FROM telemetry_raw WHERE time_ms < 5", "telemetry_raw_time (time_ms<?)"},
      {"DELETE FROM telemetry_hourly WHERE hour_ms < 5", "telemetry_hourly_time (hour_ms<?)"},
      {"DELETE FROM findings WHERE end_ms <> 0 AND end_ms < 5", "findings_ended (end_ms<?)"},
      {"DELETE FROM optimisations WHERE time_ms < 5", "optimisations_time (time_ms<?)"},
      {"SELECT json FROM findings WHERE home_id = 'h' ORDER BY start_ms DESC, home_id, code, "
       "entity LIMIT 5",
       "findings_home_start (home_id=?)"},
      {"SELECT json FROM findings WHERE 1 AND end_ms = 0 ORDER BY start_ms DESC, home_id, code, "
       "entity LIMIT 5",
       "findings_open"},
      {"SELECT json FROM diagnoses WHERE 1 ORDER BY health, home_id LIMIT 5", "diagnoses_health"},
      {"SELECT json FROM optimisations WHERE home_id = 'h' ORDER BY time_ms DESC, id DESC LIMIT 5",
       "optimisations_home_time (home_id=?)"},
      {"SELECT json FROM optimisations ORDER BY time_ms DESC, id DESC LIMIT 5",
       "optimisations_time"},
  };
  for (const Case& c : cases) {
    EXPECT_THAT(raw(std::string("EXPLAIN QUERY PLAN ") + c.sql), Contains(HasSubstr(c.plan)))
        << c.sql;
  }
}

}  // namespace
}  // namespace hearth::store::sqlite
