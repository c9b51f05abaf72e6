#include <gtest/gtest.h>

#include "api/api_test_support.h"

namespace hearth::api::testing {
namespace {

using nlohmann::json;

const char* kProfile = R"({"name":"periodic-inform","priority":10,"match":{"oui":"00D09E"},
  "parameterValues":[["Device.ManagementServer.PeriodicInformInterval",300,"xsd:unsignedInt"]]})";

TEST(ProfilesApiTest, CreateReadUpdateDelete) {
  ApiHarness h;
  ApiResponse r = h.call("POST", "/api/v1/profiles", kProfile);
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(r.headers.get("Location"), "/api/v1/profiles/periodic-inform");
  json j = body_json(r);
  EXPECT_EQ(j["name"], "periodic-inform");
  EXPECT_EQ(j["version"], 1);
  EXPECT_EQ(j["updated"], "2026-01-01T00:00:00Z");
  EXPECT_EQ(j["definition"]["priority"], 10);
  EXPECT_EQ(j["definition"]["parameterValues"][0][1], "300");
  EXPECT_EQ(h.control().profiles_changed_calls(), 1);

  r = h.call("POST", "/api/v1/profiles", kProfile);
  EXPECT_EQ(r.status, 409);
  EXPECT_EQ(error_code(r), "conflict");

  EXPECT_EQ(body_json(h.call("GET", "/api/v1/profiles/periodic-inform"))["version"], 1);
  j = body_json(h.call("GET", "/api/v1/profiles"));
  EXPECT_EQ(j["total"], 1);
  EXPECT_EQ(j["items"][0]["name"], "periodic-inform");

  h.clock().advance(std::chrono::minutes(1));
  r = h.call("PUT", "/api/v1/profiles/periodic-inform",
             R"({"parameterValues":[["Device.ManagementServer.PeriodicInformInterval",600,"xsd:unsignedInt"]]})");
  ASSERT_EQ(r.status, 200) << r.body;
  j = body_json(r);
  EXPECT_EQ(j["version"], 2);
  EXPECT_EQ(j["updated"], "2026-01-01T00:01:00Z");
  EXPECT_EQ(j["definition"]["parameterValues"][0][1], "600");
  EXPECT_EQ(h.control().profiles_changed_calls(), 2);

  EXPECT_EQ(h.call("DELETE", "/api/v1/profiles/periodic-inform").status, 204);
  EXPECT_EQ(h.control().profiles_changed_calls(), 3);
  EXPECT_EQ(h.call("GET", "/api/v1/profiles/periodic-inform").status, 404);
  EXPECT_EQ(h.call("DELETE", "/api/v1/profiles/periodic-inform").status, 404);
}

TEST(ProfilesApiTest, PutCreatesWhenAbsent) {
  ApiHarness h;
  const ApiResponse r = h.call("PUT", "/api/v1/profiles/periodic-inform", kProfile);
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(body_json(r)["version"], 1);
}

TEST(ProfilesApiTest, InvalidProfilesAreRefused) {
  ApiHarness h;
  const char* bodies[] = {
      "", "{", "[]", R"({"priority":1})", R"({"name":"x"})", R"({"name":"bad name!","parameterValues":[["A.B","1"]]})",
      R"({"name":"x","parameterValues":[["A.B","abc","xsd:int"]]})",
  };
  for (const char* b : bodies) {
    const ApiResponse r = h.call("POST", "/api/v1/profiles", b);
    EXPECT_EQ(r.status, 400) << b;
    EXPECT_EQ(error_code(r), "invalid_argument") << b;
  }
  const ApiResponse mismatch = h.call("PUT", "/api/v1/profiles/other", kProfile);
  EXPECT_EQ(mismatch.status, 400);
  EXPECT_EQ(h.control().profiles_changed_calls(), 0);
}

TEST(ProfilesApiTest, MaskedSecretsSurviveReadModifyWrite) {
  ApiHarness h;
  const char* with_secret = R"({"name":"cr","parameterValues":[
      ["Device.ManagementServer.ConnectionRequestPassword","s3cret-value"],
      ["Device.ManagementServer.PeriodicInformInterval",300,"xsd:unsignedInt"]]})";
  ApiResponse r = h.call("POST", "/api/v1/profiles", with_secret);
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(r.body.find("s3cret-value"), std::string::npos);
  json def = body_json(h.call("GET", "/api/v1/profiles/cr"))["definition"];
  EXPECT_EQ(def["parameterValues"][0][1], "<redacted>");

  def["parameterValues"][1][1] = "600";
  const json update = {{"parameterValues", def["parameterValues"]}};
  r = h.call("PUT", "/api/v1/profiles/cr", update.dump());
  ASSERT_EQ(r.status, 200) << r.body;
  Result<std::optional<store::ProfileRecord>> stored = h.store().get_profile("cr");
  ASSERT_TRUE(stored.ok() && stored->has_value());
  EXPECT_NE((*stored)->definition_json.find("s3cret-value"), std::string::npos);
  EXPECT_NE((*stored)->definition_json.find("600"), std::string::npos);

  const ApiResponse unknown = h.call(
      "PUT", "/api/v1/profiles/cr2", R"({"parameterValues":[["Device.ManagementServer.Password","<redacted>"]]})");
  EXPECT_EQ(unknown.status, 400);
}

}  // namespace
}  // namespace hearth::api::testing
