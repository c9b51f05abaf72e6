// Real-world envelopes (tests/data/cwmp/), one per tolerated quirk of tr069.md section 8.
#include <functional>

#include <gtest/gtest.h>

#include "cwmp/charset.h"
#include "cwmp/codec.h"
#include "cwmp/message_equal.h"
#include "cwmp/test_fixtures.h"

namespace hearth::cwmp {
namespace {

using testing::read_fixture;

struct FixtureCase {
  const char* file;
  const char* content_type;
  std::function<void(const Envelope&)> check;
};

std::ostream& operator<<(std::ostream& os, const FixtureCase& c) { return os << c.file; }

const ParameterValue& param(const std::vector<ParameterValue>& list, const std::string& name) {
  for (const auto& p : list) {
    if (p.name == name) return p;
  }
  static const ParameterValue kMissing{"<missing>", "<missing>", ValueType::kString};
  return kMissing;
}

void expect_value(const std::vector<ParameterValue>& list, const std::string& name, ValueType type,
                  const std::string& value) {
  const ParameterValue& p = param(list, name);
  EXPECT_EQ(p.type, type) << name;
  EXPECT_EQ(p.value, value) << name;
}

const FixtureCase kCases[] = {
    {"inform_tr181_cwmp14.xml", "text/xml; charset=\"utf-8\"",
     [](const Envelope& e) {
       EXPECT_EQ(e.header.id, "1234");
       EXPECT_EQ(e.header.session_timeout, 30u);
       EXPECT_EQ(e.header.supported_cwmp_versions, "1.0,1.1,1.2,1.3,1.4");
       EXPECT_EQ(e.cwmp_ns, "urn:dslforum-org:cwmp-1-2");
       EXPECT_EQ(detect_version(e.cwmp_ns, e.header), CwmpVersion::k1_4);
       const auto& m = std::get<Inform>(e.body);
       EXPECT_EQ(m.device_id.manufacturer, "iopsys");
       EXPECT_EQ(m.device_id.oui, "00D09E");
       EXPECT_EQ(m.device_id.product_class, "EX600");
       EXPECT_EQ(m.device_id.serial_number, "E40A16B0C2F1");
       ASSERT_EQ(m.events.size(), 2u);
       EXPECT_EQ(m.events[0].code, "1 BOOT");
       EXPECT_EQ(m.events[1].code, "M Reboot");
       EXPECT_EQ(m.events[1].command_key, "job-42");
       EXPECT_EQ(m.max_envelopes, 1u);
       EXPECT_EQ(m.current_time, "2025-01-01T12:00:00+01:00");
       EXPECT_EQ(m.retry_count, 0u);
       EXPECT_EQ(m.parameters.size(), 15u);
       expect_value(m.parameters, "Device.DeviceInfo.ProvisioningCode", ValueType::kString, "");
       expect_value(m.parameters, "Device.DeviceInfo.UpTime", ValueType::kUnsignedInt, "3617");
       expect_value(m.parameters, "Device.DeviceInfo.FirstUseDate", ValueType::kDateTime, "2024-11-02T08:15:00Z");
       expect_value(m.parameters, "Device.ManagementServer.ConnectionRequestURL", ValueType::kString,
                    "http://192.0.2.17:7547/cr?a=1&b=2");
       expect_value(m.parameters, "Device.ManagementServer.AliasBasedAddressing", ValueType::kBoolean, "false");
       expect_value(m.parameters, "Device.ManagementServer.PeriodicInformEnable", ValueType::kBoolean, "true");
       expect_value(m.parameters, "Device.WiFi.SSID.1.Stats.BytesSent", ValueType::kUnsignedLong,
                    "18446744073709551000");
       expect_value(m.parameters, "Device.WiFi.AccessPoint.1.AssociatedDevice.1.SignalStrength", ValueType::kInt,
                    "-61");
     }},
    {"inform_tr098_sagem.xml", "text/xml",
     [](const Envelope& e) {
       // Arbitrary ID, SOAP-ENV prefix, encodingStyle, SOAP-ENC:Array and wrong arrayType counts.
       EXPECT_EQ(e.header.id, "SAGEM_ID_7591");
       EXPECT_EQ(e.cwmp_ns, "urn:dslforum-org:cwmp-1-0");
       EXPECT_EQ(detect_version(e.cwmp_ns, e.header), CwmpVersion::k1_0);
       const auto& m = std::get<Inform>(e.body);
       EXPECT_EQ(m.device_id.product_class, "F@ST2704");
       EXPECT_EQ(m.events.size(), 2u);
       EXPECT_EQ(m.parameters.size(), 8u);
       EXPECT_EQ(m.current_time, "1970-01-01T00:02:51");
       EXPECT_EQ(m.retry_count, 2u);
       expect_value(m.parameters, "InternetGatewayDevice.DeviceInfo.HardwareVersion", ValueType::kString,
                    "F@ST2704 V2");
     }},
    {"inform_icwmp_cwmp13.xml", "text/xml",
     [](const Envelope& e) {
       EXPECT_EQ(e.cwmp_ns, "urn:dslforum-org:cwmp-1-3");
       EXPECT_EQ(e.header.session_timeout, 60u);
       EXPECT_EQ(detect_version(e.cwmp_ns, e.header), CwmpVersion::k1_3);
       const auto& m = std::get<Inform>(e.body);
       EXPECT_EQ(m.device_id.product_class, "");
       ASSERT_EQ(m.events.size(), 1u);
       EXPECT_EQ(m.events[0].command_key, "");
       EXPECT_EQ(m.current_time, "2025-03-04T05:06:07.123Z");
       EXPECT_EQ(m.parameters.size(), 2u);
     }},
    {"inform_cwmp14_soapenv.xml", "text/xml",
     [](const Envelope& e) {
       EXPECT_EQ(e.cwmp_ns, "urn:dslforum-org:cwmp-1-4");
       EXPECT_EQ(detect_version(e.cwmp_ns, e.header), CwmpVersion::k1_4);
       const auto& m = std::get<Inform>(e.body);
       expect_value(m.parameters, "Device.WiFi.SSID.1.SSID", ValueType::kString, "Home & Garden");
     }},
    {"inform_default_ns.xml", "text/xml",
     [](const Envelope& e) {
       EXPECT_FALSE(e.header.id.has_value());
       EXPECT_EQ(e.cwmp_ns, "urn:dslforum-org:cwmp-1-1");
       const auto& m = std::get<Inform>(e.body);
       EXPECT_EQ(m.device_id.serial_number, "S162Y12345678");
       expect_value(m.parameters, "InternetGatewayDevice.DeviceInfo.SoftwareVersion", ValueType::kString,
                    "V5.50(ABPY.1)b9");
     }},
    {"inform_1999_schema.xml", "text/xml",
     [](const Envelope& e) {
       EXPECT_EQ(e.header.id, "netcwmp-1");
       EXPECT_FALSE(e.header.hold_requests.has_value());  // NoMoreRequests is ignored
       const auto& m = std::get<Inform>(e.body);
       expect_value(m.parameters, "InternetGatewayDevice.DeviceInfo.UpTime", ValueType::kUnsignedInt, "86400");
       expect_value(m.parameters, "InternetGatewayDevice.ManagementServer.PeriodicInformEnable",
                    ValueType::kBoolean, "true");
     }},
    {"inform_odd_values.xml", "text/xml",
     [](const Envelope& e) {
       EXPECT_EQ(e.header.id, "inform");
       const auto& m = std::get<Inform>(e.body);
       EXPECT_EQ(m.max_envelopes, 1u);
       EXPECT_EQ(m.current_time, "0001-01-01T00:00:00Z");
       EXPECT_EQ(m.retry_count, 0u);
       const std::string p = "InternetGatewayDevice.";
       expect_value(m.parameters, p + "DeviceInfo.ModelName", ValueType::kString, "TD-W8980");
       expect_value(m.parameters, p + "DeviceInfo.UpTime", ValueType::kUnsignedInt, "n/a");
       expect_value(m.parameters, p + "Time.CurrentLocalTime", ValueType::kDateTime, "0000-00-00T00:00:00");
       expect_value(m.parameters, p + "LANDevice.1.WLANConfiguration.1.TotalBytesSent", ValueType::kUnsignedInt,
                    "4096");
       expect_value(m.parameters, p + "LANDevice.1.WLANConfiguration.1.Enable", ValueType::kBoolean, "true");
       expect_value(m.parameters, p + "X_TPLINK_Float", ValueType::kString, "1.5");
       expect_value(m.parameters, p + "DeviceInfo.Counter", ValueType::kInt, "4294967295");
     }},
    {"inform_qualified_args.xml", "text/xml",
     [](const Envelope& e) {
       const auto& m = std::get<Inform>(e.body);
       EXPECT_EQ(m.device_id.serial_number, "Q-1");
       ASSERT_EQ(m.events.size(), 1u);
       EXPECT_EQ(m.events[0].code, "8 DIAGNOSTICS COMPLETE");
       expect_value(m.parameters, "Device.IP.Diagnostics.IPPing.DiagnosticsState", ValueType::kString, "Complete");
     }},
    {"inform_no_header.xml", "text/xml",
     [](const Envelope& e) {
       EXPECT_FALSE(e.header.id || e.header.hold_requests || e.header.session_timeout ||
                    e.header.supported_cwmp_versions || e.header.use_cwmp_version);
       const auto& m = std::get<Inform>(e.body);
       EXPECT_TRUE(m.events.empty());
       EXPECT_TRUE(m.parameters.empty());
       EXPECT_EQ(m.retry_count, 5u);
     }},
    {"inform_latin1.xml", "text/xml; charset=ISO-8859-1",
     [](const Envelope& e) {
       const auto& m = std::get<Inform>(e.body);
       EXPECT_EQ(m.device_id.product_class, "Bo\xC3\xAEte");
     }},
    {"inform_utf16.xml", "text/xml",
     [](const Envelope& e) {
       EXPECT_EQ(e.header.id, "u16");
       const auto& m = std::get<Inform>(e.body);
       EXPECT_EQ(m.device_id.manufacturer, "\xCE\xA9mega Netz");
       expect_value(m.parameters, "Device.WiFi.SSID.1.SSID", ValueType::kString, "Stra\xC3\x9F" "e 5 \xE2\x98\x95");
     }},
    {"transfer_complete.xml", "text/xml",
     [](const Envelope& e) {
       const auto& m = std::get<TransferComplete>(e.body);
       EXPECT_EQ(m.command_key, "fw-2025-01");
       EXPECT_EQ(m.fault.code, 9010u);
       EXPECT_EQ(m.fault.string, "Download failed: HTTP 404");
       EXPECT_EQ(m.start_time, "2025-01-01T12:00:05Z");
       EXPECT_EQ(m.complete_time, "2025-01-01T12:03:40Z");
     }},
    {"transfer_complete_garbled.xml", "text/xml",
     [](const Envelope& e) {
       const auto& m = std::get<TransferComplete>(e.body);
       EXPECT_EQ(m.fault.code, 0u);
       EXPECT_EQ(m.fault.string, "");
       EXPECT_EQ(m.start_time, "0001-01-01T00:00:00Z");
       EXPECT_EQ(m.complete_time, "0001-01-01T00:00:00Z");
     }},
    {"autonomous_transfer_complete.xml", "text/xml",
     [](const Envelope& e) {
       const auto& m = std::get<AutonomousTransferComplete>(e.body);
       EXPECT_EQ(m.transfer_url, "http://fw.example.net/gw/v2.4.bin");
       EXPECT_TRUE(m.is_download);
       EXPECT_EQ(m.file_type, "1 Firmware Upgrade Image");
       EXPECT_EQ(m.file_size, 23456789u);
       EXPECT_EQ(m.complete_time, "2025-01-02T03:05:00Z");
     }},
    {"spv_fault_with_entries.xml", "text/xml",
     [](const Envelope& e) {
       const auto& m = std::get<Fault>(e.body);
       EXPECT_EQ(m.faultcode, "Client");
       EXPECT_EQ(m.faultstring, "CWMP fault");
       EXPECT_EQ(m.code, 9003u);
       EXPECT_EQ(m.string, "Invalid arguments");
       ASSERT_EQ(m.set_parameter_values_faults.size(), 2u);
       EXPECT_EQ(m.set_parameter_values_faults[0].parameter_name, "Device.WiFi.Radio.1.Channel");
       EXPECT_EQ(m.set_parameter_values_faults[0].code, 9007u);
       EXPECT_EQ(m.set_parameter_values_faults[1].code, 9008u);
       EXPECT_EQ(m.set_parameter_values_faults[1].string, "");
       EXPECT_EQ(e.header.id, "spv-3");
     }},
    {"spv_fault_without_entries.xml", "text/xml",
     [](const Envelope& e) {
       const auto& m = std::get<Fault>(e.body);
       EXPECT_EQ(m.code, 9003u);
       EXPECT_TRUE(m.set_parameter_values_faults.empty());
       EXPECT_EQ(e.cwmp_ns, "urn:dslforum-org:cwmp-1-0");
     }},
    {"fault_9005_no_faultstring.xml", "text/xml",
     [](const Envelope& e) {
       const auto& m = std::get<Fault>(e.body);
       EXPECT_EQ(m.faultcode, "Server");
       EXPECT_EQ(m.code, 9005u);
       EXPECT_EQ(m.string, "");
     }},
    {"fault_spaced_faultcode.xml", "text/xml",
     [](const Envelope& e) {
       const auto& m = std::get<Fault>(e.body);
       EXPECT_EQ(m.faultcode, "Client");
       EXPECT_EQ(m.faultstring, "CWMP fault");
       EXPECT_EQ(m.code, 9002u);
     }},
    {"unknown_method.xml", "text/xml",
     [](const Envelope& e) {
       EXPECT_EQ(std::get<UnknownMethod>(e.body).name, "Kicked");
       EXPECT_STREQ(body_method_name(e.body), "Kicked");
       EXPECT_EQ(e.header.id, "k-1");
     }},
    {"known_method_foreign_ns.xml", "text/xml",
     [](const Envelope& e) {
       EXPECT_TRUE(std::holds_alternative<GetRPCMethods>(e.body));
       EXPECT_EQ(e.cwmp_ns, "urn:dslforum-org:cwmp-1-1");
     }},
    {"gpv_response_wrong_arraytype.xml", "text/xml",
     [](const Envelope& e) {
       const auto& m = std::get<GetParameterValuesResponse>(e.body);
       ASSERT_EQ(m.parameters.size(), 6u);
       const std::string p = "InternetGatewayDevice.";
       expect_value(m.parameters, p + "LANDevice.1.WLANConfiguration.1.Channel", ValueType::kUnsignedInt, "11");
       expect_value(m.parameters, p + "LANDevice.1.WLANConfiguration.1.SSID", ValueType::kString, "  spaced  ");
       expect_value(m.parameters, p + "LANDevice.1.WLANConfiguration.1.KeyPassphrase", ValueType::kString, "a<b&c");
       expect_value(m.parameters, p + "X_Vendor.Note", ValueType::kString, "<tag> AB \"q\" 's'");
       expect_value(m.parameters, p + "X_Vendor.Cert", ValueType::kBase64, "SGVsbG8=");
       expect_value(m.parameters, p + "X_Vendor.Mac", ValueType::kHexBinary, "00AAbb");
     }},
    {"gpn_response_garbled_writable.xml", "text/xml",
     [](const Envelope& e) {
       const auto& m = std::get<GetParameterNamesResponse>(e.body);
       ASSERT_EQ(m.parameters.size(), 5u);
       EXPECT_EQ(m.parameters[0].name, "Device.WiFi.");
       const bool expected[] = {false, true, true, false, false};
       for (size_t i = 0; i < 5; ++i) EXPECT_EQ(m.parameters[i].writable, expected[i]) << i;
     }},
    {"spv_response_missing_status.xml", "text/xml",
     [](const Envelope& e) { EXPECT_EQ(std::get<SetParameterValuesResponse>(e.body).status, 0); }},
    {"spv_response_garbled_status.xml", "text/xml",
     [](const Envelope& e) { EXPECT_EQ(std::get<SetParameterValuesResponse>(e.body).status, 0); }},
    {"add_object_response.xml", "text/xml",
     [](const Envelope& e) {
       const auto& m = std::get<AddObjectResponse>(e.body);
       EXPECT_EQ(m.instance_number, 17u);
       EXPECT_EQ(m.status, 1);
     }},
    {"download_response_missing_times.xml", "text/xml",
     [](const Envelope& e) {
       const auto& m = std::get<DownloadResponse>(e.body);
       EXPECT_EQ(m.status, 1);
       EXPECT_EQ(m.start_time, "0001-01-01T00:00:00Z");
       EXPECT_EQ(m.complete_time, "0001-01-01T00:00:00Z");
     }},
    {"gpa_response.xml", "text/xml",
     [](const Envelope& e) {
       const auto& m = std::get<GetParameterAttributesResponse>(e.body);
       ASSERT_EQ(m.parameters.size(), 2u);
       EXPECT_EQ(m.parameters[0].notification, 2);
       EXPECT_TRUE(m.parameters[0].access_list.empty());
       EXPECT_EQ(m.parameters[1].access_list, std::vector<std::string>{"Subscriber"});
     }},
    {"get_rpc_methods_response.xml", "text/xml",
     [](const Envelope& e) {
       const auto& m = std::get<GetRPCMethodsResponse>(e.body);
       EXPECT_EQ(m.methods.size(), 12u);  // arrayType says 20
       EXPECT_EQ(m.methods.front(), "GetRPCMethods");
     }},
    {"inform_response_from_acs.xml", "text/xml",
     [](const Envelope& e) {
       EXPECT_EQ(e.header.hold_requests, true);
       EXPECT_EQ(e.header.use_cwmp_version, "1.4");
       EXPECT_EQ(detect_version(e.cwmp_ns, e.header), CwmpVersion::k1_4);
       EXPECT_EQ(std::get<InformResponse>(e.body).max_envelopes, 1u);
     }},
    {"spv_request_boolean_literals.xml", "text/xml",
     [](const Envelope& e) {
       EXPECT_EQ(e.header.hold_requests, false);
       const auto& m = std::get<SetParameterValues>(e.body);
       expect_value(m.parameters, "Device.WiFi.Radio.1.AutoChannelEnable", ValueType::kBoolean, "true");
       EXPECT_EQ(m.parameter_key, "cfg-17");
     }},
};

class FixtureTest : public ::testing::TestWithParam<FixtureCase> {
 protected:
  Result<Envelope> parse_fixture() {
    auto utf8 = to_utf8(read_fixture(GetParam().file), GetParam().content_type);
    if (!utf8.ok()) return utf8.error();
    return parse_envelope(*utf8);
  }
};

TEST_P(FixtureTest, ParsesToTheExpectedMessage) {
  auto env = parse_fixture();
  ASSERT_TRUE(env.ok()) << env.error().message;
  GetParam().check(*env);
}

TEST_P(FixtureTest, SurvivesWriteAndParseAgain) {
  auto env = parse_fixture();
  ASSERT_TRUE(env.ok()) << env.error().message;
  const std::string written = write_envelope(*env);
  auto again = parse_envelope(written);
  ASSERT_TRUE(again.ok()) << again.error().message << "\n" << written;
  EXPECT_TRUE(same_envelope(*env, *again)) << written;
  EXPECT_EQ(write_envelope(*again), written);
}

INSTANTIATE_TEST_SUITE_P(Cwmp, FixtureTest, ::testing::ValuesIn(kCases),
                         [](const ::testing::TestParamInfo<FixtureCase>& param_info) {
                           std::string name = param_info.param.file;
                           name = name.substr(0, name.find('.'));
                           for (char& c : name) {
                             if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
                           }
                           return name;
                         });

}  // namespace
}  // namespace hearth::cwmp
