// The canonical envelope of tr069.md 2.5 and the writer's quirk switches (2.4, quirk 22).
#include <gtest/gtest.h>

#include "cwmp/codec.h"

namespace hearth::cwmp {
namespace {

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

TEST(WriteEnvelopeTest, WritesTheCanonicalInformResponse) {
  Envelope env;
  env.header.id = "1234";
  env.cwmp_ns = "urn:dslforum-org:cwmp-1-0";
  env.body = InformResponse{1};
  EXPECT_EQ(write_envelope(env),
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            "<soap-env:Envelope xmlns:soap-env=\"http://schemas.xmlsoap.org/soap/envelope/\""
            " xmlns:soap-enc=\"http://schemas.xmlsoap.org/soap/encoding/\""
            " xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\""
            " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\""
            " xmlns:cwmp=\"urn:dslforum-org:cwmp-1-0\">"
            "<soap-env:Header><cwmp:ID soap-env:mustUnderstand=\"1\">1234</cwmp:ID></soap-env:Header>"
            "<soap-env:Body><cwmp:InformResponse><MaxEnvelopes>1</MaxEnvelopes></cwmp:InformResponse>"
            "</soap-env:Body></soap-env:Envelope>");
}

TEST(WriteEnvelopeTest, OmitsAnEmptyHeader) {
  Envelope env;
  env.body = FactoryReset{};
  const std::string xml = write_envelope(env);
  EXPECT_FALSE(contains(xml, "Header"));
  EXPECT_TRUE(contains(xml, "<soap-env:Body><cwmp:FactoryReset/></soap-env:Body>"));
  EXPECT_TRUE(contains(xml, "xmlns:cwmp=\"urn:dslforum-org:cwmp-1-2\""));
}

TEST(WriteEnvelopeTest, WritesHeaderFieldsForBothSides) {
  Envelope env;
  env.header.id = "a&b";
  env.header.hold_requests = true;
  env.header.session_timeout = 30;
  env.header.supported_cwmp_versions = "1.0,1.4";
  env.header.use_cwmp_version = "1.4";
  env.body = InformResponse{1};
  const std::string xml = write_envelope(env);
  EXPECT_TRUE(contains(xml, "<cwmp:ID soap-env:mustUnderstand=\"1\">a&amp;b</cwmp:ID>"));
  EXPECT_TRUE(contains(xml, "<cwmp:HoldRequests soap-env:mustUnderstand=\"1\">1</cwmp:HoldRequests>"));
  EXPECT_TRUE(contains(xml, "<cwmp:SessionTimeout soap-env:mustUnderstand=\"0\">30</cwmp:SessionTimeout>"));
  EXPECT_TRUE(contains(xml, "<cwmp:SupportedCWMPVersions soap-env:mustUnderstand=\"0\">1.0,1.4<"));
  EXPECT_TRUE(contains(xml, "<cwmp:UseCWMPVersion soap-env:mustUnderstand=\"1\">1.4</cwmp:UseCWMPVersion>"));
}

TEST(WriteEnvelopeTest, CountsEveryArray) {
  GetParameterValues gpv;
  for (int i = 0; i < 32; ++i) gpv.parameter_names.push_back("Device.X." + std::to_string(i) + ".");
  Envelope env;
  env.body = gpv;
  EXPECT_TRUE(contains(write_envelope(env), "<ParameterNames soap-enc:arrayType=\"xsd:string[32]\"><string>Device.X.0.</string>"));

  env.body = GetParameterValuesResponse{{{"A", "1", ValueType::kInt}, {"B", "x", ValueType::kString}}};
  EXPECT_TRUE(contains(write_envelope(env), "<ParameterList soap-enc:arrayType=\"cwmp:ParameterValueStruct[2]\">"));

  env.body = GetParameterNamesResponse{{{"A.", false}}};
  EXPECT_TRUE(contains(write_envelope(env), "soap-enc:arrayType=\"cwmp:ParameterInfoStruct[1]\""));

  env.body = SetParameterAttributes{{{"A", true, 1, true, {}}}};
  const std::string spa = write_envelope(env);
  EXPECT_TRUE(contains(spa, "soap-enc:arrayType=\"cwmp:SetParameterAttributesStruct[1]\""));
  EXPECT_TRUE(contains(spa, "<AccessList soap-enc:arrayType=\"xsd:string[0]\"></AccessList>"));

  env.body = GetParameterAttributesResponse{{{"A", 1, {"Subscriber"}}}};
  EXPECT_TRUE(contains(write_envelope(env), "soap-enc:arrayType=\"cwmp:ParameterAttributeStruct[1]\""));

  env.body = Inform{{"M", "001122", "P", "S"}, {{"1 BOOT", ""}}, 1, "2025-01-01T00:00:00Z", 0, {}};
  const std::string inform = write_envelope(env);
  EXPECT_TRUE(contains(inform, "<Event soap-enc:arrayType=\"cwmp:EventStruct[1]\">"));
  EXPECT_TRUE(contains(inform, "soap-enc:arrayType=\"cwmp:ParameterValueStruct[0]\""));

  env.body = GetRPCMethodsResponse{{"Inform", "GetRPCMethods", "TransferComplete"}};
  EXPECT_TRUE(contains(write_envelope(env), "<MethodList soap-enc:arrayType=\"xsd:string[3]\">"));

  env.body = RequestDownload{"1 Firmware Upgrade Image", {{"a", "b"}}};
  EXPECT_TRUE(contains(write_envelope(env), "<FileTypeArg soap-enc:arrayType=\"cwmp:ArgStruct[1]\">"));
}

TEST(WriteEnvelopeTest, TypesEveryValue) {
  Envelope env;
  env.body = SetParameterValues{{{"A", "7", ValueType::kUnsignedInt}, {"B", "true", ValueType::kBoolean},
                                 {"C", "2025-01-01T00:00:00.000Z", ValueType::kDateTime}},
                                "k"};
  const std::string xml = write_envelope(env);
  EXPECT_TRUE(contains(xml, "<Name>A</Name><Value xsi:type=\"xsd:unsignedInt\">7</Value>"));
  EXPECT_TRUE(contains(xml, "<Value xsi:type=\"xsd:boolean\">true</Value>"));
  EXPECT_TRUE(contains(xml, "<Value xsi:type=\"xsd:dateTime\">2025-01-01T00:00:00.000Z</Value>"));
  EXPECT_TRUE(contains(xml, "<ParameterKey>k</ParameterKey>"));
}

TEST(WriteEnvelopeTest, AppliesBooleanLiteralAndMillisecondSwitches) {
  Envelope env;
  env.body = SetParameterValues{{{"A", "true", ValueType::kBoolean}, {"B", "FALSE", ValueType::kBoolean},
                                 {"C", "2025-01-01T00:00:00.000Z", ValueType::kDateTime},
                                 {"D", "2025-01-01T00:00:00.5+02:00", ValueType::kDateTime},
                                 {"E", "garbage.5", ValueType::kDateTime}},
                                "k"};
  WriteOptions options;
  options.boolean_literal = false;
  options.datetime_milliseconds = false;
  const std::string xml = write_envelope(env, options);
  EXPECT_TRUE(contains(xml, "<Name>A</Name><Value xsi:type=\"xsd:boolean\">1</Value>"));
  EXPECT_TRUE(contains(xml, "<Name>B</Name><Value xsi:type=\"xsd:boolean\">0</Value>"));
  EXPECT_TRUE(contains(xml, ">2025-01-01T00:00:00Z</Value>"));
  EXPECT_TRUE(contains(xml, ">2025-01-01T00:00:00+02:00</Value>"));
  EXPECT_TRUE(contains(xml, ">garbage.5</Value>"));

  // By default booleans are literal and normalised.
  EXPECT_TRUE(contains(write_envelope(env), "<Name>B</Name><Value xsi:type=\"xsd:boolean\">false</Value>"));
}

TEST(WriteEnvelopeTest, EscapesTextAndNeverWritesCdata) {
  Envelope env;
  env.cwmp_ns = "urn:dslforum-org:cwmp-1-2\"x";
  env.body = SetParameterValues{{{"A", "<![CDATA[x]]> & \r", ValueType::kString}}, ""};
  const std::string xml = write_envelope(env);
  EXPECT_TRUE(contains(xml, ">&lt;![CDATA[x]]&gt; &amp; &#13;</Value>"));
  EXPECT_TRUE(contains(xml, "xmlns:cwmp=\"urn:dslforum-org:cwmp-1-2&quot;x\""));
  EXPECT_FALSE(contains(xml, "<![CDATA["));
}

TEST(WriteEnvelopeTest, WritesTheSoapFaultShape) {
  Envelope env;
  env.header.id = "9";
  env.body = Fault{"Client", "CWMP fault", 9003, "Invalid arguments",
                   {{"Device.WiFi.Radio.1.Channel", 9007, "Invalid parameter value"}}};
  EXPECT_TRUE(contains(write_envelope(env),
                       "<soap-env:Body><soap-env:Fault><faultcode>Client</faultcode>"
                       "<faultstring>CWMP fault</faultstring><detail><cwmp:Fault><FaultCode>9003</FaultCode>"
                       "<FaultString>Invalid arguments</FaultString><SetParameterValuesFault>"
                       "<ParameterName>Device.WiFi.Radio.1.Channel</ParameterName><FaultCode>9007</FaultCode>"
                       "<FaultString>Invalid parameter value</FaultString></SetParameterValuesFault>"
                       "</cwmp:Fault></detail></soap-env:Fault></soap-env:Body>"));
}

TEST(WriteEnvelopeTest, WritesMissingTimesAsTheUnknownTime) {
  Envelope env;
  env.body = TransferComplete{"k", {}, "", ""};
  const std::string xml = write_envelope(env);
  EXPECT_TRUE(contains(xml, "<StartTime>0001-01-01T00:00:00Z</StartTime>"));
  EXPECT_TRUE(contains(xml, "<CompleteTime>0001-01-01T00:00:00Z</CompleteTime>"));
}

TEST(WriteEnvelopeTest, WritesNextLevelAsDigit) {
  Envelope env;
  env.body = GetParameterNames{"Device.", true};
  EXPECT_TRUE(contains(write_envelope(env), "<ParameterPath>Device.</ParameterPath><NextLevel>1</NextLevel>"));
}

TEST(BodyMethodNameTest, NamesTheElement) {
  EXPECT_STREQ(body_method_name(Body(Inform{})), "Inform");
  EXPECT_STREQ(body_method_name(Body(GetParameterValuesResponse{})), "GetParameterValuesResponse");
  EXPECT_STREQ(body_method_name(Body(ScheduleInformResponse{})), "ScheduleInformResponse");
  EXPECT_STREQ(body_method_name(Body(Fault{})), "Fault");
  EXPECT_STREQ(body_method_name(Body(UnknownMethod{"Kicked"})), "Kicked");
}

}  // namespace
}  // namespace hearth::cwmp
