// The Detector's state (internal to outage/): homes, access nodes and regions in flat vectors
// indexed by integers, with hash maps from ids to indices for the signal calls only; incidents by
// id. detector.cc holds the interface (signals, topology, operator actions, lookups),
// detector_state.cc what it shares with the pass, detector_pass.cc evaluate(),
// detector_quality.cc the WAN quality part of it (cause "degraded").
#pragma once

#include <cstdint>
#include <limits>
#include <map>
#include <string>
#include <unordered_map>
#include <vector>

#include "outage/detector.h"

namespace hearth::outage {

namespace detail {

// Times that never come and that were always passed, far from overflow when added to.
inline constexpr int64_t kNever = std::numeric_limits<int64_t>::max() / 4;
inline constexpr int64_t kLongAgo = std::numeric_limits<int64_t>::min() / 4;
inline constexpr int64_t kMaintenanceLookaheadMs = 7 * 86'400'000LL;
// Resolved incidents are kept this long for lookups and operator notes, then forgotten.
inline constexpr int64_t kKeepResolvedMs = 7 * 86'400'000LL;

struct HomeState {
  int64_t last_contact_ms = 0;    // last Inform or answered probe (0: never heard from)
  int64_t last_periodic_ms = 0;   // last "2 PERIODIC" Inform
  int64_t interval_ms = 0;        // its PeriodicInformInterval (0: no schedule)
  int64_t due_ms = kNever;        // when its next periodic Inform is expected
  int64_t fail_ms = 0;            // first failed probe or line event since its last contact
  int64_t presumed_ms = 0;        // affected by a restored incident: dark since then until heard
  int64_t restart_ms = kLongAgo;  // the last restart the ACS caused
  int64_t probe_ms = kLongAgo;    // the last probe asked for it
  int64_t back_ms = 0;            // the first contact after its last failure
  int64_t back_up_ms = 0;         // when its line came up as that contact (or the line) told
  int64_t line_up_ms = 0;         // a "restored" line event since it failed
  int64_t incident = 0;           // the open access-node (or merged-into) incident it is in
  int64_t region_incident = 0;    // the open region incident it is in
  int64_t degraded_ms = 0;        // its line is degraded since (0: fine), as last reported
  int64_t fine_ms = 0;            // when its line was last reported fine again
  int32_t node = -1;              // -1: not placed
  int32_t degraded_pos = -1;      // its place in Impl::degraded_list (-1: not there)
  bool probeable = false;
  bool degraded_suppressed = false;  // degraded in a resolved incident: not counted until fine
  bool gasp = false;        // its line sent a dying gasp since its last contact
  bool suppressed = false;  // dark in a resolved incident: not counted until it returns
  bool wake = false;        // in the wake list of the next pass
};

// Why a failing home is silent.
enum class Why : uint8_t { kPlant, kPower, kExplained };

struct Failure {
  bool failing = false;
  bool hard = false;       // a failed probe or a line event, not only a late Inform
  int64_t since = kNever;  // when it was detected
};

struct NodeState {
  std::string id;
  int32_t region = -1;
  uint32_t homes = 0;  // placed homes
  uint32_t first = 0;  // its homes in node_homes: [first, first + homes)
  int64_t last_heard_ms = 0;
  int64_t sentinel_ms = kLongAgo;
  uint32_t cursor = 0;  // sentinel rotation
  double baseline = 0;
  double degraded_baseline = 0;  // degradations begun per degraded window, outside incidents
  int64_t incident = 0;       // its open incident
  bool degraded_incident = false;  // that incident's cause is "degraded"
  int64_t join_after_ms = 0;  // homes failing since then join that incident
  bool join_power = false;    // a "power" incident also takes dying-gasp homes
  bool maintenance = false;   // under an active maintenance window (this pass)
  // Counters of one pass, valid when stamp is that pass.
  uint64_t stamp = 0;
  uint64_t region_stamp = 0;
  uint32_t region_plant = 0;  // its homes counted in its region's plant (region_stamp's pass)
  uint32_t plant = 0;
  uint32_t power = 0;
  uint32_t degraded = 0;  // homes whose degradation began within the degraded window
  int64_t first_fail_ms = kNever;
  int64_t first_degraded_ms = kNever;
  // The run of failures (by its first) whose suspect probes are all asked, and whether all of
  // the node's homes were (not only a sample): no need to look for more.
  int64_t sampled_for_ms = kNever;
  bool sampled_all = false;
};

struct RegionState {
  std::string id;
  std::vector<int32_t> nodes;
  uint32_t homes = 0;
  double baseline = 0;  // sum of its nodes' baselines (this pass)
  int64_t incident = 0;
  int64_t join_after_ms = 0;
  bool join_power = false;
  uint64_t stamp = 0;
  uint32_t plant = 0;          // unexplained failures in the window outside node incidents
  uint32_t failing_nodes = 0;  // nodes contributing to plant
  uint32_t open_children = 0;
  uint32_t confirmed_children = 0;
};

struct Slot {
  Incident inc;
  std::vector<int32_t> idx;  // parallel to inc.homes: the home's index, -1 when unknown
  int32_t node = -1;
  int32_t region = -1;
  int64_t since_ms = 0;       // when the rules of its cause began to apply: suspected_ms, or
                              // when a degraded incident turned dark
  int64_t met_ms = 0;         // "degraded": its threshold met continuously since (0: not met)
  int64_t hold_until_ms = 0;  // "degraded" and restored: not resolved before (homes report again)
  bool dirty = false;
  bool restored = false;  // homes bound later are presumed dark (until the first pass)

  bool degraded() const { return inc.cause == "degraded"; }
};

}  // namespace detail

struct Detector::Impl {
  using HomeState = detail::HomeState;
  using NodeState = detail::NodeState;
  using RegionState = detail::RegionState;
  using Slot = detail::Slot;

  OutageOptions opt;

  std::vector<std::string> home_ids;
  std::vector<HomeState> homes;
  std::vector<int64_t> watch;  // per home: before this time it needs no look in a pass
  std::unordered_map<std::string, uint32_t> home_index;
  std::vector<NodeState> nodes;
  std::unordered_map<std::string, int32_t> node_index;
  std::vector<RegionState> regions;
  std::unordered_map<std::string, int32_t> region_index;
  std::vector<uint32_t> node_homes;  // homes grouped by node (see NodeState::first)
  bool layout_dirty = true;
  std::vector<Maintenance> maintenance;

  std::map<int64_t, Slot> incidents;
  std::vector<int64_t> open_ids;
  int64_t next_id = 1;

  int64_t last_eval_ms = 0;
  uint64_t pass_no = 0;
  bool in_pass = false;  // changes are reported in the pass only when the pass makes them
  int64_t last_prune_ms = 0;

  // Buffers reused by every pass.
  std::vector<int32_t> touched_nodes;
  std::vector<int32_t> touched_regions;
  std::vector<uint32_t> joins;         // homes joining their node's incident
  std::vector<uint32_t> region_joins;  // homes joining their region's incident
  std::vector<uint32_t> recovery_probes;
  std::vector<uint32_t> suspect_probes;
  std::vector<std::pair<uint32_t, int32_t>> sentinel_probes;  // home, node
  std::vector<uint32_t> wake_list;
  std::vector<int64_t> dirty;
  std::vector<uint32_t> gather;
  // Homes whose line is degraded now: the pass looks at these, not at every home.
  std::vector<uint32_t> degraded_list;

  explicit Impl(OutageOptions o) : opt(o) {}

  // ---- homes ----
  const uint32_t* find_home(const std::string& id) const {
    auto it = home_index.find(id);
    return it == home_index.end() ? nullptr : &it->second;
  }
  detail::Failure failure(const HomeState& h, int64_t now) const;
  detail::Why why(const HomeState& h, const NodeState& n, int64_t now) const;
  void refresh_watch(uint32_t i);
  void recompute_due(HomeState& h) const;
  // Heard from (an Inform or an answered probe) at now.
  void heard(uint32_t i, int64_t now, bool by_probe, int64_t wan_up_since_ms);
  // WAN quality (detector_quality.cc).
  void set_degraded(uint32_t i, int64_t since);
  void set_fine(uint32_t i, int64_t now);
  void rebuild_degraded_list();

  // ---- topology ----
  int32_t region_for(const std::string& id);
  int32_t node_for(const TopologyNode& n);
  void place(uint32_t home, int32_t node);
  uint32_t add_home(const std::string& id);
  void rebuild_layout();
  void rebind_incidents();
  uint32_t threshold_for(uint32_t homes_there, double baseline) const;
  uint32_t node_threshold(const NodeState& n) const;
  uint32_t region_threshold(const RegionState& r) const;
  uint32_t node_degraded_threshold(const NodeState& n) const;

  // ---- incidents ----
  Slot* slot(int64_t id);
  const Slot* slot(int64_t id) const;
  void mark(Slot& s);
  void add_to(Slot& s, uint32_t home);  // keeps homes sorted; sets the home's reference
  void add_to(Slot& s, const std::string& home_id, int32_t idx);
  void release_homes(Slot& s, int64_t now);  // on resolution: homes leave, dark ones suppressed
  void resolve(Slot& s, int64_t now);
  void drop_open(int64_t id);
  Slot& open_incident(Scope scope, int32_t node, int32_t region, int64_t now);
  uint32_t count_failing(const Slot& s, int64_t now) const;
  int64_t end_of(const Slot& s) const;

  // ---- the pass (detector_pass.cc) ----
  Pass evaluate(int64_t now);
  void mark_maintenance(int64_t now);
  void prepare_incidents();
  void scan(int64_t now);
  void decide_nodes(int64_t now, double learn);
  // Asks a sample (or all) of the node's homes not heard from since `since`; true when there is
  // nobody left to ask.
  bool suspect_probes_for(NodeState& n, bool all, int64_t since, int64_t now);
  // A probe of one of the node's homes not known to have failed is still unanswered.
  bool probes_outstanding(const NodeState& n, int64_t now) const;
  // Opens an outage of the node, or turns its open "degraded" incident into one (dark wins).
  void open_node_incident(int32_t node, bool power, int64_t now);
  // WAN quality (detector_quality.cc): counts the degraded homes per node (joining open
  // "degraded" incidents), opens, confirms and resolves "degraded" incidents.
  void scan_degraded(int64_t now);
  void open_degraded_incident(int32_t node, int64_t now);
  void walk_degraded(Slot& s, int64_t now, uint32_t threshold);
  // The end of both walks: a suspected incident is confirmed (confirm), or resolved when its
  // homes are back or it stayed unconfirmed for expire_after_ms; an open one resolves when they
  // are back; the count of unreachable homes is kept up to date.
  void settle_incident(Slot& s, bool confirm, int64_t expire_after_ms, bool back, bool may_resolve,
                       uint32_t failing, int64_t now);
  uint32_t count_degraded(const Slot& s, int64_t now) const;
  // Counts its homes, asks recovery probes, confirms or resolves it. For a region: confirm_now
  // (enough confirmed node incidents), may_resolve (too few node incidents left).
  // settled: the probes of its suspicion are answered (a confirmation by probes waits for them).
  void walk_incident(Slot& s, int64_t now, uint32_t threshold, bool confirm_now, bool may_resolve,
                     bool settled);
  void decide_regions(int64_t now);
  void open_region_incident(int32_t region, int64_t now);
  void apply_joins(int64_t now);
  void emit(Pass& pass, int64_t now);
  void prune(int64_t now);
};

}  // namespace hearth::outage
