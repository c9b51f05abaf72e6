// WAN quality in the Detector (detector.h): the homes whose line the diagnosis reports degraded,
// kept in a list so that a pass looks at them and not at every home; their count per access node
// in each pass; and the life of "degraded" incidents (opened at the threshold, confirmed when it
// holds, resolved when the share of degraded homes falls). Dark wins: detector_pass.cc turns a
// "degraded" incident into an outage when its node goes dark.
#include <algorithm>

#include "outage/detector_impl.h"

namespace hearth::outage {

using detail::kNever;

namespace {

// After a restart the homes of a restored "degraded" incident are not known to be degraded until
// the diagnosis has judged their lines again (two telemetry reads and the findings' persistence):
// the incident is not resolved before this.
constexpr int64_t kRestoredHoldMs = 20 * 60'000;

constexpr const char* kDegraded = "degraded";

}  // namespace

// ---------------------------------------------------------------- signals

void Detector::Impl::set_degraded(uint32_t i, int64_t since) {
  HomeState& h = homes[i];
  if (h.degraded_ms != 0) {
    // Still degraded: one continuous degradation, from the earliest time known.
    h.degraded_ms = std::min(h.degraded_ms, since);
    return;
  }
  h.degraded_ms = since;
  h.degraded_pos = static_cast<int32_t>(degraded_list.size());
  degraded_list.push_back(i);
}

void Detector::Impl::set_fine(uint32_t i, int64_t now) {
  HomeState& h = homes[i];
  if (h.degraded_ms == 0) return;
  h.degraded_ms = 0;
  h.fine_ms = now;
  h.degraded_suppressed = false;
  const auto pos = static_cast<size_t>(h.degraded_pos);
  h.degraded_pos = -1;
  if (pos >= degraded_list.size() || degraded_list[pos] != i) {
    rebuild_degraded_list();  // not expected: the list is kept exact
    return;
  }
  const uint32_t last = degraded_list.back();
  degraded_list[pos] = last;
  degraded_list.pop_back();
  if (last != i) homes[last].degraded_pos = static_cast<int32_t>(pos);
}

void Detector::Impl::rebuild_degraded_list() {
  degraded_list.clear();
  for (uint32_t i = 0; i < homes.size(); ++i) {
    HomeState& h = homes[i];
    h.degraded_pos = -1;
    if (h.degraded_ms == 0) continue;
    h.degraded_pos = static_cast<int32_t>(degraded_list.size());
    degraded_list.push_back(i);
  }
}

// ---------------------------------------------------------------- the pass

// Degraded homes that answer (a dark one counts as dark), are not explained by maintenance nor
// left over from a resolved incident: those of a node with an open "degraded" incident join it
// when their degradation began after its suspicion's window opened; the others are counted on
// their node when it began within the window.
void Detector::Impl::scan_degraded(int64_t now) {
  for (uint32_t i : degraded_list) {
    const HomeState& h = homes[i];
    if (h.node < 0 || h.degraded_suppressed || failure(h, now).failing) continue;
    NodeState& n = nodes[static_cast<size_t>(h.node)];
    if (n.maintenance) continue;
    if (n.incident != 0) {
      if (n.degraded_incident && h.incident == 0 && h.degraded_ms >= n.join_after_ms)
        joins.push_back(i);
      continue;  // a dark node: dark wins
    }
    if (h.incident != 0 || now - h.degraded_ms > opt.degraded_window_ms) continue;
    if (n.stamp != pass_no) {
      n.stamp = pass_no;
      n.plant = n.power = n.degraded = 0;
      n.first_fail_ms = n.first_degraded_ms = kNever;
      touched_nodes.push_back(h.node);
    }
    ++n.degraded;
    n.first_degraded_ms = std::min(n.first_degraded_ms, h.degraded_ms);
  }
}

void Detector::Impl::open_degraded_incident(int32_t k, int64_t now) {
  NodeState& n = nodes[static_cast<size_t>(k)];
  Slot& s = open_incident(Scope::kAccessNode, k, n.region, now);
  s.inc.cause = kDegraded;
  n.degraded_incident = true;
  n.join_after_ms = now - opt.degraded_window_ms;
  // Its homes: the degradations that were counted; its onset: the first of them.
  gather.clear();
  int64_t start = kNever;
  for (uint32_t pos = 0; pos < n.homes; ++pos) {
    const uint32_t i = node_homes[n.first + pos];
    const HomeState& h = homes[i];
    if (h.incident != 0 || h.degraded_ms == 0 || h.degraded_suppressed) continue;
    if (now - h.degraded_ms > opt.degraded_window_ms || failure(h, now).failing) continue;
    gather.push_back(i);
    start = std::min(start, h.degraded_ms);
  }
  for (uint32_t i : gather) add_to(s, i);
  s.inc.start_ms = start == kNever ? now : start;
}

void Detector::Impl::walk_degraded(Slot& s, int64_t now, uint32_t threshold) {
  uint32_t affected = 0, degraded = 0, failing = 0;
  for (int32_t idx : s.idx) {
    if (idx < 0) continue;
    ++affected;
    const HomeState& h = homes[static_cast<size_t>(idx)];
    if (failure(h, now).failing) {
      ++failing;
    } else if (h.degraded_ms != 0) {
      ++degraded;
    }
  }
  if (s.restored) s.hold_until_ms = now + kRestoredHoldMs;
  const bool may_resolve = now >= s.hold_until_ms;
  // Resolved when fewer than max(1, resolve_share * affected) homes remain degraded (and fewer
  // than the threshold).
  const double keep = std::max(1.0, opt.resolve_share * affected);
  const bool back = static_cast<double>(degraded) < keep && degraded < threshold;
  if (s.inc.state == IncidentState::kSuspected) {
    // Confirmed when the threshold has held for degraded_confirm_after_ms.
    if (degraded >= threshold) {
      if (s.met_ms == 0) s.met_ms = now;
    } else {
      s.met_ms = 0;
    }
  }
  const bool confirm = s.met_ms != 0 && now - s.met_ms >= opt.degraded_confirm_after_ms;
  settle_incident(s, confirm, opt.degraded_window_ms, back, may_resolve, failing, now);
}

}  // namespace hearth::outage
