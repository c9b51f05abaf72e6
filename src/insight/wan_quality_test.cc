// WAN quality on the diagnosis' side: which findings make a line degraded and when that is
// reported, and the hold-back of a home in a confirmed "degraded" incident (its WAN findings wait,
// OUT-REG-1 says why, its Wi-Fi findings stay), through the whole service with a fake clock.
#include "insight/wan_quality.h"

#include <gtest/gtest.h>

#include <map>
#include <tuple>

#include "insight/insight.h"
#include "insight/insight_test_support.h"
#include "store/memory/memory_store.h"

namespace hearth::insight {
namespace {

using testing::gateway;

constexpr int64_t kT0 = 1'767'225'600'000;  // 2026-01-01T00:00:00Z
constexpr int64_t kMinute = 60'000;

diag::Finding finding(const char* code, diag::Severity severity, int64_t start, int cost) {
  diag::Finding f;
  f.code = code;
  f.severity = severity;
  f.start_ms = start;
  f.health_cost = cost;
  f.customer_text = std::string(code) + " text.";
  return f;
}

struct Report {
  std::string home;
  bool degraded;
  std::vector<std::string> codes;
  int64_t since;
};

class RecordingListener final : public WanQualityListener {
 public:
  std::vector<Report> reports;
  void wan_quality(const std::string& home_id, bool degraded, const std::vector<std::string>& codes,
                   int64_t since_ms, int64_t) override {
    reports.push_back({home_id, degraded, codes, since_ms});
  }
};

struct LineCase {
  const char* name;
  std::vector<diag::Finding> findings;
  std::vector<std::string> codes;
  int64_t since;
};

class LineQualityTest : public ::testing::TestWithParam<LineCase> {};

TEST_P(LineQualityTest, OnlyLineFindingsCountFromTheEarliest) {
  const LineCase& c = GetParam();
  diag::Diagnosis d;
  d.findings = c.findings;
  const LineQuality q = line_quality(d, kT0);
  EXPECT_EQ(q.codes, c.codes) << c.name;
  EXPECT_EQ(q.since_ms, c.since) << c.name;
  EXPECT_EQ(q.degraded(), !c.codes.empty()) << c.name;
}

using diag::Severity;
INSTANTIATE_TEST_SUITE_P(
    Cases, LineQualityTest,
    ::testing::Values(
        LineCase{"Fine", {}, {}, 0},
        LineCase{"WiFiAndDnsAreNotTheLine",
                 {finding("WIFI-COV-1", Severity::kWarning, kT0 + 1, 6),
                  finding("WAN-DNS-1", Severity::kCritical, kT0 + 1, 50)},
                 {},
                 0},
        LineCase{"SlowAndFlapping",
                 {finding("WAN-SPD-1", Severity::kWarning, kT0 + 9 * kMinute, 30),
                  finding("WIFI-COV-1", Severity::kWarning, kT0, 6),
                  finding("WAN-FLAP-1", Severity::kWarning, kT0 + 4 * kMinute, 25)},
                 {"WAN-FLAP-1", "WAN-SPD-1"},
                 kT0 + 4 * kMinute},
        // Begun before the first snapshot this process saw: when is unknown.
        LineCase{"BeforeTheFirstLook",
                 {finding("WAN-SPD-1", Severity::kWarning, kT0 - kMinute, 30)},
                 {"WAN-SPD-1"},
                 0}),
    [](const auto& p) { return std::string(p.param.name); });

TEST(LineQualityTest, ReportedOnlyWhenItChanges) {
  RecordingListener l;
  std::string reported;
  LineQuality fine;
  LineQuality slow{{"WAN-SPD-1"}, kT0};
  report_line_quality(&l, "h", fine, reported, kT0);  // fine at first: nothing to say
  report_line_quality(&l, "h", slow, reported, kT0);
  report_line_quality(&l, "h", slow, reported, kT0 + kMinute);
  LineQuality more{{"WAN-FLAP-1", "WAN-SPD-1"}, kT0};
  report_line_quality(&l, "h", more, reported, kT0 + 2 * kMinute);
  report_line_quality(&l, "h", fine, reported, kT0 + 3 * kMinute);
  report_line_quality(nullptr, "h", slow, reported, kT0);  // no listener: kept all the same
  ASSERT_EQ(l.reports.size(), 3u);
  EXPECT_TRUE(l.reports[0].degraded);
  EXPECT_EQ(l.reports[0].since, kT0);
  EXPECT_EQ(l.reports[1].codes.size(), 2u);
  EXPECT_FALSE(l.reports[2].degraded);
  EXPECT_TRUE(l.reports[2].codes.empty());
}

TEST(HoldBackTest, WanFindingsWaitWiFiFindingsStay) {
  diag::Diagnosis d;
  d.findings = {finding("OUT-REG-1", Severity::kCritical, kT0, 40),
                finding("WAN-SPD-1", Severity::kWarning, kT0, 30),
                finding("WAN-DNS-1", Severity::kCritical, kT0, 50),
                finding("WIFI-COV-1", Severity::kWarning, kT0, 6),
                finding("SYS-FW-1", Severity::kInfo, kT0, 0)};
  hold_back_wan(d, nullptr);
  std::vector<std::string> codes;
  for (const auto& f : d.findings) codes.push_back(f.code);
  EXPECT_EQ(codes, (std::vector<std::string>{"OUT-REG-1", "WIFI-COV-1", "SYS-FW-1"}));
  ASSERT_TRUE(d.primary);
  EXPECT_EQ(d.primary->code, "OUT-REG-1");
  EXPECT_EQ(d.domain, "access-network");
  EXPECT_EQ(d.health, 100 - 40 - 6);
  EXPECT_EQ(d.customer_summary.find("WAN-SPD-1"), std::string::npos);
}

// ---- through the service ----

class FakeOutageSource final : public OutageSource {
 public:
  std::unordered_map<std::string, int64_t> confirmed, degraded;
  std::unordered_map<std::string, int64_t> homes_in_confirmed_incidents() override {
    return confirmed;
  }
  std::unordered_map<std::string, int64_t> homes_in_degraded_incidents() override {
    return degraded;
  }
};

// A healthy gateway whose ping loses half its packets (WAN-SPD-1) and whose one Wi-Fi client is
// heard weakly (WIFI-COV-1).
std::vector<cwmp::ParameterValue> lossy_line_weak_wifi(int64_t uptime_s) {
  using cwmp::ValueType;
  const std::string ping = "Device.IP.Diagnostics.IPPing.";
  const std::string sta = "Device.WiFi.AccessPoint.1.AssociatedDevice.1.";
  return {{"Device.DeviceInfo.UpTime", std::to_string(uptime_s), ValueType::kUnsignedInt},
          {"Device.DeviceInfo.SoftwareVersion", "1.0", ValueType::kString},
          {"Device.IP.Interface.1.Status", "Up", ValueType::kString},
          {"Device.IP.Interface.1.Name", "wan", ValueType::kString},
          {ping + "DiagnosticsState", "Complete", ValueType::kString},
          {ping + "Host", "ping.hearth.example", ValueType::kString},
          {ping + "SuccessCount", "5", ValueType::kUnsignedInt},
          {ping + "FailureCount", "5", ValueType::kUnsignedInt},
          {ping + "AverageResponseTime", "20", ValueType::kUnsignedInt},
          {"Device.WiFi.Radio.1.OperatingFrequencyBand", "2.4GHz", ValueType::kString},
          {"Device.WiFi.Radio.1.Channel", "6", ValueType::kUnsignedInt},
          {"Device.WiFi.SSID.1.LowerLayers", "Device.WiFi.Radio.1.", ValueType::kString},
          {"Device.WiFi.AccessPoint.1.SSIDReference", "Device.WiFi.SSID.1.", ValueType::kString},
          {sta + "MACAddress", "AA:BB:CC:00:00:01", ValueType::kString},
          {sta + "Active", "true", ValueType::kBoolean},
          {sta + "SignalStrength", "-86", ValueType::kInt}};
}

class HoldBackServiceTest : public ::testing::Test {
 protected:
  HoldBackServiceTest() : insight(InsightOptions{}, store, clock) {
    clock.set(from_unix_ms(kT0));
    insight.set_outage_source(&source);
    insight.set_wan_quality_listener(&listener);
    testing::seed_homes(store, 1, 100000);
  }
  int64_t now() const { return to_unix_ms(clock.now()); }
  // A periodic session with telemetry every 5 minutes, then a tick.
  void sessions(int count) {
    for (int k = 0; k < count; ++k) {
      clock.advance(std::chrono::minutes(5));
      auto paths = insight.on_inform(gateway(0), {{"2 PERIODIC", ""}}, {}, now()).paths;
      if (!paths.empty())
        insight.on_telemetry(gateway(0), lossy_line_weak_wifi(86400 + (now() - kT0) / 1000), now());
      insight.drain();
      insight.tick();
      insight.drain();
    }
  }
  std::vector<std::string> codes() {
    auto d = insight.home_diagnosis("home-0");
    EXPECT_TRUE(d);
    std::vector<std::string> out;
    if (d) {
      for (const auto& f : d->findings) out.push_back(f.code);
    }
    return out;
  }
  static bool has(const std::vector<std::string>& v, const char* code) {
    return std::find(v.begin(), v.end(), code) != v.end();
  }

  store::memory::MemoryStore store;
  FakeClock clock;
  FakeOutageSource source;
  RecordingListener listener;
  Insight insight;
};

TEST_F(HoldBackServiceTest, DegradedAreaHoldsTheWanFindingsBackAndKeepsTheWiFiOnes) {
  sessions(4);
  auto before = codes();
  ASSERT_TRUE(has(before, "WAN-SPD-1")) << ::testing::PrintToString(before);
  ASSERT_TRUE(has(before, "WIFI-COV-1")) << ::testing::PrintToString(before);
  EXPECT_FALSE(has(before, "OUT-REG-1"));
  // The line was reported degraded, once, with the codes and when it began.
  ASSERT_EQ(listener.reports.size(), 1u);
  EXPECT_EQ(listener.reports[0].home, "home-0");
  EXPECT_TRUE(listener.reports[0].degraded);
  EXPECT_EQ(listener.reports[0].codes, std::vector<std::string>{"WAN-SPD-1"});
  EXPECT_GT(listener.reports[0].since, kT0);

  // The node's incident is confirmed "degraded".
  source.degraded["home-0"] = 7;
  sessions(2);
  auto held = codes();
  EXPECT_TRUE(has(held, "OUT-REG-1")) << ::testing::PrintToString(held);
  EXPECT_FALSE(has(held, "WAN-SPD-1"));
  EXPECT_TRUE(has(held, "WIFI-COV-1"));
  auto d = insight.home_diagnosis("home-0");
  ASSERT_TRUE(d && d->primary);
  EXPECT_EQ(d->primary->code, "OUT-REG-1");
  EXPECT_NE(d->primary->customer_text.find("slow or unstable"), std::string::npos);
  EXPECT_NE(d->customer_summary.find("slow or unstable"), std::string::npos);
  // Held back, the line is still degraded: nothing new to report (no flapping).
  EXPECT_EQ(listener.reports.size(), 1u);

  // The incident is over: the WAN finding is back, as it was.
  source.degraded.clear();
  sessions(1);
  auto after = codes();
  EXPECT_TRUE(has(after, "WAN-SPD-1"));
  EXPECT_TRUE(has(after, "WIFI-COV-1"));
  EXPECT_EQ(listener.reports.size(), 1u);
}

}  // namespace
}  // namespace hearth::insight
