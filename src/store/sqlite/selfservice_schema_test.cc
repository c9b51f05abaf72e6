// What only the SQLite backend has for self-service and support: migration 5 applied to a
// version-4 database that holds homes, an incident and a diagnosis, persistence (audit ids stay
// taken across a prune and a reopen, the largest ticket id too), and the query plans of the
// reads, the subscriber checks and the prunes.
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

class SelfServiceSchemaTest : public ::testing::Test {
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

TicketRecord ticket(int64_t id, const std::string& home_id) {
  return TicketRecord{id, "1000001", home_id, "new", "selfservice", "", 0, "", 10, 20, "{}"};
}

AuditRecord audit(int64_t time_ms, const std::string& action) {
  return AuditRecord{0,         time_ms,  "customer", "1000001", action,
                     "1000001", "home-1", "",         "ok",      "{}"};
}

TEST_F(SelfServiceSchemaTest, AVersionFourDatabaseKeepsItsDataAndGainsSelfService) {
  // A database exactly as version 4 left it, with a home, a diagnosis and an incident.
  for (const Migration& m : migrations()) {
    if (m.version <= 4) raw(m.sql);
  }
  raw("INSERT INTO regions VALUES ('north', 'Nordstad', 1, 2);"
      "INSERT INTO access_nodes VALUES ('an-1', 'OLT', 'olt-port', 'north', 3, 4);"
      "INSERT INTO subscribers VALUES ('1000001', 'Anna', 'a@example.net', 'a@example.net', "
      "'Storgatan 1', '11101', 'Nordstad', '$argon2id$x', 5, 6);"
      "INSERT INTO homes (key, id, account, access_node_id, created_ms, updated_ms, "
      "plan_down_kbps, plan_up_kbps) VALUES (1, 'home-1', '1000001', 'an-1', 7, 8, 100000, 20000);"
      "INSERT INTO diagnoses VALUES ('home-1', 9, 70, 'weak-signal', '{}');"
      "INSERT INTO incidents VALUES (3, 'access-node', 'an-1', 'north', 'confirmed', 10, 11, 0, "
      "12, '{}');"
      "INSERT INTO incident_homes VALUES (3, 'home-1');"
      "PRAGMA user_version = 4;");
  auto store = open();
  ASSERT_NE(store, nullptr);
  EXPECT_THAT(raw("PRAGMA user_version"), ElementsAre(std::to_string(migrations().back().version)));
  EXPECT_EQ((*store->get_subscriber("1000001"))->password_hash, "$argon2id$x");
  EXPECT_EQ((*store->get_home("home-1"))->plan_down_kbps, 100000u);
  EXPECT_EQ((*store->get_diagnosis("home-1"))->health, 70);
  EXPECT_THAT((*store->get_incident(3))->homes, ElementsAre("home-1"));
  EXPECT_EQ(store->stats()->max_incident_id, 3);
  EXPECT_EQ(store->stats()->max_ticket_id, 0);

  TicketRecord t = ticket(1, "home-1");
  t.incident_id = 3;
  ASSERT_TRUE(store
                  ->write_sync(WriteBatch()
                                   .add(PutTicket{t})
                                   .add(PutSession{SessionRecord{"h", "customer", "1000001", "c", 1,
                                                                 2, 3, "ua"}})
                                   .add(AddAudit{audit(5, "ticket.create")}))
                  .ok());
  auto listed = store->list_tickets(TicketQuery{.incident_id = 3});
  ASSERT_TRUE(listed.ok());
  EXPECT_THAT(*listed, ElementsAre(t));
  EXPECT_TRUE(store->get_session("h")->has_value());
}

TEST_F(SelfServiceSchemaTest, EverythingSurvivesAReopenAndAuditIdsStayTaken) {
  const SessionRecord session{"hash-1", "customer", "1000001", "csrf", 100, 9000, 200, "Safari"};
  const PasswordResetRecord reset{"reset-1", "1000001", 100, 9000, 300};
  const TroubleshootRecord run{"run-1", "1000001", "home-1", "wifi-slow", "resolved",       5,
                               1,       0,         100,      200,         R"({"steps":[]})"};
  const TicketRecord t = ticket(17, "home-1");
  const KbArticleRecord article{"restart-router", 50, R"({"text":{"en":{"title":"Restart"}}})"};
  {
    auto store = open();
    ASSERT_NE(store, nullptr);
    SubscriberRecord sub;
    sub.account = "1000001";
    HomeRecord home;
    home.id = "home-1";
    home.account = "1000001";
    home.access_node_id = "an-1";
    ASSERT_TRUE(store
                    ->write_sync(WriteBatch()
                                     .add(PutRegion{RegionRecord{"north", "N", 1, 2}})
                                     .add(PutAccessNode{AccessNodeRecord{"an-1", "OLT", "olt-port",
                                                                         "north", 3, 4}})
                                     .add(PutSubscriber{sub})
                                     .add(PutHome{home})
                                     .add(PutSession{session})
                                     .add(PutPasswordReset{reset})
                                     .add(PutTroubleshoot{run})
                                     .add(PutTicket{t})
                                     .add(PutKbArticle{article})
                                     .add(AddAudit{audit(1000, "a")})
                                     .add(AddAudit{audit(2000, "b")}))
                    .ok());
  }
  {
    auto store = open();
    ASSERT_NE(store, nullptr);
    EXPECT_EQ(**store->get_session("hash-1"), session);
    EXPECT_EQ(**store->get_password_reset("reset-1"), reset);
    EXPECT_EQ(**store->get_troubleshoot("run-1"), run);
    EXPECT_EQ(**store->get_ticket(17), t);
    EXPECT_EQ(**store->get_kb_article("restart-router"), article);
    EXPECT_EQ(store->stats()->max_ticket_id, 17);
    auto entries = store->list_audit(AuditQuery{});
    ASSERT_TRUE(entries.ok());
    ASSERT_EQ(entries->size(), 2u);
    EXPECT_EQ((*entries)[0].id, 2);
    // The newest entry goes; its id stays taken.
    ASSERT_TRUE(store->write_sync(WriteBatch().add(PruneSelfService{0, 5000, 0})).ok());
    EXPECT_TRUE(store->list_audit(AuditQuery{})->empty());
  }
  auto store = open();
  ASSERT_NE(store, nullptr);
  ASSERT_TRUE(store->write_sync(WriteBatch().add(AddAudit{audit(6000, "c")})).ok());
  auto entries = store->list_audit(AuditQuery{});
  ASSERT_TRUE(entries.ok());
  ASSERT_EQ(entries->size(), 1u);
  EXPECT_EQ((*entries)[0].id, 3);
}

TEST_F(SelfServiceSchemaTest, ReadsChecksAndPrunesUseIndexes) {
  { auto store = open(); }
  struct Case {
    const char* sql;
    const char* plan;
  };
  const Case cases[] = {
      {"SELECT user_agent FROM sessions WHERE token_hash = 'x'", "PRIMARY KEY (token_hash=?)"},
      {"DELETE FROM sessions WHERE kind = 'customer' AND subject = '1' AND token_hash <> 'k'",
       "sessions_subject (kind=? AND subject=?)"},
      {"DELETE FROM sessions WHERE expires_ms < 5", "sessions_expires (expires_ms<?)"},
      {"DELETE FROM password_resets WHERE expires_ms < 5",
       "password_resets_expires (expires_ms<?)"},
      {"DELETE FROM password_resets WHERE account = '1'", "password_resets_account (account=?)"},
      {"SELECT t.json FROM troubleshoots t WHERE 1 AND t.account = '1' "
       "ORDER BY t.created_ms DESC, t.id DESC LIMIT 5",
       "troubleshoots_account (account=?)"},
      {"SELECT t.json FROM troubleshoots t WHERE 1 ORDER BY t.created_ms DESC, t.id DESC LIMIT 5",
       "troubleshoots_created"},
      {"DELETE FROM troubleshoots WHERE updated_ms < 5", "troubleshoots_updated (updated_ms<?)"},
      {"SELECT id FROM troubleshoots WHERE account = '1' LIMIT 1",
       "troubleshoots_account (account=?)"},
      {"SELECT t.json FROM tickets t WHERE 1 AND t.account = '1' "
       "ORDER BY t.created_ms DESC, t.id DESC LIMIT 5",
       "tickets_account (account=?)"},
      {"SELECT t.json FROM tickets t WHERE 1 AND t.state = 'new' "
       "ORDER BY t.created_ms DESC, t.id DESC LIMIT 5",
       "tickets_state (state=?)"},
      {"SELECT t.json FROM tickets t WHERE 1 AND t.incident_id = 3 "
       "ORDER BY t.created_ms DESC, t.id DESC LIMIT 5",
       "tickets_incident (incident_id=?)"},
      {"SELECT t.json FROM tickets t WHERE 1 ORDER BY t.created_ms DESC, t.id DESC LIMIT 5",
       "tickets_created"},
      {"SELECT id FROM tickets WHERE account = '1' LIMIT 1", "tickets_account (account=?)"},
      {"SELECT a.json FROM audit a WHERE 1 AND a.actor = 'x' "
       "ORDER BY a.time_ms DESC, a.id DESC LIMIT 5",
       "audit_actor (actor=?)"},
      {"SELECT a.json FROM audit a WHERE 1 AND a.account = 'x' "
       "ORDER BY a.time_ms DESC, a.id DESC LIMIT 5",
       "audit_account (account=?)"},
      {"SELECT a.json FROM audit a WHERE 1 AND a.home_id = 'x' "
       "ORDER BY a.time_ms DESC, a.id DESC LIMIT 5",
       "audit_home (home_id=?)"},
      {"SELECT a.json FROM audit a WHERE 1 AND a.device_id = 'x' "
       "ORDER BY a.time_ms DESC, a.id DESC LIMIT 5",
       "audit_device (device_id=?)"},
      {"SELECT a.json FROM audit a WHERE 1 ORDER BY a.time_ms DESC, a.id DESC LIMIT 5",
       "audit_time"},
      {"DELETE FROM audit WHERE time_ms < 5", "audit_time (time_ms<?)"},
  };
  for (const Case& c : cases) {
    EXPECT_THAT(raw(std::string("EXPLAIN QUERY PLAN ") + c.sql), Contains(HasSubstr(c.plan)))
        << c.sql;
  }
  // A list in id order needs no sort.
  EXPECT_THAT(raw("EXPLAIN QUERY PLAN SELECT json FROM kb_articles ORDER BY id"),
              ::testing::Not(Contains(HasSubstr("TEMP B-TREE"))));
}

}  // namespace
}  // namespace hearth::store::sqlite
