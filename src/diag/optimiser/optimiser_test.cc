// The closed loop with time advancing: quiet window, scan first, change, minimum interval,
// hysteresis, traffic, pinned radios, the per-home switch, band steering, TR-098 gateways.
#include <gtest/gtest.h>

#include "diag/optimiser/loop_conditions.h"
#include "diag/optimiser/test_home.h"

namespace hearth::diag {
namespace {

using namespace testing;  // NOLINT
using cwmp::ParameterValue;
using cwmp::ValueType;
using Kind = OptimiserAction::Kind;

bool same(const std::vector<ParameterValue>& a, const std::vector<ParameterValue>& b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (a[i].name != b[i].name || a[i].value != b[i].value || a[i].type != b[i].type) return false;
  }
  return true;
}

struct WindowCase {
  int start, end, offset_min;
  int64_t at;
  bool inside;
};

class QuietWindowTest : public ::testing::TestWithParam<WindowCase> {};

TEST_P(QuietWindowTest, LocalHours) {
  const WindowCase& c = GetParam();
  OptimiserConfig config;
  config.quiet_start_hour = c.start;
  config.quiet_end_hour = c.end;
  config.utc_offset_minutes = c.offset_min;
  EXPECT_EQ(in_quiet_window(config, c.at), c.inside) << (c.at - kT0) / kMinute << " min after kT0";
}

INSTANTIATE_TEST_SUITE_P(Hours, QuietWindowTest,
                         ::testing::Values(WindowCase{2, 5, 60, kT0 + kHour, true},
                                           WindowCase{2, 5, 60, kT0 + 59 * kMinute, false},
                                           WindowCase{2, 5, 60, kT0 + 4 * kHour - 1, true},
                                           WindowCase{2, 5, 60, kT0 + 4 * kHour, false},
                                           WindowCase{2, 5, -300, kT0 + 7 * kHour, true},
                                           WindowCase{2, 5, -300, kT0 + kHour, false},
                                           WindowCase{22, 4, 0, kT0 - kHour, true},
                                           WindowCase{22, 4, 0, kT0 + 3 * kHour, true},
                                           WindowCase{22, 4, 0, kT0 + 4 * kHour, false},
                                           WindowCase{22, 4, 0, kT0 + 12 * kHour, false},
                                           WindowCase{3, 3, 0, kT0 + 3 * kHour, false}));

TEST(QuietWindowTest, StartOfTheWindow) {
  OptimiserConfig config;
  EXPECT_EQ(quiet_window_start_ms(config, kT0 + 3 * kHour), kT0 + kHour);
  config.quiet_start_hour = 22;
  config.quiet_end_hour = 4;
  config.utc_offset_minutes = 0;
  EXPECT_EQ(quiet_window_start_ms(config, kT0 + 3 * kHour), kT0 - 2 * kHour);
  EXPECT_EQ(quiet_window_start_ms(config, kT0 - kHour), kT0 - 2 * kHour);
}

TEST(OptimiserTest, OutsideTheQuietWindowNothingHappens) {
  Loop loop;
  EXPECT_TRUE(loop.run(home(), crowded_6(), kNoon - kMinute, kNoon).empty());
  EXPECT_TRUE(loop.run(home(), {}, 0, kNoon).empty());
  EXPECT_TRUE(loop.log.empty());
  EXPECT_EQ(loop.state.scan_requested_ms, 0);
}

TEST(OptimiserTest, ScansFirstThenChanges) {
  Loop loop;
  auto a = loop.run(home(), {}, 0, kNight);
  ASSERT_EQ(a.size(), 1u);
  EXPECT_EQ(a[0].kind, Kind::kScan);
  EXPECT_TRUE(a[0].values.empty());
  EXPECT_EQ(a[0].reason, "no neighbour scan yet");
  EXPECT_EQ(loop.state.scan_requested_ms, kNight);
  // At most one scan per window.
  EXPECT_TRUE(loop.run(home(), {}, 0, kNight + 10 * kMinute).empty());
  // The scan arrives: channel 6 is crowded, 1 and 11 are free.
  a = loop.run(home(), crowded_6(), kNight + 15 * kMinute, kNight + 20 * kMinute);
  ASSERT_EQ(a.size(), 1u);
  EXPECT_EQ(a[0].kind, Kind::kSetChannel);
  EXPECT_EQ(a[0].radio_id, "gw/2.4GHz");
  EXPECT_EQ(a[0].radio_path, "Device.WiFi.Radio.1.");
  EXPECT_EQ(a[0].from_channel, 6);
  EXPECT_EQ(a[0].to_channel, 1);
  EXPECT_TRUE(
      same(a[0].values, {{"Device.WiFi.Radio.1.Channel", "1", ValueType::kUnsignedInt},
                         {"Device.WiFi.Radio.1.AutoChannelEnable", "false", ValueType::kBoolean}}));
  EXPECT_NE(a[0].reason.find("channel 6 -> 1: interference score 3.47 -> 0.00"), std::string::npos)
      << a[0].reason;
  EXPECT_NE(a[0].reason.find("3 overlapping neighbour networks"), std::string::npos) << a[0].reason;
  ASSERT_EQ(loop.log.size(), 1u);
  EXPECT_EQ(loop.log[0].action, "set-channel");
  EXPECT_EQ(loop.log[0].time_ms, kNight + 20 * kMinute);
  EXPECT_EQ(loop.log[0].radio_id, "gw/2.4GHz");
  EXPECT_EQ(loop.log[0].from_channel, 6);
  EXPECT_EQ(loop.log[0].to_channel, 1);
  EXPECT_EQ(loop.log[0].reason, a[0].reason);
  const OptimiserRadioState* rs = loop.radio("gw/2.4GHz");
  ASSERT_NE(rs, nullptr);
  EXPECT_EQ(rs->channel_set, 1);
  EXPECT_EQ(rs->previous_channel, 6);
  EXPECT_EQ(rs->changed_ms, kNight + 20 * kMinute);
  EXPECT_FALSE(rs->judged);
  EXPECT_EQ(loop.state.last_scan_ms, kNight + 15 * kMinute);
  // The next night the scan is too old: the 5 GHz radio, free to change, needs a new one.
  a = loop.run(home_on(1), crowded_6(), kNight + 15 * kMinute, kNight + kDay);
  ASSERT_EQ(a.size(), 1u);
  EXPECT_EQ(a[0].kind, Kind::kScan);
  EXPECT_EQ(a[0].reason, "neighbour scan is 23.8 h old (used up to 6.0 h)");
}

TEST(OptimiserTest, ActiveTrafficHoldsChanges) {
  Loop loop;
  HomeSnapshot busy = home();
  busy.stations.push_back(station(Band::k5g, -50, 6, 3.5));
  EXPECT_TRUE(loop.run(busy, crowded_6(), kNight, kNight).empty());
  HomeSnapshot idle = home();
  idle.stations.push_back(station(Band::k5g, -50, 6, 0.3));
  auto a = loop.run(idle, crowded_6(), kNight, kNight);
  ASSERT_EQ(a.size(), 1u);
  EXPECT_EQ(a[0].kind, Kind::kSetChannel);
}

TEST(OptimiserTest, MinimumIntervalBetweenChangesOfARadio) {
  Loop loop;
  ASSERT_EQ(loop.run(home(), crowded_6(), kNight, kNight).size(), 1u);
  // The neighbours follow to channel 1; a fresh scan says so the next night, but 24 h have not
  // passed.
  std::vector<NeighbourBss> crowded_1 = {bss(Band::k2g, 1, -50), bss(Band::k2g, 1, -55),
                                         bss(Band::k2g, 2, -60)};
  const int64_t next = kNight + kDay;
  EXPECT_TRUE(loop.run(home_on(1), crowded_1, next - 40 * kMinute, next - 30 * kMinute).empty());
  auto a = loop.run(home_on(1), crowded_1, next - 40 * kMinute, next);
  ASSERT_EQ(a.size(), 1u);
  EXPECT_EQ(a[0].from_channel, 1);
  EXPECT_EQ(a[0].to_channel, 11);  // 2 still reaches 6 a little
}

struct HysteresisCase {
  const char* name;
  std::vector<NeighbourBss> scan;
  int expect_to;  // -1: no change
};

class HysteresisTest : public ::testing::TestWithParam<HysteresisCase> {};

TEST_P(HysteresisTest, OnlyAClearGainChangesTheChannel) {
  Loop loop;
  const auto a = loop.run(home(), GetParam().scan, kNight, kNight);
  if (GetParam().expect_to < 0) {
    EXPECT_TRUE(a.empty()) << GetParam().name;
    EXPECT_TRUE(loop.log.empty());
  } else {
    ASSERT_EQ(a.size(), 1u) << GetParam().name;
    EXPECT_EQ(a[0].to_channel, GetParam().expect_to);
  }
}

INSTANTIATE_TEST_SUITE_P(
    Gains, HysteresisTest,
    ::testing::Values(
        HysteresisCase{"10% better is marginal",
                       {bss(Band::k2g, 6, -65), bss(Band::k2g, 1, -68), bss(Band::k2g, 11, -68)},
                       -1},
        HysteresisCase{"a weak neighbour is too little to move for", {bss(Band::k2g, 6, -83)}, -1},
        HysteresisCase{"57% better and more than half a neighbour less",
                       {bss(Band::k2g, 6, -65), bss(Band::k2g, 1, -82), bss(Band::k2g, 11, -77)},
                       1},
        HysteresisCase{"no neighbours at all", {}, -1}));

TEST(OptimiserTest, PinnedRadiosAreNotTouched) {
  Loop loop;
  loop.pinned = {"gw/2.4GHz"};
  EXPECT_TRUE(loop.run(home(), crowded_6(), kNight, kNight).empty());
  ASSERT_EQ(loop.log.size(), 1u);
  EXPECT_EQ(loop.log[0].action, "skipped-pinned");
  EXPECT_EQ(loop.log[0].radio_id, "gw/2.4GHz");
  EXPECT_EQ(loop.log[0].from_channel, 6);
  EXPECT_EQ(loop.log[0].reason, "channel 6 is pinned by a person; not changed");
  // Logged once, not at every call; again when the person picks another channel.
  EXPECT_TRUE(loop.run(home(), crowded_6(), kNight, kNight + 10 * kMinute).empty());
  EXPECT_EQ(loop.log.size(), 1u);
  EXPECT_TRUE(loop.run(home_on(3), crowded_6(), kNight, kNight + 20 * kMinute).empty());
  ASSERT_EQ(loop.log.size(), 2u);
  EXPECT_EQ(loop.log[1].from_channel, 3);
  // Unpinned, the radio is the optimiser's again.
  loop.pinned.clear();
  auto a = loop.run(home_on(3), crowded_6(), kNight, kNight + 30 * kMinute);
  ASSERT_EQ(a.size(), 1u);
  EXPECT_EQ(a[0].from_channel, 3);
  EXPECT_EQ(a[0].to_channel, 1);
}

TEST(OptimiserTest, AChannelAPersonChoseSticks) {
  Loop loop;
  ASSERT_EQ(loop.run(home(), crowded_6(), kNight, kNight).size(), 1u);
  // Not applied yet: the old channel is no pin.
  EXPECT_TRUE(loop.run(home(), crowded_6(), kNight, kNight + 5 * kMinute).empty());
  EXPECT_EQ(loop.log.size(), 1u);
  // Applied, then a person moves it to 9.
  EXPECT_TRUE(loop.run(home_on(1), crowded_6(), kNight, kNight + 10 * kMinute).empty());
  EXPECT_TRUE(loop.run(home_on(9), crowded_6(), kNight, kNight + 20 * kMinute).empty());
  ASSERT_EQ(loop.log.size(), 2u);
  EXPECT_EQ(loop.log[1].action, "skipped-pinned");
  EXPECT_EQ(loop.log[1].reason,
            "channel 9 was chosen outside the optimiser (it had set 1); not changed");
  // Never touched again, nor judged, however crowded 9 is and however much time passes.
  const std::vector<NeighbourBss> crowded_9 = {bss(Band::k2g, 9, -45), bss(Band::k2g, 9, -50)};
  for (int day = 1; day <= 3; ++day) {
    EXPECT_TRUE(loop.run(home_on(9), crowded_9, kNight + day * kDay, kNight + day * kDay).empty());
  }
  EXPECT_EQ(loop.log.size(), 2u);
}

TEST(OptimiserTest, DisabledDoesNothing) {
  for (int which = 0; which < 2; ++which) {
    Loop loop;
    (which == 0 ? loop.config.enabled : loop.state.enabled) = false;
    loop.steering_path = "Device.WiFi.X_TEST_BandSteeringEnable";
    HomeSnapshot s = home();
    s.stations.push_back(station(Band::k2g, -45, 6));
    EXPECT_TRUE(loop.run(s, crowded_6(), kNight, kNight).empty());
    EXPECT_TRUE(loop.run(s, {}, 0, kNight).empty());
    EXPECT_TRUE(loop.log.empty());
    EXPECT_TRUE(loop.state.radios.empty());
    EXPECT_EQ(loop.state.scan_requested_ms, 0);
  }
}

TEST(OptimiserTest, Tr098GatewaysAreNotAskedToScanAndGetTheirTypes) {
  HomeSnapshot s = home();
  s.root = "InternetGatewayDevice.";
  s.radios[0].path = "InternetGatewayDevice.LANDevice.1.WLANConfiguration.1.";
  s.radios[1].path = "InternetGatewayDevice.LANDevice.1.WLANConfiguration.5.";
  Loop loop;
  EXPECT_TRUE(loop.run(s, {}, 0, kNight).empty());
  auto a = loop.run(s, crowded_6(), kNight, kNight);
  ASSERT_EQ(a.size(), 1u);
  EXPECT_TRUE(
      same(a[0].values,
           {{"InternetGatewayDevice.LANDevice.1.WLANConfiguration.1.Channel", "1", ValueType::kInt},
            {"InternetGatewayDevice.LANDevice.1.WLANConfiguration.1.AutoChannelEnable", "false",
             ValueType::kBoolean}}));
}

}  // namespace
}  // namespace hearth::diag
