// DEV-OFFLINE-1, router offline for an unknown reason: offline (missed its informs) with neither a
// regional outage nor a line event that tells power from line. An outage rule: opens at once and
// closes when the home is back.
#include "diag/rules/rule_list.h"
#include "diag/rules/rule_support.h"

namespace hearth::diag::rules {

void dev_offline_1(const RuleInput& in, const DiagConfig& config, std::vector<Observation>& out) {
  (void)config;
  const HomeContext& c = in.context;
  if (!c.offline || c.regional_outage || c.line_event == "dying-gasp" ||
      c.line_event == "loss-of-signal")
    return;
  Observation o = raised("DEV-OFFLINE-1", device_entity(in), Severity::kCritical, 80);
  o.since_ms = c.offline_since_ms;
  o.window_from_ms = c.last_contact_ms;
  o.evidence = {evidence("offlineMinutes",
                         static_cast<double>(in.now_ms - c.offline_since_ms) / 60000.0, "min"),
                evidence("informIntervalS", static_cast<double>(c.expected_interval_s), "s")};
  o.customer_text =
      "Your router is not reachable. Check that it is switched on and its cables are plugged in, "
      "then restart it.";
  o.agent_text = "No inform since the last contact (interval " +
                 num(static_cast<double>(c.expected_interval_s)) +
                 " s); no line event and no regional outage: power, cabling or the router itself.";
  o.remedy =
      Remedy{RemedyKind::kCustomer, "reboot", "Check power and cables, then restart the router."};
  out.push_back(std::move(o));
}

}  // namespace hearth::diag::rules
