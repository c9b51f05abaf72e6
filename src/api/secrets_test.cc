// No answer ever carries a credential: not the CPE's digest HA1, not the connection-request
// password, not passwords inside parameter trees, task arguments or results, not token hashes.
#include <gtest/gtest.h>

#include "api/api_test_support.h"
#include "api/redaction.h"

namespace hearth::api::testing {
namespace {

using nlohmann::json;

TEST(SecretsTest, NoAnswerContainsASecret) {
  ApiHarness h;
  store::DeviceRecord d = ApiHarness::sample_device("SN1");
  d.auth_ha1 = "ha1-0123456789abcdef";
  d.cr_password = "cr-pass-0123456789";
  d.state_json = R"({"learned":"state-secret-0123"})";
  h.add_device(d);
  h.add_parameters(d.id, {{"Device.ManagementServer.ConnectionRequestPassword", "cr-pass-0123456789",
                           cwmp::ValueType::kString},
                          {"Device.ManagementServer.Password", "acs-pass-0123456789", cwmp::ValueType::kString},
                          {"Device.WiFi.AccessPoint.1.Security.KeyPassphrase", "wifi-pass-0123456789",
                           cwmp::ValueType::kString},
                          {"Device.DeviceInfo.SerialNumber", "SN1", cwmp::ValueType::kString}});
  // A task the ACS queued itself to hand out connection-request credentials, and its result.
  store::TaskRecord t;
  t.id = 77;
  t.device_id = d.id;
  t.name = "setParameterValues";
  t.origin = "system";
  t.args_json = R"({"name":"setParameterValues","parameterValues":[
      ["Device.ManagementServer.ConnectionRequestPassword","cr-pass-0123456789"]]})";
  t.state = store::TaskState::kDone;
  t.result_json = R"({"parameters":[{"name":"Device.ManagementServer.Password","value":"acs-pass-0123456789"}]})";
  ASSERT_TRUE(h.store().write_sync(store::WriteBatch().add(store::PutTask{t})).ok());

  const std::string dev = "/api/v1/devices/" + encode_segment(d.id);
  std::vector<ApiResponse> answers;
  answers.push_back(h.call("POST", dev + "/tasks",
                           R"({"name":"download","url":"http://f.example/fw.bin","username":"u",)"
                           R"("password":"dl-pass-0123456789"})"));
  answers.push_back(h.call("POST", "/api/v1/tokens", R"({"name":"ci"})"));
  const std::string token = body_json(answers.back())["token"];
  for (const char* path : {"/api/v1/devices", "/api/v1/tasks", "/api/v1/tasks/77", "/api/v1/tokens", "/metrics"}) {
    answers.push_back(h.call("GET", path));
  }
  for (const std::string& path : {dev, dev + "/tasks", dev + "/events", dev + "/faults"}) {
    answers.push_back(h.call("GET", path));
  }
  const std::string hash = h.store().list_tokens()->at(0).token_hash;
  for (const ApiResponse& r : answers) {
    EXPECT_LT(r.status, 300) << r.body;
    for (const std::string& secret : {std::string("ha1-0123456789abcdef"), std::string("cr-pass-0123456789"),
                                      std::string("acs-pass-0123456789"), std::string("wifi-pass-0123456789"),
                                      std::string("dl-pass-0123456789"), std::string("state-secret-0123"),
                                      std::string(kBootstrapToken), hash}) {
      EXPECT_EQ(r.body.find(secret), std::string::npos) << secret << " in " << r.body;
    }
  }
  // The token itself appears once: in the answer that created it.
  size_t with_token = 0;
  for (const ApiResponse& r : answers) with_token += r.body.find(token) != std::string::npos ? 1 : 0;
  EXPECT_EQ(with_token, 1u);
  // Masked, not dropped: the tree still says the parameter exists and has a value.
  const json tree = body_json(h.call("GET", dev + "?parameters=Device.ManagementServer.Password"));
  ASSERT_EQ(tree["parameters"].size(), 1u);
  EXPECT_EQ(tree["parameters"][0]["value"], kRedacted);
}

TEST(RedactionTest, RecognisesSecretNames) {
  struct Case {
    const char* name;
    bool secret;
  };
  const Case cases[] = {
      {"Device.ManagementServer.Password", true},
      {"Device.ManagementServer.ConnectionRequestPassword", true},
      {"InternetGatewayDevice.LANDevice.1.WLANConfiguration.1.PreSharedKey.1.KeyPassphrase", true},
      {"InternetGatewayDevice.LANDevice.1.WLANConfiguration.1.WEPKey.1.WEPKey", true},
      {"Device.WiFi.AccessPoint.1.Security.SAEPassphrase", true},
      {"Device.WiFi.AccessPoint.1.Security.RadiusSecret", true},
      {"password", true},
      {"Device.ManagementServer.Username", false},
      {"Device.WiFi.SSID.1.SSID", false},
      {"Device.ManagementServer.PasswordObject.", false},
      {"Device.DeviceInfo.SoftwareVersion", false},
  };
  for (const Case& c : cases) EXPECT_EQ(is_secret_name(c.name), c.secret) << c.name;
}

TEST(RedactionTest, MasksEveryShapeAndKeepsEmptyValues) {
  json j = json::parse(R"({
    "password":"p1","username":"u",
    "parameterValues":[["Device.X.Password","p2","xsd:string"],["Device.X.Name","n"],["Device.X.Password",""]],
    "parameters":[{"name":"Device.Y.KeyPassphrase","value":"p3"},{"name":"Device.Y.SSID","value":"s"}],
    "values":{"Device.Z.Password":"p4","Device.Z.Other":"o"}})");
  redact_secrets(j);
  EXPECT_EQ(j["password"], kRedacted);
  EXPECT_EQ(j["username"], "u");
  EXPECT_EQ(j["parameterValues"][0][1], kRedacted);
  EXPECT_EQ(j["parameterValues"][0][2], "xsd:string");
  EXPECT_EQ(j["parameterValues"][1][1], "n");
  EXPECT_EQ(j["parameterValues"][2][1], "");
  EXPECT_EQ(j["parameters"][0]["value"], kRedacted);
  EXPECT_EQ(j["parameters"][1]["value"], "s");
  EXPECT_EQ(j["values"]["Device.Z.Password"], kRedacted);
  EXPECT_EQ(j["values"]["Device.Z.Other"], "o");
}

}  // namespace
}  // namespace hearth::api::testing
