// Insight::homes_with_mac: the MAC index follows each home's newest snapshot (stations and mesh
// nodes), accepts the MAC in any case, and forgets a device that left the home.
#include <gtest/gtest.h>

#include "insight/insight.h"
#include "insight/insight_test_support.h"
#include "store/memory/memory_store.h"

namespace hearth::insight {
namespace {

using testing::gateway;
using Values = std::vector<cwmp::ParameterValue>;

const std::string kNet = "Device.WiFi.DataElements.Network.";

// A gateway (AL MAC `node`) with the given stations on its 5 GHz radio.
Values mesh(const std::string& node, const std::vector<std::string>& stations) {
  const std::string dev = kNet + "Device.1.";
  Values v = {{kNet + "ControllerID", node, cwmp::ValueType::kString},
              {dev + "ID", node, cwmp::ValueType::kString},
              {dev + "Radio.1.CurrentOperatingClasses.1.Class", "128", cwmp::ValueType::kUnsignedInt},
              {dev + "Radio.1.CurrentOperatingClasses.1.Channel", "36", cwmp::ValueType::kUnsignedInt}};
  int i = 0;
  for (const std::string& mac : stations) {
    const std::string sta = dev + "Radio.1.BSS.1.STA." + std::to_string(++i) + ".";
    v.push_back({sta + "MACAddress", mac, cwmp::ValueType::kString});
    v.push_back({sta + "SignalStrength", "120", cwmp::ValueType::kUnsignedInt});
  }
  return v;
}

class InsightMacTest : public ::testing::Test {
 protected:
  InsightMacTest() : insight(InsightOptions{}, store, clock) { testing::seed_homes(store, 3, 0); }
  void telemetry(int n, Values v) {
    insight.on_telemetry(gateway(n), std::move(v), to_unix_ms(clock.now()));
    insight.drain();
  }
  std::vector<std::string> homes(const std::string& mac) {
    auto r = insight.homes_with_mac(mac);
    EXPECT_TRUE(r) << mac;
    return r ? *r : std::vector<std::string>{};
  }

  store::memory::MemoryStore store;
  FakeClock clock;
  Insight insight;
};

TEST_F(InsightMacTest, FindsStationsAndNodesOfTheNewestSnapshot) {
  EXPECT_TRUE(homes("aa:bb:cc:00:00:01").empty());  // nothing seen yet
  telemetry(0, mesh("02:00:00:00:00:10", {"AA:BB:CC:00:00:01", "aa:bb:cc:00:00:02"}));
  telemetry(1, mesh("02:00:00:00:00:20", {"aa:bb:cc:00:00:02"}));

  EXPECT_EQ(homes("aa:bb:cc:00:00:01"), std::vector<std::string>{"home-0"});
  EXPECT_EQ(homes("AA-BB-CC-00-00-01"), std::vector<std::string>{"home-0"});  // any case, dashes
  EXPECT_EQ(homes("aa:bb:cc:00:00:02"), (std::vector<std::string>{"home-0", "home-1"}));
  EXPECT_EQ(homes("02:00:00:00:00:20"), std::vector<std::string>{"home-1"});  // the node's AL MAC
  EXPECT_TRUE(homes("aa:bb:cc:00:00:09").empty());
  EXPECT_TRUE(homes("not a mac").empty());

  // The phone left home-0: only the newest snapshot counts.
  clock.advance(std::chrono::minutes(10));
  telemetry(0, mesh("02:00:00:00:00:10", {"aa:bb:cc:00:00:01"}));
  EXPECT_EQ(homes("aa:bb:cc:00:00:02"), std::vector<std::string>{"home-1"});
  EXPECT_EQ(homes("aa:bb:cc:00:00:01"), std::vector<std::string>{"home-0"});
}

}  // namespace
}  // namespace hearth::insight
