// WAN quality as a signal of the detector (cause "degraded"), with time passed as a number: the
// threshold and the window, the node's baseline of degradations, confirmation when the
// degradation persists, resolution, homes that join, dark wins, restored incidents, and that
// independent slow lines do not add up.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>

#include "outage/test_fleet.h"

namespace hearth::outage {
namespace {

using testing::Fleet;

constexpr int64_t kMinute = 60'000;
constexpr int64_t kHour = 60 * kMinute;

std::vector<Incident> of_cause(const Fleet& f, const std::string& node, const std::string& cause) {
  std::vector<Incident> out;
  for (const Incident& i : f.incidents_of(node)) {
    if (i.cause == cause) out.push_back(i);
  }
  return out;
}

size_t suspect_probes(const Fleet& f) {
  return static_cast<size_t>(std::count_if(f.probes().begin(), f.probes().end(), [](const auto& p) {
    return p.probe.kind == ProbeKind::kSuspect;
  }));
}

struct ThresholdCase {
  const char* name;
  int homes;
  int degraded;
  bool confirmed;  // else: no incident at all (one opens only at the threshold)
};

class DegradedThresholdTest : public ::testing::TestWithParam<ThresholdCase> {};

TEST_P(DegradedThresholdTest, CountsAgainstMaxOfMinHomesAndShareAndConfirmsWhenItPersists) {
  const ThresholdCase c = GetParam();
  Fleet f;
  f.add_node("an-1", "r-1", c.homes);
  f.add_node("an-2", "r-1", 10);
  f.start();
  f.run(2 * kMinute);
  f.degrade("an-1", c.degraded);
  const int64_t onset = f.now();
  f.run(30 * kMinute);
  const auto found = of_cause(f, "an-1", "degraded");
  if (!c.confirmed) {
    EXPECT_TRUE(f.seen().empty()) << c.name;
    return;
  }
  ASSERT_EQ(found.size(), 1u) << c.name;
  const Incident& i = found[0];
  EXPECT_EQ(i.state, IncidentState::kConfirmed) << c.name;
  EXPECT_EQ(i.scope, Scope::kAccessNode);
  EXPECT_EQ(i.node_homes, static_cast<uint32_t>(c.homes));
  EXPECT_EQ(i.homes.size(), static_cast<size_t>(c.degraded));
  EXPECT_EQ(i.unreachable, 0u);  // the homes answer
  EXPECT_EQ(i.parent_id, 0);
  EXPECT_EQ(i.start_ms, onset);
  EXPECT_LE(i.suspected_ms - onset, 5'000);
  // Suspected at the threshold, confirmed once it held for degraded_confirm_after_ms.
  const int64_t wait = f.detector().options().degraded_confirm_after_ms;
  EXPECT_GE(i.confirmed_ms - i.suspected_ms, wait);
  EXPECT_LE(i.confirmed_ms - i.suspected_ms, wait + 5'000);
  EXPECT_EQ(suspect_probes(f), 0u) << "no probes apply to homes that answer";
  auto outage = f.detector().home_outage(Fleet::home("an-1", 0), f.now());
  ASSERT_TRUE(outage);
  EXPECT_EQ(outage->cause, "degraded");
  EXPECT_EQ(outage->state, IncidentState::kConfirmed);
  if (c.degraded < c.homes) {  // a home whose line is fine is not in it
    EXPECT_FALSE(f.detector().home_outage(Fleet::home("an-1", c.homes - 1), f.now()));
  }
  EXPECT_TRUE(f.incidents_of("an-2").empty());
}

INSTANTIATE_TEST_SUITE_P(
    Nodes, DegradedThresholdTest,
    ::testing::Values(ThresholdCase{"5 of 5", 5, 5, true}, ThresholdCase{"4 of 5", 5, 4, false},
                      ThresholdCase{"4 of 20", 20, 4, false}, ThresholdCase{"5 of 20", 20, 5, true},
                      ThresholdCase{"9 of 50: below 20 %", 50, 9, false},
                      ThresholdCase{"10 of 50", 50, 10, true}),
    [](const auto& tp) {
      std::string s = tp.param.name;
      std::replace_if(
          s.begin(), s.end(), [](char ch) { return !std::isalnum(static_cast<unsigned char>(ch)); },
          '_');
      return s;
    });

TEST(DegradedTest, IndependentSlowLinesDoNotAddUp) {
  Fleet f;
  f.add_node("an-1", "r-1", 20);
  f.start();
  // Ten lines slow for days already, and five the diagnosis found slow on its first look (since
  // unknown).
  for (int i = 0; i < 10; ++i) f.degrade_home(Fleet::home("an-1", i), f.now() - 3 * 24 * kHour);
  for (int i = 10; i < 15; ++i) f.detector().wan_quality(Fleet::home("an-1", i), true, 0, f.now());
  f.run(10 * kMinute);
  for (int i = 10; i < 15; ++i) f.mend_home(Fleet::home("an-1", i));
  // Then one more line every 30 minutes, none of them mended: at most 4 in any window.
  for (int i = 10; i < 20; ++i) {
    f.degrade_home(Fleet::home("an-1", i));
    f.run(30 * kMinute, 15'000);
  }
  EXPECT_TRUE(f.seen().empty());
  EXPECT_EQ(f.detector().degraded_homes(), 20u);
}

TEST(DegradedTest, NoisyNodeBaselineRaisesItsThreshold) {
  OutageOptions o;
  o.baseline_tau_ms = kHour;
  Fleet f(o);
  f.add_node("noisy", "r-1", 20);
  f.add_node("quiet", "r-2", 20);
  f.start();
  EXPECT_EQ(f.detector().degraded_threshold("noisy"), 5u);
  // A line of the noisy node turns slow every 20 minutes and is fine an hour later: about three
  // recent degradations at any time, below the threshold.
  std::vector<std::pair<int64_t, std::string>> mend;
  int next = 0;
  for (int k = 0; k < 18; ++k) {  // six hours
    const std::string id = Fleet::home("noisy", next);
    next = (next + 1) % 20;
    f.degrade_home(id);
    mend.emplace_back(f.now() + kHour, id);
    for (int s = 0; s < 20; ++s) {
      f.step(kMinute);
      while (!mend.empty() && mend.front().first <= f.now()) {
        f.mend_home(mend.front().second);
        mend.erase(mend.begin());
      }
    }
  }
  EXPECT_TRUE(f.seen().empty());
  EXPECT_GT(f.detector().degraded_baseline("noisy"), 2.0);
  EXPECT_LT(f.detector().degraded_baseline("quiet"), 0.01);
  EXPECT_GE(f.detector().degraded_threshold("noisy"), 11u);
  EXPECT_EQ(f.detector().degraded_threshold("quiet"), 5u);
  EXPECT_LT(f.detector().baseline("noisy"), 0.01);  // the dark baseline is another
  for (const auto& [t, id] : mend) f.mend_home(id);
  // Six lines at once: a disturbance on the quiet node, noise on the noisy one.
  f.degrade("noisy", 6);
  f.degrade("quiet", 6);
  f.run(30 * kMinute);
  EXPECT_EQ(of_cause(f, "quiet", "degraded").size(), 1u);
  EXPECT_TRUE(f.incidents_of("noisy").empty());
}

struct PersistCase {
  const char* name;
  int mended_after_5_min;  // of 6 degraded homes on a node of 20
  bool confirmed;
  int64_t resolved_after_ms;  // after suspicion; -1: still open
};

class DegradedPersistTest : public ::testing::TestWithParam<PersistCase> {};

TEST_P(DegradedPersistTest, ConfirmedOnlyWhenTheThresholdHolds) {
  const PersistCase c = GetParam();
  Fleet f;
  f.add_node("an-1", "r-1", 20);
  f.start();
  f.degrade("an-1", 6);
  f.run(5 * kMinute);
  for (int i = 0; i < c.mended_after_5_min; ++i) f.mend_home(Fleet::home("an-1", i));
  f.run(2 * kHour);
  const auto found = of_cause(f, "an-1", "degraded");
  ASSERT_EQ(found.size(), 1u) << c.name;
  const Incident& i = found[0];
  EXPECT_EQ(i.confirmed_ms != 0, c.confirmed) << c.name;
  if (c.resolved_after_ms < 0) {
    EXPECT_EQ(i.state, IncidentState::kConfirmed) << c.name;
  } else {
    EXPECT_EQ(i.state, IncidentState::kResolved) << c.name;
    EXPECT_NEAR(static_cast<double>(i.resolved_ms - i.suspected_ms),
                static_cast<double>(c.resolved_after_ms), 10'000.0)
        << c.name;
  }
}

INSTANTIATE_TEST_SUITE_P(
    Cases, DegradedPersistTest,
    ::testing::Values(
        PersistCase{"persists", 0, true, -1}, PersistCase{"one fine again", 1, true, -1},
        // Below the threshold before confirmation, but not back: dropped after the window.
        PersistCase{"two fine again", 2, false, 90 * kMinute},
        // Fewer than max(1, 20 % of 6) still degraded: back.
        PersistCase{"all fine again", 6, false, 5 * kMinute}),
    [](const auto& tp) {
      std::string s = tp.param.name;
      std::replace(s.begin(), s.end(), ' ', '_');
      return s;
    });

TEST(DegradedTest, HomesJoinAndItResolvesWhenTheShareFallsUnderResolveShare) {
  Fleet f;
  f.add_node("an-1", "r-1", 20);
  f.start();
  f.degrade("an-1", 5);
  f.run(15 * kMinute);
  ASSERT_EQ(f.detector().open_incidents().size(), 1u);
  const int64_t id = f.detector().open_incidents()[0].id;
  EXPECT_EQ(f.detector().incident(id)->state, IncidentState::kConfirmed);
  // Five more lines turn slow over the next half hour: they join.
  for (int i = 5; i < 10; ++i) {
    f.degrade_home(Fleet::home("an-1", i));
    f.run(6 * kMinute);
  }
  EXPECT_EQ(f.detector().incident(id)->homes.size(), 10u);
  // Mended one by one: open while 2 (20 % of 10) or more remain degraded.
  int64_t first_fine = 0;
  for (int i = 0; i < 8; ++i) {
    f.mend_home(Fleet::home("an-1", i));
    if (first_fine == 0) first_fine = f.now();
    f.run(kMinute);
  }
  EXPECT_TRUE(f.detector().incident(id)->open());
  f.mend_home(Fleet::home("an-1", 8));
  f.step();
  auto done = f.detector().incident(id);
  EXPECT_EQ(done->state, IncidentState::kResolved);
  EXPECT_EQ(done->end_ms, first_fine);
  EXPECT_FALSE(f.detector().home_outage(Fleet::home("an-1", 9), f.now()));
  // The one still degraded does not open another.
  f.run(kHour);
  EXPECT_EQ(f.detector().open_incidents().size(), 0u);
}

TEST(DegradedTest, DarkWinsOverADegradedNode) {
  Fleet f;
  f.add_node("an-1", "r-1", 20);
  f.start();
  f.degrade("an-1", 8);
  f.run(15 * kMinute);
  ASSERT_EQ(f.detector().open_incidents().size(), 1u);
  const Incident degraded = f.detector().open_incidents()[0];
  EXPECT_EQ(degraded.cause, "degraded");
  EXPECT_EQ(degraded.state, IncidentState::kConfirmed);
  // The whole node goes dark: the same incident becomes the outage.
  f.darken("an-1", 20);
  f.run(3 * kMinute);
  ASSERT_EQ(f.detector().open_incidents().size(), 1u);
  Incident dark = f.detector().open_incidents()[0];
  EXPECT_EQ(dark.id, degraded.id);
  EXPECT_EQ(dark.cause, "plant");
  EXPECT_EQ(dark.state, IncidentState::kConfirmed);
  EXPECT_EQ(dark.homes.size(), 20u);
  EXPECT_EQ(dark.unreachable, 20u);
  EXPECT_EQ(dark.start_ms, degraded.start_ms);
  ASSERT_FALSE(dark.notes.empty());
  EXPECT_EQ(dark.notes.back().author, "hearth");
  EXPECT_EQ(f.seen().size(), 1u);
  // The diagnosis finds no line while dark; back, the lines are fine.
  f.mend("an-1");
  f.light("an-1");
  ASSERT_NE(f.run_until([&] { return f.detector().open_incidents().empty(); }, 5 * kMinute), 0);
  EXPECT_EQ(f.seen().size(), 1u);

  // Dark first: a degraded report on the node opens nothing more.
  Fleet g;
  g.add_node("an-1", "r-1", 20);
  g.start();
  g.darken("an-1", 12);
  g.run(3 * kMinute);
  ASSERT_EQ(g.detector().open_incidents().size(), 1u);
  g.degrade("an-1", 20);
  g.run(20 * kMinute);
  ASSERT_EQ(g.detector().open_incidents().size(), 1u);
  EXPECT_EQ(g.detector().open_incidents()[0].cause, "plant");
  EXPECT_EQ(g.seen().size(), 1u);
}

TEST(DegradedTest, FewDarkHomesOnADegradedNodeLeaveItDegraded) {
  Fleet f;
  f.add_node("an-1", "r-1", 20);
  f.start();
  f.degrade("an-1", 8);
  f.run(15 * kMinute);
  f.darken_home(Fleet::home("an-1", 19));  // one dark home of its own
  f.run(10 * kMinute);
  ASSERT_EQ(f.detector().open_incidents().size(), 1u);
  EXPECT_EQ(f.detector().open_incidents()[0].cause, "degraded");
}

TEST(DegradedTest, DegradedNodesMakeNoRegionIncidentAndMaintenanceExplainsThem) {
  Fleet f;
  for (int n = 1; n <= 4; ++n) f.add_node("an-" + std::to_string(n), "r-1", 10);
  f.start();
  f.detector().set_maintenance({Maintenance{"m-1", "an-4", "", f.now(), f.now() + 3 * kHour,
                                            "", "ops", f.now()}});
  for (int n = 1; n <= 4; ++n) f.degrade("an-" + std::to_string(n), 10);
  f.run(20 * kMinute);
  EXPECT_EQ(f.detector().open_incidents().size(), 3u);
  EXPECT_TRUE(f.incidents_of("r-1").empty());  // no region incident
  for (const Incident& i : f.detector().open_incidents()) {
    EXPECT_EQ(i.scope, Scope::kAccessNode);
    EXPECT_NE(i.access_node_id, "an-4");
  }
}

TEST(DegradedTest, ClosedByAnOperatorTheSameLinesDoNotReopenIt) {
  Fleet f;
  f.add_node("an-1", "r-1", 20);
  f.start();
  f.degrade("an-1", 6);
  f.run(15 * kMinute);
  ASSERT_EQ(f.detector().open_incidents().size(), 1u);
  ASSERT_TRUE(f.detector().close(f.detector().open_incidents()[0].id, "ops", f.now()));
  f.run(30 * kMinute);
  EXPECT_TRUE(f.detector().open_incidents().empty());
  // Fine again, then degraded anew: they count again.
  f.mend("an-1");
  f.step();
  f.degrade("an-1", 6);
  f.run(15 * kMinute);
  EXPECT_EQ(f.detector().open_incidents().size(), 1u);
}

TEST(DegradedTest, RestoredIncidentWaitsForTheLinesToBeJudgedAgain) {
  for (bool still_degraded : {true, false}) {
    Fleet f;
    f.add_node("an-1", "r-1", 20);
    f.start();
    f.degrade("an-1", 6);
    f.run(15 * kMinute);
    ASSERT_EQ(f.detector().open_incidents().size(), 1u);
    const Incident stored = f.detector().open_incidents()[0];

    // A new process: topology, the gateways heard from, the incident restored.
    Fleet g;
    g.add_node("an-1", "r-1", 20);
    g.start();
    g.set_now(f.now());
    g.detector().restore({stored}, 0);
    g.step();
    EXPECT_EQ(g.detector().open_incidents().size(), 1u);
    EXPECT_EQ(g.detector().open_incidents()[0].unreachable, 0u);  // not presumed dark
    g.run(10 * kMinute);
    if (still_degraded) g.degrade("an-1", 6, stored.start_ms);
    g.run(15 * kMinute);
    EXPECT_EQ(g.detector().open_incidents().size(), still_degraded ? 1u : 0u);
    auto i = g.detector().incident(stored.id);
    ASSERT_TRUE(i);
    EXPECT_EQ(i->open(), still_degraded);
  }
}

TEST(DegradedTest, TopologyChangesKeepTheDegradedHomes) {
  Fleet f;
  f.add_node("an-1", "r-1", 10);
  f.start();
  f.degrade("an-1", 4);
  EXPECT_EQ(f.detector().degraded_homes(), 4u);
  f.detector().remove_home(Fleet::home("an-1", 0));
  f.detector().remove_home(Fleet::home("an-1", 9));
  EXPECT_EQ(f.detector().degraded_homes(), 3u);
  f.mend_home(Fleet::home("an-1", 2));
  EXPECT_EQ(f.detector().degraded_homes(), 2u);
  std::vector<TopologyHome> homes;
  for (int i = 1; i < 10; ++i) homes.push_back({Fleet::home("an-1", i), "an-1"});
  f.detector().set_topology({{"an-1", "r-1"}}, homes);
  EXPECT_EQ(f.detector().degraded_homes(), 2u);
  f.mend("an-1");
  EXPECT_EQ(f.detector().degraded_homes(), 0u);
  f.detector().wan_quality("nobody", true, 0, f.now());  // unknown: ignored
  EXPECT_EQ(f.detector().degraded_homes(), 0u);
}

}  // namespace
}  // namespace hearth::outage
