// The diagnosis routes over a FakeDiagnosisReader: what each answers, the parameters it passes
// on, and its errors (400 bad parameters, 401 no token, 403 read token writing, 404 unknown home,
// 503 no diagnosis on this server).
#include "api/diagnosis_handlers.h"

#include <gtest/gtest.h>

#include <chrono>

#include "api/api_test_support.h"
#include "api/fake_diagnosis_reader.h"
#include "api/request_params.h"

namespace hearth::api::testing {
namespace {

using nlohmann::json;

constexpr int64_t kT0 = 1'767'225'600'000;  // 2026-01-01T00:00:00Z, the FakeClock's start

diag::Finding finding(const char* code, diag::Severity severity, int64_t start_ms,
                      int64_t end_ms = 0) {
  diag::Finding f;
  f.code = code;
  f.severity = severity;
  f.entity = {diag::EntityKind::kStation, "aa:bb:cc:dd:ee:01", "Annas-iPhone"};
  f.evidence = {{"signalDbm", -81, "dBm"}};
  f.window_from_ms = start_ms - 600'000;
  f.window_to_ms = start_ms;
  f.start_ms = start_ms;
  f.end_ms = end_ms;
  f.customer_text = "The Wi-Fi signal is weak where Annas-iPhone is.";
  f.agent_text = "signal -81 dBm on 5GHz";
  f.remedy = {diag::RemedyKind::kCustomer, "add-extender",
              "Add an extender between the router and the phone."};
  f.health_cost = 25;
  return f;
}

diag::Diagnosis unwell_diagnosis() {
  diag::Diagnosis d;
  d.time_ms = kT0;
  d.findings = {finding("WIFI-COV-1", diag::Severity::kWarning, kT0 - 3600'000)};
  d.primary = d.findings[0];
  d.domain = "wifi";
  d.health = 75;
  d.health_costs = {{"WIFI-COV-1", d.findings[0].entity, 25}};
  d.customer_summary = "Your line is fine; the Wi-Fi signal is weak in one room.";
  return d;
}

HarnessOptions with_reader(insight::DiagnosisReader* reader) {
  HarnessOptions o;
  o.diagnosis = reader;
  return o;
}

// home-1 (unwell, with a gateway), home-2 (never diagnosed); home-9 is known to nobody.
class DiagnosisApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store::SubscriberRecord s;
    s.account = "1000001";
    s.name = "Anna Berg";
    store::HomeRecord h1{.id = "home-1", .account = "1000001", .access_node_id = "an-1"};
    store::HomeRecord h2{.id = "home-2", .account = "1000001", .access_node_id = "an-1"};
    const Status st = h_.store().write_sync(
        store::WriteBatch()
            .add(store::PutRegion{{"north", "Nordstad", 0, 0}})
            .add(store::PutAccessNode{{"an-1", "OLT 1/1", "olt-port", "north", 0, 0}})
            .add(store::PutSubscriber{s})
            .add(store::PutHome{h1})
            .add(store::PutHome{h2}));
    ASSERT_TRUE(st.ok()) << st.error().message;
    reader_.add_home("home-1", unwell_diagnosis());
    reader_.add_home("home-2");
    reader_.add_device("00D09E-HG8245-HRS1", "home-1");
  }

  json get(const std::string& target, int status = 200,
           const std::string& token = kBootstrapToken) {
    const ApiResponse r = h_.call("GET", target, "", token);
    EXPECT_EQ(r.status, status) << target << ": " << r.body;
    return body_json(r);
  }

  FakeDiagnosisReader reader_;  // outlives the harness
  ApiHarness h_{with_reader(&reader_)};
};

TEST_F(DiagnosisApiTest, HomeDiagnosisNamesThePrimaryCauseAndTheHealth) {
  const json j = get("/api/v1/homes/home-1/diagnosis");
  EXPECT_EQ(j["homeId"], "home-1");
  EXPECT_EQ(j["health"], 75);
  ASSERT_TRUE(j["primaryCause"].is_object());
  EXPECT_EQ(j["primaryCause"]["code"], "WIFI-COV-1");
  ASSERT_EQ(j["findings"].size(), 1u);
  EXPECT_EQ(j["findings"][0]["code"], "WIFI-COV-1");
  EXPECT_EQ(j["findings"][0]["severity"], "warning");
  EXPECT_EQ(j["domain"], "wifi");
}

TEST_F(DiagnosisApiTest, AHealthyHomeHasNoPrimaryCause) {
  const json j = get("/api/v1/homes/home-2/diagnosis");
  EXPECT_TRUE(j["primaryCause"].is_null());
  EXPECT_EQ(j["health"], 100);
  EXPECT_TRUE(j["findings"].empty());
}

TEST_F(DiagnosisApiTest, DeviceDiagnosisIsThatOfItsHome) {
  EXPECT_EQ(get("/api/v1/devices/" + encode_segment("00D09E-HG8245-HRS1") + "/diagnosis")["homeId"],
            "home-1");
  EXPECT_EQ(get("/api/v1/devices/00D09E-HG8245-NOPE/diagnosis", 404)["error"]["code"], "not_found");
}

TEST_F(DiagnosisApiTest, SnapshotOnceTelemetryCame) {
  const json none = get("/api/v1/homes/home-1/snapshot", 404);
  EXPECT_NE(none["error"]["message"].get<std::string>().find("no telemetry yet"),
            std::string::npos);
  diag::HomeSnapshot snap;
  snap.device_id = "00D09E-HG8245-HRS1";
  snap.root = "Device.";
  snap.time_ms = kT0;
  reader_.set_snapshot("home-1", snap);
  const json j = get("/api/v1/homes/home-1/snapshot");
  EXPECT_EQ(j["deviceId"], "00D09E-HG8245-HRS1");
  EXPECT_EQ(j["time"], "2026-01-01T00:00:00Z");
}

TEST_F(DiagnosisApiTest, FindingHistoryPassesSinceAndLimit) {
  reader_.add_finding(
      "home-1", finding("WIFI-COV-1", diag::Severity::kWarning, kT0 - 7200'000, kT0 - 3600'000));
  reader_.add_finding("home-1", finding("WAN-DOWN-1", diag::Severity::kCritical, kT0 - 600'000));
  const json all = get("/api/v1/homes/home-1/findings");
  ASSERT_EQ(all["findings"].size(), 2u);
  EXPECT_EQ(all["findings"][0]["code"], "WAN-DOWN-1");  // newest first
  EXPECT_EQ(all["findings"][1]["end"], "2025-12-31T23:00:00Z");
  get("/api/v1/homes/home-1/findings?since=2025-12-31T23:30:00Z&limit=5000");
  get("/api/v1/homes/home-1/findings?since=1767225000000&limit=0");
  const auto calls = reader_.history_calls();
  ASSERT_EQ(calls.size(), 3u);
  EXPECT_EQ(calls[0].since_ms, 0);
  EXPECT_EQ(calls[0].limit, kDefaultLimit);
  EXPECT_EQ(calls[1].since_ms, kT0 - 1800'000);
  EXPECT_EQ(calls[1].limit, kMaxLimit);
  EXPECT_EQ(calls[2].since_ms, 1767225000000);
  EXPECT_EQ(calls[2].limit, kDefaultLimit);
  for (const char* bad : {"since=yesterday", "limit=-1", "limit=ten"}) {
    EXPECT_EQ(get(std::string("/api/v1/homes/home-1/findings?") + bad, 400)["error"]["code"],
              "invalid_argument")
        << bad;
  }
}

TEST_F(DiagnosisApiTest, SeriesKeysAndPoints) {
  reader_.set_series("home-1", "wan/down_mbps",
                     {{kT0 - 7200'000, 480.5, 300, 510, 12},
                      {kT0 - 60'000, diag::kUnknown, diag::kUnknown, diag::kUnknown, 0}});
  reader_.set_series("home-1", "health", {{kT0 - 60'000, 75, 75, 75, 1}});
  EXPECT_EQ(get("/api/v1/homes/home-1/series")["keys"],
            json::parse(R"(["health","wan/down_mbps"])"));
  const json j = get("/api/v1/homes/home-1/series?key=wan%2Fdown_mbps");
  EXPECT_EQ(j["key"], "wan/down_mbps");
  EXPECT_EQ(j["from"], "2025-12-31T00:00:00Z");  // the last day by default
  EXPECT_EQ(j["to"], "2026-01-01T00:00:00Z");
  ASSERT_EQ(j["points"].size(), 2u);
  EXPECT_EQ(
      j["points"][0],
      json::parse(
          R"({"time":"2025-12-31T22:00:00Z","value":480.5,"min":300.0,"max":510.0,"count":12})"));
  EXPECT_TRUE(j["points"][1]["value"].is_null());
  get("/api/v1/homes/home-1/series?key=health&from=2025-12-31T23:00:00Z&to=1767225600000");
  const auto calls = reader_.series_calls();
  ASSERT_EQ(calls.size(), 2u);
  EXPECT_EQ(calls[1].key, "health");
  EXPECT_EQ(calls[1].from_ms, kT0 - 3600'000);
  EXPECT_EQ(calls[1].to_ms, kT0);
  for (const char* bad : {"key=", "key=health&from=soon", "key=health&to=x",
                          "key=health&from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z"}) {
    EXPECT_EQ(get(std::string("/api/v1/homes/home-1/series?") + bad, 400)["error"]["code"],
              "invalid_argument")
        << bad;
  }
  EXPECT_EQ(get("/api/v1/homes/home-1/series?key=" + std::string(300, 'k'), 400)["error"]["code"],
            "invalid_argument");
}

TEST_F(DiagnosisApiTest, HealthHistoryIsTheHealthSeries) {
  reader_.set_series("home-1", "health", {{kT0 - 60'000, 75, 70, 80, 4}});
  const json j = get("/api/v1/homes/home-1/health?from=2025-12-31T23:00:00Z");
  EXPECT_EQ(j["key"], "health");
  ASSERT_EQ(j["points"].size(), 1u);
  EXPECT_EQ(j["points"][0]["value"], 75.0);
  EXPECT_EQ(reader_.series_calls().back().key, "health");
  EXPECT_EQ(get("/api/v1/homes/home-1/health?to=never", 400)["error"]["code"], "invalid_argument");
}

TEST_F(DiagnosisApiTest, FleetSummary) {
  insight::FleetSummary s;
  s.homes_diagnosed = 200;
  s.homes_healthy = 150;
  s.open_findings = {{"WAN-DOWN-1", 3}, {"WIFI-COV-1", 40}};
  s.primary_causes = {{"WIFI-COV-1", 30}, {"WAN-DOWN-1", 3}};
  s.health_histogram = {1, 0, 0, 2, 0, 0, 5, 10, 32, 150};
  s.worst = {{"home-7", 12, "WAN-DOWN-1"}, {"home-3", 40, "WIFI-COV-1"}, {"home-5", 100, ""}};
  reader_.set_fleet_summary(s);
  const json j = get("/api/v1/diagnosis/summary?worst=2");
  EXPECT_EQ(j["homesDiagnosed"], 200);
  EXPECT_EQ(j["homesHealthy"], 150);
  ASSERT_EQ(j["openFindings"].size(), 2u);
  EXPECT_EQ(j["openFindings"][0]["code"], "WIFI-COV-1");  // most homes first
  EXPECT_EQ(j["openFindings"][0]["homes"], 40);
  EXPECT_TRUE(j["openFindings"][0].contains("title"));
  EXPECT_EQ(j["primaryCauses"][1]["code"], "WAN-DOWN-1");
  ASSERT_EQ(j["healthHistogram"].size(), 10u);
  EXPECT_EQ(j["healthHistogram"][0], json::parse(R"({"from":0,"to":9,"homes":1})"));
  EXPECT_EQ(j["healthHistogram"][9], json::parse(R"({"from":90,"to":100,"homes":150})"));
  ASSERT_EQ(j["worst"].size(), 2u);
  EXPECT_EQ(j["worst"][0],
            json::parse(R"({"homeId":"home-7","health":12,"primaryCause":"WAN-DOWN-1"})"));
  EXPECT_TRUE(get("/api/v1/diagnosis/summary?worst=5")["worst"][2]["primaryCause"].is_null());
  get("/api/v1/diagnosis/summary");
  EXPECT_EQ(reader_.summary_limits(), (std::vector<size_t>{2, 5, kDefaultWorstHomes}));
  EXPECT_EQ(get("/api/v1/diagnosis/summary?worst=5000", 400)["error"]["code"], "invalid_argument");
}

TEST_F(DiagnosisApiTest, OptimisationLogAndSwitch) {
  diag::OptimisationLogEntry e;
  e.time_ms = kT0 - 3600'000;
  e.action = "set-channel";
  e.radio_id = "gw/5GHz";
  e.from_channel = 36;
  e.to_channel = 100;
  e.reason = "channel 36 is 60% busy";
  reader_.add_optimisation({"home-1", e});
  e.action = "judged-better";
  reader_.add_optimisation({"home-2", e});
  const json all = get("/api/v1/optimisations");
  ASSERT_EQ(all["log"].size(), 2u);
  EXPECT_EQ(all["log"][0]["homeId"], "home-2");  // newest first
  const json one = get("/api/v1/optimisations?homeId=home-1&limit=1");
  ASSERT_EQ(one["log"].size(), 1u);
  EXPECT_EQ(one["log"][0]["action"], "set-channel");
  EXPECT_EQ(get("/api/v1/optimisations?homeId=home-9", 404)["error"]["code"], "not_found");

  const json before = get("/api/v1/homes/home-1/optimisation");
  EXPECT_EQ(before["enabled"], true);
  EXPECT_EQ(before["log"].size(), 1u);
  const ApiResponse off =
      h_.call("PUT", "/api/v1/homes/home-1/optimisation", R"({"enabled":false})");
  ASSERT_EQ(off.status, 200) << off.body;
  EXPECT_EQ(body_json(off)["enabled"], false);
  EXPECT_EQ(get("/api/v1/homes/home-1/optimisation")["enabled"], false);
  EXPECT_EQ(get("/api/v1/homes/home-2/optimisation")["enabled"], true);
  for (const char* bad :
       {"", "not json", "[]", "{}", R"({"enabled":"no"})", R"({"enabled":true,"x":1})"}) {
    const ApiResponse r = h_.call("PUT", "/api/v1/homes/home-1/optimisation", bad);
    EXPECT_EQ(r.status, 400) << bad << ": " << r.body;
  }
}

TEST_F(DiagnosisApiTest, OptimisationPinnedRadios) {
  EXPECT_EQ(get("/api/v1/homes/home-1/optimisation")["pinnedRadios"], json::array());
  const ApiResponse pin = h_.call("PUT", "/api/v1/homes/home-1/optimisation",
                                  R"({"pinnedRadios":["gw/5GHz","gw/2.4GHz","gw/5GHz"]})");
  ASSERT_EQ(pin.status, 200) << pin.body;
  EXPECT_EQ(body_json(pin)["pinnedRadios"], json::parse(R"(["gw/5GHz","gw/2.4GHz"])"));
  EXPECT_EQ(body_json(pin)["enabled"], true);  // untouched
  const json after = get("/api/v1/homes/home-1/optimisation");
  EXPECT_EQ(after["pinnedRadios"].size(), 2u);
  EXPECT_EQ(get("/api/v1/homes/home-2/optimisation")["pinnedRadios"], json::array());
  // Both at once; an empty list unpins every radio.
  const ApiResponse both = h_.call("PUT", "/api/v1/homes/home-1/optimisation",
                                   R"({"enabled":false,"pinnedRadios":[]})");
  ASSERT_EQ(both.status, 200) << both.body;
  EXPECT_EQ(body_json(both)["enabled"], false);
  EXPECT_EQ(body_json(both)["pinnedRadios"], json::array());
  EXPECT_EQ(h_.call("PUT", "/api/v1/homes/home-9/optimisation", R"({"pinnedRadios":[]})").status,
            404);

  json seventeen = json::array();
  for (int i = 0; i < 17; ++i) seventeen.push_back("r" + std::to_string(i));
  json sixteen = seventeen;
  sixteen.erase(sixteen.end() - 1);
  EXPECT_EQ(h_.call("PUT", "/api/v1/homes/home-2/optimisation",
                    json{{"pinnedRadios", sixteen}}.dump()).status, 200);
  const std::string long_id(129, 'r');
  const std::string bads[] = {
      R"({"pinnedRadios":"gw/5GHz"})",
      R"({"pinnedRadios":[""]})",
      R"({"pinnedRadios":[5]})",
      R"({"pinnedRadios":["a
b"]})",
      R"({"pinnedRadios":null})",
      json{{"pinnedRadios", {long_id}}}.dump(),
      json{{"pinnedRadios", seventeen}}.dump(),
      R"({"pinnedRadios":[],"enabled":"yes"})",
      R"({"pinnedRadios":[],"pins":[]})",
  };
  for (const std::string& bad : bads) {
    const ApiResponse r = h_.call("PUT", "/api/v1/homes/home-2/optimisation", bad);
    EXPECT_EQ(r.status, 400) << bad << ": " << r.body;
  }
  // Nothing of a refused request was applied.
  EXPECT_EQ(get("/api/v1/homes/home-2/optimisation")["pinnedRadios"], sixteen);
  EXPECT_EQ(get("/api/v1/homes/home-2/optimisation")["enabled"], true);
}

TEST_F(DiagnosisApiTest, ChecksAnswerWithTheDiagnosisAfterwards) {
  const ApiResponse now = h_.call("POST", "/api/v1/homes/home-1/checks?timeout=90s");
  ASSERT_EQ(now.status, 200) << now.body;
  EXPECT_EQ(body_json(now)["primaryCause"]["code"], "WIFI-COV-1");

  reader_.set_hold_checks(true);
  std::future<ApiResponse> later = h_.call_async("POST", "/api/v1/homes/home-2/checks");
  EXPECT_EQ(later.wait_for(std::chrono::milliseconds(0)), std::future_status::timeout);
  ASSERT_EQ(reader_.held_checks(), 1u);
  EXPECT_EQ(reader_.complete_checks(), 1u);
  const ApiResponse r = later.get();
  EXPECT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(body_json(r)["homeId"], "home-2");

  reader_.set_hold_checks(false);
  EXPECT_EQ(h_.call("POST", "/api/v1/homes/home-1/checks?timeout=30").status, 200);
  const auto checks = reader_.checks();
  ASSERT_EQ(checks.size(), 3u);
  EXPECT_EQ(checks[0].timeout_ms, 90'000);
  EXPECT_EQ(checks[1].timeout_ms, kDefaultChecksTimeoutMs);
  EXPECT_EQ(checks[2].timeout_ms, 30'000);
  for (const char* bad :
       {"0s", "301s", "soon", "-5", "+5", "%205", "5%20", "s", "1.5s", "99999999999999999999s"}) {
    EXPECT_EQ(h_.call("POST", std::string("/api/v1/homes/home-1/checks?timeout=") + bad).status,
              400)
        << bad;
  }
}

// Every route with its path made concrete for home-1 / the gateway, and a body that is valid.
struct Route {
  const char* method;
  const char* path;
  const char* body;
};
const Route kRoutes[] = {
    {"GET", "/api/v1/homes/home-1/diagnosis", ""},
    {"GET", "/api/v1/devices/00D09E-HG8245-HRS1/diagnosis", ""},
    {"GET", "/api/v1/homes/home-1/snapshot", ""},
    {"GET", "/api/v1/homes/home-1/findings", ""},
    {"GET", "/api/v1/homes/home-1/series", ""},
    {"GET", "/api/v1/homes/home-1/health", ""},
    {"GET", "/api/v1/diagnosis/summary", ""},
    {"GET", "/api/v1/optimisations", ""},
    {"GET", "/api/v1/homes/home-1/optimisation", ""},
    {"PUT", "/api/v1/homes/home-1/optimisation", R"({"enabled":true})"},
    {"POST", "/api/v1/homes/home-1/checks", ""},
};

TEST_F(DiagnosisApiTest, UnknownHomesAreNotFound) {
  for (const Route& r : kRoutes) {
    std::string path = r.path;
    if (path.find("home-1") == std::string::npos) continue;
    path.replace(path.find("home-1"), 6, "home-9");
    const ApiResponse a = h_.call(r.method, path, r.body);
    EXPECT_EQ(a.status, 404) << r.method << " " << path << ": " << a.body;
    EXPECT_EQ(error_code(a), "not_found");
  }
}

TEST_F(DiagnosisApiTest, TokensNeededAndReadTokensOnlyRead) {
  const ApiResponse created =
      h_.call("POST", "/api/v1/tokens", R"({"name":"viewer","role":"read"})");
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string read = body_json(created)["token"];
  reader_.set_snapshot("home-1", diag::HomeSnapshot{});
  for (const Route& r : kRoutes) {
    EXPECT_EQ(h_.call(r.method, r.path, r.body, "").status, 401) << r.method << " " << r.path;
    const int expected = std::string(r.method) == "GET" ? 200 : 403;
    EXPECT_EQ(h_.call(r.method, r.path, r.body, read).status, expected)
        << r.method << " " << r.path;
  }
}

TEST_F(DiagnosisApiTest, ReaderErrorsPassThrough) {
  reader_.fail_with(make_error(ErrorCode::kUnavailable, "the store is busy"));
  EXPECT_EQ(get("/api/v1/homes/home-1/diagnosis", 503)["error"]["message"], "the store is busy");
  reader_.fail_with(make_error(ErrorCode::kInternal, "sqlite: disk I/O error"));
  EXPECT_EQ(get("/api/v1/diagnosis/summary", 500)["error"]["message"], "internal error");
}

TEST(DiagnosisApiWithoutReaderTest, EveryRouteAnswers503) {
  ApiHarness h;
  for (const Route& r : kRoutes) {
    const ApiResponse a = h.call(r.method, r.path, r.body);
    EXPECT_EQ(a.status, 503) << r.method << " " << r.path << ": " << a.body;
    EXPECT_EQ(error_code(a), "unavailable");
  }
}

}  // namespace
}  // namespace hearth::api::testing
