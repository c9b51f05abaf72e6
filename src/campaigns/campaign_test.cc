#include "campaigns/campaign.h"

#include <gtest/gtest.h>

namespace hearth::campaigns {
namespace {

using nlohmann::json;

TEST(ParseRequest, RejectsBadPlansNamingTheField) {
  const json base = {{"name", "fw"}, {"kind", "firmware"}, {"selection", {{"model", "X"}}}, {"fileId", "f.bin"}};
  struct Case {
    json patch;
    std::string message_start;
  };
  const std::vector<Case> cases = {
      {{{"name", ""}}, "name:"},
      {{{"kind", "bios"}}, "kind:"},
      {{{"selection", {{"model", nullptr}}}}, "selection:"},
      {{{"selection", {{"deviceIds", {1}}}}}, "selection.deviceIds:"},
      {{{"fileId", nullptr}}, "fileId: required"},
      {{{"parameters", {{{"name", "A"}, {"value", "1"}}}}}, "parameters: only"},
      {{{"stages", {{"canary", 1}, {"canaryPercent", 5}}}}, "stages: either"},
      {{{"stages", {{"waves", {0}}}}}, "stages.waves:"},
      {{{"stages", {{"canaryPercent", 60}, {"wavePercents", {50}}}}}, "stages: the percentages"},
      {{{"thresholds", {{"maxFailureRate", 2}}}}, "thresholds.maxFailureRate:"},
      {{{"thresholds", {{"maxHealthDrop", -1}}}}, "thresholds.maxHealthDrop:"},
      {{{"observeMinutes", -1}}, "observeMinutes:"},
      {{{"autoAdvance", "yes"}}, "autoAdvance:"},
  };
  for (const auto& c : cases) {
    json body = base;
    body.merge_patch(c.patch);
    Result<Campaign> r = parse_request(body);
    ASSERT_FALSE(r.ok()) << c.patch.dump();
    EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument);
    EXPECT_EQ(r.error().message.rfind(c.message_start, 0), 0u) << r.error().message;
  }
  json config = {{"name", "c"}, {"kind", "config"}, {"selection", {{"tag", "t"}}}};
  EXPECT_EQ(parse_request(config).error().message.rfind("parameters:", 0), 0u);
}

TEST(ParseRequest, DefaultsAndRecordRoundTrip) {
  Result<Campaign> r = parse_request(json::parse(R"({"name":"wifi","kind":"config",
      "selection":{"deviceIds":["a","b"]},"parameters":[{"name":"Device.X","value":6,"type":"xsd:unsignedInt"}],
      "stages":{"canary":1,"waves":[2,3]},"autoAdvance":false})"));
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->thresholds.max_failure_rate, 0.1);
  EXPECT_EQ(r->thresholds.max_health_drop, 10);
  EXPECT_EQ(r->observe_minutes, 10);
  EXPECT_FALSE(r->auto_advance);
  EXPECT_EQ(r->parameters[0].value, "6");
  Campaign c = *r;
  c.id = 7;
  c.state = State::kHalted;
  c.halt_reason = "canary: bad";
  c.stages.push_back({"canary", 1, "failed", 90.0, std::nullopt, 5, 6, true});
  c.add_log(5, "halted");
  Result<Campaign> back = from_record(to_record(c));
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(to_record(*back), to_record(c));
  EXPECT_EQ(back->stages_plan, c.stages_plan);
  EXPECT_EQ(back->stages[0].health_before, 90.0);
  EXPECT_FALSE(back->stages[0].health_after.has_value());

  const json view = campaign_json(c, {});
  EXPECT_EQ(view["state"], "halted");
  EXPECT_EQ(view["haltReason"], "canary: bad");
  EXPECT_EQ(view["stages"][0]["healthAfter"], nullptr);
  EXPECT_EQ(view["fileId"], nullptr);
}

}  // namespace
}  // namespace hearth::campaigns
