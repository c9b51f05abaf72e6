// What the agent console suggests doing first about a home: one action derived from the primary
// cause's remedy and what is known around it (an open incident, a newer firmware image, the
// radios). Pure; staff_recommended_action_test.cc has the table.
//
// Actions: "reboot", "restart-wifi", "change-channel", "firmware", "speed-test", "dispatch"
// (send a technician), "check-line" (the line or the gateway's connection to it), "extender"
// (recommend a mesh extender), "move-extender", "check-wifi-password", "steer-station",
// "replace-client", "none" (nothing to do but wait, e.g. for an incident's repair).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "diag/diagnosis.h"
#include "diag/snapshot.h"

namespace hearth::api {

struct ActionInput {
  std::optional<diag::Finding> primary;  // nullopt: healthy, nothing to recommend
  bool incident = false;                  // an open incident lists the home
  std::string gateway_device_id;          // "": the gateway is not known (no task bodies)
  std::string firmware_file;              // a newer image for the gateway; "": none
  std::vector<diag::Radio> radios;        // the newest snapshot's radios (paths to write)
};

struct RecommendedAction {
  std::string action;
  std::string reason;
  // The body of POST /api/v1/devices/{deviceId}/tasks when one task carries out the action.
  std::optional<nlohmann::json> task;
  // When it takes more than one, in order (restart-wifi: radios off, then on); empty otherwise.
  std::vector<nlohmann::json> tasks;
  // When the action is another API call (speed-test: POST /api/v1/homes/{id}/checks): its path.
  std::string request_path;
};

std::optional<RecommendedAction> recommend_action(const ActionInput& in, const std::string& home_id);

// {action, reason, deviceId|null, task|null, tasks?, request?:{method,path}}; null for nullopt.
nlohmann::json recommended_action_json(const std::optional<RecommendedAction>& a,
                                       const std::string& device_id);

}  // namespace hearth::api
