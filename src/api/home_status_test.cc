// The self-service status of a home: the message a customer reads for a disturbance (with and
// without a repair time, suspected or confirmed, a power cut, titled, across midnight) and for
// planned maintenance (under way, to come), the status it sums up to, and the route
// GET /api/v1/homes/{id}/status (404 unknown home, 503 without a desk, read tokens welcome).
#include <gtest/gtest.h>

#include <chrono>
#include <string>

#include "api/incidents_handlers.h"
#include "api/incidents_test_support.h"

namespace hearth::api::testing {
namespace {

using nlohmann::json;

constexpr int64_t kMinute = 60'000;
constexpr int64_t kHour = 60 * kMinute;
constexpr int64_t kNow = kDeskT0 + 15 * kHour;  // 2026-01-01T15:00:00Z

outage::HomeOutage disturbance(outage::IncidentState state = outage::IncidentState::kConfirmed,
                               int64_t etr_ms = 0) {
  outage::HomeOutage o;
  o.incident_id = 7;
  o.state = state;
  o.cause = "plant";
  o.since_ms = kDeskT0 + 14 * kHour + 5 * kMinute;  // 14:05
  o.etr_ms = etr_ms;
  return o;
}

outage::Maintenance window(int64_t start_ms, int64_t end_ms, const char* description) {
  outage::Maintenance m;
  m.id = "mnt-1";
  m.access_node_id = "an-1";
  m.start_ms = start_ms;
  m.end_ms = end_ms;
  m.description = description;
  m.created_by = "noc";
  m.created_ms = kDeskT0;
  return m;
}

outage::HomeOutage maintenance_only(outage::Maintenance m) {
  outage::HomeOutage o;
  o.maintenance = std::move(m);
  return o;
}

struct Case {
  const char* name;
  std::optional<outage::HomeOutage> outage;
  const char* status;
  const char* message;
};

std::vector<Case> cases() {
  const int64_t at_18 = kDeskT0 + 18 * kHour;
  std::vector<Case> out;
  out.push_back({"nothing", std::nullopt, "ok", "There is no known disturbance in your area."});
  out.push_back({"with repair time", disturbance(outage::IncidentState::kConfirmed, at_18),
                 "disturbance",
                 "There is a disturbance in your area since 14:05 (UTC); we expect it fixed by "
                 "18:00. No need to restart your router."});
  out.push_back({"without repair time", disturbance(), "disturbance",
                 "There is a disturbance in your area since 14:05 (UTC); we are working on it. "
                 "No need to restart your router."});
  out.push_back({"suspected", disturbance(outage::IncidentState::kSuspected), "disturbance",
                 "We are looking into a possible disturbance in your area since 14:05 (UTC). No "
                 "need to restart your router."});
  outage::HomeOutage power = disturbance(outage::IncidentState::kConfirmed, at_18);
  power.cause = "power";
  out.push_back({"power cut", power, "disturbance",
                 "There is a power cut in your area since 14:05 (UTC); we expect it fixed by "
                 "18:00. No need to restart your router."});
  outage::HomeOutage titled = disturbance();
  titled.title = "Fibre cut in Lindholmen";
  out.push_back({"titled", titled, "disturbance",
                 "Fibre cut in Lindholmen. There is a disturbance in your area since 14:05 (UTC); "
                 "we are working on it. No need to restart your router."});
  outage::HomeOutage overnight = disturbance(outage::IncidentState::kConfirmed,
                                             kDeskT0 + 26 * kHour);  // tomorrow 02:00
  overnight.since_ms = kDeskT0 - 10 * kMinute;                       // yesterday 23:50
  out.push_back({"other days", overnight, "disturbance",
                 "There is a disturbance in your area since 2025-12-31 23:50 (UTC); we expect it "
                 "fixed by 2026-01-02 02:00. No need to restart your router."});
  out.push_back({"repair time passed",
                 disturbance(outage::IncidentState::kConfirmed, kNow - 30 * kMinute), "disturbance",
                 "There is a disturbance in your area since 14:05 (UTC); we are working on it. "
                 "No need to restart your router."});
  outage::HomeOutage no_start = disturbance(outage::IncidentState::kConfirmed, at_18);
  no_start.since_ms = 0;
  out.push_back({"onset unknown", no_start, "disturbance",
                 "There is a disturbance in your area; we expect it fixed by 18:00 (UTC). No need "
                 "to restart your router."});
  const outage::Maintenance now = window(kDeskT0 + 14 * kHour, at_18, "Replacing a line card");
  out.push_back({"maintenance under way", maintenance_only(now), "maintenance",
                 "Planned maintenance is under way in your area until 18:00 (UTC): Replacing a "
                 "line card. Your connection may be interrupted until then."});
  const outage::Maintenance later = window(kDeskT0 + 50 * kHour, kDeskT0 + 53 * kHour, "");
  out.push_back({"maintenance to come", maintenance_only(later), "ok",
                 "Planned maintenance in your area from 2026-01-03 02:00 to 05:00 (UTC). Your "
                 "connection may be interrupted during that time."});
  outage::HomeOutage both = disturbance();
  both.maintenance = later;
  out.push_back({"disturbance and maintenance to come", both, "disturbance",
                 "There is a disturbance in your area since 14:05 (UTC); we are working on it. "
                 "No need to restart your router. Planned maintenance in your area from "
                 "2026-01-03 02:00 to 05:00 (UTC). Your connection may be interrupted during "
                 "that time."});
  outage::HomeOutage planned = disturbance();
  planned.cause = "maintenance";
  planned.maintenance = now;
  out.push_back({"an incident of the maintenance", planned, "maintenance",
                 "Planned maintenance is under way in your area until 18:00 (UTC): Replacing a "
                 "line card. Your connection may be interrupted until then."});
  return out;
}

TEST(HomeStatusMessageTest, SaysWhatSinceWhenAndUntilWhen) {
  for (const Case& c : cases()) {
    EXPECT_EQ(home_status_message(c.outage, kNow), c.message) << c.name;
    EXPECT_EQ(home_status_json("h-1", c.outage, kNow)["status"], c.status) << c.name;
  }
}

TEST(HomeStatusMessageTest, JsonNamesTheIncidentAndTheMaintenance) {
  outage::HomeOutage o = disturbance(outage::IncidentState::kConfirmed, kDeskT0 + 18 * kHour);
  o.title = "Fibre cut";
  o.maintenance = window(kDeskT0 + 50 * kHour, kDeskT0 + 53 * kHour, "Line card");
  const json j = home_status_json("h-1", o, kNow);
  EXPECT_EQ(j["homeId"], "h-1");
  EXPECT_EQ(j["status"], "disturbance");
  EXPECT_EQ(j["incident"]["id"], 7);
  EXPECT_EQ(j["incident"]["state"], "confirmed");
  EXPECT_EQ(j["incident"]["cause"], "plant");
  EXPECT_EQ(j["incident"]["since"], "2026-01-01T14:05:00Z");
  EXPECT_EQ(j["incident"]["estimatedRepairAt"], "2026-01-01T18:00:00Z");
  EXPECT_EQ(j["incident"]["title"], "Fibre cut");
  EXPECT_EQ(j["maintenance"], outage::maintenance_to_json(*o.maintenance));
  EXPECT_TRUE(j["message"].is_string());

  const json none = home_status_json("h-2", std::nullopt, kNow);
  EXPECT_TRUE(none["incident"].is_null());
  EXPECT_TRUE(none["maintenance"].is_null());
  o.etr_ms = 0;
  o.title.clear();
  const json plain = home_status_json("h-1", o, kNow);
  EXPECT_TRUE(plain["incident"]["estimatedRepairAt"].is_null());
  EXPECT_TRUE(plain["incident"]["title"].is_null());
}

class HomeStatusApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    h_.add_topology();
    h_.clock().set(from_unix_ms(kNow));
  }
  DeskHarness h_;
};

TEST_F(HomeStatusApiTest, AnswersTheDesksOutage) {
  h_.desk().set_home_outage("h-1",
                            disturbance(outage::IncidentState::kConfirmed, kDeskT0 + 18 * kHour));
  const ApiResponse r = h_.call("GET", "/api/v1/homes/h-1/status", "", h_.read_token());
  ASSERT_EQ(r.status, 200) << r.body;
  const json j = body_json(r);
  EXPECT_EQ(j["homeId"], "h-1");
  EXPECT_EQ(j["status"], "disturbance");
  EXPECT_EQ(j["incident"]["since"], "2026-01-01T14:05:00Z");
  EXPECT_EQ(j["message"],
            "There is a disturbance in your area since 14:05 (UTC); we expect it fixed by 18:00. "
            "No need to restart your router.");

  const json ok = body_json(h_.call("GET", "/api/v1/homes/h-2/status"));
  EXPECT_EQ(ok["status"], "ok");
  EXPECT_TRUE(ok["incident"].is_null());
  EXPECT_EQ(ok["message"], "There is no known disturbance in your area.");

  h_.desk().set_home_outage(
      "h-3", maintenance_only(window(kNow - kHour, kNow + kHour, "Replacing a line card")));
  EXPECT_EQ(body_json(h_.call("GET", "/api/v1/homes/h-3/status"))["status"], "maintenance");
}

TEST_F(HomeStatusApiTest, Errors) {
  const ApiResponse unknown = h_.call("GET", "/api/v1/homes/h-9/status");
  EXPECT_EQ(unknown.status, 404) << unknown.body;
  EXPECT_EQ(h_.call("GET", "/api/v1/homes/h-1/status", "", "").status, 401);
  h_.desk().fail_with(make_error(ErrorCode::kUnavailable, "stopping"));
  EXPECT_EQ(h_.call("GET", "/api/v1/homes/h-1/status").status, 503);
}

TEST(HomeStatusWithoutDeskTest, Answers503) {
  DeskHarness h({.with_desk = false});
  h.add_topology();
  const ApiResponse r = h.call("GET", "/api/v1/homes/h-1/status");
  EXPECT_EQ(r.status, 503);
  EXPECT_EQ(error_code(r), "unavailable");
}

}  // namespace
}  // namespace hearth::api::testing
