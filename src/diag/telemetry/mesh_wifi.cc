// Radios and stations of every mesh node from TR-181 DataElements (tr069.md 7.4):
// Network.Device.{i}.Radio.{i} (band and channel from the current operating class, utilisation
// 0..255, ANPI noise, neighbours from scan results), its BSS.{i}.STA.{i} rows (RCPI signal, rates
// in kbps, the node a station is associated with) and UnassociatedSTA.{i} (the other nodes that
// hear a station). The gateway's radios are merged with Device.WiFi.Radio, read before; its
// stations with AccessPoint.AssociatedDevice, also read before and preferred (dBm, not RCPI).
#include <set>

#include "core/strings.h"
#include "diag/telemetry.h"
#include "diag/telemetry/builder.h"
#include "diag/telemetry/codes.h"

namespace hearth::diag::telemetry {
namespace {

struct Heard {
  std::string mac;
  int node;
  Band band;
  double dbm;
};

// The current operating class and channel of a DataElements radio (2.15+ name, then the older).
std::pair<int, int> operating_class(const Builder& b, const std::string& radio) {
  for (const char* table : {"CurrentOperatingClassProfile.", "CurrentOperatingClasses."}) {
    const std::string t = radio + table;
    const std::vector<uint32_t> rows = b.tree.instances(t);
    if (rows.empty()) continue;
    const std::string row = t + std::to_string(rows.front()) + ".";
    return {static_cast<int>(b.tree.integer(row + "Class").value_or(-1)),
            static_cast<int>(b.tree.integer(row + "Channel").value_or(-1))};
  }
  return {-1, -1};
}

// Neighbouring BSSs a radio's scan found on its channel (ScanResult...ChannelScan.{i}.NeighborBSS).
int scanned_neighbours(const Builder& b, const std::string& radio, int channel) {
  std::set<std::string> bssids;
  constexpr std::string_view kNeighbour = ".NeighborBSS.";
  for (const cwmp::ParameterValue* p : b.tree.under(radio + "ScanResult.")) {
    if (!ends_with(p->name, ".BSSID")) continue;
    const size_t at = p->name.find(kNeighbour);
    if (at == std::string::npos) continue;
    if (b.tree.integer(p->name.substr(0, at) + ".Channel").value_or(-2) == channel) {
      bssids.insert(mac_key(p->value));
    }
  }
  return bssids.empty() && !b.tree.has_under(radio + "ScanResult.") ? -1 : static_cast<int>(bssids.size());
}

int generation_of_capabilities(const Builder& b, const std::string& sta) {
  if (!b.tree.str(sta + "HECapabilities").empty()) return 6;
  if (!b.tree.str(sta + "VHTCapabilities").empty()) return 5;
  if (!b.tree.str(sta + "HTCapabilities").empty()) return 4;
  return -1;
}

void read_sta(Builder& b, const std::string& sta, int node, Band band) {
  const std::string mac = mac_key(b.tree.str(sta + "MACAddress"));
  if (mac.empty()) return;
  bool created = false;
  Station& s = b.station(mac, &created);
  if (created) {
    s.node = node;
    s.band = band;
  }
  const int index = b.find_station(mac);
  if (b.sources[static_cast<size_t>(index)].counters.empty()) b.sources[static_cast<size_t>(index)].counters = sta;
  if (!known(s.signal_dbm)) s.signal_dbm = signal_dbm(b.tree.number(sta + "SignalStrength"));
  const double down = b.tree.number(sta + "LastDataDownlinkRate");
  const double up = b.tree.number(sta + "LastDataUplinkRate");
  if (!known(s.phy_down_mbps) && known(down)) s.phy_down_mbps = down / 1000.0;
  if (!known(s.phy_up_mbps) && known(up)) s.phy_up_mbps = up / 1000.0;
  if (s.hostname.empty()) s.hostname = std::string(b.tree.str(sta + "Hostname"));
  if (s.associated_s < 0) s.associated_s = b.tree.integer(sta + "LastConnectTime").value_or(-1);
  if (s.generation < 0) s.generation = generation_of_capabilities(b, sta);
}

void read_radio(Builder& b, int node, const std::string& rp, std::vector<Heard>& heard) {
  const auto [op_class, channel] = operating_class(b, rp);
  std::optional<Band> band = band_of_class(op_class);
  if (!band) band = band_of_channel(channel);
  if (!band) return;
  Radio& r = b.radio(node, *band);
  const bool own = r.path.empty();  // not also a Device.WiFi.Radio of the gateway
  if (own) {
    if (auto on = b.tree.boolean(rp + "Enabled")) r.enabled = *on;
  }
  if (r.channel < 0 && channel > 0) r.channel = channel;
  if (r.width_mhz < 0) r.width_mhz = width_of_class(op_class);
  if (!known(r.noise_dbm)) r.noise_dbm = signal_dbm(b.tree.number(rp + "Noise"));
  if (!known(r.utilisation_pct)) r.utilisation_pct = utilisation_255_to_pct(b.tree.number(rp + "Utilization"));
  if (!known(r.utilisation_self_pct)) {
    const double tx = utilisation_255_to_pct(b.tree.number(rp + "Transmit"));
    const double rx = utilisation_255_to_pct(b.tree.number(rp + "ReceiveSelf"));
    if (known(tx) && known(rx)) r.utilisation_self_pct = tx + rx;
  }
  if (r.neighbour_bss < 0 && r.channel > 0) r.neighbour_bss = scanned_neighbours(b, rp, r.channel);
  const Band radio_band = *band;
  for (uint32_t bss : b.tree.instances(rp + "BSS.")) {
    const std::string table = rp + "BSS." + std::to_string(bss) + ".STA.";
    for (uint32_t i : b.tree.instances(table)) read_sta(b, table + std::to_string(i) + ".", node, radio_band);
  }
  const std::string unassoc = rp + "UnassociatedSTA.";
  for (uint32_t i : b.tree.instances(unassoc)) {
    const std::string u = unassoc + std::to_string(i) + ".";
    const std::string mac = mac_key(b.tree.str(u + "MACAddress"));
    if (!mac.empty()) heard.push_back({mac, node, radio_band, signal_dbm(b.tree.number(u + "SignalStrength"))});
  }
}

}  // namespace

void read_mesh_wifi(Builder& b) {
  std::vector<Heard> heard;
  for (size_t k = 0; k < b.node_paths.size(); ++k) {
    const std::string& dev = b.node_paths[k];
    if (dev.empty()) continue;
    for (uint32_t i : b.tree.instances(dev + "Radio.")) {
      read_radio(b, static_cast<int>(k), dev + "Radio." + std::to_string(i) + ".", heard);
    }
  }
  for (const Heard& h : heard) {
    const int i = b.find_station(h.mac);
    if (i < 0) continue;  // not associated anywhere in the home
    Station& s = b.snap.stations[static_cast<size_t>(i)];
    if (s.node == h.node) continue;
    s.heard_by.push_back(Station::Heard{h.node, h.band, h.dbm});
  }
}

}  // namespace hearth::diag::telemetry
