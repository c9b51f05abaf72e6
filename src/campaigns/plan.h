// The pure rules of a staged roll-out: how the selected devices split into stages, when a stage
// has failed, and which state changes a campaign allows. No I/O, no clock: the runner
// (runner.h) passes the time and the counts in.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace hearth::campaigns {

// ---- the state machine ----
//   draft -> running -> (paused) -> completed
//   running -> halted (automatically, a stage failed its thresholds)
//   halted/paused -> running (resume) or -> rolling-back -> rolled-back
//   draft/paused/halted -> cancelled
enum class State { kDraft, kRunning, kPaused, kHalted, kCompleted, kRollingBack, kRolledBack, kCancelled };

const char* state_name(State s);
std::optional<State> parse_state(std::string_view text);

// What moves a campaign: an operator's action or the runner's own judgement.
enum class Action {
  kStart, kPause, kResume, kRollback, kCancel,  // the operator's
  kHalt, kComplete, kRollbackDone,              // the runner's
};
const char* action_name(Action a);
// "start", "pause", "resume", "rollback", "cancel" only (what the API may ask).
std::optional<Action> parse_operator_action(std::string_view text);

// The state after `action`, or kConflict naming the state and the action.
Result<State> transition(State from, Action action);

// true while the runner still has work (tasks to start or follow).
bool active(State s);

// ---- stages ----
// Either absolute sizes (canary, waves) or shares of the selection (canary_percent,
// wave_percents, 0..100). Devices left after the listed waves form one more wave, so every
// selected device belongs to a stage.
struct StagePlan {
  bool percent = false;
  int canary = 1;
  std::vector<int> waves;
  double canary_percent = 0;
  std::vector<double> wave_percents;

  bool operator==(const StagePlan&) const = default;
};

// kInvalidArgument naming the field ("stages.canary: ...").
Status validate(const StagePlan& plan);

struct Stage {
  std::string name;                  // "canary", "wave 1", ...
  std::vector<std::string> devices;  // in roll-out order
};

// Splits the devices (any order, duplicates removed) into stages. The order is deterministic and
// spreads models and serial ranges: devices are ranked by a stable hash of their id (then by
// id), so that the canary is not simply the lowest serials of one vendor. A percentage rounds up
// and takes at least one device when it is above 0; empty stages are left out. The canary is
// named "canary" (when it has devices), the waves "wave 1", "wave 2", ...
std::vector<Stage> split_stages(std::vector<std::string> device_ids, const StagePlan& plan);

// The rank used by split_stages (FNV-1a 64 of the id).
uint64_t rollout_rank(std::string_view device_id);

// ---- judging a stage ----
struct Thresholds {
  double max_failure_rate = 0.1;  // failed / finished, 0..1; above it the campaign halts
  double max_health_drop = 10;    // points of mean home health lost; above it the campaign halts
  // A stage is judged on its failure rate before it has ended only once this many of its
  // targets have finished (or all of them when the stage is smaller).
  int min_finished = 3;

  bool operator==(const Thresholds&) const = default;
};

struct StageCounts {
  int pending = 0;
  int running = 0;
  int done = 0;
  int failed = 0;

  int size() const { return pending + running + done + failed; }
  int finished() const { return done + failed; }
  bool ended() const { return pending == 0 && running == 0; }
};

// failed / finished; 0 when nothing finished.
double failure_rate(const StageCounts& c);

struct Judgement {
  bool halt = false;
  std::string reason;  // why it halts ("canary: 2 of 3 finished targets failed (67% > 10%)")
};

// The failure rate of a stage, during it or at its end. Halts when enough targets finished
// (Thresholds::min_finished, or the whole stage) and the rate is above max_failure_rate.
Judgement judge_failures(const std::string& stage_name, const StageCounts& counts, const Thresholds& t);

// The mean health of the stage's homes before and after (nullopt: unknown, which never halts).
// Halts when the drop is above max_health_drop.
Judgement judge_health(const std::string& stage_name, std::optional<double> before,
                       std::optional<double> after, const Thresholds& t);

}  // namespace hearth::campaigns
