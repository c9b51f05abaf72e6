// Reboot, FactoryReset, Download, ScheduleInform, diagnostics, connection requests and the
// world's conditions (power cut, crash loop, memory leak) (tr069.md 3.2, 5, 6.1).
#include <gtest/gtest.h>

#include "sim/cpe/cpe_test_util.h"

namespace hearth::sim::cpe::testing {
namespace {

using Events = std::vector<std::string>;

TEST(CpeLifecycleTest, RebootGoesOfflineThenInformsBootAndMReboot) {
  CpeOptions o;
  o.reboot_offline_ms = 30000;
  Harness h(o);
  h.power_on();
  h.begin();
  h.inform_response();
  EXPECT_EQ(cwmp::body_method_name(parse(h.request(cwmp::Reboot{"rb-1"}).body).body),
            std::string("RebootResponse"));
  EXPECT_TRUE(h.cpe->online(h.now));  // not before the session ends
  EXPECT_TRUE(h.end().done);
  const int64_t ended = h.now;
  EXPECT_FALSE(h.cpe->online(h.now));
  EXPECT_FALSE(h.cpe->connection_request(h.now));
  EXPECT_EQ(h.cpe->next_session_ms(h.now), ended + 30000);
  h.advance(29999);
  EXPECT_FALSE(h.cpe->online(h.now));
  ASSERT_TRUE(h.until_session());
  EXPECT_EQ(h.now, ended + 30000);
  EXPECT_EQ(h.dm->boots, 2);
  EXPECT_EQ(codes(h.begin().events), (Events{"1 BOOT", "M Reboot/rb-1"}));
}

TEST(CpeLifecycleTest, FactoryResetComesBackWithBootstrap) {
  Harness h;
  h.power_on();
  h.session({cwmp::SetParameterValues{
                 {{"Device.WiFi.SSID.1.SSID", "Mine", cwmp::ValueType::kString}}, "cfg-1"},
             cwmp::SetParameterAttributes{{{"Device.WiFi.SSID.1.SSID", true, 2, false, {}}}},
             cwmp::FactoryReset{}});
  EXPECT_EQ(h.dm->factory_resets, 1);
  EXPECT_FALSE(h.cpe->online(h.now));
  ASSERT_TRUE(h.until_session());
  cwmp::Inform inform;
  const auto answers =
      h.session({cwmp::GetParameterAttributes{{"Device.WiFi.SSID.1.SSID"}}}, &inform);
  EXPECT_EQ(codes(inform.events), (Events{"0 BOOTSTRAP", "1 BOOT"}));
  for (const auto& p : inform.parameters) {
    if (p.name == "Device.ManagementServer.ParameterKey") {
      EXPECT_EQ(p.value, "");  // forgotten
    }
  }
  EXPECT_EQ(h.dm->value("Device.WiFi.SSID.1.SSID"), "Home-1234");
  EXPECT_EQ(
      body_as<cwmp::GetParameterAttributesResponse>(answers.at(0)).parameters.at(0).notification,
      0);
}

TEST(CpeLifecycleTest, DownloadFetchInstallRebootTransferComplete) {
  CpeOptions o;
  o.download_ms = 5000;
  o.reboot_offline_ms = 30000;
  Harness h(o);
  h.power_on();
  h.session({cwmp::Download{"fw-7", "1 Firmware Upgrade Image",
                            "http://acs:7548/files/HG100-2.1.0.bin", "u", "p", 1000, "", 0}});
  const auto fetch = h.cpe->take_fetch();
  ASSERT_TRUE(fetch.has_value());
  EXPECT_EQ(fetch->url, "http://acs:7548/files/HG100-2.1.0.bin");
  EXPECT_EQ(fetch->username, "u");
  EXPECT_EQ(fetch->password, "p");
  EXPECT_EQ(fetch->command_key, "fw-7");
  EXPECT_FALSE(h.cpe->take_fetch().has_value());  // once
  const int64_t start = h.now;
  h.advance(2000);
  h.cpe->download_finished(true, 1000, h.now);
  const int64_t fetched = h.now;
  EXPECT_EQ(h.cpe->next_session_ms(h.now), fetched + 5000);  // installing
  h.at(fetched + 5000);
  EXPECT_FALSE(h.cpe->online(h.now));
  EXPECT_EQ(h.dm->software_version(), "2.1.0");
  ASSERT_TRUE(h.until_session());
  const int64_t booted = h.now;
  EXPECT_EQ(booted, fetched + 5000 + 30000);

  const cwmp::Inform inform = h.begin();
  EXPECT_EQ(codes(inform.events),
            (Events{"1 BOOT", "4 VALUE CHANGE", "7 TRANSFER COMPLETE", "M Download/fw-7"}));
  for (const auto& p : inform.parameters) {
    if (p.name == "Device.DeviceInfo.SoftwareVersion") {
      EXPECT_EQ(p.value, "2.1.0");
    }
  }
  const Cpe::Next n = h.inform_response();
  const auto tc = body_as<cwmp::TransferComplete>(n.body);
  EXPECT_EQ(tc.command_key, "fw-7");
  EXPECT_EQ(tc.fault.code, 0u);
  EXPECT_EQ(tc.start_time, format_iso8601(from_unix_ms(start)));
  EXPECT_EQ(tc.complete_time, format_iso8601(from_unix_ms(booted)));
  EXPECT_TRUE(h.cpe->on_response(200, acs(cwmp::TransferCompleteResponse{}), h.now).body.empty());
  EXPECT_TRUE(h.end().done);
  // Acknowledged: no further TransferComplete.
  ASSERT_TRUE(h.until_session());
  EXPECT_EQ(codes(h.begin().events), (Events{"2 PERIODIC"}));
}

TEST(CpeLifecycleTest, DownloadWaitsForDelaySeconds) {
  Harness h;
  h.power_on();
  h.session({cwmp::Download{"fw", "1 Firmware Upgrade Image", "http://acs/fw-2.bin", "", "", 0, "",
                            120}});
  EXPECT_FALSE(h.cpe->take_fetch().has_value());
  const int64_t ready = h.cpe->next_session_ms(h.now);
  EXPECT_GE(ready, h.now + 119000);
  EXPECT_LE(ready, h.now + 120000);
  h.at(ready);
  EXPECT_TRUE(h.cpe->take_fetch().has_value());
}

TEST(CpeLifecycleTest, DownloadFaultsReachTheAcs) {
  struct Case {
    bool ok;
    uint64_t size;
    uint32_t given;
    uint32_t expected;
  };
  const Case cases[] = {
      {false, 0, 0, 9010}, {false, 0, 9016, 9016}, {false, 0, 9012, 9012}, {true, 999, 0, 9018}};
  for (const auto& c : cases) {
    Harness h;
    h.power_on();
    h.session({cwmp::Download{"fw", "1 Firmware Upgrade Image", "http://acs/fw-2.bin", "", "", 1000,
                              "", 0}});
    ASSERT_TRUE(h.cpe->take_fetch().has_value());
    h.cpe->download_finished(c.ok, c.size, h.now, c.given);
    ASSERT_TRUE(h.until_session());
    EXPECT_TRUE(h.cpe->online(h.now));  // no reboot for a failed download
    const cwmp::Inform inform = h.begin();
    EXPECT_EQ(codes(inform.events), (Events{"7 TRANSFER COMPLETE", "M Download/fw"}));
    const auto tc = body_as<cwmp::TransferComplete>(h.inform_response().body);
    EXPECT_EQ(tc.fault.code, c.expected);
    EXPECT_FALSE(tc.fault.string.empty());
    EXPECT_EQ(h.dm->software_version(), "1.0.0");
  }
}

TEST(CpeLifecycleTest, PowerCutDuringDownloadReportsItAfterBoot) {
  Harness h;
  h.power_on();
  h.session({cwmp::Download{"fw", "1 Firmware Upgrade Image", "http://acs/fw-2.bin"}});
  ASSERT_TRUE(h.cpe->take_fetch().has_value());
  h.home.cond.powered_off = true;
  h.advance(1000);
  h.cpe->download_finished(true, 10, h.now);  // too late: ignored
  h.home.cond.powered_off = false;
  h.advance(1000);
  ASSERT_TRUE(h.until_session());
  EXPECT_EQ(codes(h.begin().events), (Events{"1 BOOT", "7 TRANSFER COMPLETE", "M Download/fw"}));
  EXPECT_EQ(body_as<cwmp::TransferComplete>(h.inform_response().body).fault.code, 9017u);
}

TEST(CpeLifecycleTest, ScheduleInformComesBackWithScheduledAndCommandKey) {
  Harness h;
  h.power_on();
  h.session({cwmp::ScheduleInform{90, "si-1"}});
  const int64_t asked = h.now;
  ASSERT_TRUE(h.until_session());
  EXPECT_EQ(h.now, asked + 90000);
  EXPECT_EQ(codes(h.begin().events), (Events{"3 SCHEDULED", "M ScheduleInform/si-1"}));
}

TEST(CpeLifecycleTest, DiagnosticsCompleteAfterItsDuration) {
  Harness h;
  h.power_on();
  const auto answers = h.session({cwmp::SetParameterValues{
      {{"Device.IP.Diagnostics.IPPing.Host", "8.8.8.8", cwmp::ValueType::kString},
       {"Device.IP.Diagnostics.IPPing.DiagnosticsState", "Requested", cwmp::ValueType::kString}},
      "diag"}});
  EXPECT_EQ(body_as<cwmp::SetParameterValuesResponse>(answers.at(0)).status, 0);
  const int64_t ended = h.now;
  EXPECT_TRUE(h.dm->completed.empty());  // starts after the session
  ASSERT_TRUE(h.until_session());
  EXPECT_EQ(h.now, ended + 5000);  // the data model's duration
  ASSERT_EQ(h.dm->completed.size(), 1u);
  EXPECT_EQ(h.dm->completed[0], DiagnosticKind::kIpPing);
  const auto answers2 =
      h.session({cwmp::GetParameterValues{{"Device.IP.Diagnostics.IPPing.DiagnosticsState"}}});
  EXPECT_EQ(body_as<cwmp::GetParameterValuesResponse>(answers2.at(0)).parameters.at(0).value,
            "Complete");
}

TEST(CpeLifecycleTest, DiagnosticsCompleteEventInTheInform) {
  Harness h;
  h.power_on();
  h.session({cwmp::SetParameterValues{
      {{"Device.IP.Diagnostics.IPPing.DiagnosticsState", "Requested", cwmp::ValueType::kString}},
      "d"}});
  ASSERT_TRUE(h.until_session());
  EXPECT_EQ(codes(h.begin().events), (Events{"8 DIAGNOSTICS COMPLETE"}));
}

TEST(CpeLifecycleTest, ConnectionRequestStartsASession) {
  Harness h;
  h.power_on();
  h.session({});
  h.advance(10000);
  EXPECT_GT(h.cpe->next_session_ms(h.now), h.now);
  EXPECT_TRUE(h.cpe->connection_request(h.now));
  EXPECT_EQ(h.cpe->next_session_ms(h.now), h.now);
  EXPECT_EQ(codes(h.begin().events), (Events{"6 CONNECTION REQUEST"}));
}

TEST(CpeLifecycleTest, ConnectionRequestsAreCoalescedAndRateLimited) {
  CpeOptions o;
  o.connection_requests_per_minute = 3;
  Harness h(o);
  h.power_on();
  h.session({});
  // Three accepted in a burst, one session for all of them.
  EXPECT_TRUE(h.cpe->connection_request(h.now));
  EXPECT_TRUE(h.cpe->connection_request(h.now));
  EXPECT_TRUE(h.cpe->connection_request(h.now));
  EXPECT_FALSE(h.cpe->connection_request(h.now));  // rate-limited (engine answers 503)
  EXPECT_EQ(h.cpe->stats().connection_requests, 3u);
  EXPECT_EQ(h.cpe->stats().connection_requests_refused, 1u);
  cwmp::Inform inform;
  h.session({}, &inform);
  EXPECT_EQ(codes(inform.events), (Events{"6 CONNECTION REQUEST"}));
  // 20 s later one token is back.
  h.advance(20000);
  EXPECT_TRUE(h.cpe->connection_request(h.now));
  EXPECT_FALSE(h.cpe->connection_request(h.now));
}

TEST(CpeLifecycleTest, ConnectionRequestDuringASessionGetsTheNextOne) {
  Harness h;
  h.power_on();
  h.begin();
  h.inform_response();
  EXPECT_TRUE(h.cpe->connection_request(h.now));
  EXPECT_TRUE(h.cpe->connection_request(h.now + 10));  // coalesced
  EXPECT_TRUE(h.end().done);
  EXPECT_EQ(h.cpe->next_session_ms(h.now), h.now);
  EXPECT_EQ(codes(h.begin().events), (Events{"6 CONNECTION REQUEST"}));
}

TEST(CpeLifecycleTest, ConnectionRequestIsNeverRetriedButCutsTheBackOffShort) {
  Harness h;
  h.power_on();
  h.session({});
  h.advance(1000);
  ASSERT_TRUE(h.cpe->connection_request(h.now));
  h.begin();
  h.cpe->session_failed(h.now);
  EXPECT_GT(h.cpe->next_session_ms(h.now), h.now + 200000);  // nothing left to retry: periodic
  ASSERT_TRUE(h.cpe->connection_request(h.now + 1000));
  EXPECT_EQ(h.cpe->next_session_ms(h.now + 1000), h.now + 1000);  // no back-off wait
  h.at(h.now + 1000);
  const cwmp::Inform inform = h.begin();
  EXPECT_EQ(codes(inform.events), (Events{"6 CONNECTION REQUEST"}));
  EXPECT_EQ(inform.retry_count, 1u);
}

TEST(CpeLifecycleTest, ConnectionRequestRefusedWhileOffline) {
  Harness h;
  h.at(kStart);
  EXPECT_FALSE(h.cpe->connection_request(h.now));  // booting
  ASSERT_TRUE(h.until_session());
  h.home.cond.powered_off = true;
  EXPECT_FALSE(h.cpe->connection_request(h.now));
  h.home.cond.powered_off = false;
  h.home.cond.wan_down = true;
  EXPECT_FALSE(h.cpe->connection_request(h.now));
}

TEST(CpeLifecycleTest, PowerCutBreaksTheSessionAndKeepsBootstrap) {
  Harness h;
  h.power_on();
  h.begin();
  h.home.cond.powered_off = true;
  h.advance(500);
  EXPECT_FALSE(h.cpe->in_session());
  const Cpe::Next n = h.inform_response();  // the engine's late answer
  EXPECT_TRUE(n.done);
  EXPECT_TRUE(n.failed);
  EXPECT_EQ(h.cpe->next_session_ms(h.now), kNever);
  h.advance(3600 * 1000);
  EXPECT_EQ(h.cpe->next_session_ms(h.now), kNever);
  h.home.cond.powered_off = false;
  h.advance(1000);
  ASSERT_TRUE(h.until_session());
  EXPECT_EQ(codes(h.begin().events), (Events{"0 BOOTSTRAP", "1 BOOT"}));
  EXPECT_EQ(h.dm->boots, 2);
}

TEST(CpeLifecycleTest, CrashLoopRebootsEveryFewMinutesWithoutMReboot) {
  CpeOptions o;
  o.reboot_offline_ms = 30000;
  Harness h(o);
  h.dm->poke("Device.ManagementServer.PeriodicInformEnable", "false");
  h.power_on();
  h.session({});
  h.home.cond.crash_loop = true;
  int64_t last_boot = h.now;
  for (int i = 0; i < 5; ++i) {
    ASSERT_TRUE(h.until_session(3600 * 1000));
    const int64_t up = h.now - 30000 - last_boot;  // uptime before the crash
    EXPECT_GE(up, o.crash_loop_min_ms) << i;
    EXPECT_LE(up, o.crash_loop_max_ms + 1000) << i;
    last_boot = h.now;
    cwmp::Inform inform;
    h.session({}, &inform);
    EXPECT_EQ(codes(inform.events), (Events{"1 BOOT"}));
  }
  EXPECT_EQ(h.dm->boots, 6);
  h.home.cond.crash_loop = false;
  h.cpe->tick(h.now);
  EXPECT_FALSE(h.until_session(3600 * 1000));
}

TEST(CpeLifecycleTest, LateTickCatchesUpInOrder) {
  CpeOptions o;
  o.reboot_offline_ms = 30000;
  Harness h(o);
  h.power_on();
  h.session({});
  h.home.cond.crash_loop = true;
  h.cpe->tick(h.now);
  h.at(h.now + 3600 * 1000);  // one tick an hour later: every crash and boot in between
  EXPECT_GE(h.dm->boots, 1 + 3600 / 390);
  EXPECT_LE(h.dm->boots, 1 + 3600 / 150 + 1);
}

TEST(CpeLifecycleTest, MemoryLeakRebootsAfterEnoughUptimeOrWhenMemoryRunsOut) {
  CpeOptions o;
  o.memory_leak_reboot_ms = 6 * 3600 * 1000;
  Harness h(o);
  h.dm->poke("Device.ManagementServer.PeriodicInformEnable", "false");
  h.power_on();
  h.session({});
  h.home.cond.memory_leak = true;
  h.cpe->tick(h.now);
  const int64_t since = h.now;
  EXPECT_EQ(h.cpe->next_session_ms(h.now), since + 6 * 3600 * 1000);
  ASSERT_TRUE(h.until_session(7 * 3600 * 1000));
  EXPECT_EQ(h.now, since + 6 * 3600 * 1000 + o.reboot_offline_ms);
  EXPECT_EQ(codes(h.begin().events), (Events{"1 BOOT"}));
  h.inform_response();
  h.end();
  // Free memory nearly gone: reboots at the next tick.
  h.dm->poke("Device.DeviceInfo.MemoryStatus.Free", "1000");
  h.advance(1000);
  EXPECT_FALSE(h.cpe->online(h.now));
}

}  // namespace
}  // namespace hearth::sim::cpe::testing
