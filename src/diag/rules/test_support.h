// Hand-made homes for the rule tests: a healthy snapshot to start from, stations and radios to
// add, histories over time, and running one rule or the engine on them.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "diag/diagnosis.h"

namespace hearth::diag::testing {

inline constexpr int64_t kT0 = 1'767'571'200'000;  // 2026-01-05T00:00:00Z
inline constexpr int64_t kMinute = 60'000;

// A healthy home at time t: the gateway (node 0) with a 2.4 GHz and a 5 GHz radio, two stations
// with good signals and a little traffic, WAN up, memory and CPU fine.
HomeSnapshot healthy_home(int64_t t);
// A station with good defaults (Wi-Fi 6, good rates, little traffic) at this signal.
Station station(const std::string& mac, Band band, double signal_dbm, int node = 0);
// An extender (node index = nodes.size()) with a Wi-Fi backhaul at this signal, with radios.
int add_extender(HomeSnapshot& s, double backhaul_dbm);
Radio& radio(HomeSnapshot& s, int node, Band band);  // the radio of a node on a band
Station& find(HomeSnapshot& s, const std::string& mac);

// `n` snapshots, `step_ms` apart, ending at `end_ms`, each the healthy home changed by `edit`
// (called with the snapshot and its index, 0 the oldest).
std::vector<HomeSnapshot> history(int n, int64_t end_ms, int64_t step_ms,
                                  const std::function<void(HomeSnapshot&, int)>& edit);

HomeContext context();  // home "home-1", device "dev-1", plan 100/20 Mbit/s, online

// One rule's observations on a history (now = the newest snapshot's time, or `now_ms`).
std::vector<Observation> run_rule(const std::string& code, const std::vector<HomeSnapshot>& history,
                                  const HomeContext& ctx = context(), const DiagConfig& config = {},
                                  int64_t now_ms = 0);
// The observation of `code` about the entity `id`; nullptr when the rule said nothing (clear).
const Observation* observed(const std::vector<Observation>& obs, const std::string& id);

// What a rule says about one entity: "raise", "band" (neither) or "clear" (nothing said).
std::string verdict(const std::vector<Observation>& obs, const std::string& id);

}  // namespace hearth::diag::testing
