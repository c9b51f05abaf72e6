// WIFI-CAP-1 / CAP-2 (busy channel and its cause), WIFI-PHY-2 (slow client's airtime),
// WIFI-RTY-1, WIFI-PHY-1, WIFI-CHAN-1, WIFI-AUTH-1 and WIFI-SPD-1 on hand-made homes.
#include <gtest/gtest.h>

#include "diag/rules/test_support.h"

namespace hearth::diag {
namespace {

using namespace testing;

constexpr const char* kRadio2g = "aa:00:00:00:00:00/2.4GHz";
constexpr const char* kRadio5g = "aa:00:00:00:00:00/5GHz";

struct LoadCase {
  const char* name;
  const char* radio;
  double util;
  double self;
  int neighbours;
  double noise;  // 0: the healthy default
  int minutes;   // how long it has been this busy (snapshots 5 min apart)
  const char* cap1;
  const char* cap2;
};

class BusyChannelTest : public ::testing::TestWithParam<LoadCase> {};

TEST_P(BusyChannelTest, ClassifiesTheCause) {
  const LoadCase& c = GetParam();
  const int n = c.minutes / 5 + 1;
  auto h = history(n + 1, kT0, 5 * kMinute, [&](HomeSnapshot& s, int i) {
    if (i == 0) return;  // quiet before
    for (Radio& r : s.radios) {
      if (r.id != c.radio) continue;
      r.utilisation_pct = c.util;
      r.utilisation_self_pct = c.self;
      r.neighbour_bss = c.neighbours;
      if (c.noise != 0) r.noise_dbm = c.noise;
    }
  });
  EXPECT_EQ(verdict(run_rule("WIFI-CAP-1", h), c.radio), c.cap1);
  EXPECT_EQ(verdict(run_rule("WIFI-CAP-2", h), c.radio), c.cap2);
}

INSTANTIATE_TEST_SUITE_P(
    Cases, BusyChannelTest,
    ::testing::Values(LoadCase{"Quiet", kRadio2g, 30, 10, 4, 0, 15, "clear", "clear"},
                      LoadCase{"CrowdedChannel", kRadio2g, 80, 10, 35, 0, 15, "raise", "clear"},
                      LoadCase{"OwnTraffic", kRadio5g, 75, 60, 2, 0, 15, "raise", "clear"},
                      LoadCase{"Interferer2GHz", kRadio2g, 65, 8, 4, 0, 15, "clear", "raise"},
                      LoadCase{"RaisedNoiseWins", kRadio2g, 70, 8, 35, -84, 15, "clear", "raise"},
                      LoadCase{"NoiseFarAboveThe5GHzFloor", kRadio2g, 70, 8, 35, -89, 15, "clear",
                               "raise"},
                      LoadCase{"FewNeighbours5GHzIsNotInterference", kRadio5g, 70, 10, 2, 0, 15,
                               "raise", "clear"},
                      LoadCase{"NotLongEnough", kRadio2g, 80, 10, 35, 0, 5, "band", "clear"},
                      LoadCase{"HysteresisBand", kRadio2g, 45, 10, 35, 0, 15, "band", "clear"}),
    [](const auto& p) { return std::string(p.param.name); });

TEST(BusyChannelTest, FindingNamesTheCauseAndTheChannel) {
  auto h = history(4, kT0, 5 * kMinute, [](HomeSnapshot& s, int) {
    Radio& r = radio(s, 0, Band::k2g);
    r.utilisation_pct = 82;
    r.neighbour_bss = 40;
  });
  const auto obs = run_rule("WIFI-CAP-1", h);
  const Observation* o = observed(obs, kRadio2g);
  ASSERT_NE(o, nullptr);
  EXPECT_EQ(o->since_ms, kT0 - 15 * kMinute);
  EXPECT_EQ(o->health_cost, 20);  // above the act level
  EXPECT_EQ(o->remedy.action, "change-channel");
  EXPECT_NE(o->customer_text.find("many neighbouring Wi-Fi networks"), std::string::npos)
      << o->customer_text;
  EXPECT_NE(o->agent_text.find("40 overlapping BSSs"), std::string::npos) << o->agent_text;
}

TEST(BusyChannelTest, WithoutOwnAirtimeSlowClientsAreNotCalledInterference) {
  auto h = history(4, kT0, 5 * kMinute, [](HomeSnapshot& s, int) {
    Radio& r = radio(s, 0, Band::k2g);
    r.utilisation_pct = 60;
    r.utilisation_self_pct = kUnknown;
    for (Station& st : s.stations) st.down_mbps = st.up_mbps = kUnknown;
    Station tv = station("02:00:00:00:04:02", Band::k2g, -64);
    tv.generation = -1;
    tv.max_phy_mbps = kUnknown;
    tv.phy_down_mbps = 65;
    tv.down_mbps = tv.up_mbps = kUnknown;
    s.stations.push_back(tv);
  });
  EXPECT_EQ(verdict(run_rule("WIFI-CAP-2", h), kRadio2g), "clear");
  EXPECT_EQ(verdict(run_rule("WIFI-CAP-1", h), kRadio2g), "raise");
  EXPECT_EQ(verdict(run_rule("WIFI-PHY-2", h), kRadio2g), "raise");
}

// A slow client: its traffic at its PHY rate takes >= 20% of the airtime.
struct SlowClientCase {
  const char* name;
  int generation;
  double max_phy;  // NaN: not reported
  double phy;
  double traffic;
  const char* want;
};

class SlowClientTest : public ::testing::TestWithParam<SlowClientCase> {};

TEST_P(SlowClientTest, JudgesCapabilityAndAirtime) {
  const SlowClientCase& c = GetParam();
  auto h = history(2, kT0, 5 * kMinute, [&](HomeSnapshot& s, int) {
    Station st = station("02:00:00:00:04:01", Band::k2g, -62);
    st.generation = c.generation;
    st.max_phy_mbps = c.max_phy;
    st.phy_down_mbps = c.phy;
    st.down_mbps = c.traffic;
    st.up_mbps = 0;
    s.stations.push_back(st);
  });
  EXPECT_EQ(verdict(run_rule("WIFI-PHY-2", h), "02:00:00:00:04:01"), c.want);
}

INSTANTIATE_TEST_SUITE_P(
    Cases, SlowClientTest,
    ::testing::Values(SlowClientCase{"OneStreamStreaming", 4, 72, 65, 10, "raise"},
                      SlowClientCase{"OneStreamIdle", 4, 72, 65, 0.5, "clear"},
                      SlowClientCase{"OneStreamModerate", 4, 72, 65, 6, "band"},
                      SlowClientCase{"TwoStreamWifi5On2GHz", 4, 144, 130, 10, "clear"},
                      SlowClientCase{"UnknownCapabilitySlowAtGoodSignal", -1, kUnknown, 65, 10,
                                     "raise"},
                      SlowClientCase{"Wifi6Streaming", 6, 287, 260, 10, "clear"},
                      SlowClientCase{"Legacy80211g", 3, 54, 48, 8, "raise"}),
    [](const auto& p) { return std::string(p.param.name); });

TEST(SlowClientTest, WithoutStationTrafficTheBusyRadioIsFlagged) {
  auto h = history(4, kT0, 5 * kMinute, [](HomeSnapshot& s, int) {
    s.root = "InternetGatewayDevice.";
    for (Station& st : s.stations) st.down_mbps = st.up_mbps = kUnknown;
    Station tv = station("02:00:00:00:04:02", Band::k2g, -63);
    tv.generation = -1;
    tv.max_phy_mbps = kUnknown;
    tv.phy_down_mbps = 72;
    tv.down_mbps = tv.up_mbps = kUnknown;
    s.stations.push_back(tv);
    radio(s, 0, Band::k2g).utilisation_pct = 45;
    radio(s, 0, Band::k2g).utilisation_self_pct = kUnknown;
  });
  const auto obs = run_rule("WIFI-PHY-2", h);
  EXPECT_EQ(verdict(obs, kRadio2g), "raise");  // busy for 15 minutes
  const std::vector<HomeSnapshot> shorter(h.begin() + 1, h.end());
  EXPECT_EQ(verdict(run_rule("WIFI-PHY-2", shorter), kRadio2g), "band");
  // A crowd of neighbours explains the same load: no finding.
  for (HomeSnapshot& s : h) radio(s, 0, Band::k2g).neighbour_bss = 40;
  EXPECT_EQ(verdict(run_rule("WIFI-PHY-2", h), kRadio2g), "clear");
}

struct RetryCase {
  const char* name;
  double retrans;
  double traffic;
  const char* want;
};

class RetransmissionTest : public ::testing::TestWithParam<RetryCase> {};

TEST_P(RetransmissionTest, UsesAttemptsAndNeedsTraffic) {
  const RetryCase& c = GetParam();
  auto h = history(2, kT0, 5 * kMinute, [&](HomeSnapshot& s, int) {
    Station& st = find(s, "02:00:00:00:00:01");
    st.retrans_pct = c.retrans;
    st.down_mbps = c.traffic;
    st.up_mbps = 0;
  });
  EXPECT_EQ(verdict(run_rule("WIFI-RTY-1", h), "02:00:00:00:00:01"), c.want);
}

INSTANTIATE_TEST_SUITE_P(Cases, RetransmissionTest,
                         ::testing::Values(RetryCase{"Normal", 6, 2, "clear"},
                                           RetryCase{"High", 28, 2, "raise"},
                                           RetryCase{"Band", 17, 2, "band"},
                                           RetryCase{"HighButIdle", 28, 0, "band"}),
                         [](const auto& p) { return std::string(p.param.name); });

TEST(SlowLinkTest, FlagsARateFarBelowWhatTheSignalAllows) {
  auto make = [](double phy) {
    return history(2, kT0, 5 * kMinute, [phy](HomeSnapshot& s, int) {
      Station& st = find(s, "02:00:00:00:00:01");  // SNR 45 dB, capability 1200
      st.phy_down_mbps = phy;
    });
  };
  EXPECT_EQ(verdict(run_rule("WIFI-PHY-1", make(600)), "02:00:00:00:00:01"), "clear");
  EXPECT_EQ(verdict(run_rule("WIFI-PHY-1", make(400)), "02:00:00:00:00:01"), "band");
  EXPECT_EQ(verdict(run_rule("WIFI-PHY-1", make(100)), "02:00:00:00:00:01"), "raise");
}

TEST(ChannelPlanTest, OffGridOrOverlappingOwnChannels) {
  auto off_grid = history(1, kT0, 5 * kMinute,
                          [](HomeSnapshot& s, int) { radio(s, 0, Band::k2g).channel = 3; });
  const auto obs = run_rule("WIFI-CHAN-1", off_grid);
  const Observation* o = observed(obs, kRadio2g);
  ASSERT_NE(o, nullptr);
  EXPECT_EQ(o->severity, Severity::kInfo);
  auto overlap = history(1, kT0, 5 * kMinute, [](HomeSnapshot& s, int) {
    add_extender(s, -60);
    radio(s, 1, Band::k2g).channel = 9;
    radio(s, 0, Band::k2g).channel = 11;
  });
  EXPECT_EQ(verdict(run_rule("WIFI-CHAN-1", overlap), kRadio2g), "raise");
  EXPECT_TRUE(run_rule("WIFI-CHAN-1", history(1, kT0, 5 * kMinute, nullptr)).empty());
}

TEST(JoinFailureTest, CountsFailuresInTheWindow) {
  auto make = [](int per_snapshot, bool named) {
    return history(3, kT0, 5 * kMinute, [=](HomeSnapshot& s, int) {
      s.join_failures.count = per_snapshot;
      if (named && per_snapshot > 0)
        s.join_failures.macs.assign(static_cast<size_t>(per_snapshot), "02:00:00:00:09:09");
    });
  };
  EXPECT_EQ(verdict(run_rule("WIFI-AUTH-1", make(5, true)), "02:00:00:00:09:09"), "raise");
  EXPECT_EQ(verdict(run_rule("WIFI-AUTH-1", make(5, false)), ""), "raise");  // the home
  EXPECT_EQ(verdict(run_rule("WIFI-AUTH-1", make(0, false)), ""), "clear");
  auto once = make(0, false);
  once.back().join_failures.count = 1;
  EXPECT_EQ(verdict(run_rule("WIFI-AUTH-1", once), ""), "band");
  const auto obs = run_rule("WIFI-AUTH-1", make(5, true));
  const Observation* o = observed(obs, "02:00:00:00:09:09");
  ASSERT_NE(o, nullptr);
  EXPECT_EQ(o->remedy.action, "check-wifi-password");
}

TEST(WifiSpeedTest, LineFineButWifiSlow) {
  auto make = [](double test_mbps, double phy) {
    return history(2, kT0, 5 * kMinute, [=](HomeSnapshot& s, int) {
      s.wan.download = SpeedResult{s.time_ms, true, false, test_mbps};
      for (Station& st : s.stations) st.phy_down_mbps = phy;
    });
  };
  EXPECT_EQ(verdict(run_rule("WIFI-SPD-1", make(95, 20)), ""), "raise");
  EXPECT_EQ(verdict(run_rule("WIFI-SPD-1", make(95, 600)), ""), "clear");
  EXPECT_EQ(verdict(run_rule("WIFI-SPD-1", make(40, 20)), ""), "clear");  // the line is slow itself
}

}  // namespace
}  // namespace hearth::diag
