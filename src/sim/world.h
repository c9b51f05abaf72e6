// The simulated world as plain data: regions, access nodes, homes with their gateway, extenders,
// stations, Wi-Fi settings, WAN line and radio surroundings, and the faults injected into them.
// Pure data; the behaviour lives in fleet.h (generation), radio.h (physics), dynamics.h (time),
// scenario.h (fault injection), data_model.h (the CPE's view) and cpe.h (the protocol).
//
// Compactness matters: 50,000 homes must fit in well under 4 GB with everything else, so no
// per-home heap structure beyond these vectors and a few short strings.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace hearth::sim {

inline constexpr int64_t kNever = INT64_MAX;

enum class Band : uint8_t { k2g = 0, k5g = 1, k6g = 2 };
enum class StationKind : uint8_t { kPhone, kLaptop, kTablet, kTv, kConsole, kIot };

// MACs are unique across the fleet (fleet.h). A node's MAC has its low three bits zero: the
// node's radios and BSSIDs may use mac + 1 .. mac + 7.
struct Mac {
  std::array<uint8_t, 6> b{};
  std::string str() const;  // "aa:bb:cc:dd:ee:ff"
  Mac plus(uint8_t n) const;  // the address n above this one (last three bytes, wrapping)
  bool operator==(const Mac&) const = default;
};

// A Wi-Fi client in the home.
struct Station {
  Mac mac;
  StationKind kind = StationKind::kPhone;
  uint8_t wifi_generation = 5;  // 4 (802.11n), 5 (ac), 6 (ax)
  uint8_t spatial_streams = 2;  // 1..4
  bool dual_band = true;        // can use 5 GHz
  Band band = Band::k2g;        // band it is on now
  uint8_t node = 0;             // index into Home::nodes of the node it is associated with
  bool connected = true;        // associated now (stations come and go)
  bool sticky = false;          // does not roam to a better node by itself
  bool wrong_password = false;  // keeps failing to join (scenario)
  float x_m = 0, y_m = 0;       // position in the home, metres; nodes have positions too
  float anchor_x_m = 0, anchor_y_m = 0;  // its usual place; dynamics moves it a little around it
  uint8_t floor = 0;
  uint8_t extra_walls = 0;      // walls beyond what the distance implies
  float demand_mbps = 1;        // traffic it offers while connected (dynamics.h varies it)
  float min_demand_mbps = 0;    // scenario: keeps at least this busy (a streaming legacy client)
  int64_t associated_since_ms = 0;
  std::string hostname;         // "Annas-iPhone", "LivingRoom-TV"
};

// The gateway (index 0 in Home::nodes) or a mesh extender. Only the gateway speaks TR-069;
// extenders appear in its WiFi.DataElements and Hosts tables.
struct Node {
  bool gateway = false;
  uint8_t model = 0;            // index into the vendor model table (models.h)
  std::string serial;           // serial number (the gateway's is its CWMP identity)
  Mac mac;
  float x_m = 0, y_m = 0;
  uint8_t floor = 0;
  uint8_t extra_walls = 0;      // walls around it beyond what distances imply (bad placement)
  uint8_t channel_2g = 6;
  uint8_t channel_5g = 36;
  uint8_t width_2g_mhz = 20;
  uint8_t width_5g_mhz = 80;
  int8_t tx_power_dbm = 20;
  uint8_t backhaul_parent = 0;  // extenders: index of the node they connect to (0 = gateway)
  bool wired_backhaul = false;
  bool online = true;
};

struct Wan {
  enum class Access : uint8_t { kFiber, kDsl, kCable };
  Access access = Access::kFiber;
  uint32_t plan_down_kbps = 500000;
  uint32_t plan_up_kbps = 100000;
  float base_latency_ms = 8;
  float base_loss_pct = 0;
  uint32_t ipv4 = 0;            // the public address (host order)
};

struct WifiConfig {
  std::string ssid;
  std::string passphrase;
  bool guest_enabled = false;
  std::string guest_ssid;
  bool radio_enabled_2g = true;
  bool radio_enabled_5g = true;
  // The gateway steers dual-band stations to 5 GHz when their 5 GHz signal is fair (radio.h
  // best_association); without it they pick the band themselves.
  bool band_steering = false;
};

struct Neighbour {              // a BSS of a neighbouring network
  Mac bssid;
  std::string ssid;
  Band band = Band::k2g;
  uint8_t channel = 1;          // primary channel
  uint8_t width_mhz = 20;
  int8_t rssi_dbm = -80;
  float airtime = 0.1f;         // share of the channel's airtime it uses, 0..1
};

struct Environment {
  uint8_t density = 1;          // 0 rural, 1 suburban, 2 town, 3 dense city block
  float noise_floor_2g_dbm = -95;
  float noise_floor_5g_dbm = -100;
  std::vector<Neighbour> neighbours;
};

// Conditions a scenario injected and that are active now (scenario.h sets and clears them; the
// radio model, the data model and the CPE read them).
struct Conditions {
  bool wan_down = false;          // line down at this home (the CPE still reaches nobody)
  bool unreachable = false;       // access-node outage: no traffic to or from the ACS
  bool powered_off = false;       // power cut: the gateway is off
  bool crash_loop = false;        // firmware reboots by itself every few minutes
  bool memory_leak = false;       // free memory shrinks until it reboots
  bool dns_failure = false;       // DNS server does not answer
  float wan_speed_factor = 1;     // degraded WAN: share of the plan speed reached
  float wan_extra_latency_ms = 0;
  float wan_extra_loss_pct = 0;
  float extra_interference = 0;   // extra airtime taken by a non-Wi-Fi interferer on 2.4 GHz, 0..1
                                  // (it also raises the 2.4 GHz noise floor)
  bool operator==(const Conditions&) const = default;
};

struct Subscriber {
  std::string account;            // "1000042"
  std::string name;
  std::string email;
  std::string street;
  std::string postal_code;
  std::string city;
  std::string password;           // initial portal password (demo data only)
};

struct Home {
  uint32_t index = 0;             // position in Fleet::homes
  std::string id;                 // "home-000042": the same in the simulator, truth, import, API
  Subscriber subscriber;
  uint32_t access_node = 0;       // index into Fleet::access_nodes
  float size_x_m = 10, size_y_m = 8;  // footprint of the flat or house (origin in a corner)
  uint8_t floors = 1;             // storeys; positions use floor 0 .. floors - 1
  std::vector<Node> nodes;        // [0] is the gateway
  std::vector<Station> stations;
  Wan wan;
  WifiConfig wifi;
  Environment env;
  Conditions cond;
  uint64_t seed = 0;              // per-home randomness (dynamics.h)
  int64_t advanced_to_ms = 0;     // dynamics.h: the time the home's state describes
  // The gateway's flash fails to take a new firmware image: every firmware install ends in
  // TransferComplete fault 9010 and the old image keeps running. Set by generate_fleet for a
  // fixed share of the homes (fleet.h kFlakyFlashEvery).
  bool flaky_flash = false;
};

struct AccessNode {
  std::string id;                 // "an-03"
  std::string name;               // "OLT Nordstad 1/3"
  std::string kind;               // "olt-port" (fiber), "dslam" (DSL) or "cmts-node" (cable)
  uint32_t region = 0;            // index into Fleet::regions
  std::vector<uint32_t> homes;    // indexes into Fleet::homes
};

struct Region {
  std::string id;                 // "region-1"
  std::string name;
};

struct Fleet {
  uint64_t seed = 0;
  std::vector<Region> regions;
  std::vector<AccessNode> access_nodes;
  std::vector<Home> homes;
};

}  // namespace hearth::sim
