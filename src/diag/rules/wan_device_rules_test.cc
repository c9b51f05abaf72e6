// The WAN rules (WAN-DOWN-1, WAN-FLAP-1, WAN-SPD-1, WAN-DNS-1), the outage codes (OUT-REG-1,
// PWR-CUT-1, DEV-OFFLINE-1) and the device rules (SYS-CRASH-1, SYS-MEM-1, SYS-CPU-1, SYS-FW-1).
#include <gtest/gtest.h>

#include "diag/rules/test_support.h"

namespace hearth::diag {
namespace {

using namespace testing;

struct OfflineCase {
  const char* name;
  bool regional;
  const char* line_event;
  const char* want;  // the one offline code raised
};

class OfflineTest : public ::testing::TestWithParam<OfflineCase> {};

TEST_P(OfflineTest, ExactlyOneOfflineCodeDecides) {
  const OfflineCase& c = GetParam();
  HomeContext ctx = context();
  ctx.offline = true;
  ctx.offline_since_ms = kT0 - 20 * kMinute;
  ctx.regional_outage = c.regional;
  ctx.line_event = c.line_event;
  ctx.line_event_ms = kT0 - 21 * kMinute;
  const auto h = history(3, kT0 - 25 * kMinute, 5 * kMinute, nullptr);  // the last snapshots before
  std::vector<std::string> raised;
  for (const char* code : {"OUT-REG-1", "PWR-CUT-1", "WAN-DOWN-1", "DEV-OFFLINE-1"}) {
    for (const Observation& o : run_rule(code, h, ctx, {}, kT0)) {
      if (o.raise) raised.push_back(o.code);
    }
  }
  ASSERT_EQ(raised.size(), 1u);
  EXPECT_EQ(raised[0], c.want);
}

INSTANTIATE_TEST_SUITE_P(
    Cases, OfflineTest,
    ::testing::Values(OfflineCase{"Regional", true, "", "OUT-REG-1"},
                      OfflineCase{"RegionalBeatsDyingGasp", true, "dying-gasp", "OUT-REG-1"},
                      OfflineCase{"DyingGasp", false, "dying-gasp", "PWR-CUT-1"},
                      OfflineCase{"LossOfSignal", false, "loss-of-signal", "WAN-DOWN-1"},
                      OfflineCase{"Unknown", false, "", "DEV-OFFLINE-1"}),
    [](const auto& p) { return std::string(p.param.name); });

TEST(OfflineTest, OnlineHomesRaiseNoOfflineCode) {
  const auto h = history(3, kT0, 5 * kMinute, nullptr);
  for (const char* code : {"OUT-REG-1", "PWR-CUT-1", "DEV-OFFLINE-1", "WAN-DOWN-1"}) {
    EXPECT_TRUE(run_rule(code, h).empty()) << code;
  }
}

TEST(WanDownTest, ReportedDownWhileStillTalking) {
  auto down_for = [](int snapshots) {
    return history(3, kT0, 5 * kMinute,
                   [=](HomeSnapshot& s, int i) { s.wan.up = i < 3 - snapshots; });
  };
  EXPECT_TRUE(run_rule("WAN-DOWN-1", down_for(1)).empty());  // one snapshot is not enough
  const auto obs = run_rule("WAN-DOWN-1", down_for(2));
  ASSERT_EQ(obs.size(), 1u);
  EXPECT_EQ(obs[0].severity, Severity::kCritical);
  EXPECT_EQ(obs[0].since_ms, kT0 - 5 * kMinute);
}

TEST(WanFlapTest, CountsDropsWithinTheHour) {
  // Down in every other snapshot: each up -> down is a drop.
  auto flapping =
      history(12, kT0, 5 * kMinute, [](HomeSnapshot& s, int i) { s.wan.up = i % 2 == 0; });
  EXPECT_EQ(verdict(run_rule("WAN-FLAP-1", flapping), ""), "raise");
  // The connection uptime restarting between snapshots (without a reboot) is a drop too.
  auto restarts = history(5, kT0, 5 * kMinute, [](HomeSnapshot& s, int i) {
    s.wan.connection_uptime_s = i == 1 || i == 3 ? 30 : (i == 2 ? 330 : 630);
  });
  EXPECT_EQ(verdict(run_rule("WAN-FLAP-1", restarts), ""), "band");  // two drops
  EXPECT_TRUE(run_rule("WAN-FLAP-1", history(5, kT0, 5 * kMinute, nullptr)).empty());
}

struct WanSpeedCase {
  const char* name;
  double download;  // NaN: no test
  double ping_ms;   // NaN: no ping
  uint32_t lost;    // of 10 pings
  const char* want;
};

class WanSpeedTest : public ::testing::TestWithParam<WanSpeedCase> {};

TEST_P(WanSpeedTest, SpeedTestAndPing) {
  const WanSpeedCase& c = GetParam();
  auto h = history(2, kT0, 5 * kMinute, [&](HomeSnapshot& s, int) {
    if (known(c.download)) s.wan.download = SpeedResult{s.time_ms, true, false, c.download};
    if (known(c.ping_ms))
      s.wan.ping = PingResult{s.time_ms,   "ping.example", true,      false,
                              10 - c.lost, c.lost,         c.ping_ms, c.ping_ms};
  });
  EXPECT_EQ(verdict(run_rule("WAN-SPD-1", h), ""), c.want);  // plan: 100 Mbit/s
}

INSTANTIATE_TEST_SUITE_P(Cases, WanSpeedTest,
                         ::testing::Values(WanSpeedCase{"NoTests", kUnknown, kUnknown, 0, "clear"},
                                           WanSpeedCase{"FullSpeed", 94, 12, 0, "clear"},
                                           WanSpeedCase{"Slow", 25, 12, 0, "raise"},
                                           WanSpeedCase{"AlmostFull", 82, 12, 0, "band"},
                                           WanSpeedCase{"HighLatency", kUnknown, 75, 0, "raise"},
                                           WanSpeedCase{"OneLostPing", kUnknown, 12, 1, "clear"},
                                           WanSpeedCase{"LossyLine", kUnknown, 12, 3, "raise"}),
                         [](const auto& p) { return std::string(p.param.name); });

TEST(DnsTest, PingToANameThatDoesNotResolve) {
  auto make = [](bool resolve_failed) {
    return history(2, kT0, 5 * kMinute, [=](HomeSnapshot& s, int) {
      s.wan.ping.time_ms = s.time_ms;
      s.wan.ping.host = "ping.example";
      s.wan.ping.ok = !resolve_failed;
      s.wan.ping.name_resolution_failed = resolve_failed;
      s.wan.download = SpeedResult{s.time_ms, true, false, 90};  // an older test that went fine
    });
  };
  const auto obs = run_rule("WAN-DNS-1", make(true));
  ASSERT_EQ(obs.size(), 1u);
  EXPECT_EQ(obs[0].severity, Severity::kCritical);
  EXPECT_TRUE(run_rule("WAN-DNS-1", make(false)).empty());
}

TEST(CrashLoopTest, CountsBootsInTheLastHour) {
  HomeContext ctx = context();
  auto h = history(3, kT0, 5 * kMinute, nullptr);
  ctx.boots_ms = {kT0 - 50 * kMinute, kT0 - 30 * kMinute};
  EXPECT_EQ(verdict(run_rule("SYS-CRASH-1", h, ctx), "dev-1"), "band");
  ctx.boots_ms.push_back(kT0 - 4 * kMinute);
  const auto obs = run_rule("SYS-CRASH-1", h, ctx);
  ASSERT_EQ(verdict(obs, "dev-1"), "raise");
  EXPECT_EQ(obs[0].since_ms, kT0 - 50 * kMinute);
  ctx.boots_ms = {kT0 - 3 * 3600'000LL, kT0 - 2 * 3600'000LL, kT0 - 90 * kMinute};  // an old loop
  EXPECT_TRUE(run_rule("SYS-CRASH-1", h, ctx).empty());
  // Uptime restarts in the snapshots count as boots too (one boot seen twice is one).
  auto rebooting = history(6, kT0, 5 * kMinute,
                           [](HomeSnapshot& s, int i) { s.device.uptime_s = 60 + i % 2 * 300; });
  EXPECT_EQ(verdict(run_rule("SYS-CRASH-1", rebooting, context()), "dev-1"), "raise");
}

TEST(MemoryTest, SteadyFallWithinOneBootIsALeak) {
  // 3% of the total per hour, 5-minute snapshots over 40 minutes.
  auto leaking = history(9, kT0, 5 * kMinute, [](HomeSnapshot& s, int i) {
    s.device.memory_free_kib = 100000 - i * 0.03 * 262144 / 12;
  });
  const auto obs = run_rule("SYS-MEM-1", leaking);
  ASSERT_EQ(verdict(obs, "dev-1"), "raise");
  EXPECT_EQ(obs[0].since_ms, kT0 - 40 * kMinute);
  // The same fall across a reboot is two short runs: not a leak.
  auto rebooted = leaking;
  for (size_t i = 5; i < rebooted.size(); ++i)
    rebooted[i].device.uptime_s = static_cast<int64_t>(i - 5) * 300 + 10;
  EXPECT_NE(verdict(run_rule("SYS-MEM-1", rebooted), "dev-1"), "raise");
  // Flat memory with small ups and downs: quiet.
  auto flat = history(12, kT0, 5 * kMinute, [](HomeSnapshot& s, int i) {
    s.device.memory_free_kib = 100000 + (i % 3) * 500;
  });
  EXPECT_TRUE(run_rule("SYS-MEM-1", flat).empty());
  // Very little free memory raises at once.
  auto low =
      history(1, kT0, 5 * kMinute, [](HomeSnapshot& s, int) { s.device.memory_free_kib = 10000; });
  EXPECT_EQ(verdict(run_rule("SYS-MEM-1", low), "dev-1"), "raise");
}

TEST(CpuTest, SustainedLoadOnly) {
  auto busy = [](int snapshots) {
    return history(4, kT0, 5 * kMinute, [=](HomeSnapshot& s, int i) {
      s.device.cpu_pct = i >= 4 - snapshots ? 95 : 20;
    });
  };
  EXPECT_EQ(verdict(run_rule("SYS-CPU-1", busy(3)), "dev-1"), "raise");
  EXPECT_EQ(verdict(run_rule("SYS-CPU-1", busy(1)), "dev-1"), "band");
  EXPECT_TRUE(run_rule("SYS-CPU-1", busy(0)).empty());
}

struct FirmwareCase {
  const char* running;
  const char* latest;
  bool older;
};

class FirmwareTest : public ::testing::TestWithParam<FirmwareCase> {};

TEST_P(FirmwareTest, ComparesNumericParts) {
  const FirmwareCase& c = GetParam();
  HomeContext ctx = context();
  ctx.latest_firmware = c.latest;
  auto h = history(1, kT0, 5 * kMinute,
                   [&](HomeSnapshot& s, int) { s.device.software_version = c.running; });
  EXPECT_EQ(!run_rule("SYS-FW-1", h, ctx).empty(), c.older) << c.running << " vs " << c.latest;
}

INSTANTIATE_TEST_SUITE_P(Cases, FirmwareTest,
                         ::testing::Values(FirmwareCase{"1.2.3", "1.2.4", true},
                                           FirmwareCase{"1.2.10", "1.2.9", false},
                                           FirmwareCase{"1.2.3", "1.2.3", false},
                                           FirmwareCase{"1.2.3", "", false},
                                           FirmwareCase{"V5R019C10S115", "V5R019C10S125", true},
                                           FirmwareCase{"7.57", "7.29", false}));

}  // namespace
}  // namespace hearth::diag
