// Device.WiFi.NeighboringWiFiDiagnostic.Result.{i}. (tr069.md 7.4): Channel (unsignedInt),
// OperatingFrequencyBand ("2.4GHz", "5GHz", "6GHz"), OperatingChannelBandwidth ("20MHz" ..
// "320MHz-2", "Auto"), SignalStrength (int, dBm), BSSID. Rows are grouped by instance number
// whatever order the values came in; the band falls back to the channel number when not given.
#include <map>
#include <string_view>

#include "core/strings.h"
#include "diag/optimiser.h"

namespace hearth::diag {
namespace {

constexpr std::string_view kResult = "NeighboringWiFiDiagnostic.Result.";

struct Row {
  int channel = -1;
  std::string band;
  std::string width;
  double signal_dbm = kUnknown;
  std::string bssid;
};

Band band_of(std::string_view text, int channel) {
  std::string b;
  for (char c : text) {
    if (c != ' ') b += c;
  }
  if (iequals(b, "2.4GHz")) return Band::k2g;
  if (iequals(b, "5GHz")) return Band::k5g;
  if (iequals(b, "6GHz")) return Band::k6g;
  return channel <= 14 ? Band::k2g : Band::k5g;  // 6 GHz cannot be told from the number alone
}

// "20MHz", "160MHz", "320MHz-1", "80+80MHz": the leading number; "Auto" or nothing: 20.
int width_of(std::string_view text) {
  int mhz = 0;
  for (char c : trim(text)) {
    if (c < '0' || c > '9' || mhz > 1000) break;
    mhz = mhz * 10 + (c - '0');
  }
  return mhz > 0 ? mhz : 20;
}

}  // namespace

std::vector<NeighbourBss> parse_neighbour_scan(const std::vector<cwmp::ParameterValue>& values) {
  std::map<uint64_t, Row> rows;
  for (const auto& pv : values) {
    const size_t at = pv.name.find(kResult);
    if (at == std::string::npos) continue;
    const std::string_view rest = std::string_view(pv.name).substr(at + kResult.size());
    const size_t dot = rest.find('.');
    if (dot == std::string_view::npos) continue;
    const std::optional<uint64_t> instance = parse_uint64(rest.substr(0, dot));
    if (!instance) continue;
    const std::string_view leaf = rest.substr(dot + 1);
    const std::string_view value = trim(pv.value);
    Row& row = rows[*instance];
    if (leaf == "Channel") {
      const auto ch = parse_int64(value);
      row.channel = ch && *ch > 0 && *ch < 256 ? static_cast<int>(*ch) : -1;
    } else if (leaf == "OperatingFrequencyBand") {
      row.band = std::string(value);
    } else if (leaf == "OperatingChannelBandwidth") {
      row.width = std::string(value);
    } else if (leaf == "SignalStrength") {
      const auto dbm = parse_int64(value);
      // 0 and positive values are placeholders of stacks that did not measure.
      if (dbm && *dbm < 0 && *dbm >= -200) row.signal_dbm = static_cast<double>(*dbm);
    } else if (leaf == "BSSID") {
      row.bssid = to_lower(value);
    }
  }
  std::vector<NeighbourBss> out;
  out.reserve(rows.size());
  for (const auto& [instance, row] : rows) {
    if (row.channel <= 0) continue;
    NeighbourBss n;
    n.band = band_of(row.band, row.channel);
    n.channel = row.channel;
    n.width_mhz = width_of(row.width);
    n.signal_dbm = row.signal_dbm;
    n.bssid = row.bssid;
    out.push_back(std::move(n));
  }
  return out;
}

}  // namespace hearth::diag
