// TR-181 mesh topology and hosts: Device.WiFi.DataElements.Network (Wi-Fi Alliance Data Elements,
// exposed by the gateway as EasyMesh controller) with one Device per online node, its radios'
// utilisation, its fronthaul BSS per band with the stations associated there, and the backhaul
// link to its parent; and Device.Hosts with every associated station and every extender.
// Encodings follow the data model descriptions (tr069.md quirk 33): STA and backhaul
// SignalStrength and radio Noise as RCPI/ANPI (0..220), utilisation as 0..255.
#include <cmath>

#include "sim/model/render.h"

namespace hearth::sim::model {
namespace {

uint32_t operating_class(Band b, uint8_t width, uint8_t channel) {
  switch (b) {
    case Band::k2g: return width >= 40 ? 83 : 81;
    case Band::k5g:
      if (width >= 160) return 129;
      if (width >= 80) return 128;
      if (width >= 40) return 116;
      return channel <= 48 ? 115 : channel <= 64 ? 118 : 121;
    case Band::k6g:
      return width >= 160 ? 134 : width >= 80 ? 133 : width >= 40 ? 132 : 131;
  }
  return 81;
}

const ModelInfo& node_model(const View& v, uint8_t node) {
  return node == 0 ? v.model : model_of(v.home.nodes[node].model);
}

void sta(const View& v, Emitter& e, size_t index) {
  const Station& s = v.home.stations[index];
  e.ro("MACAddress", ValueType::kString, [&] { return v.mac(s.mac); });
  e.ro("TimeStamp", ValueType::kString, [&] { return v.now_iso(); });
  e.ro("LastDataDownlinkRate", ValueType::kUnsignedInt, [&] { return u64(v.link(index).phy_down_kbps); });
  e.ro("LastDataUplinkRate", ValueType::kUnsignedInt, [&] { return u64(v.link(index).phy_up_kbps); });
  e.ro("EstMACDataRateDownlink", ValueType::kUnsignedInt,
       [&] { return u64(v.link(index).phy_down_kbps * 65 / 100000); });
  e.ro("EstMACDataRateUplink", ValueType::kUnsignedInt,
       [&] { return u64(v.link(index).phy_up_kbps * 65 / 100000); });
  e.ro("SignalStrength", ValueType::kUnsignedInt, [&] { return u64(rcpi(v.link(index).signal_dbm)); });
  e.ro("LastConnectTime", ValueType::kUnsignedInt,
       [&] { return u64(static_cast<uint64_t>((v.now - v.associated_since_ms(s)) / 1000)); });
  e.ro("BytesSent", ValueType::kUnsignedLong, [&] { return u64(v.station_down_bytes(s)); });
  e.ro("BytesReceived", ValueType::kUnsignedLong, [&] { return u64(v.station_up_bytes(s)); });
  e.ro("PacketsSent", ValueType::kUnsignedLong, [&] { return u64(v.station_down_bytes(s) / 1200); });
  e.ro("PacketsReceived", ValueType::kUnsignedLong, [&] { return u64(v.station_up_bytes(s) / 400); });
  e.ro("ErrorsSent", ValueType::kUnsignedLong, [] { return std::string("0"); });
  e.ro("ErrorsReceived", ValueType::kUnsignedLong, [] { return std::string("0"); });
  e.ro("RetransCount", ValueType::kUnsignedLong, [&] {
    return u64(static_cast<uint64_t>(v.station_down_bytes(s) / 1200 * v.link(index).retransmission_ratio) &
               0xffffffffu);
  });
  e.ro("IPV4Address", ValueType::kString, [&] { return v.lan_ip(v.st.lease(s.mac)); });
  e.ro("Hostname", ValueType::kString, [&] { return s.hostname; });
}

void radio(const View& v, Emitter& e, uint8_t node, Band b) {
  const Node& n = v.home.nodes[node];
  const uint8_t bi = static_cast<uint8_t>(band_index(b));
  const bool up = v.radio_enabled(b);
  // The radio's unique identifier: its MAC address, base64 as the data model types it.
  e.ro("ID", ValueType::kBase64, [&] { return mac_base64(n.mac.plus(static_cast<uint8_t>(2 + bi))); });
  e.ro("Enabled", ValueType::kBoolean, [&] { return std::string(boolean(up)); });
  e.ro("Noise", ValueType::kUnsignedInt, [&] { return u64(rcpi(v.radio_noise_dbm(b))); });
  e.ro("Utilization", ValueType::kUnsignedInt, [&] { return u64(share_255(v.util(node, b).total)); });
  e.ro("Transmit", ValueType::kUnsignedInt, [&] { return u64(share_255(v.util(node, b).own * 0.6f)); });
  e.ro("ReceiveSelf", ValueType::kUnsignedInt, [&] { return u64(share_255(v.util(node, b).own * 0.4f)); });
  e.ro("ReceiveOther", ValueType::kUnsignedInt, [&] {
    const Utilisation& u = v.util(node, b);
    return u64(share_255(u.neighbours + u.interference));
  });
  // Stations of the home joined elsewhere on this band, as this radio hears them: the evidence
  // of a sticky client (another node hears it better than the one it stays on).
  const std::vector<InstanceTable::Row>* others =
      v.home.nodes.size() > 1 ? &v.other_rows(unassoc_table(node, b), node, b) : nullptr;
  e.ro("UnassociatedSTANumberOfEntries", ValueType::kUnsignedInt, [&] { return u64(others ? others->size() : 0); });
  e.ro("CurrentOperatingClassProfileNumberOfEntries", ValueType::kUnsignedInt, [] { return std::string("1"); });
  e.ro("BSSNumberOfEntries", ValueType::kUnsignedInt, [] { return std::string("1"); });
  if (Scope table{e, "CurrentOperatingClassProfile"}) {
    if (Scope one{e, 1}) {
      e.ro("Class", ValueType::kUnsignedInt,
           [&] { return u64(operating_class(b, v.width(node, b), v.channel(node, b))); });
      e.ro("Channel", ValueType::kUnsignedInt, [&] { return u64(v.channel(node, b)); });
      e.ro("TxPower", ValueType::kInt, [&] { return i64(n.tx_power_dbm); });
    }
  }
  if (others != nullptr) {
    if (Scope table{e, "UnassociatedSTA"}) {
      for (const auto& row : *others) {
        Scope inst(e, row.instance);
        if (!inst) continue;
        const Station& s = v.home.stations[row.index];
        e.ro("MACAddress", ValueType::kString, [&] { return v.mac(s.mac); });
        e.ro("SignalStrength", ValueType::kUnsignedInt,
             [&] { return u64(rcpi(station_link_to(v.home, s, node).signal_dbm)); });
        e.ro("OperatingClass", ValueType::kUnsignedInt,
             [&] { return u64(operating_class(b, v.width(node, b), v.channel(node, b))); });
        e.ro("Channel", ValueType::kUnsignedInt, [&] { return u64(v.channel(node, b)); });
      }
    }
  }
  Scope table(e, "BSS");
  if (!table) return;
  Scope bss(e, 1);
  if (!bss) return;
  const auto& rows = v.station_rows(sta_table(node, b), node, b);
  e.ro("BSSID", ValueType::kString, [&] { return v.mac(n.mac.plus(static_cast<uint8_t>(2 + bi))); });
  e.ro("SSID", ValueType::kString, [&] { return v.home.wifi.ssid; });
  e.ro("Enabled", ValueType::kBoolean, [&] { return std::string(boolean(up)); });
  e.ro("TimeStamp", ValueType::kString, [&] { return v.now_iso(); });
  e.ro("BackhaulUse", ValueType::kBoolean, [&] { return std::string(boolean(b == Band::k5g && node == 0)); });
  e.ro("FronthaulUse", ValueType::kBoolean, [] { return std::string("true"); });
  e.ro("STANumberOfEntries", ValueType::kUnsignedInt, [&] { return u64(rows.size()); });
  Scope stas(e, "STA");
  if (!stas) return;
  for (const auto& row : rows) {
    Scope inst(e, row.instance);
    if (inst) sta(v, e, row.index);
  }
}

void backhaul(const View& v, Emitter& e, uint8_t node) {
  Scope bh(e, "Backhaul");
  if (!bh) return;
  const Node& n = v.home.nodes[node];
  const bool gateway = node == 0;
  const uint8_t parent = n.backhaul_parent < v.home.nodes.size() ? n.backhaul_parent : 0;
  const Node& p = v.home.nodes[parent];
  e.ro("LinkType", ValueType::kString,
       [&] { return std::string(gateway ? "None" : n.wired_backhaul ? "Ethernet" : "Wi-Fi"); });
  e.ro("BackhaulMACAddress", ValueType::kString, [&] {
    return gateway ? std::string() : v.mac(n.wired_backhaul ? p.mac : p.mac.plus(3));
  });
  e.ro("BackhaulDeviceID", ValueType::kString, [&] { return gateway ? std::string() : v.mac(p.mac); });
  e.ro("MACAddress", ValueType::kString, [&] { return gateway ? std::string() : v.mac(n.mac.plus(7)); });
  Scope stats(e, "Stats");
  if (!stats || gateway) return;
  std::optional<LinkMetrics> link;
  auto l = [&]() -> const LinkMetrics& {
    if (!link) link = backhaul_link(v.home, node);
    return *link;
  };
  auto bytes = [&](bool down) {
    uint64_t t = 0;
    for (const auto& s : v.home.stations) {
      if (s.node == node && v.associated(s)) t += down ? v.station_down_bytes(s) : v.station_up_bytes(s);
    }
    return t;
  };
  e.ro("BytesSent", ValueType::kUnsignedLong, [&] { return u64(bytes(false)); });
  e.ro("BytesReceived", ValueType::kUnsignedLong, [&] { return u64(bytes(true)); });
  e.ro("LinkUtilization", ValueType::kUnsignedInt,
       [&] { return u64(n.wired_backhaul ? 0 : share_percent(v.util(parent, Band::k5g).total)); });
  e.ro("SignalStrength", ValueType::kUnsignedInt, [&] { return u64(rcpi(l().signal_dbm)); });
  e.ro("LastDataDownlinkRate", ValueType::kUnsignedInt, [&] { return u64(l().phy_down_kbps); });
  e.ro("LastDataUplinkRate", ValueType::kUnsignedInt, [&] { return u64(l().phy_up_kbps); });
  e.ro("TimeStamp", ValueType::kDateTime, [&] { return v.now_iso(); });
}

void device(const View& v, Emitter& e, uint8_t node) {
  const Node& n = v.home.nodes[node];
  const ModelInfo& m = node_model(v, node);
  const bool gateway = node == 0;
  uint32_t radios = 0;
  for (int b = 0; b < kBandCount; ++b) radios += v.node_has_band(node, band_at(b)) ? 1 : 0;
  e.ro("ID", ValueType::kString, [&] { return v.mac(n.mac); });
  e.ro("Manufacturer", ValueType::kString, [&] { return m.manufacturer; });
  e.ro("SerialNumber", ValueType::kString, [&] { return n.serial; });
  e.ro("ManufacturerModel", ValueType::kString, [&] { return gateway ? m.model_name : m.extender_model; });
  e.ro("SoftwareVersion", ValueType::kString,
       [&] { return gateway ? v.st.software_version : m.extender_firmware; });
  e.ro("CountryCode", ValueType::kString, [&] { return m.country; });
  e.ro("RadioNumberOfEntries", ValueType::kUnsignedInt, [&] { return u64(radios); });
  if (Scope multi{e, "MultiAPDevice"}) {
    e.ro("ManufacturerOUI", ValueType::kString, [&] { return m.oui; });
    e.ro("LastContactTime", ValueType::kDateTime, [&] { return v.now_iso(); });
    e.ro("EasyMeshControllerOperationMode", ValueType::kString,
         [&] { return std::string(gateway ? "Running" : "SupportedNotEnabled"); });
    e.ro("EasyMeshAgentOperationMode", ValueType::kString, [] { return std::string("Running"); });
    backhaul(v, e, node);
  }
  Scope table(e, "Radio");
  if (!table) return;
  uint32_t j = 0;
  for (int b = 0; b < kBandCount; ++b) {
    if (!v.node_has_band(node, band_at(b))) continue;
    Scope inst(e, ++j);
    if (inst) radio(v, e, node, band_at(b));
  }
}

}  // namespace

std::string extender_host_name(const View& v, uint8_t node) {
  std::string name = model_of(v.home.nodes[node].model).extender_model;
  for (char& c : name) {
    if (c == ' ' || c == '!' || c == '@') c = '-';
  }
  return name + "-" + std::to_string(node);
}

namespace {

void network(const View& v, Emitter& e) {
  const std::string controller = v.mac(v.home.nodes[0].mac);
  size_t online = 0;
  for (const Node& n : v.home.nodes) online += n.online ? 1 : 0;
  e.ro("ID", ValueType::kString, [&] { return "hearth-" + v.home.id; });
  e.ro("TimeStamp", ValueType::kString, [&] { return v.now_iso(); });
  e.ro("ControllerID", ValueType::kString, [&] { return controller; });
  e.ro("ColocatedAgentID", ValueType::kString, [&] { return controller; });
  e.ro("DeviceNumberOfEntries", ValueType::kUnsignedInt, [&] { return u64(online); });
  Scope table(e, "Device");
  if (!table) return;
  for (size_t k = 0; k < v.home.nodes.size(); ++k) {
    if (!v.home.nodes[k].online) continue;
    Scope inst(e, static_cast<uint32_t>(k + 1));  // stable: the node's place in the home
    if (inst) device(v, e, static_cast<uint8_t>(k));
  }
}

}  // namespace

void tr181_data_elements(const View& v, Emitter& e) {
  Scope de(e, "DataElements");
  if (!de) return;
  if (Scope net{e, "Network"}) network(v, e);
  tr181_failed_connections(v, e);
}

void tr181_hosts(const View& v, Emitter& e) {
  Scope hosts(e, "Hosts");
  if (!hosts) return;
  const auto& rows = v.host_rows();
  e.ro("HostNumberOfEntries", ValueType::kUnsignedInt, [&] { return u64(rows.size()); });
  Scope table(e, "Host");
  if (!table) return;
  for (const auto& row : rows) {
    Scope inst(e, row.instance);
    if (!inst) continue;
    const View::HostEntity host = v.host_entity(row);
    const bool is_station = host.is_station;
    const uint8_t node = host.node;
    const Station* s = host.station;
    const bool wired = host.wired;
    const Band band = host.band;
    e.ro("PhysAddress", ValueType::kString, [&] { return v.mac(row.key); });
    e.ro("IPAddress", ValueType::kString, [&] { return v.lan_ip(v.st.lease(row.key)); });
    e.ro("AddressSource", ValueType::kString, [] { return std::string("DHCP"); });
    e.ro("LeaseTimeRemaining", ValueType::kInt, [&] {
      const int64_t since = is_station ? v.associated_since_ms(*s) : v.st.boot_ms;
      return i64(86400 - ((v.now - since) / 1000) % 86400);
    });
    e.ro("AssociatedDevice", ValueType::kString, [&] {
      if (!is_station || s->node != 0) return std::string();
      for (const auto& r : v.station_rows(assoc_table(band), 0, band)) {
        if (r.key == row.key) {
          const std::string ap = u64(radio_instance(v, band));
          return "Device.WiFi.AccessPoint." + ap + ".AssociatedDevice." + u64(r.instance);
        }
      }
      return std::string();
    });
    e.ro("Layer1Interface", ValueType::kString, [&] {
      if (wired) return "Device.Ethernet.Interface." + u64(ethernet_port(v, node));
      return "Device.WiFi.SSID." + u64(radio_instance(v, band));
    });
    e.ro("Layer3Interface", ValueType::kString, [] { return std::string("Device.IP.Interface.2"); });
    e.ro("InterfaceType", ValueType::kString, [&] { return std::string(wired ? "Ethernet" : "Wi-Fi"); });
    e.ro("HostName", ValueType::kString, [&] { return is_station ? s->hostname : extender_host_name(v, node); });
    e.ro("Active", ValueType::kBoolean, [] { return std::string("true"); });
    e.ro("ActiveLastChange", ValueType::kDateTime,
         [&] { return v.iso(is_station ? v.associated_since_ms(*s) : v.st.boot_ms); });
    e.ro("IPv4AddressNumberOfEntries", ValueType::kUnsignedInt, [] { return std::string("1"); });
    if (Scope addrs{e, "IPv4Address"}) {
      if (Scope one{e, 1}) e.ro("IPAddress", ValueType::kString, [&] { return v.lan_ip(v.st.lease(row.key)); });
    }
  }
}

}  // namespace hearth::sim::model
