// Test fixtures of the optimiser tests: a gateway with a 2.4 and a 5 GHz radio (TR-181 paths),
// optional extender radios, neighbours and stations, and the times of the test calendar.
#pragma once

#include <set>
#include <string>
#include <vector>

#include "diag/optimiser.h"

namespace hearth::diag::testing {

inline constexpr int64_t kMinute = 60'000;
inline constexpr int64_t kHour = 60 * kMinute;
inline constexpr int64_t kDay = 24 * kHour;
// 2026-01-05T00:00:00Z; with the default utc_offset_minutes (60) the quiet window 02-05 local is
// 01:00-04:00 UTC.
inline constexpr int64_t kT0 = 1'767'571'200'000;
inline constexpr int64_t kNight = kT0 + 90 * kMinute;  // 02:30 local
inline constexpr int64_t kNoon = kT0 + 11 * kHour;     // 12:00 local

inline const std::vector<int> kEu24 = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13};
inline const std::vector<int> kEu5 = {36,  40,  44,  48,  52,  56,  60,  64,  100, 104,
                                      108, 112, 116, 120, 124, 128, 132, 136, 140};

inline Radio radio(const std::string& id, const std::string& path, Band band, int channel,
                   int width, std::vector<int> possible) {
  Radio r;
  r.id = id;
  r.path = path;
  r.band = band;
  r.channel = channel;
  r.width_mhz = width;
  r.possible_channels = std::move(possible);
  return r;
}

// The gateway "gw" with 2.4 GHz on 6 (20 MHz) and 5 GHz on 36 (80 MHz), EU channel lists.
inline HomeSnapshot home() {
  HomeSnapshot s;
  s.device_id = "dev-1";
  s.root = "Device.";
  s.nodes.push_back(Node{"gw", true});
  s.radios.push_back(radio("gw/2.4GHz", "Device.WiFi.Radio.1.", Band::k2g, 6, 20, kEu24));
  s.radios.push_back(radio("gw/5GHz", "Device.WiFi.Radio.2.", Band::k5g, 36, 80, kEu5));
  return s;
}

// An extender "ext" (node 1) with a radio on the band; extenders' radios have no path.
inline void add_extender_radio(HomeSnapshot& s, Band band, int channel, int width) {
  if (s.nodes.size() < 2) s.nodes.push_back(Node{"ext", false, 0, "wifi"});
  Radio r = radio(std::string("ext/") + (band == Band::k2g ? "2.4GHz" : "5GHz"), "", band, channel,
                  width, {});
  r.node = 1;
  s.radios.push_back(r);
}

inline NeighbourBss bss(Band band, int channel, double dbm, int width = 20) {
  NeighbourBss n;
  n.band = band;
  n.channel = channel;
  n.width_mhz = width;
  n.signal_dbm = dbm;
  return n;
}

// Channel 6 crowded by three strong neighbours, 1 and 11 free.
inline std::vector<NeighbourBss> crowded_6() {
  return {bss(Band::k2g, 6, -55), bss(Band::k2g, 6, -58), bss(Band::k2g, 7, -60)};
}

inline Station station(Band band, double dbm, int generation, double mbps = 0) {
  Station s;
  s.mac = "aa:bb:cc:00:00:01";
  s.band = band;
  s.signal_dbm = dbm;
  s.generation = generation;
  s.down_mbps = mbps;
  s.up_mbps = 0;
  return s;
}

// One home's optimiser as the service keeps it: config, state, log, pins.
struct Loop {
  OptimiserConfig config;
  OptimiserState state;
  std::vector<OptimisationLogEntry> log;
  std::set<std::string> pinned;
  std::string steering_path;
  std::vector<OptimiserAction> run(const HomeSnapshot& snap, const std::vector<NeighbourBss>& scan,
                                   int64_t scan_ms, int64_t now_ms) {
    return optimise(snap, scan, scan_ms, pinned, steering_path, config, state, now_ms, log);
  }
  const OptimiserRadioState* radio(const std::string& id) const {
    for (const auto& r : state.radios) {
      if (r.radio_id == id) return &r;
    }
    return nullptr;
  }
};

// The snapshot after the gateway's 2.4 GHz radio moved to `channel`.
inline HomeSnapshot home_on(int channel) {
  HomeSnapshot s = home();
  s.radios[0].channel = channel;
  return s;
}

}  // namespace hearth::diag::testing
