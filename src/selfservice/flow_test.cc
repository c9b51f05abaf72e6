// The flow on fixture snapshots: every symptom against the situations a home can be in.
#include "selfservice/flow.h"

#include <gtest/gtest.h>

#include <functional>
#include <string>
#include <vector>

#include "selfservice/flow_test_support.h"

namespace hearth::selfservice {
namespace {

using testing::finding;
using testing::healthy_facts;

struct Case {
  const char* name;
  Symptom symptom;
  std::function<void(Facts&)> situation;
  std::string steps;                 // "area:ok gateway:problem ..."
  VerdictKind verdict;
  std::vector<std::string> fixes;    // "id" or "id@target" offered by the last step
  std::vector<std::string> kb;       // articles the last step must link
};

std::string steps_of(const Evaluation& e) {
  std::string out;
  for (const auto& s : e.steps) {
    if (!out.empty()) out += ' ';
    out += std::string(check_name(s.check)) + ":" + outcome_name(s.outcome);
  }
  return out;
}

std::vector<std::string> fixes_of(const Step& s) {
  std::vector<std::string> out;
  for (const auto& f : s.fixes) out.push_back(f.target.empty() ? f.id : f.id + "@" + f.target);
  return out;
}

outage::HomeOutage incident(const std::string& cause = "plant") {
  outage::HomeOutage o;
  o.incident_id = 12;
  o.state = outage::IncidentState::kConfirmed;
  o.cause = cause;
  o.since_ms = testing::kNow - 3600'000;
  o.etr_ms = testing::kNow + 7200'000;
  return o;
}

void offline(Facts& f) {
  f.gateway = GatewayState::kOffline;
  f.last_contact_ms = testing::kNow - 2 * 3600'000;
  f.diagnosis.findings.push_back(finding("DEV-OFFLINE-1", diag::EntityKind::kDevice, "gw", "reboot"));
}

const std::vector<Case>& cases() {
  static const std::vector<Case> kCases = {
      // An area disturbance stops everything, for every symptom, and never offers a restart.
      {"area/no-internet", Symptom::kNoInternet, [](Facts& f) { f.outage = incident(); offline(f); },
       "area:problem", VerdictKind::kAreaOutage, {}, {"area-disturbance"}},
      {"area/wifi-slow", Symptom::kWifiSlow, [](Facts& f) { f.outage = incident(); }, "area:problem",
       VerdictKind::kAreaOutage, {}, {"area-disturbance"}},
      {"area/device", Symptom::kDeviceCannotConnect, [](Facts& f) { f.outage = incident("power"); },
       "area:problem", VerdictKind::kAreaOutage, {}, {"area-disturbance"}},
      {"area/coverage", Symptom::kNoCoverage, [](Facts& f) { f.outage = incident(); }, "area:problem",
       VerdictKind::kAreaOutage, {}, {}},
      {"area/streaming", Symptom::kStreamingBuffers, [](Facts& f) { f.outage = incident(); }, "area:problem",
       VerdictKind::kAreaOutage, {}, {}},
      {"area/maintenance-now", Symptom::kNoInternet,
       [](Facts& f) {
         outage::HomeOutage o;
         o.maintenance = outage::Maintenance{"mnt-1", "an-1", "", testing::kNow - 60'000, testing::kNow + 3600'000};
         f.outage = o;
         offline(f);
       },
       "area:problem", VerdictKind::kAreaOutage, {}, {"area-disturbance"}},
      {"area/desk-down-but-regional-finding", Symptom::kNoInternet,
       [](Facts& f) {
         f.outage_known = false;
         offline(f);
         f.diagnosis.findings.push_back(finding("OUT-REG-1", diag::EntityKind::kHome, "an-1", "wait-for-repair"));
       },
       "area:problem", VerdictKind::kAreaOutage, {}, {}},
      // The gateway.
      {"offline/no-internet", Symptom::kNoInternet, offline, "area:ok gateway:problem", VerdictKind::kFixOffered,
       {"restart-gateway"}, {"restart-router"}},
      {"offline/restart-failed", Symptom::kWifiSlow,
       [](Facts& f) {
         offline(f);
         f.tried.push_back({"restart-gateway", "", false});
       },
       "area:ok gateway:problem", VerdictKind::kNotFixed, {}, {}},
      {"never-seen", Symptom::kNoInternet, [](Facts& f) { f.gateway = GatewayState::kUnknown; f.snapshot.reset(); },
       "area:ok gateway:unknown", VerdictKind::kNeedsTicket, {}, {}},
      {"router-overloaded", Symptom::kWifiSlow,
       [](Facts& f) { f.diagnosis.findings.push_back(finding("SYS-CPU-1", diag::EntityKind::kDevice, "gw", "reboot")); },
       "area:ok gateway:problem", VerdictKind::kFixOffered, {"restart-gateway"}, {"restart-router"}},
      {"old-firmware-is-a-note", Symptom::kNoInternet,
       [](Facts& f) {
         f.firmware_version = "2.0";
         f.diagnosis.findings.push_back(finding("SYS-FW-1", diag::EntityKind::kDevice, "gw", "upgrade-firmware"));
       },
       "area:ok gateway:ok line:ok wifi:ok device:skipped", VerdictKind::kNoProblem, {}, {}},
      // The line.
      {"line-down", Symptom::kNoInternet, [](Facts& f) { f.snapshot->wan.up = false; },
       "area:ok gateway:ok line:problem", VerdictKind::kNeedsTicket, {}, {"speed-test"}},
      {"line-slow/streaming", Symptom::kStreamingBuffers,
       [](Facts& f) { f.diagnosis.findings.push_back(finding("WAN-SPD-1", diag::EntityKind::kWan, "", "contact-provider")); },
       "area:ok gateway:ok line:problem", VerdictKind::kFixOffered, {"speed-test"}, {"speed-test"}},
      {"line-slow/measured-slow", Symptom::kWifiSlow,
       [](Facts& f) {
         f.tried.push_back({"speed-test", "", true});
         f.snapshot->wan.download = {testing::kNow - 1000, true, false, 20};
       },
       "area:ok gateway:ok line:problem", VerdictKind::kNeedsTicket, {}, {"speed-test"}},
      {"line-slow/measured-fine", Symptom::kWifiSlow,
       [](Facts& f) {
         f.diagnosis.findings.push_back(finding("WAN-SPD-1", diag::EntityKind::kWan, "", "contact-provider"));
         f.tried.push_back({"speed-test", "", true});
         f.snapshot->wan.download = {testing::kNow - 1000, true, false, 95};
       },
       "area:ok gateway:ok line:ok wifi:ok device:skipped", VerdictKind::kFixed, {}, {}},
      {"dns", Symptom::kNoInternet,
       [](Facts& f) { f.diagnosis.findings.push_back(finding("WAN-DNS-1", diag::EntityKind::kWan, "", "reboot")); },
       "area:ok gateway:ok line:problem", VerdictKind::kFixOffered, {"restart-gateway"}, {}},
      // All well.
      {"healthy/wifi-slow", Symptom::kWifiSlow, [](Facts&) {}, "area:ok gateway:ok line:ok wifi:ok device:skipped",
       VerdictKind::kNoProblem, {}, {}},
      {"healthy/coverage", Symptom::kNoCoverage, [](Facts&) {},
       "area:ok gateway:ok line:skipped wifi:ok device:skipped", VerdictKind::kNoProblem, {}, {}},
      // The Wi-Fi.
      {"congested/wifi-slow", Symptom::kWifiSlow,
       [](Facts& f) {
         f.diagnosis.findings.push_back(finding("WIFI-CAP-1", diag::EntityKind::kRadio, testing::kRadio24, "change-channel"));
       },
       "area:ok gateway:ok line:ok wifi:problem", VerdictKind::kFixOffered,
       {std::string("change-channel@") + testing::kRadio24}, {"wifi-channel"}},
      {"congested/after-channel-change", Symptom::kWifiSlow,
       [](Facts& f) {
         f.diagnosis.findings.push_back(finding("WIFI-CAP-1", diag::EntityKind::kRadio, testing::kRadio24, "change-channel"));
         f.tried.push_back({"speed-test", "", std::nullopt});
         f.tried.push_back({"change-channel", testing::kRadio24, true});
       },
       "area:ok gateway:ok line:ok wifi:ok device:skipped", VerdictKind::kFixed, {}, {}},
      {"congested/channel-change-failed", Symptom::kWifiSlow,
       [](Facts& f) {
         f.diagnosis.findings.push_back(finding("WIFI-CAP-1", diag::EntityKind::kRadio, testing::kRadio24, "change-channel"));
         f.tried.push_back({"change-channel", testing::kRadio24, false});
       },
       "area:ok gateway:ok line:ok wifi:problem", VerdictKind::kFixOffered, {"restart-wifi"}, {"wifi-channel"}},
      {"congested/everything-tried", Symptom::kStreamingBuffers,
       [](Facts& f) {
         f.diagnosis.findings.push_back(finding("WIFI-CAP-2", diag::EntityKind::kRadio, testing::kRadio24, "change-channel"));
         f.tried.push_back({"change-channel", testing::kRadio24, false});
         f.tried.push_back({"restart-wifi", "", true});
       },
       "area:ok gateway:ok line:ok wifi:problem", VerdictKind::kNotFixed, {}, {"streaming-buffering"}},
      {"weak-signal/coverage", Symptom::kNoCoverage,
       [](Facts& f) {
         f.diagnosis.findings.push_back(finding("WIFI-COV-1", diag::EntityKind::kStation, testing::kPhone, "add-extender"));
       },
       "area:ok gateway:ok line:skipped wifi:problem", VerdictKind::kFixOffered, {"restart-wifi"}, {"wifi-placement"}},
      {"backhaul/coverage", Symptom::kNoCoverage,
       [](Facts& f) {
         f.diagnosis.findings.push_back(finding("WIFI-BH-1", diag::EntityKind::kNode, "ext-1", "move-extender"));
         f.tried.push_back({"restart-wifi", "", std::nullopt});
       },
       "area:ok gateway:ok line:skipped wifi:problem", VerdictKind::kNeedsTicket, {}, {"wifi-placement"}},
      {"radio-off", Symptom::kNoCoverage, [](Facts& f) { f.snapshot->radios[1].enabled = false; },
       "area:ok gateway:ok line:skipped wifi:problem", VerdictKind::kFixOffered, {"restart-wifi"}, {}},
      {"sticky-client/steering", Symptom::kWifiSlow,
       [](Facts& f) {
         f.band_steering_available = true;
         f.diagnosis.findings.push_back(finding("WIFI-COV-2", diag::EntityKind::kStation, testing::kPhone, "steer-station"));
       },
       "area:ok gateway:ok line:ok wifi:problem", VerdictKind::kFixOffered,
       {std::string("move-to-5ghz@") + testing::kPhone}, {"5ghz-band"}},
      {"auth/no-device", Symptom::kDeviceCannotConnect,
       [](Facts& f) {
         f.diagnosis.findings.push_back(finding("WIFI-AUTH-1", diag::EntityKind::kHome, "", "check-wifi-password"));
       },
       "area:ok gateway:ok line:skipped wifi:problem", VerdictKind::kFixOffered, {"restart-wifi"}, {"wifi-password"}},
      // The device in question.
      {"device/refused", Symptom::kDeviceCannotConnect,
       [](Facts& f) {
         f.device_mac = "aa:bb:cc:00:00:99";
         f.snapshot->join_failures = {3, {"AA:BB:CC:00:00:99"}};
       },
       "area:ok gateway:ok line:skipped wifi:ok device:problem", VerdictKind::kNeedsTicket, {}, {"wifi-password"}},
      {"device/not-seen", Symptom::kDeviceCannotConnect, [](Facts& f) { f.device_mac = "aa:bb:cc:00:00:99"; },
       "area:ok gateway:ok line:skipped wifi:ok device:problem", VerdictKind::kFixOffered, {"restart-wifi"},
       {"device-cannot-connect", "guest-network"}},
      {"device/connected-now", Symptom::kDeviceCannotConnect, [](Facts& f) { f.device_mac = testing::kLaptop; },
       "area:ok gateway:ok line:skipped wifi:ok device:ok", VerdictKind::kNoProblem, {}, {}},
      {"device/on-2.4-slow", Symptom::kWifiSlow,
       [](Facts& f) {
         f.band_steering_available = true;
         f.device_mac = testing::kPhone;
       },
       "area:ok gateway:ok line:ok wifi:ok device:problem", VerdictKind::kFixOffered,
       {std::string("move-to-5ghz@") + testing::kPhone}, {"5ghz-band"}},
      {"device/on-2.4-no-steering", Symptom::kStreamingBuffers, [](Facts& f) { f.device_mac = testing::kPhone; },
       "area:ok gateway:ok line:ok wifi:ok device:problem", VerdictKind::kFixOffered, {"restart-wifi"}, {}},
      {"device/weak-signal", Symptom::kNoInternet,
       [](Facts& f) {
         f.device_mac = testing::kPhone;
         f.diagnosis.findings.push_back(finding("WIFI-COV-1", diag::EntityKind::kStation, testing::kPhone, "add-extender"));
       },
       "area:ok gateway:ok line:ok wifi:ok device:problem", VerdictKind::kNeedsTicket, {}, {"wifi-placement"}},
      {"no-snapshot", Symptom::kWifiSlow, [](Facts& f) { f.snapshot.reset(); f.gateway = GatewayState::kRecent; },
       "area:ok gateway:ok line:unknown wifi:unknown device:skipped", VerdictKind::kNoProblem, {}, {}},
  };
  return kCases;
}

TEST(FlowTest, EverySymptomInEverySituation) {
  for (const Case& c : cases()) {
    SCOPED_TRACE(c.name);
    Facts f = healthy_facts(c.symptom);
    c.situation(f);
    const Evaluation e = evaluate(f);
    EXPECT_EQ(steps_of(e), c.steps);
    EXPECT_STREQ(verdict_name(e.verdict.kind), verdict_name(c.verdict));
    ASSERT_FALSE(e.steps.empty());
    EXPECT_EQ(fixes_of(e.steps.back()), c.fixes);
    for (const auto& kb : c.kb) {
      const auto& have = e.steps.back().kb;
      EXPECT_NE(std::find(have.begin(), have.end(), kb), have.end()) << kb;
    }
    EXPECT_FALSE(e.verdict.text.empty());
    for (const auto& s : e.steps) EXPECT_FALSE(s.text.empty()) << check_name(s.check);
  }
}

TEST(FlowTest, AreaDisturbanceNeverOffersARestart) {
  for (Symptom s : {Symptom::kNoInternet, Symptom::kWifiSlow, Symptom::kDeviceCannotConnect,
                    Symptom::kNoCoverage, Symptom::kStreamingBuffers}) {
    Facts f = healthy_facts(s);
    offline(f);
    f.outage = incident();
    const Evaluation e = evaluate(f);
    ASSERT_EQ(e.steps.size(), 1u);
    EXPECT_TRUE(e.steps[0].fixes.empty());
    bool says_no_restart = false;
    for (const auto& m : e.steps[0].text) says_no_restart |= m.id == "area.no_restart";
    EXPECT_TRUE(says_no_restart);
    ASSERT_FALSE(e.steps[0].text.empty());
    EXPECT_EQ(e.steps[0].text[0].id, "area.incident_since");
  }
}

TEST(FlowTest, OfflineRestartCarriesAnHonestWarning) {
  Facts f = healthy_facts(Symptom::kNoInternet);
  offline(f);
  const Evaluation e = evaluate(f);
  ASSERT_EQ(e.steps.back().fixes.size(), 1u);
  ASSERT_TRUE(e.steps.back().fixes[0].warning.has_value());
  EXPECT_EQ(e.steps.back().fixes[0].warning->id, "warn.restart-gateway.offline");
}

TEST(FlowTest, FirmwareUpdateOfferedOnlyWithAnImage) {
  Facts f = healthy_facts(Symptom::kNoInternet);
  f.diagnosis.findings.push_back(finding("SYS-FW-1", diag::EntityKind::kDevice, "gw", "upgrade-firmware"));
  EXPECT_TRUE(evaluate(f).steps[1].fixes.empty());
  f.firmware_version = "2.0";
  const Evaluation e = evaluate(f);
  ASSERT_EQ(e.steps[1].fixes.size(), 1u);
  EXPECT_EQ(e.steps[1].fixes[0].id, "update-firmware");
  EXPECT_EQ(e.steps[1].fixes[0].label.params.at("version"), "2.0");
}

TEST(FlowTest, NamesAndParsers) {
  for (const char* s : {"no-internet", "wifi-slow", "device-cannot-connect", "no-coverage", "streaming-buffers"}) {
    ASSERT_TRUE(parse_symptom(s).has_value()) << s;
    EXPECT_STREQ(symptom_name(*parse_symptom(s)), s);
  }
  EXPECT_FALSE(parse_symptom("slow").has_value());
  EXPECT_TRUE(is_fix_id("move-to-5ghz"));
  EXPECT_FALSE(is_fix_id("factory-reset"));
  EXPECT_EQ(signal_bars(-50), 4);
  EXPECT_EQ(signal_bars(-70), 2);
  EXPECT_EQ(signal_bars(diag::kUnknown), 0);
}

}  // namespace
}  // namespace hearth::selfservice
