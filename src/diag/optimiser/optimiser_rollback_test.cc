// Judging a change after measure_after_ms: kept when not worse, rolled back when the airtime
// busy by others (or, without utilisation, the neighbour count) rose; a rolled-back channel is
// not chosen again.
#include <gtest/gtest.h>

#include "diag/optimiser/test_home.h"

namespace hearth::diag {
namespace {

using namespace testing;  // NOLINT
using cwmp::ValueType;
using Kind = OptimiserAction::Kind;

HomeSnapshot on(int channel, double utilisation, int neighbours = -1) {
  HomeSnapshot s = home_on(channel);
  s.radios[0].utilisation_pct = utilisation;
  s.radios[0].neighbour_bss = neighbours;
  return s;
}

// Changes 6 -> 1 at kNight with 30% airtime busy by others.
Loop changed(double utilisation_before = 30, int neighbours_before = -1) {
  Loop loop;
  auto a = loop.run(on(6, utilisation_before, neighbours_before), crowded_6(), kNight, kNight);
  EXPECT_EQ(a.size(), 1u);
  EXPECT_EQ(loop.log.size(), 1u);
  return loop;
}

TEST(RollbackTest, WorseByTheThresholdIsRolledBack) {
  Loop loop = changed();
  // Before measure_after_ms nothing is judged.
  EXPECT_TRUE(loop.run(on(1, 60), crowded_6(), kNight, kNight + 30 * kMinute).empty());
  EXPECT_EQ(loop.log.size(), 1u);
  auto a = loop.run(on(1, 60), crowded_6(), kNight, kNight + kHour);
  ASSERT_EQ(a.size(), 1u);
  EXPECT_EQ(a[0].kind, Kind::kRollback);
  EXPECT_EQ(a[0].radio_id, "gw/2.4GHz");
  EXPECT_EQ(a[0].from_channel, 1);
  EXPECT_EQ(a[0].to_channel, 6);
  ASSERT_EQ(a[0].values.size(), 2u);
  EXPECT_EQ(a[0].values[0].name, "Device.WiFi.Radio.1.Channel");
  EXPECT_EQ(a[0].values[0].value, "6");
  EXPECT_EQ(a[0].values[0].type, ValueType::kUnsignedInt);
  EXPECT_EQ(a[0].values[1].name, "Device.WiFi.Radio.1.AutoChannelEnable");
  EXPECT_EQ(a[0].values[1].value, "false");
  ASSERT_EQ(loop.log.size(), 3u);
  EXPECT_EQ(loop.log[1].action, "judged-worse");
  EXPECT_EQ(loop.log[1].from_channel, 6);
  EXPECT_EQ(loop.log[1].to_channel, 1);
  EXPECT_DOUBLE_EQ(loop.log[1].utilisation_before_pct, 30);
  EXPECT_DOUBLE_EQ(loop.log[1].utilisation_after_pct, 60);
  EXPECT_EQ(loop.log[1].reason,
            "channel 6 -> 1: airtime busy by others 30% -> 60% (+30 points; rollback from +10)");
  EXPECT_EQ(loop.log[2].action, "rollback");
  EXPECT_EQ(loop.log[2].from_channel, 1);
  EXPECT_EQ(loop.log[2].to_channel, 6);
  const OptimiserRadioState* rs = loop.radio("gw/2.4GHz");
  EXPECT_EQ(rs->channel_set, 6);
  EXPECT_EQ(rs->rejected_channel, 1);
  EXPECT_TRUE(rs->judged);
  // The rollback not applied yet is no person's doing; applied, it is not judged again.
  EXPECT_TRUE(loop.run(on(1, 60), crowded_6(), kNight, kNight + 70 * kMinute).empty());
  EXPECT_TRUE(loop.run(on(6, 30), crowded_6(), kNight, kNight + 3 * kHour).empty());
  EXPECT_EQ(loop.log.size(), 3u);
  // A day after the rollback, channel 6 is still crowded: the optimiser tries 11, not 1 again.
  a = loop.run(on(6, 30), crowded_6(), kNight + kDay + kHour, kNight + kDay + kHour);
  ASSERT_EQ(a.size(), 1u);
  EXPECT_EQ(a[0].kind, Kind::kSetChannel);
  EXPECT_EQ(a[0].to_channel, 11);
}

struct JudgeCase {
  const char* name;
  double before, after;
  int neighbours_before, neighbours_after;
  const char* verdict;
};

class JudgeTest : public ::testing::TestWithParam<JudgeCase> {};

TEST_P(JudgeTest, Verdict) {
  const JudgeCase& c = GetParam();
  Loop loop = changed(c.before, c.neighbours_before);
  const auto a = loop.run(on(1, c.after, c.neighbours_after), crowded_6(), kNight, kNight + kHour);
  const bool worse = std::string(c.verdict) == "judged-worse";
  ASSERT_EQ(a.size(), worse ? 1u : 0u) << c.name;
  ASSERT_GE(loop.log.size(), 2u);
  EXPECT_EQ(loop.log[1].action, c.verdict) << c.name << ": " << loop.log[1].reason;
  EXPECT_TRUE(loop.radio("gw/2.4GHz")->judged);
  EXPECT_EQ(loop.radio("gw/2.4GHz")->channel_set, worse ? 6 : 1);
}

INSTANTIATE_TEST_SUITE_P(
    Measurements, JudgeTest,
    ::testing::Values(JudgeCase{"utilisation fell", 30, 12, -1, -1, "judged-better"},
                      JudgeCase{"rose under the threshold", 30, 39, -1, -1, "judged-better"},
                      JudgeCase{"rose by the threshold", 30, 40, -1, -1, "judged-worse"},
                      JudgeCase{"neighbours fewer", kUnknown, kUnknown, 4, 1, "judged-better"},
                      JudgeCase{"neighbours more", kUnknown, kUnknown, 1, 3, "judged-worse"},
                      JudgeCase{"utilisation wins over neighbours", 30, 20, 1, 5, "judged-better"},
                      JudgeCase{"nothing measured", kUnknown, kUnknown, -1, -1,
                                "judged-unmeasured"}));

TEST(RollbackTest, OwnTrafficIsNotCountedAgainstTheChannel) {
  Loop loop = changed(30);
  HomeSnapshot s = on(1, 55);
  s.radios[0].utilisation_self_pct = 30;  // 25% by others
  EXPECT_TRUE(loop.run(s, crowded_6(), kNight, kNight + kHour).empty());
  EXPECT_EQ(loop.log.back().action, "judged-better");
  EXPECT_DOUBLE_EQ(loop.log.back().utilisation_after_pct, 25);
}

TEST(RollbackTest, JudgingWaitsForTheQuietWindow) {
  Loop loop;
  const int64_t late = kT0 + 2 * kHour + 45 * kMinute;  // 03:45 local; judged from 04:45, outside
  ASSERT_EQ(loop.run(on(6, 30), crowded_6(), late, late).size(), 1u);
  EXPECT_TRUE(loop.run(on(1, 60), crowded_6(), late, late + 90 * kMinute).empty());
  EXPECT_EQ(loop.log.size(), 1u);
  // The next night, in the quiet window again (with a fresh scan: nothing else to ask for).
  const auto a = loop.run(on(1, 60), crowded_6(), kNight + kDay, kNight + kDay);
  ASSERT_EQ(a.size(), 1u);
  EXPECT_EQ(a[0].kind, Kind::kRollback);
}

}  // namespace
}  // namespace hearth::diag
