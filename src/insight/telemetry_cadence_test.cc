// When the diagnosis service reads a gateway's telemetry: at most once per interval, at once after
// a boot or WAN test results, hourly for a quiet home, and the narrowed read between full reads.
#include <gtest/gtest.h>

#include "insight/insight_test_support.h"

namespace hearth::insight {
namespace {

using namespace hearth::insight::testing;

TEST_F(InsightTest, TelemetryIsReadAtMostOncePerIntervalAndAfterBootOrResults) {
  EXPECT_TRUE(session(0));
  clock.advance(std::chrono::minutes(1));
  EXPECT_FALSE(session(0));
  EXPECT_TRUE(session(0, {"8 DIAGNOSTICS COMPLETE"}));
  clock.advance(std::chrono::minutes(1));
  EXPECT_TRUE(session(0, {"1 BOOT"}));
  clock.advance(std::chrono::minutes(5));
  EXPECT_TRUE(session(0));
}

TEST_F(InsightTest, QuietHomesAreReadHourlyAndHomesWhoseFindingsChangeAtTheInterval) {
  auto read = [&](int n, std::vector<cwmp::ParameterValue> values, std::initializer_list<const char*> codes) {
    auto paths = insight.on_inform(gateway(n), events(codes), {}, now()).paths;
    if (!paths.empty()) insight.on_telemetry(gateway(n), std::move(values), now());
    insight.drain();
    return !paths.empty();
  };
  auto wan_down = healthy_values();
  for (auto& v : wan_down) {
    if (v.name == "Device.IP.Interface.1.Status") v.value = "Down";
  }
  // Two reads give the rates; then a quiet home waits the quiet interval (an hour).
  EXPECT_TRUE(read(4, healthy_values(), {"2 PERIODIC"}));
  EXPECT_TRUE(read(5, wan_down, {"2 PERIODIC"}));
  for (int k = 1; k <= 11; ++k) {
    clock.advance(std::chrono::minutes(5));
    EXPECT_EQ(read(4, healthy_values(), {"2 PERIODIC"}), k == 1) << k;
    EXPECT_TRUE(read(5, wan_down, {"2 PERIODIC"})) << k;  // a finding open or on its way: watched
  }
  clock.advance(std::chrono::minutes(5));
  EXPECT_FALSE(read(4, healthy_values(), {"2 PERIODIC"}));  // 55 minutes after its last read
  clock.advance(std::chrono::minutes(5));
  EXPECT_TRUE(read(4, healthy_values(), {"2 PERIODIC"}));  // an hour after it
  // A finding that stays open an hour no longer keeps the home watched: hourly reads again.
  int reads = 0;
  for (int k = 0; k < 12; ++k) {
    clock.advance(std::chrono::minutes(5));
    reads += read(5, wan_down, {"2 PERIODIC"}) ? 1 : 0;
  }
  EXPECT_LE(reads, 2);
  EXPECT_GE(reads, 1);
  // A boot: read at once, and at the interval for the hour after.
  clock.advance(std::chrono::minutes(1));
  EXPECT_TRUE(read(4, healthy_values(), {"1 BOOT"}));
  clock.advance(std::chrono::minutes(5));
  EXPECT_TRUE(read(4, healthy_values(), {"2 PERIODIC"}));
}

// A TR-098 gateway's answer: the full read has the Wi-Fi row's settings and secrets, the
// narrowed one only the leaves the snapshot uses.
std::vector<cwmp::ParameterValue> tr098_values(bool full) {
  using cwmp::ValueType;
  const std::string t = "InternetGatewayDevice.LANDevice.1.WLANConfiguration.";
  std::vector<cwmp::ParameterValue> v = {{"InternetGatewayDevice.DeviceInfo.UpTime", "86400", ValueType::kUnsignedInt},
                                         {t + "1.Channel", "6", ValueType::kUnsignedInt},
                                         {t + "1.RadioEnabled", "true", ValueType::kBoolean},
                                         {t + "1.TotalAssociations", "0", ValueType::kUnsignedInt}};
  if (full) {
    v.push_back({t + "1.SSID", "home", ValueType::kString});
    v.push_back({t + "1.KeyPassphrase", "secret", ValueType::kString});
  }
  return v;
}

TEST_F(InsightTest, NarrowedReadsBetweenFullReadsUntilTheyFaultTwice) {
  InsightOptions o = options();
  o.telemetry_full_every = 3;
  Insight to(o, store, clock);
  to.set_control(&control);
  store::DeviceRecord dev = gateway(2);
  dev.root = "InternetGatewayDevice.";
  const std::string table = "InternetGatewayDevice.LANDevice.1.WLANConfiguration.";
  auto has = [](const std::vector<std::string>& paths, const std::string& p) {
    return std::find(paths.begin(), paths.end(), p) != paths.end();
  };
  // One session; the device answers the full read when asked for it or when it faulted the
  // narrowed one (`faults`).
  auto read = [&](bool faults) {
    clock.advance(std::chrono::minutes(5));
    acs::TelemetryRead r = to.on_inform(dev, events({"2 PERIODIC"}), {}, now());
    if (!r.paths.empty()) to.on_telemetry(dev, tr098_values(r.fallback.empty() || faults), now());
    to.drain();
    return r;
  };
  auto full = read(false);
  EXPECT_TRUE(full.fallback.empty());
  EXPECT_TRUE(has(full.paths, table));
  auto narrowed = read(false);
  EXPECT_TRUE(has(narrowed.fallback, table));
  EXPECT_FALSE(has(narrowed.paths, table));
  EXPECT_TRUE(has(narrowed.paths, table + "1.Channel"));
  EXPECT_TRUE(has(narrowed.paths, table + "1.AssociatedDevice."));
  EXPECT_TRUE(has(narrowed.paths, "InternetGatewayDevice.DeviceInfo.UpTime"));
  EXPECT_FALSE(read(false).fallback.empty());  // 2 of 3 narrowed
  EXPECT_TRUE(read(false).fallback.empty());   // then the full one again
  // Two narrowed reads the device faulted (the full read answered): full reads only.
  EXPECT_FALSE(read(true).fallback.empty());
  EXPECT_FALSE(read(true).fallback.empty());
  for (int i = 0; i < 4; ++i) EXPECT_TRUE(read(false).fallback.empty()) << i;
  // New firmware: narrowed reads again after its first full read.
  dev.software_version = "2.0";
  EXPECT_TRUE(read(false).fallback.empty());
  EXPECT_FALSE(read(false).fallback.empty());
  // A TR-181 gateway's reads are not narrowed.
  for (int i = 0; i < 3; ++i) {
    clock.advance(std::chrono::minutes(5));
    acs::TelemetryRead r = to.on_inform(gateway(3), events({"2 PERIODIC"}), {}, now());
    EXPECT_TRUE(r.fallback.empty());
    to.on_telemetry(gateway(3), healthy_values(), now());
    to.drain();
  }
}

}  // namespace
}  // namespace hearth::insight
