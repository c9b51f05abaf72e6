// The rule functions (RuleFn), one per file (rule_<code>.cc), gathered by all_rules() in
// rules.cc.
#pragma once

#include <vector>

#include "diag/diagnosis.h"

namespace hearth::diag::rules {

void wifi_cov_1(const RuleInput& in, const DiagConfig& config, std::vector<Observation>& out);
void wifi_cov_2(const RuleInput& in, const DiagConfig& config, std::vector<Observation>& out);
void wifi_cap_1(const RuleInput& in, const DiagConfig& config, std::vector<Observation>& out);
void wifi_cap_2(const RuleInput& in, const DiagConfig& config, std::vector<Observation>& out);
void wifi_rty_1(const RuleInput& in, const DiagConfig& config, std::vector<Observation>& out);
void wifi_phy_1(const RuleInput& in, const DiagConfig& config, std::vector<Observation>& out);
void wifi_phy_2(const RuleInput& in, const DiagConfig& config, std::vector<Observation>& out);
void wifi_bh_1(const RuleInput& in, const DiagConfig& config, std::vector<Observation>& out);
void wifi_chan_1(const RuleInput& in, const DiagConfig& config, std::vector<Observation>& out);
void wifi_auth_1(const RuleInput& in, const DiagConfig& config, std::vector<Observation>& out);
void wifi_spd_1(const RuleInput& in, const DiagConfig& config, std::vector<Observation>& out);
void wan_down_1(const RuleInput& in, const DiagConfig& config, std::vector<Observation>& out);
void wan_flap_1(const RuleInput& in, const DiagConfig& config, std::vector<Observation>& out);
void wan_spd_1(const RuleInput& in, const DiagConfig& config, std::vector<Observation>& out);
void wan_dns_1(const RuleInput& in, const DiagConfig& config, std::vector<Observation>& out);
void pwr_cut_1(const RuleInput& in, const DiagConfig& config, std::vector<Observation>& out);
void out_reg_1(const RuleInput& in, const DiagConfig& config, std::vector<Observation>& out);
void dev_offline_1(const RuleInput& in, const DiagConfig& config, std::vector<Observation>& out);
void sys_crash_1(const RuleInput& in, const DiagConfig& config, std::vector<Observation>& out);
void sys_mem_1(const RuleInput& in, const DiagConfig& config, std::vector<Observation>& out);
void sys_cpu_1(const RuleInput& in, const DiagConfig& config, std::vector<Observation>& out);
void sys_fw_1(const RuleInput& in, const DiagConfig& config, std::vector<Observation>& out);

}  // namespace hearth::diag::rules
