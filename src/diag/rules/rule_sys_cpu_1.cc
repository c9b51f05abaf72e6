// SYS-CPU-1, router overloaded: CPU use at or above cpu_pct in every snapshot of the last
// cpu_window_ms (the newest included, the run spanning the window); clears below cpu_clear_pct.
#include "diag/rules/rule_list.h"
#include "diag/rules/rule_support.h"

namespace hearth::diag::rules {

void sys_cpu_1(const RuleInput& in, const DiagConfig& config, std::vector<Observation>& out) {
  const HomeSnapshot* snap = in.latest();
  if (snap == nullptr || in.context.offline) return;
  const double cpu = snap->device.cpu_pct;
  if (!known(cpu) || cpu < config.cpu_clear_pct) return;
  const int64_t since = held_since(in.history, [&](const HomeSnapshot& h) {
    return known(h.device.cpu_pct) && h.device.cpu_pct >= config.cpu_pct;
  });
  if (since == 0 || snap->time_ms - since < config.cpu_window_ms) {
    out.push_back(band_only("SYS-CPU-1", device_entity(in)));
    return;
  }
  Observation o = raised("SYS-CPU-1", device_entity(in), Severity::kWarning, 10);
  o.since_ms = since;
  o.window_from_ms = since;
  o.evidence = {evidence("cpuPct", cpu, "%"), evidence("thresholdPct", config.cpu_pct, "%")};
  o.customer_text = "Your router is working at its limit (" + num(cpu) +
                    "% busy), which can slow everything down.";
  o.agent_text = "CPU " + num(cpu) + "% >= " + num(config.cpu_pct) + "% for " +
                 num(static_cast<double>(snap->time_ms - since) / 60000.0) + " min.";
  o.remedy = Remedy{RemedyKind::kCustomer, "reboot",
                    "Restart the router; if it stays busy, the agent checks it."};
  out.push_back(std::move(o));
}

}  // namespace hearth::diag::rules
