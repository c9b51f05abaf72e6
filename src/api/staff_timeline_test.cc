// GET /api/v1/homes/{id}/timeline over the store: every source appears with its kind, newest
// first; from/to/limit bound it; periodic informs and other homes' entries stay out.
#include <gtest/gtest.h>

#include "api/staff_console_fixture.h"

namespace hearth::api::testing {
namespace {

using nlohmann::json;

constexpr int64_t kMin = 60'000;

class StaffTimelineTest : public ConsoleTest {
 protected:
  void SetUp() override {
    ConsoleTest::SetUp();
    const int64_t t = kConsoleT0 - 100 * kMin;
    store::TaskRecord reboot{.id = 11, .device_id = kGateway1, .name = "reboot", .state = store::TaskState::kDone,
                             .created_ms = t + 10 * kMin, .updated_ms = t + 12 * kMin};
    store::TaskRecord wifi{.id = 12, .device_id = kGateway1, .name = "setParameterValues",
                           .args_json = R"({"name":"setParameterValues","parameterValues":[["Device.WiFi.SSID.1.SSID","x"]]})",
                           .state = store::TaskState::kFault, .created_ms = t + 20 * kMin, .updated_ms = t + 21 * kMin,
                           .fault_json = R"({"code":9007,"message":"Invalid parameter value"})"};
    store::TaskRecord other{.id = 13, .device_id = kGateway2, .name = "reboot", .state = store::TaskState::kDone,
                            .created_ms = t + 30 * kMin, .updated_ms = t + 30 * kMin};
    store::FindingRecord f{"home-1", "WIFI-CAP-1", "warning", "radio:x", t + 40 * kMin, t + 50 * kMin,
                           R"({"agentText":"utilisation 81 %"})"};
    store::TroubleshootRecord run{.id = "ts-1", .account = "1000001", .home_id = "home-1", .symptom = "wifi-slow",
                                  .state = "ticket", .rating = 2, .ticket_id = 5,
                                  .created_ms = t + 60 * kMin, .updated_ms = t + 60 * kMin, .json = "{}"};
    store::TicketRecord ticket{.id = 5, .account = "1000001", .home_id = "home-1", .state = "new",
                               .source = "selfservice", .created_ms = t + 61 * kMin, .updated_ms = t + 61 * kMin,
                               .json = R"({"subject":"Slow Wi-Fi"})"};
    store::IncidentRecord inc{.id = 8, .scope = "access-node", .access_node_id = "an-1", .region_id = "north",
                              .state = "resolved", .suspected_ms = t + 70 * kMin, .resolved_ms = t + 80 * kMin,
                              .updated_ms = t + 80 * kMin, .homes = {"home-1"}, .json = "{}"};
    store::AuditRecord audit{0, t + 90 * kMin, "agent", "u-alex", "ticket.update", "1000001", "home-1", "", "ok",
                             R"({"name":"Alex Agent"})"};
    store::OptimisationRecord opt{0, "home-1", t + 95 * kMin, "set-channel",
                                  R"({"radio":"02:00:00:00:00:10/5GHz","reason":"quieter channel"})"};
    const Status st = h_.store().write_sync(
        store::WriteBatch()
            .add(store::AddEvents{{{kGateway1, t, "1 BOOT", ""},
                                   {kGateway1, t + kMin, "2 PERIODIC", ""},
                                   {kGateway1, t + 2 * kMin, "4 VALUE CHANGE", ""},
                                   {kGateway2, t + 3 * kMin, "0 BOOTSTRAP", ""}}})
            .add(store::PutTask{reboot})
            .add(store::PutTask{wifi})
            .add(store::PutTask{other})
            .add(store::PutFinding{f})
            .add(store::PutTroubleshoot{run})
            .add(store::PutTicket{ticket})
            .add(store::PutIncident{inc})
            .add(store::AddAudit{audit})
            .add(store::AddOptimisation{opt}));
    ASSERT_TRUE(st.ok()) << st.error().message;
  }

  // "kind title" of each entry.
  std::vector<std::string> kinds(const json& j) {
    std::vector<std::string> out;
    for (const json& e : j["entries"]) out.push_back(e["kind"].get<std::string>() + " " + e["title"].get<std::string>());
    return out;
  }
};

TEST_F(StaffTimelineTest, EverySourceNewestFirst) {
  const json j = get("/api/v1/homes/home-1/timeline");
  EXPECT_EQ(kinds(j), (std::vector<std::string>{
                          "optimisation Wi-Fi optimisation: set-channel",
                          "audit ticket.update",
                          "incident Incident resolved at an-1",
                          "incident Incident at an-1",
                          "ticket Ticket opened: Slow Wi-Fi",
                          "selfservice Customer troubleshooting: wifi-slow",
                          "finding Finding closed: WIFI-CAP-1 Wi-Fi channel congested",
                          "finding Finding opened: WIFI-CAP-1 Wi-Fi channel congested",
                          "config Configuration change",
                          "task Reboot",
                          "inform Value change reported",
                          "boot Device booted",
                      }));
  const json& config = j["entries"][8];
  EXPECT_EQ(config["time"], "2025-12-31T22:41:00Z");
  EXPECT_EQ(config["deviceId"], kGateway1);
  EXPECT_EQ(config["outcome"], "fault");
  EXPECT_EQ(config["detail"], "by api: Invalid parameter value");
  EXPECT_EQ(config["ref"], json({{"type", "task"}, {"id", "12"}}));
  EXPECT_EQ(j["entries"][1]["detail"], "by agent Alex Agent");
  EXPECT_EQ(j["entries"][4]["ref"], json({{"type", "ticket"}, {"id", "5"}}));
  EXPECT_FALSE(j["entries"][11].contains("outcome"));
}

TEST_F(StaffTimelineTest, FromToAndLimit) {
  // t = 22:20; from t+10 min (22:30) to t+61 min (23:21) exclusive.
  json j = get("/api/v1/homes/home-1/timeline?from=2025-12-31T22:30:00Z&to=2025-12-31T23:21:00Z");
  EXPECT_EQ(kinds(j), (std::vector<std::string>{
                          "selfservice Customer troubleshooting: wifi-slow",
                          "finding Finding closed: WIFI-CAP-1 Wi-Fi channel congested",
                          "finding Finding opened: WIFI-CAP-1 Wi-Fi channel congested",
                          "config Configuration change",
                          "task Reboot",
                      }));
  j = get("/api/v1/homes/home-1/timeline?limit=2");
  EXPECT_EQ(kinds(j), (std::vector<std::string>{"optimisation Wi-Fi optimisation: set-channel", "audit ticket.update"}));
  EXPECT_EQ(h_.call("GET", "/api/v1/homes/home-1/timeline?from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z").status, 400);
  EXPECT_EQ(h_.call("GET", "/api/v1/homes/home-1/timeline?from=yesterday").status, 400);
  EXPECT_EQ(error_code(h_.call("GET", "/api/v1/homes/home-9/timeline")), "not_found");
}

TEST_F(StaffTimelineTest, OtherHomesStayOut) {
  const json j = get("/api/v1/homes/home-2/timeline");
  EXPECT_EQ(kinds(j), (std::vector<std::string>{"incident Incident at an-2", "task Reboot",
                                                "bootstrap Bootstrap (first contact or factory reset)"}));
}

}  // namespace
}  // namespace hearth::api::testing
