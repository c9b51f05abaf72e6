// The customer portal's home: GET home with no data (nulls), with a snapshot (nodes, radios,
// stations with bars and the customer's names), its status (area disturbance, home problem,
// offline, all good) in en/de/sv, open tickets; the health history; the speed test (200, 504);
// history and tickets; and isolation between two customers.
#include <gtest/gtest.h>

#include <future>
#include <string>

#include "api/fake_diagnosis_reader.h"
#include "api/selfservice_test_support.h"
#include "core/clock.h"

namespace hearth::api::testing {
namespace {

using nlohmann::json;

constexpr int64_t kT0 = 1'767'225'600'000;  // the harness clock: 2026-01-01T00:00:00Z
constexpr int64_t kMinute = 60'000;
constexpr int64_t kHour = 60 * kMinute;
constexpr int64_t kDay = 24 * kHour;

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

diag::HomeSnapshot snapshot_with(std::vector<double> signals) {
  diag::HomeSnapshot s;
  s.time_ms = kT0 - kMinute;
  s.wan.up = true;
  s.wan.access = "fiber";
  diag::Node gw;
  gw.id = "SN0001";
  gw.gateway = true;
  diag::Node ext;
  ext.id = "02:00:00:00:00:10";
  ext.parent = 0;
  ext.backhaul = "wifi";
  ext.backhaul_signal_dbm = -61;
  s.nodes = {gw, ext};
  diag::Radio r;
  r.id = "SN0001/5GHz";
  r.band = diag::Band::k5g;
  r.channel = 36;
  r.utilisation_pct = 42.5;
  s.radios = {r};
  for (size_t i = 0; i < signals.size(); ++i) {
    diag::Station st;
    st.mac = "aa:bb:cc:dd:ee:" + std::string(i < 10 ? "0" : "") + std::to_string(i);
    st.hostname = i == 0 ? "" : "host-" + std::to_string(i);
    st.band = diag::Band::k5g;
    st.signal_dbm = signals[i];
    st.phy_down_mbps = 433;
    st.node = i % 2 == 0 ? 0 : 1;
    s.stations.push_back(st);
  }
  return s;
}

diag::Diagnosis diagnosed(int health) {
  diag::Diagnosis d;
  d.time_ms = kT0 - kMinute;
  d.health = health;
  return d;
}

diag::Finding finding(const char* code, const char* remedy) {
  diag::Finding f;
  f.code = code;
  f.severity = diag::Severity::kWarning;
  f.start_ms = kT0 - 2 * kHour;
  f.customer_text = "Your Wi-Fi shares its channel with many neighbours.";
  f.remedy.action = remedy;
  return f;
}

class PortalHomeTest : public ::testing::Test {
 protected:
  PortalHomeTest() : h_(HarnessOptions{.diagnosis = &reader_, .incident_desk = true}) {
    add_customer(h_);
    add_customer(h_, bob());
    alice_ = login_customer(h_, "A-1001", "correct horse battery");
    bob_ = login_customer(h_, "A-1002", "another good password");
  }

  json get(const CustomerSession& s, const std::string& target, int status = 200) {
    const ApiResponse r = customer_call(h_, s, "GET", target);
    EXPECT_EQ(r.status, status) << target << ": " << r.body;
    return body_json(r);
  }

  void put_ticket(int64_t id, const std::string& account, const std::string& home, const std::string& state) {
    store::TicketRecord t;
    t.id = id;
    t.account = account;
    t.home_id = home;
    t.state = state;
    t.source = "selfservice";
    t.assignee = "agent-7";
    t.created_ms = kT0 - id * kMinute;
    t.updated_ms = t.created_ms;
    t.json = json{{"subject", "Slow Wi-Fi " + std::to_string(id)},
                  {"words", "It is slow in the evening"},
                  {"comments", {{{"authorKind", "agent"}, {"text", "internal note"}, {"internal", true}},
                                {{"authorKind", "agent"}, {"text", "We changed the channel."}}}}}
                 .dump();
    ASSERT_TRUE(h_.store().write_sync(store::WriteBatch{}.add(store::PutTicket{t})).ok());
  }

  FakeDiagnosisReader reader_;
  ApiHarness h_;
  CustomerSession alice_;
  CustomerSession bob_;
};

TEST_F(PortalHomeTest, MissingDataGivesNulls) {
  const json j = get(alice_, "/api/v1/selfservice/home");
  EXPECT_EQ(j["homeId"], "home-1");
  EXPECT_EQ(j["status"]["kind"], "unknown");
  EXPECT_EQ(j["status"]["restartAdvised"], false);
  EXPECT_TRUE(j["health"]["score"].is_null());
  EXPECT_TRUE(j["health"]["updatedAt"].is_null());
  EXPECT_EQ(j["gateway"]["manufacturer"], "Acme");
  EXPECT_EQ(j["gateway"]["online"], true);  // it informed just now
  EXPECT_EQ(j["network"]["nodes"], json::array());
  EXPECT_EQ(j["network"]["stations"], json::array());
  EXPECT_TRUE(j["wan"]["up"].is_null());
  EXPECT_EQ(j["wan"]["planDownMbps"], 250.0);
  EXPECT_TRUE(j["speedTest"].is_null());
  EXPECT_EQ(j["openTickets"], json::array());
}

TEST_F(PortalHomeTest, NetworkMapWithBarsAndNames) {
  reader_.add_home("home-1", diagnosed(87));
  reader_.set_snapshot("home-1", snapshot_with({-50, -55, -60, -65, -70, -72, -75, -80, -85, diag::kUnknown}));
  const json names = {{"aa:bb:cc:dd:ee:01", "Anna's phone"}};
  ASSERT_TRUE(h_.store().write_sync(store::WriteBatch{}.add(store::PutMeta{"device-names:home-1", names.dump()})).ok());

  const json j = get(alice_, "/api/v1/selfservice/home");
  EXPECT_EQ(j["status"]["kind"], "ok");
  EXPECT_EQ(j["status"]["title"], "All good");
  EXPECT_EQ(j["health"]["score"], 87);
  ASSERT_EQ(j["network"]["nodes"].size(), 2u);
  EXPECT_EQ(j["network"]["nodes"][0]["role"], "gateway");
  EXPECT_EQ(j["network"]["nodes"][0]["parent"], -1);
  EXPECT_EQ(j["network"]["nodes"][1]["role"], "extender");
  EXPECT_EQ(j["network"]["nodes"][1]["backhaul"], "wifi");
  EXPECT_EQ(j["network"]["nodes"][1]["backhaulSignalDbm"], -61.0);
  EXPECT_EQ(j["network"]["radios"][0]["band"], "5GHz");
  EXPECT_EQ(j["network"]["radios"][0]["channel"], 36);
  const json& st = j["network"]["stations"];
  ASSERT_EQ(st.size(), 10u);
  const int want_bars[] = {4, 4, 3, 3, 2, 2, 1, 1, 0, 0};
  for (size_t i = 0; i < st.size(); ++i) EXPECT_EQ(st[i]["bars"], want_bars[i]) << i;
  EXPECT_EQ(st[0]["name"], "aa:bb:cc:dd:ee:00");  // no hostname, no name: the MAC
  EXPECT_EQ(st[1]["name"], "Anna's phone");
  EXPECT_EQ(st[1]["hostname"], "host-1");
  EXPECT_EQ(st[2]["name"], "host-2");
  EXPECT_TRUE(st[9]["signalDbm"].is_null());
  EXPECT_EQ(j["wan"]["up"], true);
  EXPECT_EQ(j["wan"]["access"], "fiber");

  EXPECT_EQ(get(alice_, "/api/v1/selfservice/home?lang=de")["status"]["title"], "Alles in Ordnung");
  EXPECT_EQ(get(alice_, "/api/v1/selfservice/home?lang=sv")["status"]["title"], "Allt fungerar");
}

TEST_F(PortalHomeTest, AreaDisturbanceSaysNoRestart) {
  reader_.add_home("home-1", diagnosed(40));
  outage::HomeOutage o;
  o.incident_id = 12;
  o.state = outage::IncidentState::kConfirmed;
  o.cause = "plant";
  o.since_ms = kT0 - 30 * kMinute;
  o.etr_ms = kT0 + 3 * kHour;
  h_.desk().set_home_outage("home-1", o);
  const struct {
    const char* lang;
    const char* title;
    const char* says;
  } cases[] = {{"en", "Disturbance in your area", "No need to restart your router."},
               {"de", "Störung in Ihrer Region", "Sie müssen Ihren Router nicht neu starten."},
               {"sv", "Störning i ditt område", "Du behöver inte starta om din router."}};
  for (const auto& c : cases) {
    const json s = get(alice_, std::string("/api/v1/selfservice/home?lang=") + c.lang)["status"];
    EXPECT_EQ(s["kind"], "area") << c.lang;
    EXPECT_EQ(s["title"], c.title);
    EXPECT_NE(s["text"].get<std::string>().find(c.says), std::string::npos) << s["text"];
    EXPECT_EQ(s["incidentId"], "12");
    EXPECT_EQ(s["since"], "2025-12-31T23:30:00Z");
    EXPECT_EQ(s["etr"], "2026-01-01T03:00:00Z");
    EXPECT_EQ(s["restartAdvised"], false);
  }
  // Bob's home is not in it.
  EXPECT_NE(get(bob_, "/api/v1/selfservice/home")["status"]["kind"], "area");
}

TEST_F(PortalHomeTest, HomeProblemAndOffline) {
  diag::Diagnosis d = diagnosed(60);
  d.primary = finding("WIFI-CHAN-1", "change-channel");
  d.domain = "wifi";
  reader_.add_home("home-1", d);
  json s = get(alice_, "/api/v1/selfservice/home")["status"];
  EXPECT_EQ(s["kind"], "home");
  EXPECT_EQ(s["title"], "We found a problem");
  EXPECT_EQ(s["text"], "Your Wi-Fi shares its channel with many neighbours.");
  EXPECT_EQ(s["primary"]["code"], "WIFI-CHAN-1");
  EXPECT_EQ(s["primary"]["severity"], "warning");
  EXPECT_EQ(s["restartAdvised"], false);
  s = get(alice_, "/api/v1/selfservice/home?lang=de")["status"];
  EXPECT_EQ(s["title"], "Wir haben ein Problem gefunden");
  EXPECT_NE(s["text"].get<std::string>().find("WLAN"), std::string::npos);

  d.primary = finding("DEV-OFFLINE-1", "reboot");
  d.domain = "device";
  reader_.add_home("home-1", d);
  const json j = get(alice_, "/api/v1/selfservice/home?lang=sv");
  EXPECT_EQ(j["status"]["kind"], "offline");
  EXPECT_EQ(j["status"]["title"], "Din router är offline");
  EXPECT_EQ(j["status"]["restartAdvised"], true);
  EXPECT_EQ(j["gateway"]["online"], false);
}

TEST_F(PortalHomeTest, OpenTicketsAreTheCustomersOwn) {
  put_ticket(1, "A-1001", "home-1", "new");
  put_ticket(2, "A-1001", "home-1", "solved");
  put_ticket(3, "A-1002", "home-2", "new");
  const json open = get(alice_, "/api/v1/selfservice/home")["openTickets"];
  ASSERT_EQ(open.size(), 1u);
  EXPECT_EQ(open[0]["id"], "1");
  EXPECT_EQ(open[0]["subject"], "Slow Wi-Fi 1");

  const json list = get(alice_, "/api/v1/selfservice/tickets")["tickets"];
  ASSERT_EQ(list.size(), 2u);
  const json one = get(alice_, "/api/v1/selfservice/tickets/2");
  EXPECT_EQ(one["state"], "solved");
  EXPECT_FALSE(one.contains("assignee"));
  ASSERT_EQ(one["comments"].size(), 1u);  // the internal note is not shown
  EXPECT_EQ(one["comments"][0]["from"], "support");
  EXPECT_EQ(one.dump().find("agent-7"), std::string::npos);
  // Another customer's ticket, and one that does not exist, are alike.
  EXPECT_EQ(error_code(customer_call(h_, alice_, "GET", "/api/v1/selfservice/tickets/3")), "not_found");
  EXPECT_EQ(error_code(customer_call(h_, alice_, "GET", "/api/v1/selfservice/tickets/99")), "not_found");
  EXPECT_EQ(get(bob_, "/api/v1/selfservice/tickets")["tickets"].size(), 1u);
}

TEST_F(PortalHomeTest, HealthHistory) {
  reader_.add_home("home-1", diagnosed(80));
  reader_.set_series("home-1", "health", {{kT0 - 2 * kHour, 70, 70, 70, 1}, {kT0 - kHour, 80, 80, 80, 1}});
  json j = get(alice_, "/api/v1/selfservice/home/health");
  EXPECT_EQ(j["to"], "2026-01-01T00:00:00Z");
  EXPECT_EQ(j["from"], "2025-12-25T00:00:00Z");  // 7 days by default
  ASSERT_EQ(j["points"].size(), 2u);
  EXPECT_EQ(j["points"][0], json({{"t", kT0 - 2 * kHour}, {"health", 70}}));
  j = get(alice_, "/api/v1/selfservice/home/health?days=30");
  EXPECT_EQ(j["from"], "2025-12-02T00:00:00Z");
  ASSERT_FALSE(reader_.series_calls().empty());
  EXPECT_EQ(reader_.series_calls().back().from_ms, kT0 - 30 * kDay);
  EXPECT_EQ(reader_.series_calls().back().home_id, "home-1");
  for (const char* bad : {"0", "31", "x"}) {
    EXPECT_EQ(error_code(customer_call(h_, alice_, "GET", std::string("/api/v1/selfservice/home/health?days=") + bad)),
              "invalid_argument") << bad;
  }
  // A home the diagnosis does not know has no points.
  EXPECT_EQ(get(bob_, "/api/v1/selfservice/home/health")["points"], json::array());
}

TEST_F(PortalHomeTest, SpeedTest) {
  reader_.add_home("home-1", diagnosed(80));
  diag::HomeSnapshot s = snapshot_with({});
  s.wan.download = {kT0 + 5000, true, false, 212.4};
  s.wan.ping.time_ms = kT0 + 4000;
  s.wan.ping.ok = true;
  s.wan.ping.avg_ms = 8.3;
  reader_.set_snapshot("home-1", s);
  ApiResponse r = customer_call(h_, alice_, "POST", "/api/v1/selfservice/home/speed-test");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(body_json(r)["speedTest"], json({{"at", "2026-01-01T00:00:05Z"}, {"downMbps", 212.4}, {"pingMs", 8.3}}));
  ASSERT_EQ(reader_.checks().size(), 1u);
  EXPECT_EQ(reader_.checks()[0].timeout_ms, 30'000);
  EXPECT_EQ(get(alice_, "/api/v1/selfservice/home")["speedTest"]["downMbps"], 212.4);

  // The checks gave up before a new result came: the old one is not this test's.
  h_.clock().advance(std::chrono::minutes(10));
  r = customer_call(h_, alice_, "POST", "/api/v1/selfservice/home/speed-test");
  EXPECT_EQ(r.status, 504);
  EXPECT_EQ(error_code(r), "timeout");
}

TEST_F(PortalHomeTest, HistoryIsNewestFirstAndLocalised) {
  reader_.add_home("home-1", diagnosed(80));
  diag::OptimisationLogEntry e;
  e.time_ms = kT0 - kHour;
  e.action = "set-channel";
  reader_.add_optimisation({"home-1", e});
  e.time_ms = kT0 - kHour + 1;
  e.action = "judged-better";  // not for customers
  reader_.add_optimisation({"home-1", e});
  store::AuditRecord a;
  a.time_ms = kT0 - kMinute;
  a.actor_kind = "customer";
  a.actor = "A-1001";
  a.action = "wifi.update";
  a.account = "A-1001";
  a.home_id = "home-1";
  a.outcome = "ok";
  a.json = R"({"ssidChanged":true,"passwordChanged":false})";
  store::AuditRecord other = a;
  other.actor = other.account = "A-1002";
  other.home_id = "home-2";
  ASSERT_TRUE(h_.store().write_sync(store::WriteBatch{}.add(store::AddAudit{a}).add(store::AddAudit{other})).ok());

  // Only these actions: logging in may add entries of its own.
  const auto mine = [](const json& history) {
    json out = json::array();
    for (const json& entry : history["entries"]) {
      if (entry["action"] == "wifi.update" || entry["action"] == "wifi.set-channel") out.push_back(entry);
    }
    return out;
  };
  json j = mine(get(alice_, "/api/v1/selfservice/history"));
  ASSERT_EQ(j.size(), 2u) << j;
  EXPECT_EQ(j[0]["text"], "You changed the Wi-Fi name");
  EXPECT_EQ(j[0]["actor"], "you");
  EXPECT_EQ(j[0]["outcome"], "ok");
  EXPECT_EQ(j[0]["at"], "2025-12-31T23:59:00Z");
  EXPECT_EQ(j[1]["text"], "The Wi-Fi channel was changed automatically to improve speed");
  EXPECT_EQ(j[1]["actor"], "automatic");
  j = mine(get(alice_, "/api/v1/selfservice/history?lang=de"));
  ASSERT_EQ(j.size(), 2u);
  EXPECT_EQ(j[0]["text"], "Sie haben den WLAN-Namen geändert");
  EXPECT_EQ(get(alice_, "/api/v1/selfservice/history?limit=1")["entries"].size(), 1u);
  // Bob sees his own entry only.
  EXPECT_EQ(mine(get(bob_, "/api/v1/selfservice/history")).size(), 1u);
}

TEST_F(PortalHomeTest, NeedsASession) {
  EXPECT_EQ(h_.call("GET", "/api/v1/selfservice/home").status, 401);  // an API token is not a session
  EXPECT_EQ(customer_call(h_, CustomerSession{}, "GET", "/api/v1/selfservice/home").status, 401);
}

}  // namespace
}  // namespace hearth::api::testing
