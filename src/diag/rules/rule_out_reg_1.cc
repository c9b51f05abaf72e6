// OUT-REG-1, regional outage (wifi-rules.md 3f, 3g): the home is offline and its access node (OLT
// port, DSLAM, cable node) has many homes offline at once (HomeContext::regional_outage, decided by
// the service over the whole access node). Individual troubleshooting is pointless then. An
// outage rule: opens at once and closes when the home is back.
// A regional disturbance while the home is online is the other cause the service knows: many
// lines of the node degraded at once (slow, lossy, unstable). The internet works, but badly,
// because of the area; the home's own WAN findings are held back by the service, its Wi-Fi ones
// are still its own.
#include "diag/rules/rule_list.h"
#include "diag/rules/rule_support.h"

namespace hearth::diag::rules {

namespace {

std::string node_name(const HomeContext& c) {
  return c.access_node_id.empty() ? std::string("(unknown)") : c.access_node_id;
}

void degraded_area(const HomeContext& c, std::vector<Observation>& out) {
  Entity e{EntityKind::kHome, c.access_node_id,
           c.access_node_id.empty() ? "your area" : "access node " + c.access_node_id};
  Observation o = raised("OUT-REG-1", std::move(e), Severity::kCritical, 40);
  o.evidence = {evidence("degradedArea", 1, "flag")};
  o.customer_text =
      "Your internet is slow or unstable because of a fault in your area; our technicians are "
      "working on it. Your own equipment is fine and you do not need to do anything.";
  o.agent_text = "Regional degradation on access node " + node_name(c) +
                 ": many lines slow, lossy or unstable at once. The home is online; its WAN "
                 "findings are held back, its Wi-Fi findings are its own.";
  o.remedy =
      Remedy{RemedyKind::kNone, "wait-for-repair", "Wait for the repair of the access network."};
  out.push_back(std::move(o));
}

}  // namespace

void out_reg_1(const RuleInput& in, const DiagConfig& config, std::vector<Observation>& out) {
  (void)config;
  const HomeContext& c = in.context;
  if (!c.regional_outage) return;
  if (!c.offline) {
    degraded_area(c, out);
    return;
  }
  Entity e{EntityKind::kHome, c.access_node_id,
           c.access_node_id.empty() ? "your area" : "access node " + c.access_node_id};
  Observation o = raised("OUT-REG-1", std::move(e), Severity::kCritical, 90);
  o.since_ms = c.offline_since_ms;
  o.window_from_ms = c.offline_since_ms;
  o.evidence = {evidence("offlineMinutes",
                         static_cast<double>(in.now_ms - c.offline_since_ms) / 60000.0, "min")};
  o.customer_text =
      "There is an outage in your area; our technicians are working on it. Your own equipment is "
      "fine and you do not need to do anything.";
  o.agent_text = "Regional outage on access node " + node_name(c) +
                 ": many homes offline at once. Suppress individual troubleshooting.";
  o.remedy =
      Remedy{RemedyKind::kNone, "wait-for-repair", "Wait for the repair of the access network."};
  out.push_back(std::move(o));
}

}  // namespace hearth::diag::rules
