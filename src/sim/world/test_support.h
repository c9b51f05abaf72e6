// Shared fixtures of the world tests: a model table stand-in and a fixed simulation start.
#pragma once

#include <cstdint>
#include <vector>

#include "sim/fleet.h"
#include "sim/models.h"
#include "sim/world.h"

namespace hearth::sim::testing {

// 2026-01-05T00:00:00Z, a Monday.
inline constexpr int64_t kMonday = 1'767'571'200'000;
inline constexpr int64_t kHour = 3'600'000;
inline constexpr int64_t kMinute = 60'000;

inline std::vector<ModelInfo> fake_models() {
  std::vector<ModelInfo> m(4);
  const char* names[4][3] = {{"Huawei Technologies Co., Ltd", "00E0FC", "HG8245Q2"},
                             {"ZTE Corporation", "344B50", "F680"},
                             {"AVM GmbH", "C80E14", "FRITZ!Box 7590"},
                             {"Sagemcom", "F4F26D", "FAST5670"}};
  for (int i = 0; i < 4; ++i) {
    m[i].manufacturer = names[i][0];
    m[i].oui = names[i][1];
    m[i].product_class = names[i][2];
  }
  return m;
}

inline Fleet small_fleet(uint32_t homes = 200, uint64_t seed = 1) {
  FleetOptions o;
  o.homes = homes;
  o.seed = seed;
  return generate_fleet(o);
}

}  // namespace hearth::sim::testing
