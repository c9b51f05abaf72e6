// The detector's decisions with time passed as a number: dark access nodes confirmed by probes
// or by time and resolved when they return; thresholds, the window, explained silences, the
// noise baseline, region incidents, and the probes it asks for.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <set>

#include "outage/test_fleet.h"

namespace hearth::outage {
namespace {

using testing::Fleet;

constexpr int64_t kSecond = 1'000;
constexpr int64_t kMinute = 60'000;

bool any_state(const Fleet& f, const std::string& node, IncidentState state) {
  for (const Incident& i : f.incidents_of(node)) {
    if (i.state == state) return true;
  }
  return false;
}

std::optional<Incident> confirmed_of(const Fleet& f, const std::string& node) {
  for (const Incident& i : f.incidents_of(node)) {
    if (i.confirmed_ms != 0) return i;
  }
  return std::nullopt;
}

struct DarkNodeCase {
  int homes;
  bool suspected_first;  // suspected a pass or more before it is confirmed
};

class DarkNodeTest : public ::testing::TestWithParam<DarkNodeCase> {};

TEST_P(DarkNodeTest, ConfirmedByFailedProbesWithinAMinuteAndResolvedWithinAMinute) {
  const DarkNodeCase c = GetParam();
  Fleet f;
  f.add_node("an-1", "r-1", c.homes);
  f.add_node("an-2", "r-1", 10);
  f.start();
  f.run(2 * kMinute);
  EXPECT_TRUE(f.seen().empty());

  f.darken("an-1", c.homes);
  const int64_t onset = f.now();
  const int64_t confirmed_at =
      f.run_until([&] { return any_state(f, "an-1", IncidentState::kConfirmed); }, 5 * kMinute);
  ASSERT_NE(confirmed_at, 0);
  EXPECT_LE(confirmed_at - onset, 60 * kSecond);
  auto first = confirmed_of(f, "an-1");
  ASSERT_TRUE(first);
  EXPECT_LE(first->suspected_ms, first->confirmed_ms);
  if (c.suspected_first) {
    EXPECT_LT(first->suspected_ms, first->confirmed_ms);
  }
  // Confirmation waits for the answers of the probes its suspicion asked: all homes are in.
  EXPECT_EQ(first->homes.size(), static_cast<size_t>(c.homes));
  f.run(kMinute);  // the rest of its homes, probed at once, have joined
  auto inc = f.detector().incident(first->id);
  ASSERT_TRUE(inc);
  EXPECT_EQ(inc->state, IncidentState::kConfirmed);
  EXPECT_EQ(inc->scope, Scope::kAccessNode);
  EXPECT_EQ(inc->region_id, "r-1");
  EXPECT_EQ(inc->cause, "plant");
  EXPECT_EQ(inc->node_homes, static_cast<uint32_t>(c.homes));
  EXPECT_EQ(inc->homes.size(), static_cast<size_t>(c.homes));
  EXPECT_TRUE(std::is_sorted(inc->homes.begin(), inc->homes.end()));
  EXPECT_EQ(inc->unreachable, static_cast<uint32_t>(c.homes));
  EXPECT_LE(inc->start_ms, onset);
  EXPECT_GT(inc->start_ms, onset - 5 * kMinute);
  EXPECT_TRUE(f.incidents_of("an-2").empty());
  auto outage = f.detector().home_outage(Fleet::home("an-1", 0), f.now());
  ASSERT_TRUE(outage);
  EXPECT_EQ(outage->incident_id, inc->id);
  EXPECT_EQ(outage->state, IncidentState::kConfirmed);
  EXPECT_FALSE(f.detector().home_outage(Fleet::home("an-2", 0), f.now()));

  f.run(10 * kMinute);  // it stays confirmed while dark
  EXPECT_TRUE(f.detector().incident(inc->id)->open());

  f.light("an-1");
  const int64_t recovery = f.now();
  const int64_t resolved_at =
      f.run_until([&] { return f.detector().open_incidents().empty(); }, 5 * kMinute);
  ASSERT_NE(resolved_at, 0);
  EXPECT_LE(resolved_at - recovery, 60 * kSecond);
  auto done = f.detector().incident(inc->id);
  ASSERT_TRUE(done);
  EXPECT_EQ(done->state, IncidentState::kResolved);
  EXPECT_EQ(done->resolved_ms, resolved_at);
  EXPECT_GE(done->end_ms, recovery);
  EXPECT_LE(done->end_ms, resolved_at);
  EXPECT_EQ(f.seen().at(inc->id).state, IncidentState::kResolved);
  EXPECT_FALSE(f.woken().empty());  // homes found back by a probe are asked to inform now
  EXPECT_FALSE(f.detector().home_outage(Fleet::home("an-1", 0), f.now()));
}

INSTANTIATE_TEST_SUITE_P(Sizes, DarkNodeTest,
                         ::testing::Values(DarkNodeCase{10, true}, DarkNodeCase{40, true},
                                           DarkNodeCase{60, false}));

TEST(DetectorTest, ConfirmedAfterConfirmAfterWhenHomesCannotBeProbed) {
  Fleet f;
  f.add_node("an-1", "r-1", 10, /*probeable=*/false);
  f.start();
  f.run(kMinute);
  f.darken("an-1", 10);
  const int64_t onset = f.now();
  ASSERT_NE(
      f.run_until([&] { return any_state(f, "an-1", IncidentState::kConfirmed); }, 15 * kMinute),
      0);
  auto inc = confirmed_of(f, "an-1");
  ASSERT_TRUE(inc);
  EXPECT_GE(inc->confirmed_ms - inc->suspected_ms, f.detector().options().confirm_after_ms);
  EXPECT_LE(inc->confirmed_ms - onset, 10 * kMinute);
  EXPECT_TRUE(f.probes().empty());  // none of them may be probed
  // Their return is seen from their informs.
  f.light("an-1");
  EXPECT_NE(f.run_until([&] { return f.detector().open_incidents().empty(); }, 6 * kMinute), 0);
}

struct ThresholdCase {
  const char* name;
  int homes;
  int dark;
  uint32_t threshold;
  bool confirmed;
  bool suspected;  // an incident of any state
};

class ThresholdTest : public ::testing::TestWithParam<ThresholdCase> {};

TEST_P(ThresholdTest, CountsAgainstMaxOfMinHomesAndShare) {
  const ThresholdCase c = GetParam();
  Fleet f;
  f.add_node("an-1", "r-1", c.homes);
  f.start();
  EXPECT_EQ(f.detector().threshold("an-1"), c.threshold);
  f.darken("an-1", c.dark);
  f.run(20 * kMinute);
  EXPECT_EQ(confirmed_of(f, "an-1").has_value(), c.confirmed) << c.name;
  EXPECT_EQ(!f.incidents_of("an-1").empty(), c.suspected) << c.name;
  for (const Incident& i : f.incidents_of("an-1")) {
    if (i.confirmed_ms == 0) {
      // Suspected and never confirmed: dropped after suspect_timeout_ms, resolved.
      EXPECT_EQ(i.state, IncidentState::kResolved) << c.name;
      EXPECT_EQ(i.resolved_ms - i.suspected_ms, f.detector().options().suspect_timeout_ms)
          << c.name;
    }
  }
}

INSTANTIATE_TEST_SUITE_P(
    Nodes, ThresholdTest,
    ::testing::Values(ThresholdCase{"5 of 5", 5, 5, 5, true, true},
                      ThresholdCase{"4 of 5", 5, 4, 5, false, true},
                      ThresholdCase{"4 of 20: suspected, then dropped", 20, 4, 5, false, true},
                      ThresholdCase{"5 of 20", 20, 5, 5, true, true},
                      ThresholdCase{"2 of 20: no incident", 20, 2, 5, false, false},
                      ThresholdCase{"9 of 50: below 20 %", 50, 9, 10, false, true},
                      ThresholdCase{"10 of 50", 50, 10, 10, true, true}),
    [](const auto& tp) {
      std::string s = tp.param.name;
      std::replace_if(
          s.begin(), s.end(), [](char ch) { return !std::isalnum(static_cast<unsigned char>(ch)); },
          '_');
      return s;
    });

TEST(DetectorTest, FailuresSpreadOverHoursNeverOpenOne) {
  Fleet f;
  f.add_node("an-1", "r-1", 20);
  f.start();
  for (int i = 0; i < 12; ++i) {  // one more home every 20 minutes, none of them back
    f.darken_home(Fleet::home("an-1", i));
    f.run(20 * kMinute);
  }
  EXPECT_TRUE(f.seen().empty());
}

TEST(DetectorTest, HomesDarkBeforeTheWindowKeepTheirOldDetectionTime) {
  Fleet f;
  f.add_node("an-1", "r-1", 20);
  f.start();
  for (int i = 0; i < 3; ++i) {  // dark one after the other, long ago
    f.darken_home(Fleet::home("an-1", i));
    f.run(20 * kMinute);
  }
  for (int i = 3; i < 5; ++i) f.darken_home(Fleet::home("an-1", i));  // 5 dark, 2 of them new
  f.run(20 * kMinute);
  EXPECT_TRUE(f.seen().empty());
}

struct CauseCase {
  const char* name;
  int silent;
  int gasp;
  const char* confirmed_cause;  // "": none confirmed
};

class CauseTest : public ::testing::TestWithParam<CauseCase> {};

TEST_P(CauseTest, DyingGaspsCountForPowerNotForPlant) {
  const CauseCase c = GetParam();
  Fleet f;
  f.add_node("an-1", "r-1", 20);
  f.start();
  f.run(kMinute);
  for (int i = 0; i < c.silent; ++i) f.darken_home(Fleet::home("an-1", i));
  for (int i = c.silent; i < c.silent + c.gasp; ++i)
    f.darken_home(Fleet::home("an-1", i), /*gasp=*/true);
  f.run(15 * kMinute);
  auto inc = confirmed_of(f, "an-1");
  if (std::string(c.confirmed_cause).empty()) {
    EXPECT_FALSE(inc) << c.name;
  } else {
    ASSERT_TRUE(inc) << c.name;
    EXPECT_EQ(inc->cause, c.confirmed_cause) << c.name;
    EXPECT_EQ(inc->homes.size(),
              static_cast<size_t>(std::string(c.confirmed_cause) == "power" ? c.silent + c.gasp
                                                                            : c.silent))
        << c.name;
  }
}

INSTANTIATE_TEST_SUITE_P(Mixes, CauseTest,
                         ::testing::Values(CauseCase{"all gasp", 0, 8, "power"},
                                           CauseCase{"mostly gasp", 2, 6, "power"},
                                           CauseCase{"gasps do not make up plant", 4, 3, ""},
                                           CauseCase{"silent", 8, 0, "plant"}),
                         [](const auto& tp) {
                           std::string s = tp.param.name;
                           std::replace(s.begin(), s.end(), ' ', '_');
                           return s;
                         });

TEST(DetectorTest, ExpectedRestartsExplainTheSilence) {
  Fleet f;
  f.add_node("an-1", "r-1", 10);
  f.start();
  for (int i = 0; i < 10; ++i) f.detector().restart_expected(Fleet::home("an-1", i), f.now());
  f.darken("an-1", 10);
  f.run(8 * kMinute);  // inside restart_grace_ms
  f.light("an-1");
  f.run(10 * kMinute);
  EXPECT_TRUE(f.seen().empty());
}

TEST(DetectorTest, MaintenanceExplainsTheSilenceAndIsReported) {
  for (bool by_region : {false, true}) {
    Fleet f;
    f.add_node("an-1", "r-1", 10);
    f.add_node("an-2", "r-2", 10);
    f.start();
    Maintenance m;
    m.id = "mnt-1";
    (by_region ? m.region_id : m.access_node_id) = by_region ? "r-1" : "an-1";
    m.start_ms = f.now() + 3 * 86'400'000LL;
    m.end_ms = m.start_ms + 2 * 3'600'000;
    m.description = "Line card replacement";
    f.detector().set_maintenance({m});
    auto ahead = f.detector().home_outage(Fleet::home("an-1", 3), f.now());
    ASSERT_TRUE(ahead);
    EXPECT_EQ(ahead->incident_id, 0);
    ASSERT_TRUE(ahead->maintenance);
    EXPECT_EQ(ahead->maintenance->description, "Line card replacement");
    EXPECT_FALSE(f.detector().home_outage(Fleet::home("an-2", 3), f.now()));
    // Eight days ahead is not reported.
    Maintenance later = m;
    later.start_ms = f.now() + 8 * 86'400'000LL;
    later.end_ms = later.start_ms + 3'600'000;
    f.detector().set_maintenance({later});
    EXPECT_FALSE(f.detector().home_outage(Fleet::home("an-1", 3), f.now()));

    // Under way: its homes go dark without an incident, and it is what they are told.
    m.start_ms = f.now();
    f.detector().set_maintenance({m});
    f.darken("an-1", 10);
    f.run(30 * kMinute);
    EXPECT_TRUE(f.seen().empty()) << by_region;
    auto during = f.detector().home_outage(Fleet::home("an-1", 3), f.now());
    ASSERT_TRUE(during);
    EXPECT_EQ(during->incident_id, 0);
    EXPECT_EQ(during->cause, "maintenance");
    ASSERT_TRUE(during->maintenance);
    EXPECT_EQ(during->maintenance->id, "mnt-1");
  }
}

TEST(DetectorTest, NoisyNodeBaselineRaisesItsThreshold) {
  OutageOptions o;
  o.baseline_tau_ms = 3'600'000;
  Fleet f(o);
  f.add_node("noisy", "r-1", 20);
  f.add_node("quiet", "r-2", 20);
  f.start();
  EXPECT_EQ(f.detector().threshold("noisy"), 5u);
  // A home of the noisy node loses its line every 160 s (two per window) and is back 10 min later.
  std::vector<std::pair<int64_t, std::string>> back;
  int next = 0;
  for (int k = 0; k < 70; ++k) {  // about three hours
    const std::string id = Fleet::home("noisy", next);
    next = (next + 1) % 20;
    f.darken_home(id, false, /*loss_of_signal=*/true);
    back.emplace_back(f.now() + 10 * kMinute, id);
    for (int s = 0; s < 32; ++s) {
      f.step();
      while (!back.empty() && back.front().first <= f.now()) {
        f.light_home(back.front().second);
        f.detector().inform(back.front().second, f.now(), 300, false);
        back.erase(back.begin());
      }
    }
  }
  EXPECT_TRUE(f.seen().empty());
  EXPECT_GT(f.detector().baseline("noisy"), 1.5);
  EXPECT_LT(f.detector().baseline("quiet"), 0.01);
  EXPECT_GE(f.detector().threshold("noisy"), 10u);
  EXPECT_EQ(f.detector().threshold("quiet"), 5u);
  for (const auto& [t, id] : back) f.light_home(id);
  f.run(10 * kMinute);
  // Six homes at once: an outage on the quiet node, noise on the noisy one.
  f.darken("noisy", 6);
  f.darken("quiet", 6);
  f.run(15 * kMinute);
  EXPECT_TRUE(confirmed_of(f, "quiet"));
  EXPECT_FALSE(confirmed_of(f, "noisy"));
}

TEST(DetectorTest, RegionIncidentWhenThreeOfItsNodesAreDown) {
  Fleet f;
  for (int n = 1; n <= 5; ++n) f.add_node("an-" + std::to_string(n), "r-1", 10);
  f.add_node("an-9", "r-2", 10);
  f.start();
  f.run(kMinute);
  for (int n = 1; n <= 3; ++n) f.darken("an-" + std::to_string(n), 10);
  f.run(3 * kMinute);
  auto regions = f.incidents_of("r-1");
  std::vector<Incident> region;
  for (const Incident& i : regions) {
    if (i.scope == Scope::kRegion) region.push_back(i);
  }
  ASSERT_EQ(region.size(), 1u);
  EXPECT_EQ(region[0].state, IncidentState::kConfirmed);
  EXPECT_EQ(region[0].access_node_id, "");
  EXPECT_EQ(region[0].node_homes, 50u);
  EXPECT_EQ(region[0].homes.size(), 30u);
  for (int n = 1; n <= 3; ++n) {
    auto node = confirmed_of(f, "an-" + std::to_string(n));
    ASSERT_TRUE(node);
    EXPECT_EQ(node->parent_id, region[0].id);
  }
  // A node's incident comes before its region's.
  auto outage = f.detector().home_outage(Fleet::home("an-2", 1), f.now());
  ASSERT_TRUE(outage);
  EXPECT_EQ(outage->incident_id, confirmed_of(f, "an-2")->id);
  EXPECT_FALSE(f.detector().home_outage(Fleet::home("an-4", 1), f.now()));
  EXPECT_TRUE(f.incidents_of("an-9").empty());

  for (int n = 1; n <= 3; ++n) f.light("an-" + std::to_string(n));
  ASSERT_NE(f.run_until([&] { return f.detector().open_incidents().empty(); }, 5 * kMinute), 0);
}

TEST(DetectorTest, RegionIncidentFromFailuresSpreadOverItsNodes) {
  OutageOptions o;
  o.min_share = 0;  // thresholds of 5 homes for nodes and region alike
  Fleet f(o);
  for (int n = 1; n <= 4; ++n) f.add_node("an-" + std::to_string(n), "r-1", 20);
  f.start();
  f.run(kMinute);
  for (int n = 1; n <= 3; ++n) f.darken("an-" + std::to_string(n), 2);  // too few for any node
  f.run(5 * kMinute);
  auto seen = f.incidents_of("r-1");
  ASSERT_EQ(seen.size(), 1u);
  EXPECT_EQ(seen[0].scope, Scope::kRegion);
  EXPECT_EQ(seen[0].state, IncidentState::kConfirmed);
  EXPECT_EQ(seen[0].homes.size(), 6u);
  EXPECT_EQ(seen[0].node_homes, 80u);
  for (int n = 1; n <= 4; ++n) EXPECT_TRUE(f.incidents_of("an-" + std::to_string(n)).empty());
  auto outage = f.detector().home_outage(Fleet::home("an-2", 1), f.now());
  ASSERT_TRUE(outage);
  EXPECT_EQ(outage->incident_id, seen[0].id);
}

TEST(DetectorTest, EndIsTheEarliestLineUpAmongTheReturnedHomes) {
  Fleet f;
  f.add_node("an-1", "r-1", 10);
  f.start();
  f.darken("an-1", 10);
  f.run(5 * kMinute);
  auto open = f.detector().open_incidents();
  ASSERT_EQ(open.size(), 1u);
  EXPECT_EQ(open[0].state, IncidentState::kConfirmed);
  f.light("an-1");
  const int64_t back = f.now();
  // One line reported up 30 s ago; one gateway tells its WAN came up 20 s ago; the rest answer
  // probes.
  f.detector().line_event(Fleet::home("an-1", 1), LineKind::kRestored, back - 30'000);
  f.detector().inform(Fleet::home("an-1", 0), back, 300, false, back - 20'000);
  ASSERT_NE(f.run_until([&] { return f.detector().open_incidents().empty(); }, 2 * kMinute), 0);
  auto done = f.detector().incident(open[0].id);
  EXPECT_EQ(done->end_ms, back - 30'000);
  EXPECT_LE(done->start_ms, back - 5 * kMinute);
  EXPECT_EQ(done->unreachable, 0u);
}

TEST(DetectorTest, SentinelsRotateOverTheReachableHomesOfAQuietNode) {
  Fleet f;
  f.add_node("an-1", "r-1", 4, true, /*interval_s=*/86'400);
  f.start();
  // One home is dark and known to be: never a sentinel.
  f.darken_home(Fleet::home("an-1", 3));
  f.detector().probe_result(Fleet::home("an-1", 3), false, f.now());
  f.run(10 * kMinute);
  std::vector<std::string> sentinels;
  int64_t last = 0;
  for (const auto& p : f.probes()) {
    if (p.probe.kind != ProbeKind::kSentinel) continue;
    if (last != 0) {
      EXPECT_GE(p.time_ms - last, f.detector().options().sentinel_interval_ms);
    }
    last = p.time_ms;
    sentinels.push_back(p.probe.home_id);
  }
  ASSERT_GE(sentinels.size(), 12u);
  for (size_t k = 0; k + 3 <= sentinels.size(); ++k) {
    const std::set<std::string> three(sentinels.begin() + static_cast<std::ptrdiff_t>(k),
                                      sentinels.begin() + static_cast<std::ptrdiff_t>(k + 3));
    EXPECT_EQ(three.size(), 3u) << "at " << k;
    EXPECT_EQ(three.count(Fleet::home("an-1", 3)), 0u);
  }
  EXPECT_TRUE(f.seen().empty());
}

TEST(DetectorTest, ProbesRespectTheBudgetTheirOrderRetryAndProbeability) {
  OutageOptions o;
  o.max_probes_per_pass = 3;
  Fleet f(o);
  f.add_node("an-1", "r-1", 40);
  f.add_node("an-2", "r-1", 20, /*probeable=*/false);
  f.add_node("an-3", "r-2", 8);
  f.start();
  f.darken("an-1", 40);
  f.darken("an-2", 20);
  f.run(20 * kMinute);
  ASSERT_TRUE(confirmed_of(f, "an-1"));
  std::map<int64_t, std::vector<ProbeRequest>> by_pass;
  std::map<std::string, int64_t> last_asked;
  for (const auto& p : f.probes()) {
    by_pass[p.time_ms].push_back(p.probe);
    EXPECT_EQ(p.probe.home_id.rfind("an-2", 0), std::string::npos)
        << "not probeable: " << p.probe.home_id;
    auto it = last_asked.find(p.probe.home_id);
    if (it != last_asked.end()) {
      EXPECT_GE(p.time_ms - it->second, f.detector().options().probe_retry_ms) << p.probe.home_id;
    }
    last_asked[p.probe.home_id] = p.time_ms;
  }
  for (const auto& [t, probes] : by_pass) {
    EXPECT_LE(probes.size(), 3u);
    for (size_t k = 1; k < probes.size(); ++k) {
      // Recovery, then suspect, then sentinel.
      EXPECT_GE(static_cast<int>(probes[k - 1].kind), static_cast<int>(probes[k].kind));
    }
  }
}

TEST(DetectorTest, UnknownHomesAndNodesAreIgnored) {
  Fleet f;
  f.add_node("an-1", "r-1", 5);
  f.start();
  Detector& d = f.detector();
  d.inform("nobody", f.now(), 300, true);
  d.probe_result("nobody", false, f.now());
  d.line_event("nobody", LineKind::kDyingGasp, f.now());
  d.restart_expected("nobody", f.now());
  d.set_probeable("nobody", true);
  d.remove_home("nobody");
  EXPECT_EQ(d.home_count(), 5u);
  EXPECT_EQ(d.node_count(), 1u);
  EXPECT_FALSE(d.home_outage("nobody", f.now()));
  EXPECT_EQ(d.threshold("an-x"), 0u);
  EXPECT_EQ(d.baseline("an-x"), 0.0);
  // A home placed on an unknown node is never counted.
  d.put_home({"stray", "an-x"});
  d.inform("stray", f.now(), 300, true);
  f.run(20 * kMinute);
  EXPECT_TRUE(f.seen().empty());
}

TEST(DetectorTest, SetTopologyKeepsStateAndOpenIncidents) {
  Fleet f;
  f.add_node("an-1", "r-1", 10);
  f.add_node("an-2", "r-1", 10);
  f.start();
  f.darken("an-1", 10);
  f.run(2 * kMinute);
  auto open = f.detector().open_incidents();
  ASSERT_EQ(open.size(), 1u);
  // The same topology again with one more node and home: nothing is forgotten.
  std::vector<TopologyNode> nodes{{"an-1", "r-1"}, {"an-2", "r-1"}, {"an-3", "r-1"}};
  std::vector<TopologyHome> homes{{"new-home", "an-3"}};
  for (int n = 1; n <= 2; ++n) {
    for (int i = 0; i < 10; ++i)
      homes.push_back({Fleet::home("an-" + std::to_string(n), i), "an-" + std::to_string(n)});
  }
  f.detector().set_topology(nodes, homes);
  EXPECT_EQ(f.detector().home_count(), 21u);
  EXPECT_EQ(f.detector().node_count(), 3u);
  f.run(10 * kMinute);
  ASSERT_EQ(f.detector().open_incidents().size(), 1u);
  EXPECT_EQ(f.detector().open_incidents()[0].id, open[0].id);
  EXPECT_TRUE(f.incidents_of("an-2").empty());  // its homes' schedules were kept
  auto outage = f.detector().home_outage(Fleet::home("an-1", 4), f.now());
  ASSERT_TRUE(outage);
  EXPECT_EQ(outage->incident_id, open[0].id);
  // Removing a home keeps it in the incident's list; the others still resolve it.
  f.detector().remove_home(Fleet::home("an-1", 0));
  f.light("an-1");
  ASSERT_NE(f.run_until([&] { return f.detector().open_incidents().empty(); }, 5 * kMinute), 0);
  EXPECT_EQ(f.detector().incident(open[0].id)->homes.size(), 10u);
}

// One node down plus a stray failure on each of two other nodes of its region: the node's
// incident explains its homes; the strays do not make it a regional one.
TEST(DetectorTest, OneNodeDownWithStraysElsewhereIsNoRegionIncident) {
  Fleet f;
  f.add_node("an-1", "r-1", 28);
  f.add_node("an-2", "r-1", 36);
  f.add_node("an-3", "r-1", 36);
  f.start();
  f.run(kMinute);
  f.darken_home(Fleet::home("an-2", 0));
  f.darken_home(Fleet::home("an-3", 0));
  f.run(20'000);
  f.darken("an-1", 28);
  f.run(5 * kMinute);
  ASSERT_TRUE(confirmed_of(f, "an-1"));
  for (const Incident& i : f.incidents_of("r-1")) EXPECT_NE(i.scope, Scope::kRegion) << i.id;
  EXPECT_TRUE(f.incidents_of("an-2").empty());
  EXPECT_TRUE(f.incidents_of("an-3").empty());
}

}  // namespace
}  // namespace hearth::outage
