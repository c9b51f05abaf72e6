// Internals of scenario.h shared by its files: a parsed request, the per-home activations it
// expands to, and the effects that set a scenario up in a home and take it down again.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/result.h"
#include "sim/fleet.h"
#include "sim/scenario.h"

namespace hearth::sim::scenario_detail {

// One entry of a scenario file or one command-line spec, with its targets resolved.
struct Request {
  std::string label;                // "scenario 2 (weak-coverage)": for error messages
  bool random = false;              // "random": a share of the homes, each with one of `types`
  ScenarioType type = ScenarioType::kHealthy;
  double share = 0;
  std::vector<ScenarioType> types;  // random only
  std::vector<uint32_t> homes;      // targets (random: the pool to draw from; empty = every home)
  int64_t start_ms = 0;
  int64_t end_ms = kNever;
  int64_t spread_ms = 0;            // starts spread uniformly over [start, start + spread]
};

Result<std::vector<Request>> parse_file(const std::string& text, const Fleet& fleet, int64_t start_ms);
Result<Request> parse_spec(const std::string& spec, const Fleet& fleet, int64_t start_ms);

// What an activation changed in its home, to put back at the end. Stations and nodes are found
// again by MAC and serial (indexes shift when other scenarios add or remove some).
struct StationSave {
  Mac mac;
  float anchor_x_m = 0, anchor_y_m = 0;
  uint8_t floor = 0;
  uint8_t extra_walls = 0;
  bool sticky = false;
  bool wrong_password = false;
};
struct NodeSave {
  std::string serial;
  float x_m = 0, y_m = 0;
  uint8_t floor = 0;
  uint8_t extra_walls = 0;
  bool wired_backhaul = false;
};
struct Undo {
  std::vector<StationSave> stations;
  std::vector<NodeSave> nodes;
  std::vector<Mac> added_stations;
  std::vector<std::string> added_nodes;  // serials
  std::vector<Mac> added_neighbours;     // BSSIDs
};

// One scenario at one home.
struct Activation {
  uint32_t home = 0;
  ScenarioType type = ScenarioType::kHealthy;
  int64_t start_ms = 0;
  int64_t end_ms = kNever;
  uint64_t seed = 0;
  bool started = false;
  bool ended = false;
  int64_t truth = -1;  // index into the truth list
  Undo undo;
};

// Helpers of the effects (scenario_helpers.cc).
float signal(const Home& home, const Station& s, uint8_t node, Band band);  // as the node hears it
StationSave save(const Station& s);
Station* find_station(Home& home, const Mac& mac);
int find_node(const Home& home, const std::string& serial);  // -1 when gone
void put(Station& s, float x, float y, uint8_t floor);       // its place and usual place
// Stations (not sticky, not failing to join) in the order a scenario prefers them: by
// rank_of_kind[kind], dual-band ones first if asked, ties broken by the seed.
std::vector<size_t> ranked(const Home& home, Rng& rng, const int rank_of_kind[6], bool dual_band_first = false);
void reassociate_all(Home& home, int64_t at_ms);
// The corner of the home (on any floor) farthest from every node: where coverage is worst.
void far_corner(const Home& home, float* x, float* y, uint8_t* floor);
void remove_node(Home& home, size_t index, int64_t at_ms);
// The extender farthest from the gateway, or a new one (recorded in the undo) when there is
// none; -1 when the home cannot take another node.
int pick_extender(Home& home, Activation& a);

// Sets up / takes down the world side of a scenario (stations, nodes, neighbours); `at_ms` is
// the scheduled time. Conditions are not touched here: see add_conditions.
void start_effect(Home& home, Activation& activation, int64_t at_ms);
void end_effect(Home& home, Activation& activation, int64_t at_ms);
// Adds the Home::cond flags and levels of one active scenario type.
void add_conditions(Conditions& cond, ScenarioType type);

// Scenario types a random entry may use when it names none.
std::vector<ScenarioType> default_random_types();
// Whether the type needs an extender to show (sticky-client, bad-extender-placement).
bool needs_extender(ScenarioType type);

}  // namespace hearth::sim::scenario_detail
