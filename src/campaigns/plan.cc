// Stages, judgements and the campaign state machine (plan.h). Pure.
#include "campaigns/plan.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <utility>

namespace hearth::campaigns {

namespace {

constexpr std::array<std::pair<State, const char*>, 8> kStates = {{
    {State::kDraft, "draft"},
    {State::kRunning, "running"},
    {State::kPaused, "paused"},
    {State::kHalted, "halted"},
    {State::kCompleted, "completed"},
    {State::kRollingBack, "rolling-back"},
    {State::kRolledBack, "rolled-back"},
    {State::kCancelled, "cancelled"},
}};

constexpr std::array<std::pair<Action, const char*>, 8> kActions = {{
    {Action::kStart, "start"},
    {Action::kPause, "pause"},
    {Action::kResume, "resume"},
    {Action::kRollback, "rollback"},
    {Action::kCancel, "cancel"},
    {Action::kHalt, "halt"},
    {Action::kComplete, "complete"},
    {Action::kRollbackDone, "rollback-done"},
}};

// Which states each action leaves from, and where it goes.
struct Edge {
  Action action;
  State from;
  State to;
};
constexpr std::array<Edge, 12> kEdges = {{
    {Action::kStart, State::kDraft, State::kRunning},
    {Action::kPause, State::kRunning, State::kPaused},
    {Action::kResume, State::kPaused, State::kRunning},
    {Action::kResume, State::kHalted, State::kRunning},
    {Action::kRollback, State::kPaused, State::kRollingBack},
    {Action::kRollback, State::kHalted, State::kRollingBack},
    {Action::kCancel, State::kDraft, State::kCancelled},
    {Action::kCancel, State::kPaused, State::kCancelled},
    {Action::kCancel, State::kHalted, State::kCancelled},
    {Action::kHalt, State::kRunning, State::kHalted},
    {Action::kComplete, State::kRunning, State::kCompleted},
    {Action::kRollbackDone, State::kRollingBack, State::kRolledBack},
}};

std::string percent_text(double share) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.0f%%", share * 100);
  return buf;
}

// ceil(total * percent / 100), at least 1 when percent > 0, at most what is left.
size_t share_of(size_t total, double percent, size_t left) {
  if (percent <= 0) return 0;
  const auto n = static_cast<size_t>(std::ceil(static_cast<double>(total) * percent / 100.0 - 1e-9));
  return std::min(std::max<size_t>(n, 1), left);
}

}  // namespace

const char* state_name(State s) {
  for (const auto& [state, name] : kStates) {
    if (state == s) return name;
  }
  return "draft";
}

std::optional<State> parse_state(std::string_view text) {
  for (const auto& [state, name] : kStates) {
    if (text == name) return state;
  }
  return std::nullopt;
}

const char* action_name(Action a) {
  for (const auto& [action, name] : kActions) {
    if (action == a) return name;
  }
  return "start";
}

std::optional<Action> parse_operator_action(std::string_view text) {
  for (const auto& [action, name] : kActions) {
    if (text == name && action != Action::kHalt && action != Action::kComplete &&
        action != Action::kRollbackDone) {
      return action;
    }
  }
  return std::nullopt;
}

Result<State> transition(State from, Action action) {
  for (const Edge& e : kEdges) {
    if (e.action == action && e.from == from) return e.to;
  }
  return make_error(ErrorCode::kConflict, std::string("cannot ") + action_name(action) +
                                              " a campaign that is " + state_name(from));
}

bool active(State s) {
  return s == State::kRunning || s == State::kRollingBack;
}

Status validate(const StagePlan& plan) {
  if (!plan.percent) {
    if (plan.canary < 0) return make_error(ErrorCode::kInvalidArgument, "stages.canary: must be 0 or more");
    for (int w : plan.waves) {
      if (w < 1) return make_error(ErrorCode::kInvalidArgument, "stages.waves: each wave needs at least 1 device");
    }
    return {};
  }
  if (plan.canary_percent < 0 || plan.canary_percent > 100) {
    return make_error(ErrorCode::kInvalidArgument, "stages.canaryPercent: between 0 and 100");
  }
  double sum = plan.canary_percent;
  for (double w : plan.wave_percents) {
    if (w <= 0 || w > 100) {
      return make_error(ErrorCode::kInvalidArgument, "stages.wavePercents: each between 0 (excluded) and 100");
    }
    sum += w;
  }
  if (sum > 100.0 + 1e-9) {
    return make_error(ErrorCode::kInvalidArgument, "stages: the percentages add up to more than 100");
  }
  return {};
}

uint64_t rollout_rank(std::string_view device_id) {
  uint64_t h = 1469598103934665603ull;
  for (char c : device_id) {
    h ^= static_cast<unsigned char>(c);
    h *= 1099511628211ull;
  }
  return h;
}

std::vector<Stage> split_stages(std::vector<std::string> device_ids, const StagePlan& plan) {
  std::sort(device_ids.begin(), device_ids.end());
  device_ids.erase(std::unique(device_ids.begin(), device_ids.end()), device_ids.end());
  std::stable_sort(device_ids.begin(), device_ids.end(), [](const std::string& a, const std::string& b) {
    return rollout_rank(a) < rollout_rank(b);
  });

  const size_t total = device_ids.size();
  std::vector<size_t> sizes;  // [0] the canary, then the waves
  size_t left = total;
  auto take = [&](size_t n) {
    n = std::min(n, left);
    sizes.push_back(n);
    left -= n;
  };
  if (plan.percent) {
    take(share_of(total, plan.canary_percent, left));
    for (double w : plan.wave_percents) take(share_of(total, w, left));
  } else {
    take(static_cast<size_t>(std::max(plan.canary, 0)));
    for (int w : plan.waves) take(static_cast<size_t>(std::max(w, 0)));
  }
  if (left > 0) take(left);

  std::vector<Stage> stages;
  size_t next = 0;
  int wave = 0;
  for (size_t i = 0; i < sizes.size(); ++i) {
    if (sizes[i] == 0) continue;
    Stage s;
    s.name = i == 0 ? "canary" : "wave " + std::to_string(++wave);
    s.devices.assign(device_ids.begin() + static_cast<std::ptrdiff_t>(next),
                     device_ids.begin() + static_cast<std::ptrdiff_t>(next + sizes[i]));
    next += sizes[i];
    stages.push_back(std::move(s));
  }
  return stages;
}

double failure_rate(const StageCounts& c) {
  return c.finished() == 0 ? 0.0 : static_cast<double>(c.failed) / c.finished();
}

Judgement judge_failures(const std::string& stage_name, const StageCounts& counts, const Thresholds& t) {
  const int needed = std::min(std::max(t.min_finished, 1), std::max(counts.size(), 1));
  if (counts.finished() < needed && !counts.ended()) return {};
  if (counts.finished() == 0) return {};
  const double rate = failure_rate(counts);
  if (rate <= t.max_failure_rate + 1e-12) return {};
  return {true, stage_name + ": " + std::to_string(counts.failed) + " of " +
                    std::to_string(counts.finished()) + " finished targets failed (" +
                    percent_text(rate) + " > " + percent_text(t.max_failure_rate) + ")"};
}

Judgement judge_health(const std::string& stage_name, std::optional<double> before,
                       std::optional<double> after, const Thresholds& t) {
  if (!before || !after) return {};
  const double drop = *before - *after;
  if (drop <= t.max_health_drop + 1e-12) return {};
  char buf[160];
  std::snprintf(buf, sizeof buf, ": mean home health dropped by %.1f points (%.1f -> %.1f, limit %.1f)",
                drop, *before, *after, t.max_health_drop);
  return {true, stage_name + buf};
}

}  // namespace hearth::campaigns
