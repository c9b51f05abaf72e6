// The rule table (diagnosis.h all_rules): every code with its title, domain, function and
// priority. Priorities order the primary cause at equal severity: outages of the access network
// and power first, then the WAN, the device, and the Wi-Fi causes, most specific first (a sticky
// client or a weak backhaul explains weak signals and retries; congestion and interference
// explain retries; a legacy client explains a busy radio).
#include <string_view>
#include <unordered_map>

#include "diag/diagnosis.h"
#include "diag/rules/rule_list.h"

namespace hearth::diag {

const std::vector<RuleInfo>& all_rules() {
  using namespace rules;
  static const std::vector<RuleInfo> kRules = {
      {"OUT-REG-1", "Regional outage", "access-network", out_reg_1, 100, true},
      {"PWR-CUT-1", "Power cut at the home", "device", pwr_cut_1, 95, true},
      {"WAN-DOWN-1", "Internet line down", "wan", wan_down_1, 90, true},
      {"DEV-OFFLINE-1", "Router offline", "device", dev_offline_1, 88, true},
      {"WAN-DNS-1", "Name resolution (DNS) failing", "wan", wan_dns_1, 85, false},
      {"WAN-FLAP-1", "Internet line unstable", "wan", wan_flap_1, 82, false},
      {"WAN-SPD-1", "Internet line slow or degraded", "wan", wan_spd_1, 80, false},
      {"SYS-CRASH-1", "Router restarting repeatedly", "device", sys_crash_1, 75, false},
      {"SYS-MEM-1", "Router running out of memory", "device", sys_mem_1, 72, false},
      {"SYS-CPU-1", "Router overloaded", "device", sys_cpu_1, 60, false},
      {"WIFI-COV-2", "Sticky client", "wifi", wifi_cov_2, 58, false},
      {"WIFI-AUTH-1", "Clients failing to join the Wi-Fi", "wifi", wifi_auth_1, 57, false},
      {"WIFI-BH-1", "Weak mesh backhaul", "wifi", wifi_bh_1, 56, false},
      {"WIFI-COV-1", "Weak Wi-Fi signal", "wifi", wifi_cov_1, 55, false},
      {"WIFI-CAP-2", "Wi-Fi interference", "wifi", wifi_cap_2, 54, false},
      {"WIFI-PHY-2", "Legacy client slowing the Wi-Fi", "wifi", wifi_phy_2, 53, false},
      {"WIFI-CAP-1", "Wi-Fi channel congested", "wifi", wifi_cap_1, 52, false},
      {"WIFI-RTY-1", "High Wi-Fi retransmissions", "wifi", wifi_rty_1, 50, false},
      {"WIFI-PHY-1", "Slow Wi-Fi link", "wifi", wifi_phy_1, 48, false},
      {"WIFI-SPD-1", "Wi-Fi slower than the internet line", "wifi", wifi_spd_1, 46, false},
      {"WIFI-CHAN-1", "Poor channel plan", "wifi", wifi_chan_1, 30, false},
      {"SYS-FW-1", "Firmware out of date", "device", sys_fw_1, 20, false},
  };
  return kRules;
}

const RuleInfo* find_rule(const std::string& code) {
  // Called for every finding of every evaluation: an index rather than a scan.
  static const std::unordered_map<std::string_view, const RuleInfo*> kIndex = [] {
    std::unordered_map<std::string_view, const RuleInfo*> m;
    for (const RuleInfo& r : all_rules()) m.emplace(r.code, &r);
    return m;
  }();
  auto it = kIndex.find(code);
  return it == kIndex.end() ? nullptr : it->second;
}

const char* severity_name(Severity s) {
  switch (s) {
    case Severity::kInfo:
      return "info";
    case Severity::kWarning:
      return "warning";
    case Severity::kCritical:
      return "critical";
  }
  return "info";
}

const char* entity_kind_name(EntityKind k) {
  switch (k) {
    case EntityKind::kHome:
      return "home";
    case EntityKind::kDevice:
      return "device";
    case EntityKind::kWan:
      return "wan";
    case EntityKind::kNode:
      return "node";
    case EntityKind::kRadio:
      return "radio";
    case EntityKind::kStation:
      return "station";
  }
  return "home";
}

const char* remedy_kind_name(RemedyKind k) {
  switch (k) {
    case RemedyKind::kAutomatic:
      return "automatic";
    case RemedyKind::kCustomer:
      return "customer";
    case RemedyKind::kAgent:
      return "agent";
    case RemedyKind::kRecommendation:
      return "recommendation";
    case RemedyKind::kNone:
      return "none";
  }
  return "none";
}

}  // namespace hearth::diag
