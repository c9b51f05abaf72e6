// Deterministic fleet generation: the same options and seed give the same fleet, byte for byte
// (own PRNG and distributions, no std:: distributions whose output varies by library).
#pragma once

#include <cstdint>
#include <cstddef>
#include <string>
#include <vector>

#include "sim/world.h"

namespace hearth::sim {

struct FleetOptions {
  uint32_t homes = 200;
  uint64_t seed = 1;
  uint32_t min_homes_per_access_node = 32;   // OLT port or DSLAM: 32 to 128 homes
  uint32_t max_homes_per_access_node = 128;
  uint32_t access_nodes_per_region = 8;
  // Size of the vendor model table (models.h): Node::model is drawn from [0, model_count).
  // Passed in so that generation does not depend on the table itself.
  uint32_t model_count = 4;
  // Optional, one per model ("00E0FC"): the first three bytes of that model's node MACs. Empty:
  // built-in prefixes.
  std::vector<std::string> model_ouis;
};

// Gateways whose flash fails to take a new firmware image (Home::flaky_flash): the homes with
// index % kFlakyFlashEvery == kFlakyFlashIndex, i.e. 5% of the fleet: home-000014, home-000034,
// home-000054, ... Derived from the index, not drawn, so that tests know them and the rest of the
// generated fleet does not change.
inline constexpr uint32_t kFlakyFlashEvery = 20;
inline constexpr uint32_t kFlakyFlashIndex = 13;

// Homes "home-000001".., accounts "1000001".., access nodes "an-01".. (32..128 homes each, at
// least 3 when there are 40 homes or more), regions "region-1".. (access_nodes_per_region each).
// Serials and MACs are unique across the fleet (up to about 349,000 homes).
Fleet generate_fleet(const FleetOptions& options);

// Memory a home holds: sizeof(Home) plus what its vectors and strings allocate.
size_t home_memory_bytes(const Home& home);

// Small deterministic PRNG (SplitMix64 seeding xoshiro256**) with the distributions we need.
class Rng {
 public:
  explicit Rng(uint64_t seed);
  uint64_t next();
  double uniform();                            // [0, 1)
  uint64_t below(uint64_t n);                  // [0, n), n > 0
  int64_t range(int64_t lo, int64_t hi);       // [lo, hi]
  double normal(double mean, double stddev);
  bool chance(double p);
 private:
  uint64_t s_[4];
};

}  // namespace hearth::sim
