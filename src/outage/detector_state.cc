// The Detector's internals shared by its interface and its pass: a home's state as the signals
// change it, the topology's layout, thresholds, and the bookkeeping of incidents.
#include <algorithm>
#include <cmath>

#include "outage/detector_impl.h"

namespace hearth::outage {

using detail::Failure;
using detail::kLongAgo;
using detail::kNever;
using detail::Why;

// ---------------------------------------------------------------- a home's state

Failure Detector::Impl::failure(const HomeState& h, int64_t now) const {
  int64_t since = kNever;
  if (h.fail_ms != 0) since = h.fail_ms;
  if (h.presumed_ms != 0) since = std::min(since, h.presumed_ms);
  if (h.last_contact_ms != 0 && h.due_ms != kNever) {
    const int64_t overdue_at = h.due_ms + opt.inform_grace_ms;
    if (now > overdue_at) since = std::min(since, overdue_at);
  }
  return Failure{since != kNever, h.fail_ms != 0, since};
}

Why Detector::Impl::why(const HomeState& h, const NodeState& n, int64_t now) const {
  if (n.maintenance || now - h.restart_ms < opt.restart_grace_ms) return Why::kExplained;
  return h.gasp ? Why::kPower : Why::kPlant;
}

// The pass looks at a home only from this time on: at once when it failed, else once its
// periodic Inform is overdue; never when it is not placed or has no schedule.
void Detector::Impl::refresh_watch(uint32_t i) {
  const HomeState& h = homes[i];
  int64_t w = kNever;
  if (h.node < 0) {
    w = kNever;
  } else if (h.fail_ms != 0 || h.presumed_ms != 0) {
    w = kLongAgo;
  } else if (h.last_contact_ms != 0 && h.due_ms != kNever) {
    w = h.due_ms + opt.inform_grace_ms;
  }
  watch[i] = w;
}

// The next periodic Inform is due one interval after the last one (or after the last contact
// before any). A contact after that point starts the count afresh: the home is alive, and its
// schedule is not worth a second alarm until one more interval has passed.
void Detector::Impl::recompute_due(HomeState& h) const {
  if (h.interval_ms <= 0 || h.last_contact_ms == 0) {
    h.due_ms = kNever;
    return;
  }
  const int64_t base = h.last_periodic_ms != 0 ? h.last_periodic_ms : h.last_contact_ms;
  h.due_ms = base + h.interval_ms;
  if (h.last_contact_ms > h.due_ms) h.due_ms = h.last_contact_ms + h.interval_ms;
}

void Detector::Impl::heard(uint32_t i, int64_t now, bool by_probe, int64_t wan_up_since_ms) {
  HomeState& h = homes[i];
  // A contact older than the failure seen (signals may cross) does not undo it.
  if (h.fail_ms == 0 || h.fail_ms <= now) {
    const Failure f = failure(h, now);
    if (f.failing) {
      h.back_ms = now;
      h.back_up_ms =
          wan_up_since_ms > 0 ? wan_up_since_ms : (h.line_up_ms >= f.since ? h.line_up_ms : 0);
      if (by_probe && (h.incident != 0 || h.region_incident != 0) && !h.wake) {
        h.wake = true;
        wake_list.push_back(i);
      }
    }
    h.fail_ms = 0;
    h.presumed_ms = 0;
    h.gasp = false;
    h.line_up_ms = 0;
    h.suppressed = false;
  }
  h.last_contact_ms = std::max(h.last_contact_ms, now);
  recompute_due(h);
  if (h.node >= 0) {
    NodeState& n = nodes[static_cast<size_t>(h.node)];
    n.last_heard_ms = std::max(n.last_heard_ms, now);
  }
  refresh_watch(i);
}

// ---------------------------------------------------------------- topology

int32_t Detector::Impl::region_for(const std::string& id) {
  if (id.empty()) return -1;
  auto [it, added] = region_index.try_emplace(id, static_cast<int32_t>(regions.size()));
  if (added) {
    regions.emplace_back();
    regions.back().id = id;
  }
  return it->second;
}

int32_t Detector::Impl::node_for(const TopologyNode& tn) {
  auto [it, added] = node_index.try_emplace(tn.id, static_cast<int32_t>(nodes.size()));
  if (added) {
    nodes.emplace_back();
    nodes.back().id = tn.id;
  }
  NodeState& n = nodes[static_cast<size_t>(it->second)];
  const int32_t region = region_for(tn.region_id);
  if (n.region != region) {
    n.region = region;
    layout_dirty = true;
  }
  return it->second;
}

void Detector::Impl::place(uint32_t home, int32_t node) {
  HomeState& h = homes[home];
  if (h.node == node) return;
  if (h.node >= 0) --nodes[static_cast<size_t>(h.node)].homes;
  if (node >= 0) ++nodes[static_cast<size_t>(node)].homes;
  h.node = node;
  layout_dirty = true;
  refresh_watch(home);
}

uint32_t Detector::Impl::add_home(const std::string& id) {
  auto [it, added] = home_index.try_emplace(id, static_cast<uint32_t>(homes.size()));
  if (added) {
    home_ids.push_back(id);
    homes.emplace_back();
    watch.push_back(kNever);
  }
  return it->second;
}

// Homes grouped by node, and each region's nodes and homes.
void Detector::Impl::rebuild_layout() {
  uint32_t offset = 0;
  for (NodeState& n : nodes) {
    n.first = offset;
    offset += n.homes;
  }
  node_homes.assign(offset, 0);
  std::vector<uint32_t> fill(nodes.size(), 0);
  for (uint32_t i = 0; i < homes.size(); ++i) {
    const int32_t node = homes[i].node;
    if (node < 0) continue;
    const auto k = static_cast<size_t>(node);
    node_homes[nodes[k].first + fill[k]++] = i;
  }
  for (RegionState& r : regions) {
    r.nodes.clear();
    r.homes = 0;
  }
  for (size_t k = 0; k < nodes.size(); ++k) {
    if (nodes[k].region < 0) continue;
    RegionState& r = regions[static_cast<size_t>(nodes[k].region)];
    r.nodes.push_back(static_cast<int32_t>(k));
    r.homes += nodes[k].homes;
  }
  layout_dirty = false;
}

// Binds every open incident to the topology again: its node or region, its homes' indices, and
// the homes' and nodes' references to it. Homes of a restored incident not heard from since are
// presumed dark.
void Detector::Impl::rebind_incidents() {
  for (HomeState& h : homes) {
    h.incident = 0;
    h.region_incident = 0;
  }
  for (NodeState& n : nodes) n.incident = 0;
  for (RegionState& r : regions) r.incident = 0;
  for (int64_t id : open_ids) {
    Slot& s = incidents.at(id);
    s.node = -1;
    s.region = -1;
    if (auto it = region_index.find(s.inc.region_id); it != region_index.end())
      s.region = it->second;
    if (s.inc.scope == Scope::kAccessNode) {
      if (auto it = node_index.find(s.inc.access_node_id); it != node_index.end())
        s.node = it->second;
      if (s.node >= 0) {
        nodes[static_cast<size_t>(s.node)].incident = id;
        nodes[static_cast<size_t>(s.node)].degraded_incident = s.degraded();
      }
    } else if (s.region >= 0) {
      regions[static_cast<size_t>(s.region)].incident = id;
    }
    s.idx.assign(s.inc.homes.size(), -1);
    for (size_t k = 0; k < s.inc.homes.size(); ++k) {
      const uint32_t* i = find_home(s.inc.homes[k]);
      if (i == nullptr) continue;
      s.idx[k] = static_cast<int32_t>(*i);
      HomeState& h = homes[*i];
      (s.inc.scope == Scope::kRegion ? h.region_incident : h.incident) = id;
      // The homes of a degraded area answer: nothing to presume.
      if (s.restored && !s.degraded() && h.last_contact_ms == 0 && h.presumed_ms == 0) {
        h.presumed_ms =
            s.inc.start_ms != 0 ? s.inc.start_ms : std::max<int64_t>(s.inc.suspected_ms, 1);
        refresh_watch(*i);
      }
    }
  }
}

namespace {

uint32_t share_of(double share, uint32_t homes) {
  const double v = std::ceil(share * homes - 1e-9);
  return v <= 0 ? 0u : static_cast<uint32_t>(v);
}

// max(min_homes, ceil(min_share * homes)) plus the noise margin, rounded to whole homes (a trace
// of noise adds nothing); the margin never lifts it above the homes there are, so that a whole
// node or region going dark always counts.
uint32_t threshold_of(const OutageOptions& o, uint32_t homes, double baseline) {
  const uint32_t base = std::max(o.min_homes, share_of(o.min_share, homes));
  const double m = std::max(0.0, o.baseline_factor * baseline);
  const auto margin = static_cast<uint32_t>(std::min(std::lround(m), 1'000'000L));
  return std::max(base, std::min(base + margin, homes));
}

}  // namespace

uint32_t Detector::Impl::threshold_for(uint32_t homes_there, double baseline) const {
  return threshold_of(opt, homes_there, baseline);
}

uint32_t Detector::Impl::node_threshold(const NodeState& n) const {
  return threshold_of(opt, n.homes, n.baseline);
}

uint32_t Detector::Impl::region_threshold(const RegionState& r) const {
  return threshold_of(opt, r.homes, r.baseline);
}

uint32_t Detector::Impl::node_degraded_threshold(const NodeState& n) const {
  return threshold_of(opt, n.homes, n.degraded_baseline);
}

// ---------------------------------------------------------------- incidents

detail::Slot* Detector::Impl::slot(int64_t id) {
  auto it = incidents.find(id);
  return it == incidents.end() ? nullptr : &it->second;
}

const detail::Slot* Detector::Impl::slot(int64_t id) const {
  auto it = incidents.find(id);
  return it == incidents.end() ? nullptr : &it->second;
}

// Operator actions return what they changed; only the pass's own changes go into Pass::changed.
void Detector::Impl::mark(Slot& s) {
  if (!in_pass || s.dirty) return;
  s.dirty = true;
  dirty.push_back(s.inc.id);
}

void Detector::Impl::add_to(Slot& s, uint32_t home) {
  add_to(s, home_ids[home], static_cast<int32_t>(home));
}

void Detector::Impl::add_to(Slot& s, const std::string& home_id, int32_t idx) {
  auto it = std::lower_bound(s.inc.homes.begin(), s.inc.homes.end(), home_id);
  const auto pos = static_cast<size_t>(it - s.inc.homes.begin());
  if (it != s.inc.homes.end() && *it == home_id) {
    s.idx[pos] = idx;
  } else {
    s.inc.homes.insert(it, home_id);
    s.idx.insert(s.idx.begin() + static_cast<std::ptrdiff_t>(pos), idx);
  }
  if (idx >= 0) {
    HomeState& h = homes[static_cast<size_t>(idx)];
    (s.inc.scope == Scope::kRegion ? h.region_incident : h.incident) = s.inc.id;
  }
}

// The incident's homes leave it; those still dark (or, for "degraded", still degraded) are not
// counted again until they return (are fine), so that a closed, merged or timed-out incident is
// not opened again by the same homes.
void Detector::Impl::release_homes(Slot& s, int64_t now) {
  const bool degraded = s.degraded();
  for (int32_t idx : s.idx) {
    if (idx < 0) continue;
    HomeState& h = homes[static_cast<size_t>(idx)];
    int64_t& ref = s.inc.scope == Scope::kRegion ? h.region_incident : h.incident;
    if (ref == s.inc.id) ref = 0;
    if (failure(h, now).failing) h.suppressed = true;
    if (degraded && h.degraded_ms != 0) h.degraded_suppressed = true;
  }
}

void Detector::Impl::drop_open(int64_t id) {
  open_ids.erase(std::remove(open_ids.begin(), open_ids.end(), id), open_ids.end());
  for (NodeState& n : nodes) {
    if (n.incident == id) n.incident = 0;
  }
  for (RegionState& r : regions) {
    if (r.incident == id) r.incident = 0;
  }
}

uint32_t Detector::Impl::count_degraded(const Slot& s, int64_t now) const {
  uint32_t n = 0;
  for (int32_t idx : s.idx) {
    if (idx < 0) continue;
    const HomeState& h = homes[static_cast<size_t>(idx)];
    if (h.degraded_ms != 0 && !failure(h, now).failing) ++n;
  }
  return n;
}

uint32_t Detector::Impl::count_failing(const Slot& s, int64_t now) const {
  uint32_t n = 0;
  for (int32_t idx : s.idx) {
    if (idx >= 0 && failure(homes[static_cast<size_t>(idx)], now).failing) ++n;
  }
  return n;
}

// The earliest "line up since" or return among the homes that came back after the onset; for
// "degraded", the earliest time a line was reported fine again among those fine now.
int64_t Detector::Impl::end_of(const Slot& s) const {
  int64_t end = 0;
  for (int32_t idx : s.idx) {
    if (idx < 0) continue;
    const HomeState& h = homes[static_cast<size_t>(idx)];
    if (s.degraded()) {
      if (h.degraded_ms == 0 && h.fine_ms >= s.inc.start_ms && (end == 0 || h.fine_ms < end))
        end = h.fine_ms;
      continue;
    }
    if (h.back_ms == 0 || h.back_ms < s.inc.start_ms || h.fail_ms != 0 || h.presumed_ms != 0)
      continue;
    const int64_t t = h.back_up_ms >= s.inc.start_ms && h.back_up_ms > 0 ? h.back_up_ms : h.back_ms;
    if (end == 0 || t < end) end = t;
  }
  return end;
}

void Detector::Impl::resolve(Slot& s, int64_t now) {
  s.inc.unreachable = count_failing(s, now);
  s.inc.end_ms = end_of(s);
  s.inc.state = IncidentState::kResolved;
  s.inc.resolved_ms = now;
  s.inc.updated_ms = now;
  release_homes(s, now);
  drop_open(s.inc.id);
  mark(s);
}

detail::Slot& Detector::Impl::open_incident(Scope scope, int32_t node, int32_t region,
                                            int64_t now) {
  const int64_t id = next_id++;
  Slot& s = incidents[id];
  s.inc.id = id;
  s.inc.scope = scope;
  s.inc.state = IncidentState::kSuspected;
  s.inc.suspected_ms = now;
  s.inc.updated_ms = now;
  s.since_ms = now;
  s.node = node;
  s.region = region;
  if (region >= 0) s.inc.region_id = regions[static_cast<size_t>(region)].id;
  if (scope == Scope::kAccessNode) {
    NodeState& n = nodes[static_cast<size_t>(node)];
    s.inc.access_node_id = n.id;
    s.inc.node_homes = n.homes;
    n.incident = id;
    n.degraded_incident = false;
    n.join_after_ms = now - opt.window_ms;
  } else {
    RegionState& r = regions[static_cast<size_t>(region)];
    s.inc.node_homes = r.homes;
    r.incident = id;
    r.join_after_ms = now - opt.window_ms;
  }
  open_ids.push_back(id);
  mark(s);
  return s;
}

}  // namespace hearth::outage
