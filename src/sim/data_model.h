// A simulated gateway's TR-069 data model: the parameter tree as the ACS sees it, rendered on
// demand from the home's state (world.h) through the radio model, plus the few values the device
// keeps itself (ManagementServer settings, firmware, values written by the ACS, added object
// instances, diagnostics results). Pure: time is always passed in, nothing does I/O.
//
// One implementation per data model root (TR-181 "Device.", TR-098 "InternetGatewayDevice.")
// serves every vendor model; the model table (models.h) varies the details. The CPE protocol
// side (cpe.h) only sees this interface.
//
// The implementation (src/sim/model) uses TR-181 2.17 and TR-098 1.8 names and types, and the
// real Huawei capture (tests/data/cwmp) for the TR-098 model. What the ACS side can rely on:
//  - Reads are const but keep state: rows of dynamic tables (associated stations, hosts) keep
//    their instance numbers while they stay (numbering restarts at boot), DHCP addresses stay
//    with a MAC, WAN byte counters accumulate between reads and restart at boot. One device is
//    driven by one thread at a time.
//  - MAC addresses are lower case in the TR-181 models, upper case in the TR-098 one.
//  - Vendor parameters use ModelInfo::vendor_prefix <p>: TR-181 WiFi.Radio.{i}.Stats.
//    <p>ChannelUtilization (percent of airtime) and <p>NeighbourBSSCount (overlapping BSSs);
//    TR-098 LANDevice.1.WLANConfiguration.{i}.<p>ChannelUtilization, <p>NeighbourBSSCount, and
//    per station (TR-098 has no standard signal) AssociatedDevice.{i}.<p>RSSI, <p>SNR, <p>Noise
//    (dBm, dB), <p>RxRate, <p>TxRate (Mbit/s), <p>Uptime (s); TR-098 WLANConfiguration.{i}.
//    <p>AuthFailures (failed 4-way handshakes since boot); TR-181 WiFi.<p>BandSteeringEnable
//    (writable boolean, WifiConfig::band_steering).
//  - Stations with the wrong passphrase retry about once a minute; TR-181 shows the last 32
//    failures in WiFi.DataElements.FailedConnectionEvent.FailedConnectionEventData.{i}.
//    (StatusCode 0, ReasonCode 15: 4-way handshake timeout), numbered from 1 at boot.
//  - DataElements SignalStrength and Noise are RCPI/ANPI (0..220), Utilization 0..255.
//  - Passwords and passphrases read back empty (tr069.md quirk 24).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "cwmp/messages.h"
#include "sim/world.h"

namespace hearth::sim {

struct Param {
  std::string name;
  std::string value;
  cwmp::ValueType type = cwmp::ValueType::kString;
  bool writable = false;
};

struct ObjectInfo {
  std::string path;   // ends with '.'
  bool writable = false;  // a multi-instance table that accepts AddObject
};

// kNeighboringWiFi: Device.WiFi.NeighboringWiFiDiagnostic (TR-181 only), added after the first
// contract; it is requested, timed and completed like the TR-143 ones.
enum class DiagnosticKind : uint8_t { kIpPing, kDownload, kUpload, kTraceRoute, kNeighboringWiFi };

struct SetOutcome {
  // Empty when everything was applied; else nothing was applied and these are the per-parameter
  // faults (9005 unknown name, 9007 bad value or type, 9008 not writable).
  std::vector<cwmp::SetParameterValuesFault> faults;
  uint32_t fault_code = 0;          // 9003 when faults is non-empty
  bool management_changed = false;  // ManagementServer (interval, URL, credentials) changed
  std::vector<DiagnosticKind> diagnostics_requested;  // DiagnosticsState set to "Requested"
};

class DataModel {
 public:
  virtual ~DataModel() = default;

  virtual const std::string& root() const = 0;  // "Device." or "InternetGatewayDevice."
  virtual cwmp::DeviceIdStruct device_id() const = 0;
  // The parameters every Inform carries (tr069.md 3.1.1 forced inform list).
  virtual std::vector<std::string> inform_parameter_names() const = 0;

  // Every leaf parameter now, in tree order.
  virtual std::vector<Param> parameters(int64_t now_ms) const = 0;
  // Every object path (ending in '.') now, in tree order, the root included.
  virtual std::vector<ObjectInfo> objects(int64_t now_ms) const = 0;
  virtual std::optional<Param> get(const std::string& name, int64_t now_ms) const = 0;
  // The leaves under a partial path ("Device.WiFi.", the root for ""), or the one parameter a
  // full name names; only that branch of the tree is rendered. Empty when nothing matches.
  virtual std::vector<Param> parameters_under(const std::string& path, int64_t now_ms) const {
    std::vector<Param> out;
    for (auto& p : parameters(now_ms)) {
      if (p.name.compare(0, path.size(), path) == 0) out.push_back(std::move(p));
    }
    return out;
  }
  // The objects at or under a partial path, in tree order.
  virtual std::vector<ObjectInfo> objects_under(const std::string& path, int64_t now_ms) const {
    std::vector<ObjectInfo> out;
    for (auto& o : objects(now_ms)) {
      if (o.path.compare(0, path.size(), path) == 0) out.push_back(std::move(o));
    }
    return out;
  }

  // Validates every value first (name, writable, type and range), then applies all or none.
  virtual SetOutcome set(const std::vector<cwmp::ParameterValue>& values, int64_t now_ms) = 0;
  // AddObject on a writable table ("...AccessPoint."): the new instance number, or a fault code
  // (9005 not a writable table).
  virtual std::pair<uint32_t, uint32_t> add_object(const std::string& table_path) = 0;
  // DeleteObject of an instance ("...AccessPoint.3."): 0 or a fault code (9005).
  virtual uint32_t delete_object(const std::string& instance_path) = 0;
  // ManagementServer.ParameterKey: the protocol side stores the key of a SetParameterValues,
  // AddObject or DeleteObject that succeeded (tr069.md 3.2).
  virtual void set_parameter_key(const std::string& key) { (void)key; }

  // Device life cycle, driven by cpe.h.
  virtual void booted(int64_t now_ms) = 0;          // uptime restarts; counters reset
  virtual void factory_reset(int64_t now_ms) = 0;   // written values and instances forgotten
  virtual void install_firmware(const std::string& version) = 0;
  virtual std::string software_version() const = 0;
  // How long a requested diagnostic takes, and writing its results (and DiagnosticsState
  // "Complete" or an error state) into the tree when it finishes.
  virtual int64_t diagnostic_duration_ms(DiagnosticKind kind) const = 0;
  virtual void complete_diagnostic(DiagnosticKind kind, int64_t now_ms) = 0;

  // ManagementServer values the protocol side needs (as last written).
  virtual uint32_t periodic_inform_interval_s() const = 0;
  virtual std::string acs_username() const = 0;
  virtual std::string acs_password() const = 0;
  virtual std::string connection_request_username() const = 0;
  virtual std::string connection_request_password() const = 0;
  virtual void set_connection_request_url(const std::string& url) = 0;
  // Added after the first contract (defaults are the TR-069 defaults).
  virtual std::string acs_url() const { return {}; }
  virtual bool periodic_inform_enabled() const { return true; }
  virtual uint32_t retry_minimum_wait_s() const { return 5; }         // CWMPRetryMinimumWaitInterval
  virtual uint32_t retry_interval_multiplier() const { return 2000; }  // CWMPRetryIntervalMultiplier
};

struct DataModelOptions {
  std::string acs_url;
  uint32_t periodic_inform_interval_s = 300;
  std::string acs_username;       // default: the gateway's serial number
  std::string acs_password;       // default: default_acs_password(home.seed, serial)
  std::string connection_request_username;  // default: the gateway's serial number
  std::string connection_request_password;  // default: default_connection_request_password(...)
  // Share of the memory a leaking firmware loses per hour of uptime (memory-leak scenario).
  double memory_leak_per_hour = 0.03;
};

// The credentials a gateway starts with when the options leave them empty, derived from the
// home's seed (itself derived from the fleet seed) and the serial: the fleet export (the ACS
// import file) uses the same functions, so both sides agree. 16 lower-case hex characters.
// Inline so that the world library (below this one) can use them without linking it.
inline std::string derive_secret(uint64_t home_seed, const std::string& serial, uint64_t salt) {
  uint64_t h = home_seed ^ (salt * 0x9e3779b97f4a7c15ULL);
  for (unsigned char c : serial) {  // FNV-1a over the serial, then SplitMix64 finalisation
    h = (h ^ c) * 0x100000001b3ULL;
  }
  h ^= h >> 30;
  h *= 0xbf58476d1ce4e5b9ULL;
  h ^= h >> 27;
  h *= 0x94d049bb133111ebULL;
  h ^= h >> 31;
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out(16, '0');
  for (int i = 15; i >= 0; --i, h >>= 4) out[static_cast<size_t>(i)] = kHex[h & 0xf];
  return out;
}
inline std::string default_acs_password(uint64_t home_seed, const std::string& serial) {
  return derive_secret(home_seed, serial, 1);
}
inline std::string default_connection_request_password(uint64_t home_seed,
                                                       const std::string& serial) {
  return derive_secret(home_seed, serial, 2);
}

// The data model of a home's gateway, for its model (models.h). The home must outlive it and
// may change between calls (dynamics, scenarios); values are rendered from it at each call.
std::unique_ptr<DataModel> make_data_model(Home& home, const DataModelOptions& options);

}  // namespace hearth::sim
