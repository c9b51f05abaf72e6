#include <gtest/gtest.h>

#include "api/api_test_support.h"

namespace hearth::api::testing {
namespace {

using nlohmann::json;

class FaultsApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const store::DeviceRecord d = ApiHarness::sample_device("SN1");
    h_.add_device(d);
    base_ = "/api/v1/devices/" + encode_segment(d.id) + "/faults";
    store::WriteBatch batch;
    for (int i = 1; i <= 3; ++i) {
      store::FaultRecord f;
      f.id = 1000 + i;
      f.device_id = d.id;
      f.task_id = i == 1 ? 0 : 500 + i;
      f.rpc = "SetParameterValues";
      f.code = 9003;
      f.message = "Invalid arguments";
      f.detail_json = R"({"parameters":[{"name":"Device.X","code":9007}]})";
      f.time_ms = 1'767'225'600'000 + i * 1000;
      batch.add(store::AddFault{f});
    }
    ASSERT_TRUE(h_.store().write_sync(std::move(batch)).ok());
  }
  ApiHarness h_;
  std::string base_;
};

TEST_F(FaultsApiTest, ListsFaults) {
  const ApiResponse r = h_.call("GET", base_);
  ASSERT_EQ(r.status, 200) << r.body;
  const json j = body_json(r);
  ASSERT_EQ(j["items"].size(), 3u);
  EXPECT_EQ(j["total"], 3);
  bool saw_untied = false;
  for (const json& f : j["items"]) {
    EXPECT_TRUE(f["id"].is_string());
    EXPECT_EQ(f["code"], 9003);
    EXPECT_EQ(f["rpc"], "SetParameterValues");
    EXPECT_EQ(f["detail"]["parameters"][0]["code"], 9007);
    saw_untied = saw_untied || f["taskId"].is_null();
  }
  EXPECT_TRUE(saw_untied);
  const json page = body_json(h_.call("GET", base_ + "?limit=2"));
  EXPECT_EQ(page["items"].size(), 2u);
  EXPECT_EQ(page["more"], true);
}

TEST_F(FaultsApiTest, ClearsOneAndAll) {
  EXPECT_EQ(h_.call("DELETE", base_ + "/1002").status, 204);
  EXPECT_EQ(body_json(h_.call("GET", base_))["items"].size(), 2u);
  EXPECT_EQ(h_.call("DELETE", base_ + "/1002").status, 404);
  EXPECT_EQ(h_.call("DELETE", base_ + "/zero").status, 400);
  EXPECT_EQ(h_.call("DELETE", base_).status, 204);
  EXPECT_EQ(body_json(h_.call("GET", base_))["items"].size(), 0u);
}

}  // namespace
}  // namespace hearth::api::testing
