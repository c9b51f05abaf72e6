// End-to-end CWMP flows against the real hearthd binary, driven by a scripted CPE on loopback.
#include <atomic>
#include <fstream>
#include <sstream>
#include <future>

#include "cwmp/datamodel_csv.h"
#include "net/http_client.h"
#include "net/testing/test_cert.h"
#include "tests/integration/acs_fixture.h"
#include "tests/support/build_paths.h"

namespace hearth::testing {
namespace {

using nlohmann::json;

TEST_F(AcsFixture, BootstrapRegistersDiscoversAndProvisions) {
  auto profile = api->post("/api/v1/profiles", json{{"name", "base"},
                                                    {"parameterValues", json::array({json::array({"Device.ManagementServer.PeriodicInformInterval", 300})})},
                                                    {"parameterAttributes", json::array({{{"name", "Device.DeviceInfo.SoftwareVersion"}, {"notification", 2}}})}});
  ASSERT_EQ(profile.status, 201) << profile.body;

  auto cpe = make_cpe("SN-BOOT");
  auto s = cpe->run_session({{"0 BOOTSTRAP", ""}, {"1 BOOT", ""}});
  ASSERT_TRUE(s.ok) << s.error;
  ASSERT_GE(s.requests.size(), 4u);
  EXPECT_EQ(s.requests[0], "SetParameterValues");  // credentials of its own
  EXPECT_EQ(s.requests[1], "GetParameterNames");
  EXPECT_EQ(s.requests.back(), "SetParameterAttributes");
  EXPECT_EQ(cpe->tree["Device.ManagementServer.PeriodicInformInterval"].value, "300");
  EXPECT_EQ(cpe->tree["Device.DeviceInfo.SoftwareVersion"].notification, 2);
  EXPECT_FALSE(cpe->cr_password().empty());
  EXPECT_EQ(cpe->username, device_id(*cpe));  // the device now has credentials of its own

  auto dev = api->get(device_path(*cpe));
  ASSERT_EQ(dev.status, 200) << dev.body;
  EXPECT_EQ(dev.json["softwareVersion"], "1.0.0");
  EXPECT_EQ(dev.json["modelName"], "Acme Gateway 5");
  size_t leaves = 0;
  for (const auto& p : dev.json["parameters"]) leaves += p["name"].get<std::string>().back() != '.';
  EXPECT_EQ(leaves, cpe->tree.size());
  EXPECT_EQ(dev.body.find(cpe->cr_password()), std::string::npos) << "a secret leaked into the API";

  // The next periodic session authenticates with its own credentials and has nothing to do.
  auto again = cpe->run_session({{"2 PERIODIC", ""}});
  ASSERT_TRUE(again.ok) << again.error;
  EXPECT_TRUE(again.requests.empty());

  // Wrong credentials are refused.
  cpe->password = "wrong";
  auto refused = cpe->run_session({{"2 PERIODIC", ""}});
  EXPECT_FALSE(refused.ok);
  EXPECT_EQ(refused.inform_status, 401);
}

TEST_F(AcsFixture, TaskRunsNowThroughAConnectionRequest) {
  auto cpe = make_cpe("SN-CR");
  std::atomic<int> sessions{0};
  cpe->start_connection_request_server([&] {
    auto r = cpe->run_session({{"6 CONNECTION REQUEST", ""}});
    EXPECT_TRUE(r.ok) << r.error;
    sessions++;
  });
  ASSERT_TRUE(cpe->run_session({{"0 BOOTSTRAP", ""}, {"1 BOOT", ""}}).ok);
  cpe->tree["Device.DeviceInfo.UpTime"].value = "4242";

  auto r = api->post(device_path(*cpe) + "/tasks?run=now&wait=20",
                     json{{"name", "getParameterValues"}, {"parameterNames", {"Device.DeviceInfo.UpTime"}}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json["state"], "done");
  EXPECT_EQ(r.json["connectionRequest"], "ok");
  EXPECT_EQ(r.json["result"]["parameters"][0]["value"], "4242");
  cpe->join_background();
  EXPECT_EQ(sessions.load(), 1);
  EXPECT_EQ(cpe->connection_requests(), 1);

  // The value is in the stored tree too.
  auto dev = api->get(device_path(*cpe) + "?parameters=Device.DeviceInfo.UpTime");
  ASSERT_EQ(dev.status, 200);
  ASSERT_EQ(dev.json["parameters"].size(), 1u);
  EXPECT_EQ(dev.json["parameters"][0]["value"], "4242");
}

TEST_F(AcsFixture, RebootCompletesWhenTheDeviceIsBack) {
  auto cpe = make_cpe("SN-RB");
  ASSERT_TRUE(cpe->run_session({{"0 BOOTSTRAP", ""}, {"1 BOOT", ""}}).ok);
  auto r = api->post(device_path(*cpe) + "/tasks", json{{"name", "reboot"}});
  ASSERT_EQ(r.status, 202) << r.body;
  const std::string id = r.json["id"];
  auto s = cpe->run_session({{"2 PERIODIC", ""}});
  ASSERT_TRUE(s.ok) << s.error;
  ASSERT_EQ(s.requests, std::vector<std::string>{"Reboot"});
  EXPECT_EQ(api->get("/api/v1/tasks/" + id).json["state"], "running");
  auto back = cpe->run_session({});  // queued: 1 BOOT + M Reboot
  ASSERT_TRUE(back.ok) << back.error;
  EXPECT_EQ(api->get("/api/v1/tasks/" + id).json["state"], "done");
}

TEST_F(AcsFixture, DownloadServesTheFileAndTracksTransferComplete) {
  auto up = api->call("PUT", "/api/v1/files/fw-2.0.0.bin?version=2.0.0", std::string(100000, 'x'),
                      "application/octet-stream");
  ASSERT_EQ(up.status / 100, 2) << up.body;
  auto cpe = make_cpe("SN-DL");
  ASSERT_TRUE(cpe->run_session({{"0 BOOTSTRAP", ""}, {"1 BOOT", ""}}).ok);
  auto r = api->post(device_path(*cpe) + "/tasks", json{{"name", "download"}, {"fileId", "fw-2.0.0.bin"}});
  ASSERT_EQ(r.status, 202) << r.body;
  const std::string id = r.json["id"];
  auto s = cpe->run_session({{"2 PERIODIC", ""}});
  ASSERT_TRUE(s.ok) << s.error;
  ASSERT_EQ(cpe->downloads().size(), 1u);
  EXPECT_NE(cpe->downloads()[0].find("/files/fw-2.0.0.bin"), std::string::npos);
  EXPECT_EQ(api->get("/api/v1/tasks/" + id).json["state"], "running");
  auto after = cpe->run_session({});  // 7 TRANSFER COMPLETE + M Download, then TransferComplete
  ASSERT_TRUE(after.ok) << after.error;
  EXPECT_EQ(api->get("/api/v1/tasks/" + id).json["state"], "done");
  EXPECT_EQ(api->get(device_path(*cpe)).json["softwareVersion"], "2.0.0");
}

TEST_F(AcsFixture, DownloadOfAMissingUrlFaultsTheTask) {
  auto cpe = make_cpe("SN-DL404");
  ASSERT_TRUE(cpe->run_session({{"0 BOOTSTRAP", ""}, {"1 BOOT", ""}}).ok);
  auto r = api->post(device_path(*cpe) + "/tasks",
                     json{{"name", "download"}, {"url", hearthd->cwmp_url() + "files/nope.bin"}});
  ASSERT_EQ(r.status, 202) << r.body;
  ASSERT_TRUE(cpe->run_session({}).ok);
  ASSERT_TRUE(cpe->run_session({}).ok);
  auto t = api->get("/api/v1/tasks/" + r.json["id"].get<std::string>());
  EXPECT_EQ(t.json["state"], "fault");
  EXPECT_EQ(t.json["fault"]["code"], 9016);
}

TEST_F(AcsFixture, TaskOfACpeThatVanishesMidSessionIsRetried) {
  auto cpe = make_cpe("SN-GONE");
  ASSERT_TRUE(cpe->run_session({{"0 BOOTSTRAP", ""}, {"1 BOOT", ""}}).ok);
  auto r = api->post(device_path(*cpe) + "/tasks",
                     json{{"name", "getParameterValues"}, {"parameterNames", {"Device.DeviceInfo."}}});
  const std::string id = r.json["id"];
  cpe->vanish_on = [](const cwmp::Envelope& e) { return std::holds_alternative<cwmp::GetParameterValues>(e.body); };
  auto s = cpe->run_session({{"2 PERIODIC", ""}});
  EXPECT_TRUE(s.vanished);
  // The session times out (2 s here) and the task goes back to the queue, nothing lost.
  auto t = wait_for_task(id, [](const json& j) { return j["state"] == "pending"; });
  EXPECT_EQ(t["state"], "pending");
  EXPECT_EQ(t["attempts"], 1);
  cpe->vanish_on = nullptr;
  ASSERT_TRUE(cpe->run_session({{"2 PERIODIC", ""}}).ok);
  EXPECT_EQ(api->get("/api/v1/tasks/" + id).json["state"], "done");
}

TEST_F(AcsFixture, CpeFaultsAreRecordedPerTaskAndDevice) {
  auto cpe = make_cpe("SN-FAULT");
  ASSERT_TRUE(cpe->run_session({{"0 BOOTSTRAP", ""}, {"1 BOOT", ""}}).ok);
  auto r = api->post(device_path(*cpe) + "/tasks",
                     json{{"name", "setParameterValues"},
                          {"parameterValues", json::array({json::array({"Device.DeviceInfo.UpTime", "5"})})}});
  ASSERT_TRUE(cpe->run_session({{"2 PERIODIC", ""}}).ok);
  auto t = api->get("/api/v1/tasks/" + r.json["id"].get<std::string>());
  EXPECT_EQ(t.json["state"], "fault");
  EXPECT_EQ(t.json["fault"]["code"], 9003);
  EXPECT_EQ(t.json["fault"]["parameters"][0]["code"], 9008);
  auto faults = api->get(device_path(*cpe) + "/faults");
  ASSERT_EQ(faults.status, 200);
  ASSERT_GE(faults.json["items"].size(), 1u);
  EXPECT_EQ(api->call("DELETE", device_path(*cpe) + "/faults").status / 100, 2);
  EXPECT_EQ(api->get(device_path(*cpe) + "/faults").json["items"].size(), 0u);
}

TEST_F(AcsFixture, DiagnosticsTaskFinishesWithTheResults) {
  auto cpe = make_cpe("SN-PING");
  ASSERT_TRUE(cpe->run_session({{"0 BOOTSTRAP", ""}, {"1 BOOT", ""}}).ok);
  auto r = api->post(device_path(*cpe) + "/tasks",
                     json{{"name", "setParameterValues"},
                          {"parameterValues", json::array({json::array({"Device.IP.Diagnostics.IPPing.Host", "127.0.0.1"}),
                                                           json::array({"Device.IP.Diagnostics.IPPing.DiagnosticsState", "Requested"})})}});
  ASSERT_TRUE(cpe->run_session({{"2 PERIODIC", ""}}).ok);
  ASSERT_TRUE(cpe->run_session({}).ok);  // 8 DIAGNOSTICS COMPLETE
  auto t = api->get("/api/v1/tasks/" + r.json["id"].get<std::string>());
  EXPECT_EQ(t.json["state"], "done");
  EXPECT_EQ(t.json["result"]["results"]["AverageResponseTime"], "7");
}

TEST_F(AcsFixture, AcknowledgedInformSurvivesAKill) {
  auto cpe = make_cpe("SN-KILL");
  ASSERT_TRUE(cpe->run_session({{"0 BOOTSTRAP", ""}, {"1 BOOT", ""}}).ok);
  cpe->tree["Device.DeviceInfo.SoftwareVersion"].value = "1.0.1";
  // Only the Inform: its InformResponse acknowledges the events and parameters.
  cwmp::Inform in;
  auto resp = cpe->post(R"(<soap-env:Envelope xmlns:soap-env="http://schemas.xmlsoap.org/soap/envelope/" xmlns:cwmp="urn:dslforum-org:cwmp-1-2"><soap-env:Body><cwmp:Inform><DeviceId><Manufacturer>Acme</Manufacturer><OUI>00D09E</OUI><ProductClass>TestGW</ProductClass><SerialNumber>SN-KILL</SerialNumber></DeviceId><Event><EventStruct><EventCode>4 VALUE CHANGE</EventCode><CommandKey></CommandKey></EventStruct></Event><MaxEnvelopes>1</MaxEnvelopes><CurrentTime>2026-01-01T00:00:00Z</CurrentTime><RetryCount>0</RetryCount><ParameterList><ParameterValueStruct><Name>Device.DeviceInfo.SoftwareVersion</Name><Value>1.0.1</Value></ParameterValueStruct></ParameterList></cwmp:Inform></soap-env:Body></soap-env:Envelope>)");
  ASSERT_TRUE(resp.ok());
  ASSERT_EQ(resp->status, 200) << resp->body;
  hearthd->kill_hard();
  start();
  auto dev = api->get(device_path(*cpe));
  ASSERT_EQ(dev.status, 200) << dev.body;
  EXPECT_EQ(dev.json["softwareVersion"], "1.0.1");
}

TEST_F(AcsFixture, DiscoversARealTr098TreeOfAThousandParameters) {
  std::ifstream in(hearth::testing::source_dir() + "/tests/data/cwmp/huawei-bm632w-tr098-datamodel.csv");
  std::stringstream csv;
  csv << in.rdbuf();
  auto entries = cwmp::parse_datamodel_csv(csv.str());
  ASSERT_TRUE(entries.ok());
  auto cpe = std::make_unique<ScriptedCpe>(hearthd->cwmp_url(), "000000", "InternetGatewayDevice.");
  cpe->oui = "202BC1";
  cpe->product_class = "BM632w";
  cpe->cwmp_ns = "urn:dslforum-org:cwmp-1-0";
  size_t leaves = 0;
  for (const auto& e : *entries) {
    if (e.is_object || e.name.rfind("InternetGatewayDevice.", 0) != 0) continue;
    cpe->tree[e.name] = CpeParam{e.value, e.type, e.writable, 0};
    ++leaves;
  }
  auto s = cpe->run_session({{"0 BOOTSTRAP", ""}, {"1 BOOT", ""}});
  ASSERT_TRUE(s.ok) << s.error;
  auto dev = api->get(device_path(*cpe));
  ASSERT_EQ(dev.status, 200) << dev.body.substr(0, 300);
  EXPECT_EQ(dev.json["root"], "InternetGatewayDevice.");
  EXPECT_EQ(dev.json["softwareVersion"], "V100R001IRQC56B017");
  size_t stored = 0;
  for (const auto& p : dev.json["parameters"]) stored += p["name"].get<std::string>().back() != '.';
  EXPECT_EQ(stored, leaves);
  // Its own credentials went to the IGD ManagementServer object.
  EXPECT_EQ(cpe->username, device_id(*cpe));
  EXPECT_FALSE(cpe->cr_password().empty());
}

TEST_F(AcsFixture, StaleCookieOnANewInformIsIgnored) {
  auto cpe = make_cpe("SN-COOKIE");
  ASSERT_TRUE(cpe->run_session({{"0 BOOTSTRAP", ""}, {"1 BOOT", ""}}).ok);
  const std::string inform =
      R"(<soap-env:Envelope xmlns:soap-env="http://schemas.xmlsoap.org/soap/envelope/" xmlns:cwmp="urn:dslforum-org:cwmp-1-2"><soap-env:Body><cwmp:Inform><DeviceId><OUI>00D09E</OUI><ProductClass>TestGW</ProductClass><SerialNumber>SN-COOKIE</SerialNumber></DeviceId><Event><EventStruct><EventCode>2 PERIODIC</EventCode><CommandKey/></EventStruct></Event><ParameterList/></cwmp:Inform></soap-env:Body></soap-env:Envelope>)";
  net::HttpHeaders headers;
  headers.set("Content-Type", "text/xml");
  headers.set("Cookie", "session=0123456789abcdef0123456789abcdef");
  net::HttpClientOptions opts;
  opts.credentials = net::HttpCredentials{cpe->username, cpe->password};
  auto r = net::http_request_sync("POST", hearthd->cwmp_url(), headers, inform, opts);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->status, 200) << r->body;
  EXPECT_NE(r->headers.get_or("Set-Cookie").find("session="), std::string::npos);
}

TEST_F(AcsFixture, GzipRequestsAreAnsweredInGzip) {
  auto cpe = make_cpe("SN-GZIP");
  cpe->gzip_requests = true;
  auto s = cpe->run_session({{"0 BOOTSTRAP", ""}, {"1 BOOT", ""}});
  ASSERT_TRUE(s.ok) << s.error;
  EXPECT_GE(s.requests.size(), 3u);
  EXPECT_EQ(api->get(device_path(*cpe)).status, 200);
}

class TlsFixture : public AcsFixture {
 protected:
  void SetUp() override {
    ASSERT_TRUE(net::testing::write_self_signed_certificate(dir.path(), &cert));
    config_toml = "[cwmp]\nsession_timeout_seconds = 2\ntls_certificate = \"" + cert.certificate_file +
                  "\"\ntls_private_key = \"" + cert.private_key_file + "\"\n" + kNoDiagnosis;
    start();
  }
  net::testing::TestCertificate cert;
};

TEST_F(TlsFixture, CwmpOverTlsUsesBasicAuthentication) {
  std::string url = hearthd->cwmp_url();
  url.replace(0, 4, "https");
  auto cpe = std::make_unique<ScriptedCpe>(url, "SN-TLS");
  cpe->tree = default_tr181_tree("http://127.0.0.1:9/none");
  cpe->ca_file = cert.certificate_file;
  auto first = cpe->run_session({{"0 BOOTSTRAP", ""}, {"1 BOOT", ""}});
  ASSERT_TRUE(first.ok) << first.error;
  ASSERT_FALSE(cpe->username.empty());
  // The second session authenticates with Basic over TLS with the credentials it was given.
  auto second = cpe->run_session({{"2 PERIODIC", ""}});
  ASSERT_TRUE(second.ok) << second.error;
  cpe->password = "wrong";
  EXPECT_EQ(cpe->run_session({{"2 PERIODIC", ""}}).inform_status, 401);
}

}  // namespace
}  // namespace hearth::testing
