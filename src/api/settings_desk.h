// Live settings of the operator dashboard (GET/PUT /api/v1/settings): the diagnosis thresholds
// (diag::DiagConfig) and the regional disturbance detection (outage::OutageOptions). hearthd
// implements it (server/settings_service.h) over the store and the running services.
#pragma once

#include <nlohmann/json.hpp>

#include "core/result.h"

namespace hearth::api {

class SettingsDesk {
 public:
  virtual ~SettingsDesk() = default;
  // {diagnosis:{field:value...}, incidents:{field:value...},
  //  fields:[{section,name,value,default,min,max,unit,description,overridden}]}.
  virtual nlohmann::json get() = 0;
  // Applies a partial {diagnosis?:{...}, incidents?:{...}} (a null value drops that override,
  // back to the configuration file's value), stores it and hands it to the running services;
  // answers what get() would. kInvalidArgument naming the field ("diagnosis.cpu_pct: ...") and
  // nothing changed when any part is wrong.
  virtual Result<nlohmann::json> update(const nlohmann::json& partial) = 0;
};

}  // namespace hearth::api
