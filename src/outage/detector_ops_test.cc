// What operators do with incidents (close, merge, ETR, title, notes), restoring incidents after a
// restart, and which incident or maintenance a home is told about.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>

#include "outage/test_fleet.h"

namespace hearth::outage {
namespace {

using testing::Fleet;

constexpr int64_t kMinute = 60'000;

// Two nodes of 10 homes in one region, both dark and confirmed.
class OperatorTest : public ::testing::Test {
 protected:
  void SetUp() override {
    f_.add_node("an-1", "r-1", 10);
    f_.add_node("an-2", "r-1", 10);
    f_.add_node("an-3", "r-2", 10);
    f_.start();
    f_.run(kMinute);
    f_.darken("an-1", 10);
    f_.darken("an-2", 10);
    f_.run(3 * kMinute);
    for (const Incident& i : f_.detector().open_incidents()) {
      if (i.scope == Scope::kAccessNode && i.access_node_id == "an-1") a_ = i.id;
      if (i.scope == Scope::kAccessNode && i.access_node_id == "an-2") b_ = i.id;
    }
    ASSERT_NE(a_, 0);
    ASSERT_NE(b_, 0);
  }

  Fleet f_;
  int64_t a_ = 0;
  int64_t b_ = 0;
};

TEST_F(OperatorTest, CloseResolvesAndTheSameDarkHomesDoNotReopenIt) {
  auto closed = f_.detector().close(a_, "ops", f_.now());
  ASSERT_TRUE(closed);
  ASSERT_EQ(closed->size(), 1u);
  const Incident& c = (*closed)[0];
  EXPECT_EQ(c.id, a_);
  EXPECT_EQ(c.state, IncidentState::kResolved);
  EXPECT_EQ(c.resolved_ms, f_.now());
  EXPECT_EQ(c.updated_ms, f_.now());
  EXPECT_TRUE(c.closed_by_operator);
  ASSERT_FALSE(c.notes.empty());
  EXPECT_EQ(c.notes.back().author, "ops");
  EXPECT_FALSE(f_.detector().close(a_, "ops", f_.now()));  // closed already
  EXPECT_FALSE(f_.detector().close(4242, "ops", f_.now()));

  // The operator's change is theirs to store; the pass does not report it again.
  Pass next = f_.step();
  for (const Incident& i : next.changed) EXPECT_NE(i.id, a_);
  f_.run(20 * kMinute);
  EXPECT_TRUE(f_.incidents_of("an-1").size() == 1u);
  auto outage = f_.detector().home_outage(Fleet::home("an-1", 0), f_.now());
  if (outage) {
    EXPECT_NE(outage->incident_id, a_);
  }

  // Once its homes came back, a new outage of the node is a new incident.
  f_.light("an-1");
  f_.run(10 * kMinute);
  f_.darken("an-1", 10);
  f_.run(3 * kMinute);
  auto again = f_.incidents_of("an-1");
  ASSERT_EQ(again.size(), 2u);
  EXPECT_GT(again[1].id, a_);
  EXPECT_EQ(again[1].state, IncidentState::kConfirmed);
}

TEST_F(OperatorTest, MergeMovesTheHomesAndResolvesTheOther) {
  auto merged = f_.detector().merge(a_, b_, "ops", f_.now());
  ASSERT_TRUE(merged);
  ASSERT_GE(merged->size(), 2u);
  const Incident& into = (*merged)[0];
  const Incident& from = (*merged)[1];
  EXPECT_EQ(into.id, b_);
  EXPECT_EQ(into.homes.size(), 20u);
  EXPECT_TRUE(std::is_sorted(into.homes.begin(), into.homes.end()));
  EXPECT_EQ(into.unreachable, 20u);
  EXPECT_TRUE(into.open());
  ASSERT_FALSE(into.notes.empty());
  EXPECT_EQ(into.notes.back().author, "ops");
  EXPECT_EQ(from.id, a_);
  EXPECT_EQ(from.state, IncidentState::kResolved);
  EXPECT_EQ(from.merged_into, b_);

  EXPECT_FALSE(f_.detector().merge(b_, b_, "ops", f_.now()));    // into itself
  EXPECT_FALSE(f_.detector().merge(b_, a_, "ops", f_.now()));    // into a resolved one
  EXPECT_FALSE(f_.detector().merge(4242, b_, "ops", f_.now()));  // unknown

  // The homes of an-1 are the merged incident's now; an-1 does not open another.
  auto outage = f_.detector().home_outage(Fleet::home("an-1", 5), f_.now());
  ASSERT_TRUE(outage);
  EXPECT_EQ(outage->incident_id, b_);
  f_.run(10 * kMinute);
  EXPECT_EQ(f_.incidents_of("an-1").size(), 1u);
  // All of them coming back resolves it.
  f_.light("an-1");
  f_.light("an-2");
  ASSERT_NE(f_.run_until([&] { return !f_.detector().incident(b_)->open(); }, 5 * kMinute), 0);
}

TEST_F(OperatorTest, EtrTitleAndNotes) {
  const int64_t etr = f_.now() + 3'600'000;
  auto e = f_.detector().set_etr(a_, etr, f_.now());
  ASSERT_TRUE(e);
  EXPECT_EQ(e->etr_ms, etr);
  EXPECT_EQ(e->updated_ms, f_.now());
  auto t = f_.detector().set_title(a_, "Fibre cut in Lindholmen", f_.now());
  ASSERT_TRUE(t);
  EXPECT_EQ(t->title, "Fibre cut in Lindholmen");
  auto n = f_.detector().add_note(a_, IncidentNote{f_.now(), "ops", "crew on site"});
  ASSERT_TRUE(n);
  ASSERT_EQ(n->notes.size(), 1u);
  EXPECT_EQ(n->notes[0], (IncidentNote{f_.now(), "ops", "crew on site"}));
  EXPECT_EQ(*f_.detector().incident(a_), *n);

  auto outage = f_.detector().home_outage(Fleet::home("an-1", 2), f_.now());
  ASSERT_TRUE(outage);
  EXPECT_EQ(outage->etr_ms, etr);
  EXPECT_EQ(outage->title, "Fibre cut in Lindholmen");

  EXPECT_FALSE(f_.detector().set_etr(4242, etr, f_.now()));
  EXPECT_FALSE(f_.detector().set_title(4242, "x", f_.now()));
  EXPECT_FALSE(f_.detector().add_note(4242, IncidentNote{}));
  ASSERT_TRUE(f_.detector().close(a_, "ops", f_.now()));
  EXPECT_FALSE(f_.detector().set_etr(a_, etr, f_.now()));  // resolved: no repair to expect
  EXPECT_TRUE(f_.detector().add_note(a_, IncidentNote{f_.now(), "ops", "post-mortem"}));
}

TEST(RestoreTest, ContinuesIdsAndTracksOpenIncidents) {
  Fleet before;
  before.add_node("an-1", "r-1", 10);
  before.add_node("an-2", "r-1", 10);
  before.start();
  before.darken("an-1", 10);
  before.run(3 * kMinute);
  auto open = before.detector().open_incidents();
  ASSERT_EQ(open.size(), 1u);
  Incident resolved = open[0];
  resolved.id = 40;
  resolved.state = IncidentState::kResolved;
  resolved.resolved_ms = before.now();

  // A restart: the topology, every gateway "heard from now", then the stored incidents.
  Fleet after;
  after.add_node("an-1", "r-1", 10);
  after.add_node("an-2", "r-1", 10);
  after.start();
  after.darken("an-1", 10);
  after.detector().restore({open[0], resolved}, 7);
  auto outage = after.detector().home_outage(Fleet::home("an-1", 3), after.now());
  ASSERT_TRUE(outage);
  EXPECT_EQ(outage->incident_id, open[0].id);
  EXPECT_EQ(outage->state, IncidentState::kConfirmed);
  ASSERT_TRUE(after.detector().incident(40));
  EXPECT_FALSE(after.detector().incident(40)->open());
  after.run(5 * kMinute);
  EXPECT_TRUE(after.detector().incident(open[0].id)->open());  // still dark: not resolved
  after.light("an-1");
  ASSERT_NE(after.run_until([&] { return after.detector().open_incidents().empty(); }, 3 * kMinute),
            0);
  // A new outage gets an id after the largest known.
  after.darken("an-2", 10);
  after.run(3 * kMinute);
  auto again = after.incidents_of("an-2");
  ASSERT_EQ(again.size(), 1u);
  EXPECT_EQ(again[0].id, 41);
}

// Which of a home's incidents it is told about.
struct PrecedenceCase {
  const char* name;
  IncidentState node;    // kResolved: none
  IncidentState region;  // kResolved: none
  bool maintenance;
  const char* expected;  // "node", "region", "maintenance" or ""
};

class PrecedenceTest : public ::testing::TestWithParam<PrecedenceCase> {};

TEST_P(PrecedenceTest, ConfirmedFirstThenNodeBeforeRegion) {
  const PrecedenceCase c = GetParam();
  Detector d;
  d.set_topology({{"an-1", "r-1"}}, {{"h-1", "an-1"}, {"h-2", "an-1"}});
  const int64_t now = testing::kT0;
  std::vector<Incident> stored;
  if (c.node != IncidentState::kResolved) {
    Incident n;
    n.id = 1;
    n.access_node_id = "an-1";
    n.region_id = "r-1";
    n.state = c.node;
    n.suspected_ms = now - kMinute;
    n.homes = {"h-1"};
    stored.push_back(n);
  }
  if (c.region != IncidentState::kResolved) {
    Incident r;
    r.id = 2;
    r.scope = Scope::kRegion;
    r.region_id = "r-1";
    r.state = c.region;
    r.suspected_ms = now - kMinute;
    r.homes = {"h-1"};
    stored.push_back(r);
  }
  d.restore(stored, 1);
  if (c.maintenance) {
    d.set_maintenance(
        {Maintenance{"mnt-1", "", "r-1", now - kMinute, now + kMinute, "Works", "ops", now}});
  }
  auto o = d.home_outage("h-1", now);
  const std::string expected = c.expected;
  if (expected.empty()) {
    EXPECT_FALSE(o) << c.name;
    return;
  }
  ASSERT_TRUE(o) << c.name;
  const int64_t id = expected == "node" ? 1 : expected == "region" ? 2 : 0;
  EXPECT_EQ(o->incident_id, id) << c.name;
  EXPECT_EQ(o->maintenance.has_value(), c.maintenance) << c.name;
  EXPECT_EQ(o->since_ms, now - kMinute) << c.name;  // suspected_ms, or the window's start
  if (!c.maintenance) {
    EXPECT_FALSE(d.home_outage("h-2", now)) << c.name;
  }
}

constexpr auto kNone = IncidentState::kResolved;
constexpr auto kSus = IncidentState::kSuspected;
constexpr auto kConf = IncidentState::kConfirmed;

INSTANTIATE_TEST_SUITE_P(
    Cases, PrecedenceTest,
    ::testing::Values(
        PrecedenceCase{"nothing", kNone, kNone, false, ""},
        PrecedenceCase{"node only", kSus, kNone, false, "node"},
        PrecedenceCase{"both suspected: node", kSus, kSus, false, "node"},
        PrecedenceCase{"both confirmed: node", kConf, kConf, false, "node"},
        PrecedenceCase{"confirmed region over suspected node", kSus, kConf, false, "region"},
        PrecedenceCase{"confirmed node over suspected region", kConf, kSus, false, "node"},
        PrecedenceCase{"maintenance only", kNone, kNone, true, "maintenance"},
        PrecedenceCase{"incident with maintenance", kConf, kNone, true, "node"}),
    [](const auto& tp) {
      std::string s = tp.param.name;
      std::replace_if(
          s.begin(), s.end(), [](char ch) { return !std::isalnum(static_cast<unsigned char>(ch)); },
          '_');
      return s;
    });

}  // namespace
}  // namespace hearth::outage
