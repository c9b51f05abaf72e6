#include "api/router.h"

#include <gtest/gtest.h>

namespace hearth::api {
namespace {

Router make_router() {
  Router r;
  const auto noop = [](CallPtr) {};
  r.add("GET", "/api/v1/devices", noop);
  r.add("GET", "/api/v1/devices/{id}", noop);
  r.add("DELETE", "/api/v1/devices/{id}", noop);
  r.add("PUT", "/api/v1/devices/{id}/tags/{tag}", noop);
  r.add("GET", "/healthz", noop, Access::kPublic);
  return r;
}

TEST(RouterTest, MatchesLiteralAndParameterRoutes) {
  const Router r = make_router();
  struct Case {
    const char* method;
    const char* path;
    const char* pattern;  // nullptr: no route
  };
  const Case cases[] = {
      {"GET", "/api/v1/devices", "/api/v1/devices"},
      {"GET", "/api/v1/devices/abc", "/api/v1/devices/{id}"},
      {"DELETE", "/api/v1/devices/abc", "/api/v1/devices/{id}"},
      {"PUT", "/api/v1/devices/abc/tags/pilot", "/api/v1/devices/{id}/tags/{tag}"},
      {"GET", "/healthz", "/healthz"},
      {"GET", "/api/v1/devices/", nullptr},
      {"GET", "/api/v1/devices/a/b", nullptr},
      {"GET", "/api/v1", nullptr},
      {"GET", "/api/v1/devices//tags/x", nullptr},
      {"GET", "/API/v1/devices", nullptr},
  };
  for (const Case& c : cases) {
    Result<Router::Match> m = r.match(c.method, c.path);
    ASSERT_TRUE(m.ok()) << c.path;
    if (c.pattern == nullptr) {
      EXPECT_EQ(m->route, nullptr) << c.path;
    } else {
      ASSERT_NE(m->route, nullptr) << c.path;
      EXPECT_EQ(m->route->pattern, c.pattern);
      EXPECT_EQ(m->route->method, c.method);
    }
  }
}

TEST(RouterTest, DecodesParametersExactlyOnce) {
  const Router r = make_router();
  // The device id "00D09E-HG%2D8245-SN 1" holds a '%' of its own; sent encoded it arrives as %25.
  Result<Router::Match> m = r.match("PUT", "/api/v1/devices/00D09E-HG%252D8245-SN%201/tags/a%3Ab");
  ASSERT_TRUE(m.ok());
  ASSERT_NE(m->route, nullptr);
  EXPECT_EQ(m->params.at("id"), "00D09E-HG%2D8245-SN 1");
  EXPECT_EQ(m->params.at("tag"), "a:b");
}

TEST(RouterTest, EncodedSlashStaysInsideTheParameter) {
  const Router r = make_router();
  Result<Router::Match> m = r.match("GET", "/api/v1/devices/a%2Fb");
  ASSERT_TRUE(m.ok());
  ASSERT_NE(m->route, nullptr);
  EXPECT_EQ(m->params.at("id"), "a/b");
}

TEST(RouterTest, ReportsAllowedMethodsForAKnownPath) {
  const Router r = make_router();
  Result<Router::Match> m = r.match("POST", "/api/v1/devices/abc");
  ASSERT_TRUE(m.ok());
  EXPECT_EQ(m->route, nullptr);
  EXPECT_EQ(m->allowed, (std::vector<std::string>{"GET", "DELETE"}));
}

TEST(RouterTest, MalformedEscapeInAParameterIsInvalid) {
  const Router r = make_router();
  Result<Router::Match> m = r.match("GET", "/api/v1/devices/abc%zz");
  ASSERT_FALSE(m.ok());
  EXPECT_EQ(m.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(m.error().message.find("id"), std::string::npos);
}

}  // namespace
}  // namespace hearth::api
