// WIFI-COV-1, weak client signal and coverage holes (wifi-rules.md 3a, 3g).
// Per station: data RSSI below weak_signal_<band>_dbm in at least weak_min_share of the samples
// of the last weak_window_ms, the newest included; clears at the threshold + weak_clear_margin_db.
// Per node, a coverage hole: stations raising here that are below coverage_hole_dbm number at
// least coverage_hole_min_clients, or at least coverage_hole_min_share of the node's clients
// (Cisco CHD). Stations another node hears clearly better are sticky (WIFI-COV-2), not a hole.
#include <algorithm>

#include "diag/rules/rule_list.h"
#include "diag/rules/rule_support.h"

namespace hearth::diag::rules {
namespace {

bool heard_better_elsewhere(const Station& s, const DiagConfig& config) {
  for (const Station::Heard& h : s.heard_by) {
    if (h.node != s.node && known(h.signal_dbm) &&
        h.signal_dbm >= s.signal_dbm + config.sticky_better_db)
      return true;
  }
  return false;
}

struct NodeCount {
  int clients = 0;
  int near_hole = 0;                 // below the hole level + margin (for clearing)
  std::vector<const Station*> hole;  // raising and below the hole level
  int64_t since = 0;
};

bool is_hole(int count, int clients, const DiagConfig& config) {
  if (count >= config.coverage_hole_min_clients) return true;
  return count >= config.coverage_hole_share_min_clients && clients > 0 &&
         static_cast<double>(count) >= config.coverage_hole_min_share * clients;
}

Observation station_finding(const HomeSnapshot& snap, const Station& s, double threshold,
                            const WindowCount& wc, int64_t window_from) {
  Observation o = raised("WIFI-COV-1", station_entity(s), Severity::kWarning, 6);
  o.evidence = {
      evidence("signalDbm", s.signal_dbm, "dBm"), evidence("thresholdDbm", threshold, "dBm"),
      evidence("weakSamples", wc.hits, "count"), evidence("samples", wc.samples, "count")};
  if (known(s.snr_db)) o.evidence.push_back(evidence("snrDb", s.snr_db, "dB"));
  o.window_from_ms = window_from;
  const std::string name = station_name(s);
  const bool has_extender = snap.nodes.size() > 1;
  o.customer_text = "The Wi-Fi signal reaches " + name + " only weakly (" + num(s.signal_dbm) +
                    " dBm), so it can be slow or lose its connection.";
  o.agent_text = "Station " + s.mac + " (" + name + ") on " + band_label(s.band) + " of " +
                 node_label(snap, s.node) + ": signal " + num(s.signal_dbm) + " dBm < " +
                 num(threshold) + " dBm in " + num(wc.hits) + "/" + num(wc.samples) + " samples" +
                 (known(s.snr_db) ? ", SNR " + num(s.snr_db) + " dB" : "") + ".";
  o.remedy =
      has_extender
          ? Remedy{RemedyKind::kCustomer, "move-extender",
                   "Move " + name +
                       " closer to the router or an extender, or place an extender between them."}
          : Remedy{RemedyKind::kRecommendation, "add-extender",
                   "Move " + name +
                       " closer to the router, or add a mesh extender halfway between them."};
  return o;
}

Observation hole_finding(const HomeSnapshot& snap, int node, const NodeCount& c,
                         const DiagConfig& config, int64_t window_from) {
  Observation o = raised("WIFI-COV-1", node_entity(snap, node), Severity::kWarning, 20);
  std::string names;
  double worst = 0;
  for (size_t i = 0; i < c.hole.size(); ++i) {
    if (i > 0) names += i + 1 == c.hole.size() ? " and " : ", ";
    names += station_name(*c.hole[i]);
    worst = std::min(worst, c.hole[i]->signal_dbm);
  }
  o.evidence = {evidence("weakClients", static_cast<double>(c.hole.size()), "count"),
                evidence("clients", c.clients, "count"), evidence("worstSignalDbm", worst, "dBm"),
                evidence("holeThresholdDbm", config.coverage_hole_dbm, "dBm")};
  o.window_from_ms = window_from;
  o.since_ms = c.since;
  const std::string where = node_label(snap, node);
  o.customer_text = "The Wi-Fi does not reach part of your home well: " + names +
                    " get only a weak signal from " + where + ".";
  o.agent_text = "Coverage hole on " + where + ": " + num(static_cast<double>(c.hole.size())) +
                 " of " + num(c.clients) + " clients below " + num(config.coverage_hole_dbm) +
                 " dBm (worst " + num(worst) + " dBm): " + names + ".";
  o.remedy = Remedy{RemedyKind::kRecommendation, "add-extender",
                    "Add a mesh extender (or move the existing one) between " + where +
                        " and the rooms where " + names + " are used."};
  return o;
}

}  // namespace

void wifi_cov_1(const RuleInput& in, const DiagConfig& config, std::vector<Observation>& out) {
  const HomeSnapshot* snap = in.latest();
  if (snap == nullptr || in.context.offline) return;
  const int64_t window_from = snap->time_ms - config.weak_window_ms;
  std::vector<NodeCount> nodes;  // filled only when some station is near the hole level
  auto node_count = [&](int node) -> NodeCount& {
    if (nodes.empty()) {
      int n = static_cast<int>(snap->nodes.size());
      for (const Station& s : snap->stations) n = std::max(n, s.node + 1);
      nodes.resize(static_cast<size_t>(std::max(n, 1)));
      for (const Station& s : snap->stations) {
        if (s.active && s.node >= 0) ++nodes[static_cast<size_t>(s.node)].clients;
      }
    }
    return nodes[static_cast<size_t>(std::max(node, 0))];
  };
  for (const Station& s : snap->stations) {
    if (!s.active || !known(s.signal_dbm)) continue;
    const double threshold = weak_signal_dbm(config, s.band);
    const bool hole_level = !heard_better_elsewhere(s, config);
    if (s.signal_dbm < config.coverage_hole_dbm + config.weak_clear_margin_db && hole_level)
      ++node_count(s.node).near_hole;
    if (s.signal_dbm >= threshold + config.weak_clear_margin_db) continue;  // clear
    if (s.signal_dbm >= threshold) {
      out.push_back(band_only("WIFI-COV-1", station_entity(s)));
      continue;
    }
    const std::string& mac = s.mac;
    const WindowCount wc = count_in_window(in.history, window_from, [&](const HomeSnapshot& h) {
      const Station* p = find_station(h, mac);
      if (p == nullptr || !p->active || !known(p->signal_dbm)) return -1;
      return p->signal_dbm < weak_signal_dbm(config, p->band) ? 1 : 0;
    });
    if (wc.samples == 0 || wc.hits < config.weak_min_share * wc.samples) {
      out.push_back(band_only("WIFI-COV-1", station_entity(s)));
      continue;
    }
    Observation o = station_finding(*snap, s, threshold, wc, window_from);
    o.since_ms = held_since(in.history, [&](const HomeSnapshot& h) {
      const Station* p = find_station(h, mac);
      return p != nullptr && known(p->signal_dbm) &&
             p->signal_dbm < weak_signal_dbm(config, p->band);
    });
    if (s.signal_dbm < config.coverage_hole_dbm && hole_level) {
      NodeCount& nc = node_count(s.node);
      nc.hole.push_back(&s);
      nc.since = std::max(nc.since, o.since_ms);
    }
    out.push_back(std::move(o));
  }
  for (size_t node = 0; node < nodes.size(); ++node) {
    const NodeCount& c = nodes[node];
    if (is_hole(static_cast<int>(c.hole.size()), c.clients, config)) {
      out.push_back(hole_finding(*snap, static_cast<int>(node), c, config, window_from));
    } else if (c.near_hole > 0 && is_hole(c.near_hole, c.clients, config)) {
      out.push_back(band_only("WIFI-COV-1", node_entity(*snap, static_cast<int>(node))));
    }
  }
}

}  // namespace hearth::diag::rules
