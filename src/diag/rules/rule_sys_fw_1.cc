// SYS-FW-1, firmware out of date (info): the gateway runs a version older than the newest known
// for its model (HomeContext::latest_firmware; numeric parts compared in order).
#include "diag/rules/rule_list.h"
#include "diag/rules/rule_support.h"

namespace hearth::diag::rules {

void sys_fw_1(const RuleInput& in, const DiagConfig& config, std::vector<Observation>& out) {
  (void)config;
  const HomeSnapshot* snap = in.latest();
  if (snap == nullptr || in.context.offline) return;
  const std::string& running = snap->device.software_version;
  if (!version_older(running, in.context.latest_firmware)) return;
  Observation o = raised("SYS-FW-1", device_entity(in), Severity::kInfo, 2);
  o.since_ms = held_since(in.history, [&](const HomeSnapshot& h) {
    return version_older(h.device.software_version, in.context.latest_firmware);
  });
  o.window_from_ms = o.since_ms;
  o.customer_text = "A newer software version is available for your router.";
  o.agent_text = "Firmware " + running + " is older than " + in.context.latest_firmware + ".";
  o.remedy = Remedy{
      RemedyKind::kAutomatic, "upgrade-firmware",
      "Upgrade the router to " + in.context.latest_firmware + " in the next maintenance window."};
  out.push_back(std::move(o));
}

}  // namespace hearth::diag::rules
