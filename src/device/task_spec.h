// A task as the API and the provisioning profiles describe it: one RPC (or one small procedure)
// for the ACS to run on a device, in JSON. This header is the contract between api/, device/
// profiles and the session planner in acs/.
//
// JSON forms (the "name" is the RPC in camelCase):
//   {"name":"getParameterNames","parameterPath":"Device.WiFi.","nextLevel":false}
//   {"name":"getParameterValues","parameterNames":["Device.DeviceInfo.","Device.WiFi.Radio.1.Channel"]}
//   {"name":"setParameterValues","parameterValues":[["Device.WiFi.SSID.1.SSID","Home"],
//                                                  ["Device.WiFi.Radio.1.Channel",6,"xsd:unsignedInt"]]}
//       (each item: [name, value] or [name, value, type]; value may be a JSON string, number or
//        boolean; without a type the type the device reported for that parameter is used)
//   {"name":"getParameterAttributes","parameterNames":["Device.WiFi.SSID.1.SSID"]}
//   {"name":"setParameterAttributes","parameterAttributes":[{"name":"Device.X","notification":2,
//        "accessList":["Subscriber"]}]}   (accessList optional: left unchanged when absent)
//   {"name":"addObject","objectName":"Device.WiFi.SSID."}
//   {"name":"deleteObject","objectName":"Device.WiFi.SSID.3."}
//   {"name":"reboot"}
//   {"name":"factoryReset"}
//   {"name":"download","fileId":"fw-2.3.bin"}  or  {"name":"download","url":"http://...",
//        "fileType":"1 Firmware Upgrade Image","fileSize":123,"username":"","password":""}
//   {"name":"scheduleInform","delaySeconds":60}
//   {"name":"refresh","parameterPath":"Device.WiFi."}   (GetParameterNames walk + batched GPV)
// Every form also accepts "maxAttempts" (default 5).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "core/result.h"
#include "cwmp/value.h"

namespace hearth::device {

struct SpvItem {
  std::string name;
  std::string value;                       // canonical text
  std::optional<cwmp::ValueType> type;     // nullopt: use the type the device reported
};

struct SpaItem {
  std::string name;
  std::optional<int> notification;                      // nullopt: unchanged
  std::optional<std::vector<std::string>> access_list;  // nullopt: unchanged
};

struct GetParameterNamesSpec { std::string parameter_path; bool next_level = false; };
struct GetParameterValuesSpec { std::vector<std::string> parameter_names; };
struct SetParameterValuesSpec { std::vector<SpvItem> values; };
struct GetParameterAttributesSpec { std::vector<std::string> parameter_names; };
struct SetParameterAttributesSpec { std::vector<SpaItem> attributes; };
struct AddObjectSpec { std::string object_name; };
struct DeleteObjectSpec { std::string object_name; };
struct RebootSpec {};
struct FactoryResetSpec {};
struct DownloadSpec {
  std::string file_id;  // a file hearthd serves; or url below
  std::string url;
  std::string file_type = "1 Firmware Upgrade Image";
  uint64_t file_size = 0;
  std::string username;
  std::string password;
  std::string target_file_name;
  uint32_t delay_seconds = 0;
};
struct ScheduleInformSpec { uint32_t delay_seconds = 0; };
struct RefreshSpec { std::string parameter_path; };

using TaskBody = std::variant<GetParameterNamesSpec, GetParameterValuesSpec, SetParameterValuesSpec,
                              GetParameterAttributesSpec, SetParameterAttributesSpec, AddObjectSpec,
                              DeleteObjectSpec, RebootSpec, FactoryResetSpec, DownloadSpec,
                              ScheduleInformSpec, RefreshSpec>;

struct TaskSpec {
  TaskBody body;
  int max_attempts = 5;
};

// The camelCase name of the task ("getParameterValues", ...).
const char* task_name(const TaskBody& body);

// Parses and validates the JSON text of a task. Errors are kInvalidArgument with a message that
// names the offending field, fit to return to an API client.
Result<TaskSpec> parse_task_spec(const std::string& json_text);

// The canonical JSON form (round-trips through parse_task_spec).
std::string task_spec_to_json(const TaskSpec& spec);

}  // namespace hearth::device
