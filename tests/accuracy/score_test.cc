// Scoring of the diagnosis against the ground truth.
#include "tests/accuracy/score.h"

#include <gtest/gtest.h>

namespace hearth::accuracy {
namespace {

using nlohmann::json;

TEST(ScoreTest, ReadsTheTruthFile) {
  const json truth = json::parse(R"({"truth":[
    {"homeId":"h1","scenario":"weak-coverage","cause":"WIFI-COV-1","start":"2026-01-01T00:01:00Z","end":null},
    {"homeId":"h2","scenario":"power-cut","cause":"PWR-CUT-1","start":"2026-01-01T00:01:00Z",
     "end":"2026-01-01T00:11:00Z"},
    {"homeId":5}]})");
  auto t = parse_truth(truth);
  ASSERT_EQ(t.size(), 2u);
  EXPECT_EQ(t[0].end_ms, INT64_MAX);
  EXPECT_EQ(t[1].end_ms - t[1].start_ms, 600'000);
}

TEST(ScoreTest, ReadsTheDiagnosis) {
  auto o = parse_diagnosis(json::parse(R"({"primaryCause":{"code":"WIFI-COV-1"},"health":70,"findings":[
    {"code":"WIFI-COV-1","severity":"warning"},{"code":"WIFI-CHAN-1","severity":"info"},
    {"code":"SYS-MEM-1","severity":"critical"}]})"));
  EXPECT_EQ(o.primary, "WIFI-COV-1");
  EXPECT_EQ(o.warnings, (std::vector<std::string>{"WIFI-COV-1", "SYS-MEM-1"}));
  EXPECT_EQ(parse_diagnosis(json::parse(R"({"primaryCause":null,"findings":[]})")).primary, "");
}

TEST(ScoreTest, CountsRightCausesAndHealthyHomesWithWarnings) {
  std::vector<TruthEntry> truth{
      {"h1", "weak-coverage", "WIFI-COV-1", 1000, INT64_MAX},
      {"h2", "weak-coverage", "WIFI-COV-1", 1000, INT64_MAX},
      {"h3", "power-cut", "PWR-CUT-1", 1000, 2000},  // over before scoring: left out
      {"h4", "dns-failure", "WAN-DNS-1", 9000, INT64_MAX},  // not started yet: left out
  };
  std::map<std::string, Observed> obs{
      {"h1", {"WIFI-COV-1", {"WIFI-COV-1"}}},
      {"h2", {"WIFI-CAP-1", {"WIFI-CAP-1"}}},
      {"h5", {"", {}}},
      {"h6", {"", {"WIFI-RTY-1"}}},
  };
  Report r = score(truth, obs, {"h1", "h2", "h3", "h4", "h5", "h6", "h7"}, 5000);
  ASSERT_EQ(r.scenarios.size(), 1u);
  EXPECT_EQ(r.scenarios[0].homes, 2);
  EXPECT_EQ(r.scenarios[0].right, 1);
  EXPECT_EQ(r.scenarios[0].named_instead["WIFI-CAP-1"], 1);
  EXPECT_EQ(r.healthy_homes, 3);  // h5, h6, h7 (h7: no answer counts as healthy, no warning)
  EXPECT_EQ(r.healthy_with_warning, 1);
  EXPECT_DOUBLE_EQ(r.right_share(), 0.5);
  EXPECT_DOUBLE_EQ(r.mean_share(), 0.5);
  EXPECT_FALSE(r.meets(0.95, 0.01));
  EXPECT_NE(r.table().find("weak-coverage"), std::string::npos);
  EXPECT_EQ(r.to_json()["healthyWarnings"]["WIFI-RTY-1"], 1);
}

}  // namespace
}  // namespace hearth::accuracy
