// Value-change notification: attributes set by the ACS, changes seen between ticks, active ones
// opening a session, passive ones riding along (tr069.md 3.2 SetParameterAttributes, 5).
#include <gtest/gtest.h>

#include "sim/cpe/cpe_test_util.h"

namespace hearth::sim::cpe::testing {
namespace {

using Events = std::vector<std::string>;

std::string value_in(const cwmp::Inform& inform, const std::string& name) {
  for (const auto& p : inform.parameters) {
    if (p.name == name) return p.value;
  }
  return "<absent>";
}

void watch(Harness& h, const std::string& name, int notification) {
  h.session({cwmp::SetParameterAttributes{{{name, true, notification, false, {}}}}});
}

TEST(CpeNotifyTest, ActiveNotificationOpensASession) {
  Harness h;
  h.power_on();
  watch(h, "Device.Hosts.HostNumberOfEntries", 2);
  h.advance(5000);
  EXPECT_GT(h.cpe->next_session_ms(h.now), h.now);          // nothing changed yet
  EXPECT_LE(h.cpe->next_session_ms(h.now), h.now + 60000);  // but it wants to look again
  h.dm->poke("Device.Hosts.HostNumberOfEntries", "4");      // a phone joined
  h.advance(1000);
  EXPECT_EQ(h.cpe->next_session_ms(h.now), h.now);
  cwmp::Inform inform;
  h.session({}, &inform);
  EXPECT_EQ(codes(inform.events), (Events{"4 VALUE CHANGE"}));
  EXPECT_EQ(value_in(inform, "Device.Hosts.HostNumberOfEntries"), "4");
  // Delivered; the same value does not notify again.
  h.advance(1000);
  EXPECT_GT(h.cpe->next_session_ms(h.now), h.now);
}

TEST(CpeNotifyTest, PassiveChangesRideAlongWithTheNextInform) {
  Harness h;
  h.power_on();
  watch(h, "Device.WiFi.", 1);  // a partial path: everything below it
  h.dm->poke("Device.WiFi.Radio.1.Channel", "11");
  h.advance(1000);
  EXPECT_GT(h.cpe->next_session_ms(h.now), h.now);  // no session for a passive change
  h.dm->poke("Device.WiFi.SSID.1.SSID", "Renamed");
  ASSERT_TRUE(h.until_session());  // the periodic inform
  cwmp::Inform inform;
  h.session({}, &inform);
  EXPECT_EQ(codes(inform.events), (Events{"2 PERIODIC", "4 VALUE CHANGE"}));
  EXPECT_EQ(value_in(inform, "Device.WiFi.Radio.1.Channel"), "11");
  EXPECT_EQ(value_in(inform, "Device.WiFi.SSID.1.SSID"), "Renamed");
  EXPECT_EQ(value_in(inform, "Device.WiFi.Radio.1.Enable"), "<absent>");  // unchanged
}

TEST(CpeNotifyTest, TableOfNotificationSettings) {
  struct Case {
    std::string attribute_on;
    int notification;
    std::string changed;
    bool session_now;
    bool in_next_inform;
  };
  const Case cases[] = {
      {"Device.WiFi.SSID.1.SSID", 2, "Device.WiFi.SSID.1.SSID", true, true},
      {"Device.WiFi.SSID.1.SSID", 1, "Device.WiFi.SSID.1.SSID", false, true},
      {"Device.WiFi.SSID.1.SSID", 0, "Device.WiFi.SSID.1.SSID", false, false},
      {"Device.WiFi.SSID.", 2, "Device.WiFi.SSID.1.SSID", true, true},
      {"Device.WiFi.SSID.", 2, "Device.WiFi.Radio.1.Channel", false, false},
      {"", 1, "Device.Hosts.HostNumberOfEntries", false, true},
  };
  for (const auto& c : cases) {
    Harness h;
    h.power_on();
    watch(h, c.attribute_on, c.notification);
    h.advance(1000);
    h.dm->poke(c.changed, "changed-value");
    h.advance(1000);
    EXPECT_EQ(h.cpe->next_session_ms(h.now) == h.now, c.session_now)
        << c.attribute_on << " " << c.changed;
    ASSERT_TRUE(h.until_session());
    const cwmp::Inform inform = h.begin();
    EXPECT_EQ(value_in(inform, c.changed) == "changed-value", c.in_next_inform)
        << c.attribute_on << " " << c.changed;
  }
}

TEST(CpeNotifyTest, ChangesTheAcsMadeAreNotNotified) {
  Harness h;
  h.power_on();
  watch(h, "Device.WiFi.SSID.1.SSID", 2);
  h.session({cwmp::SetParameterValues{
      {{"Device.WiFi.SSID.1.SSID", "ByAcs", cwmp::ValueType::kString}}, "k"}});
  h.advance(1000);
  EXPECT_GT(h.cpe->next_session_ms(h.now), h.now);
}

TEST(CpeNotifyTest, FailedSessionKeepsTheChange) {
  Harness h;
  h.power_on();
  watch(h, "Device.WiFi.SSID.1.SSID", 2);
  h.dm->poke("Device.WiFi.SSID.1.SSID", "A");
  h.advance(1000);
  h.begin();
  h.cpe->session_failed(h.now);
  ASSERT_TRUE(h.until_session());
  const cwmp::Inform inform = h.begin();
  EXPECT_EQ(codes(inform.events), (Events{"4 VALUE CHANGE"}));
  EXPECT_EQ(value_in(inform, "Device.WiFi.SSID.1.SSID"), "A");
}

TEST(CpeNotifyTest, ConnectionRequestUrlChangeIsForcedActive) {
  Harness h;
  h.cpe->set_connection_request_url("http://10.0.0.2:7547/cr");  // before the first boot: none
  h.power_on();
  h.session({});
  h.cpe->set_connection_request_url("http://10.0.0.2:7547/cr");  // unchanged: none
  EXPECT_GT(h.cpe->next_session_ms(h.now), h.now);
  h.cpe->set_connection_request_url("http://10.0.0.3:7547/cr");
  EXPECT_EQ(h.cpe->next_session_ms(h.now), h.now);
  const cwmp::Inform inform = h.begin();
  EXPECT_EQ(codes(inform.events), (Events{"4 VALUE CHANGE"}));
  EXPECT_EQ(value_in(inform, "Device.ManagementServer.ConnectionRequestURL"),
            "http://10.0.0.3:7547/cr");
}

}  // namespace
}  // namespace hearth::sim::cpe::testing
