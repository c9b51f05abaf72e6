#include "server/config.h"

#include <gtest/gtest.h>

namespace hearth::server {
namespace {

TEST(ConfigTest, ReadsEveryTable) {
  ServerConfig c;
  ASSERT_TRUE(load_config_text(R"(
[cwmp]
listen = "127.0.0.1:0"
public_url = "http://acs.example.net:7547"
session_timeout_seconds = 45
[http]
listen = "127.0.0.1:0"
metrics_public = true
[store]
url = "sqlite:/tmp/x.db"
[auth]
unknown_devices = "bootstrap-secret"
bootstrap_username = "isp"
bootstrap_password = "s3cret"
[log]
format = "json"
level = "debug"
[tasks]
download_timeout_seconds = 600
[diagnosis]
telemetry_interval_seconds = 240
telemetry_quiet_interval_seconds = 7200
telemetry_full_every = 6
[[quirks]]
oui = "00D09E"
boolean_literal = false
gpv_batch_size = 8
)", &c).ok());
  EXPECT_EQ(c.cwmp_listen, "127.0.0.1:0");
  EXPECT_EQ(c.cwmp_public_url, "http://acs.example.net:7547");
  EXPECT_EQ(c.acs.session_timeout_ms, 45000);
  EXPECT_TRUE(c.metrics_public);
  EXPECT_EQ(c.store, "sqlite:/tmp/x.db");
  EXPECT_EQ(c.acs.unknown_device_policy, acs::UnknownDevicePolicy::kBootstrapSecret);
  EXPECT_EQ(c.log_format, LogFormat::kJson);
  EXPECT_EQ(c.acs.download_timeout_ms, 600000);
  ASSERT_EQ(c.acs.quirks.size(), 1u);
  EXPECT_FALSE(c.acs.quirks[0].quirks.boolean_literal);
  EXPECT_EQ(c.acs.quirks[0].quirks.gpv_batch_size, 8u);
  EXPECT_EQ(c.diagnosis.telemetry_interval_ms, 240'000);
  EXPECT_EQ(c.diagnosis.telemetry_quiet_interval_ms, 7'200'000);
  EXPECT_EQ(c.diagnosis.telemetry_full_every, 6u);
}

TEST(ConfigTest, ReadsIncidentSettings) {
  ServerConfig c;
  Status st = load_config_text(R"(
[incidents]
enabled = true
min_homes = 8
min_share = 0.3
window_seconds = 600
inform_grace_seconds = 20
sentinel_interval_seconds = 0
confirm_after_seconds = 120
region_min_nodes = 4
restart_grace_seconds = 300
degraded_window_seconds = 3600
degraded_confirm_after_seconds = 300
tick_seconds = 1
[incidents.webhooks]
first_retry_seconds = 2
max_retry_seconds = 60
max_attempts = 5
timeout_seconds = 3
)", &c);
  ASSERT_TRUE(st.ok()) << st.error().message;
  const auto& d = c.incidents.detection;
  EXPECT_EQ(d.min_homes, 8u);
  EXPECT_DOUBLE_EQ(d.min_share, 0.3);
  EXPECT_EQ(d.window_ms, 600'000);
  EXPECT_EQ(d.inform_grace_ms, 20'000);
  EXPECT_EQ(d.sentinel_interval_ms, 0);
  EXPECT_EQ(d.confirm_after_ms, 120'000);
  EXPECT_EQ(d.region_min_nodes, 4u);
  EXPECT_EQ(d.restart_grace_ms, 300'000);
  EXPECT_EQ(d.degraded_window_ms, 3'600'000);
  EXPECT_EQ(d.degraded_confirm_after_ms, 300'000);
  EXPECT_EQ(c.incidents.tick_ms, 1000);
  EXPECT_EQ(c.incidents.webhooks.first_retry_ms, 2000);
  EXPECT_EQ(c.incidents.webhooks.max_retry_ms, 60'000);
  EXPECT_EQ(c.incidents.webhooks.max_attempts, 5u);
  EXPECT_EQ(c.incidents.webhooks.timeout.count(), 3000);
}

TEST(ConfigTest, KeepsTheDegradedDefaultsWhenNotGiven) {
  ServerConfig c;
  Status st = load_config_text("[incidents]\nenabled = true\n", &c);
  ASSERT_TRUE(st.ok()) << st.error().message;
  const outage::OutageOptions defaults;
  EXPECT_EQ(c.incidents.detection.degraded_window_ms, defaults.degraded_window_ms);
  EXPECT_EQ(c.incidents.detection.degraded_confirm_after_ms, defaults.degraded_confirm_after_ms);
}

TEST(ConfigTest, ReadsSelfServiceSettings) {
  ServerConfig c;
  EXPECT_EQ(c.notifier, "log");
  EXPECT_TRUE(c.portal.secure_cookies);
  Status st = load_config_text(R"(
[http]
web_root = "/srv/hearth/web"
[selfservice]
session_ttl_minutes = 120
idle_minutes = 15
reset_ttl_minutes = 20
secure_cookies = false
public_url = "http://127.0.0.1:8080"
login_attempts_per_minute = 5
notifier = "none"
)", &c);
  ASSERT_TRUE(st.ok()) << st.error().message;
  EXPECT_EQ(c.web_root, "/srv/hearth/web");
  EXPECT_EQ(c.portal.session_ttl_ms, 120 * 60'000);
  EXPECT_EQ(c.portal.idle_ttl_ms, 15 * 60'000);
  EXPECT_EQ(c.portal.reset_ttl_ms, 20 * 60'000);
  EXPECT_FALSE(c.portal.secure_cookies);
  EXPECT_EQ(c.portal.public_url, "http://127.0.0.1:8080");
  EXPECT_EQ(c.portal.login_attempts_per_minute, 5u);
  EXPECT_EQ(c.notifier, "none");
}

TEST(ConfigTest, RejectsMistakesWithAClearMessage) {
  const char* cases[] = {
      "[cwmp]\nlisten = 7547\n",            // wrong type
      "[cwmp]\nlisten_addr = \"x\"\n",      // unknown key
      "[nope]\n",                           // unknown table
      "[auth]\nunknown_devices = \"maybe\"\n",
      "[log]\nformat = \"xml\"\n",
      "not toml at all [",
      "[[quirks]]\ngpv_batch_size = 0\n",
      "[diagnosis]\ntelemetry_full_every = 0\n",
      "[diagnosis]\ntelemetry_quiet_interval_seconds = -1\n",
      "[incidents]\nmin_homes = 0\n",
      "[incidents]\nmin_share = 1.5\n",
      "[incidents]\nthreshold = 3\n",
      "[incidents]\nwebhooks = 3\n",
      "[incidents]\ndegraded_window_seconds = 0\n",
      "[incidents]\ndegraded_window_seconds = -60\n",
      "[incidents]\ndegraded_window_seconds = \"1h\"\n",
      "[incidents]\ndegraded_confirm_after_seconds = -1\n",
      "[incidents]\ndegraded_confirm_after_seconds = 1.5\n",
      // Confirmation must come before the window drops the suspicion.
      "[incidents]\ndegraded_window_seconds = 600\ndegraded_confirm_after_seconds = 600\n",
      "[incidents]\ndegraded_confirm_after_seconds = 7200\n",
      "[incidents.webhooks]\nretries = 3\n",
      "[selfservice]\nnotifier = \"email\"\n",
      "[selfservice]\nidle_minutes = 0\n",
      "[selfservice]\nsession_ttl_minutes = -5\n",
      "[selfservice]\npublic_url = \"portal.example.net\"\n",
      "[selfservice]\nsecure_cookies = \"no\"\n",
      "[selfservice]\ncookie_name = \"x\"\n",
  };
  for (const char* text : cases) {
    ServerConfig c;
    Status st = load_config_text(text, &c);
    EXPECT_FALSE(st.ok()) << text;
    if (!st.ok()) {
      EXPECT_EQ(st.error().message.rfind("config: ", 0), 0u) << st.error().message;
    }
  }
}

}  // namespace
}  // namespace hearth::server
