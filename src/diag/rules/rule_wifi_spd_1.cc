// WIFI-SPD-1, "slow internet" that is really the Wi-Fi (wifi-rules.md 3c, 3g WAN-SPD-1; Plume
// claim 5, ASSIA TruSpeed): the gateway's own speed test reaches at least wan_speed_share of the
// plan (the line is fine) while the typical (median) active station's Wi-Fi goodput
// (PHY rate x mac_efficiency) is below wifi_speed_share of that test and below
// wifi_speed_max_mbps. Its presence also tells the primary cause that a degraded ping alone is
// not the customer's main problem.
#include <algorithm>

#include "diag/rules/rule_list.h"
#include "diag/rules/rule_support.h"

namespace hearth::diag::rules {
namespace {

bool line_fine(const RuleInput& in, const Wan& wan, const DiagConfig& config, int64_t now_ms) {
  const SpeedResult& d = wan.download;
  return wan.up && d.time_ms > 0 && d.ok && known(d.mbps) &&
         now_ms - d.time_ms <= config.wan_test_max_age_ms && known(in.context.plan_down_mbps) &&
         d.mbps >= config.wan_speed_share * in.context.plan_down_mbps;
}

// Median goodput of the active stations (those moving data when traffic is known); NaN if none.
double median_goodput(const HomeSnapshot& snap, const DiagConfig& config, int* count) {
  std::vector<double> v;
  for (const Station& s : snap.stations) {
    if (!s.active || !known(s.phy_down_mbps)) continue;
    const double t = station_traffic_mbps(s);
    if (known(t) && t < 0.1) continue;
    v.push_back(s.phy_down_mbps * config.mac_efficiency);
  }
  *count = static_cast<int>(v.size());
  if (v.empty()) return kUnknown;
  const auto mid = v.begin() + static_cast<std::ptrdiff_t>(v.size() / 2);
  std::nth_element(v.begin(), mid, v.end());
  return *mid;
}

}  // namespace

void wifi_spd_1(const RuleInput& in, const DiagConfig& config, std::vector<Observation>& out) {
  const HomeSnapshot* snap = in.latest();
  if (snap == nullptr || in.context.offline) return;
  const int64_t now = snap->time_ms;
  if (!line_fine(in, snap->wan, config, now)) return;
  int stations = 0;
  const double goodput = median_goodput(*snap, config, &stations);
  if (!known(goodput)) return;
  const double wan = snap->wan.download.mbps;
  const double limit = std::min(config.wifi_speed_share * wan, config.wifi_speed_max_mbps);
  if (goodput >= limit * 1.2) return;
  if (goodput >= limit) {
    out.push_back(band_only("WIFI-SPD-1", home_entity()));
    return;
  }
  Observation o = raised("WIFI-SPD-1", home_entity(), Severity::kWarning, 8);
  o.since_ms = held_since(in.history, [&](const HomeSnapshot& h) {
    int n = 0;
    const double g = median_goodput(h, config, &n);
    return line_fine(in, h.wan, config, h.time_ms) && known(g) && g < limit;
  });
  o.window_from_ms = snap->wan.download.time_ms;
  o.evidence = {evidence("wanDownloadMbps", wan, "Mbit/s"),
                evidence("planDownMbps", in.context.plan_down_mbps, "Mbit/s"),
                evidence("medianWifiGoodputMbps", goodput, "Mbit/s"),
                evidence("stations", stations, "count")};
  o.customer_text = "Your internet line delivers " + num(wan) +
                    " Mbit/s, but your devices get only about " + num(goodput) +
                    " Mbit/s over the Wi-Fi: the Wi-Fi, not the line, limits your speed.";
  o.agent_text = "Speed test " + num(wan) + " Mbit/s (plan " + num(in.context.plan_down_mbps) +
                 " Mbit/s, line fine); median Wi-Fi goodput of " + num(stations) +
                 " active stations " + num(goodput, 1) + " Mbit/s (< " + num(limit) + " Mbit/s).";
  o.remedy =
      Remedy{RemedyKind::kRecommendation, "add-extender",
             "Improve the Wi-Fi where the devices are used (a mesh extender, or the 5 GHz band)."};
  out.push_back(std::move(o));
}

}  // namespace hearth::diag::rules
