#include <gtest/gtest.h>

#include "api/api_test_support.h"

namespace hearth::api::testing {
namespace {

using nlohmann::json;

TEST(SystemApiTest, HealthzNeedsNoToken) {
  ApiHarness h;
  const ApiResponse r = h.call("GET", "/healthz", "", "");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(body_json(r), json({{"status", "ok"}}));
}

TEST(SystemApiTest, MetricsNeedATokenUnlessPublic) {
  ApiHarness h;
  EXPECT_EQ(h.call("GET", "/metrics", "", "").status, 401);
  ApiHarness open(HarnessOptions{.metrics_public = true});
  EXPECT_EQ(open.call("GET", "/metrics", "", "").status, 200);
}

TEST(SystemApiTest, MetricsAreInTheTextFormat) {
  ApiHarness h;
  h.add_device(ApiHarness::sample_device("SN1"));
  h.registry().counter("hearth_cwmp_sessions_total", "Sessions", {"outcome"}).with({"completed"}).inc(7);
  ASSERT_EQ(h.call("GET", "/api/v1/devices").status, 200);
  const ApiResponse r = h.call("GET", "/metrics");
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.content_type, "text/plain; version=0.0.4; charset=utf-8");
  for (const char* line : {
           "hearth_cwmp_sessions_total{outcome=\"completed\"} 7\n",
           "hearth_api_requests_total{method=\"GET\",route=\"/api/v1/devices\",status=\"200\"} 1\n",
           "# TYPE hearth_api_request_duration_seconds histogram\n",
           "hearth_store_devices 1\n",
           "hearth_store_tasks{state=\"pending\"} 0\n",
           "hearth_test_extra 1\n",
       }) {
    EXPECT_NE(r.body.find(line), std::string::npos) << line << "\n" << r.body;
  }
}

TEST(SystemApiTest, UnmatchedPathsShareOneMetricLabel) {
  ApiHarness h;
  for (int i = 0; i < 3; ++i) h.call("GET", "/api/v1/random-" + std::to_string(i));
  const std::string text = h.registry().render();
  EXPECT_NE(text.find("route=\"unmatched\",status=\"404\"} 3"), std::string::npos) << text;
  EXPECT_EQ(text.find("random-"), std::string::npos);
}

TEST(SystemApiTest, ServesTheOpenApiDocument) {
  ApiHarness h;
  const ApiResponse r = h.call("GET", "/api/openapi.json", "", "");
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.content_type, "application/json");
  const json doc = body_json(r);
  EXPECT_EQ(doc["openapi"], "3.0.3");
}

}  // namespace
}  // namespace hearth::api::testing
