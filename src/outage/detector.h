// Regional disturbance detection, pure: no I/O, no threads, no clock (every call says the time).
// The service (incidents/) feeds it what the ACS sees (informs, connection request and probe
// results, line events, restarts it caused) and the topology, calls evaluate() every few
// seconds, sends the probes it asks for and stores the incidents it changed.
//
// One pass of evaluate() is linear in homes + nodes over flat arrays (1,000,000 homes and 20,000
// access nodes in well under 100 ms, bench/outage_bench).
//
// Per home: reachable, overdue (its periodic Inform is late by inform_grace_ms) or unreachable
// (a probe failed, or overdue for unreachable_after_ms more). A home's silence is explained
// when its line sent a dying gasp (counted for "power", not for "plant"), when the ACS sent it a
// reboot/firmware in the last restart_grace_ms, or when a maintenance window covers its node.
//
// Per access node, per pass:
//   failures = unexplained homes that became overdue/unreachable within window_ms
//   threshold = max(min_homes, ceil(min_share * homes)) + ceil(baseline_factor * baseline)
//   one failure -> probe suspect_sample other homes; two -> probe all (<= probe_cap);
//   failures >= max(2, ceil(threshold / 2)) -> a suspected incident (its homes probed);
//   failures >= threshold and (probe-failed share >= confirm_probe_share or suspected for
//   confirm_after_ms) -> confirmed; a suspected one that does not get there within
//   suspect_timeout_ms, or whose homes come back, is resolved without confirmation.
//   While open: homes of the node that go unreachable join it (whatever the window); its
//   unreachable homes are probed every recovery_probe_interval_ms; it resolves when fewer than
//   max(1, resolve_share * affected) remain unreachable. end_ms: the earliest "line up since"
//   (WAN uptime of a returning Inform) or return time among the returned homes.
// Per access node, WAN quality (cause "degraded"): homes that answer but whose line the
// diagnosis finds degraded (wan_quality()). Those whose degradation began within
// degraded_window_ms, not dark and not left over from a resolved incident, count against
// max(min_homes, ceil(min_share * homes)) + ceil(baseline_factor * its degraded baseline):
// reaching it opens a suspected incident, which is confirmed when it holds for
// degraded_confirm_after_ms, dropped when not confirmed within degraded_window_ms, and resolved
// when fewer than max(1, resolve_share * affected) homes remain degraded. Homes of the node that
// become degraded while it is open join it. Dark wins: a node has one incident; dark failures on
// a degraded node are counted as usual and, at the level that would open an outage, turn its
// incident into one ("plant"/"power", same id, homes kept); a node that is dark already opens no
// degraded incident. Degraded incidents do not count towards region incidents.
// Per region: an incident when region_min_nodes of its nodes have open (dark) incidents (their
// parent_id points to it), or its failures in the window reach the threshold over >= 2 nodes.
// The baselines learn only outside incidents.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "outage/incident.h"
#include "outage/options.h"

namespace hearth::outage {

enum class LineKind : uint8_t { kDyingGasp, kLossOfSignal, kRestored };

struct TopologyNode {
  std::string id;
  std::string region_id;
};
struct TopologyHome {
  std::string id;
  std::string access_node_id;  // "" : not placed (never counted)
};

enum class ProbeKind : uint8_t {
  kSentinel,   // a routine check of a quiet node
  kSuspect,    // a node with failures: are its other homes there?
  kRecovery,   // an incident's unreachable home: is it back?
};

struct ProbeRequest {
  std::string home_id;
  ProbeKind kind = ProbeKind::kSentinel;
};

struct Pass {
  std::vector<ProbeRequest> probes;        // send these (unauthenticated CR GET), report back
  std::vector<Incident> changed;           // incidents opened, changed or resolved in this pass
  // A home returned while its incident is open: send it a real connection request so its
  // Inform (and its queued work) comes now rather than at its next retry.
  std::vector<std::string> wake;
};

// What a customer's home is in now (the self-service status, the agent's banner, the diagnosis).
struct HomeOutage {
  int64_t incident_id = 0;       // 0: maintenance only
  IncidentState state = IncidentState::kSuspected;
  std::string cause;
  int64_t since_ms = 0;          // incident start_ms (or suspected_ms when unknown)
  int64_t etr_ms = 0;
  std::string title;
  // A maintenance window that covers the home now or starts within 7 days ("" id: none).
  std::optional<Maintenance> maintenance;
};

class Detector {
 public:
  explicit Detector(OutageOptions options = {});
  ~Detector();
  Detector(Detector&&) noexcept;
  Detector& operator=(Detector&&) noexcept;

  const OutageOptions& options() const;
  void set_options(const OutageOptions& options);

  // ---- topology ----
  // Replaces the topology. Homes and nodes that remain keep their state; open incidents stay.
  void set_topology(const std::vector<TopologyNode>& nodes, const std::vector<TopologyHome>& homes);
  void put_node(const TopologyNode& node);
  void put_home(const TopologyHome& home);  // its node must have been put (else it is unplaced)
  void remove_home(const std::string& home_id);
  size_t home_count() const;
  size_t node_count() const;
  // Whether the home can be probed (it has a ConnectionRequestURL). Default false: never probed.
  void set_probeable(const std::string& home_id, bool probeable);

  // ---- signals (unknown homes are ignored) ----
  // The home's gateway opened a session. interval_s: its PeriodicInformInterval; periodic: the
  // Inform carried "2 PERIODIC" (the schedule is counted from these). wan_up_since_ms: when its
  // WAN came up as the Inform tells (now - WAN uptime), 0 when unknown.
  void inform(const std::string& home_id, int64_t now_ms, int64_t interval_s, bool periodic,
              int64_t wan_up_since_ms = 0);
  // A probe or a connection request got an answer (reachable) or none.
  void probe_result(const std::string& home_id, bool reachable, int64_t now_ms);
  void line_event(const std::string& home_id, LineKind kind, int64_t time_ms);
  void restart_expected(const std::string& home_id, int64_t now_ms);
  // The home's line as its newest diagnosis judges it: degraded since since_ms (when the
  // earliest of its open line findings began; <= 0: unknown, e.g. found at the diagnosis' first
  // look, counted as long ago), or fine again (degraded false). Only changes need be reported.
  void wan_quality(const std::string& home_id, bool degraded, int64_t since_ms, int64_t now_ms);
  void set_maintenance(std::vector<Maintenance> windows);

  // ---- incidents ----
  // Restores incidents after a restart (open ones are tracked again); ids continue after the
  // largest of them and next_id.
  void restore(std::vector<Incident> incidents, int64_t next_id);
  // Operator actions. Each returns the changed incidents (the target and, for a merge, both),
  // or nullopt when an id is unknown or the change is not allowed (closing a closed one,
  // merging an incident into itself or into a resolved one).
  // What they change is theirs to store: evaluate() does not report it again in Pass::changed.
  // A merge also returns the open incidents whose parent changed (children of `from`).
  std::optional<std::vector<Incident>> close(int64_t id, const std::string& author, int64_t now_ms);
  std::optional<std::vector<Incident>> merge(int64_t from, int64_t into, const std::string& author,
                                             int64_t now_ms);
  std::optional<Incident> set_etr(int64_t id, int64_t etr_ms, int64_t now_ms);
  std::optional<Incident> set_title(int64_t id, const std::string& title, int64_t now_ms);
  std::optional<Incident> add_note(int64_t id, IncidentNote note);
  std::optional<Incident> incident(int64_t id) const;
  std::vector<Incident> open_incidents() const;

  // ---- the pass ----
  Pass evaluate(int64_t now_ms);

  // ---- lookups ----
  // The open (suspected or confirmed) incident the home is affected by, else a maintenance
  // window of its node or region (active or within 7 days), else nullopt. Confirmed incidents
  // come before suspected ones; a node incident before its region's.
  std::optional<HomeOutage> home_outage(const std::string& home_id, int64_t now_ms) const;
  // The node's current noise baseline (failures per window) and threshold, for the API.
  // The noise margin is rounded to whole homes (a trace of noise adds nothing) and never lifts
  // the threshold above the node's homes (a whole node going dark always counts).
  double baseline(const std::string& access_node_id) const;
  uint32_t threshold(const std::string& access_node_id) const;
  // The same for WAN quality: degradations begun per degraded_window_ms, and the threshold.
  double degraded_baseline(const std::string& access_node_id) const;
  uint32_t degraded_threshold(const std::string& access_node_id) const;
  // Homes whose line is degraded now (as last reported).
  size_t degraded_homes() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace hearth::outage
