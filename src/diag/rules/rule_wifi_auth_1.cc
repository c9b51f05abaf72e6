// WIFI-AUTH-1, clients failing to join (a wrong Wi-Fi password): at least auth_min_failures
// failed joins in the last auth_window_ms (JoinFailures of the snapshots in that window). Per
// station when the snapshots name the stations failing, else for the home. Clears when the
// window holds no failure.
#include <algorithm>
#include <map>

#include "diag/rules/rule_list.h"
#include "diag/rules/rule_support.h"

namespace hearth::diag::rules {
namespace {

struct Tally {
  int count = 0;
  int64_t first_ms = 0;
};

Observation failing(const std::string& who, Entity entity, const Tally& t, const DiagConfig& config,
                    int64_t window_from) {
  Observation o = raised("WIFI-AUTH-1", std::move(entity), Severity::kWarning, 10);
  o.since_ms = t.first_ms;
  o.window_from_ms = window_from;
  o.evidence = {
      evidence("failedJoins", t.count, "count"),
      evidence("windowMinutes", static_cast<double>(config.auth_window_ms) / 60000.0, "min")};
  o.customer_text = who + " keeps failing to connect to your Wi-Fi (" + num(t.count) +
                    " attempts), most likely because the Wi-Fi password entered on it is wrong.";
  o.agent_text = who + ": " + num(t.count) + " failed joins in the last " +
                 num(static_cast<double>(config.auth_window_ms) / 60000.0) +
                 " min (authentication failures).";
  o.remedy = Remedy{RemedyKind::kCustomer, "check-wifi-password",
                    "Enter the Wi-Fi password again on the device (it is printed on the router "
                    "unless you changed it)."};
  return o;
}

}  // namespace

void wifi_auth_1(const RuleInput& in, const DiagConfig& config, std::vector<Observation>& out) {
  const HomeSnapshot* snap = in.latest();
  if (snap == nullptr || in.context.offline) return;
  const int64_t from = snap->time_ms - config.auth_window_ms;
  Tally total;
  bool all_named = true;
  for (size_t i = in.history.size(); i-- > 0;) {
    const HomeSnapshot& h = in.history[i];
    if (h.time_ms <= from) break;
    if (h.join_failures.count <= 0) continue;
    total.count += h.join_failures.count;
    total.first_ms = h.time_ms;
    if (h.join_failures.macs.empty()) all_named = false;
  }
  if (total.count == 0) return;
  if (!all_named) {
    if (total.count < config.auth_min_failures) {
      out.push_back(band_only("WIFI-AUTH-1", home_entity()));
    } else {
      out.push_back(failing("A device", home_entity(), total, config, from));
    }
    return;
  }
  std::map<std::string, Tally> per_mac;
  for (size_t i = in.history.size(); i-- > 0;) {
    const HomeSnapshot& h = in.history[i];
    if (h.time_ms <= from) break;
    const int n = static_cast<int>(h.join_failures.macs.size());
    for (const std::string& mac : h.join_failures.macs) {
      Tally& t = per_mac[mac];
      // A snapshot that counts more failures than it names spreads them over the names.
      t.count += std::max(1, h.join_failures.count / std::max(n, 1));
      t.first_ms = h.time_ms;
    }
  }
  for (const auto& [mac, t] : per_mac) {
    const Entity e{EntityKind::kStation, mac, mac};
    if (t.count < config.auth_min_failures) {
      out.push_back(band_only("WIFI-AUTH-1", e));
    } else {
      out.push_back(failing("The device " + mac, e, t, config, from));
    }
  }
}

}  // namespace hearth::diag::rules
