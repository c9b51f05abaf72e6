// The agent console's customer search (every kind of key, MAC forms, limits, errors), one
// customer (404 for an unknown one) and the customer page's overview of a home with a finding
// and of one behind an incident.
#include <gtest/gtest.h>

#include "api/staff_console_fixture.h"
#include "api/staff_test_support.h"

namespace hearth::api::testing {
namespace {

using nlohmann::json;

class StaffCustomersTest : public ConsoleTest {
 protected:
  // The accounts a search finds, in order, each with what matched ("account:matched").
  std::vector<std::string> search(const std::string& q) {
    const json j = get("/api/v1/customers?q=" + encode_segment(q));
    std::vector<std::string> out;
    for (const json& c : j["customers"]) out.push_back(c["account"].get<std::string>() + ":" + c["matched"].get<std::string>());
    return out;
  }
};

TEST_F(StaffCustomersTest, SearchFindsEachKindOfKey) {
  struct Case {
    const char* q;
    std::vector<std::string> found;
  };
  const Case cases[] = {
      {"1000002", {"1000002:account"}},
      {"1000003", {"1000003:account"}},            // no home, still found by account
      {"anna berg", {"1000001:name"}},             // case ignored
      {"BO@EXAMPLE.TEST", {"1000002:email"}},
      {"carl@example.test", {"1000003:email"}},    // the exact email finds a customer without a home
      {"Storgatan", {"1000001:address"}},
      {"41102", {"1000002:address"}},
      {"mölndal", {"1000002:address"}},
      {"HRS1", {"1000001:serial"}},
      {"aa:bb:cc:dd:ee:01", {"1000001:mac"}},     // a client device seen in the home
      {"AA-BB-CC-DD-EE-01", {"1000001:mac"}},
      {"aabbccddee01", {"1000001:mac"}},
      {"aabb.ccdd.ee01", {"1000001:mac"}},
      {"02:00:00:00:00:18", {"1000001:mac"}},     // the extender's AL MAC
      {"aa:bb:cc:dd:ee:02", {}},
      {"10000", {"1000001:account", "1000002:account"}},  // a part of account numbers
      {"nobody", {}},
  };
  for (const Case& c : cases) EXPECT_EQ(search(c.q), c.found) << c.q;
}

TEST_F(StaffCustomersTest, SearchAnswersHomesWithTheirGateway) {
  const json j = get("/api/v1/customers?q=HRS1");
  ASSERT_EQ(j["customers"].size(), 1u);
  const json& c = j["customers"][0];
  EXPECT_EQ(c["name"], "Anna Berg");
  EXPECT_EQ(c["email"], "anna@example.test");
  EXPECT_EQ(c["street"], "Storgatan 1");
  EXPECT_EQ(c["postalCode"], "41101");
  EXPECT_EQ(c["city"], "Göteborg");
  ASSERT_EQ(c["homes"].size(), 1u);
  EXPECT_EQ(c["homes"][0], json({{"id", "home-1"},
                                 {"accessNode", "an-1"},
                                 {"gateway", {{"deviceId", kGateway1}, {"serial", "HRS1"}, {"model", "HG8245H"}}}}));
  // Exact matches come first; limit bounds the answer.
  EXPECT_EQ(get("/api/v1/customers?q=1000&limit=1")["customers"].size(), 1u);
}

TEST_F(StaffCustomersTest, SearchErrors) {
  EXPECT_EQ(error_code(h_.call("GET", "/api/v1/customers")), "invalid_argument");
  EXPECT_EQ(error_code(h_.call("GET", "/api/v1/customers?q=%20%20")), "invalid_argument");
  EXPECT_EQ(h_.call("GET", "/api/v1/customers?q=x&limit=-1").status, 400);
}

TEST_F(StaffCustomersTest, OneCustomerWithHomesAndOpenTickets) {
  store::TicketRecord t{.id = 5, .account = "1000001", .home_id = "home-1", .state = "new",
                        .source = "selfservice", .created_ms = kConsoleT0, .updated_ms = kConsoleT0,
                        .json = R"({"subject":"Slow Wi-Fi"})"};
  store::TicketRecord solved = t;
  solved.id = 6;
  solved.state = "solved";
  ASSERT_TRUE(h_.store().write_sync(store::WriteBatch().add(store::PutTicket{t}).add(store::PutTicket{solved})).ok());
  const json j = get("/api/v1/customers/1000001");
  EXPECT_EQ(j["account"], "1000001");
  EXPECT_EQ(j["name"], "Anna Berg");
  ASSERT_EQ(j["homes"].size(), 1u);
  EXPECT_EQ(j["homes"][0]["region"], "north");
  ASSERT_EQ(j["openTickets"].size(), 1u);
  EXPECT_EQ(j["openTickets"][0]["id"], "5");
  EXPECT_EQ(j["openTickets"][0]["subject"], "Slow Wi-Fi");
  EXPECT_EQ(j["openTickets"][0]["customerName"], "Anna Berg");
  EXPECT_EQ(get("/api/v1/customers/1000003")["homes"], json::array());
  EXPECT_EQ(error_code(h_.call("GET", "/api/v1/customers/9999999")), "not_found");
}

TEST_F(StaffCustomersTest, OverviewOfAHomeWithAFinding) {
  const json j = get("/api/v1/homes/home-1/overview");
  EXPECT_EQ(j["home"], json({{"id", "home-1"}, {"account", "1000001"}, {"accessNode", "an-1"}, {"region", "north"}}));
  EXPECT_EQ(j["customer"]["name"], "Anna Berg");
  EXPECT_EQ(j["status"], json({{"kind", "home-problem"}, {"incident", nullptr}}));
  EXPECT_EQ(j["diagnosis"]["health"], 70);
  const json& primary = j["diagnosis"]["primaryCause"];
  EXPECT_EQ(primary["code"], "WIFI-CAP-1");
  EXPECT_EQ(primary["severity"], "warning");
  EXPECT_EQ(primary["entity"]["id"], "02:00:00:00:00:10/5GHz");
  EXPECT_EQ(primary["customerText"], "Your Wi-Fi is busy.");
  EXPECT_EQ(primary["agentText"], "channel utilisation 81 %");
  EXPECT_EQ(primary["remedy"]["action"], "change-channel");
  ASSERT_EQ(j["diagnosis"]["findings"].size(), 1u);
  EXPECT_EQ(j["diagnosis"]["findings"][0]["evidence"], json({{"utilisationPct", 81}}));
  EXPECT_EQ(j["diagnosis"]["findings"][0]["since"], "2025-12-31T23:00:00Z");

  const json& action = j["recommendedAction"];
  EXPECT_EQ(action["action"], "change-channel");
  EXPECT_EQ(action["deviceId"], kGateway1);
  EXPECT_EQ(action["task"], json({{"name", "setParameterValues"},
                                  {"parameterValues", {{"Device.WiFi.Radio.2.AutoChannelEnable", true, "xsd:boolean"}}}}));

  ASSERT_EQ(j["map"]["nodes"].size(), 2u);
  EXPECT_EQ(j["map"]["nodes"][0]["role"], "gateway");
  EXPECT_EQ(j["map"]["nodes"][0]["model"], "HG8245H");
  EXPECT_EQ(j["map"]["nodes"][0]["online"], true);
  EXPECT_EQ(j["map"]["nodes"][1]["backhaul"]["kind"], "wifi");
  EXPECT_EQ(j["map"]["stations"], json::parse(R"([{"mac":"aa:bb:cc:dd:ee:01","name":"annas-phone",
      "node":"02:00:00:00:00:18","band":"5GHz","signal":-67.0}])"));
  ASSERT_EQ(j["devices"].size(), 1u);
  EXPECT_EQ(j["devices"][0]["serial"], "HRS1");
  EXPECT_EQ(j["devices"][0]["softwareVersion"], "1.0");
  EXPECT_EQ(j["devices"][0]["online"], true);
  EXPECT_EQ(j["openTickets"], json::array());
}

TEST_F(StaffCustomersTest, OverviewOfAHomeBehindAnIncident) {
  const json j = get("/api/v1/homes/home-2/overview");
  EXPECT_EQ(j["status"]["kind"], "incident");
  EXPECT_EQ(j["status"]["incident"], json({{"id", "7"},
                                           {"state", "confirmed"},
                                           {"cause", "plant"},
                                           {"accessNode", "an-2"},
                                           {"since", "2025-12-31T23:26:40Z"},
                                           {"etr", nullptr},
                                           {"affectedHomes", 1}}));
  EXPECT_EQ(j["diagnosis"]["primaryCause"]["code"], "DEV-OFFLINE-1");
  EXPECT_EQ(j["recommendedAction"]["action"], "none");  // wait for the incident
  EXPECT_EQ(j["recommendedAction"]["task"], nullptr);
  EXPECT_EQ(j["map"]["nodes"], json::array());  // no snapshot
  EXPECT_EQ(j["devices"][0]["online"], false);
  EXPECT_EQ(error_code(h_.call("GET", "/api/v1/homes/home-9/overview")), "not_found");
}

TEST_F(StaffCustomersTest, AgentsSearchAndReadTheOverview) {
  const StaffSession agent = add_and_login(h_, {.login = "alex", .name = "Alex Agent", .role = "agent",
                                                .password = "agent password 1"});
  EXPECT_EQ(staff_call(h_, agent, "GET", "/api/v1/customers?q=HRS2").status, 200);
  EXPECT_EQ(staff_call(h_, agent, "GET", "/api/v1/homes/home-1/overview").status, 200);
}

}  // namespace
}  // namespace hearth::api::testing
