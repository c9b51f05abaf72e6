// Shared between runner.cc and runner_tick.cc; not part of the module's interface.
#pragma once

#include <cstdint>
#include <mutex>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "campaigns/campaign.h"
#include "campaigns/runner.h"

namespace hearth::campaigns {

// Tasks that submit_task refused, by their id; the callback may outlive the service.
struct CampaignService::SubmitErrors {
  std::mutex mu;
  std::vector<std::pair<int64_t, std::string>> failed;  // task id, why
};

namespace internal {

// {"name":"setParameterValues","parameterValues":[[name, value, type?], ...]} (device/task_spec.h).
inline nlohmann::json set_values_json(const std::vector<ParameterSetting>& params) {
  nlohmann::json items = nlohmann::json::array();
  for (const auto& p : params) {
    nlohmann::json item = nlohmann::json::array({p.name, p.value});
    if (!p.type.empty()) item.push_back(p.type);
    items.push_back(std::move(item));
  }
  return {{"name", "setParameterValues"}, {"parameterValues", std::move(items)}};
}

}  // namespace internal
}  // namespace hearth::campaigns
