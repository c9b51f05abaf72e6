// /api/v1/campaigns: the real CampaignService on the harness' memory store and fake ACS: rights,
// shapes, errors and the actions.
#include <future>
#include <memory>

#include <gtest/gtest.h>

#include "api/api_test_support.h"
#include "campaigns/runner.h"

namespace hearth::api {
namespace {

using nlohmann::json;
using testing::ApiHarness;
using testing::body_json;
using testing::error_code;
using testing::kBootstrapToken;

class StaffCampaignsTest : public ::testing::Test {
 protected:
  explicit StaffCampaignsTest(bool with_desk = true)
      : service_(h_.store(), h_.control(), h_.clock(), nullptr) {
    api_ = std::make_unique<Api>(ApiDeps{
        .store = h_.store(),
        .control = h_.control(),
        .files = h_.files(),
        .metrics = registry_,
        .clock = h_.clock(),
        .bootstrap_token = std::string(kBootstrapToken),
        .campaigns = with_desk ? &service_ : nullptr,
    });
    for (int i = 1; i <= 6; ++i) h_.add_device(ApiHarness::sample_device("S" + std::to_string(i), "HG8245"));
    h_.add_device(ApiHarness::sample_device("Z1", "H3600P"));
    store::FileRecord f{"hg-2.0.bin", "1 Firmware Upgrade Image", "", "HG8245", "2.0", 100, "", 1};
    EXPECT_TRUE(h_.store().write_sync(store::WriteBatch().add(store::PutFile{f})).ok());
  }

  ApiResponse call(const std::string& method, const std::string& target, const std::string& body = "",
                   const std::string& token = kBootstrapToken) {
    auto promise = std::make_shared<std::promise<ApiResponse>>();
    auto f = promise->get_future();
    api_->handle(ApiHarness::request(method, target, body, token),
                 [promise](ApiResponse r) { promise->set_value(std::move(r)); });
    return f.get();
  }

  std::string read_token() {
    const ApiResponse r = h_.call("POST", "/api/v1/tokens", R"({"name":"viewer","role":"read"})");
    EXPECT_EQ(r.status, 201) << r.body;
    return body_json(r)["token"].get<std::string>();
  }

  static std::string plan() {
    return R"({"name":"HG8245 2.0","kind":"firmware","selection":{"model":"HG8245"},"fileId":"hg-2.0.bin",
               "stages":{"canary":2,"waves":[2]},"thresholds":{"maxFailureRate":0.2},"observeMinutes":5})";
  }

  ApiHarness h_;
  metrics::Registry registry_;
  campaigns::CampaignService service_;
  std::unique_ptr<Api> api_;
};

class StaffCampaignsWithoutDeskTest : public StaffCampaignsTest {
 protected:
  StaffCampaignsWithoutDeskTest() : StaffCampaignsTest(false) {}
};

TEST_F(StaffCampaignsTest, CreateAnswersADraftInTheContractsShape) {
  const ApiResponse r = call("POST", "/api/v1/campaigns", plan());
  ASSERT_EQ(r.status, 201) << r.body;
  const json c = body_json(r);
  EXPECT_EQ(c["state"], "draft");
  EXPECT_EQ(c["kind"], "firmware");
  EXPECT_EQ(c["createdBy"], "bootstrap");
  EXPECT_EQ(c["fileId"], "hg-2.0.bin");
  EXPECT_EQ(c["thresholds"]["maxFailureRate"], 0.2);
  EXPECT_EQ(c["thresholds"]["maxHealthDrop"], 10.0);
  EXPECT_EQ(c["observeMinutes"], 5);
  EXPECT_EQ(c["autoAdvance"], true);
  EXPECT_EQ(c["currentStage"], 0);
  EXPECT_EQ(c["haltReason"], nullptr);
  ASSERT_EQ(c["stages"].size(), 3u);
  for (const char* key : {"index", "name", "size", "pending", "running", "done", "failed", "failureRate",
                          "healthBefore", "healthAfter", "state"}) {
    EXPECT_TRUE(c["stages"][0].contains(key)) << key;
  }
  EXPECT_TRUE(c["createdAt"].is_string());
  EXPECT_EQ(c["log"].size(), 1u);

  const ApiResponse list = call("GET", "/api/v1/campaigns");
  ASSERT_EQ(list.status, 200);
  EXPECT_EQ(body_json(list)["campaigns"].size(), 1u);
  const ApiResponse one = call("GET", "/api/v1/campaigns/" + std::to_string(c["id"].get<int64_t>()));
  ASSERT_EQ(one.status, 200);
  EXPECT_EQ(body_json(one)["name"], "HG8245 2.0");
}

TEST_F(StaffCampaignsTest, PreviewCountsByModel) {
  const ApiResponse r = call("POST", "/api/v1/campaigns/preview", R"({"selection":{"softwareVersion":"1.0.0"}})");
  ASSERT_EQ(r.status, 200) << r.body;
  const json p = body_json(r);
  EXPECT_EQ(p["devices"], 7);
  EXPECT_EQ(p["byModel"][0], (json{{"model", "Gateway HG8245"}, {"softwareVersion", "1.0.0"}, {"devices", 6}}));
}

TEST_F(StaffCampaignsTest, BadPlansAre400NamingTheField) {
  struct Case {
    const char* body;
    const char* message;
  };
  const Case cases[] = {
      {R"({"name":"x","kind":"firmware","selection":{"model":"HG8245"},"fileId":"nope.bin"})", "fileId"},
      {R"({"name":"x","kind":"firmware","selection":{"softwareVersion":"1.0.0"},"fileId":"hg-2.0.bin"})",
       "built for HG8245"},
      {R"({"name":"x","kind":"firmware","selection":{"model":"Nobody"},"fileId":"hg-2.0.bin"})", "no devices"},
      {R"({"name":"x","kind":"config","selection":{"model":"HG8245"}})", "parameters"},
      {R"({"name":"x","kind":"firmware","selection":{}})", "selection"},
      {"[1]", ""},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.body);
    const ApiResponse r = call("POST", "/api/v1/campaigns", c.body);
    EXPECT_EQ(r.status, 400) << r.body;
    EXPECT_EQ(error_code(r), "invalid_argument");
    EXPECT_NE(body_json(r)["error"]["message"].get<std::string>().find(c.message), std::string::npos);
  }
  EXPECT_EQ(call("GET", "/api/v1/campaigns/42").status, 404);
  EXPECT_EQ(call("POST", "/api/v1/campaigns/42/start").status, 404);
  EXPECT_EQ(call("GET", "/api/v1/campaigns/abc").status, 400);
}

TEST_F(StaffCampaignsTest, ActionsFollowTheStateMachine) {
  const int64_t id = body_json(call("POST", "/api/v1/campaigns", plan()))["id"];
  const std::string base = "/api/v1/campaigns/" + std::to_string(id);
  EXPECT_EQ(call("POST", base + "/pause").status, 409);
  const ApiResponse started = call("POST", base + "/start");
  ASSERT_EQ(started.status, 200) << started.body;
  EXPECT_EQ(body_json(started)["state"], "running");
  EXPECT_EQ(call("POST", base + "/start").status, 409);
  service_.tick(to_unix_ms(h_.clock().now()));
  EXPECT_EQ(h_.control().submitted().size(), 2u);

  const ApiResponse running = call("GET", base + "/targets?stage=0&state=running");
  ASSERT_EQ(running.status, 200) << running.body;
  const json targets = body_json(running)["targets"];
  ASSERT_EQ(targets.size(), 2u);
  for (const char* key : {"deviceId", "stage", "state", "taskId", "before", "detail", "updatedAt"}) {
    EXPECT_TRUE(targets[0].contains(key)) << key;
  }
  EXPECT_EQ(targets[0]["before"], "1.0.0");
  EXPECT_EQ(body_json(call("GET", base + "/targets"))["targets"].size(), 6u);
  EXPECT_EQ(call("GET", base + "/targets?state=bogus").status, 400);
  EXPECT_EQ(call("GET", base + "/targets?stage=-1").status, 400);

  EXPECT_EQ(body_json(call("POST", base + "/pause"))["state"], "paused");
  EXPECT_EQ(call("POST", base + "/rollback").status, 409);  // no rollbackFileId
  EXPECT_EQ(body_json(call("POST", base + "/resume"))["state"], "running");
  EXPECT_EQ(call("POST", base + "/cancel").status, 409);
  EXPECT_EQ(body_json(call("POST", base + "/pause"))["state"], "paused");
  const ApiResponse cancelled = call("POST", base + "/cancel");
  ASSERT_EQ(cancelled.status, 200);
  EXPECT_EQ(body_json(cancelled)["state"], "cancelled");
}

TEST_F(StaffCampaignsTest, ReadersReadOnlyOperatorsChange) {
  const int64_t id = body_json(call("POST", "/api/v1/campaigns", plan()))["id"];
  const std::string token = read_token();
  EXPECT_EQ(call("GET", "/api/v1/campaigns", "", token).status, 200);
  EXPECT_EQ(call("GET", "/api/v1/campaigns/" + std::to_string(id) + "/targets", "", token).status, 200);
  EXPECT_EQ(call("POST", "/api/v1/campaigns", plan(), token).status, 403);
  EXPECT_EQ(call("POST", "/api/v1/campaigns/preview", R"({"selection":{"model":"HG8245"}})", token).status, 403);
  EXPECT_EQ(call("POST", "/api/v1/campaigns/" + std::to_string(id) + "/start", "", token).status, 403);
  EXPECT_EQ(call("GET", "/api/v1/campaigns", "", "").status, 401);
}

TEST_F(StaffCampaignsWithoutDeskTest, AnswersUnavailable) {
  EXPECT_EQ(call("GET", "/api/v1/campaigns").status, 503);
  EXPECT_EQ(call("POST", "/api/v1/campaigns", plan()).status, 503);
}

}  // namespace
}  // namespace hearth::api
