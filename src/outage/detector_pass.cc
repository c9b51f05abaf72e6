// One evaluation pass (detector.h): a scan of the homes that need a look (those failed or
// overdue; the others cost one comparison of their watch time), per-node counters of the
// failures in the window, the node and region decisions, the open incidents' homes, and the
// probes within the pass's budget. Nothing allocated per pass in proportion to the homes. The
// WAN quality part (degraded homes, "degraded" incidents) is in detector_quality.cc.
#include <algorithm>

#include "outage/detector_impl.h"

namespace hearth::outage {

using detail::Failure;
using detail::kNever;
using detail::Why;

namespace {

const char* cause_name(bool power) {
  return power ? "power" : "plant";
}

}  // namespace

Pass Detector::Impl::evaluate(int64_t now) {
  in_pass = true;
  ++pass_no;
  if (layout_dirty) rebuild_layout();
  const double learn = last_eval_ms != 0 && now > last_eval_ms && opt.baseline_tau_ms > 0
                           ? std::min(1.0, static_cast<double>(now - last_eval_ms) /
                                               static_cast<double>(opt.baseline_tau_ms))
                           : 0.0;
  last_eval_ms = std::max(last_eval_ms, now);

  touched_nodes.clear();
  touched_regions.clear();
  joins.clear();
  region_joins.clear();
  recovery_probes.clear();
  suspect_probes.clear();
  sentinel_probes.clear();

  mark_maintenance(now);
  prepare_incidents();
  scan(now);
  scan_degraded(now);
  apply_joins(now);
  decide_nodes(now, learn);
  const std::vector<int64_t> node_open = open_ids;  // includes the ones opened just now
  for (int64_t id : node_open) {
    Slot* s = slot(id);
    if (s == nullptr || !s->inc.open() || s->inc.scope != Scope::kAccessNode) continue;
    if (s->degraded()) {
      walk_degraded(*s, now,
                    s->node >= 0 ? node_degraded_threshold(nodes[static_cast<size_t>(s->node)])
                                 : threshold_for(s->inc.node_homes, 0));
      continue;
    }
    const uint32_t thr = s->node >= 0 ? node_threshold(nodes[static_cast<size_t>(s->node)])
                                      : threshold_for(s->inc.node_homes, 0);
    // While suspected, all its node's homes are asked, and a confirmation waits for their answers.
    bool settled = true;
    if (s->inc.state == IncidentState::kSuspected && s->node >= 0) {
      NodeState& n = nodes[static_cast<size_t>(s->node)];
      if (n.incident == id)
        settled = suspect_probes_for(n, true, s->since_ms, now) && !probes_outstanding(n, now);
    }
    walk_incident(*s, now, thr, false, true, settled);
  }
  decide_regions(now);

  Pass pass;
  emit(pass, now);
  for (int64_t id : open_ids) incidents.at(id).restored = false;
  prune(now);
  in_pass = false;
  return pass;
}

// Nodes under an active maintenance window (their own or their region's).
void Detector::Impl::mark_maintenance(int64_t now) {
  for (NodeState& n : nodes) n.maintenance = false;
  for (const Maintenance& m : maintenance) {
    if (m.start_ms > now || now >= m.end_ms) continue;
    if (!m.access_node_id.empty()) {
      if (auto it = node_index.find(m.access_node_id); it != node_index.end()) {
        nodes[static_cast<size_t>(it->second)].maintenance = true;
      }
    }
    if (!m.region_id.empty()) {
      if (auto it = region_index.find(m.region_id); it != region_index.end()) {
        for (int32_t k : regions[static_cast<size_t>(it->second)].nodes)
          nodes[static_cast<size_t>(k)].maintenance = true;
      }
    }
  }
}

// What the scan needs of each open incident, on its node or region.
void Detector::Impl::prepare_incidents() {
  for (int64_t id : open_ids) {
    const Slot& s = incidents.at(id);
    const int64_t after = s.since_ms - (s.degraded() ? opt.degraded_window_ms : opt.window_ms);
    const bool power = s.inc.cause == "power";
    if (s.inc.scope == Scope::kAccessNode && s.node >= 0) {
      NodeState& n = nodes[static_cast<size_t>(s.node)];
      if (n.incident == id) {
        n.join_after_ms = after;
        n.join_power = power;
        n.degraded_incident = s.degraded();
      }
    } else if (s.inc.scope == Scope::kRegion && s.region >= 0) {
      RegionState& r = regions[static_cast<size_t>(s.region)];
      if (r.incident == id) {
        r.join_after_ms = after;
        r.join_power = power;
      }
    }
  }
}

void Detector::Impl::scan(int64_t now) {
  const int64_t* w = watch.data();
  const auto count = static_cast<uint32_t>(watch.size());
  for (uint32_t i = 0; i < count; ++i) {
    if (now <= w[i]) continue;
    HomeState& h = homes[i];
    if (h.node < 0) continue;
    const Failure f = failure(h, now);
    if (!f.failing) continue;
    NodeState& n = nodes[static_cast<size_t>(h.node)];
    const Why y = why(h, n, now);
    if (y == Why::kExplained) continue;
    // An overdue home is asked at once (it becomes unreachable or comes back).
    if (!f.hard && h.probeable && now - h.probe_ms >= opt.probe_retry_ms)
      suspect_probes.push_back(i);
    if (h.suppressed) continue;
    const bool recent = now - f.since <= opt.window_ms;
    // Dark wins: on a node whose incident is "degraded" dark homes count as on a quiet node, its
    // own homes among them, towards turning it into an outage.
    const bool degraded_node = n.incident != 0 && n.degraded_incident;
    const bool free = h.incident == 0 || (degraded_node && h.incident == n.incident);
    if (n.region >= 0) {
      RegionState& r = regions[static_cast<size_t>(n.region)];
      if (r.incident != 0) {
        if (h.region_incident != r.incident && f.since >= r.join_after_ms &&
            (y == Why::kPlant || r.join_power)) {
          region_joins.push_back(i);
        }
      } else if (recent && y == Why::kPlant && free) {
        if (r.stamp != pass_no) {
          r.stamp = pass_no;
          r.plant = r.failing_nodes = r.open_children = r.confirmed_children = 0;
          touched_regions.push_back(n.region);
        }
        ++r.plant;
        if (n.region_stamp != pass_no) {
          n.region_stamp = pass_no;
          n.region_plant = 0;
          ++r.failing_nodes;
        }
        ++n.region_plant;
      }
    }
    if (!free) continue;
    if (n.incident != 0 && !degraded_node) {
      if (f.since >= n.join_after_ms && (y == Why::kPlant || n.join_power)) joins.push_back(i);
      continue;
    }
    if (!recent) continue;
    if (n.stamp != pass_no) {
      n.stamp = pass_no;
      n.plant = n.power = n.degraded = 0;
      n.first_fail_ms = n.first_degraded_ms = kNever;
      touched_nodes.push_back(h.node);
    }
    ++(y == Why::kPlant ? n.plant : n.power);
    n.first_fail_ms = std::min(n.first_fail_ms, f.since);
  }
}

void Detector::Impl::apply_joins(int64_t) {
  for (uint32_t i : joins) {
    const HomeState& h = homes[i];
    if (h.incident != 0) continue;
    if (Slot* s = slot(nodes[static_cast<size_t>(h.node)].incident)) {
      add_to(*s, i);
      mark(*s);
    }
  }
  for (uint32_t i : region_joins) {
    const HomeState& h = homes[i];
    const int64_t id =
        regions[static_cast<size_t>(nodes[static_cast<size_t>(h.node)].region)].incident;
    if (h.region_incident == id) continue;
    if (Slot* s = slot(id)) {
      add_to(*s, i);
      mark(*s);
    }
  }
}

void Detector::Impl::decide_nodes(int64_t now, double learn) {
  for (int32_t k : touched_nodes) {
    NodeState& n = nodes[static_cast<size_t>(k)];
    if (n.incident != 0 && !n.degraded_incident) continue;  // dark already
    if (n.plant + n.power > 0) suspect_probes_for(n, n.plant + n.power >= 2, n.first_fail_ms, now);
    const uint32_t thr = node_threshold(n);
    const uint32_t level = std::max(2u, (thr + 1) / 2);
    const bool power = n.power > n.plant;
    const uint32_t counted = power ? n.plant + n.power : n.plant;
    if (counted >= level) {
      open_node_incident(k, power, now);
    } else if (n.incident == 0 && n.degraded > 0 && n.degraded >= node_degraded_threshold(n)) {
      open_degraded_incident(k, now);
    }
  }
  for (size_t k = 0; k < nodes.size(); ++k) {
    NodeState& n = nodes[k];
    // The baselines learn only outside incidents: failures (degradations) per window, averaged
    // over time.
    if (learn > 0 && n.incident == 0) {
      const bool counted = n.stamp == pass_no;
      n.baseline += ((counted ? n.plant : 0.0) - n.baseline) * learn;
      n.degraded_baseline += ((counted ? n.degraded : 0.0) - n.degraded_baseline) * learn;
    }
    if (n.incident != 0 && !n.degraded_incident) continue;
    // A sentinel when the node has been quiet: the next of its reachable, probeable homes.
    if (opt.sentinel_interval_ms <= 0 || n.maintenance || n.homes == 0 ||
        now - std::max(n.last_heard_ms, n.sentinel_ms) < opt.sentinel_interval_ms) {
      continue;
    }
    bool found = false;
    for (uint32_t step = 0; step < n.homes && !found; ++step) {
      const uint32_t pos = (n.cursor + step) % n.homes;
      const uint32_t i = node_homes[n.first + pos];
      const HomeState& h = homes[i];
      if (!h.probeable || h.last_contact_ms == 0 || now - h.probe_ms < opt.probe_retry_ms) continue;
      if (failure(h, now).failing) continue;
      sentinel_probes.emplace_back(i, static_cast<int32_t>(k));
      n.cursor = pos + 1;
      found = true;
    }
    if (!found) n.sentinel_ms = now;  // nobody to ask: try again after an interval
  }
}

// One failure: a sample of the node's other homes; two or more: all of them (up to the cap).
// Each is asked once for this run of failures: a home heard from or asked since the first of
// them is not asked again.
bool Detector::Impl::suspect_probes_for(NodeState& n, bool all, int64_t since, int64_t now) {
  if (n.sampled_for_ms == since && (n.sampled_all || !all)) return true;
  const uint32_t wanted = all ? opt.probe_cap : std::min(opt.suspect_sample, opt.probe_cap);
  uint32_t asked = 0;
  gather.clear();
  for (uint32_t pos = 0; pos < n.homes; ++pos) {
    const uint32_t i = node_homes[n.first + pos];
    const HomeState& h = homes[i];
    if (!h.probeable || h.last_contact_ms == 0 || failure(h, now).failing) continue;
    if (h.probe_ms >= since) {
      ++asked;
      continue;
    }
    if (h.last_contact_ms >= since || now - h.probe_ms < opt.probe_retry_ms) continue;
    gather.push_back(i);
  }
  if (gather.empty() || asked >= wanted) {
    n.sampled_for_ms = since;
    n.sampled_all = all;
    return true;
  }
  for (size_t k = 0; k < gather.size() && asked < wanted; ++k, ++asked)
    suspect_probes.push_back(gather[k]);
  return false;
}

bool Detector::Impl::probes_outstanding(const NodeState& n, int64_t now) const {
  for (uint32_t pos = 0; pos < n.homes; ++pos) {
    const HomeState& h = homes[node_homes[n.first + pos]];
    if (h.fail_ms == 0 && h.probe_ms > h.last_contact_ms && now - h.probe_ms < opt.probe_retry_ms)
      return true;
  }
  return false;
}

void Detector::Impl::open_node_incident(int32_t k, bool power, int64_t now) {
  NodeState& n = nodes[static_cast<size_t>(k)];
  // Dark wins: a "degraded" incident of the node becomes the outage, its id and homes kept, and
  // is judged by the rules of its new cause from now on (a confirmed one stays confirmed).
  Slot* degraded = n.incident != 0 && n.degraded_incident ? slot(n.incident) : nullptr;
  Slot& s = degraded != nullptr ? *degraded : open_incident(Scope::kAccessNode, k, n.region, now);
  s.inc.cause = cause_name(power);
  n.join_power = power;
  if (degraded != nullptr) {
    s.since_ms = now;
    s.met_ms = 0;
    n.degraded_incident = false;
    n.join_after_ms = now - opt.window_ms;
    s.inc.notes.push_back(IncidentNote{now, "hearth", "Homes went dark: now an outage"});
    mark(s);
  }
  if (n.region >= 0) s.inc.parent_id = regions[static_cast<size_t>(n.region)].incident;
  // Its homes: the failures that were counted.
  gather.clear();
  int64_t start = 0;
  for (uint32_t pos = 0; pos < n.homes; ++pos) {
    const uint32_t i = node_homes[n.first + pos];
    const HomeState& h = homes[i];
    if ((h.incident != 0 && h.incident != s.inc.id) || h.suppressed) continue;
    const Failure f = failure(h, now);
    if (!f.failing || now - f.since > opt.window_ms) continue;
    const Why y = why(h, n, now);
    if (y == Why::kExplained || (y == Why::kPower && !power)) continue;
    gather.push_back(i);
    start = std::max(start, h.last_contact_ms);
  }
  for (uint32_t i : gather) add_to(s, i);
  if (degraded == nullptr || s.inc.start_ms == 0) s.inc.start_ms = start;
}

void Detector::Impl::walk_incident(Slot& s, int64_t now, uint32_t threshold, bool confirm_now,
                                   bool may_resolve, bool settled) {
  uint32_t affected = 0, failing = 0, hard = 0, gasps = 0, plant = 0, plant_hard = 0;
  const int64_t recovery_every = std::max(opt.recovery_probe_interval_ms, opt.probe_retry_ms);
  for (int32_t idx : s.idx) {
    if (idx < 0) continue;
    ++affected;
    const HomeState& h = homes[static_cast<size_t>(idx)];
    const Failure f = failure(h, now);
    if (!f.failing) continue;
    ++failing;
    if (f.hard) ++hard;
    if (h.gasp) {
      ++gasps;
    } else {
      ++plant;
      if (f.hard) ++plant_hard;
    }
    if (h.probeable && now - h.probe_ms >= recovery_every)
      recovery_probes.push_back(static_cast<uint32_t>(idx));
  }
  // Resolved when fewer than max(1, resolve_share * affected) homes remain dark (and fewer than
  // the threshold).
  const double keep = std::max(1.0, opt.resolve_share * affected);
  const bool back = static_cast<double>(failing) < keep && failing < threshold;
  bool confirm = false;
  if (s.inc.state == IncidentState::kSuspected) {
    // "power" while most of its dark homes sent a dying gasp; else "plant", where they do not
    // count.
    bool power = s.inc.cause == "power";
    if (power && gasps * 2 <= failing) {
      power = false;
      s.inc.cause = cause_name(false);
      if (s.node >= 0 && nodes[static_cast<size_t>(s.node)].incident == s.inc.id) {
        nodes[static_cast<size_t>(s.node)].join_power = false;
      }
      if (s.region >= 0 && regions[static_cast<size_t>(s.region)].incident == s.inc.id) {
        regions[static_cast<size_t>(s.region)].join_power = false;
      }
      mark(s);
    }
    const uint32_t counted = power ? failing : plant;
    const uint32_t counted_hard = power ? hard : plant_hard;
    const bool second_signal =
        counted > 0 && static_cast<double>(counted_hard) >= opt.confirm_probe_share * counted;
    const bool long_enough = now - s.since_ms >= opt.confirm_after_ms;
    confirm = confirm_now || (counted >= threshold && ((second_signal && settled) || long_enough));
  }
  settle_incident(s, confirm, opt.suspect_timeout_ms, back, may_resolve, failing, now);
}

void Detector::Impl::settle_incident(Slot& s, bool confirm, int64_t expire_after_ms, bool back,
                                     bool may_resolve, uint32_t failing, int64_t now) {
  if (s.inc.state == IncidentState::kSuspected) {
    if (confirm) {
      s.inc.state = IncidentState::kConfirmed;
      s.inc.confirmed_ms = now;
      mark(s);
    } else if (may_resolve && (back || now - s.since_ms >= expire_after_ms)) {
      resolve(s, now);
      return;
    }
  } else if (may_resolve && back) {
    resolve(s, now);
    return;
  }
  if (s.inc.unreachable != failing) {
    s.inc.unreachable = failing;
    mark(s);
  }
}

void Detector::Impl::decide_regions(int64_t now) {
  if (regions.empty()) return;
  auto touch = [&](int32_t k) -> RegionState& {
    RegionState& r = regions[static_cast<size_t>(k)];
    if (r.stamp != pass_no) {
      r.stamp = pass_no;
      r.plant = r.failing_nodes = r.open_children = r.confirmed_children = 0;
      touched_regions.push_back(k);
    }
    return r;
  };
  for (int64_t id : open_ids) {
    const Slot& s = incidents.at(id);
    // Degraded nodes do not make a region incident (an outage of homes that answer).
    if (s.inc.scope != Scope::kAccessNode || s.region < 0 || s.degraded()) continue;
    RegionState& r = touch(s.region);
    ++r.open_children;
    if (s.inc.state == IncidentState::kConfirmed) ++r.confirmed_children;
  }
  for (int32_t k : touched_regions) {
    RegionState& r = regions[static_cast<size_t>(k)];
    r.baseline = 0;
    // Failures spread thin: those of nodes without an incident of their own (a node that is
    // down already explains its homes; with a few strays elsewhere it is not a regional one).
    uint32_t spread_plant = 0, spread_nodes = 0;
    for (int32_t node : r.nodes) {
      const NodeState& n = nodes[static_cast<size_t>(node)];
      r.baseline += n.baseline;
      if (n.region_stamp == pass_no && n.incident == 0) {
        spread_plant += n.region_plant;
        ++spread_nodes;
      }
    }
    if (r.incident != 0) continue;
    const bool nodes_down = r.open_children >= opt.region_min_nodes;
    const bool spread = spread_plant >= region_threshold(r) && spread_nodes >= 2;
    if (nodes_down || spread) open_region_incident(k, now);
  }
  const std::vector<int64_t> open = open_ids;
  for (int64_t id : open) {
    Slot* s = slot(id);
    if (s == nullptr || !s->inc.open() || s->inc.scope != Scope::kRegion) continue;
    uint32_t children = 0, confirmed = 0;
    if (s->region >= 0) {
      const RegionState& r = regions[static_cast<size_t>(s->region)];
      if (r.stamp == pass_no) {
        children = r.open_children;
        confirmed = r.confirmed_children;
      }
      // Its access nodes' incidents are part of it.
      for (int64_t cid : open) {
        Slot* c = slot(cid);
        if (c == nullptr || c->inc.scope != Scope::kAccessNode || c->region != s->region ||
            !c->inc.open() || c->degraded())
          continue;
        if (c->inc.parent_id != id) {
          c->inc.parent_id = id;
          mark(*c);
        }
      }
    }
    const uint32_t thr = s->region >= 0 ? region_threshold(regions[static_cast<size_t>(s->region)])
                                        : threshold_for(s->inc.node_homes, 0);
    walk_incident(*s, now, thr, confirmed >= opt.region_min_nodes, children < opt.region_min_nodes,
                  true);
  }
}

void Detector::Impl::open_region_incident(int32_t k, int64_t now) {
  RegionState& r = regions[static_cast<size_t>(k)];
  Slot& s = open_incident(Scope::kRegion, -1, k, now);
  // Its homes: those of its nodes' incidents and its other failures in the window.
  gather.clear();
  for (int64_t id : open_ids) {
    const Slot& c = incidents.at(id);
    if (c.inc.scope != Scope::kAccessNode || c.region != k || c.degraded()) continue;
    for (int32_t idx : c.idx) {
      if (idx >= 0) gather.push_back(static_cast<uint32_t>(idx));
    }
  }
  for (int32_t node : r.nodes) {
    const NodeState& n = nodes[static_cast<size_t>(node)];
    for (uint32_t pos = 0; pos < n.homes; ++pos) {
      const uint32_t i = node_homes[n.first + pos];
      const HomeState& h = homes[i];
      if (h.incident != 0 || h.suppressed) continue;
      const Failure f = failure(h, now);
      if (f.failing && now - f.since <= opt.window_ms && why(h, n, now) == Why::kPlant)
        gather.push_back(i);
    }
  }
  std::sort(gather.begin(), gather.end());
  gather.erase(std::unique(gather.begin(), gather.end()), gather.end());
  int64_t start = 0;
  uint32_t gasps = 0;
  for (uint32_t i : gather) {
    start = std::max(start, homes[i].last_contact_ms);
    if (homes[i].gasp) ++gasps;
    add_to(s, i);
  }
  const bool power = gasps * 2 > gather.size();
  s.inc.cause = cause_name(power);
  s.inc.start_ms = start;
  r.join_after_ms = now - opt.window_ms;
  r.join_power = power;
}

void Detector::Impl::emit(Pass& pass, int64_t now) {
  uint32_t budget = opt.max_probes_per_pass;
  auto ask = [&](uint32_t i, ProbeKind kind) {
    HomeState& h = homes[i];
    if (budget == 0 || !h.probeable || now - h.probe_ms < opt.probe_retry_ms) return false;
    h.probe_ms = now;
    pass.probes.push_back(ProbeRequest{home_ids[i], kind});
    --budget;
    return true;
  };
  for (uint32_t i : recovery_probes) ask(i, ProbeKind::kRecovery);
  for (uint32_t i : suspect_probes) ask(i, ProbeKind::kSuspect);
  for (const auto& [i, node] : sentinel_probes) {
    if (ask(i, ProbeKind::kSentinel)) nodes[static_cast<size_t>(node)].sentinel_ms = now;
  }
  for (uint32_t i : wake_list) {
    if (i < homes.size() && homes[i].wake) {
      homes[i].wake = false;
      pass.wake.push_back(home_ids[i]);
    }
  }
  wake_list.clear();
  std::sort(dirty.begin(), dirty.end());
  for (int64_t id : dirty) {
    Slot* s = slot(id);
    if (s == nullptr) continue;
    s->dirty = false;
    s->inc.updated_ms = now;
    pass.changed.push_back(s->inc);
  }
  dirty.clear();
}

// Resolved incidents are forgotten a week after they ended (the store keeps them).
void Detector::Impl::prune(int64_t now) {
  if (now - last_prune_ms < 3'600'000) return;
  last_prune_ms = now;
  for (auto it = incidents.begin(); it != incidents.end();) {
    const Incident& inc = it->second.inc;
    if (!inc.open() && inc.resolved_ms < now - detail::kKeepResolvedMs) {
      it = incidents.erase(it);
    } else {
      ++it;
    }
  }
}

}  // namespace hearth::outage
