// build_snapshot (telemetry.h): the readers of each area in order, over one Builder; device
// health (tr069.md 7.1); and the per-station finish: radio links, client counts, traffic and
// retry rates from counters (7.6).
#include <algorithm>

#include "core/strings.h"
#include "diag/telemetry.h"
#include "diag/telemetry/builder.h"

namespace hearth::diag {
namespace telemetry {

namespace {

std::string root_of(const std::string& root) {
  return starts_with(root, "InternetGatewayDevice") ? "InternetGatewayDevice." : "Device.";
}

}  // namespace

Builder::Builder(const std::string& device_id, const std::string& root_path,
                 const std::vector<cwmp::ParameterValue>& values, int64_t time_ms, CounterState& state)
    : tree(values),
      counters(state, time_ms, tree.integer(root_of(root_path) + "DeviceInfo.UpTime").value_or(-1)),
      tr098(root_of(root_path) == "InternetGatewayDevice."),
      root(root_of(root_path)) {
  snap.device_id = device_id;
  snap.root = root;
  snap.time_ms = time_ms;
}

int Builder::find_node(const std::string& id) const {
  for (size_t i = 0; i < snap.nodes.size(); ++i) {
    if (snap.nodes[i].id == id) return static_cast<int>(i);
  }
  return -1;
}

int Builder::find_radio(int node, Band band) const {
  for (size_t i = 0; i < snap.radios.size(); ++i) {
    if (snap.radios[i].node == node && snap.radios[i].band == band) return static_cast<int>(i);
  }
  return -1;
}

Radio& Builder::radio(int node, Band band) {
  const int i = find_radio(node, band);
  if (i >= 0) return snap.radios[static_cast<size_t>(i)];
  Radio r;
  r.node = node;
  r.band = band;
  r.id = snap.nodes[static_cast<size_t>(node)].id + "/" + band_name(band);
  snap.radios.push_back(std::move(r));
  return snap.radios.back();
}

int Builder::find_station(const std::string& mac) const {
  auto it = station_index_.find(mac);
  return it == station_index_.end() ? -1 : static_cast<int>(it->second);
}

Station& Builder::station(const std::string& mac, bool* created) {
  auto [it, added] = station_index_.emplace(mac, snap.stations.size());
  if (created != nullptr) *created = added;
  if (added) {
    Station s;
    s.mac = mac;
    snap.stations.push_back(std::move(s));
    sources.emplace_back();
  }
  return snap.stations[it->second];
}

void read_device(Builder& b) {
  const std::string info = b.root + "DeviceInfo.";
  DeviceHealth& d = b.snap.device;
  d.uptime_s = b.tree.integer(info + "UpTime").value_or(-1);
  d.software_version = std::string(b.tree.str(info + "SoftwareVersion"));
  d.memory_total_kib = b.tree.number(info + "MemoryStatus.Total");
  d.memory_free_kib = b.tree.number(info + "MemoryStatus.Free");
  d.cpu_pct = b.tree.number(info + "ProcessStatus.CPUUsage");
}

void finish_stations(Builder& b) {
  for (size_t i = 0; i < b.snap.stations.size(); ++i) {
    Station& s = b.snap.stations[i];
    s.radio = b.find_radio(s.node, s.band);
    if (s.radio >= 0) {
      const Radio& r = b.snap.radios[static_cast<size_t>(s.radio)];
      ++b.snap.radios[static_cast<size_t>(s.radio)].clients;
      if (!known(s.snr_db) && known(s.signal_dbm) && known(r.noise_dbm) && s.signal_dbm > r.noise_dbm) {
        s.snr_db = s.signal_dbm - r.noise_dbm;
      }
    }
    const std::string& c = b.sources[i].counters;
    if (c.empty()) continue;
    // A station that associated again since the previous snapshot restarted its counters.
    const bool same_association =
        s.associated_s < 0 || s.associated_s * 1000 >= b.counters.elapsed_ms();
    const std::string key = "sta/" + s.mac + "/";
    s.down_mbps = b.counters.rate_mbps(key + "down_bytes", b.tree.find(c + "BytesSent"), 64, same_association);
    s.up_mbps = b.counters.rate_mbps(key + "up_bytes", b.tree.find(c + "BytesReceived"), 64, same_association);
    const int64_t sent = b.counters.delta(key + "packets_sent", b.tree.find(c + "PacketsSent"), 64, same_association);
    const int64_t retrans = b.counters.delta(key + "retrans", b.tree.find(c + "RetransCount"), 32, same_association);
    if (!known(s.retrans_pct) && sent > 0 && retrans >= 0) {
      s.retrans_pct = std::min(100.0, 100.0 * static_cast<double>(retrans) / static_cast<double>(sent));
    }
  }
}

}  // namespace telemetry

HomeSnapshot build_snapshot(const std::string& device_id, const std::string& root,
                            const std::vector<cwmp::ParameterValue>& values, int64_t time_ms,
                            CounterState& counters) {
  using namespace telemetry;
  Builder b(device_id, root, values, time_ms, counters);
  read_device(b);
  read_mesh_nodes(b);
  if (b.tr098) {
    read_wan_tr098(b);
    read_diagnostics(b);
    read_wifi_tr098(b);
  } else {
    read_wan_tr181(b);
    read_diagnostics(b);
    read_radios_tr181(b);
    read_stations_tr181(b);
    read_mesh_wifi(b);
    read_join_failures_tr181(b);
  }
  finish_stations(b);
  b.counters.finish();
  return std::move(b.snap);
}

}  // namespace hearth::diag
