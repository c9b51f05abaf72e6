// SYS-CRASH-1, router restarting repeatedly (wifi-rules.md 3f "reboot loops"): at least
// crash_min_boots boots within crash_window_ms, from the boots the service saw
// (HomeContext::boots_ms) and those the snapshots show (uptime restarting). Clears when the window
// holds crash_clear_boots or fewer.
#include <algorithm>

#include "diag/rules/rule_list.h"
#include "diag/rules/rule_support.h"

namespace hearth::diag::rules {
namespace {

constexpr int64_t kSameBootMs = 120'000;  // boot times this close are one boot

}  // namespace

void sys_crash_1(const RuleInput& in, const DiagConfig& config, std::vector<Observation>& out) {
  if (in.context.offline) return;
  const int64_t from = in.now_ms - config.crash_window_ms;
  std::vector<int64_t> boots;
  for (int64_t b : in.context.boots_ms) {
    if (b >= from && b <= in.now_ms) boots.push_back(b);
  }
  for (const HomeSnapshot& h : in.history) {
    if (h.device.uptime_s < 0) continue;
    const int64_t b = h.time_ms - h.device.uptime_s * 1000;
    if (b >= from && b <= in.now_ms) boots.push_back(b);
  }
  if (boots.empty()) return;
  std::sort(boots.begin(), boots.end());
  int count = 0;
  int64_t last = INT64_MIN / 2;
  int64_t first = 0;
  for (int64_t b : boots) {
    if (b - last > kSameBootMs) {
      ++count;
      if (first == 0) first = b;
    }
    last = b;
  }
  if (count <= config.crash_clear_boots) return;
  if (count < config.crash_min_boots) {
    out.push_back(band_only("SYS-CRASH-1", device_entity(in)));
    return;
  }
  Observation o = raised("SYS-CRASH-1", device_entity(in), Severity::kCritical, 40);
  o.since_ms = first;
  o.window_from_ms = from;
  o.evidence = {
      evidence("boots", count, "count"),
      evidence("windowMinutes", static_cast<double>(config.crash_window_ms) / 60000.0, "min")};
  const HomeSnapshot* snap = in.latest();
  if (snap != nullptr && snap->device.uptime_s >= 0) {
    o.evidence.push_back(evidence("uptimeS", static_cast<double>(snap->device.uptime_s), "s"));
  }
  o.customer_text = "Your router keeps restarting by itself (" + num(count) +
                    " times in the last hour), so the internet and Wi-Fi keep cutting out.";
  o.agent_text =
      "Crash loop: " + num(count) + " boots within " +
      num(static_cast<double>(config.crash_window_ms) / 60000.0) + " min" +
      (snap != nullptr ? ", firmware " + snap->device.software_version : std::string()) +
      ". Check for a faulty firmware image or hardware; replace the router if it continues.";
  o.remedy =
      Remedy{RemedyKind::kAgent, "replace-device",
             "Reinstall or upgrade the firmware; replace the router if it keeps restarting."};
  out.push_back(std::move(o));
}

}  // namespace hearth::diag::rules
