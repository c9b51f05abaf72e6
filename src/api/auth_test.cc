// Authentication and authorisation across every route.
#include <gtest/gtest.h>

#include "api/api_test_support.h"
#include "api/authenticator.h"

namespace hearth::api::testing {
namespace {

// A concrete path for a route pattern: parameters become "x1".
std::string concrete(const std::string& pattern) {
  std::string out;
  size_t i = 0;
  while (i < pattern.size()) {
    if (pattern[i] == '{') {
      out += "x1";
      i = pattern.find('}', i) + 1;
    } else {
      out += pattern[i++];
    }
  }
  return out;
}

bool is_public(const std::string& method, const std::string& pattern) {
  return method == "GET" && (pattern == "/healthz" || pattern == "/api/openapi.json");
}

TEST(ApiAuthTest, EveryRouteButThePublicOnesNeedsAToken) {
  ApiHarness h;
  ASSERT_GT(h.api().router().routes().size(), 20u);
  for (const auto& route : h.api().router().routes()) {
    SCOPED_TRACE(route.method + " " + route.pattern);
    // The portal's routes take a session cookie, not a token (selfservice_auth_test.cc covers
    // them route by route); its public ones (login, resets) answer 400 to an empty body.
    if (route.access == Access::kCustomer ||
        (route.access == Access::kPublic && !is_public(route.method, route.pattern))) {
      continue;
    }
    const std::string path = concrete(route.pattern);
    const ApiResponse none = h.call(route.method, path, "", "");
    const ApiResponse wrong = h.call(route.method, path, "", "not-a-token");
    if (is_public(route.method, route.pattern)) {
      EXPECT_EQ(none.status, 200);
      continue;
    }
    for (const ApiResponse* r : {&none, &wrong}) {
      EXPECT_EQ(r->status, 401);
      EXPECT_EQ(error_code(*r), "unauthenticated");
      EXPECT_EQ(r->headers.get("WWW-Authenticate"), "Bearer");
    }
    // A staff member's own session routes (who am I, log out, change my password) need the
    // console's session: a token has none (staff_auth_test.cc covers them).
    if (route.pattern.rfind("/api/v1/staff/", 0) == 0) continue;
    const ApiResponse with = h.call(route.method, path, "", kBootstrapToken);
    EXPECT_NE(with.status, 401);
    EXPECT_NE(with.status, 403);
  }
}

TEST(ApiAuthTest, AuthorizationHeaderForms) {
  ApiHarness h;
  struct Case {
    const char* header;  // nullptr: no header
    int status;
  };
  const std::string good = std::string("Bearer ") + kBootstrapToken;
  const std::string lower = std::string("bearer ") + kBootstrapToken;
  const std::string padded = std::string("  Bearer   ") + kBootstrapToken + "  ";
  const std::string basic = std::string("Basic ") + kBootstrapToken;
  const std::string huge = "Bearer " + std::string(100000, 'a');
  const Case cases[] = {
      {nullptr, 401},       {"", 401},          {"Bearer", 401},     {"Bearer ", 401},
      {good.c_str(), 200},  {lower.c_str(), 200}, {padded.c_str(), 200}, {basic.c_str(), 401},
      {huge.c_str(), 401},  {"Bearer bootstrap-secret-for-test", 401},
  };
  for (const Case& c : cases) {
    ApiRequest req = ApiHarness::request("GET", "/api/v1/devices", "", "");
    if (c.header != nullptr) req.headers.add("Authorization", c.header);
    std::promise<ApiResponse> p;
    h.api().handle(std::move(req), [&p](ApiResponse r) { p.set_value(std::move(r)); });
    EXPECT_EQ(p.get_future().get().status, c.status) << (c.header ? c.header : "(none)");
  }
}

TEST(ApiAuthTest, CreatedTokenWorksUntilDeleted) {
  ApiHarness h;
  const ApiResponse created = h.call("POST", "/api/v1/tokens", R"({"name":"ci"})");
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string token = body_json(created)["token"];
  const std::string id = body_json(created)["id"];
  EXPECT_EQ(h.call("GET", "/api/v1/devices", "", token).status, 200);
  EXPECT_EQ(h.call("POST", "/api/v1/tokens", R"({"name":"from-ci"})", token).status, 201);

  ASSERT_EQ(h.call("DELETE", "/api/v1/tokens/" + id).status, 204);
  const ApiResponse after = h.call("GET", "/api/v1/devices", "", token);
  EXPECT_EQ(after.status, 401);
  EXPECT_EQ(error_code(after), "unauthenticated");
}

TEST(ApiAuthTest, ReadTokenMayOnlyRead) {
  ApiHarness h;
  h.add_device(ApiHarness::sample_device("SN1"));
  const ApiResponse created = h.call("POST", "/api/v1/tokens", R"({"name":"viewer","role":"read"})");
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string token = body_json(created)["token"];
  EXPECT_EQ(h.call("GET", "/api/v1/devices", "", token).status, 200);
  const ApiResponse write = h.call("POST", "/api/v1/tokens", R"({"name":"x"})", token);
  EXPECT_EQ(write.status, 403);
  EXPECT_EQ(error_code(write), "permission_denied");
  EXPECT_EQ(h.call("DELETE", "/api/v1/devices/00D09E-HG8245-SN1", "", token).status, 403);
  EXPECT_EQ(h.call("GET", "/api/v1/devices/00D09E-HG8245-SN1", "", kBootstrapToken).status, 200);
}

TEST(ApiAuthTest, TokensAreStoredHashedOnly) {
  ApiHarness h;
  const ApiResponse created = h.call("POST", "/api/v1/tokens", R"({"name":"ci"})");
  ASSERT_EQ(created.status, 201);
  const std::string token = body_json(created)["token"];
  EXPECT_GE(token.size(), 43u);  // 32 random bytes
  Result<std::vector<store::TokenRecord>> stored = h.store().list_tokens();
  ASSERT_TRUE(stored.ok());
  ASSERT_EQ(stored->size(), 1u);
  EXPECT_EQ((*stored)[0].token_hash, Authenticator::hash_token(token));
  EXPECT_EQ((*stored)[0].token_hash.find(token), std::string::npos);
}

TEST(ApiAuthTest, WithoutBootstrapTokenNothingIsAccepted) {
  ApiHarness h;
  Authenticator none(h.store(), std::nullopt);
  EXPECT_FALSE(none.authenticate(std::string_view("Bearer anything")).ok());
  Authenticator empty(h.store(), std::string());
  Result<Principal> r = empty.authenticate(std::string_view("Bearer "));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kUnauthenticated);
}

TEST(ApiAuthTest, UnknownPathsNeedATokenToo) {
  ApiHarness h;
  EXPECT_EQ(h.call("GET", "/api/v1/nothing-here", "", "").status, 401);
  const ApiResponse r = h.call("GET", "/api/v1/nothing-here");
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(error_code(r), "not_found");
}

TEST(ApiAuthTest, WrongMethodIs405WithAllow) {
  ApiHarness h;
  const ApiResponse r = h.call("PATCH", "/api/v1/tokens");
  EXPECT_EQ(r.status, 405);
  EXPECT_EQ(error_code(r), "method_not_allowed");
  EXPECT_EQ(r.headers.get("Allow"), "GET, POST");
}

}  // namespace
}  // namespace hearth::api::testing
