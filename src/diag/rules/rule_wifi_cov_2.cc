// WIFI-COV-2, sticky client (wifi-rules.md 3d, 3g): a station below sticky_signal_dbm on its
// node while another node of the home hears it at least sticky_better_db better
// (Station::heard_by, from DataElements UnassociatedSTA). Clears when its signal is back above
// the level + 3 dB or the other node's advantage fell below sticky_clear_better_db.
#include "diag/rules/rule_list.h"
#include "diag/rules/rule_support.h"

namespace hearth::diag::rules {
namespace {

// The node that hears the station best besides its own; -1 when none.
const Station::Heard* best_other(const Station& s) {
  const Station::Heard* best = nullptr;
  for (const Station::Heard& h : s.heard_by) {
    if (h.node == s.node || !known(h.signal_dbm)) continue;
    if (best == nullptr || h.signal_dbm > best->signal_dbm) best = &h;
  }
  return best;
}

bool sticky_now(const Station& s, const DiagConfig& config) {
  if (!s.active || !known(s.signal_dbm) || s.signal_dbm >= config.sticky_signal_dbm) return false;
  const Station::Heard* b = best_other(s);
  return b != nullptr && b->signal_dbm >= s.signal_dbm + config.sticky_better_db;
}

}  // namespace

void wifi_cov_2(const RuleInput& in, const DiagConfig& config, std::vector<Observation>& out) {
  const HomeSnapshot* snap = in.latest();
  if (snap == nullptr || in.context.offline) return;
  for (const Station& s : snap->stations) {
    if (s.heard_by.empty() || !known(s.signal_dbm)) continue;
    const Station::Heard* b = best_other(s);
    if (b == nullptr) continue;
    const double gain = b->signal_dbm - s.signal_dbm;
    if (!sticky_now(s, config)) {
      if (s.signal_dbm < config.sticky_signal_dbm + 3 && gain >= config.sticky_clear_better_db) {
        out.push_back(band_only("WIFI-COV-2", station_entity(s)));
      }
      continue;
    }
    Observation o = raised("WIFI-COV-2", station_entity(s), Severity::kWarning, 10);
    o.evidence = {evidence("signalDbm", s.signal_dbm, "dBm"),
                  evidence("otherNodeSignalDbm", b->signal_dbm, "dBm"),
                  evidence("gainDb", gain, "dB")};
    const std::string& mac = s.mac;
    o.since_ms = held_since(in.history, [&](const HomeSnapshot& h) {
      const Station* p = find_station(h, mac);
      return p != nullptr && sticky_now(*p, config);
    });
    o.window_from_ms = o.since_ms;
    const std::string name = station_name(s);
    const std::string here = node_label(*snap, s.node);
    const std::string there = node_label(*snap, b->node);
    o.customer_text = name + " stays connected to " + here + " with a weak signal (" +
                      num(s.signal_dbm) + " dBm) although " + there + " is much closer (" +
                      num(b->signal_dbm) + " dBm).";
    o.agent_text = "Sticky client " + s.mac + " (" + name + ") on " + here + " " +
                   band_label(s.band) + " at " + num(s.signal_dbm) + " dBm; " + there +
                   " hears it at " + num(b->signal_dbm) + " dBm (+" + num(gain) +
                   " dB). Steer with a BSS transition request (no disassociation imminent).";
    o.remedy =
        Remedy{RemedyKind::kCustomer, "steer-station",
               "Turn the Wi-Fi of " + name + " off and on again so that it joins " + there + "."};
    out.push_back(std::move(o));
  }
}

}  // namespace hearth::diag::rules
