// Test fixtures of the data model tests: a home built by hand (no fleet generator), lookups in
// rendered trees, and the reference data models (BBF XML, the real Huawei capture).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "sim/data_model.h"
#include "sim/models.h"
#include "sim/world.h"

namespace hearth::sim::model::testing {

inline constexpr int64_t kT0 = 1'767'571'200'000;  // 2026-01-05T00:00:00Z
inline constexpr int64_t kMinute = 60'000;
inline constexpr int64_t kHour = 3'600'000;

// Indexes of the model table by kind.
uint8_t tr098_model();                 // the Huawei-like TR-098 gateway
uint8_t tr181_model();                 // a TR-181 gateway without 6 GHz
uint8_t tr181_6g_model();              // a TR-181 gateway with 6 GHz

struct HomeSpec {
  uint8_t model = 1;
  Wan::Access access = Wan::Access::kFiber;
  int stations = 4;        // alternate 2.4 / 5 GHz, on the gateway, 2 m apart
  int extenders = 1;       // wireless backhaul, 12 m from the gateway
  int wired_extenders = 0;
};

// A small home: gateway at (2, 2), stations near it, extenders further away, neighbours around.
Home make_home(const HomeSpec& spec = {});
Mac mac(uint8_t a, uint8_t b, uint8_t c);
Station make_station(uint8_t n, Band band, float x, float y);

// The value of one rendered parameter, or nullopt.
std::optional<std::string> value_of(const std::vector<Param>& params, const std::string& name);
// Names with every instance number replaced by "{i}" ("Device.WiFi.Radio.{i}.Channel").
std::string generic_name(const std::string& name);
// The instance numbers of the rows directly under a table ("Device.Hosts.Host.").
std::vector<uint32_t> instances(const std::vector<Param>& params, const std::string& table);

// A data model definition read from a BBF flattened XML (tr-181-2-17-0-cwmp-full.xml,
// tr-098-1-8-0-full.xml): generic names of objects and parameters, with base types.
struct Reference {
  std::set<std::string> objects;
  std::map<std::string, cwmp::ValueType> params;
  std::map<std::string, bool> writable;
};
Reference load_bbf(const std::string& file);
// The real capture (testdata/cwmp/*.csv) in the same form.
Reference load_capture(const std::string& file);

std::string shared_path(const std::string& relative);  // under /work/shared (or HEARTH_SHARED)

}  // namespace hearth::sim::model::testing
