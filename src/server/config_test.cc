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
