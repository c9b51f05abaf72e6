// Snapshots of simulated homes over time: traffic rates between two reads, TR-143 results after
// the gateway ran a test, and stations failing to join, for every vendor model.
#include <gtest/gtest.h>

#include <cmath>

#include "diag/telemetry/sim_fixture.h"

namespace hearth::diag {
namespace {

using namespace simtest;

class SnapshotOverTimeTest : public ::testing::TestWithParam<uint8_t> {};

TEST_P(SnapshotOverTimeTest, TwoSnapshotsAMinuteApartGiveTrafficRates) {
  Gateway g(GetParam(), busy_home());
  put_on_extenders(g.home);
  const HomeSnapshot first = g.snapshot(kT0 + kMinute);
  EXPECT_TRUE(std::isnan(first.wan.rx_mbps));  // nothing to compare with yet
  const HomeSnapshot s = g.snapshot(kT0 + 2 * kMinute);
  double demand = 0;
  for (const sim::Station& hs : g.home.stations) demand += associated(g.home, hs) ? hs.demand_mbps : 0;
  EXPECT_NEAR(s.wan.rx_mbps, demand + 0.02, 0.01 * demand);  // + background traffic
  EXPECT_GT(s.wan.tx_mbps, 0);
  for (const Station& x : s.stations) {
    if (g.tr098()) continue;  // TR-098 has no per-station counters
    for (const sim::Station& hs : g.home.stations) {
      if (mac(hs.mac) == x.mac) {
        EXPECT_NEAR(x.down_mbps, hs.demand_mbps, 0.01) << x.mac;
        // Gateway stations say it per 100 packets, extender stations through their counters.
        EXPECT_NEAR(x.retrans_pct, 100 * sim::station_link(g.home, hs).retransmission_ratio, 1.0) << x.mac;
      }
    }
    EXPECT_GT(x.up_mbps, 0);
  }
  // A reboot in between: no rates from counters that restarted.
  g.dm->booted(kT0 + 3 * kMinute);
  const HomeSnapshot after = g.snapshot(kT0 + 4 * kMinute);
  EXPECT_TRUE(std::isnan(after.wan.rx_mbps));
}

TEST_P(SnapshotOverTimeTest, PingReportsAFailingNameServer) {
  Gateway g(GetParam());
  const std::string ping = g.tr098() ? "InternetGatewayDevice.IPPingDiagnostics." : "Device.IP.Diagnostics.IPPing.";
  const std::vector<cwmp::ParameterValue> inputs = {{ping + "Host", "www.example.com", cwmp::ValueType::kString},
                                                    {ping + "DiagnosticsState", "Requested", cwmp::ValueType::kString}};
  EXPECT_EQ(g.snapshot(kT0 + kMinute).wan.ping.time_ms, 0);  // never ran
  g.run(sim::DiagnosticKind::kIpPing, inputs, kT0 + kMinute);
  HomeSnapshot s = g.snapshot(kT0 + 2 * kMinute);
  EXPECT_EQ(s.wan.ping.time_ms, kT0 + 2 * kMinute);
  EXPECT_EQ(s.wan.ping.host, "www.example.com");
  EXPECT_TRUE(s.wan.ping.ok);
  EXPECT_FALSE(s.wan.ping.name_resolution_failed);
  EXPECT_EQ(s.wan.ping.success_count, 3u);
  EXPECT_NEAR(s.wan.ping.avg_ms, g.home.wan.base_latency_ms, g.home.wan.base_latency_ms * 0.3);
  g.home.cond.dns_failure = true;
  g.run(sim::DiagnosticKind::kIpPing, inputs, kT0 + 3 * kMinute);
  s = g.snapshot(kT0 + 4 * kMinute);
  EXPECT_FALSE(s.wan.ping.ok);
  EXPECT_TRUE(s.wan.ping.name_resolution_failed);
  EXPECT_TRUE(s.wan.up);  // the line itself is fine
}

TEST_P(SnapshotOverTimeTest, DownloadSpeedAndItsNameFailure) {
  Gateway g(GetParam());
  const std::string dl =
      g.tr098() ? "InternetGatewayDevice.DownloadDiagnostics." : "Device.IP.Diagnostics.DownloadDiagnostics.";
  const std::vector<cwmp::ParameterValue> inputs = {
      {dl + "DownloadURL", "http://speed.example/file", cwmp::ValueType::kString},
      {dl + "DiagnosticsState", "Requested", cwmp::ValueType::kString}};
  g.run(sim::DiagnosticKind::kDownload, inputs, kT0 + kMinute);
  HomeSnapshot s = g.snapshot(kT0 + 2 * kMinute);
  EXPECT_TRUE(s.wan.download.ok);
  EXPECT_NEAR(s.wan.download.mbps, g.home.wan.plan_down_kbps / 1000.0 * 0.94, g.home.wan.plan_down_kbps / 1000.0 * 0.05);
  g.home.cond.dns_failure = true;
  g.run(sim::DiagnosticKind::kDownload, inputs, kT0 + 3 * kMinute);
  s = g.snapshot(kT0 + 4 * kMinute);
  EXPECT_FALSE(s.wan.download.ok);
  EXPECT_TRUE(s.wan.download.name_resolution_failed);
}

TEST_P(SnapshotOverTimeTest, WrongPasswordShowsAsJoinFailures) {
  Gateway g(GetParam());
  g.snapshot(kT0 + kMinute);
  sim::Station& s = g.home.stations[0];
  s.wrong_password = true;
  s.associated_since_ms = kT0 + 2 * kMinute;  // when its failures began
  const HomeSnapshot snap = g.snapshot(kT0 + 10 * kMinute);
  EXPECT_GE(snap.join_failures.count, 5);
  if (!g.tr098()) {
    EXPECT_EQ(snap.join_failures.macs, std::vector<std::string>{mac(s.mac)});
  }
  EXPECT_EQ(station_of(snap, s.mac), nullptr);
  // The next snapshot counts only what is new.
  const HomeSnapshot next = g.snapshot(kT0 + 15 * kMinute);
  EXPECT_GE(next.join_failures.count, 3);
  EXPECT_LE(next.join_failures.count, 7);
}

INSTANTIATE_TEST_SUITE_P(Models, SnapshotOverTimeTest, every_model(), model_name);

}  // namespace
}  // namespace hearth::diag
