// WIFI-RTY-1, high retransmissions (wifi-rules.md 3c, 3g): a station's retransmissions per 100
// packets sent (attempts as the denominator, not successes) at or above retry_pct while it moves
// data; clears below retry_clear_pct. The text names the likely cause from what else is seen:
// a weak signal, a raised noise floor or a busy channel.
#include "diag/rules/rule_list.h"
#include "diag/rules/rule_support.h"

namespace hearth::diag::rules {
namespace {

bool retrying(const Station& s, const DiagConfig& config) {
  if (!s.active || !known(s.retrans_pct) || s.retrans_pct < config.retry_pct) return false;
  const double traffic = station_traffic_mbps(s);
  return !known(traffic) || traffic >= config.retry_min_mbps;
}

std::string likely_cause(const HomeSnapshot& snap, const Station& s, const DiagConfig& config) {
  if (known(s.signal_dbm) && s.signal_dbm < weak_signal_dbm(config, s.band)) return "a weak signal";
  const Radio* r = radio_of(snap, s);
  if (r != nullptr && known(r->noise_dbm) && r->noise_dbm > interference_noise_dbm(config, r->band))
    return "interference";
  if (r != nullptr && known(r->utilisation_pct) && r->utilisation_pct >= config.congestion_warn_pct)
    return "a busy channel";
  return "radio conditions";
}

}  // namespace

void wifi_rty_1(const RuleInput& in, const DiagConfig& config, std::vector<Observation>& out) {
  const HomeSnapshot* snap = in.latest();
  if (snap == nullptr || in.context.offline) return;
  for (const Station& s : snap->stations) {
    if (!known(s.retrans_pct) || s.retrans_pct < config.retry_clear_pct) continue;
    if (!retrying(s, config)) {
      out.push_back(band_only("WIFI-RTY-1", station_entity(s)));
      continue;
    }
    Observation o = raised("WIFI-RTY-1", station_entity(s), Severity::kWarning, 4);
    const std::string& mac = s.mac;
    o.since_ms = held_since(in.history, [&](const HomeSnapshot& h) {
      const Station* p = find_station(h, mac);
      return p != nullptr && retrying(*p, config);
    });
    o.window_from_ms = o.since_ms;
    o.evidence = {evidence("retransPct", s.retrans_pct, "%"),
                  evidence("thresholdPct", config.retry_pct, "%")};
    if (known(s.signal_dbm)) o.evidence.push_back(evidence("signalDbm", s.signal_dbm, "dBm"));
    const std::string name = station_name(s);
    const std::string cause = likely_cause(*snap, s, config);
    o.customer_text = "Much of the data to " + name + " has to be sent again (" +
                      num(s.retrans_pct) +
                      " in 100 packets), which makes it slow and calls or games stutter.";
    o.agent_text = "Station " + s.mac + " (" + name + ") on " + band_label(s.band) + " of " +
                   node_label(*snap, s.node) + ": retransmissions " + num(s.retrans_pct) +
                   "% >= " + num(config.retry_pct) + "%, signal " + num(s.signal_dbm) +
                   " dBm; likely cause: " + cause + ".";
    o.remedy = Remedy{
        RemedyKind::kAgent, "none",
        "Look at the signal and the channel of " + name + "; the retries come from " + cause + "."};
    out.push_back(std::move(o));
  }
}

}  // namespace hearth::diag::rules
