// TR-098 WANDevice.1: the common interface config (32-bit totals that wrap, as on the real
// device), the DSL interface or the Ethernet WAN port by access type, and one connection: a
// WANPPPConnection for DSL (PPPoE), a WANIPConnection (DHCP) for fiber and cable, each with its
// PortMapping table (AddObject). WANIPConnection follows the Huawei capture, including its
// unsignedInt NATEnabled.
#include "sim/model/render.h"

namespace hearth::sim::model {
namespace {

uint64_t wrap32(uint64_t v) { return v & 0xffffffffu; }

void port_mappings(const View& v, Emitter& e) {
  std::string table_path = e.path() + "PortMapping.";
  const AddedTable* maps = v.st.added_table(table_path);
  const size_t n = maps != nullptr ? maps->instances.size() : 0;
  e.ro("PortMappingNumberOfEntries", ValueType::kUnsignedInt, [&] { return u64(n); });
  Scope table(e, "PortMapping", true);
  if (!table || maps == nullptr) return;
  for (uint32_t i : maps->instances) {
    Scope inst(e, i);
    if (!inst) continue;
    stored(v, e, "PortMappingEnabled", ValueType::kBoolean, {}, "false");
    stored(v, e, "PortMappingLeaseDuration", ValueType::kUnsignedInt, {}, "0");
    stored(v, e, "RemoteHost", ValueType::kString, length(0, 45), "");
    stored(v, e, "ExternalPort", ValueType::kUnsignedInt, range(0, 65535), "0");
    stored(v, e, "ExternalPortEndRange", ValueType::kUnsignedInt, range(0, 65535), "0");
    stored(v, e, "InternalPort", ValueType::kUnsignedInt, range(0, 65535), "0");
    stored(v, e, "PortMappingProtocol", ValueType::kString, one_of("TCP,UDP"), "TCP");
    stored(v, e, "InternalClient", ValueType::kString, length(0, 256), "");
    stored(v, e, "PortMappingDescription", ValueType::kString, length(0, 256), "");
  }
}

void connection_stats(const View& v, Emitter& e) {
  Scope stats(e, "Stats");
  if (!stats) return;
  e.ro("EthernetBytesSent", ValueType::kUnsignedInt, [&] { return u64(wrap32(v.wan_counters().tx_bytes)); });
  e.ro("EthernetBytesReceived", ValueType::kUnsignedInt, [&] { return u64(wrap32(v.wan_counters().rx_bytes)); });
  e.ro("EthernetPacketsSent", ValueType::kUnsignedInt,
       [&] { return u64(wrap32(v.wan_counters().tx_bytes / 600)); });
  e.ro("EthernetPacketsReceived", ValueType::kUnsignedInt,
       [&] { return u64(wrap32(v.wan_counters().rx_bytes / 1200)); });
}

// `ppp`: IGD:1.14 makes the PPP connection's Name and MACAddress writable; the IP connection's
// follow the Huawei capture (read-only).
void common_connection(const View& v, Emitter& e, bool up, bool ppp) {
  stored(v, e, "Enable", ValueType::kBoolean, {}, "true");
  e.ro("ConnectionStatus", ValueType::kString, [&] { return std::string(up ? "Connected" : "Disconnected"); });
  stored(v, e, "ConnectionType", ValueType::kString, one_of("Unconfigured,IP_Routed,IP_Bridged"), "IP_Routed");
  e.ro("Uptime", ValueType::kUnsignedInt, [&] { return u64(up ? v.uptime_s() : 0); });
  e.ro("LastConnectionError", ValueType::kString,
       [&] { return std::string(up ? "ERROR_NONE" : "ERROR_NO_CARRIER"); });
  e.rw("ExternalIPAddress", ValueType::kString, length(0, 15), Hook{Target::kIgnore, 0}, [&] { return v.wan_ip(); });
  stored(v, e, "DNSEnabled", ValueType::kBoolean, {}, "true");
  stored(v, e, "DNSOverrideAllowed", ValueType::kBoolean, {}, "false");
  e.rw("DNSServers", ValueType::kString, length(0, 64), Hook{Target::kIgnore, 0},
       [&] { return up ? std::string("198.51.100.53,198.51.100.54") : std::string(); });
  const std::string mac = v.mac(v.home.nodes[0].mac.plus(1));
  if (ppp) {
    stored(v, e, "MACAddress", ValueType::kString, length(0, 17), mac, Target::kIgnore);
  } else {
    e.ro("MACAddress", ValueType::kString, [&] { return mac; });
  }
  stored(v, e, "ConnectionTrigger", ValueType::kString, one_of("OnDemand,AlwaysOn,Manual"), "AlwaysOn");
}

void ip_connection(const View& v, Emitter& e) {
  const bool up = v.wan_up();
  common_connection(v, e, up, false);
  stored(v, e, "AddressingType", ValueType::kString, one_of("DHCP,Static"), "DHCP");
  e.rw("SubnetMask", ValueType::kString, length(0, 15), Hook{Target::kIgnore, 0},
       [&] { return up ? std::string("255.255.255.0") : std::string(); });
  e.rw("DefaultGateway", ValueType::kString, length(0, 15), Hook{Target::kIgnore, 0},
       [&] { return v.wan_gateway_ip(); });
  stored(v, e, "NATEnabled", ValueType::kUnsignedInt, range(0, 1), "1");
  e.ro("Name", ValueType::kString, [] { return std::string("WAN1_INTERNET_TR069_R"); });
  e.ro("PossibleConnectionTypes", ValueType::kString, [] { return std::string("IP_Routed,IP_Bridged"); });
  stored(v, e, "MaxMTUSize", ValueType::kUnsignedInt, range(1, 1540), "1500");
  port_mappings(v, e);
  connection_stats(v, e);
}

void ppp_connection(const View& v, Emitter& e) {
  const bool up = v.wan_up();
  common_connection(v, e, up, true);
  stored(v, e, "NATEnabled", ValueType::kBoolean, {}, "true");
  stored(v, e, "Name", ValueType::kString, length(0, 256), "WAN1_INTERNET_TR069_R");
  e.ro("PossibleConnectionTypes", ValueType::kString, [] { return std::string("IP_Routed"); });
  e.ro("TransportType", ValueType::kString, [] { return std::string("PPPoE"); });
  stored(v, e, "Username", ValueType::kString, length(0, 64), v.home.subscriber.account + "@dsl.hearth.example");
  secret(v, e, "Password", length(0, 64));
  e.ro("RemoteIPAddress", ValueType::kString, [&] { return v.wan_gateway_ip(); });
  e.ro("CurrentMRUSize", ValueType::kUnsignedInt, [] { return std::string("1492"); });
  port_mappings(v, e);
  connection_stats(v, e);
}

}  // namespace

void tr098_wan(const View& v, Emitter& e) {
  Scope wan(e, "WANDevice");
  if (!wan) return;
  Scope one(e, 1);
  if (!one) return;
  const bool dsl = v.home.wan.access == Wan::Access::kDsl;
  const LineFacts f = v.line();
  e.ro("WANConnectionNumberOfEntries", ValueType::kUnsignedInt, [] { return std::string("1"); });
  if (Scope common{e, "WANCommonInterfaceConfig"}) {
    e.ro("WANAccessType", ValueType::kString, [&] { return std::string(dsl ? "DSL" : "Ethernet"); });
    e.ro("Layer1UpstreamMaxBitRate", ValueType::kUnsignedInt,
         [&] { return u64(wrap32(uint64_t{dsl ? f.up_max_kbps : 1000000u} * 1000)); });
    e.ro("Layer1DownstreamMaxBitRate", ValueType::kUnsignedInt,
         [&] { return u64(wrap32(uint64_t{dsl ? f.down_max_kbps : 1000000u} * 1000)); });
    e.ro("PhysicalLinkStatus", ValueType::kString, [&] { return std::string(f.up ? "Up" : "Down"); });
    e.ro("WANAccessProvider", ValueType::kString, [] { return std::string("Hearth Broadband"); });
    e.ro("TotalBytesSent", ValueType::kUnsignedInt, [&] { return u64(wrap32(v.wan_counters().tx_bytes)); });
    e.ro("TotalBytesReceived", ValueType::kUnsignedInt, [&] { return u64(wrap32(v.wan_counters().rx_bytes)); });
    e.ro("TotalPacketsSent", ValueType::kUnsignedInt, [&] { return u64(wrap32(v.wan_counters().tx_bytes / 600)); });
    e.ro("TotalPacketsReceived", ValueType::kUnsignedInt,
         [&] { return u64(wrap32(v.wan_counters().rx_bytes / 1200)); });
    e.ro("MaximumActiveConnections", ValueType::kUnsignedInt, [] { return std::string("1"); });
    e.ro("NumberOfActiveConnections", ValueType::kUnsignedInt, [&] { return std::string(f.up ? "1" : "0"); });
  }
  if (dsl) {
    if (Scope d{e, "WANDSLInterfaceConfig"}) {
      stored(v, e, "Enable", ValueType::kBoolean, {}, "true");
      e.ro("Status", ValueType::kString, [&] { return std::string(f.up ? "Up" : "NoSignal"); });
      e.ro("ModulationType", ValueType::kString, [] { return std::string("VDSL"); });
      e.ro("UpstreamCurrRate", ValueType::kUnsignedInt, [&] { return u64(f.up_kbps); });
      e.ro("DownstreamCurrRate", ValueType::kUnsignedInt, [&] { return u64(f.down_kbps); });
      e.ro("UpstreamMaxRate", ValueType::kUnsignedInt, [&] { return u64(f.up_max_kbps); });
      e.ro("DownstreamMaxRate", ValueType::kUnsignedInt, [&] { return u64(f.down_max_kbps); });
      e.ro("UpstreamNoiseMargin", ValueType::kInt, [&] { return i64(f.up_margin); });
      e.ro("DownstreamNoiseMargin", ValueType::kInt, [&] { return i64(f.down_margin); });
      e.ro("UpstreamAttenuation", ValueType::kInt, [&] { return i64(f.up_atten); });
      e.ro("DownstreamAttenuation", ValueType::kInt, [&] { return i64(f.down_atten); });
    }
  } else if (Scope eth{e, "WANEthernetInterfaceConfig"}) {
    stored(v, e, "Enable", ValueType::kBoolean, {}, "true");
    e.ro("Status", ValueType::kString, [&] { return std::string(f.up ? "Up" : "NoLink"); });
    e.ro("MACAddress", ValueType::kString, [&] { return v.mac(v.home.nodes[0].mac.plus(1)); });
    stored(v, e, "MaxBitRate", ValueType::kString, one_of("10,100,1000,Auto"), "Auto");
    stored(v, e, "DuplexMode", ValueType::kString, one_of("Half,Full,Auto"), "Auto");
    if (Scope stats{e, "Stats"}) {
      e.ro("BytesSent", ValueType::kUnsignedInt, [&] { return u64(wrap32(v.wan_counters().tx_bytes)); });
      e.ro("BytesReceived", ValueType::kUnsignedInt, [&] { return u64(wrap32(v.wan_counters().rx_bytes)); });
      e.ro("PacketsSent", ValueType::kUnsignedInt, [&] { return u64(wrap32(v.wan_counters().tx_bytes / 600)); });
      e.ro("PacketsReceived", ValueType::kUnsignedInt, [&] { return u64(wrap32(v.wan_counters().rx_bytes / 1200)); });
    }
  }
  Scope devices(e, "WANConnectionDevice");
  if (!devices) return;
  Scope dev(e, 1);
  if (!dev) return;
  e.ro("WANIPConnectionNumberOfEntries", ValueType::kUnsignedInt, [&] { return std::string(dsl ? "0" : "1"); });
  e.ro("WANPPPConnectionNumberOfEntries", ValueType::kUnsignedInt, [&] { return std::string(dsl ? "1" : "0"); });
  if (Scope conns{e, dsl ? "WANPPPConnection" : "WANIPConnection"}) {
    if (Scope c{e, 1}) {
      if (dsl) {
        ppp_connection(v, e);
      } else {
        ip_connection(v, e);
      }
    }
  }
}

}  // namespace hearth::sim::model
