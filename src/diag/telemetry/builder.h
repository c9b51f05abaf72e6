// The state of one build_snapshot call, shared by the readers of each area (one file each):
// the indexed values, the snapshot being filled, the counters, and lookups of nodes, radios and
// stations by their keys. Internal to diag/telemetry.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "diag/snapshot.h"
#include "diag/telemetry/counters.h"
#include "diag/telemetry/tree.h"

namespace hearth::diag::telemetry {

// Where a station's own counters are: the object whose BytesSent, BytesReceived, PacketsSent and
// RetransCount leaves count its traffic ("...AssociatedDevice.3.Stats." or "...STA.2.").
struct StationSource {
  std::string counters;
};

struct Builder {
  Builder(const std::string& device_id, const std::string& root,
          const std::vector<cwmp::ParameterValue>& values, int64_t time_ms, CounterState& state);

  Tree tree;
  HomeSnapshot snap;
  Counters counters;
  bool tr098 = false;
  std::string root;  // "Device." or "InternetGatewayDevice."

  int find_node(const std::string& id) const;  // -1 when not a node of the home
  // The radio of a node on a band, added (with its id) when new.
  Radio& radio(int node, Band band);
  int find_radio(int node, Band band) const;
  // The station with this MAC (lower case), added when new; `created` says which.
  Station& station(const std::string& mac, bool* created = nullptr);
  int find_station(const std::string& mac) const;
  std::vector<StationSource> sources;  // parallel to snap.stations
  // Parallel to snap.nodes: the DataElements Network.Device object of each node ("" for a
  // gateway known only from its identity).
  std::vector<std::string> node_paths;

 private:
  std::map<std::string, size_t> station_index_;
};

// The readers, in the order build_snapshot calls them.
void read_device(Builder& b);          // DeviceInfo health (both roots)
void read_mesh_nodes(Builder& b);      // TR-181 DataElements Devices; else the gateway alone
void read_wan_tr181(Builder& b);
void read_wan_tr098(Builder& b);
void read_diagnostics(Builder& b);     // TR-143 results (both roots)
void read_radios_tr181(Builder& b);    // Device.WiFi.Radio (the gateway's, with paths)
void read_stations_tr181(Builder& b);  // AccessPoint.AssociatedDevice (the gateway's, dBm)
void read_mesh_wifi(Builder& b);       // DataElements radios, STAs, unassociated STAs
void read_join_failures_tr181(Builder& b);
void read_wifi_tr098(Builder& b);      // WLANConfiguration: radios, stations, auth failures
void finish_stations(Builder& b);      // radio indexes, client counts, traffic and retry rates

}  // namespace hearth::diag::telemetry
