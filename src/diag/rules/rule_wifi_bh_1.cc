// WIFI-BH-1, weak mesh backhaul (wifi-rules.md 3g, Plume pod health): an extender on a Wi-Fi
// backhaul whose signal is below backhaul_signal_dbm, or whose goodput (PHY rate x
// mac_efficiency) is below backhaul_demand_factor times the traffic of its clients. Clears at
// backhaul_clear_signal_dbm with enough goodput.
#include "diag/rules/rule_list.h"
#include "diag/rules/rule_support.h"

namespace hearth::diag::rules {
namespace {

double node_traffic_mbps(const HomeSnapshot& snap, int node) {
  double sum = kUnknown;
  for (const Station& s : snap.stations) {
    const double t = station_traffic_mbps(s);
    if (s.node == node && s.active && known(t)) sum = (known(sum) ? sum : 0) + t;
  }
  return sum;
}

bool wireless(const Node& n) {
  return !n.gateway && n.backhaul != "ethernet";
}

bool starved(const HomeSnapshot& snap, int node, const DiagConfig& config) {
  const Node& n = snap.nodes[static_cast<size_t>(node)];
  const double traffic = node_traffic_mbps(snap, node);
  return known(n.backhaul_phy_mbps) && known(traffic) && traffic >= 1.0 &&
         n.backhaul_phy_mbps * config.mac_efficiency < config.backhaul_demand_factor * traffic;
}

bool weak(const HomeSnapshot& snap, int node, const DiagConfig& config, double dbm) {
  if (node <= 0 || static_cast<size_t>(node) >= snap.nodes.size()) return false;
  const Node& n = snap.nodes[static_cast<size_t>(node)];
  if (!wireless(n)) return false;
  return (known(n.backhaul_signal_dbm) && n.backhaul_signal_dbm < dbm) ||
         starved(snap, node, config);
}

int node_index(const HomeSnapshot& snap, const std::string& id) {
  for (size_t i = 0; i < snap.nodes.size(); ++i) {
    if (snap.nodes[i].id == id) return static_cast<int>(i);
  }
  return -1;
}

}  // namespace

void wifi_bh_1(const RuleInput& in, const DiagConfig& config, std::vector<Observation>& out) {
  const HomeSnapshot* snap = in.latest();
  if (snap == nullptr || in.context.offline) return;
  for (size_t i = 1; i < snap->nodes.size(); ++i) {
    const Node& n = snap->nodes[i];
    const int node = static_cast<int>(i);
    if (!weak(*snap, node, config, config.backhaul_clear_signal_dbm)) continue;
    if (!weak(*snap, node, config, config.backhaul_signal_dbm)) {
      out.push_back(band_only("WIFI-BH-1", node_entity(*snap, node)));
      continue;
    }
    Observation o = raised("WIFI-BH-1", node_entity(*snap, node), Severity::kWarning, 20);
    const std::string& id = n.id;
    o.since_ms = held_since(in.history, [&](const HomeSnapshot& h) {
      const int k = node_index(h, id);
      return k > 0 && weak(h, k, config, config.backhaul_signal_dbm);
    });
    o.window_from_ms = o.since_ms;
    const double traffic = node_traffic_mbps(*snap, node);
    o.evidence = {evidence("backhaulSignalDbm", n.backhaul_signal_dbm, "dBm"),
                  evidence("backhaulPhyMbps", n.backhaul_phy_mbps, "Mbit/s"),
                  evidence("clientTrafficMbps", traffic, "Mbit/s"),
                  evidence("thresholdDbm", config.backhaul_signal_dbm, "dBm")};
    const std::string label = node_label(*snap, node);
    const std::string parent = node_label(*snap, n.parent);
    o.customer_text = "Your " + label + " is too far from " + parent + " (signal " +
                      num(n.backhaul_signal_dbm) +
                      " dBm), so every device connected through it is slow.";
    o.agent_text = "Node " + n.id + " (" + label + ") Wi-Fi backhaul to " + parent + ": signal " +
                   num(n.backhaul_signal_dbm) + " dBm (< " + num(config.backhaul_signal_dbm) +
                   " dBm raises), PHY " + num(n.backhaul_phy_mbps) + " Mbit/s, client traffic " +
                   num(traffic, 1) + " Mbit/s.";
    o.remedy = Remedy{
        RemedyKind::kCustomer, "move-extender",
        "Move " + label + " closer to " + parent +
            " (about halfway to the rooms it should cover), or connect it with a network cable."};
    out.push_back(std::move(o));
  }
}

}  // namespace hearth::diag::rules
