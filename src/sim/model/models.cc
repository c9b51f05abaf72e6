// The vendor model table (models.h). Five gateway families, each with the CWMP version, data model
// root and wire quirks of its kind of firmware (tr069.md section 8):
//   0 Huawei-like GPON ONT, TR-098 (InternetGatewayDevice.), cwmp-1-0, "SOAP-ENV", HTTP Basic,
//     booleans as 1/0, wrong arrayType counts. Its data model follows the real Huawei capture in
//     testdata/cwmp (names, types, writability); its vendor parameters use Huawei's X_HW_ prefix.
//   1 ZTE-like Wi-Fi 6 router, TR-181, cwmp-1-2 (protocol 1.2), "soapenv".
//   2 Sagemcom-like gSOAP firmware, TR-181, cwmp-1-2 namespace at protocol 1.3 (SessionTimeout),
//     re-sends the previous session's cookie.
//   3 Technicolor-like (icwmp-based) cable gateway, TR-181, the non-standard cwmp-1-3 URI.
//   4 AVM-like tri-band router with 6 GHz, TR-181, the non-standard cwmp-1-4 URI, protocol 1.4.
// Manufacturer names and OUIs are the vendors' registered ones; firmware strings follow each
// vendor's numbering scheme.
#include "sim/models.h"

namespace hearth::sim {
namespace {

std::vector<ModelInfo> build() {
  std::vector<ModelInfo> t;

  ModelInfo hw;
  hw.manufacturer = "Huawei Technologies Co., Ltd.";
  hw.oui = "00E0FC";
  hw.product_class = "HG8245Q2";
  hw.model_name = "EchoLife HG8245Q2";
  hw.hardware_version = "15AD.A";
  hw.firmware = "V5R019C10S125";
  hw.latest_firmware = "V5R020C10S115";
  hw.tr098 = true;
  hw.cwmp_ns = "urn:dslforum-org:cwmp-1-0";
  hw.cwmp_version = "1.0";
  hw.soap_prefix = "SOAP-ENV";
  hw.cwmp_prefix = "cwmp";
  hw.digest_auth = false;
  hw.array_count_mismatch = true;
  hw.boolean_as_digit = true;
  hw.memory_total_kb = 262144;
  hw.max_stations = 32;
  hw.wifi_generation = 5;
  hw.vendor_prefix = "X_HW_";
  hw.description = "EchoLife HG8245Q2 GPON Terminal";
  hw.data_model_version =
      "InternetGatewayDevice:1.4[](Baseline:2, EthernetLAN:1, WiFiLAN:2, EthernetWAN:1, "
      "ADSLWAN:1, IPPing:1, DownloadDiagnostics:1, Time:1)";
  hw.extender_model = "WA8021V5";
  hw.extender_firmware = "V100R021C10SPC113";
  t.push_back(hw);

  ModelInfo zte;
  zte.manufacturer = "ZTE Corporation";
  zte.oui = "00D0D0";
  zte.product_class = "H3600P";
  zte.model_name = "ZXHN H3600P";
  zte.hardware_version = "V1.0";
  zte.firmware = "V1.0.10P2N1";
  zte.latest_firmware = "V1.0.10P2N6";
  zte.cwmp_ns = "urn:dslforum-org:cwmp-1-2";
  zte.cwmp_version = "1.2";
  zte.soap_prefix = "soapenv";
  zte.memory_total_kb = 524288;
  zte.max_stations = 128;
  zte.wifi_generation = 6;
  zte.vendor_prefix = "X_ZTE-COM_";
  zte.description = "ZXHN H3600P Wi-Fi 6 Home Gateway";
  zte.data_model_version = "2.14";
  zte.extender_model = "ZXHN H196A";
  zte.extender_firmware = "V9.0.0P2N2";
  t.push_back(zte);

  ModelInfo sag;
  sag.manufacturer = "Sagemcom Broadband SAS";
  sag.oui = "3C1710";
  sag.product_class = "FAST5866T";
  sag.model_name = "F@st 5866T";
  sag.hardware_version = "1.0";
  sag.firmware = "SG4K10002016t";
  sag.latest_firmware = "SG4K10002252t";
  sag.cwmp_ns = "urn:dslforum-org:cwmp-1-2";
  sag.cwmp_version = "1.3";
  sag.soap_prefix = "soap";
  sag.stale_cookie = true;
  sag.memory_total_kb = 524288;
  sag.max_stations = 128;
  sag.wifi_generation = 6;
  sag.vendor_prefix = "X_SAGEMCOM_";
  sag.description = "F@st 5866T Wi-Fi 6 Gateway";
  sag.data_model_version = "2.14";
  sag.extender_model = "F@st 5670E";
  sag.extender_firmware = "SG0X10001008";
  t.push_back(sag);

  ModelInfo tch;
  tch.manufacturer = "Technicolor";
  tch.oui = "00147F";
  tch.product_class = "CGA4236";
  tch.model_name = "CGA4236TCH3";
  tch.hardware_version = "VCNB";
  tch.firmware = "20.3.c.0317";
  tch.latest_firmware = "20.4.b.0283";
  tch.cwmp_ns = "urn:dslforum-org:cwmp-1-3";
  tch.cwmp_version = "1.3";
  tch.soap_prefix = "soap_env";
  tch.memory_total_kb = 524288;
  tch.max_stations = 64;
  tch.wifi_generation = 6;
  tch.vendor_prefix = "X_000E50_";
  tch.description = "CGA4236 DOCSIS 3.1 Wireless Gateway";
  tch.data_model_version = "2.15";
  tch.extender_model = "EasyMesh Repeater EXT3000";
  tch.extender_firmware = "20.2.a.0130";
  t.push_back(tch);

  ModelInfo avm;
  avm.manufacturer = "AVM";
  avm.oui = "00040E";
  avm.product_class = "FRITZ!Box5690Pro";
  avm.model_name = "FRITZ!Box 5690 Pro";
  avm.hardware_version = "279";
  avm.firmware = "279.08.00";
  avm.latest_firmware = "279.08.02";
  avm.cwmp_ns = "urn:dslforum-org:cwmp-1-4";
  avm.cwmp_version = "1.4";
  avm.soap_prefix = "s";
  avm.memory_total_kb = 1048576;
  avm.max_stations = 128;
  avm.supports_6g = true;
  avm.wifi_generation = 7;
  avm.vendor_prefix = "X_AVM-DE_";
  avm.description = "FRITZ!Box 5690 Pro";
  avm.data_model_version = "2.16";
  avm.extender_model = "FRITZ!Repeater 1200 AX";
  avm.extender_firmware = "262.08.00";
  t.push_back(avm);

  return t;
}

}  // namespace

const std::vector<ModelInfo>& models() {
  static const std::vector<ModelInfo> table = build();
  return table;
}

const ModelInfo& model_of(uint8_t index) {
  const auto& t = models();
  return index < t.size() ? t[index] : t[0];
}

}  // namespace hearth::sim
