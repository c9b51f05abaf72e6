// A scripted fleet for the detector tests: access nodes of homes whose gateways inform on their
// schedule unless dark, answer probes as they are (a dark one does not), and a Detector fed with
// all of it. Time is a number that step() advances; nothing sleeps.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "outage/detector.h"

namespace hearth::outage::testing {

inline constexpr int64_t kT0 = 1'767'225'600'000;  // 2026-01-01T00:00:00Z

struct FleetHome {
  std::string id;
  std::string node;
  int64_t interval_ms = 300'000;
  int64_t next_inform_ms = 0;
  bool dark = false;
  bool probeable = true;
};

struct AskedProbe {
  int64_t time_ms = 0;
  ProbeRequest probe;
};

class Fleet {
 public:
  explicit Fleet(OutageOptions options = {});

  // A node of `homes` homes named "<node>-h<i>" (i from 0).
  void add_node(const std::string& node, const std::string& region, int homes,
                bool probeable = true, int64_t interval_s = 300);
  // Gives the detector the topology, then every home informs once at a phase spread over its
  // interval; now() is then kT0 + the longest interval.
  void start();

  static std::string home(const std::string& node, int i) {
    return node + "-h" + std::to_string(i);
  }
  void darken(const std::string& node, int count, bool gasp = false);  // its first `count` homes
  void darken_home(const std::string& id, bool gasp = false, bool loss_of_signal = false);
  void light(const std::string& node);
  void light_home(const std::string& id);
  // The diagnosis reports the line of the node's first `count` homes (or of one home) degraded
  // since `since_ms` (0: now), or fine again.
  void degrade(const std::string& node, int count, int64_t since_ms = 0);
  void degrade_home(const std::string& id, int64_t since_ms = 0);
  void mend(const std::string& node);
  void mend_home(const std::string& id);

  // Advances by step_ms: due informs (with their own times), one pass, the probes answered at
  // once. Remembers the incidents the pass reported.
  Pass step(int64_t step_ms = 5'000);
  // Steps until done() holds (checked after each step) or max_ms passed; the time, or 0.
  int64_t run_until(const std::function<bool()>& done, int64_t max_ms, int64_t step_ms = 5'000);
  void run(int64_t ms, int64_t step_ms = 5'000);

  Detector& detector() { return detector_; }
  int64_t now() const { return now_; }
  void set_now(int64_t t) { now_ = t; }
  // The last form reported of every incident (by Pass::changed), by id.
  const std::map<int64_t, Incident>& seen() const { return seen_; }
  // Incidents of a node (or region, by its id) reported so far.
  std::vector<Incident> incidents_of(const std::string& node_or_region) const;
  const std::vector<AskedProbe>& probes() const { return probes_; }
  const std::vector<std::string>& woken() const { return woken_; }
  FleetHome& find(const std::string& id);
  bool answer_probes = true;

 private:
  Detector detector_;
  std::vector<TopologyNode> nodes_;
  std::vector<FleetHome> homes_;
  std::map<std::string, size_t> index_;
  std::map<int64_t, Incident> seen_;
  std::vector<AskedProbe> probes_;
  std::vector<std::string> woken_;
  int64_t now_ = kT0;
};

}  // namespace hearth::outage::testing
