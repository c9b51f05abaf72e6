// The shared store suite, part 8: support. Troubleshooting runs and tickets: the subscriber and
// home they need, upserts, filters, newest-first order, paging, and the largest ticket id.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "store/store_suite_selfservice_fixture.h"

namespace hearth::store::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::ElementsAreArray;
using ::testing::IsEmpty;

class StoreSupportTest : public StoreSelfServiceTest {};
HEARTH_INSTANTIATE_STORE_SUITE(StoreSupportTest);

TEST_P(StoreSupportTest, RunsAndTicketsNeedTheirSubscriberAndHome) {
  struct Case {
    const char* what;
    WriteOp op;
  };
  const Case cases[] = {
      {"run of an unknown subscriber", PutTroubleshoot{run("r-1", "9999", "h1", 1000)}},
      {"run of an unknown home", PutTroubleshoot{run("r-1", "1001", "h9", 1000)}},
      {"ticket of an unknown subscriber", PutTicket{ticket(1, "9999", "h1", "new", 1000)}},
      {"ticket of an unknown home", PutTicket{ticket(1, "1001", "h9", "new", 1000)}},
  };
  for (const Case& c : cases) expect_code(WriteBatch().add(c.op), ErrorCode::kNotFound, c.what);
  EXPECT_THAT(run_ids(TroubleshootQuery{}), IsEmpty());
  EXPECT_THAT(ticket_ids(TicketQuery{}), IsEmpty());
  EXPECT_EQ(max_ticket_id(), 0);
}

TEST_P(StoreSupportTest, RunsAndTicketsAreUpsertedAndComeBackAsStored) {
  TroubleshootRecord r = run("r-1", "1001", "h1", 1000);
  TicketRecord t = ticket(12, "1001", "h2", "new", 2000);
  write_ok(WriteBatch().add(PutTroubleshoot{r}).add(PutTicket{t}));
  EXPECT_EQ(**store_->get_troubleshoot("r-1"), r);
  EXPECT_EQ(**store_->get_ticket(12), t);
  EXPECT_FALSE(store_->get_troubleshoot("r-2")->has_value());
  EXPECT_FALSE(store_->get_ticket(13)->has_value());

  r.state = "ticket";
  r.rating = 4;
  r.solved = 0;
  r.ticket_id = 12;
  r.updated_ms = 2500;
  r.json = R"({"steps":["restart"],"words":"\"slow\" since Monday"})";
  t.state = "assigned";
  t.assignee = "agent-7";
  t.incident_id = 3;
  t.cause_code = "";
  write_ok(WriteBatch().add(PutTroubleshoot{r}).add(PutTicket{t}));
  EXPECT_EQ(**store_->get_troubleshoot("r-1"), r);
  EXPECT_EQ(**store_->get_ticket(12), t);
  EXPECT_THAT(ticket_ids(TicketQuery{}), ElementsAre(12));
}

TEST_P(StoreSupportTest, TicketsFilterNewestFirstAndPage) {
  seed();
  struct Case {
    const char* what;
    TicketQuery query;
    std::vector<int64_t> ids;
  };
  const Case cases[] = {
      {"everything, ties by id descending", TicketQuery{}, {5, 4, 2, 3, 1}},
      {"account", TicketQuery{.account = "1001"}, {4, 2, 1}},
      {"home", TicketQuery{.home_id = "h3"}, {5, 3}},
      {"state", TicketQuery{.state = "new"}, {5, 1}},
      {"open is everything not solved", TicketQuery{.state = "open"}, {5, 4, 2, 1}},
      {"solved", TicketQuery{.state = "solved"}, {3}},
      {"unknown state", TicketQuery{.state = "closed"}, {}},
      {"assignee", TicketQuery{.assignee = "agent-1"}, {2, 3}},
      {"incident", TicketQuery{.incident_id = 7}, {2, 3}},
      {"open of an incident", TicketQuery{.state = "open", .incident_id = 7}, {2}},
      {"account and home", TicketQuery{.account = "1001", .home_id = "h1"}, {4, 1}},
      {"account of another home", TicketQuery{.account = "1002", .home_id = "h1"}, {}},
      {"limit", TicketQuery{.limit = 2}, {5, 4}},
      {"offset and limit", TicketQuery{.offset = 1, .limit = 3}, {4, 2, 3}},
      {"offset past the end", TicketQuery{.offset = 5}, {}},
      {"filtered page", TicketQuery{.state = "open", .offset = 2, .limit = 1}, {2}},
  };
  for (const Case& c : cases) EXPECT_THAT(ticket_ids(c.query), ElementsAreArray(c.ids)) << c.what;
}

TEST_P(StoreSupportTest, RunsFilterNewestFirstAndPage) {
  seed();
  struct Case {
    const char* what;
    TroubleshootQuery query;
    std::vector<std::string> ids;
  };
  const Case cases[] = {
      {"everything, ties by id descending",
       TroubleshootQuery{},
       {"r-e", "r-d", "r-b", "r-c", "r-a"}},
      {"account", TroubleshootQuery{.account = "1002"}, {"r-e", "r-c"}},
      {"home", TroubleshootQuery{.home_id = "h1"}, {"r-d", "r-a"}},
      {"account and home", TroubleshootQuery{.account = "1001", .home_id = "h2"}, {"r-b"}},
      {"from: created at or after", TroubleshootQuery{.from_ms = 3000}, {"r-e", "r-d", "r-b"}},
      {"to: created before", TroubleshootQuery{.to_ms = 3000}, {"r-c", "r-a"}},
      {"window", TroubleshootQuery{.from_ms = 2000, .to_ms = 5000}, {"r-d", "r-b", "r-c"}},
      {"window and account", TroubleshootQuery{.account = "1001", .from_ms = 1001}, {"r-d", "r-b"}},
      {"limit", TroubleshootQuery{.limit = 1}, {"r-e"}},
      {"offset and limit", TroubleshootQuery{.offset = 2, .limit = 2}, {"r-b", "r-c"}},
      {"offset past the end", TroubleshootQuery{.offset = 9}, {}},
  };
  for (const Case& c : cases) EXPECT_THAT(run_ids(c.query), ElementsAreArray(c.ids)) << c.what;
}

TEST_P(StoreSupportTest, StatsKnowTheLargestTicketIdEverStored) {
  EXPECT_EQ(max_ticket_id(), 0);
  write_ok(WriteBatch()
               .add(PutTicket{ticket(8, "1001", "h1", "new", 1000)})
               .add(PutTicket{ticket(3, "1001", "h1", "new", 1000)}));
  EXPECT_EQ(max_ticket_id(), 8);
  write_ok(WriteBatch().add(PutTicket{ticket(3, "1001", "h1", "solved", 1000)}));
  EXPECT_EQ(max_ticket_id(), 8);
  write_ok(WriteBatch().add(PutTicket{ticket(max_ticket_id() + 1, "1002", "h3", "new", 2000)}));
  EXPECT_EQ(max_ticket_id(), 9);
}

}  // namespace
}  // namespace hearth::store::testing
