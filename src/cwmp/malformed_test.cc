// Input that must be refused cleanly: an error value with a short message, never a crash.
#include <gtest/gtest.h>

#include "cwmp/codec.h"
#include "cwmp/test_fixtures.h"

namespace hearth::cwmp {
namespace {

using testing::read_fixture;

struct RejectCase {
  const char* file;
  const char* message;  // expected substring of the error message
};

std::ostream& operator<<(std::ostream& os, const RejectCase& c) { return os << c.file; }

class RejectFixtureTest : public ::testing::TestWithParam<RejectCase> {};

TEST_P(RejectFixtureTest, FailsWithShortInvalidArgument) {
  auto r = parse_envelope(read_fixture(GetParam().file));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(r.error().message.find(GetParam().message), std::string::npos) << r.error().message;
  EXPECT_LT(r.error().message.size(), 120u);
}

INSTANTIATE_TEST_SUITE_P(
    Cwmp, RejectFixtureTest,
    ::testing::Values(RejectCase{"whitespace_body.xml", "not XML"},
                      RejectCase{"empty_body_element.xml", "empty Body"},
                      RejectCase{"soap12_envelope.xml", "not in the SOAP 1.1 namespace"},
                      RejectCase{"undeclared_prefix.xml", "not in the SOAP 1.1 namespace"},
                      RejectCase{"no_body.xml", "no Body"},
                      RejectCase{"not_soap.xml", "no SOAP Envelope"},
                      RejectCase{"malformed_mismatched.xml", "not XML"},
                      RejectCase{"truncated_inform.xml", "not XML"},
                      RejectCase{"inform_without_serial.xml", "Inform without DeviceId/OUI/SerialNumber"},
                      RejectCase{"fault_non_numeric_code.xml", "Fault without numeric"},
                      RejectCase{"add_object_response_bad_instance.xml", "InstanceNumber"}),
    [](const ::testing::TestParamInfo<RejectCase>& param_info) {
      std::string name = param_info.param.file;
      return name.substr(0, name.find('.'));
    });

TEST(EmptyBodyTest, RecognisesEmptyPostVariants) {
  EXPECT_TRUE(is_empty_body(""));
  EXPECT_TRUE(is_empty_body(read_fixture("whitespace_body.xml")));
  EXPECT_FALSE(is_empty_body(" <a/>"));
}

TEST(MalformedInputTest, RejectsEmptyAndBinaryInput) {
  EXPECT_FALSE(parse_envelope("").ok());
  EXPECT_FALSE(parse_envelope("<").ok());
  EXPECT_FALSE(parse_envelope(std::string("\0\x01\x02\xFF", 4)).ok());
  EXPECT_FALSE(parse_envelope("plain text").ok());
}

TEST(MalformedInputTest, RejectsDeepNestingWithoutExhaustingTheStack) {
  for (int depth : {65, 10000, 1000000}) {
    std::string xml = "<soap-env:Envelope xmlns:soap-env=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap-env:Body>";
    for (int i = 0; i < depth; ++i) xml += "<a>";
    for (int i = 0; i < depth; ++i) xml += "</a>";
    xml += "</soap-env:Body></soap-env:Envelope>";
    auto r = parse_envelope(xml);
    ASSERT_FALSE(r.ok()) << depth;
    EXPECT_EQ(r.error().message, "XML nested too deeply");
  }
}

TEST(MalformedInputTest, AcceptsNestingJustInsideTheLimit) {
  std::string xml = "<soap-env:Envelope xmlns:soap-env=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap-env:Body>";
  for (int i = 0; i < 62; ++i) xml += "<X_Deep>";
  for (int i = 0; i < 62; ++i) xml += "</X_Deep>";
  xml += "</soap-env:Body></soap-env:Envelope>";
  auto r = parse_envelope(xml);
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(std::get<UnknownMethod>(r->body).name, "X_Deep");
}

TEST(MalformedInputTest, EnforcesTheItemLimit) {
  ParseOptions options;
  options.max_items = 14;
  auto r = parse_envelope(read_fixture("inform_tr181_cwmp14.xml"), options);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("too many items in ParameterList"), std::string::npos);
  options.max_items = 15;
  EXPECT_TRUE(parse_envelope(read_fixture("inform_tr181_cwmp14.xml"), options).ok());
}

// Entity definitions in a DOCTYPE are never expanded, internal (billion laughs) or external.
TEST(MalformedInputTest, DoesNotExpandDoctypeEntities) {
  const std::string xml =
      "<?xml version=\"1.0\"?>"
      "<!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">"
      "<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>"
      "<soap-env:Envelope xmlns:soap-env=\"http://schemas.xmlsoap.org/soap/envelope/\" "
      "xmlns:cwmp=\"urn:dslforum-org:cwmp-1-2\"><soap-env:Body><cwmp:GetParameterValuesResponse>"
      "<ParameterList><ParameterValueStruct><Name>A</Name><Value>&lol2;&xxe;</Value></ParameterValueStruct>"
      "</ParameterList></cwmp:GetParameterValuesResponse></soap-env:Body></soap-env:Envelope>";
  auto r = parse_envelope(xml);
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(std::get<GetParameterValuesResponse>(r->body).parameters.at(0).value, "&lol2;&xxe;");
}

TEST(MalformedInputTest, DecodesCharacterReferences) {
  const std::string xml =
      "<soap-env:Envelope xmlns:soap-env=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap-env:Body>"
      "<cwmp:Reboot xmlns:cwmp=\"urn:dslforum-org:cwmp-1-2\"><CommandKey>&#x72;b&#45;&#49;&amp;</CommandKey>"
      "</cwmp:Reboot></soap-env:Body></soap-env:Envelope>";
  auto r = parse_envelope(xml);
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(std::get<Reboot>(r->body).command_key, "rb-1&");
}

}  // namespace
}  // namespace hearth::cwmp
