// Boot events, the Inform, the session flow, periodic informs with jitter, retry back-off and
// what a failed session keeps (tr069.md 1.2-1.9, 5).
#include <gtest/gtest.h>

#include <optional>
#include <set>

#include "sim/cpe/cpe_test_util.h"
#include "sim/cpe/retry.h"

namespace hearth::sim::cpe::testing {
namespace {

using Events = std::vector<std::string>;

TEST(CpeSessionTest, FirstStartInformsBootstrapAndBoot) {
  CpeOptions o;
  o.power_on_boot_ms = 40000;
  Harness h(o);
  h.at(kStart);
  EXPECT_FALSE(h.cpe->online(h.now));
  EXPECT_GE(h.cpe->next_session_ms(h.now), kStart + 20000);  // booting: [0.5, 1.5] x 40 s
  EXPECT_LE(h.cpe->next_session_ms(h.now), kStart + 60000);
  ASSERT_TRUE(h.until_session());
  EXPECT_TRUE(h.cpe->online(h.now));
  EXPECT_EQ(h.dm->boots, 1);

  const cwmp::Inform inform = h.begin();
  EXPECT_EQ(codes(inform.events), (Events{"0 BOOTSTRAP", "1 BOOT"}));
  EXPECT_EQ(inform.device_id.oui, "00AABB");
  EXPECT_EQ(inform.device_id.serial_number, "ACME0001");
  EXPECT_EQ(inform.max_envelopes, 1u);
  EXPECT_EQ(inform.retry_count, 0u);
  int64_t t = 0;
  ASSERT_TRUE(parse_iso8601_ms(inform.current_time, &t));
  EXPECT_EQ(t / 1000, h.now / 1000);
  std::vector<std::string> names;
  for (const auto& p : inform.parameters) names.push_back(p.name);
  EXPECT_EQ(names, (std::vector<std::string>{
                       "Device.RootDataModelVersion", "Device.DeviceInfo.HardwareVersion",
                       "Device.DeviceInfo.SoftwareVersion", "Device.DeviceInfo.ProvisioningCode",
                       "Device.ManagementServer.ConnectionRequestURL",
                       "Device.ManagementServer.ParameterKey"}));
  EXPECT_EQ(h.cpe->stats().informs, 1u);
}

TEST(CpeSessionTest, HappyPathInformEmptyPost204) {
  Harness h;
  h.power_on();
  const std::string xml = h.cpe->begin_session(h.now);
  const cwmp::Envelope env = parse(xml);
  EXPECT_EQ(env.cwmp_ns, "urn:dslforum-org:cwmp-1-0");  // the model's namespace
  ASSERT_TRUE(env.header.id.has_value());
  EXPECT_TRUE(h.cpe->in_session());
  EXPECT_EQ(h.cpe->next_session_ms(h.now), kNever);

  Cpe::Next n = h.inform_response();
  EXPECT_FALSE(n.done);
  EXPECT_TRUE(n.body.empty());  // empty POST: nothing to ask
  n = h.end();
  EXPECT_TRUE(n.done);
  EXPECT_FALSE(n.failed);
  EXPECT_FALSE(h.cpe->in_session());
  EXPECT_EQ(h.cpe->stats().sessions, 1u);
  // Delivered: nothing more wanted before the periodic inform.
  EXPECT_GT(h.cpe->next_session_ms(h.now), h.now + 200000);
}

TEST(CpeSessionTest, LaterBootsInformBootWithoutBootstrap) {
  Harness h;
  h.power_on();
  h.session({});
  h.home.cond.powered_off = true;
  h.advance(1000);
  EXPECT_FALSE(h.cpe->online(h.now));
  EXPECT_EQ(h.cpe->next_session_ms(h.now), kNever);
  h.home.cond.powered_off = false;
  h.advance(60000);
  ASSERT_TRUE(h.until_session());
  EXPECT_EQ(codes(h.begin().events), (Events{"1 BOOT"}));
  EXPECT_EQ(h.dm->boots, 2);
}

// Periodic informs every PeriodicInformInterval, each within +- jitter of a fixed grid.
TEST(CpeSessionTest, PeriodicInformsWithinJitterOfTheGrid) {
  struct Case {
    uint32_t interval_s;
    uint32_t jitter_s;
    uint64_t seed;
  };
  const Case cases[] = {{300, 30, 1}, {300, 30, 2}, {3600, 120, 3}, {60, 60, 4}, {86400, 0, 5}};
  for (const auto& c : cases) {
    CpeOptions o;
    o.inform_jitter_s = c.jitter_s;
    Harness h(o, c.seed);
    h.dm->poke("Device.ManagementServer.PeriodicInformInterval", std::to_string(c.interval_s));
    h.power_on();
    const int64_t boot = h.now;
    h.session({});
    const int64_t interval = int64_t{c.interval_s} * 1000;
    const int64_t jitter = std::min<int64_t>(int64_t{c.jitter_s} * 1000, interval / 2);
    std::set<int64_t> offsets;
    for (int k = 1; k <= 8; ++k) {
      ASSERT_TRUE(h.until_session(2 * interval)) << c.interval_s;
      const int64_t grid = boot + k * interval;
      EXPECT_GE(h.now, grid - jitter) << "interval " << c.interval_s << " k " << k;
      EXPECT_LE(h.now, grid + jitter) << "interval " << c.interval_s << " k " << k;
      offsets.insert(h.now - grid);
      cwmp::Inform inform;
      h.session({}, &inform);
      EXPECT_EQ(codes(inform.events), (Events{"2 PERIODIC"}));
    }
    if (jitter > 1000) {
      EXPECT_GT(offsets.size(), 4u);  // the jitter is drawn per inform
    }
  }
}

TEST(CpeSessionTest, PeriodicDisabledMeansNoPeriodicInform) {
  Harness h;
  h.dm->poke("Device.ManagementServer.PeriodicInformEnable", "false");
  h.power_on();
  h.session({});
  EXPECT_EQ(h.cpe->next_session_ms(h.now), kNever);
}

TEST(CpeSessionTest, RetryBackOffFollowsTheTableAndCountsInTheInform) {
  Harness h(CpeOptions{}, 11);
  h.dm->poke("Device.ManagementServer.PeriodicInformEnable", "false");  // only retries here
  h.power_on();
  for (uint32_t n = 1; n <= 11; ++n) {
    const cwmp::Inform inform = h.begin();
    EXPECT_EQ(inform.retry_count, n - 1);
    EXPECT_EQ(codes(inform.events), (Events{"0 BOOTSTRAP", "1 BOOT"})) << "attempt " << n;
    const int64_t failed_at = h.now;
    h.cpe->session_failed(h.now);
    EXPECT_EQ(h.cpe->retry_count(), n);
    const int64_t next = h.cpe->next_session_ms(h.now);
    const WaitRange r = retry_wait_range(n, RetryPolicy{});
    EXPECT_GE(next - failed_at, r.min_ms) << "retry " << n;
    EXPECT_LE(next - failed_at, r.max_ms) << "retry " << n;
    h.at(next);
    ASSERT_EQ(h.cpe->next_session_ms(h.now), h.now);
  }
  // Success resets the count.
  h.session({});
  EXPECT_EQ(h.cpe->retry_count(), 0u);
  EXPECT_EQ(h.cpe->stats().failed_sessions, 11u);
}

TEST(CpeSessionTest, RetryUsesTheDeviceRetryParameters) {
  Harness h;
  h.dm->poke("Device.ManagementServer.CWMPRetryMinimumWaitInterval", "10");
  h.dm->poke("Device.ManagementServer.CWMPRetryIntervalMultiplier", "2500");
  h.dm->poke("Device.ManagementServer.PeriodicInformEnable", "false");
  h.power_on();
  for (uint32_t n = 1; n <= 3; ++n) {
    h.begin();
    h.cpe->session_failed(h.now);
    const int64_t wait = h.cpe->next_session_ms(h.now) - h.now;
    const WaitRange r = retry_wait_range(n, RetryPolicy{10, 2500});
    EXPECT_GE(wait, r.min_ms);
    EXPECT_LE(wait, r.max_ms);
    h.at(h.now + wait);
  }
}

struct FailureCase {
  const char* what;
  int status;
  std::string body;
};

TEST(CpeSessionTest, FailuresKeepTheEventsForTheRetry) {
  const FailureCase cases[] = {
      {"HTTP 500", 500, ""},
      {"HTTP 404", 404, ""},
      {"fault on Inform", 200,
       acs(cwmp::Fault{"Server", "CWMP fault", 8002, "Internal error", {}})},
      {"malformed XML", 200, "<soap-env:Envelope"},
      {"204 to the Inform", 204, ""},
      {"a request instead of InformResponse", 200, acs(cwmp::GetRPCMethods{})},
  };
  for (const auto& c : cases) {
    Harness h;
    h.power_on();
    h.begin();
    const Cpe::Next n = h.cpe->on_response(c.status, c.body, h.now);
    EXPECT_TRUE(n.done) << c.what;
    EXPECT_TRUE(n.failed) << c.what;
    EXPECT_FALSE(h.cpe->in_session());
    EXPECT_EQ(h.cpe->retry_count(), 1u) << c.what;
    ASSERT_TRUE(h.until_session());
    const cwmp::Inform again = h.begin();
    EXPECT_EQ(codes(again.events), (Events{"0 BOOTSTRAP", "1 BOOT"}))
        << c.what;  // BOOTSTRAP not lost
    EXPECT_EQ(again.retry_count, 1u);
  }
}

TEST(CpeSessionTest, EventsAreAcknowledgedByTheInformResponseOnly) {
  Harness h;
  h.power_on();
  h.begin();
  h.inform_response();
  h.cpe->session_failed(h.now);  // broke after the InformResponse: delivered
  ASSERT_TRUE(h.until_session(3600 * 1000));
  cwmp::Inform inform = h.begin();
  EXPECT_EQ(codes(inform.events), (Events{"2 PERIODIC"}));
  EXPECT_EQ(inform.retry_count, 1u);
}

TEST(CpeSessionTest, NewEventsDuringAFailedSessionJoinTheRetry) {
  Harness h;
  h.dm->poke("Device.ManagementServer.PeriodicInformInterval", "60");
  h.power_on();
  h.begin();
  h.advance(90000);  // the periodic inform comes due while the session hangs
  h.cpe->session_failed(h.now);
  ASSERT_TRUE(h.until_session());
  EXPECT_EQ(codes(h.begin().events), (Events{"0 BOOTSTRAP", "1 BOOT", "2 PERIODIC"}));
}

TEST(CpeSessionTest, BeginSessionRefusedWhileOfflineOrInSession) {
  Harness h;
  h.at(kStart);
  EXPECT_EQ(h.cpe->begin_session(h.now), "");  // still booting
  ASSERT_TRUE(h.until_session());
  EXPECT_NE(h.cpe->begin_session(h.now), "");
  EXPECT_EQ(h.cpe->begin_session(h.now), "");  // one session at a time
  // Answers after the session ended are failures without effect.
  h.cpe->session_failed(h.now);
  const Cpe::Next n = h.cpe->on_response(204, "", h.now);
  EXPECT_TRUE(n.done);
  EXPECT_TRUE(n.failed);
  EXPECT_EQ(h.cpe->retry_count(), 1u);
}

TEST(CpeSessionTest, WanDownFailsWithoutTrafficAndBacksOff) {
  Harness h;
  h.dm->poke("Device.ManagementServer.PeriodicInformEnable", "false");  // only retries here
  h.power_on();
  h.home.cond.wan_down = true;
  h.cpe->tick(h.now);
  EXPECT_EQ(h.cpe->retry_count(), 1u);
  EXPECT_FALSE(h.cpe->in_session());
  int64_t last = h.now;
  for (uint32_t n = 2; n <= 6; ++n) {
    const int64_t next = h.cpe->next_session_ms(h.now);
    const WaitRange r = retry_wait_range(n - 1, RetryPolicy{});
    EXPECT_GE(next - last, r.min_ms);
    EXPECT_LE(next - last, r.max_ms);
    h.at(next);
    EXPECT_EQ(h.cpe->retry_count(), n);
    last = h.now;
  }
  EXPECT_EQ(h.cpe->stats().informs, 0u);
  h.home.cond.wan_down = false;
  ASSERT_TRUE(h.until_session());
  const cwmp::Inform inform = h.begin();
  EXPECT_EQ(inform.retry_count, 6u);
  EXPECT_EQ(codes(inform.events), (Events{"0 BOOTSTRAP", "1 BOOT"}));
}

TEST(CpeSessionTest, LineDownDuringASessionFailsIt) {
  Harness h;
  h.power_on();
  h.begin();
  h.home.cond.wan_down = true;
  h.advance(100);
  EXPECT_FALSE(h.cpe->in_session());
  const Cpe::Next n = h.inform_response();  // whatever the engine still delivers
  EXPECT_TRUE(n.done);
  EXPECT_TRUE(n.failed);
  EXPECT_EQ(h.cpe->retry_count(), 1u);
  // An engine that asks anyway gets nothing to send, and the attempt counts.
  h.now = h.cpe->next_session_ms(h.now);  // no tick: the engine skipped it
  EXPECT_EQ(h.cpe->begin_session(h.now), "");
  EXPECT_EQ(h.cpe->retry_count(), 2u);
}

TEST(CpeSessionTest, UnreachableBehavesLikeWanDown) {
  Harness h;
  h.power_on();
  h.home.cond.unreachable = true;
  h.cpe->tick(h.now);
  EXPECT_EQ(h.cpe->retry_count(), 1u);
  EXPECT_FALSE(h.cpe->connection_request(h.now));
  h.home.cond.unreachable = false;
  ASSERT_TRUE(h.until_session());
  EXPECT_EQ(h.begin().retry_count, 1u);
}

TEST(CpeSessionTest, TransferCompleteFault8005IsRetriedOtherFaultsKeepIt) {
  Harness h;
  h.power_on();
  h.session({cwmp::Download{"fw-1", "1 Firmware Upgrade Image", "http://acs/f/fw-2.0.0.bin"}});
  ASSERT_TRUE(h.cpe->take_fetch().has_value());
  h.cpe->download_finished(false, 0, h.now, 9016);
  ASSERT_TRUE(h.until_session());
  h.begin();
  Cpe::Next n = h.inform_response();
  ASSERT_FALSE(n.body.empty());
  const auto tc = body_as<cwmp::TransferComplete>(n.body);
  EXPECT_EQ(tc.fault.code, 9016u);
  n = h.request(cwmp::Fault{"Server", "CWMP fault", 8005, "Retry request", {}});
  EXPECT_EQ(body_as<cwmp::TransferComplete>(n.body).command_key, "fw-1");  // sent again
  n = h.request(cwmp::Fault{"Server", "CWMP fault", 8002, "Internal error", {}});
  EXPECT_TRUE(n.body.empty());  // gives up for this session: empty POST
  EXPECT_TRUE(h.end().done);
  ASSERT_TRUE(h.until_session());  // and announces it again
  cwmp::Inform inform = h.begin();
  EXPECT_EQ(codes(inform.events), (Events{"7 TRANSFER COMPLETE", "M Download/fw-1"}));
}

TEST(CpeSessionTest, HoldRequestsDefersTheTransferComplete) {
  Harness h;
  h.power_on();
  h.session({cwmp::Download{"fw-1", "1 Firmware Upgrade Image", "http://acs/f/fw-2.0.0.bin"}});
  ASSERT_TRUE(h.cpe->take_fetch().has_value());
  h.cpe->download_finished(false, 0, h.now, 9015);
  ASSERT_TRUE(h.until_session());
  h.begin();
  cwmp::Envelope env;
  env.header.id = "1";
  env.header.hold_requests = true;
  env.cwmp_ns = h.model.cwmp_ns;
  env.body = cwmp::InformResponse{1};
  const Cpe::Next n = h.cpe->on_response(200, cwmp::write_envelope(env), h.now);
  EXPECT_FALSE(n.done);
  EXPECT_TRUE(n.body.empty());
}

TEST(CpeSessionTest, InformHeaderFollowsTheModelsProtocolLevel) {
  struct Case {
    std::string version;
    std::optional<uint32_t> session_timeout;
    std::optional<std::string> supported;
  };
  const Case cases[] = {{"1.0", std::nullopt, std::nullopt},
                        {"1.2", std::nullopt, std::nullopt},
                        {"1.3", 30u, std::nullopt},
                        {"1.4", 30u, "1.0,1.1,1.2,1.3,1.4"}};
  for (const auto& c : cases) {
    ModelInfo m = test_model();
    m.cwmp_version = c.version;
    Harness h(CpeOptions{}, 1, m);
    h.power_on();
    const cwmp::Envelope env = parse(h.cpe->begin_session(h.now));
    EXPECT_EQ(env.header.session_timeout, c.session_timeout) << c.version;
    EXPECT_EQ(env.header.supported_cwmp_versions, c.supported) << c.version;
  }
}

}  // namespace
}  // namespace hearth::sim::cpe::testing
