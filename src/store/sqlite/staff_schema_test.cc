// What only the SQLite backend has for staff and campaigns: migration 6 applied to a version-5
// database that holds devices and staff sessions, persistence (the largest campaign id stays
// across a delete and a reopen), and the query plans of the reads, the checks and the fleet
// counts.
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
using ::testing::Not;

class StaffSchemaTest : public ::testing::Test {
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

// A device row as versions 1 to 5 store it.
std::string device_row(int key, const std::string& model, const std::string& product_class,
                       const std::string& version, int64_t last_inform_ms) {
  const std::string k = std::to_string(key);
  return "INSERT INTO devices (key, id, oui, product_class, serial_number, manufacturer, "
         "model_name, software_version, hardware_version, root, cwmp_ns, first_seen_ms, "
         "last_inform_ms, last_boot_ms, last_bootstrap_ms, last_address, connection_request_url, "
         "inform_interval_s, parameter_key, auth_username, auth_ha1, cr_username, cr_password, "
         "discovered_ms, state_json) VALUES (" +
         k + ", 'dev-" + k + "', '00E0FC', '" + product_class + "', 'SN" + k + "', 'Vendor', '" +
         model + "', '" + version + "', 'HW1', 'Device.', 'urn:dslforum-org:cwmp-1-0', 1, " +
         std::to_string(last_inform_ms) + ", 1, 1, '', '', 3600, '', '', '', '', '', 0, '{}');";
}

UserRecord user(const std::string& id, const std::string& login) {
  return UserRecord{id,         login, "Name " + login, login + "@example.net", "supervisor",
                    "$argon2id$x", true, 100, 200};
}

CampaignRecord campaign(int64_t id) {
  return CampaignRecord{id,  "Firmware 7.57", "firmware", "running", "u-1",
                        100, 200,             R"({"stages":[{"size":5}]})"};
}

TEST_F(StaffSchemaTest, AVersionFiveDatabaseKeepsItsDataAndGainsStaff) {
  // A database exactly as version 5 left it, with devices and a staff session.
  for (const Migration& m : migrations()) {
    if (m.version <= 5) raw(m.sql);
  }
  raw(device_row(1, "HG8245", "ONT", "V2", 5000) + device_row(2, "", "HG8245", "V2", 100) +
      device_row(3, "FRITZ!Box", "7590", "7.57", 6000) +
      "INSERT INTO sessions VALUES ('hash-1', 'staff', 'u-1', 'csrf', 1, 2, 3, 'ua');"
      "INSERT INTO sessions VALUES ('hash-2', 'customer', 'u-1', 'csrf', 1, 2, 3, 'ua');"
      "PRAGMA user_version = 5;");
  auto store = open();
  ASSERT_NE(store, nullptr);
  EXPECT_THAT(raw("PRAGMA user_version"), ElementsAre(std::to_string(migrations().back().version)));
  EXPECT_EQ(store->stats()->max_campaign_id, 0);
  EXPECT_TRUE(store->list_users()->empty());

  // The index created by the migration covers the devices stored before it.
  auto counts = store->fleet_device_counts(5000);
  ASSERT_TRUE(counts.ok()) << counts.error().message;
  EXPECT_EQ(counts->devices, 3u);
  EXPECT_EQ(counts->online, 2u);
  ASSERT_EQ(counts->versions.size(), 2u);
  EXPECT_EQ(counts->versions[0].model, "FRITZ!Box");
  EXPECT_EQ(counts->versions[1].model, "HG8245");
  EXPECT_EQ(counts->versions[1].devices, 2u);
  EXPECT_EQ(counts->versions[1].online, 1u);

  const UserRecord u = user("u-1", "Alice");
  ASSERT_TRUE(store->write_sync(WriteBatch().add(PutUser{u}).add(PutCampaign{campaign(3)})).ok());
  EXPECT_EQ(**store->find_user_by_login("aLiCe"), u);
  EXPECT_EQ(store->stats()->max_campaign_id, 3);
  // The session stored before the migration goes with its user; the customer one stays.
  ASSERT_TRUE(store->write_sync(WriteBatch().add(DeleteUser{"u-1"})).ok());
  EXPECT_FALSE(store->get_session("hash-1")->has_value());
  EXPECT_TRUE(store->get_session("hash-2")->has_value());
}

TEST_F(StaffSchemaTest, EverythingSurvivesAReopenAndTheLargestCampaignIdStays) {
  const UserRecord u = user("u-1", "Alice");
  const CampaignTargetRecord t{5, "dev-1", 2, "failed", 77, R"({"a":"1"})", "fault 9002", 300};
  {
    auto store = open();
    ASSERT_NE(store, nullptr);
    ASSERT_TRUE(store
                    ->write_sync(WriteBatch()
                                     .add(PutUser{u})
                                     .add(PutCampaign{campaign(4)})
                                     .add(PutCampaign{campaign(5)})
                                     .add(PutCampaignTargets{{t}}))
                    .ok());
  }
  {
    auto store = open();
    ASSERT_NE(store, nullptr);
    EXPECT_EQ(**store->get_user("u-1"), u);
    EXPECT_EQ(**store->get_campaign(5), campaign(5));
    auto targets = store->list_campaign_targets({.campaign_id = 5});
    ASSERT_TRUE(targets.ok());
    EXPECT_THAT(*targets, ElementsAre(t));
    EXPECT_EQ(store->stats()->max_campaign_id, 5);
    ASSERT_TRUE(store->write_sync(WriteBatch().add(DeleteCampaign{5})).ok());
  }
  auto store = open();
  ASSERT_NE(store, nullptr);
  EXPECT_EQ(store->stats()->max_campaign_id, 5);
  EXPECT_TRUE(store->list_campaign_targets({.campaign_id = 5})->empty());
  EXPECT_THAT(raw("SELECT count(*) FROM campaign_targets"), ElementsAre("0"));
}

TEST_F(StaffSchemaTest, ReadsChecksAndFleetCountsUseIndexes) {
  { auto store = open(); }
  struct Case {
    const char* sql;
    const char* plan;
  };
  const Case cases[] = {
      {"SELECT name FROM users WHERE login = 'ALICE'", "sqlite_autoindex_users_2 (login=?)"},
      {"SELECT id FROM users WHERE login = 'a' AND id <> 'u-1' LIMIT 1",
       "sqlite_autoindex_users_2 (login=?)"},
      {"SELECT name FROM users ORDER BY login, id", "sqlite_autoindex_users_2"},
      {"SELECT json FROM campaigns ORDER BY created_ms DESC, id DESC LIMIT 5 OFFSET 0",
       "campaigns_created"},
      // A campaign's targets, or one stage's: a range, never a scan of every campaign's.
      {"SELECT detail FROM campaign_targets WHERE campaign_id = 1 ORDER BY stage, device_id",
       "(campaign_id=?)"},
      {"SELECT detail FROM campaign_targets WHERE campaign_id = 1 AND stage = 2 AND state = 'x' "
       "ORDER BY stage, device_id",
       "(campaign_id=?"},
      {"DELETE FROM campaign_targets WHERE campaign_id = 1", "(campaign_id=?)"},
      {"DELETE FROM sessions WHERE kind = 'staff' AND subject = 'u-1'",
       "sessions_subject (kind=? AND subject=?)"},
      {"SELECT model_name, product_class, software_version, COUNT(*), "
       "SUM(last_inform_ms >= 5) FROM devices "
       "GROUP BY model_name, product_class, software_version",
       "COVERING INDEX devices_fleet"},
  };
  for (const Case& c : cases) {
    EXPECT_THAT(raw(std::string("EXPLAIN QUERY PLAN ") + c.sql), Contains(HasSubstr(c.plan)))
        << c.sql;
  }
  // The fleet counts group in the index's order: no sort of 100,000 rows.
  EXPECT_THAT(raw("EXPLAIN QUERY PLAN SELECT model_name, product_class, software_version, "
                  "COUNT(*), SUM(last_inform_ms >= 5) FROM devices "
                  "GROUP BY model_name, product_class, software_version"),
              Not(Contains(HasSubstr("TEMP B-TREE"))));
}

}  // namespace
}  // namespace hearth::store::sqlite
