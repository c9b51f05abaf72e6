// WIFI-PHY-1, slow link (wifi-rules.md 3c, 3g): a station's downlink PHY rate below
// slow_link_share of what its capability (MaxSupportedDataDownlinkRate) should reach at its
// SNR, while it moves data; clears at slow_link_clear_share. The expected share of the maximum
// rises with the SNR the way MCS tables do once the wider channels' higher noise is allowed for:
// nothing much below 10 dB, all of it from 40 dB.
#include <algorithm>

#include "diag/rules/rule_list.h"
#include "diag/rules/rule_support.h"

namespace hearth::diag::rules {
namespace {

// The PHY rate (Mbit/s) the station should reach; NaN when it cannot be told.
double expected_mbps(const Station& s, const HomeSnapshot& snap) {
  const double snr = station_snr_db(snap, s);
  if (!known(snr) || !known(s.max_phy_mbps) || s.max_phy_mbps <= 0) return kUnknown;
  return s.max_phy_mbps * std::clamp((snr - 10.0) / 30.0, 0.02, 1.0);
}

bool moving_data(const Station& s, const DiagConfig& config) {
  const double traffic = station_traffic_mbps(s);
  return !known(traffic) || traffic >= config.slow_link_min_mbps;
}

bool slow(const Station& s, const HomeSnapshot& snap, const DiagConfig& config, double share) {
  if (!s.active || !known(s.phy_down_mbps) || !moving_data(s, config)) return false;
  const double expected = expected_mbps(s, snap);
  return known(expected) && s.phy_down_mbps < share * expected;
}

}  // namespace

void wifi_phy_1(const RuleInput& in, const DiagConfig& config, std::vector<Observation>& out) {
  const HomeSnapshot* snap = in.latest();
  if (snap == nullptr || in.context.offline) return;
  for (const Station& s : snap->stations) {
    if (!slow(s, *snap, config, config.slow_link_clear_share)) continue;
    if (!slow(s, *snap, config, config.slow_link_share)) {
      out.push_back(band_only("WIFI-PHY-1", station_entity(s)));
      continue;
    }
    const double expected = expected_mbps(s, *snap);
    Observation o = raised("WIFI-PHY-1", station_entity(s), Severity::kWarning, 4);
    const std::string& mac = s.mac;
    o.since_ms = held_since(in.history, [&](const HomeSnapshot& h) {
      const Station* p = find_station(h, mac);
      return p != nullptr && slow(*p, h, config, config.slow_link_share);
    });
    o.window_from_ms = o.since_ms;
    o.evidence = {evidence("phyDownMbps", s.phy_down_mbps, "Mbit/s"),
                  evidence("expectedMbps", expected, "Mbit/s"),
                  evidence("maxPhyMbps", s.max_phy_mbps, "Mbit/s"),
                  evidence("snrDb", station_snr_db(*snap, s), "dB")};
    const std::string name = station_name(s);
    o.customer_text = name + " connects to the Wi-Fi much more slowly (" + num(s.phy_down_mbps) +
                      " Mbit/s) than it could where it is (about " + num(expected) + " Mbit/s).";
    o.agent_text = "Station " + s.mac + " (" + name + "): downlink PHY " + num(s.phy_down_mbps) +
                   " Mbit/s < " + num(config.slow_link_share * 100) + "% of " + num(expected) +
                   " Mbit/s expected at SNR " + num(station_snr_db(*snap, s)) + " dB (capability " +
                   num(s.max_phy_mbps) +
                   " Mbit/s): an RF problem (interference at the client) or a client power-save or "
                   "driver issue.";
    o.remedy =
        Remedy{RemedyKind::kCustomer, "reboot",
               "Restart " + name +
                   " or update its software; if that does not help, the agent checks the channel."};
    out.push_back(std::move(o));
  }
}

}  // namespace hearth::diag::rules
