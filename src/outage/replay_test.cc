// A simulated day at numeric time with the default options: 20,000 homes on 800 access nodes
// (5 to 60 homes each, regions of 10 nodes), every gateway informing every 300 s at its own phase
// with a little jitter, all probeable. 2 % of the homes fail once, on their own, at a random time
// of day for 2 minutes to 6 hours (a third of them power cuts with a dying gasp, the others
// silent line losses). Probes are answered by the model: a live gateway after 0.5 s, a dark one
// "unanswered" after a 3 s timeout. One pass every 5 s.
//
// Without anything else no incident may open. With five whole-node outages of 20 minutes on top,
// each is confirmed and resolved; the delays are printed (deterministic: a seeded model).
//
// WAN quality, as the diagnosis reports it: each gateway pings once an hour at its own phase, and
// a line is reported degraded (or fine again) 5 minutes after the first ping that shows it. Many
// lines are slow on their own: 3 % all day (found slow at the diagnosis' first look, onset
// unknown), on six "long copper" nodes 40 % of them; 10 % have one slow spell of 20 minutes to 6
// hours; 2 % are marginal and come and go all day. None of that may open an incident. Four
// degraded nodes (80 % of their lines slow for 3 hours) on top are confirmed and resolved.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <iostream>
#include <map>
#include <queue>
#include <random>
#include <set>

#include "outage/detector.h"

namespace hearth::outage {
namespace {

constexpr int64_t kT0 = 1'767'225'600'000;  // 2026-01-01T00:00:00Z
constexpr int64_t kSecond = 1'000;
constexpr int64_t kMinute = 60 * kSecond;
constexpr int64_t kHour = 60 * kMinute;
constexpr int64_t kInterval = 300 * kSecond;
constexpr int64_t kStep = 5 * kSecond;
constexpr int kNodes = 800;
constexpr int kHomes = 20'000;

struct NodeOutage {
  int node = 0;
  int64_t onset = 0;
  int64_t recovery = 0;
};

class DayReplay {
 public:
  explicit DayReplay(uint64_t seed) : rng_(seed) { build(); }

  // Whole-node outages of `length`, their onsets spread over the day: the largest node, the
  // smallest, then others at random.
  void add_node_outages(int count, int64_t length) {
    std::set<int> chosen;
    auto size = [&](int n) { return node_homes_[static_cast<size_t>(n)].size(); };
    for (int k = 0; k < count; ++k) {
      int node = 0;
      if (k < 2) {
        for (int n = 1; n < kNodes; ++n) {
          if (k == 0 ? size(n) > size(node) : size(n) < size(node)) node = n;
        }
      } else {
        do {
          node = static_cast<int>(rng_() % kNodes);
        } while (chosen.count(node) != 0);
      }
      chosen.insert(node);
      const int64_t onset =
          kT0 + (2 + 4 * k) * kHour + static_cast<int64_t>(rng_() % (30 * kMinute));
      outages_.push_back({node, onset, onset + length});
      for (uint32_t h : node_homes_[static_cast<size_t>(node)]) {
        push(onset, Kind::kDown, h, false);
        push(onset + length, Kind::kUp, h, false);
      }
    }
  }

  // Lines that are slow on their own (see the top of the file).
  void add_slow_lines() {
    std::uniform_real_distribution<double> u(0.0, 1.0);
    std::set<int> copper;
    while (copper.size() < 6) copper.insert(static_cast<int>(rng_() % kNodes));
    for (int n = 0; n < kNodes; ++n) {
      const double chronic = copper.count(n) != 0 ? 0.4 : 0.03;
      for (uint32_t h : node_homes_[static_cast<size_t>(n)]) {
        const double x = u(rng_);
        if (x < chronic) {
          push(report_after(h, kT0), Kind::kSlow, h, true);  // onset unknown
        } else if (x < chronic + 0.10) {
          const int64_t onset = kT0 + static_cast<int64_t>(u(rng_) * 24 * kHour);
          const double lo = std::log(20.0 * kMinute), hi = std::log(6.0 * kHour);
          slow_spell(h, onset, static_cast<int64_t>(std::exp(lo + u(rng_) * (hi - lo))));
        } else if (x < chronic + 0.12) {
          for (int64_t t = kT0 + static_cast<int64_t>(u(rng_) * 3 * kHour); t < kT0 + 24 * kHour;) {
            const auto length = static_cast<int64_t>((40 + u(rng_) * 80) * kMinute);
            slow_spell(h, t, length);
            t += length + static_cast<int64_t>((60 + u(rng_) * 180) * kMinute);
          }
        }
      }
    }
  }

  // Nodes with 80 % of their lines slow for `length`, onsets spread over the day: nodes of 20
  // homes or more.
  void add_degraded_nodes(int count, int64_t length) {
    std::uniform_real_distribution<double> u(0.0, 1.0);
    for (int k = 0; k < count; ++k) {
      int node = 0;
      do {
        node = static_cast<int>(rng_() % kNodes);
      } while (node_homes_[static_cast<size_t>(node)].size() < 20 ||
               degraded_set_.count(node) != 0);
      degraded_set_.insert(node);
      const int64_t onset =
          kT0 + (3 + 5 * k) * kHour + static_cast<int64_t>(rng_() % (30 * kMinute));
      degraded_.push_back({node, onset, onset + length});
      for (uint32_t h : node_homes_[static_cast<size_t>(node)]) {
        if (u(rng_) < 0.8) slow_spell(h, onset, length);
      }
    }
  }

  void run() {
    for (int64_t now = kT0 + kInterval; now <= kT0 + 24 * kHour; now += kStep) {
      while (!queue_.empty() && queue_.top().t <= now) {
        const Event e = queue_.top();
        queue_.pop();
        handle(e);
      }
      Pass pass = detector_.evaluate(now);
      ++passes_;
      for (const ProbeRequest& p : pass.probes) {
        const uint32_t h = index_.at(p.home_id);
        const bool live = dark_[h] == 0;
        push(now + (live ? 500 : 3 * kSecond), Kind::kAnswer, h, live);
        ++probes_[static_cast<size_t>(p.kind)];
      }
      for (const Incident& i : pass.changed) incidents_[i.id] = i;
    }
  }

  const std::map<int64_t, Incident>& incidents() const { return incidents_; }
  const std::vector<NodeOutage>& outages() const { return outages_; }
  const std::vector<NodeOutage>& degraded_nodes() const { return degraded_; }
  const std::string& node_id(int node) const { return nodes_[static_cast<size_t>(node)].id; }
  // Probes asked, in all and by kind.
  uint64_t probes() const { return probes_[0] + probes_[1] + probes_[2]; }
  std::string probe_kinds() const {
    return std::to_string(probes_[static_cast<size_t>(ProbeKind::kSentinel)]) + " sentinel, " +
           std::to_string(probes_[static_cast<size_t>(ProbeKind::kSuspect)]) + " suspect, " +
           std::to_string(probes_[static_cast<size_t>(ProbeKind::kRecovery)]) + " recovery";
  }
  uint64_t passes() const { return passes_; }
  int individual_failures() const { return individual_; }
  uint64_t slow_reports() const { return slow_reports_; }

 private:
  enum class Kind : uint8_t { kInform, kBoot, kAnswer, kDown, kUp, kSlow, kFine };
  struct Event {
    int64_t t;
    uint64_t seq;
    Kind kind;
    uint32_t home;
    bool flag;  // kAnswer: reachable; kDown/kUp: a power cut (dying gasp, boot on return);
                // kSlow: onset unknown
    bool operator>(const Event& o) const { return t != o.t ? t > o.t : seq > o.seq; }
  };

  void push(int64_t t, Kind kind, uint32_t home, bool flag) {
    queue_.push(Event{t, seq_++, kind, home, flag});
  }

  // When the diagnosis reports what a line did at t: 5 minutes after its next hourly ping.
  int64_t next_ping(uint32_t h, int64_t t) const {
    const int64_t phase = ping_phase_[h];
    return t + ((phase - t) % kHour + kHour) % kHour;
  }
  int64_t report_after(uint32_t h, int64_t t) const { return next_ping(h, t) + 5 * kMinute; }

  // A slow spell of a line: reported slow after the first ping in it (since that ping), and fine
  // after the first ping after it. A spell between two pings goes unnoticed.
  void slow_spell(uint32_t h, int64_t onset, int64_t length) {
    const int64_t seen = next_ping(h, onset);
    if (seen >= onset + length) return;
    push(seen + 5 * kMinute, Kind::kSlow, h, false);
    push(report_after(h, onset + length), Kind::kFine, h, false);
  }

  int64_t jitter() { return static_cast<int64_t>(rng_() % 4001) - 2000; }  // +-2 s

  void build() {
    // Node sizes 5..60, most of them small, adjusted to 20,000 homes in all.
    std::uniform_real_distribution<double> u(0.0, 1.0);
    std::vector<int> sizes(kNodes);
    int total = 0;
    for (int& s : sizes) {
      const double x = u(rng_);
      s = 5 + static_cast<int>(55.0 * x * x);
      total += s;
    }
    while (total != kHomes) {
      int& s = sizes[rng_() % kNodes];
      if (total > kHomes && s > 5) {
        --s;
        --total;
      } else if (total < kHomes && s < 60) {
        ++s;
        ++total;
      }
    }
    std::vector<TopologyHome> homes;
    node_homes_.resize(kNodes);
    for (int n = 0; n < kNodes; ++n) {
      nodes_.push_back({"an-" + std::to_string(n), "region-" + std::to_string(n / 10)});
      for (int i = 0; i < sizes[static_cast<size_t>(n)]; ++i) {
        const auto h = static_cast<uint32_t>(homes.size());
        homes.push_back({"home-" + std::to_string(h), nodes_.back().id});
        index_[homes.back().id] = h;
        node_homes_[static_cast<size_t>(n)].push_back(h);
      }
    }
    detector_.set_topology(nodes_, homes);
    ids_.reserve(homes.size());
    for (const TopologyHome& h : homes) {
      ids_.push_back(h.id);
      detector_.set_probeable(h.id, true);
    }
    dark_.assign(homes.size(), 0);
    slow_.assign(homes.size(), 0);
    ping_phase_.resize(homes.size());
    for (int64_t& p : ping_phase_) p = static_cast<int64_t>(rng_() % static_cast<uint64_t>(kHour));
    nominal_.assign(homes.size(), 0);
    for (uint32_t h = 0; h < homes.size(); ++h) {
      nominal_[h] = kT0 + static_cast<int64_t>(rng_() % static_cast<uint64_t>(kInterval));
      push(nominal_[h] + jitter(), Kind::kInform, h, false);
    }
    // 2 % of the homes fail once, on their own.
    std::vector<uint32_t> all(homes.size());
    for (uint32_t h = 0; h < all.size(); ++h) all[h] = h;
    std::shuffle(all.begin(), all.end(), rng_);
    individual_ = static_cast<int>(all.size() / 50);
    for (int k = 0; k < individual_; ++k) {
      const uint32_t h = all[static_cast<size_t>(k)];
      const int64_t onset =
          kT0 + kInterval + static_cast<int64_t>(u(rng_) * (24 * kHour - kInterval));
      // Lengths log-uniform between 2 minutes and 6 hours: many short, a few long.
      const double lo = std::log(2.0 * kMinute), hi = std::log(6.0 * kHour);
      const auto length = static_cast<int64_t>(std::exp(lo + u(rng_) * (hi - lo)));
      const bool power = k % 3 == 0;
      push(onset, Kind::kDown, h, power);
      push(onset + length, Kind::kUp, h, power);
    }
  }

  void handle(const Event& e) {
    const std::string& id = ids_[e.home];
    switch (e.kind) {
      case Kind::kInform:
        if (dark_[e.home] == 0) detector_.inform(id, e.t, kInterval / kSecond, true);
        nominal_[e.home] += kInterval;
        push(nominal_[e.home] + jitter(), Kind::kInform, e.home, false);
        break;
      case Kind::kBoot:  // back from a power cut: the gateway booted and says so
        if (dark_[e.home] == 0)
          detector_.inform(id, e.t, kInterval / kSecond, false, e.t - 40 * kSecond);
        break;
      case Kind::kAnswer:
        detector_.probe_result(id, e.flag, e.t);
        break;
      case Kind::kDown:
        ++dark_[e.home];
        if (e.flag) detector_.line_event(id, LineKind::kDyingGasp, e.t);
        break;
      case Kind::kUp:
        --dark_[e.home];
        if (e.flag && dark_[e.home] == 0) push(e.t + 90 * kSecond, Kind::kBoot, e.home, false);
        break;
      case Kind::kSlow:  // overlapping spells: slow from the first, fine after the last
        if (slow_[e.home]++ == 0) {
          detector_.wan_quality(id, true, e.flag ? 0 : e.t - 5 * kMinute, e.t);
          ++slow_reports_;
        }
        break;
      case Kind::kFine:
        if (--slow_[e.home] == 0) detector_.wan_quality(id, false, 0, e.t);
        break;
    }
  }

  std::mt19937_64 rng_;
  Detector detector_;
  std::vector<TopologyNode> nodes_;
  std::vector<std::vector<uint32_t>> node_homes_;
  std::vector<std::string> ids_;
  std::map<std::string, uint32_t> index_;
  std::vector<int> dark_;
  std::vector<int> slow_;
  std::vector<int64_t> ping_phase_;
  std::set<int> degraded_set_;
  std::vector<NodeOutage> degraded_;
  uint64_t slow_reports_ = 0;
  std::vector<int64_t> nominal_;
  std::priority_queue<Event, std::vector<Event>, std::greater<>> queue_;
  uint64_t seq_ = 0;
  std::vector<NodeOutage> outages_;
  std::map<int64_t, Incident> incidents_;
  uint64_t probes_[3] = {0, 0, 0};
  uint64_t passes_ = 0;
  int individual_ = 0;
};

TEST(ReplayTest, IndependentFailuresOverADayOpenNoIncident) {
  DayReplay day(20260101);
  day.run();
  std::cout << "replay: " << day.passes() << " passes, " << day.individual_failures()
            << " independent failures, " << day.probes() << " probes (" << day.probe_kinds()
            << "), " << day.incidents().size() << " incidents\n";
  EXPECT_EQ(day.individual_failures(), 400);
  for (const auto& [id, i] : day.incidents()) {
    ADD_FAILURE() << "incident " << id << " on "
                  << (i.access_node_id.empty() ? i.region_id : i.access_node_id) << ": "
                  << incident_state_name(i.state) << ", " << i.homes.size() << " homes";
  }
}

TEST(ReplayTest, WholeNodeOutagesAreConfirmedAndResolvedWithinAMinute) {
  DayReplay day(20260102);
  day.add_node_outages(5, 20 * kMinute);
  day.run();
  double confirm_sum = 0, resolve_sum = 0;
  int64_t confirm_max = 0, resolve_max = 0;
  std::set<std::string> outage_nodes;
  for (const NodeOutage& o : day.outages()) {
    const std::string& node = day.node_id(o.node);
    outage_nodes.insert(node);
    const Incident* found = nullptr;
    for (const auto& [id, i] : day.incidents()) {
      if (i.scope == Scope::kAccessNode && i.access_node_id == node && i.confirmed_ms >= o.onset)
        found = &i;
    }
    ASSERT_NE(found, nullptr) << "outage of " << node << " not confirmed";
    EXPECT_EQ(found->state, IncidentState::kResolved) << node;
    EXPECT_EQ(found->homes.size(), found->node_homes) << node;
    EXPECT_LE(found->start_ms, o.onset) << node;
    const int64_t confirm = found->confirmed_ms - o.onset;
    const int64_t resolve = found->resolved_ms - o.recovery;
    std::cout << "replay: " << node << " (" << found->node_homes << " homes) confirmed after "
              << confirm / 1000.0 << " s, resolved " << resolve / 1000.0 << " s after recovery\n";
    EXPECT_LT(confirm, 120 * kSecond) << node;
    EXPECT_GE(resolve, 0) << node;
    EXPECT_LT(resolve, 120 * kSecond) << node;
    confirm_sum += static_cast<double>(confirm);
    resolve_sum += static_cast<double>(resolve);
    confirm_max = std::max(confirm_max, confirm);
    resolve_max = std::max(resolve_max, resolve);
  }
  const double n = static_cast<double>(day.outages().size());
  std::cout << "replay: confirm delay mean " << confirm_sum / n / 1000.0 << " s, max "
            << confirm_max / 1000.0 << " s; resolve delay mean " << resolve_sum / n / 1000.0
            << " s, max " << resolve_max / 1000.0 << " s; " << day.probes() << " probes\n";
  // Nothing else opened.
  for (const auto& [id, i] : day.incidents()) {
    EXPECT_TRUE(i.scope == Scope::kAccessNode && outage_nodes.count(i.access_node_id) == 1)
        << "incident " << id << " on "
        << (i.access_node_id.empty() ? i.region_id : i.access_node_id);
  }
}

TEST(ReplayTest, IndependentlySlowLinesOpenNoIncident) {
  DayReplay day(20260103);
  day.add_slow_lines();
  day.run();
  std::cout << "replay: " << day.slow_reports() << " slow-line reports, "
            << day.incidents().size() << " incidents\n";
  EXPECT_GT(day.slow_reports(), 2'000u);
  for (const auto& [id, i] : day.incidents()) {
    ADD_FAILURE() << "incident " << id << " on "
                  << (i.access_node_id.empty() ? i.region_id : i.access_node_id) << ": "
                  << i.cause << ", " << incident_state_name(i.state) << ", " << i.homes.size()
                  << " homes";
  }
}

TEST(ReplayTest, DegradedNodesAreConfirmedAndResolvedAmongSlowLines) {
  DayReplay day(20260104);
  day.add_slow_lines();
  day.add_degraded_nodes(4, 3 * kHour);
  day.run();
  std::set<std::string> degraded_nodes;
  for (const NodeOutage& o : day.degraded_nodes()) {
    const std::string& node = day.node_id(o.node);
    degraded_nodes.insert(node);
    const Incident* found = nullptr;
    for (const auto& [id, i] : day.incidents()) {
      if (i.access_node_id == node && i.confirmed_ms >= o.onset) found = &i;
    }
    ASSERT_NE(found, nullptr) << "degraded node " << node << " not confirmed";
    EXPECT_EQ(found->cause, "degraded") << node;
    EXPECT_EQ(found->state, IncidentState::kResolved) << node;
    EXPECT_EQ(found->unreachable, 0u) << node;
    const int64_t confirm = found->confirmed_ms - o.onset;
    const int64_t resolve = found->resolved_ms - o.recovery;
    std::cout << "replay: degraded " << node << " (" << found->node_homes << " homes, "
              << found->homes.size() << " in the incident) confirmed after " << confirm / kMinute
              << " min, resolved " << resolve / kMinute << " min after recovery\n";
    EXPECT_LT(confirm, 75 * kMinute) << node;
    EXPECT_GE(resolve, 0) << node;
    EXPECT_LT(resolve, 75 * kMinute) << node;
  }
  for (const auto& [id, i] : day.incidents()) {
    EXPECT_TRUE(i.scope == Scope::kAccessNode && degraded_nodes.count(i.access_node_id) == 1)
        << "incident " << id << " on "
        << (i.access_node_id.empty() ? i.region_id : i.access_node_id) << " (" << i.cause << ")";
  }
}

}  // namespace
}  // namespace hearth::outage
