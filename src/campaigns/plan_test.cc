#include "campaigns/plan.h"

#include <gtest/gtest.h>

namespace hearth::campaigns {
namespace {

std::vector<std::string> ids(int n) {
  std::vector<std::string> out;
  for (int i = 0; i < n; ++i) out.push_back("dev-" + std::to_string(i));
  return out;
}

std::vector<size_t> sizes(const std::vector<Stage>& stages) {
  std::vector<size_t> out;
  for (const auto& s : stages) out.push_back(s.devices.size());
  return out;
}

TEST(SplitStages, SizesAndNames) {
  struct Case {
    const char* what;
    int devices;
    StagePlan plan;
    std::vector<size_t> expected;
  };
  const std::vector<Case> cases = {
      {"canary then the rest", 10, {false, 2, {}, 0, {}}, {2, 8}},
      {"waves then the rest", 10, {false, 1, {3, 3}, 0, {}}, {1, 3, 3, 3}},
      {"waves larger than the fleet", 5, {false, 2, {10, 10}, 0, {}}, {2, 3}},
      {"no canary", 4, {false, 0, {2}, 0, {}}, {2, 2}},
      {"percent rounds up", 10, {true, 0, {}, 15, {50}}, {2, 5, 3}},
      {"percent at least one", 3, {true, 0, {}, 1, {}}, {1, 2}},
      {"one device", 1, {true, 0, {}, 10, {50}}, {1}},
      {"exactly 100 percent", 4, {true, 0, {}, 25, {75}}, {1, 3}},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(sizes(split_stages(ids(c.devices), c.plan)), c.expected) << c.what;
  }
}

TEST(SplitStages, NamesCoverEveryDeviceOnceAndAreDeterministic) {
  StagePlan p{false, 2, {3}, 0, {}};
  std::vector<std::string> devices = ids(9);
  devices.push_back("dev-3");  // duplicate
  const auto a = split_stages(devices, p);
  std::vector<std::string> reversed(devices.rbegin(), devices.rend());
  const auto b = split_stages(reversed, p);
  ASSERT_EQ(a.size(), 3u);
  EXPECT_EQ(a[0].name, "canary");
  EXPECT_EQ(a[1].name, "wave 1");
  EXPECT_EQ(a[2].name, "wave 2");
  for (size_t i = 0; i < a.size(); ++i) EXPECT_EQ(a[i].devices, b[i].devices);
  std::vector<std::string> all;
  for (const auto& s : a) all.insert(all.end(), s.devices.begin(), s.devices.end());
  std::sort(all.begin(), all.end());
  EXPECT_EQ(all, ids(9)) ;
  // Ranked by hash, not by name: the canary is not simply the lowest ids.
  EXPECT_LT(rollout_rank(a[0].devices[0]), rollout_rank(a[2].devices[0]));
}

TEST(SplitStages, ValidatesPlans) {
  struct Case {
    StagePlan plan;
    bool ok;
  };
  const std::vector<Case> cases = {
      {{false, 1, {}, 0, {}}, true},   {{false, -1, {}, 0, {}}, false}, {{false, 1, {0}, 0, {}}, false},
      {{true, 0, {}, 10, {}}, true},   {{true, 0, {}, 101, {}}, false}, {{true, 0, {}, 60, {50}}, false},
      {{true, 0, {}, 10, {0}}, false},
  };
  for (size_t i = 0; i < cases.size(); ++i) EXPECT_EQ(validate(cases[i].plan).ok(), cases[i].ok) << i;
}

TEST(Judge, FailureRate) {
  Thresholds t;  // 10%, min 3 finished
  struct Case {
    StageCounts counts;
    bool halt;
  };
  const std::vector<Case> cases = {
      {{0, 5, 0, 0}, false},   // nothing finished
      {{0, 5, 0, 2}, false},   // 2 failures, fewer than 3 finished: not judged yet
      {{0, 5, 0, 3}, true},    // 3 of 3 failed
      {{0, 0, 9, 1}, false},   // exactly 10%
      {{0, 0, 8, 2}, true},    // 20%
      {{0, 0, 0, 1}, true},    // a stage of one that failed: ended, judged
      {{0, 0, 1, 0}, false},
  };
  for (size_t i = 0; i < cases.size(); ++i) {
    EXPECT_EQ(judge_failures("canary", cases[i].counts, t).halt, cases[i].halt) << i;
  }
  EXPECT_EQ(judge_failures("canary", {0, 0, 1, 2}, t).reason,
            "canary: 2 of 3 finished targets failed (67% > 10%)");
}

TEST(Judge, HealthDrop) {
  Thresholds t;  // 10 points
  EXPECT_FALSE(judge_health("wave 1", 80.0, 75.0, t).halt);
  EXPECT_FALSE(judge_health("wave 1", 80.0, 70.0, t).halt);
  EXPECT_TRUE(judge_health("wave 1", 80.0, 69.0, t).halt);
  EXPECT_FALSE(judge_health("wave 1", std::nullopt, 10.0, t).halt);
  EXPECT_FALSE(judge_health("wave 1", 80.0, std::nullopt, t).halt);
  EXPECT_NE(judge_health("wave 1", 90.0, 50.0, t).reason.find("dropped by 40.0 points"), std::string::npos);
}

TEST(StateMachine, Transitions) {
  struct Case {
    State from;
    Action action;
    std::optional<State> to;  // nullopt: kConflict
  };
  const std::vector<Case> cases = {
      {State::kDraft, Action::kStart, State::kRunning},
      {State::kDraft, Action::kPause, std::nullopt},
      {State::kDraft, Action::kCancel, State::kCancelled},
      {State::kRunning, Action::kPause, State::kPaused},
      {State::kRunning, Action::kCancel, std::nullopt},
      {State::kRunning, Action::kRollback, std::nullopt},
      {State::kRunning, Action::kHalt, State::kHalted},
      {State::kRunning, Action::kComplete, State::kCompleted},
      {State::kPaused, Action::kResume, State::kRunning},
      {State::kPaused, Action::kRollback, State::kRollingBack},
      {State::kPaused, Action::kCancel, State::kCancelled},
      {State::kHalted, Action::kResume, State::kRunning},
      {State::kHalted, Action::kRollback, State::kRollingBack},
      {State::kHalted, Action::kCancel, State::kCancelled},
      {State::kHalted, Action::kStart, std::nullopt},
      {State::kRollingBack, Action::kRollbackDone, State::kRolledBack},
      {State::kRollingBack, Action::kCancel, std::nullopt},
      {State::kCompleted, Action::kRollback, std::nullopt},
      {State::kCancelled, Action::kResume, std::nullopt},
  };
  for (const auto& c : cases) {
    Result<State> r = transition(c.from, c.action);
    if (c.to) {
      ASSERT_TRUE(r.ok()) << state_name(c.from) << " " << action_name(c.action);
      EXPECT_EQ(*r, *c.to);
    } else {
      ASSERT_FALSE(r.ok());
      EXPECT_EQ(r.error().code, ErrorCode::kConflict);
    }
  }
  EXPECT_EQ(transition(State::kDraft, Action::kPause).error().message, "cannot pause a campaign that is draft");
}

TEST(StateMachine, NamesRoundTrip) {
  for (State s : {State::kDraft, State::kRunning, State::kPaused, State::kHalted, State::kCompleted,
                  State::kRollingBack, State::kRolledBack, State::kCancelled}) {
    EXPECT_EQ(parse_state(state_name(s)), s);
  }
  EXPECT_EQ(parse_operator_action("rollback"), Action::kRollback);
  EXPECT_FALSE(parse_operator_action("halt").has_value());
  EXPECT_FALSE(parse_operator_action("nope").has_value());
}

}  // namespace
}  // namespace hearth::campaigns
