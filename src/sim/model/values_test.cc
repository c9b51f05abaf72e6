// Values rendered from the world: station links through the radio model, which stations show
// up and with which instance numbers, WAN state and counters, memory, mesh topology.
#include <gtest/gtest.h>

#include "sim/model/format.h"
#include "sim/model/model_test_support.h"

namespace hearth::sim::model {
namespace {

using testing::HomeSpec;
using testing::kHour;
using testing::kMinute;
using testing::kT0;
using testing::value_of;

// The object path (ending in '.') of the row under `table` whose `leaf` equals `value`.
std::string row_with(const std::vector<Param>& params, const std::string& table, const std::string& leaf,
                     const std::string& value) {
  for (const auto& p : params) {
    if (p.name.rfind(table, 0) != 0 || p.value != value) continue;
    if (p.name.size() > leaf.size() && p.name.compare(p.name.size() - leaf.size(), leaf.size(), leaf) == 0) {
      return p.name.substr(0, p.name.size() - leaf.size());
    }
  }
  return {};
}

int64_t number(const std::vector<Param>& params, const std::string& name) {
  auto v = value_of(params, name);
  EXPECT_TRUE(v.has_value()) << name;
  return v ? std::stoll(*v) : 0;
}

struct Fixture {
  explicit Fixture(HomeSpec spec) : home(testing::make_home(spec)) {
    dm = make_data_model(home, DataModelOptions{"http://acs.example/", 300, "", ""});
    dm->booted(kT0);
  }
  std::vector<Param> params(int64_t t = kT0 + kMinute) { return dm->parameters(t); }
  Home home;
  std::unique_ptr<DataModel> dm;
};

HomeSpec spec(uint8_t model, int stations = 2, int extenders = 0) {
  HomeSpec s;
  s.model = model;
  s.stations = stations;
  s.extenders = extenders;
  return s;
}

TEST(ValuesTest, FarStationIsWeakerThanNearOneInEveryView) {
  for (uint8_t m : {testing::tr181_model(), testing::tr098_model()}) {
    Fixture f(spec(m));
    f.home.stations[0].band = f.home.stations[1].band = Band::k5g;
    f.home.stations[0].x_m = 3;    // 1 m from the gateway
    f.home.stations[1].x_m = 19;   // 17 m and across the flat
    f.home.stations[1].extra_walls = 2;
    const auto p = f.params();
    const bool tr098 = models()[m].tr098;
    const std::string table = tr098 ? "InternetGatewayDevice.LANDevice.1.WLANConfiguration.5.AssociatedDevice."
                                    : "Device.WiFi.AccessPoint.2.AssociatedDevice.";
    const std::string mac_leaf = tr098 ? "AssociatedDeviceMACAddress" : "MACAddress";
    const std::string signal = tr098 ? "X_HW_RSSI" : "SignalStrength";
    const bool upper = tr098;
    const std::string near = row_with(p, table, mac_leaf, mac_string(f.home.stations[0].mac, upper));
    const std::string far = row_with(p, table, mac_leaf, mac_string(f.home.stations[1].mac, upper));
    ASSERT_FALSE(near.empty());
    ASSERT_FALSE(far.empty());
    EXPECT_LT(number(p, far + signal), number(p, near + signal)) << models()[m].model_name;
    EXPECT_LE(number(p, near + signal), 0);
    if (!tr098) {
      EXPECT_LE(number(p, far + "LastDataDownlinkRate"), number(p, near + "LastDataDownlinkRate"));
      // DataElements reports the same stations, signal as RCPI.
      const std::string sta_table = "Device.WiFi.DataElements.Network.Device.1.Radio.2.BSS.1.STA.";
      const std::string dn = row_with(p, sta_table, "MACAddress", f.home.stations[0].mac.str());
      const std::string df = row_with(p, sta_table, "MACAddress", f.home.stations[1].mac.str());
      ASSERT_FALSE(dn.empty());
      ASSERT_FALSE(df.empty());
      EXPECT_LT(number(p, df + "SignalStrength"), number(p, dn + "SignalStrength"));
      EXPECT_LE(number(p, dn + "SignalStrength"), 220);
    }
  }
}

TEST(ValuesTest, StationsThatAreNotAssociatedDoNotAppear) {
  Fixture f(spec(testing::tr181_model(), 4));
  for (auto& s : f.home.stations) s.band = Band::k2g;
  f.home.stations[1].connected = false;
  f.home.stations[2].wrong_password = true;
  const auto p = f.params();
  EXPECT_EQ(value_of(p, "Device.WiFi.AccessPoint.1.AssociatedDeviceNumberOfEntries"), "2");
  EXPECT_EQ(value_of(p, "Device.Hosts.HostNumberOfEntries"), "2");
  for (int i : {1, 2}) {
    EXPECT_TRUE(row_with(p, "Device.Hosts.Host.", "PhysAddress", f.home.stations[i].mac.str()).empty());
  }
  // A disabled radio has no stations either.
  f.home.wifi.radio_enabled_2g = false;
  const auto q = f.params(kT0 + 2 * kMinute);
  EXPECT_EQ(value_of(q, "Device.WiFi.AccessPoint.1.AssociatedDeviceNumberOfEntries"), "0");
  EXPECT_EQ(value_of(q, "Device.WiFi.Radio.1.Status"), "Down");
}

TEST(ValuesTest, StationInstanceNumbersStayWhileAssociated) {
  for (uint8_t m : {testing::tr181_model(), testing::tr098_model()}) {
    Fixture f(spec(m, 3));
    for (auto& s : f.home.stations) s.band = Band::k2g;
    const bool tr098 = models()[m].tr098;
    const std::string hosts = tr098 ? "InternetGatewayDevice.LANDevice.1.Hosts.Host." : "Device.Hosts.Host.";
    const std::string mac_leaf = tr098 ? "MACAddress" : "PhysAddress";
    auto host_of = [&](const std::vector<Param>& p, int i) {
      return row_with(p, hosts, mac_leaf, mac_string(f.home.stations[static_cast<size_t>(i)].mac, tr098));
    };
    const auto before = f.params(kT0 + kMinute);
    const std::string third = host_of(before, 2);
    ASSERT_FALSE(third.empty());
    f.home.stations[0].connected = false;
    const auto during = f.params(kT0 + 2 * kMinute);
    EXPECT_EQ(host_of(during, 2), third);
    EXPECT_TRUE(host_of(during, 0).empty());
    f.home.stations[0].connected = true;
    const auto after = f.params(kT0 + 3 * kMinute);
    EXPECT_EQ(host_of(after, 2), third);
    EXPECT_EQ(testing::instances(after, hosts), (std::vector<uint32_t>{2, 3, 4}));
  }
}

TEST(ValuesTest, WanDownShowsTheLineDownAndNoAddress) {
  Fixture f(spec(testing::tr181_model()));
  auto p = f.params();
  EXPECT_EQ(value_of(p, "Device.IP.Interface.1.Status"), "Up");
  EXPECT_EQ(value_of(p, "Device.IP.Interface.1.IPv4Address.1.IPAddress"), "203.0.113.10");
  f.home.cond.wan_down = true;
  p = f.params(kT0 + 2 * kMinute);
  EXPECT_EQ(value_of(p, "Device.IP.Interface.1.Status"), "Down");
  EXPECT_EQ(value_of(p, "Device.IP.Interface.1.IPv4Address.1.IPAddress"), "");
  EXPECT_EQ(value_of(p, "Device.Optical.Interface.1.Status"), "Down");

  HomeSpec dsl = spec(testing::tr098_model());
  dsl.access = Wan::Access::kDsl;
  Fixture g(dsl);
  g.home.cond.wan_down = true;
  const std::string conn = "InternetGatewayDevice.WANDevice.1.WANConnectionDevice.1.WANPPPConnection.1.";
  auto q = g.params();
  EXPECT_EQ(value_of(q, conn + "ConnectionStatus"), "Disconnected");
  EXPECT_EQ(value_of(q, conn + "ExternalIPAddress"), "");
  EXPECT_EQ(value_of(q, "InternetGatewayDevice.WANDevice.1.WANDSLInterfaceConfig.Status"), "NoSignal");
}

TEST(ValuesTest, CountersGrowWithTimeAndRestartAtBoot) {
  Fixture f(spec(testing::tr181_model(), 4));
  const std::string rx = "Device.IP.Interface.1.Stats.BytesReceived";
  const std::string up = "Device.DeviceInfo.UpTime";
  const int64_t a = number(f.params(kT0 + kMinute), rx);
  const int64_t b = number(f.params(kT0 + kHour), rx);
  EXPECT_GT(a, 0);
  EXPECT_GT(b, a);
  EXPECT_EQ(number(f.params(kT0 + kHour), up), 3600);
  f.dm->booted(kT0 + 2 * kHour);
  const auto p = f.params(kT0 + 2 * kHour + kMinute);
  EXPECT_LT(number(p, rx), b);
  EXPECT_EQ(number(p, up), 60);
}

TEST(ValuesTest, MemoryLeakLowersFreeMemoryWithUptime) {
  Fixture f(spec(testing::tr181_model()));
  const std::string free = "Device.DeviceInfo.MemoryStatus.Free";
  const int64_t healthy = number(f.params(kT0 + 10 * kHour), free);
  EXPECT_EQ(number(f.params(kT0 + 11 * kHour), free), healthy);
  f.home.cond.memory_leak = true;
  const int64_t early = number(f.params(kT0 + kHour), free);
  const int64_t late = number(f.params(kT0 + 10 * kHour), free);
  EXPECT_LT(late, early);
  EXPECT_LT(early, healthy);
  EXPECT_GT(late, 0);
  EXPECT_LE(healthy, number(f.params(), "Device.DeviceInfo.MemoryStatus.Total"));
}

TEST(ValuesTest, NeighboursOnTheChannelRaiseUtilisation) {
  Fixture f(spec(testing::tr181_model()));
  const std::string util = "Device.WiFi.Radio.1.Stats." + models()[testing::tr181_model()].vendor_prefix +
                           "ChannelUtilization";
  const std::string de = "Device.WiFi.DataElements.Network.Device.1.Radio.1.Utilization";
  const std::string count = "Device.WiFi.Radio.1.Stats." + models()[testing::tr181_model()].vendor_prefix +
                            "NeighbourBSSCount";
  const auto quiet = f.params();
  for (uint8_t i = 0; i < 12; ++i) {
    Neighbour n;
    n.bssid = testing::mac(8, 1, i);
    n.channel = f.home.nodes[0].channel_2g;
    n.rssi_dbm = -60;
    n.airtime = 0.1f;
    f.home.env.neighbours.push_back(n);
  }
  const auto busy = f.params(kT0 + 2 * kMinute);
  EXPECT_GT(number(busy, util), number(quiet, util));
  EXPECT_EQ(number(busy, count), number(quiet, count) + 12);
  EXPECT_GT(number(busy, de), number(quiet, de));
  EXPECT_LE(number(busy, util), 100);
  EXPECT_LE(number(busy, de), 255);
}

TEST(ValuesTest, ExtendersAndTheirStationsAppearInDataElementsAndHosts) {
  Fixture f(spec(testing::tr181_model(), 2, 1));
  f.home.stations[1].node = 1;
  f.home.stations[1].band = Band::k5g;
  const auto p = f.params();
  const std::string dev2 = "Device.WiFi.DataElements.Network.Device.2.";
  EXPECT_EQ(value_of(p, "Device.WiFi.DataElements.Network.DeviceNumberOfEntries"), "2");
  EXPECT_EQ(value_of(p, dev2 + "ID"), f.home.nodes[1].mac.str());
  EXPECT_EQ(value_of(p, dev2 + "MultiAPDevice.Backhaul.LinkType"), "Wi-Fi");
  EXPECT_EQ(value_of(p, dev2 + "MultiAPDevice.Backhaul.BackhaulDeviceID"), f.home.nodes[0].mac.str());
  EXPECT_GT(number(p, dev2 + "MultiAPDevice.Backhaul.Stats.SignalStrength"), 0);
  EXPECT_EQ(value_of(p, dev2 + "ManufacturerModel"), models()[testing::tr181_model()].extender_model);
  EXPECT_EQ(value_of(p, dev2 + "Radio.2.BSS.1.STA.1.MACAddress"), f.home.stations[1].mac.str());
  // Not associated with the gateway's own access point, but a host of the home.
  EXPECT_TRUE(row_with(p, "Device.WiFi.AccessPoint.", "MACAddress", f.home.stations[1].mac.str()).empty());
  EXPECT_FALSE(row_with(p, "Device.Hosts.Host.", "PhysAddress", f.home.stations[1].mac.str()).empty());
  const std::string ext = row_with(p, "Device.Hosts.Host.", "PhysAddress", f.home.nodes[1].mac.str());
  ASSERT_FALSE(ext.empty());
  EXPECT_EQ(value_of(p, ext + "InterfaceType"), "Wi-Fi");
  // An extender that goes offline leaves the topology.
  f.home.nodes[1].online = false;
  f.home.stations[1].connected = false;
  const auto q = f.params(kT0 + 2 * kMinute);
  EXPECT_EQ(value_of(q, "Device.WiFi.DataElements.Network.DeviceNumberOfEntries"), "1");
  EXPECT_FALSE(value_of(q, dev2 + "ID").has_value());
}

TEST(ValuesTest, OtherNodesReportHowTheyHearAStickyStation) {
  Fixture f(spec(testing::tr181_model(), 2, 1));
  Station& sticky = f.home.stations[0];
  sticky.band = Band::k5g;
  sticky.x_m = 15;  // next to the extender, still on the gateway
  sticky.sticky = true;
  const auto p = f.params();
  const std::string on_gw = row_with(p, "Device.WiFi.DataElements.Network.Device.1.Radio.2.BSS.1.STA.",
                                     "MACAddress", sticky.mac.str());
  const std::string heard = row_with(p, "Device.WiFi.DataElements.Network.Device.2.Radio.2.UnassociatedSTA.",
                                     "MACAddress", sticky.mac.str());
  ASSERT_FALSE(on_gw.empty());
  ASSERT_FALSE(heard.empty());
  EXPECT_GT(number(p, heard + "SignalStrength"), number(p, on_gw + "SignalStrength") + 8);
  EXPECT_EQ(value_of(p, "Device.WiFi.DataElements.Network.Device.1.Radio.2.UnassociatedSTANumberOfEntries"), "0");
}

TEST(ValuesTest, SixGigahertzModelsHaveAThirdRadio) {
  Fixture f(spec(testing::tr181_6g_model()));
  const auto p = f.params();
  EXPECT_EQ(value_of(p, "Device.WiFi.RadioNumberOfEntries"), "3");
  EXPECT_EQ(value_of(p, "Device.WiFi.Radio.3.OperatingFrequencyBand"), "6GHz");
  Fixture g(spec(testing::tr181_model()));
  EXPECT_FALSE(value_of(g.params(), "Device.WiFi.Radio.3.Enable").has_value());
}

}  // namespace
}  // namespace hearth::sim::model
