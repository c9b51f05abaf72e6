// Pieces the rules share: labels of entities for people, lookups across the history, how long a
// condition has held, evidence and number formatting, and the per-band thresholds. Not a public
// contract; rules.h (diagnosis.h) is.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "diag/config.h"
#include "diag/diagnosis.h"
#include "diag/snapshot.h"

namespace hearth::diag::rules {

// ---- names for people ----
const char* band_label(Band b);                              // "2.4 GHz", "5 GHz", "6 GHz"
std::string station_name(const Station& s);                  // hostname, else the MAC
std::string node_label(const HomeSnapshot& snap, int node);  // "the router", "extender 2"
std::string radio_label(const HomeSnapshot& snap,
                        const Radio& radio);  // "the 2.4 GHz Wi-Fi of the router"

Entity home_entity();
Entity wan_entity();
Entity device_entity(const RuleInput& in);
Entity node_entity(const HomeSnapshot& snap, int node);
Entity radio_entity(const HomeSnapshot& snap, const Radio& radio);
Entity station_entity(const Station& s);

// ---- lookups ----
const Station* find_station(const HomeSnapshot& snap, const std::string& mac);
const Radio* find_radio(const HomeSnapshot& snap, const std::string& id);
const Radio* radio_of(const HomeSnapshot& snap, const Station& s);  // nullptr when unknown

// The time of the oldest snapshot of the newest unbroken run of snapshots for which `holds` is
// true; 0 when it is false for the newest one. Walks back only as far as the run goes.
template <typename Pred>
int64_t held_since(std::span<const HomeSnapshot> history, Pred holds) {
  int64_t since = 0;
  for (size_t i = history.size(); i-- > 0;) {
    if (!holds(history[i])) break;
    since = history[i].time_ms;
  }
  return since;
}

// Samples in [from_ms, newest] for which `verdict` is not -1 (not applicable), and how many of
// them said 1.
struct WindowCount {
  int samples = 0;
  int hits = 0;
  int64_t first_hit_ms = 0;
};
template <typename Verdict>
WindowCount count_in_window(std::span<const HomeSnapshot> history, int64_t from_ms,
                            Verdict verdict) {
  WindowCount c;
  for (size_t i = history.size(); i-- > 0;) {
    if (history[i].time_ms < from_ms) break;
    const int v = verdict(history[i]);
    if (v < 0) continue;
    ++c.samples;
    if (v > 0) {
      ++c.hits;
      c.first_hit_ms = history[i].time_ms;
    }
  }
  return c;
}

// ---- thresholds and derived numbers ----
double weak_signal_dbm(const DiagConfig& config, Band b);
double interference_noise_dbm(const DiagConfig& config, Band b);
// Traffic of a station (down + up, Mbit/s); NaN when unknown.
double station_traffic_mbps(const Station& s);
// Share (percent) of the airtime the station's traffic takes at its downlink PHY rate; NaN
// when the traffic or the rate is unknown.
double station_airtime_pct(const Station& s, const DiagConfig& config);
// The station's SNR: reported, else its signal over its radio's noise floor, else over a typical
// floor (-95 dBm at 2.4 GHz, -100 dBm above); NaN without a signal.
double station_snr_db(const HomeSnapshot& snap, const Station& s);
// A legacy or slow client (config.h WIFI-PHY-2): 802.11a/b/g, Wi-Fi 4 on 5/6 GHz, or a
// capability no better than legacy_max_phy_<band>_mbps (MaxSupportedDataDownlinkRate, else the
// PHY rate it reaches at legacy_good_snr_db or more). Not known to be slow: false.
bool is_slow_client(const HomeSnapshot& snap, const Station& s, const DiagConfig& config);
// Whether the gateway runs a version older than `latest` (numeric parts compared in order).
bool version_older(const std::string& running, const std::string& latest);

// ---- observations ----
Evidence evidence(const char* name, double value, const char* unit);
// "-82", "12.5": numbers for texts, without needless decimals.
std::string num(double v, int decimals = 0);
Observation raised(const char* code, Entity entity, Severity severity, int health_cost);
Observation band_only(const char* code, Entity entity);  // neither raise nor clear

}  // namespace hearth::diag::rules
