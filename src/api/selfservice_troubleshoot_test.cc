// Guided troubleshooting through the API: a Troubleshooter over the harness' store, its
// FakeDeviceControl, a FakeDiagnosisReader and the FakeIncidentDesk.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <future>
#include <memory>
#include <string>

#include "api/fake_diagnosis_reader.h"
#include "api/selfservice_test_support.h"
#include "selfservice/troubleshooter.h"

namespace hearth::api::testing {
namespace {

using nlohmann::json;

constexpr const char* kBase = "/api/v1/selfservice/troubleshoot";
constexpr const char* kRadio24 = "gw/2.4GHz";

// The harness takes the desk at construction, the Troubleshooter needs the harness' store.
class ForwardingDesk final : public selfservice::TroubleshootDesk {
 public:
  selfservice::TroubleshootDesk* target = nullptr;
  void start(const std::string& a, const selfservice::StartInput& in, selfservice::RunCallback done) override {
    target->start(a, in, std::move(done));
  }
  void get(const std::string& a, const std::string& id, const std::string& lang, selfservice::RunCallback done) override {
    target->get(a, id, lang, std::move(done));
  }
  void apply_fix(const std::string& a, const std::string& id, const selfservice::FixInput& in,
                 selfservice::RunCallback done) override {
    target->apply_fix(a, id, in, std::move(done));
  }
  void finish(const std::string& a, const std::string& id, const selfservice::FinishInput& in,
              selfservice::RunCallback done) override {
    target->finish(a, id, in, std::move(done));
  }
};

diag::HomeSnapshot snapshot(int64_t time_ms) {
  diag::HomeSnapshot s;
  s.device_id = "gw";
  s.root = "Device.";
  s.time_ms = time_ms;
  s.device.uptime_s = 86'400;
  s.wan.up = true;
  s.nodes.push_back(diag::Node{"gw", true});
  diag::Radio r24;
  r24.id = kRadio24;
  r24.path = "Device.WiFi.Radio.1.";
  r24.band = diag::Band::k2g;
  r24.channel = 6;
  r24.utilisation_pct = 80;
  diag::Radio r5;
  r5.id = "gw/5GHz";
  r5.path = "Device.WiFi.Radio.2.";
  r5.band = diag::Band::k5g;
  r5.channel = 36;
  s.radios = {r24, r5};
  return s;
}

diag::Finding finding(const std::string& code, diag::EntityKind kind, const std::string& id, const std::string& remedy) {
  diag::Finding f;
  f.code = code;
  f.entity = {kind, id, id};
  f.remedy.action = remedy;
  return f;
}

class TroubleshootApiTest : public ::testing::Test {
 protected:
  TroubleshootApiTest()
      : h_(HarnessOptions{.diagnosis = &reader_, .incident_desk = true, .troubleshooter = &desk_}) {
    gateway_ = add_customer(h_);
    now_ = to_unix_ms(h_.clock().now());
    reader_.add_home("home-1");
    reader_.add_device(gateway_, "home-1");
    reader_.set_snapshot("home-1", snapshot(now_));  // fresh: the live refresh "worked"
    ts_ = std::make_unique<selfservice::Troubleshooter>(h_.store(), h_.control(), reader_, &h_.desk(), h_.clock());
    desk_.target = ts_.get();
    session_ = login_customer(h_, "A-1001", "correct horse battery");
  }

  void set_diagnosis(std::vector<diag::Finding> findings) {
    diag::Diagnosis d;
    d.findings = std::move(findings);
    if (!d.findings.empty()) d.primary = d.findings.front();
    reader_.add_home("home-1", d);
    reader_.set_snapshot("home-1", snapshot(now_));
  }

  ApiResponse call(const std::string& method, const std::string& target, const json& body = nullptr) {
    return customer_call(h_, session_, method, target, body.is_null() ? "" : body.dump());
  }

  json start(const json& body, int expect = 201) {
    ApiResponse r = call("POST", kBase, body);
    EXPECT_EQ(r.status, expect) << r.body;
    return body_json(r);
  }

  FakeDiagnosisReader reader_;
  ForwardingDesk desk_;
  ApiHarness h_;
  std::unique_ptr<selfservice::Troubleshooter> ts_;
  std::string gateway_;
  int64_t now_ = 0;
  CustomerSession session_;
};

TEST_F(TroubleshootApiTest, StartRefreshesLiveAndOffersTheFix) {
  set_diagnosis({finding("WIFI-CAP-1", diag::EntityKind::kRadio, kRadio24, "change-channel")});
  const auto t0 = std::chrono::steady_clock::now();
  json run = start({{"symptom", "wifi-slow"}, {"words", "Netflix stops every evening"}});
  const auto us = std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - t0);
  std::printf("start() through the API against the FakeDiagnosisReader: %lld us\n", static_cast<long long>(us.count()));
  EXPECT_EQ(reader_.refreshes().size(), 1u);
  EXPECT_TRUE(run["refresh"]["live"].get<bool>());
  EXPECT_EQ(run["state"], "open");
  EXPECT_EQ(run["words"], "Netflix stops every evening");
  EXPECT_EQ(run["verdict"]["kind"], "fix-offered");
  ASSERT_EQ(run["steps"].size(), 4u);
  EXPECT_EQ(run["steps"][0]["check"], "area");
  const json& wifi = run["steps"][3];
  EXPECT_EQ(wifi["outcome"], "problem");
  EXPECT_EQ(wifi["findings"], json::array({"WIFI-CAP-1"}));
  ASSERT_EQ(wifi["fixes"].size(), 1u);
  EXPECT_EQ(wifi["fixes"][0]["id"], "change-channel");
  EXPECT_EQ(wifi["fixes"][0]["target"], kRadio24);
  EXPECT_EQ(wifi["fixes"][0]["label"], "Move the 2.4 GHz Wi-Fi to a quieter channel");
  EXPECT_TRUE(wifi["kb"].empty());  // no article seeded: the link is left out

  // The same run in German and Swedish.
  json de = body_json(call("GET", std::string(kBase) + "/" + run["id"].get<std::string>() + "?lang=de"));
  EXPECT_NE(de["steps"][3]["text"], wifi["text"]);
  EXPECT_EQ(de["steps"][3]["title"], "Ihr WLAN");
  json sv = body_json(call("GET", std::string(kBase) + "/" + run["id"].get<std::string>() + "?lang=sv"));
  EXPECT_EQ(sv["steps"][3]["title"], "Ditt wifi");

  json list = body_json(call("GET", kBase));
  ASSERT_EQ(list["runs"].size(), 1u);
  EXPECT_EQ(list["runs"][0]["id"], run["id"]);
  EXPECT_EQ(list["runs"][0]["verdict"], "fix-offered");
}

TEST_F(TroubleshootApiTest, AreaDisturbanceStopsAndTheTicketIsLinked) {
  outage::HomeOutage o;
  o.incident_id = 12;
  o.state = outage::IncidentState::kConfirmed;
  o.since_ms = now_ - 600'000;
  h_.desk().set_home_outage("home-1", o);
  json run = start({{"symptom", "no-internet"}});
  EXPECT_EQ(run["verdict"]["kind"], "area-outage");
  ASSERT_EQ(run["steps"].size(), 1u);
  EXPECT_TRUE(run["steps"][0]["fixes"].empty());
  EXPECT_NE(run["steps"][0]["text"].get<std::string>().find("no need to restart"), std::string::npos);

  ApiResponse r = call("POST", std::string(kBase) + "/" + run["id"].get<std::string>() + "/finish",
                       {{"solved", false}, {"openTicket", true}, {"words", "Still down"}, {"rating", 2}});
  ASSERT_EQ(r.status, 200) << r.body;
  json done = body_json(r);
  EXPECT_EQ(done["state"], "ticket");
  ASSERT_TRUE(done["ticket"].is_object());
  auto ticket = h_.store().get_ticket(std::stoll(done["ticket"]["id"].get<std::string>()));
  ASSERT_TRUE(ticket && ticket->has_value());
  EXPECT_EQ((*ticket)->incident_id, 12);
  EXPECT_EQ((*ticket)->source, "selfservice");
  EXPECT_EQ((*ticket)->state, "new");
  const json tj = json::parse((*ticket)->json);
  EXPECT_NE(tj["words"].get<std::string>().find("Still down"), std::string::npos);
  EXPECT_FALSE(tj["troubleshooting"]["evaluations"].empty());
  EXPECT_TRUE(tj.contains("diagnosis"));
  // Ended: no second answer.
  EXPECT_EQ(call("POST", std::string(kBase) + "/" + run["id"].get<std::string>() + "/finish", {{"solved", true}}).status,
            409);
}

TEST_F(TroubleshootApiTest, ChangeChannelRunsVerifiesAndIsAudited) {
  set_diagnosis({finding("WIFI-CAP-1", diag::EntityKind::kRadio, kRadio24, "change-channel")});
  json run = start({{"symptom", "wifi-slow"}});
  const std::string id = run["id"];
  auto answer = std::async(std::launch::async, [&] {
    return call("POST", std::string(kBase) + "/" + id + "/fix", {{"fix", "change-channel"}});
  });
  ASSERT_TRUE(h_.control().await_held_waits(1));
  ASSERT_EQ(h_.control().submitted().size(), 1u);
  const store::TaskRecord task = h_.control().submitted()[0];
  EXPECT_NE(task.args_json.find("Device.WiFi.Radio.1.Channel"), std::string::npos);
  // The radio moved and is quieter now.
  diag::HomeSnapshot after = snapshot(now_ + 1);
  after.radios[0].channel = 1;
  after.radios[0].utilisation_pct = 30;
  reader_.set_snapshot("home-1", after);
  h_.control().complete(task.id, store::TaskState::kDone, "{}");
  ApiResponse r = answer.get();
  ASSERT_EQ(r.status, 200) << r.body;
  json fixed = body_json(r);
  ASSERT_EQ(fixed["actions"].size(), 1u);
  EXPECT_EQ(fixed["actions"][0]["state"], "done");
  EXPECT_EQ(fixed["actions"][0]["verified"], true);
  EXPECT_EQ(fixed["verdict"]["kind"], "fixed");
  h_.store().flush();
  store::AuditQuery q;
  q.account = "A-1001";
  auto audit = h_.store().list_audit(q);
  ASSERT_TRUE(audit);
  ASSERT_EQ(audit->size(), 1u);
  EXPECT_EQ((*audit)[0].action, "fix.change-channel");
  EXPECT_EQ((*audit)[0].actor_kind, "customer");
  EXPECT_EQ((*audit)[0].outcome, "ok");
  // A fix once tried is not offered again.
  EXPECT_EQ(call("POST", std::string(kBase) + "/" + id + "/fix", {{"fix", "change-channel"}}).status, 409);
}

TEST_F(TroubleshootApiTest, LongRestartAnswersRunningAndFinishesInTheBackground) {
  set_diagnosis({finding("SYS-CPU-1", diag::EntityKind::kDevice, gateway_, "reboot")});
  json run = start({{"symptom", "wifi-slow"}});
  ASSERT_EQ(run["steps"].back()["fixes"][0]["id"], "restart-gateway");
  EXPECT_NE(run["steps"].back()["fixes"][0]["warning"], nullptr);
  const std::string id = run["id"];
  auto answer = std::async(std::launch::async, [&] {
    return call("POST", std::string(kBase) + "/" + id + "/fix", {{"fix", "restart-gateway"}});
  });
  ASSERT_TRUE(h_.control().await_held_waits(1));
  h_.control().expire_waits();  // the first 20 s passed: answered "running"
  json running = body_json(answer.get());
  EXPECT_EQ(running["actions"][0]["state"], "running");
  EXPECT_EQ(call("POST", std::string(kBase) + "/" + id + "/finish", {{"solved", true}}).status, 409);

  ASSERT_TRUE(h_.control().await_held_waits(1));
  store::DeviceRecord d = **h_.store().get_device(gateway_);
  d.last_boot_ms = now_ + 90'000;
  h_.add_device(d);
  set_diagnosis({});
  h_.control().complete(h_.control().submitted()[0].id, store::TaskState::kDone, "{}");
  // The background finish may run on the store's thread: wait for its commit, not for time.
  json after;
  for (int i = 0; i < 100; ++i) {
    h_.store().flush();
    after = body_json(call("GET", std::string(kBase) + "/" + id));
    if (after["actions"][0]["state"] != "running") break;
  }
  EXPECT_EQ(after["actions"][0]["state"], "done");
  EXPECT_EQ(after["actions"][0]["verified"], true);
  EXPECT_EQ(after["verdict"]["kind"], "fixed");
  ApiResponse fin = call("POST", std::string(kBase) + "/" + id + "/finish", {{"solved", true}, {"rating", 5}});
  ASSERT_EQ(fin.status, 200) << fin.body;
  EXPECT_EQ(body_json(fin)["state"], "resolved");
  EXPECT_EQ(body_json(fin)["feedback"]["rating"], 5);
  h_.store().flush();
  auto rec = h_.store().get_troubleshoot(id);
  ASSERT_TRUE(rec && rec->has_value());
  EXPECT_EQ((*rec)->rating, 5);
  EXPECT_EQ((*rec)->solved, 1);
  EXPECT_EQ((*rec)->state, "resolved");
}

TEST_F(TroubleshootApiTest, InputIsValidatedAndRunsArePrivate) {
  start({{"symptom", "slow"}}, 400);
  start({{"symptom", "wifi-slow"}, {"words", std::string(2001, 'x')}}, 400);
  start({{"symptom", "wifi-slow"}, {"words", std::string(2000, 'x')}}, 201);
  start({{"symptom", "wifi-slow"}, {"colour", "red"}}, 400);
  json run = start({{"symptom", "no-internet"}});
  const std::string id = run["id"];
  EXPECT_EQ(call("POST", std::string(kBase) + "/" + id + "/fix", {{"fix", "format-disk"}}).status, 400);
  EXPECT_EQ(call("POST", std::string(kBase) + "/" + id + "/fix", {{"fix", "restart-wifi"}}).status, 409);
  EXPECT_EQ(call("POST", std::string(kBase) + "/" + id + "/finish", {{"solved", true}, {"rating", 6}}).status, 400);
  EXPECT_EQ(call("POST", std::string(kBase) + "/" + id + "/finish", json::object()).status, 400);
  EXPECT_EQ(call("GET", std::string(kBase) + "/ts-unknown").status, 404);

  CustomerSpec other;
  other.account = "A-2002";
  other.email = "bob@example.net";
  other.home_id = "home-2";
  other.gateway_serial = "SN0002";
  add_customer(h_, other);
  CustomerSession bob = login_customer(h_, "A-2002", other.password);
  EXPECT_EQ(customer_call(h_, bob, "GET", std::string(kBase) + "/" + id).status, 404);
  EXPECT_EQ(customer_call(h_, bob, "POST", std::string(kBase) + "/" + id + "/finish", R"({"solved":true})").status, 404);
  EXPECT_TRUE(body_json(customer_call(h_, bob, "GET", kBase))["runs"].empty());
}

TEST(TroubleshootApiNoDeskTest, AnswersUnavailable) {
  ApiHarness h;
  add_customer(h);
  CustomerSession s = login_customer(h, "A-1001", "correct horse battery");
  EXPECT_EQ(customer_call(h, s, "POST", kBase, R"({"symptom":"wifi-slow"})").status, 503);
}

}  // namespace
}  // namespace hearth::api::testing
