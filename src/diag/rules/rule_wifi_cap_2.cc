// WIFI-CAP-2, interference (wifi-rules.md 3b, 3g): a radio's channel utilisation at or above
// congestion_warn_pct for congestion_window_ms while neither the home's own traffic, many
// clients nor a crowd of overlapping networks explains it, or with a noise floor raised above
// interference_noise_<band>_dbm (a microwave oven, a baby monitor, a video sender).
// Clears below congestion_clear_pct.
#include "diag/rules/channel_load.h"
#include "diag/rules/rule_list.h"
#include "diag/rules/rule_support.h"

namespace hearth::diag::rules {

void wifi_cap_2(const RuleInput& in, const DiagConfig& config, std::vector<Observation>& out) {
  const HomeSnapshot* snap = in.latest();
  if (snap == nullptr || in.context.offline) return;
  for (const Radio& radio : snap->radios) {
    if (!radio.enabled || !known(radio.utilisation_pct) ||
        radio.utilisation_pct < config.congestion_clear_pct)
      continue;
    const RadioLoad load = radio_load(*snap, radio, config);
    if (load.congestion()) continue;
    const int64_t since = radio.utilisation_pct >= config.congestion_warn_pct
                              ? busy_since(in.history, radio.id, config.congestion_warn_pct)
                              : 0;
    if (since == 0 || snap->time_ms - since < config.congestion_window_ms) {
      out.push_back(band_only("WIFI-CAP-2", radio_entity(*snap, radio)));
      continue;
    }
    const bool act = radio.utilisation_pct >= config.congestion_act_pct;
    Observation o =
        raised("WIFI-CAP-2", radio_entity(*snap, radio), Severity::kWarning, act ? 20 : 12);
    o.since_ms = since;
    o.window_from_ms = since;
    o.evidence = {evidence("utilisationPct", radio.utilisation_pct, "%")};
    if (known(load.own_pct)) o.evidence.push_back(evidence("ownAirtimePct", load.own_pct, "%"));
    if (load.neighbours >= 0)
      o.evidence.push_back(evidence("neighbourBss", load.neighbours, "count"));
    if (known(radio.noise_dbm)) o.evidence.push_back(evidence("noiseDbm", radio.noise_dbm, "dBm"));
    if (radio.channel > 0) o.evidence.push_back(evidence("channel", radio.channel, "count"));
    const std::string label = radio_label(*snap, radio);
    o.customer_text =
        "Something near your router disturbs " + label + " (busy " + num(radio.utilisation_pct) +
        "% of the time" + (load.noise_raised ? ", with a raised noise level" : "") +
        "). Devices such as microwave ovens, baby monitors or video senders often cause this.";
    o.agent_text =
        "Radio " + radio.id + " channel " + num(radio.channel) + ": utilisation " +
        num(radio.utilisation_pct) + "% for " +
        num(static_cast<double>(snap->time_ms - since) / 60000.0) + " min, own airtime " +
        num(load.own_pct) + "%, " + (load.neighbours >= 0 ? num(load.neighbours) : "unknown") +
        " overlapping BSSs, noise " + num(radio.noise_dbm) + " dBm (raised above " +
        num(interference_noise_dbm(config, radio.band)) + ": " +
        (load.noise_raised ? "yes" : "no") + "): non-Wi-Fi interference or a few busy neighbours.";
    o.remedy = Remedy{RemedyKind::kAutomatic, "change-channel",
                      "Move " + label + " to another channel" +
                          (radio.band == Band::k2g ? " or move devices to 5 GHz" : "") +
                          "; keep the router away from microwave ovens and other radio devices."};
    out.push_back(std::move(o));
  }
}

}  // namespace hearth::diag::rules
