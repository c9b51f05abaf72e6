// Generation of one home (fleet.cc calls it per home): the pieces, each drawing from the home's
// own Rng so that a home depends only on the fleet seed and its index. Internal to the library.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "sim/fleet.h"
#include "sim/world.h"
#include "sim/world/names.h"

namespace hearth::sim::gen {

struct HomeContext {
  uint32_t index = 0;
  uint64_t fleet_seed = 0;
  uint8_t density = 1;                 // Environment::density
  Wan::Access access = Wan::Access::kFiber;
  const names::Town* town = nullptr;
  uint32_t model_count = 4;
  const std::vector<std::string>* model_ouis = nullptr;  // optional, one per model
};

Home build_home(const HomeContext& ctx);

// Pieces of build_home, in the order it calls them.
void generate_environment(Home& home, Rng& rng);
void generate_stations(Home& home, Rng& rng, const std::vector<std::string>& household);
void choose_channels(Home& home, Rng& rng);

// Fleet-unique identities. Node slots 0..3 per home (the MAC keeps its low three bits for the
// node's radios), station slots 0..47 (generation uses 0..39, scenarios 40..47).
using Oui = std::array<uint8_t, 3>;
Oui node_oui(uint32_t model, const std::vector<std::string>* model_ouis);
Mac node_mac(const Oui& oui, uint32_t home_index, uint32_t slot);
Mac station_mac(const Oui& oui, uint32_t home_index, uint32_t slot);
Oui station_oui(StationKind kind, uint64_t pick);
std::string serial_prefix(uint32_t model, uint64_t fleet_seed);
std::string node_serial(std::string_view prefix, uint32_t home_index, uint32_t slot);
inline constexpr uint32_t kSerialDigits = 8;

// A free node slot in the home (0..3) not used by its nodes' serials; 4 when all are taken.
uint32_t free_node_slot(const Home& home);

// Pick one of a list.
template <typename T>
const T& pick(Rng& rng, std::span<const T> items) {
  return items[rng.below(items.size())];
}

}  // namespace hearth::sim::gen
