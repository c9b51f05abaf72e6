// WAN-DOWN-1, internet line down: the home is offline and the access network reported a loss of
// signal on its line (not a power cut, not a regional outage: those codes decide then); or the
// router still talks to us while its WAN interface has been down in the two newest snapshots
// (management over another path). An outage rule: opens at once (outage_persist_ms).
#include "diag/rules/rule_list.h"
#include "diag/rules/rule_support.h"

namespace hearth::diag::rules {
namespace {

void fill(Observation& o, const std::string& how) {
  o.customer_text = "Your internet line is down: the router has no connection to the internet.";
  o.agent_text = "WAN down: " + how + ".";
  o.remedy =
      Remedy{RemedyKind::kAgent, "contact-provider",
             "Check the line (fibre/DSL/cable) for a fault and book a repair if it stays down."};
}

}  // namespace

void wan_down_1(const RuleInput& in, const DiagConfig& config, std::vector<Observation>& out) {
  (void)config;
  const HomeContext& c = in.context;
  if (c.offline) {
    if (c.regional_outage || c.line_event != "loss-of-signal") return;
    Observation o = raised("WAN-DOWN-1", wan_entity(), Severity::kCritical, 90);
    o.since_ms = c.line_event_ms > 0 ? std::min(c.line_event_ms, in.now_ms) : c.offline_since_ms;
    o.window_from_ms = c.offline_since_ms;
    o.evidence = {evidence("offlineMinutes",
                           static_cast<double>(in.now_ms - c.offline_since_ms) / 60000.0, "min")};
    fill(o, "offline since the access network reported loss of signal on the line");
    out.push_back(std::move(o));
    return;
  }
  const HomeSnapshot* snap = in.latest();
  if (snap == nullptr || snap->wan.up || in.history.size() < 2) return;
  const HomeSnapshot& prev = in.history[in.history.size() - 2];
  if (prev.wan.up) return;
  Observation o = raised("WAN-DOWN-1", wan_entity(), Severity::kCritical, 90);
  o.since_ms = held_since(in.history, [](const HomeSnapshot& h) { return !h.wan.up; });
  o.window_from_ms = o.since_ms;
  o.evidence = {
      evidence("downMinutes", static_cast<double>(snap->time_ms - o.since_ms) / 60000.0, "min")};
  fill(o, "the WAN interface" +
              (snap->wan.access.empty() ? std::string() : " (" + snap->wan.access + ")") +
              " is not up in the last snapshots while the router still reaches the ACS");
  out.push_back(std::move(o));
}

}  // namespace hearth::diag::rules
