// What the API may ask of firmware and configuration campaigns (/api/v1/campaigns...).
// Implemented by campaigns::CampaignService (runner.h); api/ tests may use it on the memory store.
// Calls are synchronous and thread-safe; those that change something return after the store has
// committed the change (operator actions are rare; a commit takes milliseconds). Bodies and
// answers are the contract's JSON shapes (Campaign, {campaigns:[...]}, {targets:[...]}, preview).
//
// Errors: kInvalidArgument with the offending field for a bad plan (nothing selected, unknown
// file, a firmware image built for another model, ...), kNotFound for an unknown campaign,
// kConflict for an action the campaign's state does not allow.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "core/result.h"

namespace hearth::campaigns {

class CampaignDesk {
 public:
  virtual ~CampaignDesk() = default;

  // POST /campaigns: a new campaign in state "draft" with its targets fixed now (the selection
  // is resolved once). `created_by` is the user id or token id.
  virtual Result<nlohmann::json> create(const nlohmann::json& body, const std::string& created_by) = 0;
  // POST /campaigns/preview {selection}: {devices, byModel:[{model, softwareVersion, devices}]}.
  virtual Result<nlohmann::json> preview(const nlohmann::json& body) = 0;
  virtual Result<nlohmann::json> get(int64_t id) = 0;
  // {campaigns:[Campaign]}, newest first.
  virtual Result<nlohmann::json> list() = 0;
  // {targets:[{deviceId, stage, state, taskId, before, detail, updatedAt}]}; stage -1 and state ""
  // match any.
  virtual Result<nlohmann::json> targets(int64_t id, int stage, const std::string& state) = 0;
  // "start", "pause", "resume", "rollback", "cancel" -> the Campaign after it. `actor` goes into
  // the campaign's log. kInvalidArgument for another action.
  virtual Result<nlohmann::json> act(int64_t id, const std::string& action, const std::string& actor) = 0;
};

}  // namespace hearth::campaigns
