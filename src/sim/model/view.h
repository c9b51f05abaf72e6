// One render call's view of the world: the home, the gateway's model and state, and the time,
// with the facts both data model roots derive from them (which stations are associated where,
// their links and traffic, radio utilisation, WAN status and counters, memory and CPU). Radio
// model results are computed at most once per call and only when asked for, so a single-name
// lookup pays only for what it needs.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sim/models.h"
#include "sim/model/failed_joins.h"
#include "sim/model/format.h"
#include "sim/model/state.h"
#include "sim/radio.h"
#include "sim/world.h"

namespace hearth::sim::model {

// Instance tables of dynamic rows (state.h): hosts, the gateway's per-band associated devices,
// and DataElements stations per node and band.
inline constexpr size_t kHostsTable = 0;
inline size_t assoc_table(Band b) { return 1 + static_cast<size_t>(b); }
inline size_t sta_table(uint8_t node, Band b) { return 4 + size_t{node} * 6 + static_cast<size_t>(b); }
inline size_t unassoc_table(uint8_t node, Band b) { return sta_table(node, b) + 3; }

// The access line as the gateway's modem sees it (DSL sync, optical levels).
struct LineFacts {
  bool up = false;
  uint32_t down_kbps = 0, up_kbps = 0;          // current sync rate
  uint32_t down_max_kbps = 0, up_max_kbps = 0;  // attainable
  int32_t down_margin = 0, up_margin = 0;       // 0.1 dB
  int32_t down_atten = 0, up_atten = 0;         // 0.1 dB
  int32_t optical_rx = 0, optical_tx = 0;       // 0.001 dBm
};

class View {
 public:
  View(const Home& home, const ModelInfo& model, const DeviceState& state, int64_t now_ms);

  const Home& home;
  const ModelInfo& model;
  const DeviceState& st;
  const int64_t now;

  // ---- radios ----
  bool node_has_band(uint8_t node, Band b) const;   // the node's model has that radio
  bool radio_enabled(Band b) const;                 // WifiConfig (6 GHz: the device's switch)
  bool node_radio_up(uint8_t node, Band b) const;   // online, has it, enabled
  uint8_t channel(uint8_t node, Band b) const;
  uint8_t width(uint8_t node, Band b) const;
  const Utilisation& util(uint8_t node, Band b) const;
  float radio_noise_dbm(Band b) const;

  // ---- stations ----
  // Connected, not failing to join, on an online node whose radio for its band is up.
  bool associated(const Station& s) const;
  const LinkMetrics& link(size_t station) const;
  int64_t associated_since_ms(const Station& s) const;  // not before the gateway's boot
  uint64_t station_down_bytes(const Station& s) const;  // sent to the station since association
  uint64_t station_up_bytes(const Station& s) const;
  // Rows (in instance order) of the stations associated with `node` on `band`.
  const std::vector<InstanceTable::Row>& station_rows(size_t table, uint8_t node, Band b) const;
  // Rows of the stations on `band` associated with other nodes (heard by `node`, not joined).
  const std::vector<InstanceTable::Row>& other_rows(size_t table, uint8_t node, Band b) const;
  // Rows of the hosts: associated stations (index < stations.size()) and online extenders
  // (index - stations.size() is the node).
  const std::vector<InstanceTable::Row>& host_rows() const;
  // What one of those rows stands for: a station, or an extender (node) with its link.
  struct HostEntity {
    bool is_station = false;
    uint8_t node = 0;                 // the extender, for a node row
    const Station* station = nullptr; // the station, for a station row
    bool wired = false;               // an extender on Ethernet backhaul
    Band band = Band::k5g;            // the band of a Wi-Fi link
  };
  HostEntity host_entity(const InstanceTable::Row& row) const;
  // The failed joins of stations with the wrong passphrase, brought up to now.
  const FailedJoinLog& failed_joins() const;

  // ---- device ----
  uint64_t uptime_s() const;
  bool wan_up() const;
  std::string wan_ip() const;                    // empty while the line is down
  std::string wan_gateway_ip() const;
  uint32_t memory_free_kb() const;
  uint32_t cpu_percent() const;
  const WanCounters& wan_counters() const;       // advanced to now
  LineFacts line() const;
  std::string iso(int64_t ms) const;             // dateTime text
  const std::string& now_iso() const;            // iso(now), formatted once per call
  std::string lan_ip(uint8_t octet) const { return "192.168.1." + std::to_string(octet); }
  std::string mac(const Mac& m) const { return mac_string(m, model.tr098); }

 private:
  mutable std::vector<std::optional<LinkMetrics>> links_;
  mutable std::vector<std::optional<Utilisation>> utils_;
  mutable std::vector<std::pair<Mac, uint16_t>> scratch_;
  mutable std::string now_iso_;
};

}  // namespace hearth::sim::model
