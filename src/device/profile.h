// Provisioning profiles: declarative configuration applied to every device that matches, on
// BOOTSTRAP/BOOT or when the profile changes, idempotently (only what differs is set).
//
// JSON form:
//   {"name":"periodic-inform",                 (required; [A-Za-z0-9_.-]{1,64})
//    "priority":10,                            (lower first; default 100)
//    "match":{"oui":"00D09E","productClass":"HG8245","modelName":"...","softwareVersion":"...",
//             "tag":"pilot","root":"Device."},  (all optional, all must hold; {} matches every device)
//    "preconditions":[{"parameter":"Device.DeviceInfo.ProvisioningCode","equals":"ISP1"}],
//    "parameterValues":[["Device.ManagementServer.PeriodicInformInterval",300,"xsd:unsignedInt"]],
//    "parameterAttributes":[{"name":"Device.WiFi.SSID.1.SSID","notification":2}],
//    "reapplyOn":["0 BOOTSTRAP","1 BOOT"]}      (default ["0 BOOTSTRAP","1 BOOT"])
// Parameter values use the same item forms as setParameterValues tasks (device/task_spec.h).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "device/task_spec.h"

namespace hearth::device {

struct ProfileMatch {
  std::string oui, product_class, model_name, software_version, tag, root;
};

struct Precondition {
  std::string parameter;
  std::string equals;
};

struct Profile {
  std::string name;
  int priority = 100;
  ProfileMatch match;
  std::vector<Precondition> preconditions;
  std::vector<SpvItem> parameter_values;
  std::vector<SpaItem> parameter_attributes;
  std::vector<std::string> reapply_on{"0 BOOTSTRAP", "1 BOOT"};
};

Result<Profile> parse_profile(const std::string& json_text);
std::string profile_to_json(const Profile& profile);

}  // namespace hearth::device
