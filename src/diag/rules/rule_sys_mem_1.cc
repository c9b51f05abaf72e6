// SYS-MEM-1, router running out of memory: free memory below memory_low_pct of the total, or
// falling steadily within the current boot (a leak): over the newest memory_min_span_ms or more
// of snapshots, the least-squares slope falls by memory_leak_pct_per_hour of the total or more and
// at least memory_falling_steps of the steps go down. Clears when free memory is at least
// memory_clear_low_pct and, over the current boot's snapshots, no longer falls faster than
// memory_clear_pct_per_hour.
#include "diag/rules/rule_list.h"
#include "diag/rules/rule_support.h"

namespace hearth::diag::rules {
namespace {

struct Trend {
  double slope_pct_per_hour = 0;  // over the whole run of the current boot; negative: falling
  bool leaking = false;           // some recent stretch falls like a leak
  int64_t leak_from_ms = 0;       // the start of the longest such stretch
  double leak_slope = 0;
  int64_t span_ms = 0;
  int samples = 0;
};

// Free memory over the snapshots of the current boot, newest first: the slope of every stretch
// that ends with the newest snapshot (least squares, accumulated while walking back), and whether
// one spanning at least memory_min_span_ms falls like a leak.
Trend trend(std::span<const HomeSnapshot> history, const DiagConfig& config) {
  Trend t;
  if (history.empty()) return t;
  const HomeSnapshot& last = history.back();
  const double total = last.device.memory_total_kib;
  double sx = 0, sy = 0, sxx = 0, sxy = 0;
  int n = 0, steps = 0, falling = 0;
  for (size_t i = history.size(); i-- > 0;) {
    const HomeSnapshot& h = history[i];
    if (i + 1 < history.size()) {
      const HomeSnapshot& next = history[i + 1];
      if (!known(h.device.memory_free_kib) || h.device.memory_total_kib != total) break;
      if (h.device.uptime_s < 0 || next.device.uptime_s < h.device.uptime_s)
        break;  // a reboot between
      ++steps;
      if (next.device.memory_free_kib < h.device.memory_free_kib) ++falling;
    }
    const double x = static_cast<double>(h.time_ms - last.time_ms) / 3'600'000.0;
    const double y = 100.0 * h.device.memory_free_kib / total;
    sx += x;
    sy += y;
    sxx += x * x;
    sxy += x * y;
    ++n;
    const double den = n * sxx - sx * sx;
    if (n < 3 || den <= 0) continue;
    const double slope = (n * sxy - sx * sy) / den;
    t.slope_pct_per_hour = slope;
    t.span_ms = last.time_ms - h.time_ms;
    t.samples = n;
    if (t.span_ms >= config.memory_min_span_ms && slope <= -config.memory_leak_pct_per_hour &&
        falling >= config.memory_falling_steps * steps) {
      t.leaking = true;
      t.leak_from_ms = h.time_ms;
      t.leak_slope = slope;
    }
  }
  return t;
}

}  // namespace

void sys_mem_1(const RuleInput& in, const DiagConfig& config, std::vector<Observation>& out) {
  const HomeSnapshot* snap = in.latest();
  if (snap == nullptr || in.context.offline) return;
  const DeviceHealth& d = snap->device;
  if (!known(d.memory_total_kib) || !known(d.memory_free_kib) || d.memory_total_kib <= 0) return;
  const double free_pct = 100.0 * d.memory_free_kib / d.memory_total_kib;
  const Trend t = trend(in.history, config);
  const bool low = free_pct < config.memory_low_pct;
  const bool leaking = t.leaking;
  if (!low && !leaking) {
    const bool clear = free_pct >= config.memory_clear_low_pct &&
                       t.slope_pct_per_hour > -config.memory_clear_pct_per_hour;
    if (!clear) out.push_back(band_only("SYS-MEM-1", device_entity(in)));
    return;
  }
  Observation o = raised("SYS-MEM-1", device_entity(in), Severity::kWarning, low ? 25 : 15);
  o.since_ms = leaking ? t.leak_from_ms : snap->time_ms;
  o.window_from_ms = leaking ? t.leak_from_ms : snap->time_ms - t.span_ms;
  o.evidence = {evidence("memoryFreePct", free_pct, "%"),
                evidence("memoryFreeKib", d.memory_free_kib, "KiB"),
                evidence("slopePctPerHour", leaking ? t.leak_slope : t.slope_pct_per_hour, "%/h")};
  const double hours_left = leaking ? free_pct / -t.leak_slope : kUnknown;
  o.customer_text = "Your router is running low on memory" +
                    std::string(leaking ? " and will soon restart by itself" : "") +
                    "; a restart now frees it, a software update fixes it for good.";
  o.agent_text =
      "Free memory " + num(free_pct, 1) + "% (" + num(d.memory_free_kib) + " KiB)" +
      (leaking ? ", falling " + num(-t.leak_slope, 1) + "%/h over " +
                     num(static_cast<double>(snap->time_ms - t.leak_from_ms) / 60000.0) +
                     " min: a leak in firmware " + d.software_version +
                     (known(hours_left) ? ", exhausted in about " + num(hours_left, 1) + " h" : "")
               : std::string()) +
      ".";
  o.remedy = Remedy{
      RemedyKind::kAgent, "upgrade-firmware",
      "Restart the router in a quiet hour, and upgrade its firmware if a fixed version exists."};
  out.push_back(std::move(o));
}

}  // namespace hearth::diag::rules
