// The gateway's Wi-Fi in TR-181 (tr069.md 7.4): Device.WiFi.Radio.{i} (band, channel, width,
// auto channel, possible channels, noise in dBm, vendor utilisation and neighbour counts), and
// the stations of AccessPoint.{i}.AssociatedDevice.{i}, each on the band of the radio its
// AccessPoint's SSID sits on (AccessPoint.SSIDReference -> SSID.LowerLayers -> Radio).
#include "core/strings.h"
#include "diag/telemetry/builder.h"
#include "diag/telemetry/codes.h"

namespace hearth::diag::telemetry {
namespace {

constexpr const char* kWiFi = "Device.WiFi.";

std::optional<Band> radio_band(const Builder& b, const std::string& rp) {
  std::optional<Band> band = parse_band(b.tree.str(rp + "OperatingFrequencyBand"));
  if (!band) band = parse_band(b.tree.str(rp + "SupportedFrequencyBands"));
  if (!band) band = band_of_channel(static_cast<int>(b.tree.integer(rp + "Channel").value_or(0)));
  return band;
}

void read_radio(Builder& b, const std::string& rp) {
  const std::optional<Band> band = radio_band(b, rp);
  if (!band) return;
  Radio& r = b.radio(0, *band);
  if (!r.path.empty()) return;  // a second radio on the band (tri-band): the first one stands
  r.path = rp;
  const std::string_view status = b.tree.str(rp + "Status");
  r.enabled = b.tree.boolean(rp + "Enable").value_or(true) &&
              (status.empty() || status == "Up" || status == "Dormant");
  r.channel = static_cast<int>(b.tree.integer(rp + "Channel").value_or(-1));
  r.width_mhz = parse_width(b.tree.str(rp + "CurrentOperatingChannelBandwidth"));
  if (r.width_mhz < 0) r.width_mhz = parse_width(b.tree.str(rp + "OperatingChannelBandwidth"));
  r.auto_channel = b.tree.boolean(rp + "AutoChannelEnable").value_or(false);
  r.possible_channels = parse_channels(b.tree.str(rp + "PossibleChannels"));
  r.noise_dbm = signal_dbm(b.tree.number(rp + "Stats.Noise"));
  const double tx_power = b.tree.number(rp + "TransmitPower");
  if (known(tx_power) && tx_power >= 0 && tx_power <= 100) r.tx_power_pct = tx_power;
  for (const std::string& object : {rp + "Stats.", rp}) {
    const double util = vendor_number(b.tree, object, "ChannelUtilization");
    if (!known(r.utilisation_pct) && known(util) && util >= 0 && util <= 100) r.utilisation_pct = util;
    for (std::string_view suffix : {"NeighbourBSSCount", "NeighborBSSCount"}) {
      const double n = vendor_number(b.tree, object, suffix);
      if (r.neighbour_bss < 0 && known(n) && n >= 0) r.neighbour_bss = static_cast<int>(n);
    }
  }
}

void read_associated(Builder& b, const std::string& ad, Band band) {
  const std::string mac = mac_key(b.tree.str(ad + "MACAddress"));
  if (mac.empty()) return;
  bool created = false;
  Station& s = b.station(mac, &created);
  if (!created) return;  // listed under two AccessPoints: the first row stands
  s.node = 0;
  s.band = band;
  b.sources.back().counters = ad + "Stats.";
  s.active = b.tree.boolean(ad + "Active").value_or(true);
  const double signal = b.tree.number(ad + "SignalStrength");
  if (known(signal) && signal < 0 && signal >= -200) s.signal_dbm = signal;
  const double snr = b.tree.number(ad + "SNR");
  if (known(snr) && snr > 0) s.snr_db = snr;
  const double down = b.tree.number(ad + "LastDataDownlinkRate");
  const double up = b.tree.number(ad + "LastDataUplinkRate");
  const double max = b.tree.number(ad + "MaxSupportedDataDownlinkRate");
  if (known(down)) s.phy_down_mbps = down / 1000.0;
  if (known(up)) s.phy_up_mbps = up / 1000.0;
  if (known(max) && max > 0) s.max_phy_mbps = max / 1000.0;
  s.generation = generation_of_standard(b.tree.str(ad + "OperatingStandard"));
  const double retrans = b.tree.number(ad + "Retransmissions");
  if (known(retrans) && retrans >= 0 && retrans <= 100) s.retrans_pct = retrans;
  if (auto since = b.tree.time_ms(ad + "AssociationTime"); since && *since <= b.snap.time_ms) {
    s.associated_s = (b.snap.time_ms - *since) / 1000;
  }
}

}  // namespace

void read_radios_tr181(Builder& b) {
  const std::string table = std::string(kWiFi) + "Radio.";
  for (uint32_t i : b.tree.instances(table)) read_radio(b, table + std::to_string(i) + ".");
}

void read_stations_tr181(Builder& b) {
  const std::string aps = std::string(kWiFi) + "AccessPoint.";
  for (uint32_t i : b.tree.instances(aps)) {
    const std::string ap = aps + std::to_string(i) + ".";
    std::string ssid = object_path(b.tree.str(ap + "SSIDReference"));
    if (ssid.empty()) ssid = std::string(kWiFi) + "SSID." + std::to_string(i) + ".";
    // LowerLayers is a list; an SSID has one radio below it.
    const std::string_view lower = b.tree.str(ssid + "LowerLayers");
    const std::string radio = object_path(lower.substr(0, lower.find(',')));
    const std::optional<Band> band = radio.empty() ? std::nullopt : radio_band(b, radio);
    if (!band) continue;  // an AccessPoint on no known radio
    const std::string table = ap + "AssociatedDevice.";
    for (uint32_t k : b.tree.instances(table)) read_associated(b, table + std::to_string(k) + ".", *band);
  }
}

}  // namespace hearth::diag::telemetry
