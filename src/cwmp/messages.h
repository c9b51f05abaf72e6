// The CWMP messages as plain structs: one per RPC and response (tr069.md section 3), the SOAP
// fault (section 4), and the envelope that carries one of them with its header. The codec
// (codec.h) turns bytes into these and back; nothing here knows about XML.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "cwmp/value.h"

namespace hearth::cwmp {

// ---- shared structs ----
struct DeviceIdStruct {
  std::string manufacturer;
  std::string oui;
  std::string product_class;
  std::string serial_number;
};

struct EventStruct {
  std::string code;         // "0 BOOTSTRAP", "M Reboot", ...
  std::string command_key;  // for "M ..." events
};

struct FaultStruct {        // in TransferComplete; code 0 means success
  uint32_t code = 0;
  std::string string;
};

struct ParameterInfo {
  std::string name;  // objects end with '.'
  bool writable = false;
};

struct ParameterAttribute {
  std::string name;
  int notification = 0;
  std::vector<std::string> access_list;
};

struct SetParameterAttribute {
  std::string name;
  bool notification_change = false;
  int notification = 0;
  bool access_list_change = false;
  std::vector<std::string> access_list;
};

// ---- CPE -> ACS requests ----
struct Inform {
  DeviceIdStruct device_id;
  std::vector<EventStruct> events;
  uint32_t max_envelopes = 1;
  std::string current_time;
  uint32_t retry_count = 0;
  std::vector<ParameterValue> parameters;
};
struct TransferComplete {
  std::string command_key;
  FaultStruct fault;
  std::string start_time;     // "0001-01-01T00:00:00Z" when missing
  std::string complete_time;
};
struct AutonomousTransferComplete {
  std::string announce_url;
  std::string transfer_url;
  bool is_download = true;
  std::string file_type;
  uint64_t file_size = 0;
  std::string target_file_name;
  FaultStruct fault;
  std::string start_time;
  std::string complete_time;
};
struct GetRPCMethods {};
struct RequestDownload {
  std::string file_type;
  std::vector<std::pair<std::string, std::string>> file_type_args;
};

// ---- ACS -> CPE responses to those ----
struct InformResponse {
  uint32_t max_envelopes = 1;
};
struct TransferCompleteResponse {};
struct AutonomousTransferCompleteResponse {};
struct GetRPCMethodsResponse {
  std::vector<std::string> methods;
};
struct RequestDownloadResponse {};

// ---- ACS -> CPE requests ----
struct GetParameterNames {
  std::string parameter_path;
  bool next_level = false;
};
struct GetParameterValues {
  std::vector<std::string> parameter_names;
};
struct SetParameterValues {
  std::vector<ParameterValue> parameters;
  std::string parameter_key;
};
struct GetParameterAttributes {
  std::vector<std::string> parameter_names;
};
struct SetParameterAttributes {
  std::vector<SetParameterAttribute> parameters;
};
struct AddObject {
  std::string object_name;
  std::string parameter_key;
};
struct DeleteObject {
  std::string object_name;
  std::string parameter_key;
};
struct Reboot {
  std::string command_key;
};
struct FactoryReset {};
struct Download {
  std::string command_key;
  std::string file_type;  // "1 Firmware Upgrade Image", ...
  std::string url;
  std::string username;
  std::string password;
  uint64_t file_size = 0;
  std::string target_file_name;
  uint32_t delay_seconds = 0;
  std::string success_url;
  std::string failure_url;
};
struct ScheduleInform {
  uint32_t delay_seconds = 0;
  std::string command_key;
};

// ---- CPE -> ACS responses ----
struct GetParameterNamesResponse {
  std::vector<ParameterInfo> parameters;
};
struct GetParameterValuesResponse {
  std::vector<ParameterValue> parameters;
};
struct SetParameterValuesResponse {
  int status = 0;  // 0 applied, 1 committed but applied later
};
struct GetParameterAttributesResponse {
  std::vector<ParameterAttribute> parameters;
};
struct SetParameterAttributesResponse {};
struct AddObjectResponse {
  uint32_t instance_number = 0;
  int status = 0;
};
struct DeleteObjectResponse {
  int status = 0;
};
struct RebootResponse {};
struct FactoryResetResponse {};
struct DownloadResponse {
  int status = 0;  // 0 done, 1 a TransferComplete will follow
  std::string start_time;
  std::string complete_time;
};
struct ScheduleInformResponse {};

// ---- faults (either direction) ----
struct SetParameterValuesFault {
  std::string parameter_name;
  uint32_t code = 0;
  std::string string;
};
struct Fault {
  std::string faultcode = "Server";  // SOAP faultcode: "Client" or "Server"
  std::string faultstring = "CWMP fault";
  uint32_t code = 0;                 // the CWMP fault code (8000.., 9000..)
  std::string string;
  std::vector<SetParameterValuesFault> set_parameter_values_faults;
};

// A request whose method the codec does not know: kept by name so that the ACS can answer 8000
// and the CPE can answer 9000.
struct UnknownMethod {
  std::string name;
};

using Body = std::variant<
    // CPE requests
    Inform, TransferComplete, AutonomousTransferComplete, GetRPCMethods, RequestDownload,
    // ACS responses
    InformResponse, TransferCompleteResponse, AutonomousTransferCompleteResponse,
    GetRPCMethodsResponse, RequestDownloadResponse,
    // ACS requests
    GetParameterNames, GetParameterValues, SetParameterValues, GetParameterAttributes,
    SetParameterAttributes, AddObject, DeleteObject, Reboot, FactoryReset, Download, ScheduleInform,
    // CPE responses
    GetParameterNamesResponse, GetParameterValuesResponse, SetParameterValuesResponse,
    GetParameterAttributesResponse, SetParameterAttributesResponse, AddObjectResponse,
    DeleteObjectResponse, RebootResponse, FactoryResetResponse, DownloadResponse,
    ScheduleInformResponse,
    // either
    Fault, UnknownMethod>;

// The element name of the body ("Inform", "GetParameterValuesResponse", "Fault", ...).
const char* body_method_name(const Body& body);

// CWMP protocol level negotiated for a session (tr069.md 2.1).
enum class CwmpVersion : uint8_t { k1_0, k1_1, k1_2, k1_3, k1_4 };
const char* cwmp_version_name(CwmpVersion v);

struct Header {
  std::optional<std::string> id;                 // cwmp:ID, echoed verbatim (quirk 12)
  std::optional<bool> hold_requests;
  std::optional<uint32_t> session_timeout;       // CWMP 1.3+
  std::optional<std::string> supported_cwmp_versions;  // CWMP 1.4, e.g. "1.0,1.1,1.2,1.3,1.4"
  std::optional<std::string> use_cwmp_version;   // ACS -> CPE, CWMP 1.4
};

inline constexpr const char* kCwmpNs12 = "urn:dslforum-org:cwmp-1-2";

struct Envelope {
  Header header;
  // The cwmp namespace URI exactly as the sender used it; replies use the same string.
  std::string cwmp_ns = kCwmpNs12;
  Body body;
};

}  // namespace hearth::cwmp
