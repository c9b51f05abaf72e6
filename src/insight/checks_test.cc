// Offline and regional decisions, WAN test scheduling and the tasks that run the tests.
#include "insight/checks.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace hearth::insight {
namespace {

TEST(ChecksTest, OfflineAfterTwoMissedIntervalsAndTheGrace) {
  struct Case { int64_t last, interval_s, now; bool offline; };
  const Case cases[] = {
      {1'000'000, 300, 1'000'000 + 600'000 + 60'000, false},
      {1'000'000, 300, 1'000'000 + 600'000 + 60'001, true},
      {1'000'000, 0, 1'000'000 + 7'200'000 + 60'001, true},  // unknown interval: an hour
      {1'000'000, 0, 1'000'000 + 7'200'000, false},
      {0, 300, 99'000'000, false},                           // never seen: not offline
  };
  for (const auto& c : cases) {
    EXPECT_EQ(is_offline(c.last, c.interval_s, c.now, 60'000), c.offline) << c.last << " " << c.now;
  }
}

TEST(ChecksTest, RegionalOutageNeedsTheAbsoluteAndTheShare) {
  struct Case { uint64_t offline, total; bool outage; };
  const Case cases[] = {{4, 10, false}, {5, 10, true}, {5, 40, false}, {8, 40, true},
                        {1, 1, false},  {0, 0, false}, {20, 100, true}, {19, 100, false}};
  for (const auto& c : cases) {
    EXPECT_EQ(is_regional_outage(c.offline, c.total, 5, 0.2), c.outage) << c.offline << "/" << c.total;
  }
}

TEST(ChecksTest, PingThenSpeedTestWhenIdleOneAtATime) {
  InsightOptions o;
  diag::HomeSnapshot busy;
  busy.wan.up = true;
  busy.wan.rx_mbps = 50;
  diag::HomeSnapshot idle = busy;
  idle.wan.rx_mbps = 0.1;
  idle.wan.tx_mbps = 0.1;
  TestTimes t;
  const int64_t now = 100 * 86'400'000LL;
  EXPECT_EQ(due_wan_test(t, &idle, o, now), WanTest::kPing);
  t.ping_requested_ms = now;
  EXPECT_EQ(due_wan_test(t, &idle, o, now + 30'000), WanTest::kNone);  // one at a time
  EXPECT_EQ(due_wan_test(t, &busy, o, now + 120'000), WanTest::kNone);  // busy: no speed test
  EXPECT_EQ(due_wan_test(t, &idle, o, now + 120'000), WanTest::kDownload);
  t.download_requested_ms = now + 120'000;
  EXPECT_EQ(due_wan_test(t, &idle, o, now + 1'800'000), WanTest::kNone);
  EXPECT_EQ(due_wan_test(t, &idle, o, now + 3'600'000), WanTest::kPing);
  // Both due: the one requested longer ago goes first.
  o.ping_interval_ms = 60'000;
  o.speed_test_interval_ms = 120'000;
  TestTimes both{now, now - 60'000};
  EXPECT_EQ(due_wan_test(both, &idle, o, now + 120'000), WanTest::kDownload);
  TestTimes both2{now - 60'000, now};
  EXPECT_EQ(due_wan_test(both2, &idle, o, now + 120'000), WanTest::kPing);
}

TEST(ChecksTest, TestTasksUseTheDeviceRoot) {
  InsightOptions o;
  auto ping = wan_test_task(WanTest::kPing, "dev", "Device.", o, 5);
  auto j = nlohmann::json::parse(ping.args_json);
  EXPECT_EQ(ping.name, "setParameterValues");
  EXPECT_EQ(j["parameterValues"][0][0], "Device.IP.Diagnostics.IPPing.Host");
  EXPECT_EQ(j["parameterValues"][0][1], o.ping_host);
  EXPECT_EQ(j["parameterValues"].back()[1], "Requested");
  auto dl = wan_test_task(WanTest::kDownload, "dev", "InternetGatewayDevice.", o, 5);
  j = nlohmann::json::parse(dl.args_json);
  EXPECT_EQ(j["parameterValues"][0][0], "InternetGatewayDevice.DownloadDiagnostics.DownloadURL");
  auto spv = set_values_task("dev", {{"Device.WiFi.Radio.1.Channel", "11", cwmp::ValueType::kUnsignedInt}}, 5);
  j = nlohmann::json::parse(spv.args_json);
  EXPECT_EQ(j["parameterValues"][0][2], "xsd:unsignedInt");
}

TEST(ChecksTest, VersionsCompareByNumbers) {
  EXPECT_GT(compare_versions("1.10", "1.9"), 0);
  EXPECT_LT(compare_versions("V1.2.3", "V1.2.10"), 0);
  EXPECT_EQ(compare_versions("2.01", "2.1"), 0);
  EXPECT_GT(compare_versions("1.2.1", "1.2"), 0);
}

}  // namespace
}  // namespace hearth::insight
