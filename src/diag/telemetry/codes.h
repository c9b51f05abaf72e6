// Wi-Fi encodings of the data models as snapshot values: bands from their names, IEEE operating
// classes or channel numbers; channel widths; channel lists; Wi-Fi generations from operating
// standards. Pure; internal to diag/telemetry.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "diag/snapshot.h"

namespace hearth::diag::telemetry {

// "2.4GHz", "5GHz", "6GHz" (OperatingFrequencyBand).
std::optional<Band> parse_band(std::string_view text);
// IEEE 802.11 Annex E global operating classes: 81-84 2.4 GHz, 115-130 5 GHz, 131-137 6 GHz.
std::optional<Band> band_of_class(int op_class);
int width_of_class(int op_class);  // MHz, -1 unknown
// A channel number without its band: 1-14 is 2.4 GHz, 32-177 is 5 GHz (6 GHz numbers overlap
// both, so this is for TR-098, which has no 6 GHz).
std::optional<Band> band_of_channel(int channel);
// "20MHz", "80MHz", "160MHz", "320MHz-1", "80+80MHz"; -1 for "Auto" or unknown.
int parse_width(std::string_view text);
// "1-13" or "36,40,44" or "1-11,13" (TR-181 list of channels or ranges).
std::vector<int> parse_channels(std::string_view text);
// OperatingStandard "be"/"ax"/"ac"/"n" -> 7/6/5/4, "a"/"b"/"g" -> 3, else -1.
int generation_of_standard(std::string_view text);
// A DataElements signal: RCPI (0..220) as dBm; a negative value is taken as dBm already (some
// firmware reports dBm despite the encoding).
double signal_dbm(double value);

}  // namespace hearth::diag::telemetry
