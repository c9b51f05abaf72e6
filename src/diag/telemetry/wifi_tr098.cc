// TR-098 Wi-Fi (tr069.md 7.4): LANDevice.1.WLANConfiguration.{i} rows merge radio, SSID and
// access point. The first row of a band stands for the radio (its path is the one to write);
// the band comes from the channel (TR-098 has no band). Stations are the AssociatedDevice rows
// of every row of the band, with the signal, SNR, noise, rates and uptime TR-098 lacks taken from
// vendor parameters by suffix (<prefix>RSSI, SNR, Noise in dBm/dB, TxRate/RxRate in Mbit/s,
// Uptime in s). Join failures: the vendor <prefix>AuthFailures counter, else TotalPSKFailures.
#include <algorithm>

#include "core/strings.h"
#include "diag/telemetry/builder.h"
#include "diag/telemetry/codes.h"

namespace hearth::diag::telemetry {
namespace {

constexpr const char* kTable = "InternetGatewayDevice.LANDevice.1.WLANConfiguration.";

Band band_of(const Builder& b, const std::string& wp) {
  if (auto band = band_of_channel(static_cast<int>(b.tree.integer(wp + "Channel").value_or(0)))) return *band;
  // Channel 0 while auto channel selection runs: the standards or channels the row offers.
  const std::string_view standard = b.tree.str(wp + "Standard");
  if (starts_with(standard, "a") || standard.find("ac") != std::string_view::npos) return Band::k5g;
  const std::vector<int> channels = parse_channels(b.tree.str(wp + "PossibleChannels"));
  return !channels.empty() && channels.back() > 14 ? Band::k5g : Band::k2g;
}

void read_row_radio(Builder& b, Radio& r, const std::string& wp) {
  r.path = wp;
  r.enabled = b.tree.boolean(wp + "RadioEnabled").value_or(b.tree.boolean(wp + "Enable").value_or(true));
  const int64_t channel = b.tree.integer(wp + "Channel").value_or(-1);
  r.channel = channel > 0 ? static_cast<int>(channel) : -1;
  r.auto_channel = b.tree.boolean(wp + "AutoChannelEnable").value_or(false);
  r.possible_channels = parse_channels(b.tree.str(wp + "PossibleChannels"));
  const double power = b.tree.number(wp + "TransmitPower");
  if (known(power) && power >= 0 && power <= 100) r.tx_power_pct = power;
}

void read_station(Builder& b, const std::string& ad, Band band, std::vector<double>& noise) {
  const std::string mac = mac_key(b.tree.str(ad + "AssociatedDeviceMACAddress"));
  if (mac.empty()) return;
  bool created = false;
  Station& s = b.station(mac, &created);
  if (!created) return;
  s.node = 0;
  s.band = band;
  double signal = vendor_number(b.tree, ad, "RSSI");
  if (!known(signal)) signal = vendor_number(b.tree, ad, "SignalStrength");
  if (known(signal) && signal < 0) s.signal_dbm = signal;
  const double snr = vendor_number(b.tree, ad, "SNR");
  if (known(snr) && snr > 0) s.snr_db = snr;
  const double n = vendor_number(b.tree, ad, "Noise");
  if (known(n) && n < 0) noise.push_back(n);
  double down = vendor_number(b.tree, ad, "TxRate");
  if (!known(down)) down = b.tree.number(ad + "LastDataTransmitRate");
  const double up = vendor_number(b.tree, ad, "RxRate");
  if (known(down) && down > 0) s.phy_down_mbps = down;
  if (known(up) && up > 0) s.phy_up_mbps = up;
  const double uptime = vendor_number(b.tree, ad, "Uptime");
  if (known(uptime) && uptime >= 0) s.associated_s = static_cast<int64_t>(uptime);
}

}  // namespace

void read_wifi_tr098(Builder& b) {
  std::vector<std::vector<double>> noise(3);
  for (uint32_t i : b.tree.instances(kTable)) {
    const std::string wp = kTable + std::to_string(i) + ".";
    const Band band = band_of(b, wp);
    Radio& r = b.radio(0, band);
    if (r.path.empty()) read_row_radio(b, r, wp);
    const double util = vendor_number(b.tree, wp, "ChannelUtilization");
    if (!known(r.utilisation_pct) && known(util) && util >= 0 && util <= 100) r.utilisation_pct = util;
    double neighbours = vendor_number(b.tree, wp, "NeighbourBSSCount");
    if (!known(neighbours)) neighbours = vendor_number(b.tree, wp, "NeighborBSSCount");
    if (r.neighbour_bss < 0 && known(neighbours) && neighbours >= 0) r.neighbour_bss = static_cast<int>(neighbours);
    const std::string table = wp + "AssociatedDevice.";
    for (uint32_t k : b.tree.instances(table)) {
      read_station(b, table + std::to_string(k) + ".", band, noise[static_cast<size_t>(band)]);
    }
    const cwmp::ParameterValue* failures = vendor_value(b.tree, wp, "AuthFailures");
    if (failures == nullptr) failures = b.tree.find(wp + "TotalPSKFailures");
    const int64_t d = b.counters.delta("wlan/" + std::to_string(i) + "/auth_failures", failures, 32);
    if (d > 0) b.snap.join_failures.count += static_cast<int>(std::min<int64_t>(d, 1'000'000));
  }
  // TR-098 has no radio noise: the noise floor the stations' rows report, averaged.
  for (Radio& r : b.snap.radios) {
    const std::vector<double>& n = noise[static_cast<size_t>(r.band)];
    if (!known(r.noise_dbm) && !n.empty()) {
      double sum = 0;
      for (double v : n) sum += v;
      r.noise_dbm = sum / static_cast<double>(n.size());
    }
  }
}

}  // namespace hearth::diag::telemetry
