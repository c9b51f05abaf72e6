// WAN-DNS-1, name resolution failing: the gateway's newest ping (or download test) to a host
// name, not older than wan_test_max_age_ms, could not resolve the name while the WAN is up.
// Clears when a newer test resolves the name.
#include "diag/rules/rule_list.h"
#include "diag/rules/rule_support.h"

namespace hearth::diag::rules {
namespace {

// The time of the test that failed to resolve its host name; 0 when none did. The ping (to a
// host name, for exactly this) decides when it has a fresh result; else the download test.
// Snapshots date results by when they were read, so the two cannot be ordered by time.
int64_t failed_at(const Wan& wan, int64_t now_ms, const DiagConfig& config) {
  auto fresh = [&](int64_t t) { return t > 0 && now_ms - t <= config.wan_test_max_age_ms; };
  if (fresh(wan.ping.time_ms) && (wan.ping.ok || wan.ping.name_resolution_failed)) {
    return wan.ping.name_resolution_failed ? wan.ping.time_ms : 0;
  }
  if (fresh(wan.download.time_ms) && wan.download.name_resolution_failed)
    return wan.download.time_ms;
  return 0;
}

}  // namespace

void wan_dns_1(const RuleInput& in, const DiagConfig& config, std::vector<Observation>& out) {
  const HomeSnapshot* snap = in.latest();
  if (snap == nullptr || in.context.offline || !snap->wan.up) return;
  const int64_t at = failed_at(snap->wan, snap->time_ms, config);
  if (at == 0) return;
  Observation o = raised("WAN-DNS-1", wan_entity(), Severity::kCritical, 50);
  o.since_ms = at;
  o.window_from_ms = at;
  const std::string& host = snap->wan.ping.host;
  o.evidence = {
      evidence("testAgeMinutes", static_cast<double>(snap->time_ms - at) / 60000.0, "min")};
  o.customer_text =
      "Your internet line is up, but the router cannot look up web addresses (DNS), so most "
      "websites and apps do not load.";
  o.agent_text = "Name resolution failed in the gateway's test" +
                 (host.empty() ? std::string() : " (" + host + ")") +
                 " while the WAN is up: the DNS servers do not answer.";
  o.remedy =
      Remedy{RemedyKind::kAgent, "reboot",
             "Check the DNS servers the line hands out; a restart of the router renews them."};
  out.push_back(std::move(o));
}

}  // namespace hearth::diag::rules
