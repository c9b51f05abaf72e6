// What a simulated gateway keeps itself, beyond the Home it renders: written values, added table
// instances, ManagementServer defaults, boot time, WAN counters, diagnostics, and the instance
// numbers of dynamic rows (stations, hosts), which must stay the same while a row stays.
// Compact: most of it is empty for most of the 50,000 devices.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "sim/world.h"

namespace hearth::sim::model {

struct DiagnosticsStore;  // diagnostics.h
class FailedJoinLog;     // failed_joins.h

// Rows keyed by MAC with instance numbers that stay while the key stays present. New keys get
// numbers above every number given since the last clear (a boot), like real CPE stacks.
class InstanceTable {
 public:
  struct Row {
    Mac key;
    uint32_t instance = 0;
    uint16_t index = 0;  // position of the key's owner (station or node) at the last sync
  };
  // Makes the rows match `present` (key, owner index): missing keys are dropped, new ones added.
  void sync(const std::vector<std::pair<Mac, uint16_t>>& present);
  const std::vector<Row>& rows() const { return rows_; }
  const Row* find(uint32_t instance) const;
  void clear();

 private:
  std::vector<Row> rows_;
  uint32_t next_ = 1;
};

// Tables added with AddObject: which instances exist (their values live in the written map).
struct AddedTable {
  std::string path;              // "Device.NAT.PortMapping."
  uint32_t first_free = 1;       // the next instance number to hand out
  std::vector<uint32_t> instances;
};

struct NodeRadioDefaults {
  uint8_t channel_2g = 6, channel_5g = 36, width_2g = 20, width_5g = 80;
  int8_t tx_power_dbm = 20;
};

struct WanCounters {
  int64_t last_ms = INT64_MIN;
  uint64_t rx_bytes = 0, tx_bytes = 0;
};

struct DeviceState {
  DeviceState();
  ~DeviceState();

  // ---- defaults, fixed at creation ----
  std::string acs_url, acs_username, acs_password;
  std::string cr_username, cr_password;
  uint32_t periodic_interval_s = 300;
  double memory_leak_per_hour = 0.03;  // DataModelOptions::memory_leak_per_hour
  WifiConfig initial_wifi;
  std::vector<NodeRadioDefaults> initial_nodes;

  // ---- kept across reboots; cleared by a factory reset (firmware excepted) ----
  std::string software_version;
  std::map<std::string, std::string, std::less<>> written;  // full name -> value
  std::string parameter_key;
  std::string connection_request_url;
  bool radio_6g_enabled = true;  // the world has no 6 GHz settings: the device keeps them
  uint8_t channel_6g = 0;         // 0: the channel the radio model gives the node
  uint8_t width_6g = 160;
  std::vector<AddedTable> added;
  mutable std::vector<std::pair<Mac, uint8_t>> leases;  // DHCP: MAC -> last octet

  // ---- volatile: reset at boot ----
  mutable int64_t boot_ms = INT64_MIN;  // INT64_MIN: not booted yet (the first read boots it)
  std::array<int64_t, 3> channel_change_ms{};
  std::array<uint32_t, 3> manual_channel_changes{};
  std::unique_ptr<DiagnosticsStore> diagnostics;
  // By table id (view.h), each on the heap so that growing the list keeps references to the
  // tables valid; null until first used.
  mutable std::vector<std::unique_ptr<InstanceTable>> tables;
  mutable WanCounters wan;
  // Failed joins (wrong passphrase) logged since boot; null until a station first failed.
  mutable std::unique_ptr<FailedJoinLog> failed_joins;

  // The written value of a full name, or nullptr.
  const std::string* written_value(std::string_view name) const;
  std::string value_or(std::string_view name, std::string_view fallback) const;
  // The DHCP address (last octet) of a MAC, assigned on first use.
  uint8_t lease(const Mac& mac) const;
  InstanceTable& table(size_t id) const;
  AddedTable* added_table(std::string_view path);
  const AddedTable* added_table(std::string_view path) const;
};

}  // namespace hearth::sim::model
