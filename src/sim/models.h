// The simulated gateway models: at least four vendors, with different CWMP versions, data model
// roots and quirks from tr069.md section 8. Pure data.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace hearth::sim {

struct ModelInfo {
  std::string manufacturer;       // "Huawei Technologies Co., Ltd"
  std::string oui;                // "00E0FC"
  std::string product_class;      // "HG8245Q2"
  std::string model_name;
  std::string hardware_version;
  std::string firmware;           // the version a new device ships with
  std::string latest_firmware;    // newer release that exists (outdated-firmware evidence)
  bool tr098 = false;             // InternetGatewayDevice. root instead of Device.
  std::string cwmp_ns;            // "urn:dslforum-org:cwmp-1-0" ... "-1-4"
  // Wire quirks (tr069.md section 8), applied by the CPE when it writes its messages.
  std::string soap_prefix = "soap-env";  // Envelope prefix it uses ("SOAP-ENV", "soapenv", "s")
  std::string cwmp_prefix = "cwmp";      // cwmp namespace prefix
  bool digest_auth = true;        // false: HTTP Basic to the ACS
  bool array_count_mismatch = false;     // declares a wrong arrayType count on ParameterList
  bool stale_cookie = false;      // sends the previous session's cookie with the next Inform
  bool boolean_as_digit = false;  // writes booleans as 1/0
  uint32_t memory_total_kb = 262144;
  uint32_t max_stations = 64;
  bool supports_6g = false;

  // ---- added after the first contract; all have defaults ----
  // The protocol level the firmware implements ("1.0" .. "1.4"): with a cwmp-1-2 namespace, 1.3
  // and 1.4 add SessionTimeout, 1.4 also SupportedCWMPVersions (tr069.md 2.1).
  std::string cwmp_version = "1.2";
  // Prefix of the vendor's own parameters ("X_HW_", "X_AVM-DE_"): the TR-098 per-station signal
  // (X_HW_RSSI ...) and the radio's channel utilisation ("<prefix>ChannelUtilization") use it.
  std::string vendor_prefix;
  std::string description;        // DeviceInfo.Description
  // TR-181: Device.RootDataModelVersion ("2.12"); TR-098: InternetGatewayDevice.DeviceSummary.
  std::string data_model_version;
  uint8_t wifi_generation = 6;    // 5 (Wi-Fi 5, ac), 6 (ax), 7 (be): operating standards
  std::string extender_model;     // the vendor's mesh extender (Node::model of an extender
                                  // names the family; DataElements reports this model)
  std::string extender_firmware;
  std::string country = "DE";     // regulatory domain (channel lists are the EU ones)
};

// The model table; Node::model indexes it. Never empty; at least four vendors, one TR-098.
const std::vector<ModelInfo>& models();

// The model of a node, clamped to the table (an out-of-range index gives model 0).
const ModelInfo& model_of(uint8_t index);

}  // namespace hearth::sim
