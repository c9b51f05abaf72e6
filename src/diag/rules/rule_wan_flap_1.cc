// WAN-FLAP-1, unstable internet line (wifi-rules.md 3f, 3g; Uplevel, UrbanX): at least
// wan_flap_min_drops WAN drops within wan_flap_window_ms, seen as the WAN going down between two
// snapshots, or as its connection uptime restarting while the router did not reboot. Clears
// when the window holds no drop.
#include "diag/rules/rule_list.h"
#include "diag/rules/rule_support.h"

namespace hearth::diag::rules {
namespace {

constexpr int64_t kSlackMs = 60'000;

bool dropped_between(const HomeSnapshot& a, const HomeSnapshot& b) {
  if (a.wan.up && !b.wan.up) return true;
  if (!a.wan.up || !b.wan.up) return false;
  const bool same_boot = a.device.uptime_s >= 0 && b.device.uptime_s >= a.device.uptime_s;
  if (!same_boot || a.wan.connection_uptime_s < 0 || b.wan.connection_uptime_s < 0) return false;
  // The connection is younger than the time between the snapshots allows: it restarted.
  return b.wan.connection_uptime_s * 1000 + kSlackMs <
         b.time_ms - a.time_ms + a.wan.connection_uptime_s * 1000;
}

}  // namespace

void wan_flap_1(const RuleInput& in, const DiagConfig& config, std::vector<Observation>& out) {
  const HomeSnapshot* snap = in.latest();
  if (snap == nullptr || in.context.offline) return;
  const int64_t from = snap->time_ms - config.wan_flap_window_ms;
  int drops = 0;
  int64_t first = 0;
  for (size_t i = in.history.size(); i-- > 1;) {
    if (in.history[i - 1].time_ms < from) break;
    if (dropped_between(in.history[i - 1], in.history[i])) {
      ++drops;
      first = in.history[i].time_ms;
    }
  }
  if (drops == 0) return;
  if (drops < config.wan_flap_min_drops) {
    out.push_back(band_only("WAN-FLAP-1", wan_entity()));
    return;
  }
  Observation o = raised("WAN-FLAP-1", wan_entity(), Severity::kWarning, 25);
  o.since_ms = first;
  o.window_from_ms = from;
  o.evidence = {
      evidence("drops", drops, "count"),
      evidence("windowMinutes", static_cast<double>(config.wan_flap_window_ms) / 60000.0, "min")};
  o.customer_text =
      "Your internet connection keeps dropping out (" + num(drops) + " times in the last hour).";
  o.agent_text = "WAN reconnected " + num(drops) + " times within " +
                 num(static_cast<double>(config.wan_flap_window_ms) / 60000.0) +
                 " min without a router reboot: line or PPP session instability.";
  o.remedy =
      Remedy{RemedyKind::kAgent, "contact-provider",
             "Check the line's error counters and the access node; open a proactive ticket."};
  out.push_back(std::move(o));
}

}  // namespace hearth::diag::rules
