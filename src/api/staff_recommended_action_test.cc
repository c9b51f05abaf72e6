// recommend_action, table-driven: which action each primary cause leads to given an incident, a
// firmware image and the radios, and the task bodies that come with it.
#include "api/recommended_action.h"

#include <gtest/gtest.h>

namespace hearth::api {
namespace {

using nlohmann::json;

diag::Finding primary(const char* code, const char* action, diag::RemedyKind kind = diag::RemedyKind::kAgent) {
  diag::Finding f;
  f.code = code;
  f.remedy = {kind, action, ""};
  if (std::string(code).rfind("WIFI-CAP", 0) == 0) f.entity = {diag::EntityKind::kRadio, "gw/5GHz", ""};
  return f;
}

diag::Radio radio(const char* id, const char* path, bool auto_channel, bool enabled = true) {
  diag::Radio r;
  r.id = id;
  r.path = path;
  r.auto_channel = auto_channel;
  r.enabled = enabled;
  return r;
}

TEST(RecommendedActionTest, Table) {
  struct Case {
    const char* what;
    diag::Finding finding;
    bool incident = false;
    const char* firmware = "";
    std::vector<diag::Radio> radios;
    const char* action;
    json task;  // null: none
  };
  const std::vector<diag::Radio> fixed = {radio("gw/2.4GHz", "Device.WiFi.Radio.1.", false),
                                          radio("gw/5GHz", "Device.WiFi.Radio.2.", false)};
  const json reboot = {{"name", "reboot"}};
  const Case cases[] = {
      {"crash loop with an image", primary("SYS-CRASH-1", "replace-device"), false, "fw-2.0.bin", {}, "firmware",
       {{"name", "download"}, {"fileId", "fw-2.0.bin"}}},
      {"crash loop without an image", primary("SYS-CRASH-1", "replace-device"), false, "", {}, "dispatch", nullptr},
      {"congestion", primary("WIFI-CAP-1", "change-channel", diag::RemedyKind::kAutomatic), false, "", fixed,
       "change-channel",
       {{"name", "setParameterValues"},
        {"parameterValues", {{"Device.WiFi.Radio.2.AutoChannelEnable", true, "xsd:boolean"}}}}},
      {"congestion without radio data", primary("WIFI-CAP-2", "change-channel"), false, "", {}, "change-channel",
       nullptr},
      {"WAN down with an incident", primary("WAN-DOWN-1", "contact-provider"), true, "", {}, "none", nullptr},
      {"gateway offline with an incident", primary("DEV-OFFLINE-1", "reboot"), true, "", {}, "none", nullptr},
      {"regional outage", primary("OUT-REG-1", "wait-for-repair"), false, "", {}, "none", nullptr},
      {"WAN down", primary("WAN-DOWN-1", "contact-provider"), false, "", {}, "check-line", nullptr},
      {"gateway offline", primary("DEV-OFFLINE-1", "reboot"), false, "", {}, "check-line", nullptr},
      {"power cut", primary("PWR-CUT-1", "none"), false, "", {}, "none", nullptr},
      {"weak coverage", primary("WIFI-COV-1", "add-extender", diag::RemedyKind::kRecommendation), false, "", {},
       "extender", nullptr},
      {"weak coverage behind an incident", primary("WIFI-COV-1", "add-extender"), true, "", {}, "extender", nullptr},
      {"weak backhaul", primary("WIFI-BH-1", "move-extender"), false, "", {}, "move-extender", nullptr},
      {"slow line", primary("WAN-SPD-1", "contact-provider"), false, "", {}, "speed-test", nullptr},
      {"DNS", primary("WAN-DNS-1", "reboot"), false, "", {}, "reboot", reboot},
      {"CPU", primary("SYS-CPU-1", "reboot", diag::RemedyKind::kCustomer), false, "", {}, "reboot", reboot},
      {"memory with an image", primary("SYS-MEM-1", "upgrade-firmware"), false, "fw-3", {}, "firmware",
       {{"name", "download"}, {"fileId", "fw-3"}}},
      {"memory without", primary("SYS-MEM-1", "upgrade-firmware"), false, "", {}, "reboot", reboot},
      {"old firmware, none newer", primary("SYS-FW-1", "upgrade-firmware"), false, "", {}, "none", nullptr},
      {"join failures", primary("WIFI-AUTH-1", "check-wifi-password"), false, "", {}, "check-wifi-password", nullptr},
      {"sticky client", primary("WIFI-COV-2", "steer-station"), false, "", {}, "steer-station", nullptr},
      {"legacy client", primary("WIFI-PHY-2", "replace-device"), false, "", {}, "replace-client", nullptr},
      {"retransmissions", primary("WIFI-RTY-1", "none"), false, "", {}, "none", nullptr},
  };
  for (const Case& c : cases) {
    ActionInput in;
    in.primary = c.finding;
    in.incident = c.incident;
    in.gateway_device_id = "GW-1";
    in.firmware_file = c.firmware;
    in.radios = c.radios;
    const std::optional<RecommendedAction> a = recommend_action(in, "home-1");
    ASSERT_TRUE(a) << c.what;
    EXPECT_EQ(a->action, c.action) << c.what;
    EXPECT_EQ(a->task ? *a->task : json(nullptr), c.task) << c.what;
    EXPECT_FALSE(a->reason.empty()) << c.what;
  }
}

TEST(RecommendedActionTest, HealthyHomesGetNone) {
  EXPECT_FALSE(recommend_action(ActionInput{}, "home-1"));
  EXPECT_EQ(recommended_action_json(std::nullopt, "GW-1"), nullptr);
}

TEST(RecommendedActionTest, RestartingTheWifiIsTwoTasks) {
  // Slow links, and congestion on a radio that already picks its channel itself: restart the
  // Wi-Fi, radios off (only those on) then all on again.
  for (const char* code : {"WIFI-PHY-1", "WIFI-CAP-1"}) {
    ActionInput in;
    in.primary = primary(code, code == std::string("WIFI-PHY-1") ? "reboot" : "change-channel");
    in.gateway_device_id = "GW-1";
    in.radios = {radio("gw/2.4GHz", "Device.WiFi.Radio.1.", true, false), radio("gw/5GHz", "Device.WiFi.Radio.2.", true)};
    const std::optional<RecommendedAction> a = recommend_action(in, "home-1");
    ASSERT_TRUE(a);
    EXPECT_EQ(a->action, "restart-wifi") << code;
    EXPECT_FALSE(a->task);
    ASSERT_EQ(a->tasks.size(), 2u);
    EXPECT_EQ(a->tasks[0]["parameterValues"], json::parse(R"([["Device.WiFi.Radio.2.Enable",false,"xsd:boolean"]])"));
    EXPECT_EQ(a->tasks[1]["parameterValues"],
              json::parse(R"([["Device.WiFi.Radio.1.Enable",true,"xsd:boolean"],["Device.WiFi.Radio.2.Enable",true,"xsd:boolean"]])"));
    const json j = recommended_action_json(a, "GW-1");
    EXPECT_EQ(j["deviceId"], "GW-1");
    EXPECT_EQ(j["tasks"].size(), 2u);
  }
}

TEST(RecommendedActionTest, SpeedTestIsACallOfTheChecks) {
  ActionInput in;
  in.primary = primary("WAN-SPD-1", "contact-provider");
  const json j = recommended_action_json(recommend_action(in, "home-1"), "");
  EXPECT_EQ(j["action"], "speed-test");
  EXPECT_EQ(j["request"], json({{"method", "POST"}, {"path", "/api/v1/homes/home-1/checks"}}));
  EXPECT_EQ(j["deviceId"], nullptr);
  // Without a known gateway there is no task body to give.
  in.primary = primary("WAN-DNS-1", "reboot");
  EXPECT_FALSE(recommend_action(in, "home-1")->task);
}

}  // namespace
}  // namespace hearth::api
