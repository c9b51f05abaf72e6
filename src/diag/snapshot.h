// A home as the diagnosis sees it at one moment: device health, WAN, mesh nodes, radios and
// stations, normalised from either data model root (TR-181 "Device." or TR-098
// "InternetGatewayDevice.") and from vendor parameters. Plain data; built by telemetry.h, read by
// the rules (rules.h) and the optimiser (optimiser.h).
//
// Units are fixed whatever the source said: dBm (RCPI/ANPI converted), Mbit/s, percent 0..100,
// seconds, Unix milliseconds. A value the device did not report is NaN (doubles) or -1 (ints).
#pragma once

#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

namespace hearth::diag {

inline constexpr double kUnknown = std::numeric_limits<double>::quiet_NaN();
inline bool known(double v) { return !std::isnan(v); }

enum class Band : uint8_t { k2g = 0, k5g = 1, k6g = 2 };
const char* band_name(Band b);  // "2.4GHz", "5GHz", "6GHz"

struct DeviceHealth {
  int64_t uptime_s = -1;
  std::string software_version;
  double memory_total_kib = kUnknown;
  double memory_free_kib = kUnknown;
  double cpu_pct = kUnknown;
};

// Results of the last TR-143 tests the gateway ran (IPPing, DownloadDiagnostics, UploadDiagnostics).
struct PingResult {
  int64_t time_ms = 0;          // when the result was read; 0: no result
  std::string host;
  bool ok = false;              // state Complete
  bool name_resolution_failed = false;  // Error_CannotResolveHostName (or TR-098's equivalent)
  uint32_t success_count = 0;
  uint32_t failure_count = 0;
  double avg_ms = kUnknown;
  double max_ms = kUnknown;
};

struct SpeedResult {
  int64_t time_ms = 0;          // when the result was read; 0: no result
  bool ok = false;              // Complete / Completed
  bool name_resolution_failed = false;
  double mbps = kUnknown;       // TestBytes * 8 / (EOMTime - BOMTime)
};

struct Wan {
  bool up = false;              // the WAN IP interface (or WANIP/PPP connection) is Up/Connected
  std::string access;           // "fiber", "dsl", "cable", "" (unknown)
  std::string ip;
  int64_t connection_uptime_s = -1;  // since the WAN link (re)connected, when reported
  double rx_mbps = kUnknown;    // average since the previous snapshot (counters -> rates)
  double tx_mbps = kUnknown;
  double line_down_kbps = kUnknown;  // DSL sync / PON rate, when reported
  double line_up_kbps = kUnknown;
  PingResult ping;
  SpeedResult download;
  SpeedResult upload;
};

// A mesh node: the gateway (index 0) or an extender, from DataElements.Network.Device (TR-181).
// TR-098 gateways have just the gateway node.
struct Node {
  std::string id;               // EasyMesh AL MAC (lower case) or the gateway's serial
  bool gateway = false;
  int parent = -1;              // index of the node it hangs off; -1 for the gateway
  std::string backhaul;         // "ethernet", "wifi", "" (gateway)
  double backhaul_signal_dbm = kUnknown;  // Wi-Fi backhaul, RCPI converted
  double backhaul_phy_mbps = kUnknown;    // min(downlink, uplink) PHY rate of the backhaul
  double backhaul_utilisation_pct = kUnknown;
};

struct Radio {
  std::string id;               // stable key: "<node id>/<band>", e.g. "a0:b1:...:00/5GHz"
  std::string path;             // the data model object to write to (gateway radios), e.g.
                                // "Device.WiFi.Radio.2." or "InternetGatewayDevice.LANDevice.1.WLANConfiguration.5."
  int node = 0;                 // index into HomeSnapshot::nodes
  Band band = Band::k2g;
  bool enabled = true;
  int channel = -1;
  int width_mhz = -1;
  bool auto_channel = false;
  std::vector<int> possible_channels;
  double noise_dbm = kUnknown;
  double utilisation_pct = kUnknown;     // total busy airtime
  double utilisation_self_pct = kUnknown;  // airtime of this radio's own traffic (tx + rx self)
  int neighbour_bss = -1;       // overlapping BSSs of other networks
  int clients = 0;              // associated stations in this snapshot
  double tx_power_pct = kUnknown;
};

struct Station {
  std::string mac;              // lower case "aa:bb:cc:dd:ee:ff" (the join key)
  std::string hostname;
  int node = 0;                 // index into nodes of the node it is associated with
  Band band = Band::k2g;
  int radio = -1;               // index into radios
  bool active = true;
  double signal_dbm = kUnknown; // uplink data RSSI (RCPI converted)
  double snr_db = kUnknown;
  double phy_down_mbps = kUnknown;  // last data downlink rate (AP -> station)
  double phy_up_mbps = kUnknown;
  double max_phy_mbps = kUnknown;   // what the station could do (MaxSupportedDataDownlinkRate)
  int generation = -1;          // Wi-Fi 4, 5, 6, 7 from OperatingStandard n/ac/ax/be; 3 for a/b/g
  double retrans_pct = kUnknown;    // retransmissions per 100 packets sent
  double down_mbps = kUnknown;  // traffic rates since the previous snapshot
  double up_mbps = kUnknown;
  int64_t associated_s = -1;    // seconds since association
  // Other nodes of the home that hear this station (DataElements UnassociatedSTA).
  struct Heard { int node = 0; Band band = Band::k2g; double signal_dbm = kUnknown; };
  std::vector<Heard> heard_by;
};

// A station that failed to join (wrong password): DataElements FailedConnectionEvent (TR-181) or
// a vendor counter (TR-098).
struct JoinFailures {
  int count = 0;                // failures reported since the previous snapshot
  std::vector<std::string> macs;  // the stations failing, when known
};

struct HomeSnapshot {
  std::string device_id;        // the gateway
  std::string root;             // "Device." or "InternetGatewayDevice."
  int64_t time_ms = 0;
  DeviceHealth device;
  Wan wan;
  std::vector<Node> nodes;      // [0] is the gateway
  std::vector<Radio> radios;
  std::vector<Station> stations;
  JoinFailures join_failures;
};

}  // namespace hearth::diag
