// JSON of findings, diagnoses, snapshots and optimisation entries (round trips and errors), and
// set_diag_option.
#include <gtest/gtest.h>

#include <cmath>

#include "diag/diagnosis_json.h"
#include "diag/rules/test_support.h"

namespace hearth::diag {
namespace {

using namespace testing;
using json = nlohmann::json;

Finding sample_finding() {
  Finding f;
  f.code = "WIFI-COV-1";
  f.severity = Severity::kWarning;
  f.entity = Entity{EntityKind::kStation, "02:00:00:00:00:01", "Annas-iPhone"};
  f.evidence = {{"signalDbm", -81, "dBm"}, {"snrDb", kUnknown, "dB"}};
  f.window_from_ms = kT0 - 10 * kMinute;
  f.window_to_ms = kT0;
  f.start_ms = kT0 - 10 * kMinute + 500;
  f.customer_text = "The Wi-Fi signal reaches Annas-iPhone only weakly.";
  f.agent_text = "signal -81 dBm < -72 dBm";
  f.remedy = Remedy{RemedyKind::kRecommendation, "add-extender", "Add an extender."};
  f.health_cost = 6;
  return f;
}

TEST(FindingJsonTest, RoundTrip) {
  const Finding f = sample_finding();
  const json j = finding_to_json(f);
  EXPECT_EQ(j["title"], "Weak Wi-Fi signal");
  EXPECT_EQ(j["domain"], "wifi");
  EXPECT_EQ(j["severity"], "warning");
  EXPECT_EQ(j["entity"]["kind"], "station");
  EXPECT_EQ(j["window"]["to"], "2026-01-05T00:00:00Z");
  EXPECT_EQ(j["start"], "2026-01-04T23:50:00.500Z");
  EXPECT_TRUE(j["end"].is_null());
  EXPECT_TRUE(j["evidence"][1]["value"].is_null());
  EXPECT_EQ(j["remedy"]["action"], "add-extender");
  auto back = finding_from_json(j);
  ASSERT_TRUE(back.ok()) << back.error().message;
  EXPECT_EQ(back->code, f.code);
  EXPECT_EQ(back->severity, f.severity);
  EXPECT_EQ(back->entity, f.entity);
  EXPECT_EQ(back->start_ms, f.start_ms);
  EXPECT_EQ(back->end_ms, 0);
  EXPECT_EQ(back->window_from_ms, f.window_from_ms);
  ASSERT_EQ(back->evidence.size(), 2u);
  EXPECT_DOUBLE_EQ(back->evidence[0].value, -81);
  EXPECT_TRUE(std::isnan(back->evidence[1].value));
  EXPECT_EQ(back->remedy.kind, RemedyKind::kRecommendation);
  EXPECT_EQ(back->customer_text, f.customer_text);
  EXPECT_EQ(back->health_cost, 6);
  EXPECT_EQ(finding_to_json(*back), j);
}

TEST(FindingJsonTest, ErrorsNameTheField) {
  struct Case {
    json j;
    const char* field;
  };
  const Case cases[] = {
      {json::array(), "finding"},
      {json{{"severity", "warning"}}, "code"},
      {json{{"code", "X"}, {"severity", "loud"}}, "severity"},
      {json{{"code", "X"}, {"severity", "info"}, {"start", "yesterday"}}, "start"},
      {json{{"code", "X"}, {"severity", "info"}, {"entity", {{"kind", "planet"}}}}, "kind"},
      {json{{"code", "X"}, {"severity", "info"}, {"healthCost", "a lot"}}, "healthCost"},
  };
  for (const Case& c : cases) {
    auto r = finding_from_json(c.j);
    ASSERT_FALSE(r.ok()) << c.j.dump();
    EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument);
    EXPECT_NE(r.error().message.find(c.field), std::string::npos) << r.error().message;
  }
}

TEST(DiagnosisJsonTest, RoundTripOfAnEvaluatedHome) {
  auto h = history(4, kT0, 5 * kMinute,
                   [](HomeSnapshot& s, int) { find(s, "02:00:00:00:00:01").signal_dbm = -81; });
  DiagState state;
  const Diagnosis d = evaluate(RuleInput{context(), h, kT0}, DiagConfig{}, state);
  ASSERT_TRUE(d.primary);
  const json j = diagnosis_to_json(d);
  EXPECT_EQ(j["homeId"], "home-1");
  EXPECT_EQ(j["primaryCause"]["code"], "WIFI-COV-1");
  EXPECT_EQ(j["findings"][0]["severity"], "warning");
  EXPECT_EQ(j["health"], d.health);
  EXPECT_EQ(j["stationHealth"]["02:00:00:00:00:02"], 100);
  auto back = diagnosis_from_json(j);
  ASSERT_TRUE(back.ok()) << back.error().message;
  EXPECT_EQ(back->health, d.health);
  EXPECT_EQ(back->domain, "wifi");
  EXPECT_EQ(back->station_health, d.station_health);
  ASSERT_EQ(back->health_costs.size(), d.health_costs.size());
  EXPECT_EQ(back->health_costs[0].entity, d.health_costs[0].entity);
  EXPECT_EQ(diagnosis_to_json(*back), j);

  const json healthy = diagnosis_to_json(Diagnosis{});
  EXPECT_TRUE(healthy["primaryCause"].is_null());
  EXPECT_TRUE(healthy["time"].is_null());
  auto none = diagnosis_from_json(healthy);
  ASSERT_TRUE(none.ok());
  EXPECT_FALSE(none->primary);
  EXPECT_FALSE(diagnosis_from_json(json{{"health", 140}}).ok());
}

TEST(SnapshotJsonTest, CamelCaseWithNullsForUnknowns) {
  HomeSnapshot s = healthy_home(kT0);
  s.stations[0].snr_db = kUnknown;
  s.stations[0].heard_by.push_back({0, Band::k5g, -70});
  s.radios[0].neighbour_bss = -1;
  const json j = snapshot_to_json(s);
  EXPECT_EQ(j["deviceId"], "dev-1");
  EXPECT_EQ(j["time"], "2026-01-05T00:00:00Z");
  EXPECT_EQ(j["device"]["memoryTotalKib"], 262144);
  EXPECT_EQ(j["wan"]["up"], true);
  EXPECT_TRUE(j["wan"]["ping"]["time"].is_null());
  EXPECT_EQ(j["radios"][0]["band"], "2.4GHz");
  EXPECT_TRUE(j["radios"][0]["neighbourBss"].is_null());
  EXPECT_EQ(j["stations"][0]["band"], "5GHz");
  EXPECT_TRUE(j["stations"][0]["snrDb"].is_null());
  EXPECT_EQ(j["stations"][0]["heardBy"][0]["signalDbm"], -70);
  EXPECT_EQ(j["nodes"][0]["gateway"], true);
  EXPECT_EQ(j["joinFailures"]["count"], 0);
}

TEST(OptimisationJsonTest, RoundTrip) {
  OptimisationLogEntry e;
  e.time_ms = kT0;
  e.action = "set-channel";
  e.radio_id = "aa:00:00:00:00:00/2.4GHz";
  e.from_channel = 6;
  e.to_channel = 11;
  e.utilisation_before_pct = 62.5;
  e.reason = "neighbours on 6";
  const json j = optimisation_entry_to_json(e);
  EXPECT_TRUE(j["utilisationAfterPct"].is_null());
  auto back = optimisation_entry_from_json(j);
  ASSERT_TRUE(back.ok()) << back.error().message;
  EXPECT_EQ(back->to_channel, 11);
  EXPECT_DOUBLE_EQ(back->utilisation_before_pct, 62.5);
  EXPECT_TRUE(std::isnan(back->utilisation_after_pct));
  EXPECT_EQ(optimisation_entry_to_json(*back), j);
  EXPECT_FALSE(optimisation_entry_from_json(json{{"radioId", "x"}}).ok());  // no action
}

struct OptionCase {
  const char* name;
  const char* value;
  bool ok;
};

class DiagOptionTest : public ::testing::TestWithParam<OptionCase> {};

TEST_P(DiagOptionTest, SetsByName) {
  const OptionCase& c = GetParam();
  DiagConfig config;
  EXPECT_EQ(set_diag_option(config, c.name, c.value).ok(), c.ok) << c.name << "=" << c.value;
}

INSTANTIATE_TEST_SUITE_P(Cases, DiagOptionTest,
                         ::testing::Values(OptionCase{"weak_signal_2g_dbm", "-78", true},
                                           OptionCase{"weak_signal_2g_dbm", "-78.5", true},
                                           OptionCase{"weak_signal_2g_dbm", "weak", false},
                                           OptionCase{"weak_signal_2g_dbm", "", false},
                                           OptionCase{"persist_ms", "60000", true},
                                           OptionCase{"persist_ms", "-5", false},
                                           OptionCase{"persist_ms", "1.5", false},
                                           OptionCase{"crash_min_boots", "4", true},
                                           OptionCase{"no_such_option", "1", false}));

TEST(DiagOptionTest, EveryFieldIsReachableAndTakesEffect) {
  DiagConfig config;
  ASSERT_TRUE(set_diag_option(config, "weak_signal_5g_dbm", " -70 ").ok());
  EXPECT_DOUBLE_EQ(config.weak_signal_5g_dbm, -70);
  ASSERT_TRUE(set_diag_option(config, "clear_ms", "1200000").ok());
  EXPECT_EQ(config.clear_ms, 1'200'000);
  ASSERT_TRUE(set_diag_option(config, "coverage_hole_min_clients", "5").ok());
  EXPECT_EQ(config.coverage_hole_min_clients, 5);
  const auto names = diag_option_names();
  EXPECT_GE(names.size(), 60u);
  for (const std::string& name : names)
    EXPECT_TRUE(set_diag_option(config, name, "1").ok()) << name;
  auto err = set_diag_option(config, "nope", "1");
  ASSERT_FALSE(err.ok());
  EXPECT_NE(err.error().message.find("nope"), std::string::npos);
}

}  // namespace
}  // namespace hearth::diag
