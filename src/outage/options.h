// Settings of the regional disturbance detection (the [incidents] table of the configuration
// file). Defaults follow wifi-rules.md OUT-REG-1: max(5 homes, 20% of the node) within 5 minutes.
#pragma once

#include <cstdint>

namespace hearth::outage {

struct OutageOptions {
  // An access node is in an outage when the homes that went unreachable within `window_ms`,
  // not explained by their own cause, reach max(min_homes, ceil(min_share * homes of the node))
  // plus the node's noise margin (ceil(baseline_factor * baseline)).
  uint32_t min_homes = 5;
  double min_share = 0.2;
  int64_t window_ms = 5 * 60'000;
  // A home is overdue when its next periodic Inform (last periodic Inform + its interval) is
  // this late; overdue homes are probed at once.
  int64_t inform_grace_ms = 30'000;
  // Without an answer to a probe, an overdue home counts as unreachable after this much longer.
  int64_t unreachable_after_ms = 60'000;
  // Sentinel probes: each access node has one of its reachable homes probed when none of them
  // was heard from within this interval (0: off). Cheap: an unauthenticated GET of the
  // ConnectionRequestURL, which a live CPE answers with 401 and no session.
  int64_t sentinel_interval_ms = 30'000;
  // On a first unexplained failure on a node: probe this many of its other homes; on a second
  // within the window (suspicion): probe all of them, at most probe_cap per node.
  uint32_t suspect_sample = 4;
  uint32_t probe_cap = 64;
  // At most this many probes asked per evaluation pass (all nodes together).
  uint32_t max_probes_per_pass = 2000;
  // A probe asked for a home is not asked again before this (answer or not).
  int64_t probe_retry_ms = 10'000;
  // While an incident is open its unreachable homes are probed this often to see them return.
  int64_t recovery_probe_interval_ms = 15'000;
  // Suspected becomes confirmed when the threshold is met and at least this share of the counted
  // homes failed a probe (the "second signal"), or when it stayed suspected for confirm_after_ms.
  double confirm_probe_share = 0.5;
  int64_t confirm_after_ms = 3 * 60'000;
  // An open incident resolves when its still-unreachable homes fall below this share of its
  // affected homes (and below the threshold).
  double resolve_share = 0.2;
  // A suspected incident that is not confirmed within this is dropped (resolved, never confirmed).
  int64_t suspect_timeout_ms = 10 * 60'000;
  // Per-node noise baseline: moving average of unexplained failures per window, time constant
  // baseline_tau_ms; threshold margin baseline_factor * baseline.
  int64_t baseline_tau_ms = 24 * 3600'000LL;
  double baseline_factor = 3.0;
  // A region incident opens when this many of its access nodes have open incidents at once, or
  // when its own unexplained failures in the window reach max(min_homes, min_share * its homes)
  // spread over at least two nodes.
  uint32_t region_min_nodes = 3;
  // After a reboot, factory reset or firmware download was sent, the device's silence is
  // explained for this long.
  int64_t restart_grace_ms = 10 * 60'000;

  // WAN quality (cause "degraded": the service works, but badly). The diagnosis tells which
  // reachable homes have a degraded line (slow against the plan, lossy or slow pings, flapping).
  // A node is degraded when its homes whose degradation began within degraded_window_ms reach
  // the same max(min_homes, ceil(min_share * homes)) plus the margin of its own baseline of such
  // degradations (a node with many chronically slow lines learns a higher threshold). The window
  // is long because each line is judged by its own WAN tests (a ping an hour): the homes of a
  // degraded node notice it over about an hour.
  int64_t degraded_window_ms = 90 * 60'000;
  // Suspected when the threshold is met; confirmed when it stays met this long (no probes apply:
  // the homes answer); dropped when not confirmed within degraded_window_ms. It resolves like
  // the dark ones: when fewer than max(1, resolve_share * affected) homes remain degraded.
  int64_t degraded_confirm_after_ms = 10 * 60'000;
};

}  // namespace hearth::outage
