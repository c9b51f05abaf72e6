// The scenario schedule (scenario.h): requests expand to one activation per home; apply_due
// starts and ends them in time order, keeps Home::cond equal to what the active scenarios of
// each home ask for, and records the truth with the scheduled times.
#include "sim/scenario.h"

#include <algorithm>
#include <numeric>
#include <unordered_map>

#include "sim/fleet.h"
#include "sim/world/mix.h"
#include "sim/world/scenario_internal.h"

namespace hearth::sim {

using scenario_detail::Activation;
using scenario_detail::Request;

const ScenarioTypeInfo* find_scenario_type(std::string_view name) {
  for (const ScenarioTypeInfo& t : kScenarioTypes) {
    if (name == t.name) return &t;
  }
  return nullptr;
}

const ScenarioTypeInfo& scenario_type_info(ScenarioType type) {
  for (const ScenarioTypeInfo& t : kScenarioTypes) {
    if (t.type == type) return t;
  }
  return kScenarioTypes[0];
}

struct ScenarioSchedule::State {
  const Fleet* fleet = nullptr;
  int64_t start_ms = 0;
  uint64_t requests = 0;            // how many were added: seeds each one's draws
  std::vector<Activation> acts;
  std::vector<uint32_t> by_start;   // indexes into acts, by start time
  std::vector<uint32_t> by_end;
  size_t start_cursor = 0;
  size_t end_cursor = 0;
  size_t active = 0;
  std::unordered_map<uint32_t, std::vector<uint32_t>> active_by_home;
  std::vector<TruthRecord> truth;

  void expand(const Request& r);
  void reindex();
  void recompute_conditions(Home& home);
  void start(Fleet& fleet, uint32_t i);
  void end(Fleet& fleet, uint32_t i);
};

void ScenarioSchedule::State::expand(const Request& r) {
  const uint64_t request_seed = mix64(fleet->seed ^ 0x5ce9a710, ++requests);
  Rng rng(request_seed);
  auto add = [&](uint32_t home, ScenarioType type) {
    Activation a;
    a.home = home;
    a.type = type;
    const int64_t offset = r.spread_ms > 0 ? static_cast<int64_t>(rng.below(static_cast<uint64_t>(r.spread_ms) + 1)) : 0;
    a.start_ms = r.start_ms + offset;
    a.end_ms = r.end_ms == kNever ? kNever : r.end_ms + offset;
    a.seed = mix64(request_seed, acts.size() + 1);
    acts.push_back(std::move(a));
  };
  if (!r.random) {
    for (uint32_t h : r.homes) add(h, r.type);
    return;
  }
  std::vector<uint32_t> pool = r.homes;
  if (pool.empty()) {
    pool.resize(fleet->homes.size());
    std::iota(pool.begin(), pool.end(), 0u);
  }
  std::sort(pool.begin(), pool.end());
  pool.erase(std::unique(pool.begin(), pool.end()), pool.end());
  const auto count = std::min<size_t>(pool.size(), static_cast<size_t>(r.share * static_cast<double>(pool.size()) + 0.5));
  for (size_t i = 0; i < count; ++i) {  // partial Fisher-Yates: `count` distinct homes
    std::swap(pool[i], pool[i + rng.below(pool.size() - i)]);
    const uint32_t h = pool[i];
    ScenarioType type = r.types[rng.below(r.types.size())];
    // Types that need an extender go to homes that have one when the list offers another.
    for (int tries = 0; tries < 4 && scenario_detail::needs_extender(type) && fleet->homes[h].nodes.size() < 2; ++tries) {
      type = r.types[rng.below(r.types.size())];
    }
    add(h, type);
  }
}

void ScenarioSchedule::State::reindex() {
  by_start.resize(acts.size());
  std::iota(by_start.begin(), by_start.end(), 0u);
  by_end = by_start;
  std::stable_sort(by_start.begin(), by_start.end(), [&](uint32_t a, uint32_t b) { return acts[a].start_ms < acts[b].start_ms; });
  std::stable_sort(by_end.begin(), by_end.end(), [&](uint32_t a, uint32_t b) { return acts[a].end_ms < acts[b].end_ms; });
  start_cursor = end_cursor = 0;
}

void ScenarioSchedule::State::recompute_conditions(Home& home) {
  Conditions c;
  const auto it = active_by_home.find(home.index);
  if (it != active_by_home.end()) {
    for (uint32_t i : it->second) scenario_detail::add_conditions(c, acts[i].type);
  }
  home.cond = c;
}

void ScenarioSchedule::State::start(Fleet& fl, uint32_t i) {
  Activation& a = acts[i];
  a.started = true;
  if (a.home >= fl.homes.size()) return;
  Home& home = fl.homes[a.home];
  active_by_home[a.home].push_back(i);
  ++active;
  recompute_conditions(home);
  scenario_detail::start_effect(home, a, a.start_ms);
  const ScenarioTypeInfo& info = scenario_type_info(a.type);
  if (a.type == ScenarioType::kHealthy) return;
  TruthRecord t;
  t.home_id = home.id;
  t.account = home.subscriber.account;
  t.access_node = home.access_node < fl.access_nodes.size() ? fl.access_nodes[home.access_node].id : "";
  t.scenario = info.name;
  t.cause = info.cause;
  t.start_ms = a.start_ms;
  t.end_ms = kNever;
  a.truth = static_cast<int64_t>(truth.size());
  truth.push_back(std::move(t));
}

void ScenarioSchedule::State::end(Fleet& fl, uint32_t i) {
  Activation& a = acts[i];
  a.ended = true;
  if (a.home >= fl.homes.size()) return;
  Home& home = fl.homes[a.home];
  std::vector<uint32_t>& list = active_by_home[a.home];
  std::erase(list, i);
  if (list.empty()) active_by_home.erase(a.home);
  --active;
  recompute_conditions(home);
  scenario_detail::end_effect(home, a, a.end_ms);
  if (a.truth >= 0) truth[static_cast<size_t>(a.truth)].end_ms = a.end_ms;
}

ScenarioSchedule::ScenarioSchedule(const Fleet& fleet, int64_t start_ms) : s_(std::make_unique<State>()) {
  s_->fleet = &fleet;
  s_->start_ms = start_ms;
}
ScenarioSchedule::~ScenarioSchedule() = default;
ScenarioSchedule::ScenarioSchedule(ScenarioSchedule&&) noexcept = default;
ScenarioSchedule& ScenarioSchedule::operator=(ScenarioSchedule&&) noexcept = default;

Status ScenarioSchedule::add_file_text(const std::string& text) {
  Result<std::vector<Request>> requests = scenario_detail::parse_file(text, *s_->fleet, s_->start_ms);
  if (!requests.ok()) return requests.error();
  for (const Request& r : *requests) s_->expand(r);
  s_->reindex();
  return ok_status();
}

Status ScenarioSchedule::add_spec(const std::string& spec) {
  Result<Request> r = scenario_detail::parse_spec(spec, *s_->fleet, s_->start_ms);
  if (!r.ok()) return r.error();
  s_->expand(*r);
  s_->reindex();
  return ok_status();
}

void ScenarioSchedule::apply_due(Fleet& fleet, int64_t now_ms) {
  State& s = *s_;
  for (;;) {
    while (s.start_cursor < s.by_start.size() && s.acts[s.by_start[s.start_cursor]].started) ++s.start_cursor;
    while (s.end_cursor < s.by_end.size() && s.acts[s.by_end[s.end_cursor]].ended) ++s.end_cursor;
    const int64_t next_start = s.start_cursor < s.by_start.size() ? s.acts[s.by_start[s.start_cursor]].start_ms : kNever;
    uint32_t end_index = 0;
    int64_t next_end = kNever;
    if (s.end_cursor < s.by_end.size()) {
      end_index = s.by_end[s.end_cursor];
      // An activation ends only after it started (its start is earlier, so it comes first).
      if (s.acts[end_index].started) next_end = s.acts[end_index].end_ms;
    }
    if (next_end <= now_ms && next_end <= next_start && next_end != kNever) {
      s.end(fleet, end_index);
    } else if (next_start <= now_ms && next_start != kNever) {
      s.start(fleet, s.by_start[s.start_cursor]);
    } else {
      return;
    }
  }
}

int64_t ScenarioSchedule::next_due_ms() const {
  const State& s = *s_;
  int64_t next = kNever;
  for (size_t i = s.start_cursor; i < s.by_start.size(); ++i) {
    if (!s.acts[s.by_start[i]].started) {
      next = s.acts[s.by_start[i]].start_ms;
      break;
    }
  }
  for (size_t i = s.end_cursor; i < s.by_end.size(); ++i) {
    if (!s.acts[s.by_end[i]].ended) {
      next = std::min(next, s.acts[s.by_end[i]].end_ms);
      break;
    }
  }
  return next;
}

const std::vector<TruthRecord>& ScenarioSchedule::truth() const { return s_->truth; }
size_t ScenarioSchedule::scheduled_count() const { return s_->acts.size(); }
size_t ScenarioSchedule::active_count() const { return s_->active; }

}  // namespace hearth::sim
