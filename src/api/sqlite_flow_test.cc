// The same API over SqliteStore, whose write callbacks run on the store's writer thread: answers
// must arrive from there just as well.
#include <gtest/gtest.h>

#include "api/api_test_support.h"

namespace hearth::api::testing {
namespace {

using nlohmann::json;

TEST(SqliteFlowTest, TokenDeviceTaskFileAndProfileFlows) {
  ApiHarness h(HarnessOptions{.store_url = "sqlite"});
  const ApiResponse tok = h.call("POST", "/api/v1/tokens", R"({"name":"ops"})");
  ASSERT_EQ(tok.status, 201) << tok.body;
  const std::string token = body_json(tok)["token"];

  const store::DeviceRecord d = ApiHarness::sample_device("SN-SQL");
  h.add_device(d);
  const std::string dev = "/api/v1/devices/" + encode_segment(d.id);
  ASSERT_EQ(h.call("PUT", dev + "/tags/lab", "", token).status, 200);
  EXPECT_EQ(body_json(h.call("GET", "/api/v1/devices?tag=lab", "", token))["total"], 1);

  std::future<ApiResponse> pending = h.call_async("POST", dev + "/tasks?run=now&wait=20", R"({"name":"reboot"})", token);
  ASSERT_TRUE(h.control().await_held_waits(1));
  h.control().complete(h.control().submitted().at(0).id, store::TaskState::kDone, "{}");
  const ApiResponse done = pending.get();
  EXPECT_EQ(done.status, 200) << done.body;

  ASSERT_EQ(h.call("PUT", "/api/v1/files/fw.bin", "bytes", token).status, 201);
  EXPECT_EQ(body_json(h.call("GET", "/api/v1/files/fw.bin", "", token))["size"], 5);
  ASSERT_EQ(h.call("POST", "/api/v1/profiles",
                   R"({"name":"p","parameterValues":[["Device.ManagementServer.PeriodicInformInterval",60]]})", token)
                .status,
            201);
  EXPECT_EQ(h.call("DELETE", "/api/v1/files/fw.bin", "", token).status, 204);
  EXPECT_EQ(h.call("DELETE", dev, "", token).status, 204);
  EXPECT_EQ(h.call("GET", dev, "", token).status, 404);
}

}  // namespace
}  // namespace hearth::api::testing
