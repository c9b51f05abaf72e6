// TR-181 Device.WiFi. (tr069.md 7.4): one Radio per band of the gateway (2.4, 5 and, for models
// that have it, 6 GHz), a main SSID/AccessPoint per radio, a guest SSID/AccessPoint on 2.4 and
// 5 GHz, SSIDs/AccessPoints the ACS adds, and the vendor's band steering switch
// (WiFi.<prefix>BandSteeringEnable, WifiConfig::band_steering). Channel, width, power and enable writes go into the
// Home (radio model inputs); the SSID and passphrase into its WifiConfig. Stations associated
// with the gateway appear under their band's main AccessPoint with the radio model's link;
// stations on extenders appear in DataElements (tr181_mesh.cc).
#include <cmath>

#include "sim/model/render.h"

namespace hearth::sim::model {
namespace {

struct Bss {
  uint32_t instance = 0;
  Band band = Band::k2g;
  bool guest = false;
  bool added = false;
};

// The built-in SSIDs (or AccessPoints) and those the ACS added to `table`.
std::vector<Bss> all_bss(const View& v, std::string_view table) {
  std::vector<Bss> out;
  uint32_t n = 0;
  for (int b = 0; b < kBandCount; ++b) {
    if (v.node_has_band(0, band_at(b))) out.push_back(Bss{++n, band_at(b), false, false});
  }
  out.push_back(Bss{++n, Band::k2g, true, false});
  out.push_back(Bss{++n, Band::k5g, true, false});
  if (const AddedTable* t = v.st.added_table(table)) {
    for (uint32_t i : t->instances) out.push_back(Bss{i, Band::k2g, false, true});
  }
  return out;
}


const char* modes_supported(const View& v) {
  return v.model.wifi_generation >= 6
             ? "None,WPA2-Personal,WPA3-Personal,WPA3-Personal-Transition,WPA2-Enterprise"
             : "None,WPA-WPA2-Personal,WPA2-Personal,WPA2-Enterprise";
}

// Sum of the traffic of the gateway's stations on a band: (sent to them, received from them).
std::pair<uint64_t, uint64_t> band_bytes(const View& v, Band b) {
  std::pair<uint64_t, uint64_t> t{0, 0};
  for (const auto& s : v.home.stations) {
    if (s.node == 0 && s.band == b && v.associated(s)) {
      t.first += v.station_down_bytes(s);
      t.second += v.station_up_bytes(s);
    }
  }
  return t;
}

void radio(const View& v, Emitter& e, Band b) {
  const uint8_t gen = std::min<uint8_t>(v.model.wifi_generation, 6);
  const bool enabled = v.radio_enabled(b);
  const uint8_t arg = static_cast<uint8_t>(band_index(b));
  stored(v, e, "Enable", ValueType::kBoolean, {}, boolean(enabled), Target::kRadioEnable, arg);
  e.ro("Status", ValueType::kString, [&] { return std::string(enabled ? "Up" : "Down"); });
  e.ro("Name", ValueType::kString, [&] { return "wl" + std::to_string(arg); });
  e.ro("Upstream", ValueType::kBoolean, [] { return std::string("false"); });
  e.ro("MaxBitRate", ValueType::kUnsignedInt, [&] {
    return u64(phy_rate_kbps(60, gen, b, b == Band::k2g ? 40 : 160, b == Band::k2g ? 2 : 4) / 1000);
  });
  e.ro("SupportedFrequencyBands", ValueType::kString, [&] { return std::string(band_name(b)); });
  e.rw("OperatingFrequencyBand", ValueType::kString, one_of(band_name(b)), Hook{Target::kIgnore, 0},
       [&] { return std::string(band_name(b)); });
  const char* standards = radio_standards(b, v.model.wifi_generation);
  e.ro("SupportedStandards", ValueType::kString, [&] { return std::string(standards); });
  stored(v, e, "OperatingStandards", ValueType::kString, list_of(standards, 1), standards);
  e.ro("PossibleChannels", ValueType::kString, [&] { return std::string(possible_channels(b)); });
  e.ro("ChannelsInUse", ValueType::kString, [&] { return u64(v.channel(0, b)); });
  e.rw("Channel", ValueType::kUnsignedInt, channel_in(possible_channels(b)),
       Hook{Target::kRadioChannel, arg}, [&] { return u64(v.channel(0, b)); });
  e.ro("AutoChannelSupported", ValueType::kBoolean, [] { return std::string("true"); });
  stored(v, e, "AutoChannelEnable", ValueType::kBoolean, {}, "true", Target::kAutoChannel, arg);
  stored(v, e, "AutoChannelRefreshPeriod", ValueType::kUnsignedInt, {}, "0");
  e.ro("ChannelLastChange", ValueType::kUnsignedInt, [&] {
    const int64_t since = std::max(v.st.boot_ms, v.st.channel_change_ms[arg]);
    return u64(v.now > since ? static_cast<uint64_t>((v.now - since) / 1000) : 0);
  });
  e.ro("ChannelLastSelectionReason", ValueType::kString, [&] {
    return std::string(v.st.manual_channel_changes[arg] > 0 ? "Manual" : "Auto_Startup");
  });
  e.ro("MaxSupportedSSIDs", ValueType::kUnsignedInt, [] { return std::string("4"); });
  e.ro("MaxSupportedAssociations", ValueType::kUnsignedInt, [&] { return u64(v.model.max_stations); });
  const char* widths = bandwidths(b, v.model.wifi_generation);
  e.ro("SupportedOperatingChannelBandwidths", ValueType::kString, [&] { return std::string(widths); });
  stored(v, e, "OperatingChannelBandwidth", ValueType::kString, one_of(widths),
         width_name(v.width(0, b)), Target::kRadioWidth, arg);
  e.ro("CurrentOperatingChannelBandwidth", ValueType::kString, [&] { return width_name(v.width(0, b)); });
  stored(v, e, "GuardInterval", ValueType::kString, one_of("400nsec,800nsec,Auto"), "Auto");
  e.ro("TransmitPowerSupported", ValueType::kString, [] { return std::string(kTxPowerSupported); });
  stored(v, e, "TransmitPower", ValueType::kInt, one_of(kTxPowerSupported),
         i64(tx_power_percent(v.home.nodes[0].tx_power_dbm)), Target::kRadioTxPower, arg);
  e.ro("IEEE80211hSupported", ValueType::kBoolean, [&] { return std::string(boolean(b != Band::k2g)); });
  stored(v, e, "IEEE80211hEnabled", ValueType::kBoolean, {}, boolean(b != Band::k2g));
  stored(v, e, "RegulatoryDomain", ValueType::kString, length(3, 3), v.model.country + " ");
  Scope stats(e, "Stats");
  if (!stats) return;
  std::optional<std::pair<uint64_t, uint64_t>> bytes;
  auto tx_rx = [&]() -> const std::pair<uint64_t, uint64_t>& {
    if (!bytes) bytes = band_bytes(v, b);
    return *bytes;
  };
  e.ro("BytesSent", ValueType::kUnsignedLong, [&] { return u64(tx_rx().first); });
  e.ro("BytesReceived", ValueType::kUnsignedLong, [&] { return u64(tx_rx().second); });
  e.ro("PacketsSent", ValueType::kUnsignedLong, [&] { return u64(tx_rx().first / 1200); });
  e.ro("PacketsReceived", ValueType::kUnsignedLong, [&] { return u64(tx_rx().second / 400); });
  e.ro("ErrorsSent", ValueType::kUnsignedInt, [] { return std::string("0"); });
  e.ro("ErrorsReceived", ValueType::kUnsignedInt, [&] { return u64(tx_rx().second / 400 / 2000); });
  e.ro("FCSErrorCount", ValueType::kUnsignedInt, [&] {
    return u64(static_cast<uint64_t>(tx_rx().second / 400 * v.util(0, b).interference / 10));
  });
  e.ro("Noise", ValueType::kInt, [&] { return i64(std::lround(v.radio_noise_dbm(b))); });
  e.ro("TotalChannelChangeCount", ValueType::kUnsignedInt, [&] { return u64(v.st.manual_channel_changes[arg]); });
  e.ro("ManualChannelChangeCount", ValueType::kUnsignedInt, [&] { return u64(v.st.manual_channel_changes[arg]); });
  if (!v.model.vendor_prefix.empty()) {
    e.ro(v.model.vendor_prefix + "ChannelUtilization", ValueType::kUnsignedInt,
         [&] { return u64(share_percent(v.util(0, b).total)); });
    e.ro(v.model.vendor_prefix + "NeighbourBSSCount", ValueType::kUnsignedInt,
         [&] { return u64(overlapping_neighbours(v.home, b, v.channel(0, b), v.width(0, b))); });
  }
}

void ssid(const View& v, Emitter& e, const Bss& s) {
  const uint8_t arg = static_cast<uint8_t>(band_index(s.band));
  const bool up = s.added ? false : s.guest ? v.home.wifi.guest_enabled && v.radio_enabled(s.band)
                                            : v.radio_enabled(s.band);
  const Mac bssid = v.home.nodes[0].mac.plus(static_cast<uint8_t>(s.guest ? 5 + arg : 2 + arg));
  if (s.added) {
    stored(v, e, "Enable", ValueType::kBoolean, {}, "false");
  } else if (s.guest) {
    stored(v, e, "Enable", ValueType::kBoolean, {}, boolean(v.home.wifi.guest_enabled), Target::kGuestEnable);
  } else {
    stored(v, e, "Enable", ValueType::kBoolean, {}, boolean(v.radio_enabled(s.band)), Target::kRadioEnable, arg);
  }
  e.ro("Status", ValueType::kString, [&] { return std::string(up ? "Up" : "Down"); });
  e.ro("Name", ValueType::kString, [&] { return "wl" + std::to_string(arg) + (s.guest ? ".1" : ""); });
  stored(v, e, "LowerLayers", ValueType::kString, length(0, 1024), "Device.WiFi.Radio." + u64(radio_instance(v, s.band)),
         Target::kIgnore);
  e.ro("BSSID", ValueType::kString, [&] { return s.added ? std::string() : v.mac(bssid); });
  e.ro("MACAddress", ValueType::kString, [&] { return s.added ? std::string() : v.mac(bssid); });
  if (s.added) {
    stored(v, e, "SSID", ValueType::kString, length(1, 32), "");
  } else {
    stored(v, e, "SSID", ValueType::kString, length(1, 32), s.guest ? v.home.wifi.guest_ssid : v.home.wifi.ssid,
           Target::kSsid, s.guest ? 1 : 0);
  }
  Scope stats(e, "Stats");
  if (!stats) return;
  std::optional<std::pair<uint64_t, uint64_t>> bytes;
  auto tx_rx = [&]() -> const std::pair<uint64_t, uint64_t>& {
    if (!bytes) bytes = s.guest || s.added ? std::pair<uint64_t, uint64_t>{0, 0} : band_bytes(v, s.band);
    return *bytes;
  };
  e.ro("BytesSent", ValueType::kUnsignedLong, [&] { return u64(tx_rx().first); });
  e.ro("BytesReceived", ValueType::kUnsignedLong, [&] { return u64(tx_rx().second); });
  e.ro("PacketsSent", ValueType::kUnsignedLong, [&] { return u64(tx_rx().first / 1200); });
  e.ro("PacketsReceived", ValueType::kUnsignedLong, [&] { return u64(tx_rx().second / 400); });
  e.ro("ErrorsSent", ValueType::kUnsignedInt, [] { return std::string("0"); });
  e.ro("ErrorsReceived", ValueType::kUnsignedInt, [] { return std::string("0"); });
  e.ro("RetransCount", ValueType::kUnsignedInt, [&] {
    uint64_t r = 0;
    for (size_t i = 0; i < v.home.stations.size() && !s.guest && !s.added; ++i) {
      const Station& st = v.home.stations[i];
      if (st.node == 0 && st.band == s.band && v.associated(st)) {
        r += static_cast<uint64_t>(v.station_down_bytes(st) / 1200 * v.link(i).retransmission_ratio);
      }
    }
    return u64(r & 0xffffffffu);
  });
}

void associated_device(const View& v, Emitter& e, size_t index) {
  const Station& s = v.home.stations[index];
  e.ro("MACAddress", ValueType::kString, [&] { return v.mac(s.mac); });
  e.ro("OperatingStandard", ValueType::kString, [&] { return std::string(station_standard(s)); });
  e.ro("AuthenticationState", ValueType::kBoolean, [] { return std::string("true"); });
  e.ro("LastDataDownlinkRate", ValueType::kUnsignedInt,
       [&] { return u64(std::max<uint32_t>(1000, v.link(index).phy_down_kbps)); });
  e.ro("LastDataUplinkRate", ValueType::kUnsignedInt,
       [&] { return u64(std::max<uint32_t>(1000, v.link(index).phy_up_kbps)); });
  e.ro("MaxSupportedDataDownlinkRate", ValueType::kUnsignedInt, [&] { return u64(v.link(index).max_phy_kbps); });
  e.ro("AssociationTime", ValueType::kDateTime, [&] { return v.iso(v.associated_since_ms(s)); });
  e.ro("SignalStrength", ValueType::kInt, [&] { return i64(std::lround(v.link(index).signal_dbm)); });
  e.ro("Noise", ValueType::kInt, [&] { return i64(std::lround(v.link(index).noise_dbm)); });
  e.ro("SNR", ValueType::kUnsignedInt, [&] { return u64(std::max<long>(0, std::lround(v.link(index).snr_db))); });
  e.ro("Retransmissions", ValueType::kUnsignedInt,
       [&] { return u64(share_percent(v.link(index).retransmission_ratio)); });
  e.ro("Active", ValueType::kBoolean, [] { return std::string("true"); });
  Scope stats(e, "Stats");
  if (!stats) return;
  e.ro("BytesSent", ValueType::kUnsignedLong, [&] { return u64(v.station_down_bytes(s)); });
  e.ro("BytesReceived", ValueType::kUnsignedLong, [&] { return u64(v.station_up_bytes(s)); });
  e.ro("PacketsSent", ValueType::kUnsignedLong, [&] { return u64(v.station_down_bytes(s) / 1200); });
  e.ro("PacketsReceived", ValueType::kUnsignedLong, [&] { return u64(v.station_up_bytes(s) / 400); });
  e.ro("RetransCount", ValueType::kUnsignedInt, [&] {
    return u64(static_cast<uint64_t>(v.station_down_bytes(s) / 1200 * v.link(index).retransmission_ratio) &
               0xffffffffu);
  });
}

void access_point(const View& v, Emitter& e, const Bss& s, uint32_t ssid_instance) {
  const uint8_t arg = static_cast<uint8_t>(band_index(s.band));
  const std::vector<InstanceTable::Row>* rows =
      s.guest || s.added ? nullptr : &v.station_rows(assoc_table(s.band), 0, s.band);
  if (s.added) {
    stored(v, e, "Enable", ValueType::kBoolean, {}, "false");
  } else if (s.guest) {
    stored(v, e, "Enable", ValueType::kBoolean, {}, boolean(v.home.wifi.guest_enabled), Target::kGuestEnable);
  } else {
    stored(v, e, "Enable", ValueType::kBoolean, {}, boolean(v.radio_enabled(s.band)), Target::kRadioEnable, arg);
  }
  const bool on = s.added ? false : s.guest ? v.home.wifi.guest_enabled : v.radio_enabled(s.band);
  e.ro("Status", ValueType::kString, [&] { return std::string(on ? "Enabled" : "Disabled"); });
  stored(v, e, "SSIDReference", ValueType::kString, length(0, 256),
         s.added ? std::string() : "Device.WiFi.SSID." + u64(ssid_instance),
         s.added ? Target::kStore : Target::kIgnore);
  stored(v, e, "SSIDAdvertisementEnabled", ValueType::kBoolean, {}, "true");
  stored(v, e, "WMMEnable", ValueType::kBoolean, {}, "true");
  stored(v, e, "IsolationEnable", ValueType::kBoolean, {}, boolean(s.guest));
  stored(v, e, "MaxAssociatedDevices", ValueType::kUnsignedInt, {}, u64(v.model.max_stations));
  e.ro("AssociatedDeviceNumberOfEntries", ValueType::kUnsignedInt, [&] { return u64(rows ? rows->size() : 0); });
  if (Scope sec{e, "Security"}) {
    const char* modes = modes_supported(v);
    e.ro("ModesSupported", ValueType::kString, [&] { return std::string(modes); });
    stored(v, e, "ModeEnabled", ValueType::kString, one_of(modes), "WPA2-Personal");
    secret(v, e, "KeyPassphrase", length(8, 63), s.added ? Target::kStore : Target::kPassphrase,
           s.guest ? 1 : 0);
  }
  Scope table(e, "AssociatedDevice");
  if (!table || rows == nullptr) return;
  for (const auto& row : *rows) {
    Scope inst(e, row.instance);
    if (inst) associated_device(v, e, row.index);
  }
}

}  // namespace

uint32_t radio_instance(const View& v, Band b) {
  uint32_t n = 0;
  for (int i = 0; i <= band_index(b); ++i) n += v.node_has_band(0, band_at(i)) ? 1 : 0;
  return n;
}

void tr181_wifi(const View& v, Emitter& e) {
  Scope wifi(e, "WiFi");
  if (!wifi) return;
  const std::vector<Bss> ssids = all_bss(v, "Device.WiFi.SSID.");
  const std::vector<Bss> aps = all_bss(v, "Device.WiFi.AccessPoint.");
  const uint32_t radios = radio_instance(v, Band::k6g);
  e.ro("RadioNumberOfEntries", ValueType::kUnsignedInt, [&] { return u64(radios); });
  e.ro("SSIDNumberOfEntries", ValueType::kUnsignedInt, [&] { return u64(ssids.size()); });
  e.ro("AccessPointNumberOfEntries", ValueType::kUnsignedInt, [&] { return u64(aps.size()); });
  e.ro("EndPointNumberOfEntries", ValueType::kUnsignedInt, [] { return std::string("0"); });
  if (!v.model.vendor_prefix.empty()) {
    e.rw(v.model.vendor_prefix + "BandSteeringEnable", ValueType::kBoolean, {}, Hook{Target::kBandSteering, 0},
         [&] { return std::string(boolean(v.home.wifi.band_steering)); });
  }
  if (Scope table{e, "Radio"}) {
    for (int b = 0; b < kBandCount; ++b) {
      if (!v.node_has_band(0, band_at(b))) continue;
      Scope inst(e, radio_instance(v, band_at(b)));
      if (inst) radio(v, e, band_at(b));
    }
  }
  if (Scope table{e, "SSID", true}) {
    for (const Bss& s : ssids) {
      Scope inst(e, s.instance);
      if (inst) ssid(v, e, s);
    }
  }
  if (Scope table{e, "AccessPoint", true}) {
    for (const Bss& s : aps) {
      Scope inst(e, s.instance);
      if (inst) access_point(v, e, s, s.instance);
    }
  }
  if (Scope scan{e, "NeighboringWiFiDiagnostic"}) diagnostics_leaves(v, e, DiagnosticKind::kNeighboringWiFi);
  tr181_data_elements(v, e);
}

}  // namespace hearth::sim::model
