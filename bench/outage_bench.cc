// outage_bench: the cost of one regional-outage detector pass (outage::Detector::evaluate).
//
//   outage_bench [--homes N] [--nodes M] [--regions R] [--passes P] [--step-ms S] [--seed X]
//
// Realistic state: N homes placed at random on M access nodes in R regions, every gateway
// informing every 300 s at its own phase, all probeable, about 0.3 % of the homes dark for long
// (their probes failed), and a few whole-node outages that begin during the run. Between passes
// (S ms of simulated time apart) the informs that fell due are fed and the probes the previous
// pass asked for are answered; only evaluate() is timed. The baseline, measured in the same run,
// is a plain loop that reads each home's last contact time once: the least any pass must do.
// Prints one line: homes, nodes, passes, median and max ms per pass, baseline ms and the ratio.
#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <random>
#include <string>
#include <unordered_set>
#include <vector>

#include "outage/detector.h"

namespace {

using namespace hearth;
using Clock = std::chrono::steady_clock;

constexpr int64_t kT0 = 1'767'225'600'000;  // 2026-01-01T00:00:00Z
constexpr int64_t kInterval = 300'000;
constexpr int kNodeOutages = 5;

double ms_since(Clock::time_point t0) {
  return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v.empty() ? 0.0 : v[v.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"outage_bench: the regional-outage detector's pass time"};
  uint32_t homes = 1'000'000, nodes = 20'000, regions = 500;
  int passes = 50;
  int64_t step_ms = 2'000;
  uint64_t seed = 1;
  app.add_option("--homes", homes, "homes (default 1000000)")->check(CLI::Range(1u, 20'000'000u));
  app.add_option("--nodes", nodes, "access nodes (default 20000)")
      ->check(CLI::Range(1u, 1'000'000u));
  app.add_option("--regions", regions, "regions (default 500)")->check(CLI::Range(1u, 1'000'000u));
  app.add_option("--passes", passes, "timed passes (default 50)")->check(CLI::Range(1, 100'000));
  app.add_option("--step-ms", step_ms, "simulated time between passes (default 2000)")
      ->check(CLI::Range(int64_t{100}, int64_t{60'000}));
  app.add_option("--seed", seed, "random seed (default 1)");
  CLI11_PARSE(app, argc, argv);

  std::mt19937_64 rng(seed);
  const auto build_start = Clock::now();
  // ---- topology ----
  std::vector<outage::TopologyNode> tnodes(nodes);
  for (uint32_t n = 0; n < nodes; ++n) {
    tnodes[n] = {"an-" + std::to_string(n), "region-" + std::to_string(n % regions)};
  }
  std::vector<outage::TopologyHome> thomes(homes);
  std::vector<uint32_t> node_of(homes);
  for (uint32_t h = 0; h < homes; ++h) {
    node_of[h] = static_cast<uint32_t>(rng() % nodes);
    thomes[h] = {"home-" + std::to_string(h), tnodes[node_of[h]].id};
  }
  outage::Detector detector;
  detector.set_topology(tnodes, thomes);
  for (const auto& h : thomes) detector.set_probeable(h.id, true);

  // ---- every gateway informs once, in phase order ----
  std::vector<int64_t> phase(homes);
  for (auto& p : phase) p = static_cast<int64_t>(rng() % kInterval);
  std::vector<uint32_t> by_phase(homes);
  for (uint32_t h = 0; h < homes; ++h) by_phase[h] = h;
  std::sort(by_phase.begin(), by_phase.end(),
            [&](uint32_t a, uint32_t b) { return phase[a] < phase[b]; });
  // About 0.3 % dark for long: last heard hours ago, their probes failed since.
  std::vector<uint8_t> dark(homes, 0);
  for (auto& d : dark) d = rng() % 1000 < 3 ? 1 : 0;
  std::vector<int64_t> last_contact(homes, 0);
  for (uint32_t h : by_phase) {
    if (dark[h] == 0) continue;
    last_contact[h] = kT0 - 6 * 3'600'000 + phase[h];
    detector.inform(thomes[h].id, last_contact[h], kInterval / 1000, true);
    detector.probe_result(thomes[h].id, false, last_contact[h] + kInterval + 60'000);
  }
  for (uint32_t h : by_phase) {
    if (dark[h] != 0) continue;
    last_contact[h] = kT0 + phase[h];
    detector.inform(thomes[h].id, last_contact[h], kInterval / 1000, true);
  }
  int64_t now = kT0 + kInterval;
  // A few whole-node outages, beginning a little after the timed passes start.
  std::unordered_set<uint32_t> outage_nodes;
  while (outage_nodes.size() < std::min<uint32_t>(kNodeOutages, nodes))
    outage_nodes.insert(static_cast<uint32_t>(rng() % nodes));
  const int64_t outage_at = now + 5 * step_ms;
  const double build_ms = ms_since(build_start);

  // ---- timed passes ----
  std::vector<double> pass_ms, base_ms;
  size_t cursor = 0;  // next home in phase order to inform
  int64_t cycle = kT0 + kInterval;
  uint64_t probes = 0;
  size_t open = 0;
  std::vector<outage::ProbeRequest> pending;
  volatile int64_t sink = 0;
  for (int p = 0; p < passes + 1; ++p) {  // the first pass warms up and is not counted
    const int64_t prev = now;
    now += step_ms;
    if (prev < outage_at && now >= outage_at) {
      for (uint32_t h = 0; h < homes; ++h) {
        if (outage_nodes.count(node_of[h]) != 0) dark[h] = 1;
      }
    }
    for (const auto& probe : pending) {
      const auto h = static_cast<uint32_t>(std::stoul(probe.home_id.substr(5)));
      detector.probe_result(probe.home_id, dark[h] == 0, prev);
      if (dark[h] == 0) last_contact[h] = prev;
    }
    // Informs due in (prev, now], in phase order.
    while (true) {
      if (cursor == by_phase.size()) {
        cursor = 0;
        cycle += kInterval;
      }
      const uint32_t h = by_phase[cursor];
      const int64_t t = cycle + phase[h];
      if (t > now) break;
      if (dark[h] == 0) {
        detector.inform(thomes[h].id, t, kInterval / 1000, true);
        last_contact[h] = t;
      }
      ++cursor;
    }

    auto t0 = Clock::now();
    outage::Pass pass = detector.evaluate(now);
    const double ms = ms_since(t0);
    pending = std::move(pass.probes);
    probes += pending.size();

    // The baseline: read every home's last contact once (count the overdue ones).
    t0 = Clock::now();
    int64_t overdue = 0;
    const int64_t limit = now - kInterval - 30'000;
    for (int64_t c : last_contact) overdue += c < limit ? 1 : 0;
    sink = sink + overdue;
    const double base = ms_since(t0);
    if (p > 0) {
      pass_ms.push_back(ms);
      base_ms.push_back(base);
    }
  }
  open = detector.open_incidents().size();
  const double med = median(pass_ms);
  const double worst = *std::max_element(pass_ms.begin(), pass_ms.end());
  const double base = median(base_ms);
  std::fprintf(stderr,
               "outage_bench: built in %.0f ms; %llu probes asked; %zu incidents open at the end\n",
               build_ms, static_cast<unsigned long long>(probes), open);
  std::printf(
      "outage_bench homes=%u nodes=%u passes=%d pass_ms_median=%.2f pass_ms_max=%.2f "
      "baseline_ms=%.2f ratio=%.1f\n",
      homes, nodes, passes, med, worst, base, base > 0 ? med / base : 0.0);
  return 0;
}
