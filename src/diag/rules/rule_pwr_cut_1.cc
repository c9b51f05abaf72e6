// PWR-CUT-1, power cut at the home: the home is offline and the access network's newest event for
// its line is a dying gasp (the ONT/modem reported losing power), outside a regional outage. An
// outage rule: opens at once and closes when the home is back.
#include "diag/rules/rule_list.h"
#include "diag/rules/rule_support.h"

namespace hearth::diag::rules {

void pwr_cut_1(const RuleInput& in, const DiagConfig& config, std::vector<Observation>& out) {
  (void)config;
  const HomeContext& c = in.context;
  if (!c.offline || c.regional_outage || c.line_event != "dying-gasp") return;
  Observation o = raised("PWR-CUT-1", device_entity(in), Severity::kCritical, 90);
  o.since_ms = c.line_event_ms > 0 ? std::min(c.line_event_ms, in.now_ms) : c.offline_since_ms;
  o.window_from_ms = o.since_ms;
  o.evidence = {evidence("offlineMinutes",
                         static_cast<double>(in.now_ms - c.offline_since_ms) / 60000.0, "min")};
  o.customer_text =
      "Your router has lost its power supply: check that it is plugged in and that the power in "
      "your home is on.";
  o.agent_text =
      "Offline after a dying gasp from the line terminal: the gateway lost power (not a line "
      "fault).";
  o.remedy = Remedy{
      RemedyKind::kCustomer, "none",
      "Check the router's power adapter and socket; it reconnects by itself when power returns."};
  out.push_back(std::move(o));
}

}  // namespace hearth::diag::rules
