// The engine: persistence and clear windows with time advancing (no sleeping), hysteresis, ended
// findings, offline homes, the primary cause, health and the summaries.
#include <gtest/gtest.h>

#include "diag/rules/summary.h"
#include "diag/rules/test_support.h"

namespace hearth::diag {
namespace {

using namespace testing;

constexpr const char* kSta = "02:00:00:00:00:01";  // 5 GHz

// Feeds snapshots one at a time, 5 minutes apart, keeping the last hour as history.
class Home {
 public:
  explicit Home(HomeContext ctx = context()) : ctx_(std::move(ctx)) {}
  Diagnosis step(const std::function<void(HomeSnapshot&)>& edit) {
    t_ += 5 * kMinute;
    HomeSnapshot s = healthy_home(t_);
    if (edit) edit(s);
    history_.push_back(std::move(s));
    if (history_.size() > 13) history_.erase(history_.begin());
    ended_.clear();
    return evaluate(RuleInput{ctx_, history_, t_}, config_, state_, &ended_);
  }
  int64_t now() const { return t_; }
  HomeContext& ctx() { return ctx_; }
  DiagConfig& config() { return config_; }
  const std::vector<Finding>& ended() const { return ended_; }

 private:
  HomeContext ctx_;
  DiagConfig config_;
  DiagState state_;
  std::vector<HomeSnapshot> history_;
  std::vector<Finding> ended_;
  int64_t t_ = kT0;
};

auto weak(double dbm) {
  return [dbm](HomeSnapshot& s) { find(s, kSta).signal_dbm = dbm; };
}

bool has(const Diagnosis& d, const std::string& code) {
  for (const Finding& f : d.findings) {
    if (f.code == code) return true;
  }
  return false;
}

TEST(EngineTest, OpensOnlyAfterThePersistenceWindow) {
  Home home;
  home.step(nullptr);
  const int64_t began = home.now() + 5 * kMinute;
  EXPECT_FALSE(has(home.step(weak(-80)), "WIFI-COV-1"));  // raise seen once: pending
  const Diagnosis d = home.step(weak(-80));               // held 5 minutes: open
  ASSERT_TRUE(has(d, "WIFI-COV-1"));
  ASSERT_TRUE(d.primary);
  EXPECT_EQ(d.primary->code, "WIFI-COV-1");
  EXPECT_EQ(d.primary->start_ms, began);  // when the condition began, not when it opened
  EXPECT_EQ(d.primary->end_ms, 0);
  EXPECT_EQ(d.domain, "wifi");
}

TEST(EngineTest, APendingRaiseThatStopsStartsOver) {
  Home home;
  home.step(nullptr);
  home.step(weak(-80));
  home.step(weak(-70));  // hysteresis band: not raising now
  EXPECT_FALSE(has(home.step(weak(-80)), "WIFI-COV-1"));
}

TEST(EngineTest, StaysOpenInTheBandAndClosesAfterTheClearWindow) {
  Home home;
  for (int i = 0; i < 4; ++i) home.step(weak(-80));
  EXPECT_TRUE(has(home.step(weak(-71)), "WIFI-COV-1"));  // band: stays open
  EXPECT_TRUE(has(home.step(weak(-71)), "WIFI-COV-1"));
  const int64_t cleared = home.now() + 5 * kMinute;
  EXPECT_TRUE(has(home.step(weak(-55)), "WIFI-COV-1"));  // clear for 0 minutes
  EXPECT_TRUE(has(home.step(weak(-55)), "WIFI-COV-1"));  // 5 minutes
  EXPECT_TRUE(home.ended().empty());
  const Diagnosis d = home.step(weak(-55));  // 10 minutes: closed
  EXPECT_FALSE(has(d, "WIFI-COV-1"));
  ASSERT_EQ(home.ended().size(), 1u);
  EXPECT_EQ(home.ended()[0].code, "WIFI-COV-1");
  EXPECT_EQ(home.ended()[0].end_ms, cleared);
  EXPECT_FALSE(d.primary);
  EXPECT_EQ(d.health, 100);
}

TEST(EngineTest, AConditionSeenInTheHistoryOpensAtOnce) {
  // A service that restarts reads an hour of history: the weak signal began 20 minutes ago.
  HomeContext ctx = context();
  auto h =
      history(5, kT0, 5 * kMinute, [](HomeSnapshot& s, int) { find(s, kSta).signal_dbm = -80; });
  DiagState state;
  const Diagnosis d = evaluate(RuleInput{ctx, h, kT0}, DiagConfig{}, state);
  ASSERT_TRUE(d.primary);
  EXPECT_EQ(d.primary->start_ms, kT0 - 20 * kMinute);
}

TEST(EngineTest, OutagesOpenAtOnceAndWifiWaitsWhileOffline) {
  Home home;
  for (int i = 0; i < 4; ++i) home.step(weak(-80));
  home.ctx().offline = true;
  home.ctx().offline_since_ms = home.now();
  home.ctx().line_event = "dying-gasp";
  home.ctx().line_event_ms = home.now();
  Diagnosis d = home.step(weak(-80));
  ASSERT_TRUE(d.primary);
  EXPECT_EQ(d.primary->code, "PWR-CUT-1");
  EXPECT_EQ(d.domain, "device");
  EXPECT_FALSE(has(d, "WIFI-COV-1"));  // not judged now, not reported
  EXPECT_TRUE(d.station_health.empty());
  // Back online: the power cut ends at once, the Wi-Fi finding is still there.
  home.ctx().offline = false;
  home.ctx().line_event.clear();
  d = home.step(weak(-80));
  EXPECT_FALSE(has(d, "PWR-CUT-1"));
  ASSERT_EQ(home.ended().size(), 1u);
  EXPECT_EQ(home.ended()[0].code, "PWR-CUT-1");
  EXPECT_TRUE(has(d, "WIFI-COV-1"));
}

struct PrimaryCase {
  const char* name;
  std::vector<const char*> open;  // codes found (by the ordering alone)
  const char* want;
};

class PrimaryTest : public ::testing::TestWithParam<PrimaryCase> {};

TEST_P(PrimaryTest, SeverityThenPriority) {
  const PrimaryCase& c = GetParam();
  std::vector<Finding> findings;
  for (const char* code : c.open) {
    Finding f;
    f.code = code;
    const std::string s = code;
    f.severity = s == "WIFI-CHAN-1" || s == "SYS-FW-1" ? Severity::kInfo
                 : s.rfind("WIFI", 0) == 0 || s == "WAN-SPD-1" || s == "SYS-MEM-1"
                     ? Severity::kWarning
                     : Severity::kCritical;
    f.health_cost = 5;
    findings.push_back(f);
  }
  Diagnosis d;
  d.findings = findings;
  rules::order_findings(d.findings);
  rules::summarise(d, nullptr);
  EXPECT_EQ(d.primary ? d.primary->code : std::string("none"), c.want);
}

INSTANTIATE_TEST_SUITE_P(
    Cases, PrimaryTest,
    ::testing::Values(
        PrimaryCase{"RegionalOverPower", {"PWR-CUT-1", "OUT-REG-1"}, "OUT-REG-1"},
        PrimaryCase{"WanDownOverDns", {"WAN-DNS-1", "WAN-DOWN-1"}, "WAN-DOWN-1"},
        PrimaryCase{"DnsOverCrash", {"SYS-CRASH-1", "WAN-DNS-1"}, "WAN-DNS-1"},
        PrimaryCase{"WanSlowOverMemory", {"SYS-MEM-1", "WAN-SPD-1"}, "WAN-SPD-1"},
        PrimaryCase{"MemoryOverWifi", {"WIFI-COV-1", "SYS-MEM-1"}, "SYS-MEM-1"},
        PrimaryCase{"WifiBeatsWanSlowWhenTheLineIsFine",
                    {"WAN-SPD-1", "WIFI-SPD-1", "WIFI-COV-1"},
                    "WIFI-COV-1"},
        PrimaryCase{"StickyOverWeak", {"WIFI-COV-1", "WIFI-COV-2", "WIFI-RTY-1"}, "WIFI-COV-2"},
        PrimaryCase{"BackhaulOverWeak", {"WIFI-COV-1", "WIFI-BH-1"}, "WIFI-BH-1"},
        PrimaryCase{
            "InterferenceOverRetries", {"WIFI-RTY-1", "WIFI-PHY-1", "WIFI-CAP-2"}, "WIFI-CAP-2"},
        PrimaryCase{"SlowClientOverCongestion", {"WIFI-CAP-1", "WIFI-PHY-2"}, "WIFI-PHY-2"},
        PrimaryCase{"InfoIsNoPrimary", {"WIFI-CHAN-1", "SYS-FW-1"}, "none"}),
    [](const auto& p) { return std::string(p.param.name); });

TEST(HealthTest, CostsAddUpLargestFirstAndRateStations) {
  HomeSnapshot snap = healthy_home(kT0);
  Diagnosis d;
  auto finding = [](const char* code, EntityKind kind, const char* id, int cost) {
    Finding f;
    f.code = code;
    f.severity = Severity::kWarning;
    f.entity = Entity{kind, id, id};
    f.health_cost = cost;
    return f;
  };
  d.findings = {finding("WIFI-RTY-1", EntityKind::kStation, kSta, 4),
                finding("WIFI-COV-1", EntityKind::kStation, kSta, 6),
                finding("WIFI-CAP-1", EntityKind::kRadio, "r", 12)};
  rules::order_findings(d.findings);
  rules::summarise(d, &snap);
  EXPECT_EQ(d.health, 100 - 4 - 6 - 12);
  ASSERT_EQ(d.health_costs.size(), 3u);
  EXPECT_EQ(d.health_costs[0].points, 12);
  EXPECT_EQ(d.health_costs[2].points, 4);
  EXPECT_EQ(d.station_health.at(kSta), 100 - 5 * (4 + 6));
  EXPECT_EQ(d.station_health.at("02:00:00:00:00:02"), 100);
  d.findings.push_back(finding("DEV-OFFLINE-1", EntityKind::kDevice, "dev-1", 200));
  rules::summarise(d, &snap);
  EXPECT_EQ(d.health, 0);  // never below 0
}

TEST(SummaryTest, TellsTheWifiFromTheLine) {
  Home home;
  Diagnosis d;
  for (int i = 0; i < 3; ++i) d = home.step(weak(-80));
  EXPECT_EQ(d.customer_summary.rfind(
                "Your internet line is fine; the Wi-Fi signal reaches host-01 only weakly", 0),
            0u)
      << d.customer_summary;
  EXPECT_NE(d.agent_summary.find("Primary: WIFI-COV-1"), std::string::npos) << d.agent_summary;

  Home slow;
  auto degraded = [](HomeSnapshot& s) { s.wan.download = SpeedResult{s.time_ms, true, false, 20}; };
  for (int i = 0; i < 3; ++i) d = slow.step(degraded);
  ASSERT_TRUE(d.primary);
  EXPECT_EQ(d.primary->code, "WAN-SPD-1");
  EXPECT_EQ(d.domain, "wan");
  EXPECT_EQ(d.customer_summary.rfind("The problem is your internet line, not your Wi-Fi", 0), 0u)
      << d.customer_summary;

  Home fine;
  d = fine.step(nullptr);
  EXPECT_FALSE(d.primary);
  EXPECT_EQ(d.health, 100);
  EXPECT_EQ(d.customer_summary.rfind("Everything is working well", 0), 0u);
  EXPECT_EQ(d.home_id, "home-1");
}

}  // namespace
}  // namespace hearth::diag
