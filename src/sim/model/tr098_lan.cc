// TR-098 LANDevice.1: DHCP server, four Ethernet ports, Wi-Fi as WLANConfiguration rows in
// Huawei's numbering (1-4 for 2.4 GHz, 5-8 for 5 GHz; here 1 and 5 main, 2 and 6 guest) and the
// hosts table. TR-098 has no per-station signal: this model reports it in Huawei's vendor
// parameters AssociatedDevice.{i}.X_HW_RSSI / X_HW_SNR / X_HW_Noise (dBm, dB) and X_HW_RxRate /
// X_HW_TxRate (Mbit/s), and the radio's airtime use and overlapping neighbour count in
// WLANConfiguration.{i}.X_HW_ChannelUtilization (percent), X_HW_NeighbourBSSCount and
// X_HW_AuthFailures (failed 4-way handshakes since boot, a StatsCounter32). Radio,
// channel, SSID and passphrase writes reach the Home as in TR-181.
#include <cmath>

#include "sim/model/render.h"

namespace hearth::sim::model {
namespace {

constexpr const char* kLan = "InternetGatewayDevice.LANDevice.1.";

struct Wlan {
  uint32_t instance;
  Band band;
  bool guest;
};
constexpr Wlan kWlans[] = {{1, Band::k2g, false}, {2, Band::k2g, true}, {5, Band::k5g, false}, {6, Band::k5g, true}};

void associated(const View& v, Emitter& e, size_t index) {
  const Station& s = v.home.stations[index];
  const std::string& x = v.model.vendor_prefix;
  e.ro("AssociatedDeviceMACAddress", ValueType::kString, [&] { return v.mac(s.mac); });
  e.ro("AssociatedDeviceIPAddress", ValueType::kString, [&] { return v.lan_ip(v.st.lease(s.mac)); });
  e.ro("AssociatedDeviceAuthenticationState", ValueType::kBoolean, [] { return std::string("true"); });
  e.ro("LastDataTransmitRate", ValueType::kString, [&] { return u64(v.link(index).phy_down_kbps / 1000); });
  e.ro(x + "RSSI", ValueType::kInt, [&] { return i64(std::lround(v.link(index).signal_dbm)); });
  e.ro(x + "SNR", ValueType::kInt, [&] { return i64(std::lround(v.link(index).snr_db)); });
  e.ro(x + "Noise", ValueType::kInt, [&] { return i64(std::lround(v.link(index).noise_dbm)); });
  e.ro(x + "RxRate", ValueType::kUnsignedInt, [&] { return u64(v.link(index).phy_up_kbps / 1000); });
  e.ro(x + "TxRate", ValueType::kUnsignedInt, [&] { return u64(v.link(index).phy_down_kbps / 1000); });
  e.ro(x + "Uptime", ValueType::kUnsignedInt,
       [&] { return u64(static_cast<uint64_t>((v.now - v.associated_since_ms(s)) / 1000)); });
}

void wlan(const View& v, Emitter& e, const Wlan& w) {
  const uint8_t arg = static_cast<uint8_t>(band_index(w.band));
  const bool radio_on = v.radio_enabled(w.band);
  const bool on = w.guest ? v.home.wifi.guest_enabled && radio_on : radio_on;
  const std::vector<InstanceTable::Row>* rows =
      w.guest ? nullptr : &v.station_rows(assoc_table(w.band), 0, w.band);
  const Mac bssid = v.home.nodes[0].mac.plus(static_cast<uint8_t>(w.guest ? 5 + arg : 2 + arg));
  if (w.guest) {
    stored(v, e, "Enable", ValueType::kBoolean, {}, boolean(v.home.wifi.guest_enabled), Target::kGuestEnable);
  } else {
    stored(v, e, "Enable", ValueType::kBoolean, {}, boolean(radio_on), Target::kRadioEnable, arg);
  }
  e.ro("Status", ValueType::kString, [&] { return std::string(on ? "Up" : "Disabled"); });
  e.ro("BSSID", ValueType::kString, [&] { return v.mac(bssid); });
  stored(v, e, "MaxBitRate", ValueType::kString, length(0, 4), "Auto");
  e.rw("Channel", ValueType::kInt, channel_in(possible_channels(w.band)), Hook{Target::kRadioChannel, arg},
       [&] { return u64(v.channel(0, w.band)); });
  stored(v, e, "AutoChannelEnable", ValueType::kBoolean, {}, "true", Target::kAutoChannel, arg);
  stored(v, e, "SSID", ValueType::kString, length(1, 32), w.guest ? v.home.wifi.guest_ssid : v.home.wifi.ssid,
         Target::kSsid, w.guest ? 1 : 0);
  stored(v, e, "BeaconType", ValueType::kString, one_of("None,Basic,WPA,11i,BasicandWPA,Basicand11i,WPAand11i,BasicandWPAand11i,WPAWPA2"), "11i");
  stored(v, e, "MACAddressControlEnabled", ValueType::kBoolean, {}, "false");
  stored(v, e, "Standard", ValueType::kString, length(0, 16), tr098_standard(w.band));
  secret(v, e, "KeyPassphrase", length(8, 63), Target::kPassphrase, w.guest ? 1 : 0);
  stored(v, e, "BasicEncryptionModes", ValueType::kString, one_of("None,WEPEncryption"), "None");
  stored(v, e, "BasicAuthenticationMode", ValueType::kString, one_of("None,EAPAuthentication,SharedAuthentication"), "None");
  stored(v, e, "WPAEncryptionModes", ValueType::kString, one_of("TKIPEncryption,AESEncryption,TKIPandAESEncryption"), "AESEncryption");
  stored(v, e, "WPAAuthenticationMode", ValueType::kString, one_of("PSKAuthentication,EAPAuthentication"), "PSKAuthentication");
  stored(v, e, "IEEE11iEncryptionModes", ValueType::kString, one_of("TKIPEncryption,AESEncryption,TKIPandAESEncryption"), "AESEncryption");
  stored(v, e, "IEEE11iAuthenticationMode", ValueType::kString, one_of("PSKAuthentication,EAPAuthentication,EAPandPSKAuthentication"), "PSKAuthentication");
  e.ro("PossibleChannels", ValueType::kString, [&] { return std::string(possible_channels(w.band)); });
  stored(v, e, "SSIDAdvertisementEnabled", ValueType::kBoolean, {}, "true");
  stored(v, e, "RadioEnabled", ValueType::kBoolean, {}, boolean(radio_on), Target::kRadioEnable, arg);
  e.ro("TransmitPowerSupported", ValueType::kString, [] { return std::string("12,25,50,75,100"); });
  stored(v, e, "TransmitPower", ValueType::kUnsignedInt, one_of("12,25,50,75,100"),
         u64(tx_power_percent(v.home.nodes[0].tx_power_dbm)), Target::kRadioTxPower, arg);
  stored(v, e, "RegulatoryDomain", ValueType::kString, length(3, 3), v.model.country + " ");
  stored(v, e, "WMMEnable", ValueType::kBoolean, {}, "true");
  std::optional<std::pair<uint64_t, uint64_t>> bytes;
  auto tx_rx = [&]() -> const std::pair<uint64_t, uint64_t>& {
    if (!bytes) {
      bytes.emplace(0, 0);
      for (const auto& s : v.home.stations) {
        if (!w.guest && s.node == 0 && s.band == w.band && v.associated(s)) {
          bytes->first += v.station_down_bytes(s);
          bytes->second += v.station_up_bytes(s);
        }
      }
    }
    return *bytes;
  };
  // 32-bit counters that wrap, as on the real device.
  e.ro("TotalBytesSent", ValueType::kUnsignedInt, [&] { return u64(tx_rx().first & 0xffffffffu); });
  e.ro("TotalBytesReceived", ValueType::kUnsignedInt, [&] { return u64(tx_rx().second & 0xffffffffu); });
  e.ro("TotalPacketsSent", ValueType::kUnsignedInt, [&] { return u64((tx_rx().first / 1200) & 0xffffffffu); });
  e.ro("TotalPacketsReceived", ValueType::kUnsignedInt, [&] { return u64((tx_rx().second / 400) & 0xffffffffu); });
  e.ro("TotalAssociations", ValueType::kUnsignedInt, [&] { return u64(rows ? rows->size() : 0); });
  e.ro(v.model.vendor_prefix + "ChannelUtilization", ValueType::kUnsignedInt,
       [&] { return u64(share_percent(v.util(0, w.band).total)); });
  e.ro(v.model.vendor_prefix + "NeighbourBSSCount", ValueType::kUnsignedInt,
       [&] { return u64(overlapping_neighbours(v.home, w.band, v.channel(0, w.band), v.width(0, w.band))); });
  // Failed 4-way handshakes since boot (stations with the wrong passphrase; failed_joins.h).
  e.ro(v.model.vendor_prefix + "AuthFailures", ValueType::kUnsignedInt,
       [&] { return u64(w.guest ? 0 : v.failed_joins().failures(w.band)); });
  if (Scope psk{e, "PreSharedKey"}) {
    if (Scope one{e, 1}) {
      secret(v, e, "KeyPassphrase", length(8, 63), Target::kPassphrase, w.guest ? 1 : 0);
      secret(v, e, "PreSharedKey", length(64, 64));
    }
  }
  Scope table(e, "AssociatedDevice");
  if (!table || rows == nullptr) return;
  for (const auto& row : *rows) {
    Scope inst(e, row.instance);
    if (inst) associated(v, e, row.index);
  }
}

void hosts(const View& v, Emitter& e) {
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
    e.ro("Active", ValueType::kBoolean, [] { return std::string("true"); });
    e.ro("AddressSource", ValueType::kString, [] { return std::string("DHCP"); });
    e.ro("HostName", ValueType::kString, [&] { return is_station ? s->hostname : extender_host_name(v, node); });
    e.ro("IPAddress", ValueType::kString, [&] { return v.lan_ip(v.st.lease(row.key)); });
    e.ro("Layer2Interface", ValueType::kString, [&] {
      const uint32_t port = wired ? ethernet_port(v, node) : 0;
      if (port != 0) return std::string(kLan) + "LANEthernetInterfaceConfig." + u64(port - 1);
      return std::string(kLan) + "WLANConfiguration." + (band == Band::k2g ? "1" : "5");
    });
    e.ro("LeaseTimeRemaining", ValueType::kInt, [&] {
      const int64_t since = is_station ? v.associated_since_ms(*s) : v.st.boot_ms;
      return i64(86400 - ((v.now - since) / 1000) % 86400);
    });
    e.ro("MACAddress", ValueType::kString, [&] { return v.mac(row.key); });
    e.ro("InterfaceType", ValueType::kString, [&] { return std::string(wired ? "Ethernet" : "802.11"); });
  }
}

}  // namespace

void tr098_lan(const View& v, Emitter& e) {
  Scope lan(e, "LANDevice");
  if (!lan) return;
  Scope one(e, 1);
  if (!one) return;
  e.ro("LANEthernetInterfaceNumberOfEntries", ValueType::kUnsignedInt, [] { return std::string("4"); });
  e.ro("LANWLANConfigurationNumberOfEntries", ValueType::kUnsignedInt, [] { return std::string("4"); });
  if (Scope dhcp{e, "LANHostConfigManagement"}) {
    stored(v, e, "DHCPServerEnable", ValueType::kBoolean, {}, "true");
    stored(v, e, "MinAddress", ValueType::kString, length(7, 15), "192.168.1.10");
    stored(v, e, "MaxAddress", ValueType::kString, length(7, 15), "192.168.1.249");
    stored(v, e, "DNSServers", ValueType::kString, length(0, 64), "192.168.1.1");
    stored(v, e, "IPRouters", ValueType::kString, length(0, 64), "192.168.1.1");
    stored(v, e, "DHCPLeaseTime", ValueType::kInt, range(-1, 2147483647), "86400");
    e.ro("IPInterfaceNumberOfEntries", ValueType::kUnsignedInt, [] { return std::string("1"); });
    if (Scope table{e, "IPInterface"}) {
      if (Scope inst{e, 1}) {
        stored(v, e, "Enable", ValueType::kBoolean, {}, "true");
        stored(v, e, "IPInterfaceIPAddress", ValueType::kString, length(7, 15), "192.168.1.1");
        stored(v, e, "IPInterfaceSubnetMask", ValueType::kString, length(7, 15), "255.255.255.0");
        stored(v, e, "IPInterfaceAddressingType", ValueType::kString, one_of("DHCP,Static,AutoIP"), "Static");
      }
    }
  }
  if (Scope table{e, "LANEthernetInterfaceConfig"}) {
    for (uint32_t i = 1; i <= 4; ++i) {
      Scope inst(e, i);
      if (!inst) continue;
      uint8_t node = 0;
      for (size_t k = 1; k < v.home.nodes.size(); ++k) {
        if (ethernet_port(v, static_cast<uint8_t>(k)) == i + 1) node = static_cast<uint8_t>(k);
      }
      stored(v, e, "Enable", ValueType::kBoolean, {}, "true");
      e.ro("Status", ValueType::kString, [&] { return std::string(node != 0 ? "Up" : "NoLink"); });
      e.ro("MACAddress", ValueType::kString, [&] { return v.mac(v.home.nodes[0].mac); });
      if (Scope stats{e, "Stats"}) {
        auto bytes = [&](bool down) {
          uint64_t t = 0;
          for (const auto& s : v.home.stations) {
            if (node != 0 && s.node == node && v.associated(s)) t += down ? v.station_down_bytes(s) : v.station_up_bytes(s);
          }
          return t & 0xffffffffu;
        };
        e.ro("BytesSent", ValueType::kUnsignedInt, [&] { return u64(bytes(true)); });
        e.ro("BytesReceived", ValueType::kUnsignedInt, [&] { return u64(bytes(false)); });
        e.ro("PacketsSent", ValueType::kUnsignedInt, [&] { return u64(bytes(true) / 1200); });
        e.ro("PacketsReceived", ValueType::kUnsignedInt, [&] { return u64(bytes(false) / 400); });
      }
    }
  }
  if (Scope table{e, "WLANConfiguration"}) {
    for (const Wlan& w : kWlans) {
      Scope inst(e, w.instance);
      if (inst) wlan(v, e, w);
    }
  }
  hosts(v, e);
}

}  // namespace hearth::sim::model
