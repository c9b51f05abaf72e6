// /api/v1/webhooks over the in-memory store and a FakeIncidentDesk: adding, listing, testing and
// deleting receivers; the secret goes in and never comes out (no answer of any route holds it);
// errors (400 bad URL / short secret / unknown event / unknown field, 403, 404, 503).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "api/incidents_handlers.h"
#include "api/incidents_test_support.h"

namespace hearth::api::testing {
namespace {

using nlohmann::json;

constexpr const char* kPath = "/api/v1/webhooks";
constexpr const char* kSecret = "s3cret-webhook-key-0123456789";

json hook(const char* url = "https://noc.example.net/hearth") {
  return {{"url", url}, {"secret", kSecret}, {"events", {"incident.opened", "incident.resolved"}}};
}

class WebhooksApiTest : public ::testing::Test {
 protected:
  DeskHarness h_;
};

TEST_F(WebhooksApiTest, AddListTestDelete) {
  const ApiResponse added = h_.call("POST", kPath, hook().dump());
  ASSERT_EQ(added.status, 201) << added.body;
  const json w = body_json(added);
  const std::string id = w["id"];
  EXPECT_EQ(added.headers.get("Location"), std::string(kPath) + "/" + id);
  EXPECT_EQ(w["url"], "https://noc.example.net/hearth");
  EXPECT_EQ(w["events"], json::array({"incident.opened", "incident.resolved"}));
  EXPECT_EQ(w["enabled"], true);
  EXPECT_EQ(w["secretSet"], true);
  EXPECT_EQ(w["createdAt"], "2026-01-01T00:00:00Z");
  EXPECT_FALSE(w.contains("secret"));
  const auto adds = h_.desk().webhook_adds();
  ASSERT_EQ(adds.size(), 1u);
  EXPECT_EQ(adds[0].secret, kSecret);

  json quiet = hook("http://127.0.0.1:9000/hook");
  quiet.erase("events");
  quiet["enabled"] = false;
  const ApiResponse second = h_.call("POST", kPath, quiet.dump());
  ASSERT_EQ(second.status, 201) << second.body;
  EXPECT_EQ(body_json(second)["events"], json::array());
  EXPECT_EQ(body_json(second)["enabled"], false);

  const ApiResponse list = h_.call("GET", kPath, "", h_.read_token());
  ASSERT_EQ(list.status, 200);
  ASSERT_EQ(body_json(list)["webhooks"].size(), 2u);
  EXPECT_EQ(body_json(list)["webhooks"][0], w);

  const ApiResponse tested = h_.call("POST", std::string(kPath) + "/" + id + "/test");
  EXPECT_EQ(tested.status, 202) << tested.body;
  EXPECT_EQ(h_.desk().webhook_tests(), std::vector<std::string>{id});
  EXPECT_EQ(h_.call("POST", std::string(kPath) + "/wh-none/test").status, 404);

  EXPECT_EQ(h_.call("DELETE", std::string(kPath) + "/" + id).status, 204);
  EXPECT_EQ(body_json(h_.call("GET", kPath))["webhooks"].size(), 1u);
  EXPECT_EQ(h_.call("DELETE", std::string(kPath) + "/" + id).status, 404);
}

TEST_F(WebhooksApiTest, BadWebhooksAre400) {
  struct Case {
    json body;
    const char* field;
  };
  auto with = [](const char* key, json value) {
    json j = hook();
    j[key] = std::move(value);
    return j;
  };
  auto without = [](const char* key) {
    json j = hook();
    j.erase(key);
    return j;
  };
  const std::vector<Case> cases = {
      {with("url", "ftp://noc.example.net/x"), "url"},
      {with("url", "https://"), "url"},
      {with("url", "noc.example.net"), "url"},
      {with("url", 5), "url"},
      {without("url"), "url"},
      {with("secret", "short"), "secret"},
      {without("secret"), "secret"},
      {with("events", json::array({"incident.exploded"})), "events"},
      {with("events", "incident.opened"), "events"},
      {with("events", json::array({1})), "events"},
      {with("enabled", "yes"), "enabled"},
      {with("retries", 3), "retries"},
  };
  for (const Case& c : cases) {
    const ApiResponse r = h_.call("POST", kPath, c.body.dump());
    EXPECT_EQ(r.status, 400) << c.body.dump() << ": " << r.body;
    EXPECT_NE(r.body.find(c.field), std::string::npos) << r.body;
    EXPECT_EQ(r.body.find(kSecret), std::string::npos) << r.body;
  }
  EXPECT_EQ(h_.call("POST", kPath, "nope").status, 400);
  EXPECT_TRUE(h_.desk().webhook_adds().empty());
}

TEST_F(WebhooksApiTest, RolesTokensAndDeskErrors) {
  const std::string read = h_.read_token();
  EXPECT_EQ(h_.call("POST", kPath, hook().dump(), read).status, 403);
  EXPECT_EQ(h_.call("DELETE", std::string(kPath) + "/wh-1", "", read).status, 403);
  EXPECT_EQ(h_.call("POST", std::string(kPath) + "/wh-1/test", "", read).status, 403);
  EXPECT_EQ(h_.call("GET", kPath, "", "").status, 401);
  h_.desk().fail_with(make_error(ErrorCode::kInvalidArgument, "url: private address"));
  EXPECT_EQ(h_.call("POST", kPath, hook().dump()).status, 400);
}

TEST_F(WebhooksApiTest, NoAnswerHoldsTheSecret) {
  std::vector<ApiResponse> answers;
  answers.push_back(h_.call("POST", kPath, hook().dump()));
  const std::string id = body_json(answers.back())["id"];
  answers.push_back(h_.call("GET", kPath));
  answers.push_back(h_.call("GET", kPath, "", h_.read_token()));
  answers.push_back(h_.call("POST", std::string(kPath) + "/" + id + "/test"));
  answers.push_back(h_.call("POST", kPath, hook("gopher://x").dump()));
  answers.push_back(h_.call("GET", "/metrics"));
  for (const ApiResponse& r : answers) {
    EXPECT_NE(r.status, 0);
    EXPECT_EQ(r.body.find(kSecret), std::string::npos) << r.body;
    for (const auto& [name, value] : r.headers.entries())
      EXPECT_EQ(value.find(kSecret), std::string::npos) << name;
  }
  // It is stored, for signing.
  EXPECT_EQ(h_.store().list_webhooks()->at(0).secret, kSecret);
}

TEST(WebhooksWithoutDeskTest, ChangesAre503ReadsWork) {
  DeskHarness h({.with_desk = false});
  EXPECT_EQ(h.call("POST", kPath, hook().dump()).status, 503);
  EXPECT_EQ(h.call("DELETE", std::string(kPath) + "/wh-1").status, 503);
  EXPECT_EQ(h.call("POST", std::string(kPath) + "/wh-1/test").status, 503);
  EXPECT_EQ(h.call("GET", kPath).status, 200);
}

}  // namespace
}  // namespace hearth::api::testing
