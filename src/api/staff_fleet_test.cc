// GET /api/v1/fleet: devices online (a last Inform within two hours), the diagnosis' aggregates
// with the worst homes' customers, and firmware per model; without a diagnosis only the store's
// part.
#include <gtest/gtest.h>

#include "api/staff_console_fixture.h"

namespace hearth::api::testing {
namespace {

using nlohmann::json;

class StaffFleetTest : public ConsoleTest {};

TEST_F(StaffFleetTest, CountsAndWorstHomes) {
  insight::FleetSummary s;
  s.homes_diagnosed = 2;
  s.homes_healthy = 0;
  s.open_findings = {{"WIFI-CAP-1", 1}, {"DEV-OFFLINE-1", 1}, {"WIFI-COV-1", 3}};
  s.primary_causes = {{"WIFI-CAP-1", 1}, {"DEV-OFFLINE-1", 1}};
  s.health_histogram = {1, 0, 0, 0, 0, 0, 0, 1, 0, 0};
  s.worst = {{"home-2", 0, "DEV-OFFLINE-1"}, {"home-1", 70, "WIFI-CAP-1"}, {"home-gone", 90, ""}};
  reader_.set_fleet_summary(s);

  const json j = get("/api/v1/fleet");
  EXPECT_EQ(j["devices"], json({{"total", 2}, {"online", 1}}));  // HRS2 is a day silent
  EXPECT_EQ(j["onlineWindowSeconds"], 7200);
  EXPECT_EQ(j["homesDiagnosed"], 2);
  EXPECT_EQ(j["homesHealthy"], 0);
  EXPECT_EQ(j["healthHistogram"], json({1, 0, 0, 0, 0, 0, 0, 1, 0, 0}));
  EXPECT_EQ(j["topFindings"], json::parse(R"([{"code":"WIFI-COV-1","homes":3},{"code":"DEV-OFFLINE-1","homes":1},
                                             {"code":"WIFI-CAP-1","homes":1}])"));
  EXPECT_EQ(j["primaryCauses"].size(), 2u);
  EXPECT_EQ(j["worstHomes"], json::parse(R"([
      {"homeId":"home-2","account":"1000002","name":"Bo Lind","health":0,"primaryCode":"DEV-OFFLINE-1"},
      {"homeId":"home-1","account":"1000001","name":"Anna Berg","health":70,"primaryCode":"WIFI-CAP-1"},
      {"homeId":"home-gone","account":null,"name":null,"health":90,"primaryCode":null}])"));
  EXPECT_EQ(j["firmware"], json::parse(R"([
      {"model":"Gateway HG8245","softwareVersion":"1.0.0","devices":1,"online":0},
      {"model":"HG8245H","softwareVersion":"1.0","devices":1,"online":1}])"));
  EXPECT_EQ(reader_.summary_limits(), std::vector<size_t>{10});
}

TEST_F(StaffFleetTest, OnlineFollowsTheClock) {
  h_.clock().advance(std::chrono::hours(2));  // HRS1's last Inform is now 2 h 1 min old
  EXPECT_EQ(get("/api/v1/fleet")["devices"], json({{"total", 2}, {"online", 0}}));
}

TEST(StaffFleetNoDiagnosisTest, StoreCountsOnly) {
  ApiHarness h;
  h.add_device(ApiHarness::sample_device("S1"));
  const json j = body_json(h.call("GET", "/api/v1/fleet"));
  EXPECT_EQ(j["devices"]["total"], 1);
  EXPECT_EQ(j["homesDiagnosed"], 0);
  EXPECT_EQ(j["healthHistogram"].size(), 10u);
  EXPECT_EQ(j["worstHomes"], json::array());
}

}  // namespace
}  // namespace hearth::api::testing
