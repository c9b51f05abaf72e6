// Pieces of the radio model shared by its files (radio.cc, utilisation.cc); not a public contract.
#pragma once

#include <cstdint>

#include "sim/radio.h"

namespace hearth::sim::radio_detail {

// Both directions of a station-to-node link before channel load is taken into account.
struct RawLink {
  float up_signal_dbm = 0;    // the station as the node hears it
  float down_signal_dbm = 0;  // the node as the station hears it
  float noise_dbm = 0;
  uint32_t phy_down_kbps = 0;
  uint32_t phy_up_kbps = 0;
  uint32_t max_phy_kbps = 0;
};
RawLink raw_link(const Home& home, const Station& station, uint8_t node, Band band);
// Just raw_link's up_signal_dbm (no rates): for placement, association and roaming.
float uplink_signal_dbm(const Home& home, const Station& station, uint8_t node, Band band);

float noise_dbm(const Home& home, Band band);
uint8_t node_width(const Node& node, Band band);
bool radio_enabled(const Home& home, Band band);
// Retries / attempts from the downlink SNR, the channel's load and non-Wi-Fi interference.
float retransmission_ratio(float snr_db, float utilisation, float interference);
// Share (0..1) of a radio on (a_channel, a_width) that a transmitter on (b_channel, b_width)
// overlaps in the same band: 2.4 GHz channels 5 MHz apart with a 22 MHz mask (overlap within
// +-4 channels), 5 GHz by aligned width blocks.
float channel_overlap(Band band, uint8_t a_channel, uint8_t a_width, uint8_t b_channel, uint8_t b_width);
// Traffic (Mbit/s) that crosses an extender's backhaul: its stations and those of its children.
float extender_traffic_mbps(const Home& home, uint8_t node);
// Airtime share a signal level makes a transmitter occupy for us: 1 above the preamble-detect
// level (-82 dBm), falling to 0 at -95 dBm.
float contention_weight(float rssi_dbm);

inline constexpr float kMacEfficiency = 0.6f;  // goodput / PHY rate

}  // namespace hearth::sim::radio_detail
