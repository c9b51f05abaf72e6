#include "api/http.h"

#include <gtest/gtest.h>

namespace hearth::api {
namespace {

TEST(HeaderMapTest, LooksUpNamesCaseInsensitively) {
  HeaderMap h;
  h.add("Content-Type", "application/json");
  h.add("X-Twice", "1");
  h.add("x-twice", "2");
  EXPECT_EQ(h.get("content-type"), "application/json");
  EXPECT_EQ(h.get("X-TWICE"), "1");
  EXPECT_FALSE(h.get("Authorization").has_value());
  h.set("X-TWICE", "3");
  EXPECT_EQ(h.get("x-twice"), "3");
  EXPECT_EQ(h.entries().size(), 2u);
}

TEST(ParseTargetTest, SplitsPathAndDecodesQuery) {
  ApiRequest r;
  ASSERT_TRUE(parse_target("/api/v1/devices/a%25b?q=x+y&tag=a%2Bb&tag=c&flag&=v", &r).ok());
  EXPECT_EQ(r.path, "/api/v1/devices/a%25b");  // the path stays encoded: the router decodes it
  EXPECT_EQ(r.query.find("q")->second, "x y");
  auto tags = r.query.equal_range("tag");
  ASSERT_EQ(std::distance(tags.first, tags.second), 2);
  EXPECT_EQ(tags.first->second, "a+b");
  EXPECT_EQ(std::next(tags.first)->second, "c");
  EXPECT_EQ(r.query.find("flag")->second, "");
}

TEST(ParseTargetTest, RejectsMalformedEscapes) {
  ApiRequest r;
  Status s = parse_target("/x?q=%G1", &r);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, ErrorCode::kInvalidArgument);
}

TEST(ParseTargetTest, PathWithoutQuery) {
  ApiRequest r;
  ASSERT_TRUE(parse_target("/healthz", &r).ok());
  EXPECT_EQ(r.path, "/healthz");
  EXPECT_TRUE(r.query.empty());
}

}  // namespace
}  // namespace hearth::api
