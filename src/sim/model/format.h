// Text forms of the world's values as the data models write them: addresses, bands, channel
// lists, operating standards, signal encodings. Pure.
#pragma once

#include <cstdint>
#include <string>

#include "sim/world.h"

namespace hearth::sim::model {

inline constexpr int kBandCount = 3;
inline int band_index(Band b) { return static_cast<int>(b); }
inline Band band_at(int i) { return static_cast<Band>(i); }

// "aa:bb:cc:dd:ee:ff" (TR-181 models, OpenWrt style) or upper case (the TR-098 Huawei capture).
std::string mac_string(const Mac& mac, bool upper);
std::string ipv4_string(uint32_t host_order);
std::string mac_base64(const Mac& mac);  // the six bytes in base64 ("AlpeAAAS")
// Whether `s` is a dotted-quad IPv4 literal (no name resolution needed).
bool is_ipv4_literal(const std::string& s);

const char* band_name(Band b);                  // "2.4GHz", "5GHz", "6GHz"
const char* possible_channels(Band b);          // EU channel lists
const char* bandwidths(Band b, uint8_t wifi_generation);  // OperatingChannelBandwidth values
std::string width_name(uint8_t mhz);            // "80MHz"
uint8_t width_mhz(const std::string& name, Band b);  // "Auto" -> the band's usual width
// TR-181 OperatingStandards / SupportedStandards of a radio ("b,g,n,ax").
const char* radio_standards(Band b, uint8_t wifi_generation);
// TR-181 AssociatedDevice.OperatingStandard of a station on a band ("n", "ac", "ax").
const char* station_standard(const Station& s);
// TR-098 WLANConfiguration.Standard (the Huawei capture writes "b/g/n").
const char* tr098_standard(Band b);

// TransmitPower in percent of full power (TR-181 and TR-098) and back.
inline constexpr const char* kTxPowerSupported = "-1,12,25,50,75,100";
int tx_power_percent(int8_t dbm);
int8_t tx_power_dbm(int percent);

// IEEE 802.11 RCPI / ANPI encoding used by DataElements (tr069.md quirk 33): 2 * (dBm + 110),
// clamped to 0..220.
uint32_t rcpi(float dbm);
// Airtime share 0..1 as DataElements' 0..255 and as a percentage.
uint32_t share_255(float share);
uint32_t share_percent(float share);

std::string u64(uint64_t v);
std::string i64(int64_t v);
inline const char* boolean(bool v) { return v ? "true" : "false"; }

}  // namespace hearth::sim::model
