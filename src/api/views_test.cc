#include "api/views.h"

#include <gtest/gtest.h>

#include "core/clock.h"

namespace hearth::api {
namespace {

using nlohmann::json;

TEST(ViewsTest, TimesAreIsoUtcOrNull) {
  EXPECT_TRUE(time_json(0).is_null());
  EXPECT_EQ(time_json(1'767'225'600'000), "2026-01-01T00:00:00Z");
  EXPECT_EQ(time_json(1'767'225'600'250), "2026-01-01T00:00:00.250Z");
  EXPECT_EQ(time_json(kUnknownTimeMs), "0001-01-01T00:00:00Z");
  EXPECT_TRUE(time_json(INT64_MAX).is_null());
  EXPECT_TRUE(time_json(INT64_MIN).is_null());
}

TEST(ViewsTest, TaskIdsAreStringsAndStoredJsonIsEmbedded) {
  store::TaskRecord t;
  t.id = (int64_t{1} << 62) + 5;
  t.device_id = "d";
  t.name = "reboot";
  t.args_json = R"({"name":"reboot","maxAttempts":5})";
  t.result_json = "not json";
  const json j = task_json(t);
  EXPECT_EQ(j["id"], "4611686018427387909");
  EXPECT_EQ(j["args"]["maxAttempts"], 5);
  EXPECT_TRUE(j["result"].is_null());
  EXPECT_TRUE(j["fault"].is_null());
  EXPECT_EQ(j["state"], "pending");
}

TEST(ViewsTest, ListEnvelope) {
  const json j = list_json(json::array({1, 2}), std::nullopt, 10, 2, true);
  EXPECT_EQ(j, json::parse(R"({"items":[1,2],"total":null,"offset":10,"limit":2,"more":true})"));
}

}  // namespace
}  // namespace hearth::api
