// The Detector's interface outside its pass: signals, topology, restored incidents, operator
// actions and lookups. See detector.h; the internals are in detector_state.cc.
#include <algorithm>

#include "outage/detector_impl.h"

namespace hearth::outage {

using detail::kNever;

// ---------------------------------------------------------------- the public interface

Detector::Detector(OutageOptions options) : impl_(std::make_unique<Impl>(options)) {}
Detector::~Detector() = default;
Detector::Detector(Detector&&) noexcept = default;
Detector& Detector::operator=(Detector&&) noexcept = default;

const OutageOptions& Detector::options() const {
  return impl_->opt;
}

void Detector::set_options(const OutageOptions& options) {
  impl_->opt = options;
  for (uint32_t i = 0; i < impl_->homes.size(); ++i) impl_->refresh_watch(i);
}

void Detector::set_topology(const std::vector<TopologyNode>& nodes,
                            const std::vector<TopologyHome>& homes) {
  Impl& d = *impl_;
  // Nodes (their baselines and sentinel state kept); regions are rebuilt from the nodes.
  std::vector<detail::NodeState> old_nodes = std::move(d.nodes);
  std::unordered_map<std::string, int32_t> old_node_index = std::move(d.node_index);
  d.nodes.clear();
  d.node_index.clear();
  d.regions.clear();
  d.region_index.clear();
  for (const TopologyNode& tn : nodes) {
    auto [it, added] = d.node_index.try_emplace(tn.id, static_cast<int32_t>(d.nodes.size()));
    if (added) {
      auto old = old_node_index.find(tn.id);
      d.nodes.push_back(old != old_node_index.end()
                            ? std::move(old_nodes[static_cast<size_t>(old->second)])
                            : detail::NodeState{});
      d.nodes.back().id = tn.id;
      d.nodes.back().homes = 0;
      d.nodes.back().incident = 0;
      d.nodes.back().stamp = 0;
      d.nodes.back().region_stamp = 0;
    }
    d.nodes[static_cast<size_t>(it->second)].region = d.region_for(tn.region_id);
  }
  // Homes (their state kept).
  std::vector<std::string> old_ids = std::move(d.home_ids);
  std::vector<detail::HomeState> old_homes = std::move(d.homes);
  std::unordered_map<std::string, uint32_t> old_index = std::move(d.home_index);
  d.home_ids.clear();
  d.homes.clear();
  d.home_index.clear();
  d.home_ids.reserve(homes.size());
  d.homes.reserve(homes.size());
  d.home_index.reserve(homes.size());
  for (const TopologyHome& th : homes) {
    auto [it, added] = d.home_index.try_emplace(th.id, static_cast<uint32_t>(d.homes.size()));
    if (added) {
      auto old = old_index.find(th.id);
      d.homes.push_back(old != old_index.end() ? old_homes[old->second] : detail::HomeState{});
      d.home_ids.push_back(th.id);
    }
    detail::HomeState& h = d.homes[it->second];
    auto n = d.node_index.find(th.access_node_id);
    h.node = th.access_node_id.empty() || n == d.node_index.end() ? -1 : n->second;
  }
  d.watch.assign(d.homes.size(), kNever);
  d.wake_list.clear();
  for (uint32_t i = 0; i < d.homes.size(); ++i) {
    const detail::HomeState& h = d.homes[i];
    if (h.node >= 0) ++d.nodes[static_cast<size_t>(h.node)].homes;
    if (h.wake) d.wake_list.push_back(i);
    d.refresh_watch(i);
  }
  d.rebuild_degraded_list();
  d.layout_dirty = true;
  d.rebind_incidents();
}

void Detector::put_node(const TopologyNode& node) {
  impl_->node_for(node);
}

void Detector::put_home(const TopologyHome& home) {
  Impl& d = *impl_;
  const uint32_t i = d.add_home(home.id);
  auto n = d.node_index.find(home.access_node_id);
  const int32_t node = home.access_node_id.empty() || n == d.node_index.end() ? -1 : n->second;
  d.place(i, node);
}

void Detector::remove_home(const std::string& home_id) {
  Impl& d = *impl_;
  const uint32_t* found = d.find_home(home_id);
  if (found == nullptr) return;
  const uint32_t i = *found;
  d.place(i, -1);
  // Its incidents keep its id without an index; the last home moves into its place.
  auto reindex = [&](uint32_t home, int32_t to) {
    const detail::HomeState& h = d.homes[home];
    for (int64_t id : {h.incident, h.region_incident}) {
      detail::Slot* s = id != 0 ? d.slot(id) : nullptr;
      if (s == nullptr) continue;
      for (int32_t& idx : s->idx) {
        if (idx == static_cast<int32_t>(home)) idx = to;
      }
    }
  };
  reindex(i, -1);
  const auto last = static_cast<uint32_t>(d.homes.size() - 1);
  if (i != last) {
    reindex(last, static_cast<int32_t>(i));
    d.homes[i] = d.homes[last];
    d.watch[i] = d.watch[last];
    d.home_ids[i] = std::move(d.home_ids[last]);
    d.home_index[d.home_ids[i]] = i;
  }
  d.homes.pop_back();
  d.watch.pop_back();
  d.home_ids.pop_back();
  d.home_index.erase(home_id);
  d.wake_list.clear();
  for (uint32_t k = 0; k < d.homes.size(); ++k) {
    if (d.homes[k].wake) d.wake_list.push_back(k);
  }
  d.rebuild_degraded_list();
  d.layout_dirty = true;
}

size_t Detector::home_count() const {
  return impl_->homes.size();
}
size_t Detector::node_count() const {
  return impl_->nodes.size();
}

void Detector::set_probeable(const std::string& home_id, bool probeable) {
  if (const uint32_t* i = impl_->find_home(home_id)) impl_->homes[*i].probeable = probeable;
}

void Detector::inform(const std::string& home_id, int64_t now_ms, int64_t interval_s, bool periodic,
                      int64_t wan_up_since_ms) {
  Impl& d = *impl_;
  const uint32_t* i = d.find_home(home_id);
  if (i == nullptr) return;
  detail::HomeState& h = d.homes[*i];
  h.interval_ms = std::max<int64_t>(0, interval_s) * 1000;
  if (periodic) h.last_periodic_ms = std::max(h.last_periodic_ms, now_ms);
  d.heard(*i, now_ms, false, wan_up_since_ms);
}

void Detector::probe_result(const std::string& home_id, bool reachable, int64_t now_ms) {
  Impl& d = *impl_;
  const uint32_t* i = d.find_home(home_id);
  if (i == nullptr) return;
  if (reachable) {
    d.heard(*i, now_ms, true, 0);
    return;
  }
  detail::HomeState& h = d.homes[*i];
  if (now_ms < h.last_contact_ms) return;  // it spoke since
  if (h.fail_ms == 0) h.fail_ms = now_ms;
  d.refresh_watch(*i);
}

void Detector::line_event(const std::string& home_id, LineKind kind, int64_t time_ms) {
  Impl& d = *impl_;
  const uint32_t* i = d.find_home(home_id);
  if (i == nullptr) return;
  detail::HomeState& h = d.homes[*i];
  if (kind == LineKind::kRestored) {
    if (d.failure(h, time_ms).failing) h.line_up_ms = std::max(h.line_up_ms, time_ms);
    return;
  }
  if (time_ms < h.last_contact_ms) return;  // it spoke since
  h.fail_ms = h.fail_ms != 0 ? std::min(h.fail_ms, time_ms) : time_ms;
  if (kind == LineKind::kDyingGasp) h.gasp = true;
  d.refresh_watch(*i);
}

void Detector::restart_expected(const std::string& home_id, int64_t now_ms) {
  if (const uint32_t* i = impl_->find_home(home_id)) {
    impl_->homes[*i].restart_ms = std::max(impl_->homes[*i].restart_ms, now_ms);
  }
}

void Detector::wan_quality(const std::string& home_id, bool degraded, int64_t since_ms,
                           int64_t now_ms) {
  Impl& d = *impl_;
  const uint32_t* i = d.find_home(home_id);
  if (i == nullptr) return;
  if (degraded) {
    // An unknown onset is long ago: it must not add up with others (nor be mistaken for "fine").
    d.set_degraded(*i, since_ms > 0 ? std::min(since_ms, now_ms) : 1);
  } else {
    d.set_fine(*i, now_ms);
  }
}

void Detector::set_maintenance(std::vector<Maintenance> windows) {
  impl_->maintenance = std::move(windows);
}

void Detector::restore(std::vector<Incident> incidents, int64_t next_id) {
  Impl& d = *impl_;
  int64_t largest = 0;
  for (Incident& inc : incidents) {
    if (inc.id <= 0) continue;
    largest = std::max(largest, inc.id);
    if (auto* old = d.slot(inc.id); old != nullptr && old->inc.open()) {
      d.release_homes(*old, d.last_eval_ms);
      d.drop_open(inc.id);
    }
    std::sort(inc.homes.begin(), inc.homes.end());
    inc.homes.erase(std::unique(inc.homes.begin(), inc.homes.end()), inc.homes.end());
    detail::Slot s;
    s.inc = std::move(inc);
    s.idx.assign(s.inc.homes.size(), -1);
    s.restored = s.inc.open();
    s.since_ms = s.inc.suspected_ms;
    const int64_t id = s.inc.id;
    const bool open = s.inc.open();
    d.incidents[id] = std::move(s);
    if (open) d.open_ids.push_back(id);
  }
  std::sort(d.open_ids.begin(), d.open_ids.end());
  d.next_id = std::max({d.next_id, next_id, largest + 1});
  d.rebind_incidents();
  // Their homes are dark until heard from again, whatever was heard before the restart.
  for (int64_t id : d.open_ids) {
    detail::Slot& s = d.incidents.at(id);
    if (!s.restored || s.degraded()) continue;  // the homes of a degraded area answer
    for (int32_t idx : s.idx) {
      if (idx < 0) continue;
      detail::HomeState& h = d.homes[static_cast<size_t>(idx)];
      if (h.presumed_ms == 0) {
        h.presumed_ms =
            s.inc.start_ms != 0 ? s.inc.start_ms : std::max<int64_t>(s.inc.suspected_ms, 1);
      }
      d.refresh_watch(static_cast<uint32_t>(idx));
    }
  }
}

std::optional<std::vector<Incident>> Detector::close(int64_t id, const std::string& author,
                                                     int64_t now_ms) {
  Impl& d = *impl_;
  detail::Slot* s = d.slot(id);
  if (s == nullptr || !s->inc.open()) return std::nullopt;
  s->inc.closed_by_operator = true;
  s->inc.notes.push_back(IncidentNote{now_ms, author, "Closed"});
  d.resolve(*s, now_ms);
  return std::vector<Incident>{s->inc};
}

std::optional<std::vector<Incident>> Detector::merge(int64_t from, int64_t into,
                                                     const std::string& author, int64_t now_ms) {
  Impl& d = *impl_;
  if (from == into) return std::nullopt;
  detail::Slot* f = d.slot(from);
  detail::Slot* t = d.slot(into);
  if (f == nullptr || t == nullptr || !f->inc.open() || !t->inc.open()) return std::nullopt;
  // The homes move: out of `from` (still-dark ones not counted again until they return), into
  // `into`.
  const std::vector<std::string> ids = f->inc.homes;
  const std::vector<int32_t> idx = f->idx;
  f->inc.unreachable = d.count_failing(*f, now_ms);
  f->inc.end_ms = d.end_of(*f);
  d.release_homes(*f, now_ms);
  d.drop_open(from);
  for (size_t k = 0; k < ids.size(); ++k) d.add_to(*t, ids[k], idx[k]);
  f->inc.state = IncidentState::kResolved;
  f->inc.resolved_ms = now_ms;
  f->inc.merged_into = into;
  f->inc.updated_ms = now_ms;
  t->inc.unreachable = d.count_failing(*t, now_ms);
  t->inc.notes.push_back(IncidentNote{now_ms, author, "Merged incident " + std::to_string(from)});
  t->inc.updated_ms = now_ms;
  // Incidents that were part of `from` become part of `into` when it is a region's.
  std::vector<int64_t> children;
  for (auto& [cid, c] : d.incidents) {
    if (c.inc.parent_id != from || !c.inc.open()) continue;
    c.inc.parent_id = t->inc.scope == Scope::kRegion && cid != into ? into : 0;
    c.inc.updated_ms = now_ms;
    if (cid != into) children.push_back(cid);
  }
  std::vector<Incident> changed{t->inc, f->inc};
  for (int64_t cid : children) changed.push_back(d.incidents.at(cid).inc);
  return changed;
}

std::optional<Incident> Detector::set_etr(int64_t id, int64_t etr_ms, int64_t now_ms) {
  detail::Slot* s = impl_->slot(id);
  if (s == nullptr || !s->inc.open()) return std::nullopt;
  s->inc.etr_ms = etr_ms;
  s->inc.updated_ms = now_ms;
  return s->inc;
}

std::optional<Incident> Detector::set_title(int64_t id, const std::string& title, int64_t now_ms) {
  detail::Slot* s = impl_->slot(id);
  if (s == nullptr) return std::nullopt;
  s->inc.title = title;
  s->inc.updated_ms = now_ms;
  return s->inc;
}

std::optional<Incident> Detector::add_note(int64_t id, IncidentNote note) {
  detail::Slot* s = impl_->slot(id);
  if (s == nullptr) return std::nullopt;
  s->inc.updated_ms = std::max(s->inc.updated_ms, note.time_ms);
  s->inc.notes.push_back(std::move(note));
  return s->inc;
}

std::optional<Incident> Detector::incident(int64_t id) const {
  const detail::Slot* s = impl_->slot(id);
  if (s == nullptr) return std::nullopt;
  return s->inc;
}

std::vector<Incident> Detector::open_incidents() const {
  std::vector<Incident> out;
  for (int64_t id : impl_->open_ids) out.push_back(impl_->incidents.at(id).inc);
  std::sort(out.begin(), out.end(),
            [](const Incident& a, const Incident& b) { return a.id < b.id; });
  return out;
}

Pass Detector::evaluate(int64_t now_ms) {
  return impl_->evaluate(now_ms);
}

std::optional<HomeOutage> Detector::home_outage(const std::string& home_id, int64_t now_ms) const {
  const Impl& d = *impl_;
  const uint32_t* i = d.find_home(home_id);
  if (i == nullptr) return std::nullopt;
  const detail::HomeState& h = d.homes[*i];
  // The incident: confirmed before suspected, the node's before its region's.
  const detail::Slot* best = nullptr;
  for (int64_t id : {h.incident, h.region_incident}) {
    const detail::Slot* s = id != 0 ? d.slot(id) : nullptr;
    if (s == nullptr || !s->inc.open()) continue;
    if (best == nullptr || (s->inc.state == IncidentState::kConfirmed &&
                            best->inc.state != IncidentState::kConfirmed)) {
      best = s;
    }
  }
  // The maintenance: one under way, else the next to start within 7 days.
  const Maintenance* window = nullptr;
  if (h.node >= 0) {
    const detail::NodeState& n = d.nodes[static_cast<size_t>(h.node)];
    const std::string* region =
        n.region >= 0 ? &d.regions[static_cast<size_t>(n.region)].id : nullptr;
    for (const Maintenance& m : d.maintenance) {
      const bool covers = (!m.access_node_id.empty() && m.access_node_id == n.id) ||
                          (!m.region_id.empty() && region != nullptr && m.region_id == *region);
      if (!covers || m.end_ms <= now_ms || m.start_ms > now_ms + detail::kMaintenanceLookaheadMs)
        continue;
      if (window == nullptr) {
        window = &m;
        continue;
      }
      const bool active = m.start_ms <= now_ms;
      const bool best_active = window->start_ms <= now_ms;
      if ((active && !best_active) || (active == best_active && m.start_ms < window->start_ms))
        window = &m;
    }
  }
  if (best == nullptr && window == nullptr) return std::nullopt;
  HomeOutage out;
  if (best != nullptr) {
    out.incident_id = best->inc.id;
    out.state = best->inc.state;
    out.cause = best->inc.cause;
    out.since_ms = best->inc.start_ms != 0 ? best->inc.start_ms : best->inc.suspected_ms;
    out.etr_ms = best->inc.etr_ms;
    out.title = best->inc.title;
  } else {
    out.cause = "maintenance";
    out.since_ms = window->start_ms;
    out.etr_ms = window->end_ms;
  }
  if (window != nullptr) out.maintenance = *window;
  return out;
}

double Detector::baseline(const std::string& access_node_id) const {
  auto it = impl_->node_index.find(access_node_id);
  return it == impl_->node_index.end() ? 0.0
                                       : impl_->nodes[static_cast<size_t>(it->second)].baseline;
}

uint32_t Detector::threshold(const std::string& access_node_id) const {
  auto it = impl_->node_index.find(access_node_id);
  if (it == impl_->node_index.end()) return 0;
  return impl_->node_threshold(impl_->nodes[static_cast<size_t>(it->second)]);
}

double Detector::degraded_baseline(const std::string& access_node_id) const {
  auto it = impl_->node_index.find(access_node_id);
  return it == impl_->node_index.end()
             ? 0.0
             : impl_->nodes[static_cast<size_t>(it->second)].degraded_baseline;
}

uint32_t Detector::degraded_threshold(const std::string& access_node_id) const {
  auto it = impl_->node_index.find(access_node_id);
  if (it == impl_->node_index.end()) return 0;
  return impl_->node_degraded_threshold(impl_->nodes[static_cast<size_t>(it->second)]);
}

size_t Detector::degraded_homes() const {
  return impl_->degraded_list.size();
}

}  // namespace hearth::outage
