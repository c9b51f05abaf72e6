// WIFI-CAP-1, channel congestion (wifi-rules.md 3b, 3g): a radio's channel utilisation at or
// above congestion_warn_pct for congestion_window_ms, from the home's own traffic, more than
// congestion_clients clients or more than congestion_neighbour_bss overlapping networks
// (channel_load.h). Clears below congestion_clear_pct (Alcatel-style hysteresis). Above
// congestion_act_pct the finding costs more and recommends a channel re-plan.
#include "diag/rules/channel_load.h"
#include "diag/rules/rule_list.h"
#include "diag/rules/rule_support.h"

namespace hearth::diag::rules {

void wifi_cap_1(const RuleInput& in, const DiagConfig& config, std::vector<Observation>& out) {
  const HomeSnapshot* snap = in.latest();
  if (snap == nullptr || in.context.offline) return;
  for (const Radio& radio : snap->radios) {
    if (!radio.enabled || !known(radio.utilisation_pct) ||
        radio.utilisation_pct < config.congestion_clear_pct)
      continue;
    const RadioLoad load = radio_load(*snap, radio, config);
    if (!load.congestion()) continue;
    const int64_t since = radio.utilisation_pct >= config.congestion_warn_pct
                              ? busy_since(in.history, radio.id, config.congestion_warn_pct)
                              : 0;
    if (since == 0 || snap->time_ms - since < config.congestion_window_ms) {
      out.push_back(band_only("WIFI-CAP-1", radio_entity(*snap, radio)));
      continue;
    }
    const bool act = radio.utilisation_pct >= config.congestion_act_pct;
    Observation o =
        raised("WIFI-CAP-1", radio_entity(*snap, radio), Severity::kWarning, act ? 20 : 12);
    o.since_ms = since;
    o.window_from_ms = since;
    o.evidence = {evidence("utilisationPct", radio.utilisation_pct, "%"),
                  evidence("clients", load.clients, "count")};
    if (known(load.own_pct)) o.evidence.push_back(evidence("ownAirtimePct", load.own_pct, "%"));
    if (load.neighbours >= 0)
      o.evidence.push_back(evidence("neighbourBss", load.neighbours, "count"));
    if (radio.channel > 0) o.evidence.push_back(evidence("channel", radio.channel, "count"));
    const std::string label = radio_label(*snap, radio);
    o.customer_text = "The Wi-Fi channel of " + label + " is busy " + num(radio.utilisation_pct) +
                      "% of the time because of " + load_cause_text(load.cause) +
                      ", so devices on it are slowed down.";
    o.agent_text = "Radio " + radio.id + " channel " + num(radio.channel) + ": utilisation " +
                   num(radio.utilisation_pct) + "% >= " + num(config.congestion_warn_pct) +
                   "% for " + num(static_cast<double>(snap->time_ms - since) / 60000.0) +
                   " min; own " + num(load.own_pct) + "%, " + num(load.clients) + " clients, " +
                   (load.neighbours >= 0 ? num(load.neighbours) : "unknown") +
                   " overlapping BSSs; cause: " + load_cause_text(load.cause) + ".";
    if (load.cause == LoadCause::kOwnTraffic || load.cause == LoadCause::kClients) {
      o.remedy =
          Remedy{RemedyKind::kRecommendation, "steer-station",
                 radio.band == Band::k2g
                     ? "Move devices that can use 5 GHz off the 2.4 GHz band (band steering)."
                     : "Spread the devices over more access points or bands."};
    } else {
      o.remedy = Remedy{
          RemedyKind::kAutomatic, "change-channel",
          "Move " + label + " to a quieter channel (the self-optimisation does this at night)."};
    }
    out.push_back(std::move(o));
  }
}

}  // namespace hearth::diag::rules
