#include "outage/test_fleet.h"

#include <algorithm>
#include <random>
#include <stdexcept>

namespace hearth::outage::testing {

Fleet::Fleet(OutageOptions options) : detector_(options) {}

void Fleet::add_node(const std::string& node, const std::string& region, int homes, bool probeable,
                     int64_t interval_s) {
  nodes_.push_back({node, region});
  for (int i = 0; i < homes; ++i) {
    FleetHome h;
    h.id = home(node, i);
    h.node = node;
    h.interval_ms = interval_s * 1000;
    h.probeable = probeable;
    index_[h.id] = homes_.size();
    homes_.push_back(std::move(h));
  }
}

void Fleet::start() {
  std::vector<TopologyHome> topology;
  for (const FleetHome& h : homes_) topology.push_back({h.id, h.node});
  detector_.set_topology(nodes_, topology);
  int64_t longest = 0;
  for (const FleetHome& h : homes_) {
    detector_.set_probeable(h.id, h.probeable);
    longest = std::max(longest, h.interval_ms);
  }
  // Phases from a fixed seed, informs in time order.
  std::mt19937_64 rng(7);
  std::vector<std::pair<int64_t, size_t>> first;
  for (size_t k = 0; k < homes_.size(); ++k) {
    const int64_t phase =
        static_cast<int64_t>(rng() % static_cast<uint64_t>(homes_[k].interval_ms));
    first.emplace_back(kT0 + phase, k);
  }
  std::sort(first.begin(), first.end());
  for (const auto& [t, k] : first) {
    detector_.inform(homes_[k].id, t, homes_[k].interval_ms / 1000, true);
    homes_[k].next_inform_ms = t + homes_[k].interval_ms;
  }
  now_ = kT0 + longest;
}

FleetHome& Fleet::find(const std::string& id) {
  auto it = index_.find(id);
  if (it == index_.end()) throw std::out_of_range("no home " + id);
  return homes_[it->second];
}

void Fleet::darken(const std::string& node, int count, bool gasp) {
  int n = 0;
  for (FleetHome& h : homes_) {
    if (h.node != node || n >= count) continue;
    ++n;
    darken_home(h.id, gasp);
  }
}

void Fleet::darken_home(const std::string& id, bool gasp, bool loss_of_signal) {
  find(id).dark = true;
  if (gasp) detector_.line_event(id, LineKind::kDyingGasp, now_);
  if (loss_of_signal) detector_.line_event(id, LineKind::kLossOfSignal, now_);
}

void Fleet::light(const std::string& node) {
  for (FleetHome& h : homes_) {
    if (h.node == node) h.dark = false;
  }
}

void Fleet::light_home(const std::string& id) {
  find(id).dark = false;
}

void Fleet::degrade(const std::string& node, int count, int64_t since_ms) {
  int n = 0;
  for (const FleetHome& h : homes_) {
    if (h.node != node || n >= count) continue;
    ++n;
    degrade_home(h.id, since_ms);
  }
}

void Fleet::degrade_home(const std::string& id, int64_t since_ms) {
  detector_.wan_quality(find(id).id, true, since_ms != 0 ? since_ms : now_, now_);
}

void Fleet::mend(const std::string& node) {
  for (const FleetHome& h : homes_) {
    if (h.node == node) mend_home(h.id);
  }
}

void Fleet::mend_home(const std::string& id) {
  detector_.wan_quality(find(id).id, false, 0, now_);
}

Pass Fleet::step(int64_t step_ms) {
  now_ += step_ms;
  std::vector<std::pair<int64_t, size_t>> due;
  for (size_t k = 0; k < homes_.size(); ++k) {
    FleetHome& h = homes_[k];
    while (h.next_inform_ms <= now_) {
      if (!h.dark) due.emplace_back(h.next_inform_ms, k);
      h.next_inform_ms += h.interval_ms;
    }
  }
  std::sort(due.begin(), due.end());
  for (const auto& [t, k] : due)
    detector_.inform(homes_[k].id, t, homes_[k].interval_ms / 1000, true);
  Pass pass = detector_.evaluate(now_);
  for (const ProbeRequest& p : pass.probes) {
    probes_.push_back({now_, p});
    if (answer_probes) detector_.probe_result(p.home_id, !find(p.home_id).dark, now_);
  }
  for (const std::string& w : pass.wake) woken_.push_back(w);
  for (const Incident& i : pass.changed) seen_[i.id] = i;
  return pass;
}

int64_t Fleet::run_until(const std::function<bool()>& done, int64_t max_ms, int64_t step_ms) {
  const int64_t end = now_ + max_ms;
  while (now_ < end) {
    step(step_ms);
    if (done()) return now_;
  }
  return 0;
}

void Fleet::run(int64_t ms, int64_t step_ms) {
  const int64_t end = now_ + ms;
  while (now_ < end) step(step_ms);
}

std::vector<Incident> Fleet::incidents_of(const std::string& node_or_region) const {
  std::vector<Incident> out;
  for (const auto& [id, i] : seen_) {
    if (i.scope == Scope::kAccessNode ? i.access_node_id == node_or_region
                                      : i.region_id == node_or_region) {
      out.push_back(i);
    }
  }
  return out;
}

}  // namespace hearth::outage::testing
