// The fixture and record builders of the shared suite's self-service and support parts
// (store_suite_selfservice_test.cc, store_suite_support_test.cc).
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "store/store_suite_fixture.h"

namespace hearth::store::testing {

inline SessionRecord session(const std::string& hash, const std::string& subject,
                             const std::string& kind = "customer", int64_t expires_ms = 10'000) {
  return SessionRecord{hash, kind, subject, "csrf-" + hash, 1000, expires_ms, 1500, "Firefox/128"};
}

inline PasswordResetRecord reset(const std::string& hash, const std::string& account,
                                 int64_t expires_ms = 10'000) {
  return PasswordResetRecord{hash, account, 1000, expires_ms, 0};
}

inline TroubleshootRecord run(const std::string& id, const std::string& account,
                              const std::string& home_id, int64_t created_ms,
                              int64_t updated_ms = 0) {
  return TroubleshootRecord{id,
                            account,
                            home_id,
                            "no-internet",
                            "open",
                            0,
                            -1,
                            0,
                            created_ms,
                            updated_ms == 0 ? created_ms : updated_ms,
                            R"({"id":")" + id + R"("})"};
}

inline TicketRecord ticket(int64_t id, const std::string& account, const std::string& home_id,
                           const std::string& state, int64_t created_ms,
                           const std::string& assignee = "", int64_t incident_id = 0) {
  return TicketRecord{id,
                      account,
                      home_id,
                      state,
                      "selfservice",
                      "weak-signal",
                      incident_id,
                      assignee,
                      created_ms,
                      created_ms + 5,
                      R"({"subject":"ticket )" + std::to_string(id) + R"("})"};
}

inline AuditRecord audit(int64_t time_ms, const std::string& action,
                         const std::string& actor = "1001", const std::string& account = "1001",
                         const std::string& home_id = "h1", const std::string& device_id = "") {
  return AuditRecord{
      0,       time_ms, "customer", actor, action,
      account, home_id, device_id,  "ok",  R"({"n":)" + std::to_string(time_ms) + "}"};
}

template <typename Record, typename Key>
std::vector<Key> keys_of(const Result<std::vector<Record>>& rows, Key Record::*key) {
  EXPECT_TRUE(rows.ok()) << rows.error().message;
  std::vector<Key> out;
  if (rows) {
    for (const auto& r : *rows) out.push_back(r.*key);
  }
  return out;
}

class StoreSelfServiceTest : public StoreSuiteTest {
 protected:
  // Subscribers 1001 (homes h1, h2), 1002 (home h3) and 1003 (no home) on one access node.
  void SetUp() override {
    StoreSuiteTest::SetUp();
    seed_topology();
  }
  void seed_topology() {
    auto subscriber = [](const std::string& account) {
      SubscriberRecord s;
      s.account = account;
      s.name = "Customer " + account;
      return s;
    };
    auto home = [](const std::string& id, const std::string& account) {
      HomeRecord h;
      h.id = id;
      h.account = account;
      h.access_node_id = "an-1";
      return h;
    };
    write_ok(WriteBatch()
                 .add(PutRegion{RegionRecord{"north", "Nordstad", 1, 2}})
                 .add(PutAccessNode{AccessNodeRecord{"an-1", "OLT 1/1", "olt-port", "north", 3, 4}})
                 .add(PutSubscriber{subscriber("1001")})
                 .add(PutSubscriber{subscriber("1002")})
                 .add(PutSubscriber{subscriber("1003")})
                 .add(PutHome{home("h1", "1001")})
                 .add(PutHome{home("h2", "1001")})
                 .add(PutHome{home("h3", "1002")}));
  }

  std::vector<int64_t> ticket_ids(const TicketQuery& q) {
    return keys_of(store_->list_tickets(q), &TicketRecord::id);
  }
  std::vector<std::string> run_ids(const TroubleshootQuery& q) {
    return keys_of(store_->list_troubleshoots(q), &TroubleshootRecord::id);
  }
  std::vector<int64_t> audit_ids(const AuditQuery& q) {
    return keys_of(store_->list_audit(q), &AuditRecord::id);
  }
  std::vector<std::string> article_ids() {
    return keys_of(store_->list_kb_articles(), &KbArticleRecord::id);
  }
  bool has_session(const std::string& hash) {
    auto got = store_->get_session(hash);
    EXPECT_TRUE(got.ok());
    return got && got->has_value();
  }
  bool has_reset(const std::string& hash) {
    auto got = store_->get_password_reset(hash);
    EXPECT_TRUE(got.ok());
    return got && got->has_value();
  }
  int64_t max_ticket_id() {
    auto stats = store_->stats();
    EXPECT_TRUE(stats.ok());
    return stats ? stats->max_ticket_id : -1;
  }
  void expect_code(WriteBatch batch, ErrorCode code, const char* what) {
    Status s = write(std::move(batch));
    ASSERT_FALSE(s.ok()) << what;
    EXPECT_EQ(s.error().code, code) << what << ": " << s.error().message;
  }

  // Tickets, runs and audit entries for the filter tests:
  //   tickets  1 1001/h1 new      t=1000                  runs  r-a 1001/h1 t=1000
  //            2 1001/h2 assigned t=3000 agent-1 inc 7          r-b 1001/h2 t=3000
  //            3 1002/h3 solved   t=2000 agent-1 inc 7          r-c 1002/h3 t=2000
  //            4 1001/h1 waiting  t=3000 agent-2                r-d 1001/h1 t=3000
  //            5 1002/h3 new      t=5000                        r-e 1002/h3 t=5000
  //   audit    1 t=1000 wifi.update  by 1001 for 1001/h1
  //            2 t=2000 device.reboot by agent-1 for 1001/h1 dev-1
  //            3 t=2000 wifi_x.set   by 1002 for 1002/h3
  //            4 t=3000 wifi%        by 1002 for 1002/h3
  //            5 t=4000 wifi.        by agent-1 for 1001/h2 dev-2
  //            6 t=1000 WIFI.update  by 1001 for 1001/h1
  void seed() {
    write_ok(WriteBatch()
                 .add(PutTicket{ticket(1, "1001", "h1", "new", 1000)})
                 .add(PutTicket{ticket(2, "1001", "h2", "assigned", 3000, "agent-1", 7)})
                 .add(PutTicket{ticket(3, "1002", "h3", "solved", 2000, "agent-1", 7)})
                 .add(PutTicket{ticket(4, "1001", "h1", "waiting", 3000, "agent-2")})
                 .add(PutTicket{ticket(5, "1002", "h3", "new", 5000)})
                 .add(PutTroubleshoot{run("r-a", "1001", "h1", 1000)})
                 .add(PutTroubleshoot{run("r-b", "1001", "h2", 3000)})
                 .add(PutTroubleshoot{run("r-c", "1002", "h3", 2000)})
                 .add(PutTroubleshoot{run("r-d", "1001", "h1", 3000)})
                 .add(PutTroubleshoot{run("r-e", "1002", "h3", 5000)})
                 .add(AddAudit{audit(1000, "wifi.update")})
                 .add(AddAudit{audit(2000, "device.reboot", "agent-1", "1001", "h1", "dev-1")})
                 .add(AddAudit{audit(2000, "wifi_x.set", "1002", "1002", "h3")})
                 .add(AddAudit{audit(3000, "wifi%", "1002", "1002", "h3")})
                 .add(AddAudit{audit(4000, "wifi.", "agent-1", "1001", "h2", "dev-2")})
                 .add(AddAudit{audit(1000, "WIFI.update")}));
  }
};

}  // namespace hearth::store::testing
