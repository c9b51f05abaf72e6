// TR-181 WAN and LAN interfaces (tr069.md 7.3): the access line by the home's access type (DSL
// line and channel with PPPoE; GPON optics with IPoE; cable through the Ethernet WAN port with
// IPoE), the IP interfaces with their addresses and counters (which grow with the home's traffic
// and restart at boot), DNS client, NAT port mappings (AddObject table) and IP.Diagnostics.
#include <optional>
#include <utility>

#include "sim/model/render.h"

namespace hearth::sim::model {
namespace {

constexpr const char* kDns1 = "198.51.100.53";
constexpr const char* kDns2 = "198.51.100.54";

std::string up_down(bool up) { return up ? "Up" : "Down"; }

std::pair<uint64_t, uint64_t> wan_bytes(const View& v) {
  const WanCounters& c = v.wan_counters();
  return {c.tx_bytes, c.rx_bytes};
}

// Stats of an interface; `bytes` (sent, received) is computed only when a counter is wanted.
template <class F>
void counters(Emitter& e, F&& bytes) {
  Scope stats(e, "Stats");
  if (!stats) return;
  std::optional<std::pair<uint64_t, uint64_t>> b;
  auto tx_rx = [&]() -> const std::pair<uint64_t, uint64_t>& {
    if (!b) b = bytes();
    return *b;
  };
  const auto tx = [&] { return tx_rx().first; };
  const auto rx = [&] { return tx_rx().second; };
  e.ro("BytesSent", ValueType::kUnsignedLong, [&] { return u64(tx()); });
  e.ro("BytesReceived", ValueType::kUnsignedLong, [&] { return u64(rx()); });
  e.ro("PacketsSent", ValueType::kUnsignedLong, [&] { return u64(tx() / 600); });
  e.ro("PacketsReceived", ValueType::kUnsignedLong, [&] { return u64(rx() / 1200); });
  e.ro("ErrorsSent", ValueType::kUnsignedInt, [] { return std::string("0"); });
  e.ro("ErrorsReceived", ValueType::kUnsignedInt, [] { return std::string("0"); });
}

void dsl(const View& v, Emitter& e) {
  Scope dsl(e, "DSL");
  if (!dsl) return;
  const LineFacts f = v.line();
  e.ro("LineNumberOfEntries", ValueType::kUnsignedInt, [] { return std::string("1"); });
  e.ro("ChannelNumberOfEntries", ValueType::kUnsignedInt, [] { return std::string("1"); });
  if (Scope lines{e, "Line"}) {
    if (Scope line{e, 1}) {
      stored(v, e, "Enable", ValueType::kBoolean, {}, "true");
      e.ro("Status", ValueType::kString, [&] { return up_down(f.up); });
      e.ro("Name", ValueType::kString, [] { return std::string("dsl0"); });
      e.ro("Upstream", ValueType::kBoolean, [] { return std::string("true"); });
      e.ro("LinkStatus", ValueType::kString, [&] { return std::string(f.up ? "Up" : "NoSignal"); });
      e.ro("StandardUsed", ValueType::kString, [] { return std::string("G.993.2_Annex_B"); });
      e.ro("CurrentProfile", ValueType::kString, [] { return std::string("17a"); });
      e.ro("UpstreamMaxBitRate", ValueType::kUnsignedInt, [&] { return u64(f.up_max_kbps); });
      e.ro("DownstreamMaxBitRate", ValueType::kUnsignedInt, [&] { return u64(f.down_max_kbps); });
      e.ro("UpstreamNoiseMargin", ValueType::kInt, [&] { return i64(f.up_margin); });
      e.ro("DownstreamNoiseMargin", ValueType::kInt, [&] { return i64(f.down_margin); });
      e.ro("UpstreamAttenuation", ValueType::kInt, [&] { return i64(f.up_atten); });
      e.ro("DownstreamAttenuation", ValueType::kInt, [&] { return i64(f.down_atten); });
    }
  }
  if (Scope channels{e, "Channel"}) {
    if (Scope ch{e, 1}) {
      e.ro("Status", ValueType::kString, [&] { return up_down(f.up); });
      e.ro("LowerLayers", ValueType::kString, [] { return std::string("Device.DSL.Line.1"); });
      e.ro("UpstreamCurrRate", ValueType::kUnsignedInt, [&] { return u64(f.up_kbps); });
      e.ro("DownstreamCurrRate", ValueType::kUnsignedInt, [&] { return u64(f.down_kbps); });
    }
  }
}

void optical(const View& v, Emitter& e) {
  Scope optical(e, "Optical");
  if (!optical) return;
  e.ro("InterfaceNumberOfEntries", ValueType::kUnsignedInt, [] { return std::string("1"); });
  Scope table(e, "Interface");
  if (!table) return;
  Scope one(e, 1);
  if (!one) return;
  const LineFacts f = v.line();
  stored(v, e, "Enable", ValueType::kBoolean, {}, "true");
  e.ro("Status", ValueType::kString, [&] { return up_down(f.up); });
  e.ro("Name", ValueType::kString, [] { return std::string("pon0"); });
  e.ro("Upstream", ValueType::kBoolean, [] { return std::string("true"); });
  e.ro("OpticalSignalLevel", ValueType::kInt, [&] { return i64(f.optical_rx); });
  e.ro("TransmitOpticalLevel", ValueType::kInt, [&] { return i64(f.optical_tx); });
  e.ro("LowerOpticalThreshold", ValueType::kInt, [] { return std::string("-28000"); });
  e.ro("UpperOpticalThreshold", ValueType::kInt, [] { return std::string("-8000"); });
  counters(e, [&] { return wan_bytes(v); });
}

void ethernet(const View& v, Emitter& e) {
  Scope eth(e, "Ethernet");
  if (!eth) return;
  e.ro("InterfaceNumberOfEntries", ValueType::kUnsignedInt, [] { return std::string("5"); });
  Scope table(e, "Interface");
  if (!table) return;
  const bool cable = v.home.wan.access == Wan::Access::kCable;
  std::vector<uint8_t> port_node(6, 0);
  for (size_t k = 1; k < v.home.nodes.size(); ++k) {
    const uint32_t port = ethernet_port(v, static_cast<uint8_t>(k));
    if (port != 0) port_node[port] = static_cast<uint8_t>(k);
  }
  for (uint32_t i = 1; i <= 5; ++i) {
    Scope inst(e, i);
    if (!inst) continue;
    const bool wan = i == 1;
    const bool up = wan ? cable && v.wan_up() : port_node[i] != 0;
    stored(v, e, "Enable", ValueType::kBoolean, {}, "true");
    e.ro("Status", ValueType::kString, [&] { return up_down(up); });
    e.ro("Name", ValueType::kString, [&] { return "eth" + std::to_string(i - 1); });
    e.ro("Upstream", ValueType::kBoolean, [&] { return std::string(boolean(wan)); });
    e.ro("MACAddress", ValueType::kString, [&] { return v.mac(v.home.nodes[0].mac.plus(wan ? 1 : 0)); });
    stored(v, e, "MaxBitRate", ValueType::kInt, range(-1, 100000), "-1");
    e.ro("CurrentBitRate", ValueType::kUnsignedInt, [&] { return std::string(up ? "1000" : "0"); });
    stored(v, e, "DuplexMode", ValueType::kString, one_of("Half,Full,Auto"), "Auto");
    counters(e, [&] {
      std::pair<uint64_t, uint64_t> b{0, 0};
      if (wan && up) return wan_bytes(v);
      if (!up) return b;
      for (const auto& s : v.home.stations) {
        if (s.node == port_node[i] && v.associated(s)) {
          b.first += v.station_down_bytes(s);
          b.second += v.station_up_bytes(s);
        }
      }
      return b;
    });
  }
}

void ppp(const View& v, Emitter& e) {
  Scope ppp(e, "PPP");
  if (!ppp) return;
  e.ro("InterfaceNumberOfEntries", ValueType::kUnsignedInt, [] { return std::string("1"); });
  Scope table(e, "Interface");
  if (!table) return;
  Scope one(e, 1);
  if (!one) return;
  const bool up = v.wan_up();
  stored(v, e, "Enable", ValueType::kBoolean, {}, "true");
  e.ro("Status", ValueType::kString, [&] { return up_down(up); });
  e.ro("Name", ValueType::kString, [] { return std::string("ppp0"); });
  stored(v, e, "LowerLayers", ValueType::kString, length(0, 1024), "Device.DSL.Channel.1", Target::kIgnore);
  e.ro("ConnectionStatus", ValueType::kString, [&] { return std::string(up ? "Connected" : "Disconnected"); });
  e.ro("LastConnectionError", ValueType::kString,
       [&] { return std::string(up ? "ERROR_NONE" : "ERROR_NO_CARRIER"); });
  stored(v, e, "Username", ValueType::kString, length(0, 64), v.home.subscriber.account + "@dsl.hearth.example");
  secret(v, e, "Password", length(0, 64));
  stored(v, e, "ConnectionTrigger", ValueType::kString, one_of("OnDemand,AlwaysOn,Manual"), "AlwaysOn");
  e.ro("AuthenticationProtocol", ValueType::kString, [] { return std::string("CHAP"); });
  e.ro("CurrentMRUSize", ValueType::kUnsignedInt, [] { return std::string("1492"); });
  if (Scope ipcp{e, "IPCP"}) {
    e.ro("LocalIPAddress", ValueType::kString, [&] { return v.wan_ip(); });
    e.ro("RemoteIPAddress", ValueType::kString, [&] { return v.wan_gateway_ip(); });
    e.ro("DNSServers", ValueType::kString, [&] { return up ? std::string(kDns1) + "," + kDns2 : std::string(); });
  }
  counters(e, [&] { return wan_bytes(v); });
}

std::string wan_lower_layer(const View& v) {
  switch (v.home.wan.access) {
    case Wan::Access::kDsl: return "Device.PPP.Interface.1";
    case Wan::Access::kFiber: return "Device.Optical.Interface.1";
    case Wan::Access::kCable: return "Device.Ethernet.Interface.1";
  }
  return {};
}

void ipv4_address(const View& v, Emitter& e, const std::string& ip, const char* mask, const char* type) {
  Scope table(e, "IPv4Address");
  if (!table) return;
  Scope one(e, 1);
  if (!one) return;
  stored(v, e, "Enable", ValueType::kBoolean, {}, "true");
  e.ro("Status", ValueType::kString, [] { return std::string("Enabled"); });
  e.rw("IPAddress", ValueType::kString, length(0, 15), Hook{Target::kIgnore, 0}, [&] { return ip; });
  e.rw("SubnetMask", ValueType::kString, length(0, 15), Hook{Target::kIgnore, 0},
       [&] { return ip.empty() ? std::string() : std::string(mask); });
  e.ro("AddressingType", ValueType::kString, [&] { return std::string(type); });
}

void ip(const View& v, Emitter& e) {
  Scope ip(e, "IP");
  if (!ip) return;
  e.ro("IPv4Capable", ValueType::kBoolean, [] { return std::string("true"); });
  e.ro("InterfaceNumberOfEntries", ValueType::kUnsignedInt, [] { return std::string("2"); });
  if (Scope table{e, "Interface"}) {
    if (Scope wan{e, 1}) {
      const bool up = v.wan_up();
      const bool dsl = v.home.wan.access == Wan::Access::kDsl;
      stored(v, e, "Enable", ValueType::kBoolean, {}, "true");
      e.ro("Status", ValueType::kString, [&] { return up_down(up); });
      e.ro("Name", ValueType::kString, [&] { return std::string(dsl ? "pppoe-wan" : "wan"); });
      stored(v, e, "LowerLayers", ValueType::kString, length(0, 1024), wan_lower_layer(v), Target::kIgnore);
      e.ro("Type", ValueType::kString, [] { return std::string("Normal"); });
      e.ro("IPv4AddressNumberOfEntries", ValueType::kUnsignedInt, [] { return std::string("1"); });
      ipv4_address(v, e, v.wan_ip(), dsl ? "255.255.255.255" : "255.255.255.0", dsl ? "IPCP" : "DHCP");
      counters(e, [&] { return wan_bytes(v); });
    }
    if (Scope lan{e, 2}) {
      stored(v, e, "Enable", ValueType::kBoolean, {}, "true");
      e.ro("Status", ValueType::kString, [] { return std::string("Up"); });
      e.ro("Name", ValueType::kString, [] { return std::string("br-lan"); });
      e.ro("Type", ValueType::kString, [] { return std::string("Normal"); });
      e.ro("IPv4AddressNumberOfEntries", ValueType::kUnsignedInt, [] { return std::string("1"); });
      ipv4_address(v, e, "192.168.1.1", "255.255.255.0", "Static");
    }
  }
  Scope diag(e, "Diagnostics");
  if (!diag) return;
  for (const char* leaf : {"IPv4PingSupported", "IPv4TraceRouteSupported", "IPv4DownloadDiagnosticsSupported",
                           "IPv4UploadDiagnosticsSupported"}) {
    e.ro(leaf, ValueType::kBoolean, [] { return std::string("true"); });
  }
  if (Scope s{e, "IPPing"}) diagnostics_leaves(v, e, DiagnosticKind::kIpPing);
  if (Scope s{e, "TraceRoute"}) diagnostics_leaves(v, e, DiagnosticKind::kTraceRoute);
  if (Scope s{e, "DownloadDiagnostics"}) diagnostics_leaves(v, e, DiagnosticKind::kDownload);
  if (Scope s{e, "UploadDiagnostics"}) diagnostics_leaves(v, e, DiagnosticKind::kUpload);
}

void dns(const View& v, Emitter& e) {
  Scope dns(e, "DNS");
  if (!dns) return;
  Scope client(e, "Client");
  if (!client) return;
  stored(v, e, "Enable", ValueType::kBoolean, {}, "true");
  e.ro("Status", ValueType::kString, [] { return std::string("Enabled"); });
  e.ro("ServerNumberOfEntries", ValueType::kUnsignedInt, [] { return std::string("2"); });
  Scope table(e, "Server");
  if (!table) return;
  const bool dsl = v.home.wan.access == Wan::Access::kDsl;
  for (uint32_t i = 1; i <= 2; ++i) {
    Scope inst(e, i);
    if (!inst) continue;
    stored(v, e, "Enable", ValueType::kBoolean, {}, "true");
    e.ro("Status", ValueType::kString, [] { return std::string("Enabled"); });
    stored(v, e, "DNSServer", ValueType::kString, length(0, 45), i == 1 ? kDns1 : kDns2);
    stored(v, e, "Interface", ValueType::kString, length(0, 256), "Device.IP.Interface.1", Target::kIgnore);
    e.ro("Type", ValueType::kString, [&] { return std::string(dsl ? "IPCP" : "DHCPv4"); });
  }
}

void nat(const View& v, Emitter& e) {
  Scope nat(e, "NAT");
  if (!nat) return;
  const AddedTable* maps = v.st.added_table("Device.NAT.PortMapping.");
  const size_t n = maps != nullptr ? maps->instances.size() : 0;
  e.ro("PortMappingNumberOfEntries", ValueType::kUnsignedInt, [&] { return u64(n); });
  Scope table(e, "PortMapping", true);
  if (!table || maps == nullptr) return;
  for (uint32_t i : maps->instances) {
    Scope inst(e, i);
    if (!inst) continue;
    stored(v, e, "Enable", ValueType::kBoolean, {}, "false");
    e.ro("Status", ValueType::kString, [&] {
      return std::string(v.st.value_or(e.path() + "Enable", "false") == "true" ? "Enabled" : "Disabled");
    });
    stored(v, e, "Interface", ValueType::kString, length(0, 256), "Device.IP.Interface.1");
    stored(v, e, "AllInterfaces", ValueType::kBoolean, {}, "false");
    stored(v, e, "LeaseDuration", ValueType::kUnsignedInt, {}, "0");
    stored(v, e, "RemoteHost", ValueType::kString, length(0, 45), "");
    stored(v, e, "ExternalPort", ValueType::kUnsignedInt, range(0, 65535), "0");
    stored(v, e, "ExternalPortEndRange", ValueType::kUnsignedInt, range(0, 65535), "0");
    stored(v, e, "InternalPort", ValueType::kUnsignedInt, range(0, 65535), "0");
    stored(v, e, "Protocol", ValueType::kString, one_of("TCP,UDP"), "TCP");
    stored(v, e, "InternalClient", ValueType::kString, length(0, 256), "");
    stored(v, e, "Description", ValueType::kString, length(0, 256), "");
  }
}

}  // namespace

uint32_t ethernet_port(const View& v, uint8_t node) {
  // LAN ports 2..5 carry the online wired extenders, in node order.
  uint32_t port = 2;
  for (size_t k = 1; k < v.home.nodes.size() && port <= 5; ++k) {
    const Node& n = v.home.nodes[k];
    if (!n.wired_backhaul || !n.online) continue;
    if (k == node) return port;
    ++port;
  }
  return 0;
}

void tr181_wan(const View& v, Emitter& e) {
  switch (v.home.wan.access) {
    case Wan::Access::kDsl: dsl(v, e); break;
    case Wan::Access::kFiber: optical(v, e); break;
    case Wan::Access::kCable: break;
  }
  ethernet(v, e);
  if (v.home.wan.access == Wan::Access::kDsl) ppp(v, e);
  ip(v, e);
  dns(v, e);
  nat(v, e);
}

}  // namespace hearth::sim::model
