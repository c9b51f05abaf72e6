// JSON forms of setParameterValues items and setParameterAttributes items, shared by task specs
// and provisioning profiles (see task_spec.h for the forms).
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/result.h"
#include "device/task_spec.h"

namespace hearth::device {

// `field` names the JSON field in error messages.
Result<std::vector<SpvItem>> parse_spv_items(const nlohmann::json& list, const std::string& field);
nlohmann::json spv_items_to_json(const std::vector<SpvItem>& items);
Result<std::vector<SpaItem>> parse_spa_items(const nlohmann::json& list, const std::string& field);
nlohmann::json spa_items_to_json(const std::vector<SpaItem>& items);

}  // namespace hearth::device
