// WAN-SPD-1, slow or degraded internet line (wifi-rules.md 3f, 3g; Meter's ISP degradation):
// the gateway's own download test (TR-143, not older than wan_test_max_age_ms) below
// wan_speed_share of the plan, or its ping (TR-143 IPPing) averaging above wan_latency_ms or
// losing at least wan_loss_pct of its packets (and at least wan_loss_min_failures). Clears when
// the newest results are fine again (a speed test at wan_speed_clear_share).
#include "diag/rules/rule_list.h"
#include "diag/rules/rule_support.h"

namespace hearth::diag::rules {
namespace {

bool fresh(int64_t time_ms, int64_t now_ms, const DiagConfig& config) {
  return time_ms > 0 && now_ms - time_ms <= config.wan_test_max_age_ms;
}

struct WanVerdict {
  bool slow = false;       // speed test below the raise share
  bool slow_band = false;  // between raise and clear share
  bool latency = false;
  bool loss = false;
  double loss_pct = 0;
  bool raise() const { return slow || latency || loss; }
};

WanVerdict judge(const RuleInput& in, const Wan& wan, int64_t now_ms, const DiagConfig& config) {
  WanVerdict v;
  const SpeedResult& d = wan.download;
  const double plan = in.context.plan_down_mbps;
  if (fresh(d.time_ms, now_ms, config) && d.ok && known(d.mbps) && known(plan) && plan > 0) {
    v.slow = d.mbps < config.wan_speed_share * plan;
    v.slow_band = !v.slow && d.mbps < config.wan_speed_clear_share * plan;
  }
  const PingResult& p = wan.ping;
  if (fresh(p.time_ms, now_ms, config) && p.ok) {
    v.latency = known(p.avg_ms) && p.success_count > 0 && p.avg_ms > config.wan_latency_ms;
    const uint32_t total = p.success_count + p.failure_count;
    v.loss_pct = total > 0 ? 100.0 * p.failure_count / total : 0;
    v.loss = static_cast<int>(p.failure_count) >= config.wan_loss_min_failures &&
             v.loss_pct >= config.wan_loss_pct;
  }
  return v;
}

}  // namespace

void wan_spd_1(const RuleInput& in, const DiagConfig& config, std::vector<Observation>& out) {
  const HomeSnapshot* snap = in.latest();
  if (snap == nullptr || in.context.offline || !snap->wan.up) return;
  const int64_t now = snap->time_ms;
  const WanVerdict v = judge(in, snap->wan, now, config);
  if (!v.raise()) {
    if (v.slow_band) out.push_back(band_only("WAN-SPD-1", wan_entity()));
    return;
  }
  const Wan& wan = snap->wan;
  Observation o = raised("WAN-SPD-1", wan_entity(), Severity::kWarning, 30);
  o.since_ms = held_since(in.history, [&](const HomeSnapshot& h) {
    return h.wan.up && judge(in, h.wan, h.time_ms, config).raise();
  });
  if (v.slow) o.since_ms = std::min(o.since_ms, wan.download.time_ms);
  if ((v.latency || v.loss) && wan.ping.time_ms > 0)
    o.since_ms = std::min(o.since_ms, wan.ping.time_ms);
  o.window_from_ms = o.since_ms;
  std::string what;
  if (v.slow) {
    o.evidence.push_back(evidence("downloadMbps", wan.download.mbps, "Mbit/s"));
    o.evidence.push_back(evidence("planDownMbps", in.context.plan_down_mbps, "Mbit/s"));
    what = "speed test " + num(wan.download.mbps) + " Mbit/s of " + num(in.context.plan_down_mbps) +
           " Mbit/s plan";
  }
  if (v.latency) {
    o.evidence.push_back(evidence("pingAvgMs", wan.ping.avg_ms, "ms"));
    what += (what.empty() ? "" : "; ") + std::string("ping ") + num(wan.ping.avg_ms) + " ms to " +
            wan.ping.host;
  }
  if (v.loss) {
    o.evidence.push_back(evidence("pingLossPct", v.loss_pct, "%"));
    what += (what.empty() ? "" : "; ") + std::string("ping loss ") + num(v.loss_pct) + "%";
  }
  o.customer_text =
      v.slow ? "Your internet line is slower than it should be (" + num(wan.download.mbps) +
                   " of " + num(in.context.plan_down_mbps) + " Mbit/s)."
             : "Your internet line is not working well: responses are slow or get lost.";
  o.agent_text = "WAN degraded: " + what + ".";
  o.remedy = Remedy{RemedyKind::kAgent, "contact-provider",
                    "Check the line's sync rate, error counters and the access node; book a repair "
                    "if it persists."};
  out.push_back(std::move(o));
}

}  // namespace hearth::diag::rules
