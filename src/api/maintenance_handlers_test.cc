// /api/v1/maintenance over the in-memory store and a FakeIncidentDesk: declaring, listing (all
// and active), reading, replacing and deleting windows; the creator is the caller's token name;
// errors (400 bad JSON / unknown field / bad time / neither or both targets, 403, 404, 503).
#include <gtest/gtest.h>

#include <chrono>
#include <string>

#include "api/incidents_handlers.h"
#include "api/incidents_test_support.h"
#include "core/clock.h"

namespace hearth::api::testing {
namespace {

using nlohmann::json;

constexpr const char* kPath = "/api/v1/maintenance";

// A time of the API's JSON in Unix ms (-1 when it is not one).
int64_t ms_of(const json& j) {
  int64_t ms = -1;
  if (!j.is_string() || !parse_iso8601_ms(j.get<std::string>(), &ms)) return -1;
  return ms;
}

json window(const char* start, const char* end, const char* node = "an-1") {
  return {{"accessNode", node}, {"start", start}, {"end", end}, {"description", "Line card swap"}};
}

class MaintenanceApiTest : public ::testing::Test {
 protected:
  void SetUp() override { h_.add_topology(); }

  // Declares a window and returns its id.
  std::string declare(const json& body, const std::string& token = kBootstrapToken) {
    const ApiResponse r = h_.call("POST", kPath, body.dump(), token);
    EXPECT_EQ(r.status, 201) << r.body;
    return body_json(r).value("id", "");
  }

  DeskHarness h_;
};

TEST_F(MaintenanceApiTest, DeclaredByTheCallerAndReadBack) {
  const std::string token = h_.admin_token("noc-bo");
  const ApiResponse r =
      h_.call("POST", kPath, window("2026-01-02T01:00:00Z", "2026-01-02T05:00:00Z").dump(), token);
  ASSERT_EQ(r.status, 201) << r.body;
  const json m = body_json(r);
  const std::string id = m["id"];
  EXPECT_FALSE(id.empty());
  EXPECT_EQ(r.headers.get("Location"), "/api/v1/maintenance/" + id);
  EXPECT_EQ(m["accessNode"], "an-1");
  EXPECT_EQ(ms_of(m["start"]), kDeskT0 + 25 * 3600'000LL);
  EXPECT_EQ(ms_of(m["end"]), kDeskT0 + 29 * 3600'000LL);
  EXPECT_EQ(m["description"], "Line card swap");
  EXPECT_EQ(m["createdBy"], "noc-bo");

  const auto puts = h_.desk().maintenance_puts();
  ASSERT_EQ(puts.size(), 1u);
  EXPECT_TRUE(puts[0].id.empty()) << "the desk assigns the id";
  EXPECT_EQ(puts[0].created_by, "noc-bo");
  EXPECT_EQ(puts[0].created_ms, kDeskT0);
  EXPECT_EQ(puts[0].start_ms, kDeskT0 + 25 * 3600'000LL);

  const ApiResponse one = h_.call("GET", std::string(kPath) + "/" + id, "", h_.read_token());
  ASSERT_EQ(one.status, 200) << one.body;
  EXPECT_EQ(body_json(one), m);
  EXPECT_EQ(h_.call("GET", std::string(kPath) + "/mnt-none").status, 404);

  const std::string region = declare(
      {{"region", "south"}, {"start", "2026-01-03T00:00:00Z"}, {"end", "2026-01-03T02:00:00Z"}});
  const json list = body_json(h_.call("GET", kPath));
  ASSERT_EQ(list["maintenance"].size(), 2u);
  EXPECT_EQ(list["maintenance"][0]["id"], id);
  EXPECT_EQ(list["maintenance"][1]["id"], region);
  EXPECT_EQ(list["maintenance"][1]["region"], "south");
  EXPECT_TRUE(list["maintenance"][1]["accessNode"].is_null());
}

TEST_F(MaintenanceApiTest, ActiveListsOnlyWindowsThatEndInTheFuture) {
  const std::string past = declare(window("2025-12-30T01:00:00Z", "2025-12-30T03:00:00Z"));
  const std::string now = declare(window("2025-12-31T23:00:00Z", "2026-01-01T02:00:00Z"));
  const std::string later = declare(window("2026-01-05T01:00:00Z", "2026-01-05T03:00:00Z"));
  auto ids = [&](const char* query) {
    std::vector<std::string> out;
    const json list = body_json(h_.call("GET", std::string(kPath) + query));
    for (const json& m : list["maintenance"]) out.push_back(m["id"]);
    return out;
  };
  EXPECT_EQ(ids(""), (std::vector<std::string>{past, now, later}));
  EXPECT_EQ(ids("?active=false"), (std::vector<std::string>{past, now, later}));
  EXPECT_EQ(ids("?active=true"), (std::vector<std::string>{now, later}));
  h_.clock().advance(std::chrono::hours(3));
  EXPECT_EQ(ids("?active=true"), (std::vector<std::string>{later}));
  EXPECT_EQ(h_.call("GET", std::string(kPath) + "?active=yes").status, 400);
}

TEST_F(MaintenanceApiTest, PutReplacesOrCreatesAndKeepsTheCreator) {
  const std::string id = declare(window("2026-01-02T01:00:00Z", "2026-01-02T05:00:00Z"));
  h_.clock().advance(std::chrono::hours(1));
  const std::string token = h_.admin_token("noc-cy");
  const ApiResponse r =
      h_.call("PUT", std::string(kPath) + "/" + id,
              window("2026-01-02T02:00:00Z", "2026-01-02T06:00:00Z", "an-2").dump(), token);
  ASSERT_EQ(r.status, 200) << r.body;
  const json m = body_json(r);
  EXPECT_EQ(m["id"], id);
  EXPECT_EQ(m["accessNode"], "an-2");
  EXPECT_EQ(ms_of(m["start"]), kDeskT0 + 26 * 3600'000LL);
  EXPECT_EQ(m["createdBy"], "bootstrap");
  EXPECT_EQ(h_.desk().maintenance_puts().back().created_ms, kDeskT0);

  const ApiResponse created =
      h_.call("PUT", std::string(kPath) + "/fibre-work-7",
              window("2026-01-04T02:00:00Z", "2026-01-04T06:00:00Z").dump(), token);
  ASSERT_EQ(created.status, 201) << created.body;
  EXPECT_EQ(body_json(created)["id"], "fibre-work-7");
  EXPECT_EQ(body_json(created)["createdBy"], "noc-cy");
  EXPECT_EQ(body_json(h_.call("GET", kPath))["maintenance"].size(), 2u);
}

TEST_F(MaintenanceApiTest, Delete) {
  const std::string id = declare(window("2026-01-02T01:00:00Z", "2026-01-02T05:00:00Z"));
  EXPECT_EQ(h_.call("DELETE", std::string(kPath) + "/" + id, "", h_.read_token()).status, 403);
  const ApiResponse r = h_.call("DELETE", std::string(kPath) + "/" + id);
  EXPECT_EQ(r.status, 204) << r.body;
  EXPECT_TRUE(r.body.empty());
  EXPECT_EQ(h_.call("GET", std::string(kPath) + "/" + id).status, 404);
  EXPECT_EQ(h_.call("DELETE", std::string(kPath) + "/" + id).status, 404);
}

TEST_F(MaintenanceApiTest, BadWindowsAre400) {
  struct Case {
    const char* body;
    const char* field;
  };
  const Case cases[] = {
      {"{", "body"},
      {R"({"start":"2026-01-02T01:00:00Z","end":"2026-01-02T05:00:00Z"})", "accessNode"},
      {R"({"accessNode":"an-1","region":"north","start":"2026-01-02T01:00:00Z",)"
       R"("end":"2026-01-02T05:00:00Z"})",
       "accessNode"},
      {R"({"accessNode":"an-1","end":"2026-01-02T05:00:00Z"})", "start"},
      {R"({"accessNode":"an-1","start":"2026-01-02T01:00:00Z"})", "end"},
      {R"({"accessNode":"an-1","start":"soon","end":"2026-01-02T05:00:00Z"})", "start"},
      {R"({"accessNode":"an-1","start":"2026-01-02T05:00:00Z","end":"2026-01-02T05:00:00Z"})",
       "end"},
      {R"({"accessNode":"an-1","start":"2026-01-02T01:00:00Z","end":"2026-01-02T05:00:00Z",)"
       R"("owner":"x"})",
       "owner"},
      {R"({"accessNode":7,"start":"2026-01-02T01:00:00Z","end":"2026-01-02T05:00:00Z"})",
       "accessNode"},
      {R"({"accessNode":"an-1","start":"2026-01-02T01:00:00Z","end":"2026-01-02T05:00:00Z",)"
       R"("description":["x"]})",
       "description"},
  };
  for (const Case& c : cases) {
    const ApiResponse r = h_.call("POST", kPath, c.body);
    EXPECT_EQ(r.status, 400) << c.body << ": " << r.body;
    EXPECT_NE(r.body.find(c.field), std::string::npos) << c.body << ": " << r.body;
    EXPECT_EQ(h_.call("PUT", std::string(kPath) + "/m-1", c.body).status, 400) << c.body;
  }
  EXPECT_TRUE(h_.desk().maintenance_puts().empty());
  // The desk knows no node an-9.
  EXPECT_EQ(
      h_.call("POST", kPath, window("2026-01-02T01:00:00Z", "2026-01-02T05:00:00Z", "an-9").dump())
          .status,
      404);
  EXPECT_EQ(h_.call("PUT", std::string(kPath) + "/" + std::string(200, 'm'),
                    window("2026-01-02T01:00:00Z", "2026-01-02T05:00:00Z").dump())
                .status,
            400);
}

TEST_F(MaintenanceApiTest, RolesAndTokens) {
  const std::string read = h_.read_token();
  const std::string body = window("2026-01-02T01:00:00Z", "2026-01-02T05:00:00Z").dump();
  EXPECT_EQ(h_.call("POST", kPath, body, read).status, 403);
  EXPECT_EQ(h_.call("PUT", std::string(kPath) + "/m-1", body, read).status, 403);
  EXPECT_EQ(h_.call("POST", kPath, body, "").status, 401);
  EXPECT_EQ(h_.call("GET", kPath, "", read).status, 200);
  EXPECT_EQ(h_.call("GET", kPath, "", "").status, 401);
}

TEST(MaintenanceWithoutDeskTest, ChangesAre503ReadsWork) {
  DeskHarness h({.with_desk = false});
  h.add_topology();
  const std::string body = window("2026-01-02T01:00:00Z", "2026-01-02T05:00:00Z").dump();
  EXPECT_EQ(h.call("POST", kPath, body).status, 503);
  EXPECT_EQ(h.call("PUT", std::string(kPath) + "/m-1", body).status, 503);
  EXPECT_EQ(h.call("DELETE", std::string(kPath) + "/m-1").status, 503);
  EXPECT_EQ(h.call("GET", kPath).status, 200);
  EXPECT_EQ(h.call("GET", std::string(kPath) + "/m-1").status, 404);
}

TEST(MaintenanceParseTest, ReadsTheWindow) {
  Result<outage::Maintenance> m = parse_maintenance(json::parse(
      R"({"region":"north","start":"2026-01-02T01:00:00Z","end":"2026-01-02T03:30:00+01:00",)"
      R"("description":"Two lines\nof text"})"));
  ASSERT_TRUE(m.ok()) << m.error().message;
  EXPECT_EQ(m->region_id, "north");
  EXPECT_TRUE(m->access_node_id.empty());
  EXPECT_EQ(m->start_ms, kDeskT0 + 25 * 3600'000LL);
  EXPECT_EQ(m->end_ms, kDeskT0 + 26 * 3600'000LL + 30 * 60'000);
  EXPECT_EQ(m->description, "Two lines\nof text");
}

}  // namespace
}  // namespace hearth::api::testing
