// OUT-REG-1, regional outage (wifi-rules.md 3f, 3g): the home is offline and its access node (OLT
// port, DSLAM, cable node) has many homes offline at once (HomeContext::regional_outage, decided by
// the service over the whole access node). Individual troubleshooting is pointless then. An
// outage rule: opens at once and closes when the home is back.
#include "diag/rules/rule_list.h"
#include "diag/rules/rule_support.h"

namespace hearth::diag::rules {

void out_reg_1(const RuleInput& in, const DiagConfig& config, std::vector<Observation>& out) {
  (void)config;
  const HomeContext& c = in.context;
  if (!c.offline || !c.regional_outage) return;
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
  o.agent_text = "Regional outage on access node " +
                 (c.access_node_id.empty() ? std::string("(unknown)") : c.access_node_id) +
                 ": many homes offline at once. Suppress individual troubleshooting.";
  o.remedy =
      Remedy{RemedyKind::kNone, "wait-for-repair", "Wait for the repair of the access network."};
  out.push_back(std::move(o));
}

}  // namespace hearth::diag::rules
