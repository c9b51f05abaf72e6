#include "sim/cpe/wire_quirks.h"

#include <gtest/gtest.h>

#include "cwmp/codec.h"

namespace hearth::sim::cpe {
namespace {

bool contains(const std::string& s, const std::string& part) {
  return s.find(part) != std::string::npos;
}

std::string inform_xml() {
  cwmp::Envelope env;
  env.header.id = "42";
  env.cwmp_ns = "urn:dslforum-org:cwmp-1-0";
  cwmp::Inform m;
  m.device_id = {"Acme", "00AABB", "HG100", "S1"};
  m.events = {{"1 BOOT", ""}};
  // Values that look like markup must stay as they are.
  m.parameters = {
      {"Device.X.Note", "soap-env:Body cwmp:ID <cwmp:Inform> \"q\"", cwmp::ValueType::kString},
      {"Device.X.On", "true", cwmp::ValueType::kBoolean}};
  env.body = m;
  return cwmp::write_envelope(env);
}

TEST(WireQuirksTest, RewritesPrefixesInMarkupOnly) {
  ModelInfo model;
  model.soap_prefix = "SOAP-ENV";
  model.cwmp_prefix = "cwmp0";
  const std::string out = apply_wire_quirks(inform_xml(), model);
  EXPECT_TRUE(contains(
      out, "<SOAP-ENV:Envelope xmlns:SOAP-ENV=\"http://schemas.xmlsoap.org/soap/envelope/\""));
  EXPECT_TRUE(contains(out, "xmlns:cwmp0=\"urn:dslforum-org:cwmp-1-0\""));
  EXPECT_TRUE(contains(out, "<cwmp0:ID SOAP-ENV:mustUnderstand=\"1\">42</cwmp0:ID>"));
  EXPECT_TRUE(contains(out, "<cwmp0:Inform>"));
  EXPECT_TRUE(contains(out, "</SOAP-ENV:Body></SOAP-ENV:Envelope>"));
  EXPECT_TRUE(contains(out, "soap-enc:arrayType=\"cwmp0:EventStruct[1]\""));
  EXPECT_TRUE(
      contains(out, "soap-env:Body cwmp:ID &lt;cwmp:Inform&gt;"));  // character data untouched
  EXPECT_FALSE(contains(out, "soap-env:Envelope"));

  auto env = cwmp::parse_envelope(out);
  ASSERT_TRUE(env.ok()) << env.error().message;
  const auto& inform = std::get<cwmp::Inform>(env->body);
  EXPECT_EQ(inform.parameters.at(0).value, "soap-env:Body cwmp:ID <cwmp:Inform> \"q\"");
  EXPECT_EQ(env->cwmp_ns, "urn:dslforum-org:cwmp-1-0");
  EXPECT_EQ(env->header.id, "42");
}

TEST(WireQuirksTest, ArrayCountMismatchOnlyOnParameterList) {
  ModelInfo model;
  model.array_count_mismatch = true;
  const std::string out = apply_wire_quirks(inform_xml(), model);
  EXPECT_TRUE(contains(out, "<ParameterList soap-enc:arrayType=\"cwmp:ParameterValueStruct[3]\">"));
  EXPECT_TRUE(contains(out, "<Event soap-enc:arrayType=\"cwmp:EventStruct[1]\">"));
  auto env = cwmp::parse_envelope(out);
  ASSERT_TRUE(env.ok());
  EXPECT_EQ(std::get<cwmp::Inform>(env->body).parameters.size(), 2u);  // parsers count the items
}

TEST(WireQuirksTest, DefaultModelIsUnchanged) {
  const std::string xml = inform_xml();
  EXPECT_EQ(apply_wire_quirks(xml, ModelInfo{}), xml);
}

TEST(WireQuirksTest, UnusablePrefixesAreIgnored) {
  const std::string xml = inform_xml();
  struct Case {
    std::string soap;
    std::string cwmp;
  };
  const Case cases[] = {{"", "cwmp"},        {"1abc", "cwmp"},         {"a b", "cwmp"},
                        {"xsd", "cwmp"},     {"soap-env", "soap-env"}, {"cwmp", "cwmp"},
                        {"soap-env", "xsi"}, {"xmlns", "cwmp"}};
  for (const auto& c : cases) {
    ModelInfo model;
    model.soap_prefix = c.soap;
    model.cwmp_prefix = c.cwmp;
    const std::string out = apply_wire_quirks(xml, model);
    EXPECT_TRUE(cwmp::parse_envelope(out).ok()) << c.soap << " " << c.cwmp;
  }
  EXPECT_TRUE(valid_prefix("SOAP-ENV"));
  EXPECT_TRUE(valid_prefix("soap_env"));
  EXPECT_FALSE(valid_prefix("-x"));
  EXPECT_FALSE(valid_prefix("a:b"));
}

}  // namespace
}  // namespace hearth::sim::cpe
