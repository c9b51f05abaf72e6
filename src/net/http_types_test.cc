#include "net/http_types.h"

#include <gtest/gtest.h>

namespace hearth::net {
namespace {

using Pairs = std::vector<std::pair<std::string, std::string>>;

TEST(HttpHeadersTest, LookupIsCaseInsensitiveAndKeepsOrderAndDuplicates) {
  HttpHeaders h;
  h.add("Set-Cookie", "a=1");
  h.add("Content-Type", "text/xml");
  h.add("set-cookie", "b=2");
  EXPECT_EQ(h.get("content-type"), "text/xml");
  EXPECT_EQ(h.get("SET-COOKIE"), "a=1");
  EXPECT_EQ(h.get_all("Set-Cookie"), (std::vector<std::string_view>{"a=1", "b=2"}));
  EXPECT_FALSE(h.get("Missing").has_value());
  EXPECT_EQ(h.get_or("Missing", "x"), "x");
  ASSERT_EQ(h.size(), 3u);
  EXPECT_EQ(h.begin()->name, "Set-Cookie");
}

TEST(HttpHeadersTest, SetReplacesEveryDuplicateAndEraseCounts) {
  HttpHeaders h;
  h.add("X", "1");
  h.add("x", "2");
  h.set("X", "3");
  EXPECT_EQ(h.get_all("x"), (std::vector<std::string_view>{"3"}));
  EXPECT_EQ(h.erase("X"), 1u);
  EXPECT_TRUE(h.empty());
}

TEST(HttpRequestTest, SplitsPathAndQuery) {
  HttpRequest r;
  r.target = "/api/v1/devices?limit=10&q=a%20b";
  EXPECT_EQ(r.path(), "/api/v1/devices");
  EXPECT_EQ(r.query(), "limit=10&q=a%20b");
  r.target = "/";
  EXPECT_EQ(r.path(), "/");
  EXPECT_EQ(r.query(), "");
}

TEST(CookieTest, ParsesWhatCpesSend) {
  struct Case {
    const char* header;
    Pairs expected;
  };
  const Case cases[] = {
      {"session=abc", {{"session", "abc"}}},
      {"session=abc; other=1", {{"session", "abc"}, {"other", "1"}}},
      // tr069.md quirk 3: commas as separators and quoted values.
      {"session=abc, other=1", {{"session", "abc"}, {"other", "1"}}},
      {"session=\"abc\"", {{"session", "abc"}}},
      {"session=\"a;b,c\"; x=\"q\\\"\"", {{"session", "a;b,c"}, {"x", "q\""}}},
      {"  a = 1 ;;, b=2  ", {{"a", "1"}, {"b", "2"}}},
      {"noequals; a=1", {{"a", "1"}}},
      {"=nameless; a=", {{"a", ""}}},
      {"a=\"unterminated", {{"a", "unterminated"}}},
      {"a=1; a=2", {{"a", "1"}, {"a", "2"}}},
      {"", {}},
      {";,; ,", {}},
  };
  for (const auto& c : cases) EXPECT_EQ(parse_cookies(c.header), c.expected) << c.header;
}

TEST(CookieTest, FindsTheFirstCookieOverSeveralHeaders) {
  HttpHeaders h;
  h.add("Cookie", "a=1");
  h.add("Cookie", "session=s1, session=s2");
  EXPECT_EQ(find_cookie(h, "session"), "s1");
  EXPECT_EQ(find_cookie(h, "a"), "1");
  EXPECT_FALSE(find_cookie(h, "nope").has_value());
}

TEST(QueryTest, DecodesPercentAndPlusAndKeepsOrder) {
  struct Case {
    const char* query;
    Pairs expected;
  };
  const Case cases[] = {
      {"a=1&b=x%20y&c", {{"a", "1"}, {"b", "x y"}, {"c", ""}}},
      {"q=a+b&r=%2B", {{"q", "a b"}, {"r", "+"}}},
      {"&&a=1&", {{"a", "1"}}},
      {"k=%zz", {{"k", "%zz"}}},  // a malformed escape stays literal
      {"k%3D=v%3D", {{"k=", "v="}}},
      {"a=1&a=2", {{"a", "1"}, {"a", "2"}}},
      {"", {}},
  };
  for (const auto& c : cases) EXPECT_EQ(parse_query(c.query), c.expected) << c.query;
  EXPECT_EQ(query_param("a=1&b=2", "b"), "2");
  EXPECT_FALSE(query_param("a=1", "b").has_value());
}

TEST(MakeResponseTest, SetsContentTypeOnlyWithABody) {
  const HttpResponse r = make_response(404, "nope\n");
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(r.headers.get("Content-Type"), "text/plain");
  EXPECT_TRUE(make_response(204).headers.empty());
  EXPECT_STREQ(reason_phrase(413), "Payload Too Large");
  EXPECT_STREQ(reason_phrase(799), "Unknown");
}

}  // namespace
}  // namespace hearth::net
