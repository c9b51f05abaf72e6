// The staff ticket queue: a ticket an agent opens, assignment ("me", another user, none) and the
// state it implies, state changes, comments with their author, filters and totals, the detail of
// a ticket the customer portal opened, and the errors.
#include <gtest/gtest.h>

#include "api/staff_console_fixture.h"
#include "api/staff_test_support.h"

namespace hearth::api::testing {
namespace {

using nlohmann::json;

class StaffTicketsTest : public ConsoleTest {
 protected:
  void SetUp() override {
    ConsoleTest::SetUp();
    agent_ = add_and_login(h_, {.login = "alex", .name = "Alex Agent", .role = "agent",
                                .password = "agent password 1"});
    other_ = add_user(h_, {.login = "sam", .name = "Sam Supervisor", .role = "supervisor",
                           .password = "supervisor password 1"});
  }

  json agent(const std::string& method, const std::string& target, const json& body, int status) {
    ApiResponse r = staff_call(h_, agent_, method, target, body.is_null() ? "" : body.dump());
    EXPECT_EQ(r.status, status) << method << " " << target << ": " << r.body;
    return body_json(r);
  }

  StaffSession agent_;
  std::string other_;
};

TEST_F(StaffTicketsTest, LifecycleOfAnAgentsTicket) {
  json t = agent("POST", "/api/v1/tickets",
                 {{"account", "1000001"}, {"homeId", "home-1"}, {"subject", "Wi-Fi drops"}, {"text", "Since Monday."}}, 201);
  const std::string id = t["id"].get<std::string>();
  EXPECT_EQ(t["state"], "new");
  EXPECT_EQ(t["source"], "agent");
  EXPECT_EQ(t["account"], "1000001");
  EXPECT_EQ(t["customerName"], "Anna Berg");
  EXPECT_EQ(t["causeCode"], "WIFI-CAP-1");  // the diagnosis of the moment
  EXPECT_EQ(t["diagnosis"]["primary"], "WIFI-CAP-1");
  EXPECT_EQ(t["symptom"], "");  // an agent's ticket has no self-service symptom
  EXPECT_EQ(t["words"], "Since Monday.");
  EXPECT_EQ(t["assignee"], nullptr);
  EXPECT_EQ(t["comments"], json::array());

  // Assigning a new ticket to oneself makes it "assigned".
  t = agent("PATCH", "/api/v1/tickets/" + id, {{"assignee", "me"}}, 200);
  EXPECT_EQ(t["assignee"], agent_.user_id);
  EXPECT_EQ(t["assigneeName"], "Alex Agent");
  EXPECT_EQ(t["state"], "assigned");
  t = agent("PATCH", "/api/v1/tickets/" + id, {{"state", "waiting"}, {"assignee", other_}}, 200);
  EXPECT_EQ(t["state"], "waiting");
  EXPECT_EQ(t["assigneeName"], "Sam Supervisor");

  json c = agent("POST", "/api/v1/tickets/" + id + "/comments", {{"text", "Called the customer.\nNo answer."}}, 201);
  EXPECT_EQ(c["author"], agent_.user_id);
  EXPECT_EQ(c["authorName"], "Alex Agent");
  EXPECT_EQ(c["time"], "2026-01-01T00:00:00Z");
  h_.clock().advance(std::chrono::minutes(5));
  agent("POST", "/api/v1/tickets/" + id + "/comments", {{"text", "Solved by a channel change."}}, 201);
  t = agent("PATCH", "/api/v1/tickets/" + id, {{"state", "solved"}, {"assignee", ""}}, 200);
  EXPECT_EQ(t["state"], "solved");
  EXPECT_EQ(t["assignee"], nullptr);

  t = get("/api/v1/tickets/" + id);
  ASSERT_EQ(t["comments"].size(), 2u);
  EXPECT_EQ(t["comments"][0]["text"], "Called the customer.\nNo answer.");
  EXPECT_EQ(t["comments"][1]["time"], "2026-01-01T00:05:00Z");
  EXPECT_EQ(t["updatedAt"], "2026-01-01T00:05:00Z");

  // Each change left an audit entry naming the customer's home (the home's timeline shows them).
  int mine = 0;
  for (const store::AuditRecord& a : audit_entries(h_)) {
    if (a.action.rfind("ticket.", 0) == 0 && a.home_id == "home-1" && a.actor == agent_.user_id) ++mine;
  }
  EXPECT_EQ(mine, 6);  // create, 3 updates, 2 comments
}

TEST_F(StaffTicketsTest, UnassigningPutsAnAssignedTicketBack) {
  const std::string id = agent("POST", "/api/v1/tickets", {{"account", "1000002"}, {"subject", "Offline"}}, 201)["id"].get<std::string>();
  agent("PATCH", "/api/v1/tickets/" + id, {{"assignee", other_}}, 200);
  const json t = agent("PATCH", "/api/v1/tickets/" + id, {{"assignee", ""}}, 200);
  EXPECT_EQ(t["state"], "new");
  EXPECT_EQ(t["homeId"], "home-2");  // the customer's home when none is named
}

TEST_F(StaffTicketsTest, QueueFiltersAndTotal) {
  const json diag = json::parse(R"({"timeMs":1,"primary":"DEV-OFFLINE-1","health":0,"findings":[]})");
  store::TicketRecord portal{.id = 40, .account = "1000002", .home_id = "home-2", .state = "new",
                             .source = "selfservice", .cause_code = "DEV-OFFLINE-1", .incident_id = 7,
                             .created_ms = kConsoleT0 - 60'000, .updated_ms = kConsoleT0 - 60'000,
                             .json = json{{"subject", "No internet"}, {"symptom", "no-internet"}, {"words", "Nothing works"}, {"diagnosis", diag},
                                          {"troubleshooting", {{{"id", "restart"}}}}, {"comments", json::array()}}
                                         .dump()};
  ASSERT_TRUE(h_.store().write_sync(store::WriteBatch().add(store::PutTicket{portal})).ok());
  // The next ticket id follows the store's largest.
  const std::string id = agent("POST", "/api/v1/tickets", {{"account", "1000001"}, {"subject", "Slow"}}, 201)["id"].get<std::string>();
  EXPECT_EQ(id, "41");
  agent("PATCH", "/api/v1/tickets/41", {{"assignee", "me"}}, 200);

  struct Case {
    std::string query;
    std::vector<std::string> ids;
  };
  const Case cases[] = {
      {"", {"41", "40"}},
      {"?state=new", {"40"}},
      {"?state=open", {"41", "40"}},
      {"?state=solved", {}},
      {"?assignee=me", {}},  // the admin token has none
      {"?assignee=" + agent_.user_id, {"41"}},
      {"?account=1000002", {"40"}},
      {"?incident=7", {"40"}},
      {"?limit=1", {"41"}},
      {"?offset=1&limit=1", {"40"}},
  };
  for (const Case& c : cases) {
    const json j = get("/api/v1/tickets" + c.query);
    std::vector<std::string> ids;
    for (const json& t : j["tickets"]) ids.push_back(t["id"].get<std::string>());
    EXPECT_EQ(ids, c.ids) << c.query;
  }
  EXPECT_EQ(get("/api/v1/tickets?limit=1")["total"], 2);
  json mine = body_json(staff_call(h_, agent_, "GET", "/api/v1/tickets?assignee=me"));
  ASSERT_EQ(mine["tickets"].size(), 1u);

  const json t = get("/api/v1/tickets/40");
  EXPECT_EQ(t["subject"], "No internet");
  EXPECT_EQ(t["symptom"], "no-internet");
  EXPECT_EQ(t["words"], "Nothing works");
  EXPECT_EQ(t["diagnosis"], diag);
  EXPECT_EQ(t["steps"], json::parse(R"([{"id":"restart"}])"));
  EXPECT_EQ(t["incidentId"], "7");
  EXPECT_EQ(t["incident"]["id"], 7);
  EXPECT_EQ(t["causeCode"], "DEV-OFFLINE-1");
}

TEST_F(StaffTicketsTest, Errors) {
  agent("GET", "/api/v1/tickets/99", nullptr, 404);
  agent("GET", "/api/v1/tickets/abc", nullptr, 404);
  agent("GET", "/api/v1/tickets?state=closed", nullptr, 400);
  agent("POST", "/api/v1/tickets", {{"account", "9999999"}, {"subject", "x"}}, 400);
  agent("POST", "/api/v1/tickets", {{"account", "1000001"}, {"homeId", "home-2"}, {"subject", "x"}}, 400);
  agent("POST", "/api/v1/tickets", {{"account", "1000001"}}, 400);
  agent("POST", "/api/v1/tickets", {{"account", "1000003"}, {"subject", "x"}}, 400);  // no home
  agent("POST", "/api/v1/tickets", {{"account", "1000001"}, {"subject", "x"}, {"colour", "red"}}, 400);
  const std::string id = agent("POST", "/api/v1/tickets", {{"account", "1000001"}, {"subject", "x"}}, 201)["id"].get<std::string>();
  agent("PATCH", "/api/v1/tickets/" + id, {{"state", "closed"}}, 400);
  agent("PATCH", "/api/v1/tickets/" + id, {{"assignee", "u-nobody"}}, 400);
  agent("PATCH", "/api/v1/tickets/" + id, {{"assignee", 5}}, 400);
  agent("PATCH", "/api/v1/tickets/99", {{"state", "solved"}}, 404);
  agent("POST", "/api/v1/tickets/" + id + "/comments", {{"text", ""}}, 400);
  agent("POST", "/api/v1/tickets/99/comments", {{"text", "hello"}}, 404);
}

}  // namespace
}  // namespace hearth::api::testing
