// WIFI-COV-1 (weak signal, coverage hole), WIFI-COV-2 (sticky client) and WIFI-BH-1 (backhaul) on
// hand-made homes.
#include <gtest/gtest.h>

#include "diag/rules/test_support.h"

namespace hearth::diag {
namespace {

using namespace testing;

constexpr const char* kSta = "02:00:00:00:00:01";    // on 5 GHz (weak below -72 dBm)
constexpr const char* kSta2g = "02:00:00:00:00:02";  // on 2.4 GHz (weak below -75 dBm)

struct SignalCase {
  const char* name;
  const char* mac;
  std::vector<double> signals;  // oldest first, 5 minutes apart
  const char* want;
};

class WeakSignalTest : public ::testing::TestWithParam<SignalCase> {};

TEST_P(WeakSignalTest, JudgesTheStationOverTheWindow) {
  const SignalCase& c = GetParam();
  const int n = static_cast<int>(c.signals.size());
  auto h = history(n, kT0, 5 * kMinute,
                   [&](HomeSnapshot& s, int i) { find(s, c.mac).signal_dbm = c.signals[i]; });
  EXPECT_EQ(verdict(run_rule("WIFI-COV-1", h), c.mac), c.want);
}

INSTANTIATE_TEST_SUITE_P(
    Cases, WeakSignalTest,
    ::testing::Values(SignalCase{"GoodSignal", kSta, {-60, -60, -60}, "clear"},
                      SignalCase{"WeakThroughout5GHz", kSta, {-78, -79, -78}, "raise"},
                      SignalCase{"JustAboveThe5GHzLevel", kSta, {-71, -71, -71}, "band"},
                      SignalCase{"AboveLevelPlusMargin", kSta, {-68, -68, -68}, "clear"},
                      SignalCase{"WeakOnlyNow", kSta, {-60, -60, -78}, "band"},
                      SignalCase{"WeakTwoOfThree", kSta, {-60, -78, -78}, "raise"},
                      SignalCase{"RecoveredNow", kSta, {-78, -78, -70}, "band"},
                      SignalCase{"At74On2GHzIsFine", kSta2g, {-74, -74, -74}, "band"},
                      SignalCase{"At77On2GHzIsWeak", kSta2g, {-77, -77, -77}, "raise"}),
    [](const auto& p) { return std::string(p.param.name); });

TEST(WeakSignalTest, FindingCarriesEvidenceTextsAndWhenItBegan) {
  auto h = history(4, kT0, 5 * kMinute,
                   [](HomeSnapshot& s, int i) { find(s, kSta).signal_dbm = i == 0 ? -60 : -80; });
  const auto obs = run_rule("WIFI-COV-1", h);
  const Observation* o = observed(obs, kSta);
  ASSERT_NE(o, nullptr);
  EXPECT_TRUE(o->raise);
  EXPECT_EQ(o->since_ms, kT0 - 10 * kMinute);  // the three weak snapshots
  EXPECT_EQ(o->entity.kind, EntityKind::kStation);
  EXPECT_EQ(o->entity.label, "host-01");
  EXPECT_NE(o->customer_text.find("reaches host-01 only weakly (-80 dBm)"), std::string::npos)
      << o->customer_text;
  EXPECT_NE(o->agent_text.find("-80 dBm < -72 dBm"), std::string::npos) << o->agent_text;
  EXPECT_EQ(o->remedy.action, "add-extender");  // no extender yet
  ASSERT_FALSE(o->evidence.empty());
  EXPECT_EQ(o->evidence[0].name, "signalDbm");
  EXPECT_EQ(o->evidence[0].unit, "dBm");
  EXPECT_DOUBLE_EQ(o->evidence[0].value, -80);
}

TEST(WeakSignalTest, ThresholdsComeFromTheConfiguration) {
  DiagConfig config;
  config.weak_signal_5g_dbm = -80;
  auto h =
      history(3, kT0, 5 * kMinute, [](HomeSnapshot& s, int) { find(s, kSta).signal_dbm = -78; });
  EXPECT_EQ(verdict(run_rule("WIFI-COV-1", h, context(), config), kSta), "band");
}

// A node's coverage hole: stations below -80 dBm, >= 3 of them or >= 25% of its clients.
struct HoleCase {
  const char* name;
  int weak;  // stations at -84 dBm
  int good;  // stations at -50 dBm
  const char* want;
};

class CoverageHoleTest : public ::testing::TestWithParam<HoleCase> {};

TEST_P(CoverageHoleTest, CountsWeakClientsOfTheNode) {
  const HoleCase& c = GetParam();
  auto h = history(3, kT0, 5 * kMinute, [&](HomeSnapshot& s, int) {
    s.stations.clear();
    for (int i = 0; i < c.weak; ++i)
      s.stations.push_back(station("02:00:00:00:01:0" + std::to_string(i), Band::k2g, -84));
    for (int i = 0; i < c.good; ++i)
      s.stations.push_back(station("02:00:00:00:02:0" + std::to_string(i), Band::k5g, -50));
  });
  EXPECT_EQ(verdict(run_rule("WIFI-COV-1", h), "aa:00:00:00:00:00"), c.want);
}

INSTANTIATE_TEST_SUITE_P(Cases, CoverageHoleTest,
                         ::testing::Values(HoleCase{"ThreeOfMany", 3, 9, "raise"},
                                           HoleCase{"TwoOfFourIsAQuarter", 2, 2, "raise"},
                                           HoleCase{"TwoOfNineIsNot", 2, 7, "clear"},
                                           HoleCase{"OneAloneIsNot", 1, 0, "clear"},
                                           HoleCase{"NoWeakClients", 0, 5, "clear"}),
                         [](const auto& p) { return std::string(p.param.name); });

TEST(CoverageHoleTest, StickyClientsAreNotAHole) {
  auto h = history(3, kT0, 5 * kMinute, [](HomeSnapshot& s, int) {
    const int ext = add_extender(s, -60);
    s.stations.clear();
    for (int i = 0; i < 3; ++i) {
      Station st = station("02:00:00:00:01:0" + std::to_string(i), Band::k2g, -84);
      st.heard_by.push_back({ext, Band::k2g, -60});
      s.stations.push_back(st);
    }
  });
  const auto obs = run_rule("WIFI-COV-1", h);
  EXPECT_EQ(verdict(obs, "aa:00:00:00:00:00"), "clear");
  EXPECT_EQ(verdict(obs, "02:00:00:00:01:00"), "raise");  // still weak itself
}

struct StickyCase {
  const char* name;
  double signal;
  double other;
  const char* want;
};

class StickyClientTest : public ::testing::TestWithParam<StickyCase> {};

TEST_P(StickyClientTest, ComparesWithTheBestOtherNode) {
  const StickyCase& c = GetParam();
  auto h = history(2, kT0, 5 * kMinute, [&](HomeSnapshot& s, int) {
    const int ext = add_extender(s, -60);
    Station& st = find(s, kSta);
    st.signal_dbm = c.signal;
    st.heard_by.push_back({ext, Band::k5g, c.other});
    st.heard_by.push_back({0, Band::k5g, c.signal});  // its own node does not count
  });
  EXPECT_EQ(verdict(run_rule("WIFI-COV-2", h), kSta), c.want);
}

INSTANTIATE_TEST_SUITE_P(Cases, StickyClientTest,
                         ::testing::Values(StickyCase{"WeakAndHeardMuchBetter", -76, -60, "raise"},
                                           StickyCase{"ExactlyEightBetter", -74, -66, "raise"},
                                           StickyCase{"OnlySixBetter", -74, -68, "band"},
                                           StickyCase{"OnlyTwoBetter", -74, -72, "clear"},
                                           StickyCase{"NotWeak", -60, -40, "clear"},
                                           StickyCase{"JustAboveTheLevel", -69, -50, "band"}),
                         [](const auto& p) { return std::string(p.param.name); });

TEST(StickyClientTest, NamesBothNodesAndSteers) {
  auto h = history(3, kT0, 5 * kMinute, [](HomeSnapshot& s, int) {
    const int ext = add_extender(s, -60);
    Station& st = find(s, kSta);
    st.signal_dbm = -78;
    st.heard_by.push_back({ext, Band::k5g, -58});
  });
  const auto obs = run_rule("WIFI-COV-2", h);
  const Observation* o = observed(obs, kSta);
  ASSERT_NE(o, nullptr);
  EXPECT_EQ(o->since_ms, kT0 - 10 * kMinute);
  EXPECT_EQ(o->remedy.action, "steer-station");
  EXPECT_NE(o->customer_text.find("the router"), std::string::npos);
  EXPECT_NE(o->customer_text.find("extender 1"), std::string::npos);
}

struct BackhaulCase {
  const char* name;
  double signal;
  double phy;
  double traffic;  // of the extender's one station
  const char* want;
};

class BackhaulTest : public ::testing::TestWithParam<BackhaulCase> {};

TEST_P(BackhaulTest, JudgesSignalAndCapacity) {
  const BackhaulCase& c = GetParam();
  auto h = history(2, kT0, 5 * kMinute, [&](HomeSnapshot& s, int) {
    const int ext = add_extender(s, c.signal);
    s.nodes[static_cast<size_t>(ext)].backhaul_phy_mbps = c.phy;
    Station st = station("02:00:00:00:03:01", Band::k5g, -55, ext);
    st.down_mbps = c.traffic;
    st.up_mbps = 0;
    s.stations.push_back(st);
  });
  EXPECT_EQ(verdict(run_rule("WIFI-BH-1", h), "aa:00:00:00:00:08"), c.want);
}

INSTANTIATE_TEST_SUITE_P(Cases, BackhaulTest,
                         ::testing::Values(BackhaulCase{"Healthy", -60, 800, 5, "clear"},
                                           BackhaulCase{"WeakSignal", -76, 200, 1, "raise"},
                                           BackhaulCase{"HysteresisBand", -68, 500, 1, "band"},
                                           BackhaulCase{"TooSlowForItsTraffic", -60, 40, 15,
                                                        "raise"},
                                           BackhaulCase{"SlowButIdle", -60, 40, 0.5, "clear"}),
                         [](const auto& p) { return std::string(p.param.name); });

TEST(BackhaulTest, WiredExtendersAreFine) {
  auto h = history(2, kT0, 5 * kMinute, [](HomeSnapshot& s, int) {
    const int ext = add_extender(s, -90);
    s.nodes[static_cast<size_t>(ext)].backhaul = "ethernet";
  });
  EXPECT_TRUE(run_rule("WIFI-BH-1", h).empty());
}

TEST(WifiRulesTest, SilentWhileTheHomeIsOffline) {
  auto h =
      history(3, kT0, 5 * kMinute, [](HomeSnapshot& s, int) { find(s, kSta).signal_dbm = -85; });
  HomeContext ctx = context();
  ctx.offline = true;
  EXPECT_TRUE(run_rule("WIFI-COV-1", h, ctx).empty());
}

}  // namespace
}  // namespace hearth::diag
