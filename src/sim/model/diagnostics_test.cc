// TR-143 diagnostics and the neighbouring Wi-Fi scan: requested with SetParameterValues, timed
// by diagnostic_duration_ms, results written by complete_diagnostic from the home's WAN.
#include <gtest/gtest.h>

#include "core/clock.h"
#include "sim/model/model_test_support.h"

namespace hearth::sim::model {
namespace {

using cwmp::ParameterValue;
using cwmp::ValueType;
using testing::HomeSpec;
using testing::kMinute;
using testing::kT0;

constexpr int64_t kNow = kT0 + kMinute;

struct Fixture {
  explicit Fixture(uint8_t model, Wan::Access access = Wan::Access::kFiber) {
    HomeSpec spec;
    spec.model = model;
    spec.access = access;
    home = testing::make_home(spec);
    dm = make_data_model(home, DataModelOptions{"http://acs.example/", 300, "", ""});
    dm->booted(kT0);
  }
  // Requests `kind` with these inputs, runs it for its duration, returns the object's leaves.
  std::vector<Param> run(DiagnosticKind kind, const std::string& object, std::vector<ParameterValue> inputs) {
    inputs.push_back(ParameterValue{object + "DiagnosticsState", "Requested", ValueType::kString});
    auto out = dm->set(inputs, kNow);
    EXPECT_TRUE(out.faults.empty());
    EXPECT_EQ(out.diagnostics_requested, std::vector<DiagnosticKind>{kind});
    EXPECT_EQ(dm->get(object + "DiagnosticsState", kNow)->value, "Requested");
    const int64_t duration = dm->diagnostic_duration_ms(kind);
    EXPECT_GT(duration, 0);
    dm->complete_diagnostic(kind, kNow + duration);
    return dm->parameters_under(object, kNow + duration);
  }
  Home home;
  std::unique_ptr<DataModel> dm;
};

int64_t num(const std::vector<Param>& p, const std::string& name) {
  auto v = testing::value_of(p, name);
  EXPECT_TRUE(v.has_value()) << name;
  return v ? std::stoll(*v) : -1;
}

const std::string kPing = "Device.IP.Diagnostics.IPPing.";
const std::string kDownload = "Device.IP.Diagnostics.DownloadDiagnostics.";

TEST(DiagnosticsTest, PingMeasuresTheLineLatency) {
  Fixture f(testing::tr181_model());
  f.home.wan.base_latency_ms = 20;
  auto p = f.run(DiagnosticKind::kIpPing, kPing,
                 {{kPing + "Host", "192.0.2.1", ValueType::kString},
                  {kPing + "NumberOfRepetitions", "10", ValueType::kUnsignedInt}});
  EXPECT_EQ(testing::value_of(p, kPing + "DiagnosticsState"), "Complete");
  EXPECT_EQ(num(p, kPing + "SuccessCount"), 10);
  EXPECT_EQ(num(p, kPing + "FailureCount"), 0);
  EXPECT_GE(num(p, kPing + "AverageResponseTime"), 18);
  EXPECT_LE(num(p, kPing + "AverageResponseTime"), 30);
  EXPECT_LE(num(p, kPing + "MinimumResponseTime"), num(p, kPing + "MaximumResponseTime"));
  EXPECT_EQ(testing::value_of(p, kPing + "IPAddressUsed"), "203.0.113.10");
}

TEST(DiagnosticsTest, InjectedLatencyAndLossShowInThePing) {
  Fixture f(testing::tr181_model());
  f.home.cond.wan_extra_latency_ms = 200;
  f.home.cond.wan_extra_loss_pct = 50;
  auto p = f.run(DiagnosticKind::kIpPing, kPing,
                 {{kPing + "Host", "192.0.2.1", ValueType::kString},
                  {kPing + "NumberOfRepetitions", "40", ValueType::kUnsignedInt}});
  EXPECT_GT(num(p, kPing + "FailureCount"), 5);
  EXPECT_GT(num(p, kPing + "SuccessCount"), 5);
  EXPECT_GT(num(p, kPing + "AverageResponseTime"), 150);
}

TEST(DiagnosticsTest, DnsFailureCannotResolveNamesButAddressesWork) {
  Fixture f(testing::tr181_model());
  f.home.cond.dns_failure = true;
  auto p = f.run(DiagnosticKind::kIpPing, kPing, {{kPing + "Host", "speedtest.example.net", ValueType::kString}});
  EXPECT_EQ(testing::value_of(p, kPing + "DiagnosticsState"), "Error_CannotResolveHostName");
  EXPECT_EQ(testing::value_of(p, kPing + "SuccessCount"), "0");
  p = f.run(DiagnosticKind::kIpPing, kPing, {{kPing + "Host", "192.0.2.1", ValueType::kString}});
  EXPECT_EQ(testing::value_of(p, kPing + "DiagnosticsState"), "Complete");
  p = f.run(DiagnosticKind::kDownload, kDownload,
            {{kDownload + "DownloadURL", "http://speedtest.example.net/100MB.bin", ValueType::kString}});
  EXPECT_EQ(testing::value_of(p, kDownload + "DiagnosticsState"), "Error_CannotResolveHostName");
}

TEST(DiagnosticsTest, WanDownReachesNothing) {
  Fixture f(testing::tr181_model());
  f.home.cond.wan_down = true;
  auto p = f.run(DiagnosticKind::kIpPing, kPing, {{kPing + "Host", "192.0.2.1", ValueType::kString}});
  EXPECT_EQ(testing::value_of(p, kPing + "DiagnosticsState"), "Complete");
  EXPECT_EQ(num(p, kPing + "SuccessCount"), 0);
  EXPECT_EQ(num(p, kPing + "FailureCount"), 3);
  p = f.run(DiagnosticKind::kDownload, kDownload,
            {{kDownload + "DownloadURL", "http://192.0.2.8/file.bin", ValueType::kString}});
  EXPECT_EQ(testing::value_of(p, kDownload + "DiagnosticsState"), "Error_InitConnectionFailed");
}

TEST(DiagnosticsTest, DownloadThroughputFollowsThePlanAndTheDegradation) {
  auto throughput_mbps = [](const std::vector<Param>& p) {
    int64_t bom = 0, eom = 0;
    EXPECT_TRUE(parse_iso8601_ms(*testing::value_of(p, kDownload + "BOMTime"), &bom));
    EXPECT_TRUE(parse_iso8601_ms(*testing::value_of(p, kDownload + "EOMTime"), &eom));
    EXPECT_GT(eom, bom);
    return double(num(p, kDownload + "TestBytesReceived")) * 8.0 / double(eom - bom) / 1000.0;
  };
  const ParameterValue url{kDownload + "DownloadURL", "http://speedtest.example.net/file", ValueType::kString};
  Fixture good(testing::tr181_model());
  auto p = good.run(DiagnosticKind::kDownload, kDownload, {url});
  EXPECT_EQ(testing::value_of(p, kDownload + "DiagnosticsState"), "Complete");
  const double plan = good.home.wan.plan_down_kbps / 1000.0;
  EXPECT_GT(throughput_mbps(p), 0.85 * plan);
  EXPECT_LE(throughput_mbps(p), plan);
  // Request < response < ROM < BOM < EOM.
  auto ms = [&](const char* leaf) {
    int64_t t = 0;
    EXPECT_TRUE(parse_iso8601_ms(*testing::value_of(p, kDownload + leaf), &t)) << leaf;
    return t;
  };
  EXPECT_LT(ms("TCPOpenRequestTime"), ms("TCPOpenResponseTime"));
  EXPECT_LT(ms("TCPOpenResponseTime"), ms("ROMTime"));
  EXPECT_LT(ms("ROMTime"), ms("BOMTime"));
  EXPECT_LT(ms("BOMTime"), ms("EOMTime"));
  Fixture slow(testing::tr181_model());
  slow.home.cond.wan_speed_factor = 0.3f;
  auto q = slow.run(DiagnosticKind::kDownload, kDownload, {url});
  EXPECT_LT(throughput_mbps(q), 0.35 * plan);
  EXPECT_GT(throughput_mbps(q), 0.2 * plan);
}

TEST(DiagnosticsTest, UploadAndTraceRouteComplete) {
  Fixture f(testing::tr181_model());
  const std::string up = "Device.IP.Diagnostics.UploadDiagnostics.";
  auto p = f.run(DiagnosticKind::kUpload, up,
                 {{up + "UploadURL", "http://192.0.2.9/upload", ValueType::kString},
                  {up + "TestFileLength", "5000000", ValueType::kUnsignedInt}});
  EXPECT_EQ(testing::value_of(p, up + "DiagnosticsState"), "Complete");
  EXPECT_EQ(num(p, up + "TestBytesSent"), 5000000);
  const std::string tr = "Device.IP.Diagnostics.TraceRoute.";
  p = f.run(DiagnosticKind::kTraceRoute, tr, {{tr + "Host", "example.net", ValueType::kString}});
  EXPECT_EQ(testing::value_of(p, tr + "DiagnosticsState"), "Complete");
  const int64_t hops = num(p, tr + "RouteHopsNumberOfEntries");
  EXPECT_GE(hops, 3);
  EXPECT_EQ(testing::value_of(p, tr + "RouteHops." + std::to_string(hops) + ".Host"), "example.net");
}

TEST(DiagnosticsTest, NeighbourScanListsTheNeighbours) {
  Fixture f(testing::tr181_model());
  const std::string scan = "Device.WiFi.NeighboringWiFiDiagnostic.";
  auto p = f.run(DiagnosticKind::kNeighboringWiFi, scan, {});
  EXPECT_EQ(testing::value_of(p, scan + "DiagnosticsState"), "Complete");
  EXPECT_EQ(num(p, scan + "ResultNumberOfEntries"), 3);
  EXPECT_EQ(testing::value_of(p, scan + "Result.1.SSID"), "Neighbour-0");
  EXPECT_EQ(testing::value_of(p, scan + "Result.1.SignalStrength"), "-70");
  EXPECT_EQ(testing::value_of(p, scan + "Result.3.OperatingFrequencyBand"), "5GHz");
}

TEST(DiagnosticsTest, ResultsDoNotSurviveAReboot) {
  Fixture f(testing::tr181_model());
  f.run(DiagnosticKind::kIpPing, kPing, {{kPing + "Host", "192.0.2.1", ValueType::kString}});
  f.dm->booted(kNow + 10 * kMinute);
  EXPECT_EQ(f.dm->get(kPing + "DiagnosticsState", kNow + 11 * kMinute)->value, "None");
  EXPECT_EQ(f.dm->get(kPing + "SuccessCount", kNow + 11 * kMinute)->value, "0");
  // A diagnostic requested before a reboot does not complete after it.
  f.dm->set({{kPing + "DiagnosticsState", "Requested", ValueType::kString}}, kNow + 12 * kMinute);
  f.dm->booted(kNow + 13 * kMinute);
  f.dm->complete_diagnostic(DiagnosticKind::kIpPing, kNow + 14 * kMinute);
  EXPECT_EQ(f.dm->get(kPing + "DiagnosticsState", kNow + 14 * kMinute)->value, "None");
}

TEST(DiagnosticsTest, WritingAnInputResetsTheState) {
  Fixture f(testing::tr181_model());
  f.run(DiagnosticKind::kIpPing, kPing, {{kPing + "Host", "192.0.2.1", ValueType::kString}});
  f.dm->set({{kPing + "Host", "192.0.2.2", ValueType::kString}}, kNow + kMinute);
  EXPECT_EQ(f.dm->get(kPing + "DiagnosticsState", kNow + kMinute)->value, "None");
}

TEST(DiagnosticsTest, Tr098PingAndDownload) {
  Fixture f(testing::tr098_model());
  const std::string ping = "InternetGatewayDevice.IPPingDiagnostics.";
  auto p = f.run(DiagnosticKind::kIpPing, ping, {{ping + "Host", "192.0.2.1", ValueType::kString}});
  EXPECT_EQ(testing::value_of(p, ping + "DiagnosticsState"), "Complete");
  EXPECT_EQ(num(p, ping + "SuccessCount"), 3);
  const std::string dl = "InternetGatewayDevice.DownloadDiagnostics.";
  p = f.run(DiagnosticKind::kDownload, dl, {{dl + "DownloadURL", "http://192.0.2.8/f", ValueType::kString}});
  EXPECT_EQ(testing::value_of(p, dl + "DiagnosticsState"), "Completed");  // TR-098's spelling
  EXPECT_GT(num(p, dl + "TestBytesReceived"), 0);
  EXPECT_EQ(f.dm->set({{ping + "DiagnosticsState", "Canceled", ValueType::kString}}, kNow).faults.at(0).code,
            9007u);
}

}  // namespace
}  // namespace hearth::sim::model
