// Thresholds and windows of the diagnosis rules, with the defaults of wifi-rules.md 3g. Every
// field can be set from the [diagnosis] table of the configuration file by its name.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/result.h"

namespace hearth::diag {

struct DiagConfig {
  // Persistence: a raise condition must hold this long before a finding opens, a clear
  // condition this long before it closes. Rules may use multiples (documented in the rule).
  int64_t persist_ms = 5 * 60'000;
  int64_t clear_ms = 10 * 60'000;
  // Outage codes (OUT-REG-1, PWR-CUT-1, DEV-OFFLINE-1, WAN-DOWN-1 while offline): the service
  // already waited out a grace period before calling the home offline, so they open at once.
  int64_t outage_persist_ms = 0;
  int64_t outage_clear_ms = 0;

  // WIFI-COV-1: weak client signal (data RSSI), per band, "for >= 5 of the last 10 min".
  double weak_signal_2g_dbm = -75;
  double weak_signal_5g_dbm = -72;
  double weak_signal_6g_dbm = -72;
  double weak_clear_margin_db = 3;  // clears at threshold + margin
  int64_t weak_window_ms = 10 * 60'000;
  double weak_min_share = 0.5;  // share of the window's samples below the threshold
  // Coverage hole: clients below this on one node, >= hole_min_clients or >= hole_min_share of
  // the node's clients (at least hole_share_min_clients of them).
  double coverage_hole_dbm = -80;
  int coverage_hole_min_clients = 3;
  double coverage_hole_min_share = 0.25;
  int coverage_hole_share_min_clients = 2;

  // WIFI-COV-2: sticky client, weak on its node while another node hears it much better.
  double sticky_signal_dbm = -70;
  double sticky_better_db = 8;
  double sticky_clear_better_db = 4;

  // WIFI-CAP-1 / WIFI-CAP-2: channel utilisation sustained over the window.
  double congestion_warn_pct = 50;
  double congestion_act_pct = 70;
  double congestion_clear_pct = 40;
  int64_t congestion_window_ms = 10 * 60'000;
  int congestion_neighbour_bss = 30;       // more overlapping BSSs: a crowded channel (CAP-1)
  int congestion_clients = 30;             // more clients on the radio: too many clients (CAP-1)
  double congestion_own_share = 0.5;       // own airtime at least this share of the busy time
  double interference_noise_2g_dbm = -88;  // a noise floor above this is raised (CAP-2)
  double interference_noise_5g_dbm = -92;
  double interference_noise_rise_db =
      10;  // ... or a 2.4 GHz floor this far above the node's 5 GHz one

  // WIFI-RTY-1: retransmissions per 100 packets sent.
  double retry_pct = 20;
  double retry_clear_pct = 15;
  double retry_min_mbps = 0.05;  // only stations with some traffic (when known)

  // WIFI-PHY-1: PHY rate below this share of what the station's capability reaches at its SNR.
  double slow_link_share = 0.3;
  double slow_link_clear_share = 0.45;
  double slow_link_min_mbps = 0.5;  // only stations moving data (when known)

  // WIFI-PHY-2: a legacy or slow client using at least this share of its radio's airtime. Slow:
  // a capability (MaxSupportedDataDownlinkRate, else the rate it reaches at a good SNR) no better
  // than one 802.11n stream (2.4 GHz) or 802.11n at 40 MHz (5/6 GHz); 802.11a/b/g; Wi-Fi 4 on 5
  // GHz.
  double legacy_airtime_pct = 20;
  double legacy_clear_airtime_pct = 10;
  double legacy_max_phy_2g_mbps = 75;
  double legacy_max_phy_5g_mbps = 150;
  double legacy_good_snr_db = 23;
  // Without per-station traffic (TR-098): legacy clients on a radio this busy, not explained by
  // neighbours or interference.
  double legacy_radio_util_pct = 30;
  double legacy_radio_clear_util_pct = 20;
  int64_t legacy_radio_window_ms = 15 * 60'000;  // ... that busy for this long

  // WIFI-BH-1: mesh backhaul.
  double backhaul_signal_dbm = -70;
  double backhaul_clear_signal_dbm = -67;
  double backhaul_demand_factor = 2;  // backhaul goodput below this times its traffic

  // WIFI-AUTH-1: failed joins (wrong password) within the window.
  int auth_min_failures = 3;
  int64_t auth_window_ms = 15 * 60'000;

  // WIFI-SPD-1: the line is fine but the Wi-Fi is the bottleneck.
  double wifi_speed_share = 0.5;    // typical station goodput below this share of the WAN test
  double wifi_speed_max_mbps = 20;  // ... and below this
  double mac_efficiency = 0.6;      // goodput / PHY rate

  // WAN-SPD-1: speed test below this share of the plan, or a degraded ping.
  double wan_speed_share = 0.8;
  double wan_speed_clear_share = 0.85;
  double wan_latency_ms = 50;
  double wan_loss_pct = 10;
  int wan_loss_min_failures = 2;
  int64_t wan_test_max_age_ms = 7 * 3600'000LL;  // older test results are not used

  // WAN-FLAP-1: WAN reconnections within the window.
  int wan_flap_min_drops = 3;
  int64_t wan_flap_window_ms = 3600'000;

  // SYS-CRASH-1: boots within the window.
  int crash_min_boots = 3;
  int crash_clear_boots = 1;
  int64_t crash_window_ms = 3600'000;

  // SYS-MEM-1: free memory low, or falling steadily within one boot.
  double memory_low_pct = 10;
  double memory_clear_low_pct = 15;
  double memory_leak_pct_per_hour = 2;  // of the total memory
  double memory_clear_pct_per_hour = 0.5;
  int64_t memory_min_span_ms = 30 * 60'000;
  double memory_falling_steps = 0.7;  // share of the steps that go down

  // SYS-CPU-1: CPU load sustained over the window.
  double cpu_pct = 90;
  double cpu_clear_pct = 70;
  int64_t cpu_window_ms = 10 * 60'000;
};

// Sets one field by name from its text value (the configuration file); kInvalidArgument for an
// unknown name or a bad value.
Status set_diag_option(DiagConfig& config, const std::string& name, const std::string& value);

// The names set_diag_option accepts, in declaration order.
std::vector<std::string> diag_option_names();

}  // namespace hearth::diag
