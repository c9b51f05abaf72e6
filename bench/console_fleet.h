// A generated fleet for the console benchmarks (console_generate.cc): the homes, their
// subscribers and devices, and everything the agent's customer page and the operator's fleet
// dashboard read, as store write batches. Deterministic from the home number and the seed.
#pragma once

#include <cstdint>
#include <string>

#include "store/store.h"
#include "store_template.h"

namespace hearth::bench {

struct FleetShape {
  int64_t homes = 10'000;
  int64_t homes_per_node = 200;       // access nodes; 20 of them per region
  int64_t now_ms = 0;                 // "now": the end of the history
  int64_t days = 7;                   // hourly rollups, findings, tasks over this
  int64_t raw_hours = 48;             // raw samples over this (the diagnosis' raw retention)
  int64_t period_minutes = 5;         // telemetry period (the diagnosis' default interval)
  int64_t inform_minutes = 15;        // periodic Informs (events) over raw_hours
  size_t parameters = 300;            // parameters per device (from the tree template)
  uint64_t seed = 1;
};

// Subscriber, home, devices (1 gateway, 0..2 extenders), parameters, diagnosis, findings,
// telemetry, events, tasks and (some) tickets of home n; regions and nodes come with the first
// home of each. Returns how many devices the home has.
int add_home(const FleetShape& shape, const TreeTemplate& tree, int64_t n, store::WriteBatch* batch);

// The home's ids, as the benchmark looks them up.
std::string home_id(int64_t n);
std::string account_of(int64_t n);

}  // namespace hearth::bench
