// GET/PUT /api/v1/settings: rights, the desk's answer passed through, errors naming the field.
#include <future>

#include <gtest/gtest.h>

#include "api/api_test_support.h"
#include "api/settings_desk.h"

namespace hearth::api {
namespace {

using nlohmann::json;
using testing::ApiHarness;
using testing::body_json;
using testing::error_code;
using testing::kBootstrapToken;

// Two fields, one per section; cpu_pct within 0..100, min_homes at least 1.
class FakeSettingsDesk final : public SettingsDesk {
 public:
  json get() override {
    return {{"diagnosis", {{"cpu_pct", cpu_pct}}},
            {"incidents", {{"min_homes", min_homes}}},
            {"fields", json::array({{{"section", "diagnosis"}, {"name", "cpu_pct"}, {"value", cpu_pct}},
                                    {{"section", "incidents"}, {"name", "min_homes"}, {"value", min_homes}}})}};
  }
  Result<json> update(const json& partial) override {
    updates.push_back(partial);
    double cpu = cpu_pct;
    int64_t homes = min_homes;
    if (partial.contains("diagnosis")) {
      const json& v = partial["diagnosis"]["cpu_pct"];
      if (!v.is_number() || v.get<double>() > 100) {
        return make_error(ErrorCode::kInvalidArgument, "diagnosis.cpu_pct: must be a number from 0 to 100");
      }
      cpu = v.get<double>();
    }
    if (partial.contains("incidents")) homes = partial["incidents"]["min_homes"].get<int64_t>();
    cpu_pct = cpu;
    min_homes = homes;
    return get();
  }

  double cpu_pct = 90;
  int64_t min_homes = 5;
  std::vector<json> updates;
};

class StaffSettingsTest : public ::testing::Test {
 protected:
  explicit StaffSettingsTest(bool with_desk = true) {
    api_ = std::make_unique<Api>(ApiDeps{
        .store = h_.store(),
        .control = h_.control(),
        .files = h_.files(),
        .metrics = registry_,
        .clock = h_.clock(),
        .bootstrap_token = std::string(kBootstrapToken),
        .settings = with_desk ? &desk_ : nullptr,
    });
  }

  ApiResponse call(const std::string& method, const std::string& body = "",
                   const std::string& token = kBootstrapToken) {
    auto promise = std::make_shared<std::promise<ApiResponse>>();
    auto f = promise->get_future();
    api_->handle(ApiHarness::request(method, "/api/v1/settings", body, token),
                 [promise](ApiResponse r) { promise->set_value(std::move(r)); });
    return f.get();
  }

  std::string read_token() {
    const ApiResponse r = h_.call("POST", "/api/v1/tokens", R"({"name":"viewer","role":"read"})");
    EXPECT_EQ(r.status, 201) << r.body;
    return body_json(r)["token"].get<std::string>();
  }

  ApiHarness h_;
  metrics::Registry registry_;
  FakeSettingsDesk desk_;
  std::unique_ptr<Api> api_;
};

TEST_F(StaffSettingsTest, GetAnswersTheDesksSettings) {
  const ApiResponse r = call("GET");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(body_json(r), desk_.get());
}

TEST_F(StaffSettingsTest, PutPassesThePartialAndAnswersTheNewSettings) {
  const ApiResponse r = call("PUT", R"({"diagnosis":{"cpu_pct":80}})");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(body_json(r)["diagnosis"]["cpu_pct"], 80.0);
  ASSERT_EQ(desk_.updates.size(), 1u);
  EXPECT_EQ(desk_.updates[0], json({{"diagnosis", {{"cpu_pct", 80}}}}));
  EXPECT_EQ(body_json(call("GET"))["diagnosis"]["cpu_pct"], 80.0);
}

TEST_F(StaffSettingsTest, BadRequestsAre400AndNameTheField) {
  struct Case {
    const char* body;
    const char* message;  // part of the error message ("" : any)
  };
  const Case cases[] = {
      {R"({"diagnosis":{"cpu_pct":180}})", "diagnosis.cpu_pct"},
      {R"({"diagnosis":{"cpu_pct":"high"}})", "diagnosis.cpu_pct"},
      {"[1,2]", ""},
      {"not json", ""},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.body);
    const ApiResponse r = call("PUT", c.body);
    EXPECT_EQ(r.status, 400) << r.body;
    EXPECT_EQ(error_code(r), "invalid_argument");
    EXPECT_NE(body_json(r)["error"]["message"].get<std::string>().find(c.message), std::string::npos);
  }
  EXPECT_EQ(desk_.cpu_pct, 90);
}

TEST_F(StaffSettingsTest, ReadersReadOnlyOperatorsChange) {
  const std::string viewer = read_token();
  EXPECT_EQ(call("GET", "", viewer).status, 200);
  const ApiResponse denied = call("PUT", R"({"incidents":{"min_homes":9}})", viewer);
  EXPECT_EQ(denied.status, 403) << denied.body;
  EXPECT_TRUE(desk_.updates.empty());
  EXPECT_EQ(call("GET", "", "").status, 401);
  EXPECT_EQ(call("PUT", R"({"incidents":{"min_homes":9}})", "").status, 401);
  EXPECT_EQ(call("PUT", R"({"incidents":{"min_homes":9}})").status, 200);
  EXPECT_EQ(desk_.min_homes, 9);
}

class StaffSettingsWithoutDeskTest : public StaffSettingsTest {
 protected:
  StaffSettingsWithoutDeskTest() : StaffSettingsTest(false) {}
};

TEST_F(StaffSettingsWithoutDeskTest, Answers503) {
  EXPECT_EQ(call("GET").status, 503);
  EXPECT_EQ(call("PUT", R"({"diagnosis":{"cpu_pct":80}})").status, 503);
}

}  // namespace
}  // namespace hearth::api
