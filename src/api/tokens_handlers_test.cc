#include <gtest/gtest.h>

#include "api/api_test_support.h"

namespace hearth::api::testing {
namespace {

using nlohmann::json;

TEST(TokensApiTest, CreateListDelete) {
  ApiHarness h;
  const ApiResponse created = h.call("POST", "/api/v1/tokens", R"({"name":"ci"})");
  ASSERT_EQ(created.status, 201) << created.body;
  EXPECT_EQ(created.headers.get("Cache-Control"), "no-store");
  const json c = body_json(created);
  EXPECT_EQ(c["name"], "ci");
  EXPECT_EQ(c["role"], "admin");
  EXPECT_EQ(c["created"], "2026-01-01T00:00:00Z");
  const std::string token = c["token"];

  const ApiResponse listed = h.call("GET", "/api/v1/tokens");
  ASSERT_EQ(listed.status, 200);
  const json l = body_json(listed);
  ASSERT_EQ(l["items"].size(), 1u);
  EXPECT_EQ(l["items"][0]["id"], c["id"]);
  EXPECT_FALSE(l["items"][0].contains("token"));
  EXPECT_FALSE(l["items"][0].contains("tokenHash"));
  EXPECT_EQ(listed.body.find(token), std::string::npos);

  EXPECT_EQ(h.call("DELETE", "/api/v1/tokens/" + c["id"].get<std::string>()).status, 204);
  EXPECT_EQ(h.call("DELETE", "/api/v1/tokens/" + c["id"].get<std::string>()).status, 404);
  EXPECT_EQ(body_json(h.call("GET", "/api/v1/tokens"))["items"].size(), 0u);
}

TEST(TokensApiTest, BadRequestsNameTheField) {
  ApiHarness h;
  struct Case {
    const char* body;
    const char* field;
  };
  const Case cases[] = {
      {"", "body"},
      {"nope", "body"},
      {"{}", "name"},
      {R"({"name":""})", "name"},
      {R"({"name":5})", "name"},
      {R"({"name":"x","role":"root"})", "role"},
      {R"({"name":"x","expires":1})", "expires"},
  };
  for (const Case& c : cases) {
    const ApiResponse r = h.call("POST", "/api/v1/tokens", c.body);
    EXPECT_EQ(r.status, 400) << c.body;
    const std::string message = body_json(r)["error"]["message"];
    EXPECT_EQ(message.rfind(c.field, 0), 0u) << message;
  }
}

}  // namespace
}  // namespace hearth::api::testing
