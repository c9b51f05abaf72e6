// The radio model: pure functions of a home's state. Path loss from distance, walls and floors;
// signal, noise, SNR and PHY rate per station; channel utilisation from the home's own traffic,
// the neighbours on overlapping channels and injected interference; mesh backhaul quality.
// Monotonic where it should be (tested): farther is weaker, more same-channel neighbours means
// more utilisation, moving a radio away from them lowers it.
#pragma once

#include <cstdint>

#include "sim/world.h"

namespace hearth::sim {

struct LinkMetrics {
  float signal_dbm = 0;        // RSSI at the receiver (a station's signal as the AP hears it)
  float noise_dbm = 0;
  float snr_db = 0;
  uint32_t phy_down_kbps = 0;  // last data downlink rate (AP -> station)
  uint32_t phy_up_kbps = 0;    // last data uplink rate
  uint32_t max_phy_kbps = 0;   // what the pair could reach at an excellent signal (capability)
  float retransmission_ratio = 0;  // retries / attempts, 0..1
};

float path_loss_db(Band band, float distance_m, int walls, int floors);
// The link between a station and the node it is associated with (its band and channel).
LinkMetrics station_link(const Home& home, const Station& station);
// The same station as another node would hear it (roaming, sticky-client evidence).
LinkMetrics station_link_to(const Home& home, const Station& station, uint8_t node);
// The same station on a given node and band (what it would get there).
LinkMetrics station_link_on(const Home& home, const Station& station, uint8_t node, Band band);

// Where a station associates when it (re)joins: the strongest online node on 5 GHz when it is
// dual-band and that signal reaches kBandSteerDbm with band steering on (WifiConfig), or
// kClientPrefers5gDbm without it (the client's own choice), else the strongest on 2.4 GHz.
struct Association {
  uint8_t node = 0;
  Band band = Band::k2g;
  float signal_dbm = -200;
};
inline constexpr float kBandSteerDbm = -72;
inline constexpr float kClientPrefers5gDbm = -65;
Association best_association(const Home& home, const Station& station);

// PHY rate (kbps) a link reaches at this SNR: the highest MCS whose SNR threshold (+3 dB per
// doubling of width, +3 dB per extra stream) is met, for 802.11n (generation 4), ac (5; n on
// 2.4 GHz) or ax (6). Below MCS 0: the legacy basic rate (1 Mbit/s on 2.4 GHz, 6 on 5 GHz).
uint32_t phy_rate_kbps(float snr_db, uint8_t generation, Band band, uint8_t width_mhz, uint8_t streams);
// Channel width a station of this generation uses on a radio configured to `node_width_mhz`.
uint8_t station_width_mhz(uint8_t generation, Band band, uint8_t node_width_mhz);
// Signal (dBm) between two nodes of the home on a band (mesh backhaul, co-channel contention).
float node_to_node_dbm(const Home& home, uint8_t a, uint8_t b, Band band);
// An extender's link to its backhaul parent (wireless backhaul on 5 GHz); wired: excellent.
LinkMetrics backhaul_link(const Home& home, uint8_t node);
// Airtime in use on the channel a node's radio is on, 0..1, and how it splits.
struct Utilisation {
  float total = 0;      // own + neighbours + interference, capped at 1
  float own = 0;        // this home's stations and nodes
  float neighbours = 0;
  float interference = 0;
};
Utilisation channel_utilisation(const Home& home, uint8_t node, Band band);
// Neighbouring BSSs whose channel overlaps the given one (same band).
int overlapping_neighbours(const Home& home, Band band, uint8_t channel, uint8_t width_mhz);
// The channel on a band as the node uses it.
uint8_t node_channel(const Node& node, Band band);

}  // namespace hearth::sim
