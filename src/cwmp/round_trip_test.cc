// Every message in the Body variant is written and parsed back to an equal struct: the ACS and
// the simulated CPE share this codec.
#include <set>

#include <gtest/gtest.h>

#include "cwmp/codec.h"
#include "cwmp/message_equal.h"

namespace hearth::cwmp {
namespace {

std::vector<ParameterValue> sample_values() {
  return {{"Device.DeviceInfo.UpTime", "3617", ValueType::kUnsignedInt},
          {"Device.WiFi.SSID.1.SSID", "Caf\xC3\xA9 <&> \"quoted\" \r\n\ttab", ValueType::kString},
          {"Device.WiFi.SSID.2.SSID", "   ", ValueType::kString},
          {"Device.WiFi.SSID.3.SSID", "", ValueType::kString},
          {"Device.WiFi.Radio.1.AutoChannelEnable", "true", ValueType::kBoolean},
          {"Device.WiFi.AccessPoint.1.AssociatedDevice.1.SignalStrength", "-61", ValueType::kInt},
          {"Device.IP.Interface.1.Stats.BytesSent", "18446744073709551615", ValueType::kUnsignedLong},
          {"Device.X_Vendor.Offset", "-9223372036854775808", ValueType::kLong},
          {"Device.DeviceInfo.FirstUseDate", "2024-11-02T08:15:00.250Z", ValueType::kDateTime},
          {"Device.X_Vendor.Blob", "SGVsbG8=", ValueType::kBase64},
          {"Device.X_Vendor.Mac", "00aabbccddee", ValueType::kHexBinary},
          {"Device.X_Vendor.Broken", "not a number", ValueType::kUnsignedInt}};
}

std::vector<Body> sample_bodies() {
  std::vector<Body> b;
  b.push_back(Inform{{"iopsys", "00D09E", "EX600", "E40A16B0C2F1"},
                     {{"0 BOOTSTRAP", ""}, {"M Download", "fw-1"}},
                     1,
                     "2025-01-01T12:00:00Z",
                     3,
                     sample_values()});
  b.push_back(TransferComplete{"fw-1", {9010, "HTTP 404"}, "2025-01-01T12:00:05Z", "2025-01-01T12:03:40Z"});
  b.push_back(AutonomousTransferComplete{"http://a/", "http://t/fw.bin", false, "2 Web Content", 1234, "web.tar",
                                         {0, ""}, "2025-01-01T00:00:00Z", "0001-01-01T00:00:00Z"});
  b.push_back(GetRPCMethods{});
  b.push_back(RequestDownload{"3 Vendor Configuration File", {{"Version", "7"}, {"Profile", " a b "}}});
  b.push_back(InformResponse{1});
  b.push_back(TransferCompleteResponse{});
  b.push_back(AutonomousTransferCompleteResponse{});
  b.push_back(GetRPCMethodsResponse{{"Inform", "GetRPCMethods", "TransferComplete"}});
  b.push_back(RequestDownloadResponse{});
  b.push_back(GetParameterNames{"Device.WiFi.", true});
  b.push_back(GetParameterValues{{"Device.DeviceInfo.UpTime", "Device.WiFi.Radio.1."}});
  b.push_back(SetParameterValues{sample_values(), "cfg-17"});
  b.push_back(GetParameterAttributes{{"Device.DeviceInfo.SoftwareVersion"}});
  b.push_back(SetParameterAttributes{{{"Device.IP.Interface.1.IPv4Address.1.IPAddress", true, 2, false, {}},
                                      {"Device.WiFi.SSID.1.SSID", false, 0, true, {"Subscriber"}}}});
  b.push_back(AddObject{"Device.WiFi.SSID.", "cfg-18"});
  b.push_back(DeleteObject{"Device.WiFi.SSID.3.", "cfg-19"});
  b.push_back(Reboot{"rb-1"});
  b.push_back(FactoryReset{});
  b.push_back(Download{"fw-2025-01", "1 Firmware Upgrade Image", "https://fw.example.net/gw/v2.3.bin?x=1&y=2",
                       "user", "p&ss<word>", 23456789, "fw.bin", 30, "https://ok/", "https://fail/"});
  b.push_back(ScheduleInform{60, "si-1"});
  b.push_back(GetParameterNamesResponse{{{"Device.WiFi.", false}, {"Device.WiFi.SSID.1.SSID", true}}});
  b.push_back(GetParameterValuesResponse{sample_values()});
  b.push_back(SetParameterValuesResponse{1});
  b.push_back(GetParameterAttributesResponse{{{"Device.DeviceInfo.SoftwareVersion", 2, {}},
                                              {"Device.WiFi.SSID.1.SSID", 6, {"Subscriber", "Other"}}}});
  b.push_back(SetParameterAttributesResponse{});
  b.push_back(AddObjectResponse{17, 1});
  b.push_back(DeleteObjectResponse{1});
  b.push_back(RebootResponse{});
  b.push_back(FactoryResetResponse{});
  b.push_back(DownloadResponse{1, "0001-01-01T00:00:00Z", "0001-01-01T00:00:00Z"});
  b.push_back(ScheduleInformResponse{});
  b.push_back(Fault{"Client", "CWMP fault", 9003, "Invalid arguments",
                    {{"Device.WiFi.Radio.1.Channel", 9007, "Invalid parameter value"},
                     {"Device.DeviceInfo.SerialNumber", 9008, ""}}});
  b.push_back(UnknownMethod{"X_0090D0_Kick"});
  return b;
}

TEST(RoundTripTest, SamplesCoverEveryBodyAlternative) {
  std::set<size_t> seen;
  for (const Body& b : sample_bodies()) seen.insert(b.index());
  EXPECT_EQ(seen.size(), std::variant_size_v<Body>);
}

TEST(RoundTripTest, EveryMessageParsesBackToAnEqualStruct) {
  for (const Body& body : sample_bodies()) {
    Envelope env;
    env.header.id = "id-" + std::string(body_method_name(body));
    env.cwmp_ns = "urn:dslforum-org:cwmp-1-0";
    env.body = body;
    const std::string xml = write_envelope(env);
    auto back = parse_envelope(xml);
    ASSERT_TRUE(back.ok()) << body_method_name(body) << ": " << back.error().message << "\n" << xml;
    EXPECT_TRUE(same_envelope(env, *back)) << body_method_name(body) << "\n" << xml;
    EXPECT_STREQ(body_method_name(back->body), body_method_name(body));
  }
}

TEST(RoundTripTest, QuirkSwitchesStillParseBackToEqualBooleans) {
  WriteOptions options;
  options.boolean_literal = false;
  for (const Body& body : sample_bodies()) {
    Envelope env;
    env.body = body;
    auto back = parse_envelope(write_envelope(env, options));
    ASSERT_TRUE(back.ok()) << body_method_name(body);
    EXPECT_TRUE(same_envelope(env, *back)) << body_method_name(body);
  }
}

TEST(RoundTripTest, EveryHeaderFieldSurvives) {
  Envelope env;
  env.header.id = " spaced id\r\n";
  env.header.hold_requests = true;
  env.header.session_timeout = 45;
  env.header.supported_cwmp_versions = "1.0,1.1,1.2,1.3,1.4";
  env.header.use_cwmp_version = "1.4";
  env.cwmp_ns = "urn:dslforum-org:cwmp-1-4";
  env.body = InformResponse{1};
  auto back = parse_envelope(write_envelope(env));
  ASSERT_TRUE(back.ok()) << back.error().message;
  EXPECT_TRUE(same_envelope(env, *back));

  env.header = Header{};
  env.header.hold_requests = false;
  back = parse_envelope(write_envelope(env));
  ASSERT_TRUE(back.ok());
  EXPECT_TRUE(same_envelope(env, *back));
}

TEST(MessageEqualTest, TellsDifferentMessagesApart) {
  Envelope a;
  a.body = GetParameterValues{{"A", "B"}};
  Envelope b = a;
  EXPECT_TRUE(same_envelope(a, b));
  b.body = GetParameterValues{{"A", "C"}};
  EXPECT_FALSE(same_envelope(a, b));
  b.body = GetParameterAttributes{{"A", "B"}};
  EXPECT_FALSE(same_envelope(a, b));
  b = a;
  b.header.id = "";
  EXPECT_FALSE(same_envelope(a, b));
  b = a;
  b.cwmp_ns = "urn:dslforum-org:cwmp-1-0";
  EXPECT_FALSE(same_envelope(a, b));
}

}  // namespace
}  // namespace hearth::cwmp
