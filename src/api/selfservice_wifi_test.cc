// The customer's Wi-Fi and device names: reading the main and guest networks from stored TR-181
// and TR-098 parameters, the SetParameterValues task a change submits (names, passwords, guest
// switches), done/pending/failed after the wait, field validation, the audit entries (never the
// password), device renames, and isolation between two customers.
#include <gtest/gtest.h>

#include <future>
#include <string>

#include "api/fake_diagnosis_reader.h"
#include "api/selfservice_test_support.h"
#include "core/ids.h"

namespace hearth::api::testing {
namespace {

using nlohmann::json;
using cwmp::ValueType;

constexpr const char* kPassword = "new-secret-passphrase";

CustomerSpec bob() {
  CustomerSpec s;
  s.account = "A-1002";
  s.name = "Bob Example";
  s.email = "bob@example.net";
  s.password = "another good password";
  s.home_id = "home-2";
  s.gateway_serial = "SN0002";
  return s;
}

// The simulator's TR-181 Wi-Fi: a main SSID per radio (wl0, wl1), guests wl0.1 and wl1.1.
std::vector<cwmp::ParameterValue> tr181_wifi() {
  std::vector<cwmp::ParameterValue> v;
  const auto add = [&](std::string name, std::string value, ValueType type = ValueType::kString) {
    v.push_back({"Device.WiFi." + name, std::move(value), type});
  };
  add("Radio.1.OperatingFrequencyBand", "2.4GHz");
  add("Radio.2.OperatingFrequencyBand", "5GHz");
  const char* names[] = {"wl0", "wl1", "wl0.1", "wl1.1"};
  for (int i = 1; i <= 4; ++i) {
    const std::string n = std::to_string(i);
    const bool guest = i > 2;
    add("SSID." + n + ".Enable", guest ? "false" : "true", ValueType::kBoolean);
    add("SSID." + n + ".Name", names[i - 1]);
    add("SSID." + n + ".LowerLayers", "Device.WiFi.Radio." + std::to_string(i % 2 == 1 ? 1 : 2));
    add("SSID." + n + ".SSID", guest ? "Home-Guest" : "Home");
    add("AccessPoint." + n + ".Enable", guest ? "false" : "true", ValueType::kBoolean);
    add("AccessPoint." + n + ".SSIDReference", "Device.WiFi.SSID." + n);
    add("AccessPoint." + n + ".IsolationEnable", guest ? "true" : "false", ValueType::kBoolean);
    add("AccessPoint." + n + ".Security.ModeEnabled", "WPA2-Personal");
    add("AccessPoint." + n + ".Security.KeyPassphrase", "");
  }
  // A row the ACS added: no name, not a network.
  add("SSID.5.Enable", "false", ValueType::kBoolean);
  add("SSID.5.SSID", "");
  return v;
}

// The simulator's TR-098 rows: 1 and 5 main, 2 and 6 guest.
std::vector<cwmp::ParameterValue> tr098_wifi() {
  std::vector<cwmp::ParameterValue> v;
  for (int i : {1, 2, 5, 6}) {
    const std::string w = "InternetGatewayDevice.LANDevice.1.WLANConfiguration." + std::to_string(i) + ".";
    const bool guest = i == 2 || i == 6;
    v.push_back({w + "Enable", "true", ValueType::kBoolean});
    v.push_back({w + "Channel", i < 5 ? "6" : "36", ValueType::kInt});
    v.push_back({w + "SSID", guest ? "Bob-Guest" : "Bob", ValueType::kString});
    v.push_back({w + "BeaconType", "11i", ValueType::kString});
    v.push_back({w + "KeyPassphrase", "", ValueType::kString});
  }
  return v;
}

std::vector<std::vector<std::string>> items_of(const store::TaskRecord& t) {
  std::vector<std::vector<std::string>> out;
  const json args = json::parse(t.args_json);
  for (const json& item : args["parameterValues"]) {
    std::vector<std::string> row;
    for (const json& x : item) row.push_back(x.is_string() ? x.get<std::string>() : x.dump());
    out.push_back(row);
  }
  return out;
}

class PortalWifiTest : public ::testing::Test {
 protected:
  PortalWifiTest() : h_(HarnessOptions{.diagnosis = &reader_}) {
    alice_gw_ = add_customer(h_);
    bob_gw_ = add_customer(h_, bob());
    h_.add_parameters(alice_gw_, tr181_wifi());
    h_.add_parameters(bob_gw_, tr098_wifi());
    alice_ = login_customer(h_, "A-1001", "correct horse battery");
    bob_ = login_customer(h_, "A-1002", "another good password");
  }

  // PUT /wifi, finishing the task as `state` once the handler waits for it.
  ApiResponse put_wifi(const CustomerSession& s, const json& body, std::optional<store::TaskState> state,
                       const std::string& query = "") {
    auto answer = std::async(std::launch::async, [&] {
      return customer_call(h_, s, "PUT", "/api/v1/selfservice/wifi" + query, body.dump());
    });
    if (state) {
      EXPECT_TRUE(h_.control().await_held_waits(1));
      h_.control().complete(h_.control().submitted().back().id, *state, "{}",
                            *state == store::TaskState::kFault ? R"({"code":9007})" : "");
    }
    return answer.get();
  }

  std::vector<store::AuditRecord> audit(const std::string& account) {
    store::AuditQuery q;
    q.account = account;
    q.action_prefix = "";
    auto all = h_.store().list_audit(q);
    EXPECT_TRUE(all.ok());
    std::vector<store::AuditRecord> out;
    for (auto& a : *all) {
      if (a.action.rfind("wifi.", 0) == 0 || a.action.rfind("device.", 0) == 0) out.push_back(a);
    }
    return out;
  }

  FakeDiagnosisReader reader_;
  ApiHarness h_;
  std::string alice_gw_;
  std::string bob_gw_;
  CustomerSession alice_;
  CustomerSession bob_;
};

TEST_F(PortalWifiTest, ReadsMainAndGuestNetworks) {
  ApiResponse r = customer_call(h_, alice_, "GET", "/api/v1/selfservice/wifi");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(body_json(r), json::parse(R"({"ssid":"Home","bands":["2.4GHz","5GHz"],"security":"WPA2",
      "guest":{"available":true,"enabled":false,"ssid":"Home-Guest"}})"));
  r = customer_call(h_, bob_, "GET", "/api/v1/selfservice/wifi");
  EXPECT_EQ(body_json(r), json::parse(R"({"ssid":"Bob","bands":["2.4GHz","5GHz"],"security":"WPA2",
      "guest":{"available":true,"enabled":true,"ssid":"Bob-Guest"}})"));
}

TEST_F(PortalWifiTest, NameAndPasswordInOneTask) {
  const ApiResponse r = put_wifi(alice_, {{"ssid", "Villa Kunterbunt"}, {"password", kPassword}},
                                 store::TaskState::kDone, "?lang=de");
  ASSERT_EQ(r.status, 200) << r.body;
  const json j = body_json(r);
  EXPECT_EQ(j["state"], "done");
  EXPECT_EQ(j["warning"].get<std::string>().find("Ihre Geräte"), 0u);

  ASSERT_EQ(h_.control().submitted().size(), 1u);
  const store::TaskRecord t = h_.control().submitted()[0];
  EXPECT_EQ(j["taskId"], std::to_string(t.id));
  EXPECT_EQ(t.device_id, alice_gw_);
  EXPECT_EQ(t.name, "setParameterValues");
  const std::vector<std::vector<std::string>> want = {
      {"Device.WiFi.SSID.1.SSID", "Villa Kunterbunt"},
      {"Device.WiFi.AccessPoint.1.Security.KeyPassphrase", kPassword},
      {"Device.WiFi.SSID.2.SSID", "Villa Kunterbunt"},
      {"Device.WiFi.AccessPoint.2.Security.KeyPassphrase", kPassword}};
  EXPECT_EQ(items_of(t), want);
  EXPECT_EQ(h_.control().connection_requests(), std::vector<std::string>{alice_gw_});
  EXPECT_EQ(h_.control().wait_timeouts(), std::vector<std::chrono::milliseconds>{std::chrono::seconds(20)});

  const std::vector<store::AuditRecord> entries = audit("A-1001");
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0].action, "wifi.update");
  EXPECT_EQ(entries[0].actor_kind, "customer");
  EXPECT_EQ(entries[0].outcome, "ok");
  EXPECT_EQ(entries[0].home_id, "home-1");
  EXPECT_EQ(entries[0].device_id, alice_gw_);
  EXPECT_EQ(entries[0].json.find(kPassword), std::string::npos);
  EXPECT_EQ(json::parse(entries[0].json)["passwordChanged"], true);
  // The task as operators see it masks the password.
  const ApiResponse task = h_.call("GET", "/api/v1/tasks/" + std::to_string(t.id));
  ASSERT_EQ(task.status, 200);
  EXPECT_EQ(task.body.find(kPassword), std::string::npos);
}

TEST_F(PortalWifiTest, Tr098PasswordAndGuestSwitch) {
  ApiResponse r = put_wifi(bob_, {{"password", kPassword}}, store::TaskState::kDone);
  ASSERT_EQ(r.status, 200) << r.body;
  const std::string w = "InternetGatewayDevice.LANDevice.1.WLANConfiguration.";
  EXPECT_EQ(items_of(h_.control().submitted().back()),
            (std::vector<std::vector<std::string>>{{w + "1.KeyPassphrase", kPassword}, {w + "5.KeyPassphrase", kPassword}}));

  r = put_wifi(bob_, {{"guestEnabled", false}}, store::TaskState::kDone);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_TRUE(body_json(r)["warning"].is_null());
  EXPECT_EQ(items_of(h_.control().submitted().back()),
            (std::vector<std::vector<std::string>>{{w + "2.Enable", "false"}, {w + "6.Enable", "false"}}));
  const std::vector<store::AuditRecord> entries = audit("A-1002");
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(entries[0].action, "wifi.guest");  // newest first
  EXPECT_EQ(json::parse(entries[0].json)["enabled"], false);
}

TEST_F(PortalWifiTest, Tr181GuestSwitchPendingAndFailed) {
  h_.control().set_wait_times_out(true);
  ApiResponse r = put_wifi(alice_, {{"guestEnabled", true}}, std::nullopt);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(body_json(r)["state"], "pending");
  EXPECT_EQ(items_of(h_.control().submitted().back()),
            (std::vector<std::vector<std::string>>{{"Device.WiFi.SSID.3.Enable", "true"},
                                                   {"Device.WiFi.AccessPoint.3.Enable", "true"},
                                                   {"Device.WiFi.SSID.4.Enable", "true"},
                                                   {"Device.WiFi.AccessPoint.4.Enable", "true"}}));
  EXPECT_EQ(audit("A-1001").at(0).outcome, "pending");

  h_.control().set_wait_times_out(false);
  r = put_wifi(alice_, {{"ssid", "Home 2"}}, store::TaskState::kFault, "?lang=sv");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(body_json(r)["state"], "failed");
  EXPECT_EQ(body_json(r)["warning"].get<std::string>().find("Dina enheter"), 0u);
  EXPECT_EQ(audit("A-1001").at(0).outcome, "failed");

  // An unreachable router: no wait, the task stays queued.
  h_.control().set_connection_request_outcome(acs::ConnectionRequestOutcome::kUnreachable);
  r = put_wifi(alice_, {{"ssid", "Home 3"}}, std::nullopt);
  EXPECT_EQ(body_json(r)["state"], "pending");
}

TEST_F(PortalWifiTest, ValidationNamesTheField) {
  const struct {
    json body;
    const char* field;
  } cases[] = {
      {{{"ssid", ""}}, "ssid"},
      {{{"ssid", std::string(33, 'x')}}, "ssid"},
      {{{"ssid", 7}}, "ssid"},
      {{{"ssid", "tab\there"}}, "ssid"},
      {{{"password", "short"}}, "password"},
      {{{"password", std::string(64, 'p')}}, "password"},
      {{{"password", "pässwörter"}}, "password"},
      {{{"password", "line\nbreak!"}}, "password"},
      {{{"guestEnabled", "yes"}}, "guestEnabled"},
      {{{"colour", "red"}}, "colour"},
      {json::object(), "ssid"},
  };
  for (const auto& c : cases) {
    const ApiResponse r = customer_call(h_, alice_, "PUT", "/api/v1/selfservice/wifi", c.body.dump());
    EXPECT_EQ(r.status, 400) << c.body;
    EXPECT_EQ(error_code(r), "invalid_argument");
    const std::string message = body_json(r)["error"]["message"];
    EXPECT_EQ(message.find(c.field), 0u) << message;
    EXPECT_EQ(r.body.find("pässwörter"), std::string::npos);
  }
  // 32 bytes and 8 and 63 characters are fine.
  h_.control().set_wait_times_out(true);
  EXPECT_EQ(put_wifi(alice_, {{"ssid", std::string(32, 's')}, {"password", std::string(8, 'p')}}, std::nullopt).status, 200);
  EXPECT_EQ(put_wifi(alice_, {{"password", std::string(63, '~')}}, std::nullopt).status, 200);
  EXPECT_EQ(h_.control().submitted().size(), 2u);
}

TEST_F(PortalWifiTest, UnknownSettingsAreAConflict) {
  CustomerSpec carol;
  carol.account = "A-1003";
  carol.email = "carol@example.net";
  carol.home_id = "home-3";
  carol.gateway_serial = "SN0003";
  add_customer(h_, carol);
  const CustomerSession s = login_customer(h_, "A-1003", carol.password);
  EXPECT_EQ(body_json(customer_call(h_, s, "GET", "/api/v1/selfservice/wifi"))["ssid"], nullptr);
  EXPECT_EQ(customer_call(h_, s, "PUT", "/api/v1/selfservice/wifi", R"({"ssid":"x"})").status, 409);
  EXPECT_EQ(customer_call(h_, s, "PUT", "/api/v1/selfservice/wifi", R"({"guestEnabled":true})").status, 400);
  EXPECT_TRUE(h_.control().submitted().empty());
}

TEST_F(PortalWifiTest, RenameDevice) {
  diag::HomeSnapshot alice_home;
  alice_home.stations.push_back(diag::Station{.mac = "aa:bb:cc:00:00:01", .hostname = "android-1"});
  reader_.add_home("home-1");
  reader_.set_snapshot("home-1", alice_home);
  diag::HomeSnapshot bob_home;
  bob_home.stations.push_back(diag::Station{.mac = "bb:bb:cc:00:00:02"});
  reader_.add_home("home-2");
  reader_.set_snapshot("home-2", bob_home);

  ApiResponse r = customer_call(h_, alice_, "PUT", "/api/v1/selfservice/devices/AA-BB-CC-00-00-01",
                                R"({"name":"  Annas Tablet  "})");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(body_json(r), json({{"mac", "aa:bb:cc:00:00:01"}, {"name", "Annas Tablet"}}));
  const json home = body_json(customer_call(h_, alice_, "GET", "/api/v1/selfservice/home"));
  EXPECT_EQ(home["network"]["stations"][0]["name"], "Annas Tablet");
  EXPECT_EQ(home["network"]["stations"][0]["hostname"], "android-1");
  const std::vector<store::AuditRecord> entries = audit("A-1001");
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0].action, "device.rename");

  // Bob's device, a device of no home, a malformed MAC: all unknown to Alice.
  for (const char* mac : {"bb:bb:cc:00:00:02", "cc:cc:cc:00:00:03", "not-a-mac"}) {
    r = customer_call(h_, alice_, "PUT", std::string("/api/v1/selfservice/devices/") + mac, R"({"name":"Mine"})");
    EXPECT_EQ(r.status, 404) << mac;
  }
  EXPECT_EQ(customer_call(h_, bob_, "PUT", "/api/v1/selfservice/devices/aa:bb:cc:00:00:01", R"({"name":"x"})").status,
            404);
  // 40 characters (umlauts count once) are fine, 41 or none are not.
  const std::string forty = "Ä" + std::string(39, 'a');
  EXPECT_EQ(customer_call(h_, alice_, "PUT", "/api/v1/selfservice/devices/aa:bb:cc:00:00:01",
                          json{{"name", forty}}.dump()).status, 200);
  for (const json& bad : {json{{"name", std::string(41, 'a')}}, json{{"name", "   "}}, json{{"name", 5}},
                          json::object()}) {
    r = customer_call(h_, alice_, "PUT", "/api/v1/selfservice/devices/aa:bb:cc:00:00:01", bad.dump());
    EXPECT_EQ(r.status, 400) << bad;
  }
}

TEST_F(PortalWifiTest, ChangesNeedTheCsrfToken) {
  const ApiResponse r =
      customer_call(h_, alice_, "PUT", "/api/v1/selfservice/wifi", R"({"ssid":"x"})", /*csrf=*/false);
  EXPECT_EQ(r.status, 403);
  EXPECT_TRUE(h_.control().submitted().empty());
}

}  // namespace
}  // namespace hearth::api::testing
