// JSON of a home snapshot (diagnosis_json.h snapshot_to_json): the fields of snapshot.h in
// camelCase, unknown numbers (NaN, -1) as null, times as ISO 8601.
#include "diag/diagnosis_json.h"
#include "diag/rules/json_support.h"

namespace hearth::diag {
namespace {

using json = nlohmann::json;
using json_support::number_json;
using json_support::time_json;

json int_json(int64_t v) {
  return v < 0 ? json(nullptr) : json(v);
}

json ping_json(const PingResult& p) {
  return {{"time", time_json(p.time_ms)},
          {"host", p.host},
          {"ok", p.ok},
          {"nameResolutionFailed", p.name_resolution_failed},
          {"successCount", p.success_count},
          {"failureCount", p.failure_count},
          {"avgMs", number_json(p.avg_ms)},
          {"maxMs", number_json(p.max_ms)}};
}

json speed_json(const SpeedResult& s) {
  return {{"time", time_json(s.time_ms)},
          {"ok", s.ok},
          {"nameResolutionFailed", s.name_resolution_failed},
          {"mbps", number_json(s.mbps)}};
}

json wan_json(const Wan& w) {
  return {{"up", w.up},
          {"access", w.access},
          {"ip", w.ip},
          {"connectionUptimeS", int_json(w.connection_uptime_s)},
          {"rxMbps", number_json(w.rx_mbps)},
          {"txMbps", number_json(w.tx_mbps)},
          {"lineDownKbps", number_json(w.line_down_kbps)},
          {"lineUpKbps", number_json(w.line_up_kbps)},
          {"ping", ping_json(w.ping)},
          {"download", speed_json(w.download)},
          {"upload", speed_json(w.upload)}};
}

json node_json(const Node& n) {
  return {{"id", n.id},
          {"gateway", n.gateway},
          {"parent", int_json(n.parent)},
          {"backhaul", n.backhaul},
          {"backhaulSignalDbm", number_json(n.backhaul_signal_dbm)},
          {"backhaulPhyMbps", number_json(n.backhaul_phy_mbps)},
          {"backhaulUtilisationPct", number_json(n.backhaul_utilisation_pct)}};
}

json radio_json(const Radio& r) {
  return {{"id", r.id},
          {"path", r.path},
          {"node", r.node},
          {"band", band_name(r.band)},
          {"enabled", r.enabled},
          {"channel", int_json(r.channel)},
          {"widthMhz", int_json(r.width_mhz)},
          {"autoChannel", r.auto_channel},
          {"possibleChannels", r.possible_channels},
          {"noiseDbm", number_json(r.noise_dbm)},
          {"utilisationPct", number_json(r.utilisation_pct)},
          {"utilisationSelfPct", number_json(r.utilisation_self_pct)},
          {"neighbourBss", int_json(r.neighbour_bss)},
          {"clients", r.clients},
          {"txPowerPct", number_json(r.tx_power_pct)}};
}

json station_json(const Station& s) {
  json heard = json::array();
  for (const Station::Heard& h : s.heard_by) {
    heard.push_back(
        {{"node", h.node}, {"band", band_name(h.band)}, {"signalDbm", number_json(h.signal_dbm)}});
  }
  return {{"mac", s.mac},
          {"hostname", s.hostname},
          {"node", s.node},
          {"band", band_name(s.band)},
          {"radio", int_json(s.radio)},
          {"active", s.active},
          {"signalDbm", number_json(s.signal_dbm)},
          {"snrDb", number_json(s.snr_db)},
          {"phyDownMbps", number_json(s.phy_down_mbps)},
          {"phyUpMbps", number_json(s.phy_up_mbps)},
          {"maxPhyMbps", number_json(s.max_phy_mbps)},
          {"generation", int_json(s.generation)},
          {"retransPct", number_json(s.retrans_pct)},
          {"downMbps", number_json(s.down_mbps)},
          {"upMbps", number_json(s.up_mbps)},
          {"associatedS", int_json(s.associated_s)},
          {"heardBy", std::move(heard)}};
}

}  // namespace

json snapshot_to_json(const HomeSnapshot& snap) {
  json nodes = json::array();
  for (const Node& n : snap.nodes) nodes.push_back(node_json(n));
  json radios = json::array();
  for (const Radio& r : snap.radios) radios.push_back(radio_json(r));
  json stations = json::array();
  for (const Station& s : snap.stations) stations.push_back(station_json(s));
  const DeviceHealth& d = snap.device;
  return {
      {"deviceId", snap.device_id},
      {"root", snap.root},
      {"time", time_json(snap.time_ms)},
      {"device",
       {{"uptimeS", int_json(d.uptime_s)},
        {"softwareVersion", d.software_version},
        {"memoryTotalKib", number_json(d.memory_total_kib)},
        {"memoryFreeKib", number_json(d.memory_free_kib)},
        {"cpuPct", number_json(d.cpu_pct)}}},
      {"wan", wan_json(snap.wan)},
      {"nodes", std::move(nodes)},
      {"radios", std::move(radios)},
      {"stations", std::move(stations)},
      {"joinFailures", {{"count", snap.join_failures.count}, {"macs", snap.join_failures.macs}}}};
}

}  // namespace hearth::diag
