// GET /api/v1/selfservice-stats?days=N: the daily series (every day of the window, empty ones
// too) and the tickets by cause, beside the totals it always had.
#include <gtest/gtest.h>

#include "api/api_test_support.h"

namespace hearth::api::testing {
namespace {

using nlohmann::json;

constexpr int64_t kT0 = 1'767'225'600'000;  // 2026-01-01T00:00:00Z, the FakeClock's start
constexpr int64_t kHour = 3600'000;

TEST(SelfServiceStatsTest, DailySeriesAndTicketsByCause) {
  ApiHarness h;
  h.clock().advance(std::chrono::hours(12));  // now 2026-01-01T12:00Z
  struct Run {
    int64_t created_ms;
    const char* state;
    int64_t ticket;
    int rating;
  };
  const Run runs[] = {
      {kT0 + 2 * kHour, "resolved", 0, 5},   // today
      {kT0 + 3 * kHour, "ticket", 11, 1},    // today
      {kT0 - 20 * kHour, "resolved", 0, 4},  // 2025-12-31
      {kT0 - 21 * kHour, "resolved", 0, 0},  // 2025-12-31
      {kT0 - 5 * 24 * kHour, "ticket", 12, 2},  // outside 3 days
  };
  store::WriteBatch batch;
  batch.add(store::PutRegion{{"north", "Nordstad", 0, 0}});
  batch.add(store::PutAccessNode{{"an-1", "OLT 1/1", "olt-port", "north", 0, 0}});
  batch.add(store::PutSubscriber{{.account = "A", .name = "Anna"}});
  batch.add(store::PutHome{{.id = "h", .account = "A", .access_node_id = "an-1"}});
  int n = 0;
  for (const Run& r : runs) {
    store::TroubleshootRecord t{.id = "ts-" + std::to_string(++n), .account = "A", .home_id = "h", .symptom = "wifi-slow",
                                .state = r.state, .rating = r.rating, .ticket_id = r.ticket,
                                .created_ms = r.created_ms, .updated_ms = r.created_ms, .json = "{}"};
    batch.add(store::PutTroubleshoot{t});
  }
  auto ticket = [](int64_t id, const char* cause, int64_t created) {
    return store::PutTicket{{.id = id, .account = "A", .home_id = "h", .state = "new", .source = "selfservice",
                             .cause_code = cause, .created_ms = created, .updated_ms = created, .json = "{}"}};
  };
  batch.add(ticket(11, "WIFI-COV-1", kT0 + 3 * kHour));
  batch.add(ticket(12, "WIFI-COV-1", kT0 - 5 * 24 * kHour));
  batch.add(ticket(13, "", kT0 + 4 * kHour));
  batch.add(ticket(14, "WAN-DOWN-1", kT0 - 30 * kHour));
  batch.add(ticket(15, "WIFI-COV-1", kT0 - 10 * kHour));
  const Status st = h.store().write_sync(std::move(batch));
  ASSERT_TRUE(st.ok()) << st.error().message;

  const ApiResponse r = h.call("GET", "/api/v1/selfservice-stats?days=3");
  ASSERT_EQ(r.status, 200) << r.body;
  const json j = body_json(r);
  EXPECT_EQ(j["from"], "2025-12-29T12:00:00Z");
  EXPECT_EQ(j["days"], 3);
  EXPECT_EQ(j["runs"], 4);
  EXPECT_EQ(j["tickets"], 1);
  EXPECT_EQ(j["daily"], json::parse(R"([
      {"day":"2025-12-29","runs":0,"resolved":0,"tickets":0,"avgRating":null},
      {"day":"2025-12-30","runs":0,"resolved":0,"tickets":0,"avgRating":null},
      {"day":"2025-12-31","runs":2,"resolved":2,"tickets":0,"avgRating":4.0},
      {"day":"2026-01-01","runs":2,"resolved":1,"tickets":1,"avgRating":3.0}])"));
  EXPECT_EQ(j["ticketsByCause"], json::parse(R"([{"code":"WIFI-COV-1","tickets":2},
      {"code":"WAN-DOWN-1","tickets":1},{"code":"none","tickets":1}])"));

  EXPECT_EQ(h.call("GET", "/api/v1/selfservice-stats?days=0").status, 400);
  EXPECT_EQ(h.call("GET", "/api/v1/selfservice-stats?days=400").status, 400);
  EXPECT_EQ(body_json(h.call("GET", "/api/v1/selfservice-stats"))["daily"].size(), 31u);  // 30 days, partial ends
}

}  // namespace
}  // namespace hearth::api::testing
