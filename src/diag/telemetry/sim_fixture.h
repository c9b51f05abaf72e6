// Test fixture of the simulated-home snapshot tests: a gateway of one vendor model rendering a
// hand-built home through the real simulator models, read as one telemetry GetParameterValues
// would read it, and lookups between the world and the snapshot.
#pragma once

#include <gtest/gtest.h>

#include <cctype>
#include <memory>
#include <string>
#include <vector>

#include "core/ids.h"
#include "diag/telemetry.h"
#include "sim/model/format.h"
#include "sim/model/model_test_support.h"
#include "sim/radio.h"

namespace hearth::diag::simtest {

namespace st = sim::model::testing;
using st::kHour;
using st::kMinute;
using st::kT0;

struct Gateway {
  explicit Gateway(uint8_t model, st::HomeSpec spec = {}) {
    spec.model = model;
    home = st::make_home(spec);
    dm = sim::make_data_model(home, sim::DataModelOptions{"http://acs.example/", 300, "", ""});
    dm->booted(kT0);
    const cwmp::DeviceIdStruct id = dm->device_id();
    device_id = make_device_id(id.oui, id.product_class, id.serial_number);
  }
  bool tr098() const { return dm->root() == "InternetGatewayDevice."; }
  // What one telemetry GetParameterValues answers.
  std::vector<cwmp::ParameterValue> read(int64_t t) const { return read(telemetry_paths(dm->root()), t); }
  // What a GetParameterValues of these paths (partial or full names) answers.
  std::vector<cwmp::ParameterValue> read(const std::vector<std::string>& paths, int64_t t) const {
    std::vector<cwmp::ParameterValue> out;
    for (const std::string& path : paths) {
      for (sim::Param& p : dm->parameters_under(path, t)) out.push_back({std::move(p.name), std::move(p.value), p.type});
    }
    return out;
  }
  HomeSnapshot snapshot(int64_t t) { return build_snapshot(device_id, dm->root(), read(t), t, counters); }
  void run(sim::DiagnosticKind kind, std::vector<cwmp::ParameterValue> inputs, int64_t t) {
    ASSERT_TRUE(dm->set(inputs, t).faults.empty());
    dm->complete_diagnostic(kind, t + dm->diagnostic_duration_ms(kind));
  }

  sim::Home home;
  std::unique_ptr<sim::DataModel> dm;
  std::string device_id;
  CounterState counters;
};

// A home with a wireless and a wired extender and stations on every node and band.
inline st::HomeSpec busy_home() {
  st::HomeSpec spec;
  spec.stations = 6;
  spec.extenders = 1;
  spec.wired_extenders = 1;
  return spec;
}

inline void put_on_extenders(sim::Home& h) {
  for (size_t i = 0; i < h.stations.size(); ++i) {
    if (i < 2) continue;  // two stay on the gateway
    sim::Station& s = h.stations[i];
    s.node = static_cast<uint8_t>(1 + i % 2);
    s.x_m = s.anchor_x_m = h.nodes[s.node].x_m + 1;
    s.y_m = s.anchor_y_m = h.nodes[s.node].y_m + 1;
  }
}

inline std::string mac(const sim::Mac& m) { return sim::model::mac_string(m, false); }

inline int node_of(const HomeSnapshot& s, const sim::Mac& m) {
  for (size_t i = 0; i < s.nodes.size(); ++i) {
    if (s.nodes[i].id == mac(m)) return static_cast<int>(i);
  }
  return -1;
}

inline const Station* station_of(const HomeSnapshot& s, const sim::Mac& m) {
  for (const Station& x : s.stations) {
    if (x.mac == mac(m)) return &x;
  }
  return nullptr;
}

// The width the world gives a node's radio (6 GHz: the gateway's own setting, 160 MHz at start).
inline uint8_t world_width(const sim::Node& n, sim::Band b) {
  return b == sim::Band::k2g ? n.width_2g_mhz : b == sim::Band::k5g ? n.width_5g_mhz : 160;
}

inline Band band_of(sim::Band b) { return static_cast<Band>(static_cast<int>(b)); }

inline bool associated(const sim::Home& h, const sim::Station& s) {
  const bool radio_on = s.band == sim::Band::k2g ? h.wifi.radio_enabled_2g : h.wifi.radio_enabled_5g;
  return s.connected && !s.wrong_password && h.nodes[s.node].online && radio_on;
}

// The model table's indexes, named after the product class in test names.
inline auto every_model() { return ::testing::Range<uint8_t>(0, static_cast<uint8_t>(sim::models().size())); }
inline std::string model_name(const ::testing::TestParamInfo<uint8_t>& param) {
  std::string name = sim::models()[param.param].product_class;
  for (char& c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  }
  return name;
}

}  // namespace hearth::diag::simtest
