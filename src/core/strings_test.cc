#include "core/strings.h"

#include <gtest/gtest.h>

namespace hearth {
namespace {

TEST(StringsTest, TrimSplitCase) {
  EXPECT_EQ(trim("  a b \r\n"), "a b");
  EXPECT_EQ(split("a,,b", ',').size(), 3u);
  EXPECT_TRUE(iequals("Digest", "dIGEST"));
  EXPECT_EQ(to_lower("GZip"), "gzip");
}

TEST(StringsTest, ParsesIntegersStrictly) {
  EXPECT_EQ(parse_int64(" -42 "), -42);
  EXPECT_EQ(parse_uint64("+7"), 7u);
  EXPECT_FALSE(parse_int64("4x").has_value());
  EXPECT_FALSE(parse_uint64("-1").has_value());
  EXPECT_FALSE(parse_uint64("").has_value());
  EXPECT_FALSE(parse_uint64("18446744073709551616").has_value());
}

TEST(StringsTest, JsonEscape) { EXPECT_EQ(json_escape("a\"b\\\n\x01"), "a\\\"b\\\\\\n\\u0001"); }

TEST(StringsTest, PercentDecode) {
  EXPECT_EQ(percent_decode("a%2Fb%20c"), "a/b c");
  EXPECT_FALSE(percent_decode("bad%2").has_value());
  EXPECT_FALSE(percent_decode("bad%zz").has_value());
}

}  // namespace
}  // namespace hearth

namespace hearth {
namespace {

TEST(ParseHexTest, AcceptsLowerCaseHexOfAtMostSixteenDigits) {
  struct Case {
    const char* text;
    std::optional<uint64_t> want;
  };
  const Case cases[] = {
      {"", 0},
      {"0", 0},
      {"ff", 255},
      {"00000001", 1},
      {"ffffffffffffffff", UINT64_MAX},
      {"1ffffffffffffffff", std::nullopt},
      {"FF", std::nullopt},
      {"0x10", std::nullopt},
      {"12 ", std::nullopt},
  };
  for (const auto& c : cases) EXPECT_EQ(parse_hex_u64(c.text), c.want) << c.text;
}

}  // namespace
}  // namespace hearth
