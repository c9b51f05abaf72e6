// Wi-Fi encodings (codes.h). Operating classes: IEEE 802.11-2020 Annex E table E-4.
#include "diag/telemetry/codes.h"

#include "core/strings.h"
#include "diag/telemetry.h"

namespace hearth::diag::telemetry {

std::optional<Band> parse_band(std::string_view text) {
  text = trim(text);
  if (starts_with(text, "2.4")) return Band::k2g;
  if (starts_with(text, "5")) return Band::k5g;
  if (starts_with(text, "6")) return Band::k6g;
  return std::nullopt;
}

std::optional<Band> band_of_class(int c) {
  if (c >= 81 && c <= 84) return Band::k2g;
  if (c >= 115 && c <= 130) return Band::k5g;
  if (c >= 131 && c <= 137) return Band::k6g;
  return std::nullopt;
}

int width_of_class(int c) {
  switch (c) {
    case 81: case 82: case 115: case 118: case 121: case 124: case 125: case 131: case 136: return 20;
    case 83: case 84: case 116: case 117: case 119: case 120: case 122: case 123: case 126: case 127:
    case 132: return 40;
    case 128: case 133: return 80;
    case 129: case 130: case 134: case 135: return 160;  // 130, 135: 80+80
    case 137: return 320;
    default: return -1;
  }
}

std::optional<Band> band_of_channel(int channel) {
  if (channel >= 1 && channel <= 14) return Band::k2g;
  if (channel >= 32 && channel <= 177) return Band::k5g;
  return std::nullopt;
}

int parse_width(std::string_view text) {
  text = trim(text);
  int total = 0;
  for (std::string_view part : split(text, '+')) {
    size_t n = 0;
    while (n < part.size() && part[n] >= '0' && part[n] <= '9') ++n;
    auto v = parse_int64(part.substr(0, n));
    if (!v || *v <= 0 || *v > 320) return -1;
    total += static_cast<int>(*v);
  }
  return total > 0 && total <= 320 ? total : -1;
}

std::vector<int> parse_channels(std::string_view text) {
  std::vector<int> out;
  for (std::string_view item : split(text, ',')) {
    item = trim(item);
    const size_t dash = item.find('-');
    auto lo = parse_int64(item.substr(0, dash));
    auto hi = dash == std::string_view::npos ? lo : parse_int64(item.substr(dash + 1));
    if (!lo || !hi || *lo < 1 || *hi > 255 || *lo > *hi) continue;
    for (int64_t c = *lo; c <= *hi; ++c) out.push_back(static_cast<int>(c));
  }
  return out;
}

int generation_of_standard(std::string_view text) {
  text = trim(text);
  if (text == "be") return 7;
  if (text == "ax") return 6;
  if (text == "ac") return 5;
  if (text == "n") return 4;
  if (text == "a" || text == "b" || text == "g") return 3;
  return -1;
}

double signal_dbm(double value) {
  if (!known(value)) return kUnknown;
  return value < 0 ? value : rcpi_to_dbm(value);
}

}  // namespace hearth::diag::telemetry
