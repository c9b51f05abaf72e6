#include "cwmp/charset.h"

#include <gtest/gtest.h>

#include "cwmp/codec.h"
#include "cwmp/test_fixtures.h"

namespace hearth::cwmp {
namespace {

using testing::read_fixture;

struct DetectCase {
  std::string body;
  const char* content_type;
  const char* expected;
};

class DetectCharsetTest : public ::testing::TestWithParam<DetectCase> {};

TEST_P(DetectCharsetTest, PrefersHeaderThenMarkThenDeclaration) {
  EXPECT_EQ(detect_charset(GetParam().body, GetParam().content_type), GetParam().expected);
}

INSTANTIATE_TEST_SUITE_P(
    Table, DetectCharsetTest,
    ::testing::Values(
        DetectCase{"<a/>", "text/xml", "utf-8"},
        DetectCase{"<a/>", "", "utf-8"},
        DetectCase{"<a/>", "text/xml; charset=ISO-8859-1", "iso-8859-1"},
        DetectCase{"<a/>", "text/xml;charset=\"UTF-8\"", "utf-8"},
        DetectCase{"<a/>", "text/xml; action=\"x\"; Charset='windows-1252'", "windows-1252"},
        DetectCase{"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><a/>", "text/xml", "iso-8859-1"},
        DetectCase{"<?xml version='1.0' encoding = 'latin1' ?><a/>", "", "latin1"},
        DetectCase{"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><a/>", "text/xml; charset=utf-8", "utf-8"},
        DetectCase{"<?xml version=\"1.0\"?><a encoding=\"x\"/>", "", "utf-8"},
        DetectCase{std::string("\xFF\xFE<\0", 4), "text/xml", "utf-16le"},
        DetectCase{std::string("\xFE\xFF\0<", 4), "text/xml", "utf-16be"},
        DetectCase{std::string("<\0?\0x\0", 6), "", "utf-16le"},
        DetectCase{"\xEF\xBB\xBF<a/>", "", "utf-8"}));

TEST(ToUtf8Test, PassesUtf8ThroughWithoutItsByteOrderMark) {
  auto r = to_utf8("\xEF\xBB\xBF<a>\xC3\xA9</a>", "text/xml; charset=utf-8");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(*r, "<a>\xC3\xA9</a>");
}

TEST(ToUtf8Test, ConvertsLatin1NamedInContentType) {
  auto r = to_utf8("<a>Caf\xE9</a>", "text/xml; charset=ISO-8859-1");
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(*r, "<a>Caf\xC3\xA9</a>");
}

TEST(ToUtf8Test, ConvertsWindows1252EuroSign) {
  auto r = to_utf8("<a>5\x80</a>", "text/xml; charset=windows-1252");
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(*r, "<a>5\xE2\x82\xAC</a>");
}

TEST(ToUtf8Test, ConvertsUtf16BigEndianWithMark) {
  auto r = to_utf8(std::string("\xFE\xFF\0<\0a\0/\0>", 10), "");
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(*r, "<a/>");
}

TEST(ToUtf8Test, ReadsUtf16LittleEndianWithoutMarkWhenLabelledUtf16) {
  auto r = to_utf8(std::string("<\0a\0/\0>\0", 8), "text/xml; charset=utf-16");
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(*r, "<a/>");
}

TEST(ToUtf8Test, GrowsOutputForLongBodies) {
  std::string latin(100000, '\xE9');
  auto r = to_utf8(latin, "text/xml; charset=latin1");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->size(), 200000u);
}

TEST(ToUtf8Test, RejectsUnknownCharset) {
  auto r = to_utf8("<a/>", "text/xml; charset=klingon-8");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(r.error().message.find("unknown charset"), std::string::npos);
}

TEST(ToUtf8Test, RejectsIconvSuffixesInTheLabel) {
  EXPECT_FALSE(to_utf8("<a/>", "text/xml; charset=latin1//TRANSLIT").ok());
  EXPECT_FALSE(to_utf8("<a/>", "text/xml; charset=\"latin1 x\"").ok());
}

TEST(ToUtf8Test, RejectsTruncatedUtf16) {
  auto r = to_utf8(std::string("\xFF\xFE<\0a", 5), "");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("invalid utf-16le"), std::string::npos);
}

TEST(ToUtf8Test, Latin1FixtureParsesWithCharsetFromTheDeclaration) {
  auto utf8 = to_utf8(read_fixture("inform_latin1.xml"), "text/xml");
  ASSERT_TRUE(utf8.ok()) << utf8.error().message;
  auto env = parse_envelope(*utf8);
  ASSERT_TRUE(env.ok()) << env.error().message;
  const auto& inform = std::get<Inform>(env->body);
  EXPECT_EQ(inform.device_id.manufacturer, "Soci\xC3\xA9t\xC3\xA9 R\xC3\xA9seau");
  EXPECT_EQ(inform.parameters.at(0).value, "Caf\xC3\xA9 M\xC3\xBCller");
}

}  // namespace
}  // namespace hearth::cwmp
