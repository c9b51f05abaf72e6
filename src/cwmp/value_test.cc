#include "cwmp/value.h"

#include <gtest/gtest.h>

namespace hearth::cwmp {
namespace {

struct NormaliseCase {
  ValueType type;
  const char* text;
  bool ok;
  const char* out;
};

class NormaliseValueTest : public ::testing::TestWithParam<NormaliseCase> {};

TEST_P(NormaliseValueTest, GivesCanonicalTextOrKeepsRaw) {
  const NormaliseCase& c = GetParam();
  std::string out = "stale";
  EXPECT_EQ(normalise_value(c.type, c.text, &out), c.ok) << c.text;
  EXPECT_EQ(out, c.out);
}

INSTANTIATE_TEST_SUITE_P(
    Table, NormaliseValueTest,
    ::testing::Values(
        NormaliseCase{ValueType::kString, "  as is ", true, "  as is "},
        NormaliseCase{ValueType::kBoolean, "true", true, "true"},
        NormaliseCase{ValueType::kBoolean, "TRUE", true, "true"},
        NormaliseCase{ValueType::kBoolean, " False ", true, "false"},
        NormaliseCase{ValueType::kBoolean, "1", true, "true"},
        NormaliseCase{ValueType::kBoolean, "0", true, "false"},
        NormaliseCase{ValueType::kBoolean, "yes", false, "yes"},
        NormaliseCase{ValueType::kBoolean, "", false, ""},
        NormaliseCase{ValueType::kInt, " +42 ", true, "42"},
        NormaliseCase{ValueType::kInt, "-2147483648", true, "-2147483648"},
        NormaliseCase{ValueType::kInt, "2147483648", false, "2147483648"},
        NormaliseCase{ValueType::kInt, "+-1", false, "+-1"},
        NormaliseCase{ValueType::kInt, "1.5", false, "1.5"},
        NormaliseCase{ValueType::kUnsignedInt, "4294967295", true, "4294967295"},
        NormaliseCase{ValueType::kUnsignedInt, "4294967296", false, "4294967296"},
        NormaliseCase{ValueType::kUnsignedInt, "-1", false, "-1"},
        NormaliseCase{ValueType::kUnsignedInt, "007", true, "7"},
        NormaliseCase{ValueType::kLong, "-9223372036854775808", true, "-9223372036854775808"},
        NormaliseCase{ValueType::kLong, "9223372036854775808", false, "9223372036854775808"},
        NormaliseCase{ValueType::kUnsignedLong, "18446744073709551615", true, "18446744073709551615"},
        NormaliseCase{ValueType::kUnsignedLong, "18446744073709551616", false, "18446744073709551616"},
        NormaliseCase{ValueType::kUnsignedLong, "", false, ""},
        NormaliseCase{ValueType::kDateTime, "2025-01-01T12:00:00.000Z", true, "2025-01-01T12:00:00.000Z"},
        NormaliseCase{ValueType::kDateTime, " 0001-01-01T00:00:00Z ", true, "0001-01-01T00:00:00Z"},
        NormaliseCase{ValueType::kDateTime, "2025-01-01T12:00:00+02:00", true, "2025-01-01T12:00:00+02:00"},
        NormaliseCase{ValueType::kDateTime, "0000-00-00T00:00:00", false, "0000-00-00T00:00:00"},
        NormaliseCase{ValueType::kDateTime, "tomorrow", false, "tomorrow"},
        NormaliseCase{ValueType::kBase64, "SGVsbG8=", true, "SGVsbG8="},
        NormaliseCase{ValueType::kBase64, "SGVs\nbG8h", true, "SGVs\nbG8h"},
        NormaliseCase{ValueType::kBase64, "", true, ""},
        NormaliseCase{ValueType::kBase64, "SGV=sbG8", false, "SGV=sbG8"},
        NormaliseCase{ValueType::kBase64, "SGVsbG8", false, "SGVsbG8"},
        NormaliseCase{ValueType::kHexBinary, "00AAbb", true, "00AAbb"},
        NormaliseCase{ValueType::kHexBinary, "0A1", false, "0A1"},
        NormaliseCase{ValueType::kHexBinary, "zz", false, "zz"}));

TEST(ParseValueTypeTest, AcceptsAnyPrefixAndBothNameForms) {
  EXPECT_EQ(parse_value_type("xsd:int"), ValueType::kInt);
  EXPECT_EQ(parse_value_type("xs:unsignedInt"), ValueType::kUnsignedInt);
  EXPECT_EQ(parse_value_type("unsignedLong"), ValueType::kUnsignedLong);
  EXPECT_EQ(parse_value_type("SOAP-ENC:string"), ValueType::kString);
  EXPECT_EQ(parse_value_type("xsd:base64Binary"), ValueType::kBase64);
  EXPECT_EQ(parse_value_type("xsd:base64"), ValueType::kBase64);
  EXPECT_EQ(parse_value_type("xsd:dateTime"), ValueType::kDateTime);
  EXPECT_EQ(parse_value_type("xsd:hexBinary"), ValueType::kHexBinary);
  EXPECT_EQ(parse_value_type("xsd:boolean"), ValueType::kBoolean);
  EXPECT_EQ(parse_value_type("xsd:long"), ValueType::kLong);
  EXPECT_EQ(parse_value_type("xsd:float"), std::nullopt);
  EXPECT_EQ(parse_value_type(""), std::nullopt);
}

TEST(ValueTypeNameTest, NamesRoundTripThroughTheParser) {
  for (int i = 0; i <= static_cast<int>(ValueType::kHexBinary); ++i) {
    const auto t = static_cast<ValueType>(i);
    EXPECT_EQ(parse_value_type(value_type_xsi_name(t)), t);
    EXPECT_EQ(parse_value_type(value_type_name(t)), t);
  }
  EXPECT_STREQ(value_type_xsi_name(ValueType::kUnsignedInt), "xsd:unsignedInt");
  EXPECT_STREQ(value_type_name(ValueType::kDateTime), "dateTime");
}

}  // namespace
}  // namespace hearth::cwmp
