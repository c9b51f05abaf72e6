// The shared store suite, part 7: self-service. Browser sessions and password-reset links
// (upserts by hash, a subject's sessions at once), knowledge-base articles, the append-only audit
// log (ids the store assigns and never reuses, the prefix filter taken literally), retention,
// what deleting a subscriber does, malformed ops and atomicity of batches that carry them.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "store/store_suite_selfservice_fixture.h"

namespace hearth::store::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::ElementsAreArray;
using ::testing::IsEmpty;

HEARTH_INSTANTIATE_STORE_SUITE(StoreSelfServiceTest);

// ---- sessions and password resets ----

TEST_P(StoreSelfServiceTest, SessionsAreUpsertedByHashAndDeleted) {
  const SessionRecord s1 = session("hash-1", "1001");
  write_ok(WriteBatch().add(PutSession{s1}).add(PutSession{session("hash-2", "1002")}));
  EXPECT_EQ(**store_->get_session("hash-1"), s1);
  EXPECT_FALSE(has_session("hash-9"));
  // Use bumps last-seen: the same session, stored again.
  SessionRecord seen = s1;
  seen.last_seen_ms = 7000;
  write_ok(WriteBatch().add(PutSession{seen}));
  EXPECT_EQ(**store_->get_session("hash-1"), seen);
  // A session's subject need not exist (staff users are not subscribers).
  write_ok(WriteBatch().add(PutSession{session("hash-3", "agent-1", "staff")}));
  EXPECT_TRUE(has_session("hash-3"));
  write_ok(WriteBatch().add(DeleteSession{"hash-1"}).add(DeleteSession{"hash-unknown"}));
  EXPECT_FALSE(has_session("hash-1"));
  EXPECT_TRUE(has_session("hash-2"));
}

TEST_P(StoreSelfServiceTest, DeletingTheSessionsOfASubjectKeepsTheOneAskedFor) {
  write_ok(WriteBatch()
               .add(PutSession{session("a", "1001")})
               .add(PutSession{session("b", "1001")})
               .add(PutSession{session("c", "1001")})
               .add(PutSession{session("d", "1002")})
               .add(PutSession{session("e", "1001", "staff")}));
  write_ok(WriteBatch().add(DeleteSessionsOf{"customer", "1001", "b"}));
  EXPECT_FALSE(has_session("a"));
  EXPECT_TRUE(has_session("b"));
  EXPECT_FALSE(has_session("c"));
  EXPECT_TRUE(has_session("d"));  // another subject
  EXPECT_TRUE(has_session("e"));  // another kind
  write_ok(WriteBatch().add(DeleteSessionsOf{"customer", "1001", ""}));
  EXPECT_FALSE(has_session("b"));
  EXPECT_TRUE(has_session("d"));
  EXPECT_TRUE(has_session("e"));
}

TEST_P(StoreSelfServiceTest, TouchingASessionBumpsLastSeenOnly) {
  const SessionRecord s1 = session("hash-1", "1001");
  write_ok(WriteBatch().add(PutSession{s1}));
  write_ok(WriteBatch().add(TouchSession{"hash-1", 7000}));
  SessionRecord seen = s1;
  seen.last_seen_ms = 7000;
  EXPECT_EQ(**store_->get_session("hash-1"), seen);
  // No session: nothing is created, and it is not an error.
  write_ok(WriteBatch().add(TouchSession{"hash-9", 7000}));
  EXPECT_FALSE(has_session("hash-9"));
}

TEST_P(StoreSelfServiceTest, ATouchAfterTheSessionEndedDoesNotBringItBack) {
  write_ok(WriteBatch()
               .add(PutSession{session("a", "1001")})
               .add(PutSession{session("b", "1001")})
               .add(PutSession{session("c", "1002")}));
  // Logout, then a last-seen bump that was queued before it.
  write_ok(WriteBatch().add(DeleteSession{"a"}));
  write_ok(WriteBatch().add(TouchSession{"a", 8000}));
  EXPECT_FALSE(has_session("a"));
  // A password change ends every session of the subscriber; a late bump leaves them ended.
  write_ok(WriteBatch().add(DeleteSessionsOf{"customer", "1001", ""}));
  write_ok(WriteBatch().add(TouchSession{"b", 8000}));
  EXPECT_FALSE(has_session("b"));
  // The same order within one batch.
  write_ok(WriteBatch().add(DeleteSession{"c"}).add(TouchSession{"c", 8000}));
  EXPECT_FALSE(has_session("c"));
}

TEST_P(StoreSelfServiceTest, APasswordResetNeedsItsSubscriberAndIsUpserted) {
  const PasswordResetRecord r = reset("reset-1", "1001");
  write_ok(WriteBatch().add(PutPasswordReset{r}));
  EXPECT_EQ(**store_->get_password_reset("reset-1"), r);
  EXPECT_FALSE(has_reset("reset-9"));
  PasswordResetRecord used = r;
  used.used_ms = 4000;
  write_ok(WriteBatch().add(PutPasswordReset{used}));
  EXPECT_EQ(**store_->get_password_reset("reset-1"), used);
  expect_code(WriteBatch().add(PutPasswordReset{reset("reset-2", "9999")}), ErrorCode::kNotFound,
              "unknown subscriber");
  // A subscriber added earlier in the same batch counts.
  SubscriberRecord fresh;
  fresh.account = "2001";
  write_ok(WriteBatch().add(PutSubscriber{fresh}).add(PutPasswordReset{reset("reset-3", "2001")}));
  EXPECT_TRUE(has_reset("reset-3"));
}

// ---- knowledge base ----

TEST_P(StoreSelfServiceTest, ArticlesAreUpsertedListedByIdAndDeleted) {
  const KbArticleRecord restart{"restart-router", 100, R"({"tags":["restart"]})"};
  const KbArticleRecord channel{"change-channel", 200, R"({"text":{"sv":{"title":"Kanal"}}})"};
  write_ok(WriteBatch().add(PutKbArticle{restart}).add(PutKbArticle{channel}));
  EXPECT_EQ(**store_->get_kb_article("restart-router"), restart);
  EXPECT_FALSE(store_->get_kb_article("unknown")->has_value());
  auto listed = store_->list_kb_articles();
  ASSERT_TRUE(listed.ok());
  EXPECT_THAT(*listed, ElementsAre(channel, restart));
  const KbArticleRecord edited{"restart-router", 300, R"({"tags":["restart","power"]})"};
  write_ok(WriteBatch().add(PutKbArticle{edited}));
  EXPECT_EQ(**store_->get_kb_article("restart-router"), edited);
  write_ok(WriteBatch().add(DeleteKbArticle{"change-channel"}).add(DeleteKbArticle{"unknown"}));
  EXPECT_THAT(article_ids(), ElementsAre("restart-router"));
}

// ---- the audit log ----

TEST_P(StoreSelfServiceTest, AuditEntriesGetTheNextIdAndComeBackAsGiven) {
  AuditRecord entry = audit(1000, "wifi.update");
  entry.json = R"({"ssid":"Hemma \"5G\""})";
  write_ok(WriteBatch().add(AddAudit{entry}).add(AddAudit{entry}));
  write_ok(WriteBatch().add(AddAudit{entry}));
  auto listed = store_->list_audit(AuditQuery{});
  ASSERT_TRUE(listed.ok());
  ASSERT_EQ(listed->size(), 3u);
  for (int64_t i = 0; i < 3; ++i) {
    AuditRecord want = entry;
    want.id = 3 - i;
    EXPECT_EQ((*listed)[static_cast<size_t>(i)], want);
  }
}

TEST_P(StoreSelfServiceTest, AuditIdsAreNeverReusedEvenAfterAPrune) {
  write_ok(WriteBatch().add(AddAudit{audit(1000, "a")}).add(AddAudit{audit(2000, "b")}));
  write_ok(WriteBatch().add(AddAudit{audit(3000, "c")}));
  write_ok(WriteBatch().add(PruneSelfService{0, 10'000, 0}));  // every entry goes
  EXPECT_THAT(audit_ids(AuditQuery{}), IsEmpty());
  write_ok(WriteBatch().add(AddAudit{audit(4000, "d")}));
  EXPECT_THAT(audit_ids(AuditQuery{}), ElementsAre(4));
  // A failed batch does not use up ids either.
  expect_code(WriteBatch()
                  .add(AddAudit{audit(5000, "e")})
                  .add(PutTicket{ticket(0, "1001", "h1", "new", 1)}),
              ErrorCode::kInvalidArgument, "bad ticket");
  write_ok(WriteBatch().add(AddAudit{audit(6000, "f")}));
  EXPECT_THAT(audit_ids(AuditQuery{}), ElementsAre(5, 4));
}

TEST_P(StoreSelfServiceTest, AuditFiltersNewestFirstAndPages) {
  seed();
  struct Case {
    const char* what;
    AuditQuery query;
    std::vector<int64_t> ids;
  };
  const Case cases[] = {
      {"everything, ties by id descending", AuditQuery{}, {5, 4, 3, 2, 6, 1}},
      {"actor", AuditQuery{.actor = "agent-1"}, {5, 2}},
      {"account", AuditQuery{.account = "1002"}, {4, 3}},
      {"home", AuditQuery{.home_id = "h1"}, {2, 6, 1}},
      {"device", AuditQuery{.device_id = "dev-2"}, {5}},
      {"prefix", AuditQuery{.action_prefix = "wifi."}, {5, 1}},
      {"prefix is case-sensitive", AuditQuery{.action_prefix = "WIFI"}, {6}},
      {"prefix without the dot", AuditQuery{.action_prefix = "wifi"}, {5, 4, 3, 1}},
      {"underscore is literal", AuditQuery{.action_prefix = "wifi_"}, {3}},
      {"percent is literal", AuditQuery{.action_prefix = "wifi%"}, {4}},
      {"whole action", AuditQuery{.action_prefix = "device.reboot"}, {2}},
      {"longer than any action", AuditQuery{.action_prefix = "device.reboot.now"}, {}},
      {"from: at or after", AuditQuery{.from_ms = 2000}, {5, 4, 3, 2}},
      {"to: before", AuditQuery{.to_ms = 2000}, {6, 1}},
      {"window", AuditQuery{.from_ms = 2000, .to_ms = 4000}, {4, 3, 2}},
      {"actor and prefix", AuditQuery{.actor = "1002", .action_prefix = "wifi"}, {4, 3}},
      {"account, home and window",
       AuditQuery{.account = "1001", .home_id = "h1", .from_ms = 1001},
       {2}},
      {"limit", AuditQuery{.limit = 2}, {5, 4}},
      {"offset and limit", AuditQuery{.offset = 3, .limit = 2}, {2, 6}},
      {"offset past the end", AuditQuery{.offset = 6}, {}},
  };
  for (const Case& c : cases) EXPECT_THAT(audit_ids(c.query), ElementsAreArray(c.ids)) << c.what;
}

// ---- retention ----

TEST_P(StoreSelfServiceTest, PruneDeletesWhatIsPastEachBound) {
  struct Case {
    const char* what;
    PruneSelfService prune;
    std::vector<std::string> sessions;  // of s-1 (expires 2000), s-2 (5000)
    std::vector<std::string> resets;    // of p-1 (expires 2000), p-2 (5000)
    std::vector<int64_t> audit;
    std::vector<std::string> runs;
  };
  const Case cases[] = {
      {"no bounds",
       {0, 0, 0},
       {"s-1", "s-2"},
       {"p-1", "p-2"},
       {5, 4, 3, 2, 6, 1},
       {"r-e", "r-d", "r-b", "r-c", "r-a"}},
      {"expired before 2000",
       {2000, 0, 0},
       {"s-1", "s-2"},
       {"p-1", "p-2"},
       {5, 4, 3, 2, 6, 1},
       {"r-e", "r-d", "r-b", "r-c", "r-a"}},
      {"expired before 2001",
       {2001, 0, 0},
       {"s-2"},
       {"p-2"},
       {5, 4, 3, 2, 6, 1},
       {"r-e", "r-d", "r-b", "r-c", "r-a"}},
      {"audit before 2000",
       {0, 2000, 0},
       {"s-1", "s-2"},
       {"p-1", "p-2"},
       {5, 4, 3, 2},
       {"r-e", "r-d", "r-b", "r-c", "r-a"}},
      // Runs go by their last update (r-a was updated at 6000).
      {"runs updated before 3001",
       {0, 0, 3001},
       {"s-1", "s-2"},
       {"p-1", "p-2"},
       {5, 4, 3, 2, 6, 1},
       {"r-e", "r-a"}},
      {"everything", {1'000'000, 1'000'000, 1'000'000}, {}, {}, {}, {}},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.what);
    TempDir dir;  // a fresh store per case
    store_ = GetParam().open(dir);
    ASSERT_NE(store_, nullptr);
    seed_topology();
    seed();
    write_ok(WriteBatch()
                 .add(PutTroubleshoot{run("r-a", "1001", "h1", 1000, 6000)})
                 .add(PutSession{session("s-1", "1001", "customer", 2000)})
                 .add(PutSession{session("s-2", "1001", "customer", 5000)})
                 .add(PutPasswordReset{reset("p-1", "1001", 2000)})
                 .add(PutPasswordReset{reset("p-2", "1002", 5000)}));
    write_ok(WriteBatch().add(c.prune));
    std::vector<std::string> sessions, resets;
    for (const char* s : {"s-1", "s-2"}) {
      if (has_session(s)) sessions.push_back(s);
    }
    for (const char* p : {"p-1", "p-2"}) {
      if (has_reset(p)) resets.push_back(p);
    }
    EXPECT_THAT(sessions, ElementsAreArray(c.sessions));
    EXPECT_THAT(resets, ElementsAreArray(c.resets));
    EXPECT_THAT(audit_ids(AuditQuery{}), ElementsAreArray(c.audit));
    EXPECT_THAT(run_ids(TroubleshootQuery{}), ElementsAreArray(c.runs));
    // Tickets and articles are not subject to it.
    EXPECT_THAT(ticket_ids(TicketQuery{}), ElementsAre(5, 4, 2, 3, 1));
    store_.reset();
  }
}

// ---- deleting a subscriber ----

TEST_P(StoreSelfServiceTest, ASubscriberWithTicketsOrRunsCannotBeDeleted) {
  write_ok(WriteBatch().add(PutTicket{ticket(1, "1001", "h1", "solved", 1000)}));
  write_ok(WriteBatch().add(PutTroubleshoot{run("r-1", "1002", "h3", 1000)}));
  write_ok(WriteBatch().add(DeleteHome{"h1"}).add(DeleteHome{"h2"}).add(DeleteHome{"h3"}));
  expect_code(WriteBatch().add(DeleteSubscriber{"1001"}), ErrorCode::kConflict, "with a ticket");
  expect_code(WriteBatch().add(DeleteSubscriber{"1002"}), ErrorCode::kConflict, "with a run");
  EXPECT_TRUE(store_->get_subscriber("1001")->has_value());
  EXPECT_TRUE(store_->get_subscriber("1002")->has_value());
  EXPECT_TRUE(store_->get_ticket(1)->has_value());
  EXPECT_TRUE(store_->get_troubleshoot("r-1")->has_value());
}

TEST_P(StoreSelfServiceTest, DeletingASubscriberDeletesItsSessionsAndResetsOnly) {
  write_ok(WriteBatch()
               .add(PutSession{session("s-mine", "1003")})
               .add(PutSession{session("s-staff", "1003", "staff")})
               .add(PutSession{session("s-other", "1002")})
               .add(PutPasswordReset{reset("p-mine", "1003")})
               .add(PutPasswordReset{reset("p-other", "1002")})
               .add(AddAudit{audit(1000, "login", "1003", "1003", "")}));
  write_ok(WriteBatch().add(DeleteSubscriber{"1003"}));
  EXPECT_FALSE(store_->get_subscriber("1003")->has_value());
  EXPECT_FALSE(has_session("s-mine"));
  EXPECT_TRUE(has_session("s-staff"));
  EXPECT_TRUE(has_session("s-other"));
  EXPECT_FALSE(has_reset("p-mine"));
  EXPECT_TRUE(has_reset("p-other"));
  // The audit log keeps what the subscriber did.
  EXPECT_THAT(audit_ids(AuditQuery{.account = "1003"}), ElementsAre(1));
}

// ---- malformed ops and atomicity ----

TEST_P(StoreSelfServiceTest, MalformedOpsAreInvalid) {
  AuditRecord with_id = audit(1000, "wifi.update");
  with_id.id = 7;
  struct Case {
    const char* what;
    WriteOp op;
  };
  const Case cases[] = {
      {"session without hash", PutSession{session("", "1001")}},
      {"session without kind", PutSession{session("s-1", "1001", "")}},
      {"session without subject", PutSession{session("s-1", "")}},
      {"delete session without hash", DeleteSession{""}},
      {"delete sessions without kind", DeleteSessionsOf{"", "1001", ""}},
      {"delete sessions without subject", DeleteSessionsOf{"customer", "", ""}},
      {"touch without hash", TouchSession{"", 7000}},
      {"reset without hash", PutPasswordReset{reset("", "1001")}},
      {"reset without account", PutPasswordReset{reset("p-1", "")}},
      {"run without id", PutTroubleshoot{run("", "1001", "h1", 1000)}},
      {"run without account", PutTroubleshoot{run("r-1", "", "h1", 1000)}},
      {"run without home", PutTroubleshoot{run("r-1", "1001", "", 1000)}},
      {"ticket id 0", PutTicket{ticket(0, "1001", "h1", "new", 1000)}},
      {"negative ticket id", PutTicket{ticket(-2, "1001", "h1", "new", 1000)}},
      {"ticket without account", PutTicket{ticket(1, "", "h1", "new", 1000)}},
      {"ticket without home", PutTicket{ticket(1, "1001", "", "new", 1000)}},
      {"article without id", PutKbArticle{KbArticleRecord{"", 1, "{}"}}},
      {"delete article without id", DeleteKbArticle{""}},
      {"audit entry with an id", AddAudit{with_id}},
      {"audit entry without action", AddAudit{audit(1000, "")}},
      {"negative expiry bound", PruneSelfService{-1, 0, 0}},
      {"negative audit bound", PruneSelfService{0, -1, 0}},
      {"negative run bound", PruneSelfService{0, 0, -1}},
  };
  for (const Case& c : cases) {
    // A good op before the bad one is undone with it.
    expect_code(WriteBatch().add(PutTicket{ticket(50, "1001", "h1", "new", 1000)}).add(c.op),
                ErrorCode::kInvalidArgument, c.what);
  }
  EXPECT_THAT(ticket_ids(TicketQuery{}), IsEmpty());
  EXPECT_EQ(max_ticket_id(), 0);
  EXPECT_THAT(audit_ids(AuditQuery{}), IsEmpty());
}

TEST_P(StoreSelfServiceTest, AFailedBatchUndoesItsSelfServiceOps) {
  seed();
  write_ok(WriteBatch()
               .add(PutSession{session("s-1", "1001")})
               .add(PutSession{session("s-2", "1001")})
               .add(PutPasswordReset{reset("p-1", "1001")})
               .add(PutKbArticle{KbArticleRecord{"restart-router", 100, "{}"}}));
  const TicketRecord ticket_2 = **store_->get_ticket(2);
  const TroubleshootRecord run_b = **store_->get_troubleshoot("r-b");
  const SessionRecord session_1 = **store_->get_session("s-1");
  Status s = write(WriteBatch()
                       .add(PutTicket{ticket(2, "1001", "h2", "solved", 3000)})
                       .add(PutTicket{ticket(40, "1002", "h3", "new", 9000)})
                       .add(PutTroubleshoot{run("r-b", "1001", "h2", 3000, 9000)})
                       .add(PutTroubleshoot{run("r-z", "1001", "h1", 9000)})
                       .add(TouchSession{"s-1", 9000})
                       .add(TouchSession{"s-2", 9000})
                       .add(PutSession{session("s-1", "1001", "customer", 99)})
                       .add(PutSession{session("s-3", "1002")})
                       .add(DeleteSessionsOf{"customer", "1001", ""})
                       .add(DeleteSession{"s-2"})
                       .add(PutPasswordReset{reset("p-2", "1002")})
                       .add(PutKbArticle{KbArticleRecord{"restart-router", 200, "{\"x\":1}"}})
                       .add(PutKbArticle{KbArticleRecord{"new-article", 200, "{}"}})
                       .add(DeleteKbArticle{"restart-router"})
                       .add(AddAudit{audit(9000, "ticket.create")})
                       .add(PruneSelfService{1'000'000, 1'000'000, 1'000'000})
                       .add(PutTicket{ticket(41, "1001", "h9", "new", 9000)}));  // no home h9
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, ErrorCode::kNotFound);
  EXPECT_THAT(ticket_ids(TicketQuery{}), ElementsAre(5, 4, 2, 3, 1));
  EXPECT_EQ(**store_->get_ticket(2), ticket_2);
  EXPECT_EQ(max_ticket_id(), 5);
  EXPECT_THAT(run_ids(TroubleshootQuery{}), ElementsAre("r-e", "r-d", "r-b", "r-c", "r-a"));
  EXPECT_EQ(**store_->get_troubleshoot("r-b"), run_b);
  EXPECT_EQ(**store_->get_session("s-1"), session_1);
  EXPECT_TRUE(has_session("s-2"));
  EXPECT_FALSE(has_session("s-3"));
  EXPECT_TRUE(has_reset("p-1"));
  EXPECT_FALSE(has_reset("p-2"));
  auto articles = store_->list_kb_articles();
  ASSERT_TRUE(articles.ok());
  EXPECT_THAT(*articles, ElementsAre(KbArticleRecord{"restart-router", 100, "{}"}));
  EXPECT_THAT(audit_ids(AuditQuery{}), ElementsAre(5, 4, 3, 2, 6, 1));
  // The next audit entry takes the id the failed batch would have used.
  write_ok(WriteBatch().add(AddAudit{audit(9000, "ticket.create")}));
  EXPECT_THAT(audit_ids(AuditQuery{.limit = 1}), ElementsAre(7));
}

}  // namespace
}  // namespace hearth::store::testing
