// /api/v1/incidents over the in-memory store and a FakeIncidentDesk: the list with every filter,
// the fields other tools rely on, one incident, operator changes and merges with their errors
// (400 bad JSON / unknown field / bad time, 401, 403, 404, 409, 503 without a desk).
#include "api/incidents_handlers.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <tuple>
#include <vector>

#include "api/incidents_test_support.h"
#include "core/clock.h"

namespace hearth::api::testing {
namespace {

using nlohmann::json;

constexpr int64_t kHour = 3600'000;

// The id of an incident as the API shows it (a number or its decimal string).
int64_t id_of(const json& j) {
  const json& id = j.at("id");
  return id.is_string() ? std::stoll(id.get<std::string>()) : id.get<int64_t>();
}

// A time of the API's JSON in Unix ms (-1 when it is not one).
int64_t ms_of(const json& j) {
  int64_t ms = -1;
  if (!j.is_string() || !parse_iso8601_ms(j.get<std::string>(), &ms)) return -1;
  return ms;
}

std::vector<int64_t> ids_of(const json& list) {
  std::vector<int64_t> out;
  for (const json& i : list) out.push_back(id_of(i));
  return out;
}

outage::Incident incident(int64_t id, const char* node, const char* region,
                          outage::IncidentState state, int64_t suspected_ms,
                          std::vector<std::string> homes) {
  outage::Incident i;
  i.id = id;
  i.scope = node[0] == '\0' ? outage::Scope::kRegion : outage::Scope::kAccessNode;
  i.access_node_id = node;
  i.region_id = region;
  i.state = state;
  i.suspected_ms = suspected_ms;
  i.start_ms = suspected_ms - 60'000;
  if (state != outage::IncidentState::kSuspected) i.confirmed_ms = suspected_ms + 300'000;
  if (state == outage::IncidentState::kResolved) {
    i.resolved_ms = suspected_ms + 24 * kHour;
    i.end_ms = i.resolved_ms - 60'000;
  }
  i.updated_ms = std::max(i.confirmed_ms, i.resolved_ms);
  i.homes = std::move(homes);
  i.node_homes = 2;
  i.unreachable = i.open() ? static_cast<uint32_t>(i.homes.size()) : 0;
  return i;
}

// 1: an-1 (north) confirmed, open; 2: an-3 (south) suspected; 3: region north, resolved a day ago.
class IncidentsApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    h_.add_topology();
    h_.desk().put_incident(incident(1, "an-1", "north", outage::IncidentState::kConfirmed,
                                    kDeskT0 + kHour, {"h-1", "h-2"}));
    h_.desk().put_incident(incident(2, "an-3", "south", outage::IncidentState::kSuspected,
                                    kDeskT0 + 2 * kHour, {"h-4"}));
    h_.desk().put_incident(incident(3, "", "north", outage::IncidentState::kResolved,
                                    kDeskT0 - 48 * kHour, {"h-1", "h-3"}));
    h_.clock().advance(std::chrono::hours(3));
  }

  json get(const std::string& target, int status = 200) {
    const ApiResponse r = h_.call("GET", target);
    EXPECT_EQ(r.status, status) << target << ": " << r.body;
    return body_json(r);
  }

  DeskHarness h_;
};

TEST_F(IncidentsApiTest, ListsNewestFirstWithTheFieldsOtherToolsRelyOn) {
  const json page = get("/api/v1/incidents");
  EXPECT_EQ(ids_of(page["incidents"]), (std::vector<int64_t>{2, 1, 3}));
  EXPECT_EQ(page["offset"], 0);
  EXPECT_EQ(page["limit"], 100);
  EXPECT_EQ(page["more"], false);
  EXPECT_FALSE(page.contains("total"));
  for (const json& i : page["incidents"]) {
    for (const char* key : {"id", "state", "accessNode", "region", "homes", "suspectedAt",
                            "confirmedAt", "resolvedAt"}) {
      EXPECT_TRUE(i.contains(key)) << key << " missing in " << i.dump();
    }
  }
  const json& node = page["incidents"][1];
  EXPECT_EQ(node["state"], "confirmed");
  EXPECT_EQ(node["accessNode"], "an-1");
  EXPECT_EQ(node["region"], "north");
  EXPECT_EQ(node["homes"], json::array({"h-1", "h-2"}));
  EXPECT_EQ(ms_of(node["suspectedAt"]), kDeskT0 + kHour);
  EXPECT_EQ(ms_of(node["confirmedAt"]), kDeskT0 + kHour + 300'000);
  EXPECT_TRUE(node["resolvedAt"].is_null());
  const json& region = page["incidents"][2];
  EXPECT_TRUE(region["accessNode"].is_null());
  EXPECT_EQ(region["region"], "north");
  EXPECT_EQ(region["state"], "resolved");
  EXPECT_EQ(ms_of(region["resolvedAt"]), kDeskT0 - 24 * kHour);
  EXPECT_TRUE(page["incidents"][0]["confirmedAt"].is_null());
}

TEST_F(IncidentsApiTest, Filters) {
  struct Case {
    const char* query;
    std::vector<int64_t> ids;
  };
  const Case cases[] = {
      {"?state=open", {2, 1}},
      {"?state=suspected", {2}},
      {"?state=confirmed", {1}},
      {"?state=resolved", {3}},
      {"?accessNode=an-1", {1}},
      {"?accessNode=an-2", {}},
      {"?region=north", {1, 3}},
      {"?region=north&state=open", {1}},
      {"?home=h-1", {1, 3}},
      {"?home=h-4", {2}},
      {"?home=h-9", {}},
      // Overlapping [from, to): open or resolved at or after from, suspected before to.
      {"?from=2026-01-01T00:00:00Z", {2, 1}},
      {"?from=2025-12-30T12:00:00Z", {2, 1, 3}},
      {"?to=2025-12-31T00:00:00Z", {3}},
      {"?from=2026-01-01T00:00:00Z&to=2026-01-01T01:30:00Z", {1}},
      {"?limit=2", {2, 1}},
      {"?offset=1&limit=1", {1}},
      {"?offset=3", {}},
  };
  for (const Case& c : cases) {
    const json page = get(std::string("/api/v1/incidents") + c.query);
    EXPECT_EQ(ids_of(page["incidents"]), c.ids) << c.query;
  }
  EXPECT_EQ(get("/api/v1/incidents?limit=2")["more"], true);
  EXPECT_EQ(get("/api/v1/incidents?limit=3")["more"], false);
  EXPECT_EQ(get("/api/v1/incidents?limit=5000")["limit"], 1000);
}

TEST_F(IncidentsApiTest, BadFiltersAre400) {
  const std::vector<std::string> queries = {
      "?state=closed",
      "?from=yesterday",
      "?to=2026-13-01T00:00:00Z",
      "?from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z",
      "?limit=-1",
      "?offset=x",
      "?region=" + std::string(300, 'r')};
  for (const std::string& q : queries) {
    const ApiResponse r = h_.call("GET", "/api/v1/incidents" + q);
    EXPECT_EQ(r.status, 400) << q << ": " << r.body;
    EXPECT_EQ(error_code(r), "invalid_argument") << q;
  }
}

TEST_F(IncidentsApiTest, OneIncident) {
  const json i = get("/api/v1/incidents/1");
  EXPECT_EQ(id_of(i), 1);
  EXPECT_EQ(i["accessNode"], "an-1");
  EXPECT_EQ(i["homes"].size(), 2u);
  EXPECT_EQ(get("/api/v1/incidents/99", 404)["error"]["code"], "not_found");
  EXPECT_EQ(get("/api/v1/incidents/abc", 400)["error"]["code"], "invalid_argument");
  EXPECT_EQ(get("/api/v1/incidents/0", 400)["error"]["code"], "invalid_argument");
}

TEST_F(IncidentsApiTest, ReadsNeedATokenAndAcceptReadTokens) {
  const std::string read = h_.read_token();
  EXPECT_EQ(h_.call("GET", "/api/v1/incidents", "", read).status, 200);
  EXPECT_EQ(h_.call("GET", "/api/v1/incidents/1", "", read).status, 200);
  EXPECT_EQ(h_.call("GET", "/api/v1/incidents", "", "").status, 401);
}

TEST_F(IncidentsApiTest, PatchSetsRepairTimeTitleAndNoteAsTheCaller) {
  const std::string token = h_.admin_token("noc-anna");
  const ApiResponse r =
      h_.call("PATCH", "/api/v1/incidents/1",
              R"({"estimatedRepairAt":"2026-01-01T18:00:00Z","title":"Fibre cut in Lindholmen",)"
              R"("note":"Crew on site"})",
              token);
  ASSERT_EQ(r.status, 200) << r.body;
  const json j = body_json(r);
  EXPECT_EQ(ms_of(j["estimatedRepairAt"]), kDeskT0 + 18 * kHour);
  EXPECT_EQ(j["title"], "Fibre cut in Lindholmen");
  ASSERT_EQ(j["notes"].size(), 1u);
  EXPECT_EQ(j["notes"][0]["author"], "noc-anna");
  EXPECT_EQ(j["notes"][0]["text"], "Crew on site");

  const auto calls = h_.desk().updates();
  ASSERT_EQ(calls.size(), 1u);
  EXPECT_EQ(calls[0].id, 1);
  EXPECT_EQ(calls[0].author, "noc-anna");
  EXPECT_EQ(calls[0].update.etr_ms, kDeskT0 + 18 * kHour);
  EXPECT_EQ(calls[0].update.title, "Fibre cut in Lindholmen");
  EXPECT_EQ(calls[0].update.note, "Crew on site");
  EXPECT_FALSE(calls[0].update.close);
  // The desk stored it; the read shows it.
  EXPECT_EQ(get("/api/v1/incidents/1")["title"], "Fibre cut in Lindholmen");

  ASSERT_EQ(h_.call("PATCH", "/api/v1/incidents/1", R"({"estimatedRepairAt":null})").status, 200);
  EXPECT_EQ(h_.desk().updates().back().update.etr_ms, 0);
  EXPECT_FALSE(h_.desk().updates().back().update.title.has_value());
  EXPECT_EQ(h_.desk().updates().back().author, "bootstrap");
  EXPECT_TRUE(get("/api/v1/incidents/1")["estimatedRepairAt"].is_null());
}

TEST_F(IncidentsApiTest, CloseResolvesOnceThen409) {
  const ApiResponse r = h_.call("PATCH", "/api/v1/incidents/2", R"({"state":"resolved"})");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(body_json(r)["state"], "resolved");
  EXPECT_TRUE(h_.desk().updates().back().update.close);
  EXPECT_EQ(get("/api/v1/incidents?state=open")["incidents"].size(), 1u);
  const ApiResponse again = h_.call("PATCH", "/api/v1/incidents/2", R"({"state":"resolved"})");
  EXPECT_EQ(again.status, 409) << again.body;
}

TEST_F(IncidentsApiTest, PatchErrors) {
  struct Case {
    const char* body;
    int status;
    const char* field;  // named in the message
  };
  const Case cases[] = {
      {"not json", 400, "body"},
      {"[]", 400, "body"},
      {"{}", 400, "nothing to change"},
      {R"({"severity":"high"})", 400, "severity"},
      {R"({"state":"confirmed"})", 400, "state"},
      {R"({"state":true})", 400, "state"},
      {R"({"estimatedRepairAt":"tomorrow"})", 400, "estimatedRepairAt"},
      {R"({"estimatedRepairAt":1767290400000})", 400, "estimatedRepairAt"},
      {R"({"title":42})", 400, "title"},
      {R"({"note":""})", 400, "note"},
      {R"({"note":"   "})", 400, "note"},
      {R"({"title":"a\u0001b"})", 400, "title"},
  };
  for (const Case& c : cases) {
    const ApiResponse r = h_.call("PATCH", "/api/v1/incidents/1", c.body);
    EXPECT_EQ(r.status, c.status) << c.body << ": " << r.body;
    EXPECT_NE(r.body.find(c.field), std::string::npos) << c.body << ": " << r.body;
  }
  json long_title = {{"title", std::string(kMaxIncidentTitle + 1, 't')}};
  EXPECT_EQ(h_.call("PATCH", "/api/v1/incidents/1", long_title.dump()).status, 400);
  EXPECT_TRUE(h_.desk().updates().empty());
  EXPECT_EQ(h_.call("PATCH", "/api/v1/incidents/99", R"({"title":"x"})").status, 404);
  EXPECT_EQ(h_.call("PATCH", "/api/v1/incidents/x", R"({"title":"x"})").status, 400);
  EXPECT_EQ(h_.call("PATCH", "/api/v1/incidents/1", R"({"title":"x"})", h_.read_token()).status,
            403);
  EXPECT_EQ(h_.call("PATCH", "/api/v1/incidents/1", R"({"title":"x"})", "").status, 401);
  // A multi-line note is fine.
  EXPECT_EQ(h_.call("PATCH", "/api/v1/incidents/1", R"({"note":"line 1\nline 2"})").status, 200);
}

TEST_F(IncidentsApiTest, MergeGivesTheTargetTheHomes) {
  const ApiResponse r = h_.call("POST", "/api/v1/incidents/2/merge", R"({"into":1})");
  ASSERT_EQ(r.status, 200) << r.body;
  const json into = body_json(r);
  EXPECT_EQ(id_of(into), 1);
  EXPECT_EQ(into["homes"], json::array({"h-1", "h-2", "h-4"}));
  const auto merges = h_.desk().merges();
  ASSERT_EQ(merges.size(), 1u);
  EXPECT_EQ(merges[0].from, 2);
  EXPECT_EQ(merges[0].into, 1);
  EXPECT_EQ(merges[0].author, "bootstrap");
  const json from = get("/api/v1/incidents/2");
  EXPECT_EQ(from["state"], "resolved");
  EXPECT_EQ(from["mergedInto"], 1);
  // The id may come as a string too.
  EXPECT_EQ(h_.call("POST", "/api/v1/incidents/1/merge", R"({"into":"3"})").status, 409)
      << "into a resolved incident";
}

TEST_F(IncidentsApiTest, MergeErrors) {
  struct Case {
    const char* target;
    const char* body;
    int status;
  };
  const Case cases[] = {
      {"/api/v1/incidents/2/merge", "{", 400},
      {"/api/v1/incidents/2/merge", "{}", 400},
      {"/api/v1/incidents/2/merge", R"({"into":1,"note":"x"})", 400},
      {"/api/v1/incidents/2/merge", R"({"into":0})", 400},
      {"/api/v1/incidents/2/merge", R"({"into":-4})", 400},
      {"/api/v1/incidents/2/merge", R"({"into":"one"})", 400},
      {"/api/v1/incidents/2/merge", R"({"into":1.5})", 400},
      {"/api/v1/incidents/2/merge", R"({"into":2})", 400},
      {"/api/v1/incidents/2/merge", R"({"into":99})", 404},
      {"/api/v1/incidents/99/merge", R"({"into":1})", 404},
      {"/api/v1/incidents/2/merge", R"({"into":3})", 409},
  };
  for (const Case& c : cases) {
    const ApiResponse r = h_.call("POST", c.target, c.body);
    EXPECT_EQ(r.status, c.status) << c.target << " " << c.body << ": " << r.body;
  }
  EXPECT_EQ(h_.call("POST", "/api/v1/incidents/2/merge", R"({"into":1})", h_.read_token()).status,
            403);
}

TEST_F(IncidentsApiTest, DeskErrorsPassThrough) {
  h_.desk().fail_with(make_error(ErrorCode::kUnavailable, "stopping"));
  EXPECT_EQ(h_.call("PATCH", "/api/v1/incidents/1", R"({"title":"x"})").status, 503);
  EXPECT_EQ(h_.call("POST", "/api/v1/incidents/2/merge", R"({"into":1})").status, 503);
  EXPECT_EQ(h_.call("GET", "/api/v1/incidents").status, 200) << "reads go to the store";
}

TEST(IncidentsWithoutDeskTest, ChangesAre503ReadsWork) {
  DeskHarness h({.with_desk = false});
  h.add_topology();
  h.desk().put_incident(
      incident(1, "an-1", "north", outage::IncidentState::kConfirmed, kDeskT0, {"h-1"}));
  EXPECT_EQ(h.call("GET", "/api/v1/incidents").status, 200);
  EXPECT_EQ(h.call("GET", "/api/v1/incidents/1").status, 200);
  for (const auto& [method, target, body] :
       {std::tuple{"PATCH", "/api/v1/incidents/1", R"({"title":"x"})"},
        std::tuple{"POST", "/api/v1/incidents/1/merge", R"({"into":2})"}}) {
    const ApiResponse r = h.call(method, target, body);
    EXPECT_EQ(r.status, 503) << method << " " << target;
    EXPECT_EQ(error_code(r), "unavailable");
  }
}

TEST(IncidentUpdateParseTest, Fields) {
  Result<incidents::IncidentUpdate> u = parse_incident_update(json::parse(
      R"({"estimatedRepairAt":"2026-01-01T18:00:00Z","title":null,"note":"x",)"
      R"("state":"resolved"})"));
  ASSERT_TRUE(u.ok()) << u.error().message;
  EXPECT_EQ(u->etr_ms, kDeskT0 + 18 * kHour);
  EXPECT_EQ(u->title, "");
  EXPECT_EQ(u->note, "x");
  EXPECT_TRUE(u->close);
  Result<incidents::IncidentUpdate> title = parse_incident_update(json::parse(R"({"title":"t"})"));
  ASSERT_TRUE(title.ok());
  EXPECT_FALSE(title->etr_ms.has_value());
  EXPECT_FALSE(title->note.has_value());
  EXPECT_FALSE(title->close);
}

}  // namespace
}  // namespace hearth::api::testing
