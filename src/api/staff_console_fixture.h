// The small world the agent console's API tests share (header only, for staff_*_test.cc): two
// customers with a home each and a third without one, their gateways, a diagnosis reader that
// knows both homes, and an open incident behind the second.
//
//   1000001 Anna Berg, Storgatan 1, 41101 Göteborg: home-1 on an-1, gateway serial HRS1 online;
//           diagnosis WIFI-CAP-1 on its 5 GHz radio; a phone aa:bb:cc:dd:ee:01 and an extender
//           02:00:00:00:00:18 in its snapshot.
//   1000002 Bo Lind, Lilla vägen 5, 41102 Mölndal: home-2 on an-2, gateway serial HRS2 silent
//           for a day; diagnosis DEV-OFFLINE-1; incident 7 (confirmed) lists home-2.
//   1000003 Carl Dahl: no home.
#pragma once

#include <gtest/gtest.h>

#include <string>

#include <nlohmann/json.hpp>

#include "api/api_test_support.h"
#include "api/fake_diagnosis_reader.h"
#include "outage/incident.h"

namespace hearth::api::testing {

inline constexpr int64_t kConsoleT0 = 1'767'225'600'000;  // 2026-01-01T00:00:00Z, the FakeClock's start
inline const std::string kGateway1 = "00D09E-HG8245-HRS1";
inline const std::string kGateway2 = "00D09E-HG8245-HRS2";

inline diag::Finding console_finding(const char* code, diag::EntityKind kind, const std::string& entity,
                                     const char* action, int64_t start_ms) {
  diag::Finding f;
  f.code = code;
  f.severity = diag::Severity::kWarning;
  f.entity = {kind, entity, entity};
  f.evidence = {{"utilisationPct", 81, "%"}};
  f.start_ms = start_ms;
  f.customer_text = "Your Wi-Fi is busy.";
  f.agent_text = "channel utilisation 81 %";
  f.remedy = {diag::RemedyKind::kAutomatic, action, ""};
  return f;
}

inline diag::HomeSnapshot console_snapshot() {
  diag::HomeSnapshot s;
  s.device_id = kGateway1;
  s.root = "Device.";
  s.time_ms = kConsoleT0 - 60'000;
  diag::Node gw;
  gw.id = "02:00:00:00:00:10";
  gw.gateway = true;
  diag::Node ext;
  ext.id = "02:00:00:00:00:18";
  ext.parent = 0;
  ext.backhaul = "wifi";
  ext.backhaul_signal_dbm = -61;
  s.nodes = {gw, ext};
  diag::Radio r;
  r.id = "02:00:00:00:00:10/5GHz";
  r.path = "Device.WiFi.Radio.2.";
  r.band = diag::Band::k5g;
  r.channel = 36;
  r.auto_channel = false;
  s.radios = {r};
  diag::Station st;
  st.mac = "aa:bb:cc:dd:ee:01";
  st.hostname = "annas-phone";
  st.node = 1;
  st.band = diag::Band::k5g;
  st.signal_dbm = -67;
  s.stations = {st};
  return s;
}

class ConsoleTest : public ::testing::Test {
 protected:
  ConsoleTest() : h_(options(&reader_)) {}

  static HarnessOptions options(insight::DiagnosisReader* reader) {
    HarnessOptions o;
    o.diagnosis = reader;
    return o;
  }

  void SetUp() override {
    store::SubscriberRecord anna{.account = "1000001", .name = "Anna Berg", .email = "anna@example.test",
                                 .street = "Storgatan 1", .postal_code = "41101", .city = "Göteborg"};
    store::SubscriberRecord bo{.account = "1000002", .name = "Bo Lind", .email = "bo@example.test",
                               .street = "Lilla vägen 5", .postal_code = "41102", .city = "Mölndal"};
    store::SubscriberRecord carl{.account = "1000003", .name = "Carl Dahl", .email = "carl@example.test"};
    store::HomeRecord h1{.id = "home-1", .account = "1000001", .access_node_id = "an-1"};
    h1.devices.push_back({"gateway", kGateway1, "HRS1", "00D09E", "HG8245", "Huawei"});
    store::HomeRecord h2{.id = "home-2", .account = "1000002", .access_node_id = "an-2"};
    h2.devices.push_back({"gateway", kGateway2, "HRS2", "00D09E", "HG8245", "Huawei"});
    store::DeviceRecord d1 = ApiHarness::sample_device("HRS1");
    d1.model_name = "HG8245H";
    d1.software_version = "1.0";
    d1.inform_interval_s = 300;
    d1.last_inform_ms = kConsoleT0 - 60'000;
    store::DeviceRecord d2 = ApiHarness::sample_device("HRS2");
    d2.inform_interval_s = 300;
    d2.last_inform_ms = kConsoleT0 - 24 * 3600'000LL;
    ASSERT_EQ(d1.id, kGateway1);
    ASSERT_EQ(d2.id, kGateway2);
    outage::Incident inc;
    inc.id = 7;
    inc.access_node_id = "an-2";
    inc.region_id = "north";
    inc.state = outage::IncidentState::kConfirmed;
    inc.cause = "plant";
    inc.suspected_ms = kConsoleT0 - 1800'000;
    inc.start_ms = kConsoleT0 - 2000'000;
    inc.confirmed_ms = kConsoleT0 - 1700'000;
    inc.updated_ms = kConsoleT0 - 1700'000;
    inc.homes = {"home-2"};
    const Status st = h_.store().write_sync(
        store::WriteBatch()
            .add(store::PutRegion{{"north", "Nordstad", 0, 0}})
            .add(store::PutAccessNode{{"an-1", "OLT 1/1", "olt-port", "north", 0, 0}})
            .add(store::PutAccessNode{{"an-2", "OLT 1/2", "olt-port", "north", 0, 0}})
            .add(store::PutSubscriber{anna})
            .add(store::PutSubscriber{bo})
            .add(store::PutSubscriber{carl})
            .add(store::UpsertDevice{d1})
            .add(store::UpsertDevice{d2})
            .add(store::PutHome{h1})
            .add(store::PutHome{h2})
            .add(store::PutIncident{outage::incident_record(inc)}));
    ASSERT_TRUE(st.ok()) << st.error().message;

    diag::Diagnosis d;
    d.time_ms = kConsoleT0 - 60'000;
    d.findings = {console_finding("WIFI-CAP-1", diag::EntityKind::kRadio, "02:00:00:00:00:10/5GHz",
                                  "change-channel", kConsoleT0 - 3600'000)};
    d.primary = d.findings[0];
    d.domain = "wifi";
    d.health = 70;
    reader_.add_home("home-1", d);
    reader_.set_snapshot("home-1", console_snapshot());
    reader_.add_device(kGateway1, "home-1");
    diag::Diagnosis off;
    off.time_ms = kConsoleT0 - 60'000;
    off.findings = {console_finding("DEV-OFFLINE-1", diag::EntityKind::kDevice, kGateway2, "reboot",
                                    kConsoleT0 - 20 * 3600'000LL)};
    off.primary = off.findings[0];
    off.domain = "device";
    off.health = 0;
    reader_.add_home("home-2", off);
    reader_.add_device(kGateway2, "home-2");
  }

  nlohmann::json get(const std::string& target, int status = 200) {
    ApiResponse r = h_.call("GET", target);
    EXPECT_EQ(r.status, status) << target << ": " << r.body;
    return body_json(r);
  }

  FakeDiagnosisReader reader_;  // before the harness: it must outlive it
  ApiHarness h_;
};

}  // namespace hearth::api::testing
