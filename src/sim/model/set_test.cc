// Writes: SetParameterValues faults (9005, 9007, 9008) and all-or-nothing, writes that reach the
// Home, write-only secrets, ManagementServer settings, AddObject / DeleteObject, factory reset.
#include <gtest/gtest.h>

#include "sim/model/model_test_support.h"

namespace hearth::sim::model {
namespace {

using cwmp::ParameterValue;
using cwmp::ValueType;
using testing::HomeSpec;
using testing::kMinute;
using testing::kT0;

constexpr int64_t kNow = kT0 + kMinute;

struct Fixture {
  explicit Fixture(uint8_t model) {
    HomeSpec spec;
    spec.model = model;
    home = testing::make_home(spec);
    dm = make_data_model(home, DataModelOptions{"http://acs.example/", 300, "", ""});
    dm->booted(kT0);
  }
  std::string get(const std::string& name) {
    auto p = dm->get(name, kNow);
    return p ? p->value : "<missing>";
  }
  Home home;
  std::unique_ptr<DataModel> dm;
};

struct FaultCase {
  const char* name;
  const char* value;
  uint32_t code;
};

class Tr181SetFaultTest : public ::testing::TestWithParam<FaultCase> {};

TEST_P(Tr181SetFaultTest, RejectsAndAppliesNothing) {
  Fixture f(testing::tr181_model());
  const FaultCase& c = GetParam();
  // A valid write goes with the bad one; neither may be applied.
  auto out = f.dm->set({ParameterValue{"Device.WiFi.SSID.1.SSID", "Changed", ValueType::kString},
                        ParameterValue{c.name, c.value, ValueType::kString}},
                       kNow);
  EXPECT_EQ(out.fault_code, 9003u);
  ASSERT_EQ(out.faults.size(), 1u);
  EXPECT_EQ(out.faults[0].parameter_name, c.name);
  EXPECT_EQ(out.faults[0].code, c.code);
  EXPECT_FALSE(out.faults[0].string.empty());
  EXPECT_EQ(f.home.wifi.ssid, "Hearth-7");
  EXPECT_EQ(f.get("Device.WiFi.SSID.1.SSID"), "Hearth-7");
}

INSTANTIATE_TEST_SUITE_P(
    Faults, Tr181SetFaultTest,
    ::testing::Values(
        FaultCase{"Device.WiFi.Radio.1.NoSuchThing", "1", 9005},
        FaultCase{"Device.WiFi.Radio.9.Channel", "6", 9005},
        FaultCase{"Device.WiFi.Radio.1.", "6", 9005},
        FaultCase{"Device.DeviceInfo.UpTime", "5", 9008},
        FaultCase{"Device.DeviceInfo.SerialNumber", "X", 9008},
        FaultCase{"Device.ManagementServer.ParameterKey", "k", 9008},
        FaultCase{"Device.WiFi.Radio.1.Channel", "36", 9007},
        FaultCase{"Device.WiFi.Radio.2.Channel", "14", 9007},
        FaultCase{"Device.WiFi.Radio.1.Channel", "six", 9007},
        FaultCase{"Device.WiFi.Radio.1.Enable", "yes", 9007},
        FaultCase{"Device.WiFi.Radio.1.OperatingChannelBandwidth", "80MHz", 9007},
        FaultCase{"Device.WiFi.Radio.1.TransmitPower", "33", 9007},
        FaultCase{"Device.ManagementServer.PeriodicInformInterval", "0", 9007},
        FaultCase{"Device.ManagementServer.PeriodicInformInterval", "-5", 9007},
        FaultCase{"Device.ManagementServer.CWMPRetryIntervalMultiplier", "999", 9007},
        FaultCase{"Device.WiFi.SSID.2.SSID", "", 9007},
        FaultCase{"Device.WiFi.SSID.2.SSID", "a-name-that-is-longer-than-32-chars", 9007},
        FaultCase{"Device.WiFi.AccessPoint.1.Security.KeyPassphrase", "short", 9007},
        FaultCase{"Device.WiFi.AccessPoint.1.Security.ModeEnabled", "WPA9-Personal", 9007},
        FaultCase{"Device.IP.Diagnostics.IPPing.DiagnosticsState", "Complete", 9007},
        FaultCase{"Device.IP.Diagnostics.IPPing.NumberOfRepetitions", "0", 9007}));

TEST(SetTest, ReportsEveryBadParameter) {
  Fixture f(testing::tr098_model());
  const std::string w = "InternetGatewayDevice.LANDevice.1.WLANConfiguration.1.";
  auto out = f.dm->set({ParameterValue{w + "Channel", "11", ValueType::kInt},
                        ParameterValue{w + "Bogus", "1", ValueType::kString},
                        ParameterValue{w + "BSSID", "00:11:22:33:44:55", ValueType::kString},
                        ParameterValue{w + "Channel", "165", ValueType::kInt}},
                       kNow);
  EXPECT_EQ(out.fault_code, 9003u);
  ASSERT_EQ(out.faults.size(), 3u);
  EXPECT_EQ(out.faults[0].code, 9005u);
  EXPECT_EQ(out.faults[1].code, 9008u);
  EXPECT_EQ(out.faults[2].code, 9007u);
  EXPECT_EQ(f.home.nodes[0].channel_2g, 6);
}

TEST(SetTest, ChannelChangeReachesTheHomeAndTheTree) {
  for (uint8_t m : {testing::tr181_model(), testing::tr098_model()}) {
    Fixture f(m);
    const bool tr098 = models()[m].tr098;
    const std::string ch24 = tr098 ? "InternetGatewayDevice.LANDevice.1.WLANConfiguration.1.Channel"
                                   : "Device.WiFi.Radio.1.Channel";
    const std::string ch5 = tr098 ? "InternetGatewayDevice.LANDevice.1.WLANConfiguration.5.Channel"
                                  : "Device.WiFi.Radio.2.Channel";
    auto out = f.dm->set({ParameterValue{ch24, "11", ValueType::kUnsignedInt},
                          ParameterValue{ch5, "100", ValueType::kUnsignedInt}},
                         kNow);
    EXPECT_TRUE(out.faults.empty());
    EXPECT_EQ(f.home.nodes[0].channel_2g, 11);
    EXPECT_EQ(f.home.nodes[0].channel_5g, 100);
    EXPECT_EQ(f.get(ch24), "11");
    EXPECT_EQ(f.get(ch5), "100");
    // Setting a channel by hand turns automatic selection off.
    const std::string autoch = ch24.substr(0, ch24.size() - 7) + "AutoChannelEnable";
    EXPECT_EQ(f.get(autoch), "false");
    if (!tr098) {
      EXPECT_EQ(f.get("Device.WiFi.Radio.1.ChannelLastSelectionReason"), "Manual");
      EXPECT_EQ(f.get("Device.WiFi.DataElements.Network.Device.1.Radio.1.CurrentOperatingClassProfile.1.Channel"),
                "11");
    }
  }
}

TEST(SetTest, WifiSettingsReachTheHome) {
  Fixture f(testing::tr181_model());
  auto out = f.dm->set({ParameterValue{"Device.WiFi.SSID.1.SSID", "NewName", ValueType::kString},
                        ParameterValue{"Device.WiFi.AccessPoint.1.Security.KeyPassphrase", "new secret 123",
                                       ValueType::kString},
                        ParameterValue{"Device.WiFi.AccessPoint.3.Enable", "1", ValueType::kBoolean},
                        ParameterValue{"Device.WiFi.SSID.3.SSID", "Visitors", ValueType::kString},
                        ParameterValue{"Device.WiFi.Radio.2.Enable", "false", ValueType::kBoolean},
                        ParameterValue{"Device.WiFi.Radio.2.OperatingChannelBandwidth", "40MHz", ValueType::kString},
                        ParameterValue{"Device.WiFi.Radio.1.TransmitPower", "25", ValueType::kInt}},
                       kNow);
  ASSERT_TRUE(out.faults.empty());
  EXPECT_EQ(f.home.wifi.ssid, "NewName");
  EXPECT_EQ(f.home.wifi.passphrase, "new secret 123");
  EXPECT_TRUE(f.home.wifi.guest_enabled);
  EXPECT_EQ(f.home.wifi.guest_ssid, "Visitors");
  EXPECT_FALSE(f.home.wifi.radio_enabled_5g);
  EXPECT_EQ(f.home.nodes[0].width_5g_mhz, 40);
  EXPECT_EQ(f.home.nodes[0].tx_power_dbm, 14);
  // The passphrase is write-only; booleans read back as true/false.
  EXPECT_EQ(f.get("Device.WiFi.AccessPoint.1.Security.KeyPassphrase"), "");
  EXPECT_EQ(f.get("Device.WiFi.AccessPoint.3.Enable"), "true");
  EXPECT_EQ(f.get("Device.WiFi.SSID.2.SSID"), "NewName");
  EXPECT_EQ(f.get("Device.WiFi.Radio.2.Status"), "Down");
  EXPECT_EQ(f.get("Device.WiFi.Radio.2.CurrentOperatingChannelBandwidth"), "40MHz");
  EXPECT_EQ(f.get("Device.WiFi.Radio.1.TransmitPower"), "25");
}

TEST(SetTest, ManagementServerSettingsAreKeptAndReported) {
  Fixture f(testing::tr181_model());
  EXPECT_EQ(f.dm->periodic_inform_interval_s(), 300u);
  EXPECT_EQ(f.dm->acs_username(), "SIM00000007");
  EXPECT_EQ(f.dm->acs_password(), default_acs_password(f.home.seed, "SIM00000007"));
  auto out = f.dm->set({ParameterValue{"Device.ManagementServer.PeriodicInformInterval", "900", ValueType::kUnsignedInt},
                        ParameterValue{"Device.ManagementServer.ConnectionRequestPassword", "cr-secret", ValueType::kString},
                        ParameterValue{"Device.ManagementServer.CWMPRetryMinimumWaitInterval", "10", ValueType::kUnsignedInt}},
                       kNow);
  ASSERT_TRUE(out.faults.empty());
  EXPECT_TRUE(out.management_changed);
  EXPECT_EQ(f.dm->periodic_inform_interval_s(), 900u);
  EXPECT_EQ(f.dm->connection_request_password(), "cr-secret");
  EXPECT_EQ(f.dm->retry_minimum_wait_s(), 10u);
  EXPECT_EQ(f.get("Device.ManagementServer.PeriodicInformInterval"), "900");
  EXPECT_EQ(f.get("Device.ManagementServer.ConnectionRequestPassword"), "");
  f.dm->set_parameter_key("cfg-7");
  f.dm->set_connection_request_url("http://127.0.0.1:30005/cr");
  EXPECT_EQ(f.get("Device.ManagementServer.ParameterKey"), "cfg-7");
  EXPECT_EQ(f.get("Device.ManagementServer.ConnectionRequestURL"), "http://127.0.0.1:30005/cr");
  // A write that is not to ManagementServer does not flag it.
  EXPECT_FALSE(f.dm->set({ParameterValue{"Device.DeviceInfo.ProvisioningCode", "P1", ValueType::kString}}, kNow)
                   .management_changed);
}

TEST(SetTest, AddAndDeleteObjectsOnWritableTables) {
  Fixture f(testing::tr181_model());
  auto [a, fa] = f.dm->add_object("Device.NAT.PortMapping.");
  auto [b, fb] = f.dm->add_object("Device.NAT.PortMapping.");
  EXPECT_EQ(fa, 0u);
  EXPECT_EQ(fb, 0u);
  EXPECT_EQ(a, 1u);
  EXPECT_EQ(b, 2u);
  EXPECT_EQ(f.get("Device.NAT.PortMappingNumberOfEntries"), "2");
  const std::string pm = "Device.NAT.PortMapping.2.";
  auto out = f.dm->set({ParameterValue{pm + "ExternalPort", "8080", ValueType::kUnsignedInt},
                        ParameterValue{pm + "Enable", "true", ValueType::kBoolean},
                        ParameterValue{pm + "Protocol", "UDP", ValueType::kString}},
                       kNow);
  ASSERT_TRUE(out.faults.empty());
  EXPECT_EQ(f.get(pm + "ExternalPort"), "8080");
  EXPECT_EQ(f.get(pm + "Status"), "Enabled");
  EXPECT_EQ(f.dm->set({ParameterValue{pm + "ExternalPort", "70000", ValueType::kUnsignedInt}}, kNow).faults.at(0).code,
            9007u);
  EXPECT_EQ(f.dm->delete_object(pm), 0u);
  EXPECT_EQ(f.get(pm + "ExternalPort"), "<missing>");
  EXPECT_EQ(f.get("Device.NAT.PortMappingNumberOfEntries"), "1");
  EXPECT_EQ(f.dm->delete_object(pm), 9005u);
  // A new instance never reuses a number handed out before.
  EXPECT_EQ(f.dm->add_object("Device.NAT.PortMapping.").first, 3u);
  // Guest networks: SSID and AccessPoint tables take new rows after the built-in ones.
  auto [ssid, fs] = f.dm->add_object("Device.WiFi.SSID.");
  EXPECT_EQ(fs, 0u);
  EXPECT_EQ(ssid, 5u);
  EXPECT_TRUE(f.dm->set({ParameterValue{"Device.WiFi.SSID.5.SSID", "IoT", ValueType::kString}}, kNow).faults.empty());
  EXPECT_EQ(f.get("Device.WiFi.SSID.5.SSID"), "IoT");
  EXPECT_EQ(f.dm->add_object("Device.WiFi.AccessPoint.").first, 5u);
  EXPECT_EQ(f.get("Device.WiFi.AccessPointNumberOfEntries"), "5");
  // Not writable tables, instances and built-in rows are refused.
  EXPECT_EQ(f.dm->add_object("Device.Hosts.Host.").second, 9005u);
  EXPECT_EQ(f.dm->add_object("Device.NAT.PortMapping.1.").second, 9005u);
  EXPECT_EQ(f.dm->add_object("Device.NoSuch.").second, 9005u);
  EXPECT_EQ(f.dm->delete_object("Device.WiFi.SSID.1."), 9005u);
}

TEST(SetTest, AddObjectBeforeAnyReadDoesNotBootTheDevice) {
  Home home = testing::make_home({});
  auto dm = make_data_model(home, DataModelOptions{"http://acs.example/", 300, "", ""});
  EXPECT_EQ(dm->add_object("Device.NAT.PortMapping.").second, 0u);
  // The first read boots it (nothing called booted()).
  EXPECT_EQ(dm->get("Device.DeviceInfo.UpTime", kT0)->value, "0");
  EXPECT_EQ(dm->get("Device.DeviceInfo.UpTime", kT0 + kMinute)->value, "60");
  EXPECT_EQ(dm->get("Device.NAT.PortMappingNumberOfEntries", kT0)->value, "1");
}

TEST(SetTest, Tr098PortMappingTableFollowsTheConnection) {
  Fixture f(testing::tr098_model());
  const std::string table = "InternetGatewayDevice.WANDevice.1.WANConnectionDevice.1.WANIPConnection.1.PortMapping.";
  auto [n, fault] = f.dm->add_object(table);
  EXPECT_EQ(fault, 0u);
  EXPECT_EQ(n, 1u);
  EXPECT_TRUE(f.dm->set({ParameterValue{table + "1.PortMappingEnabled", "1", ValueType::kBoolean},
                         ParameterValue{table + "1.InternalClient", "192.168.1.20", ValueType::kString}},
                        kNow)
                  .faults.empty());
  EXPECT_EQ(f.get(table + "1.PortMappingEnabled"), "true");
}

TEST(SetTest, FactoryResetForgetsWritesAndRestoresTheFleetDefaults) {
  Fixture f(testing::tr181_model());
  const Home original = f.home;
  ASSERT_TRUE(f.dm->set({ParameterValue{"Device.WiFi.SSID.1.SSID", "Mine", ValueType::kString},
                         ParameterValue{"Device.WiFi.Radio.2.Channel", "52", ValueType::kUnsignedInt},
                         ParameterValue{"Device.WiFi.Radio.1.TransmitPower", "50", ValueType::kInt},
                         ParameterValue{"Device.ManagementServer.PeriodicInformInterval", "60", ValueType::kUnsignedInt},
                         ParameterValue{"Device.DeviceInfo.ProvisioningCode", "ABC", ValueType::kString},
                         ParameterValue{"Device.WiFi.AccessPoint.3.Enable", "true", ValueType::kBoolean}},
                        kNow)
                  .faults.empty());
  f.dm->add_object("Device.NAT.PortMapping.");
  f.dm->set_parameter_key("k1");
  f.dm->install_firmware(models()[testing::tr181_model()].latest_firmware);
  f.dm->factory_reset(kNow + kMinute);
  EXPECT_EQ(f.home.wifi.ssid, original.wifi.ssid);
  EXPECT_EQ(f.home.wifi.guest_enabled, original.wifi.guest_enabled);
  EXPECT_EQ(f.home.nodes[0].channel_5g, original.nodes[0].channel_5g);
  EXPECT_EQ(f.home.nodes[0].tx_power_dbm, original.nodes[0].tx_power_dbm);
  EXPECT_EQ(f.dm->periodic_inform_interval_s(), 300u);
  EXPECT_EQ(f.get("Device.DeviceInfo.ProvisioningCode"), "");
  EXPECT_EQ(f.get("Device.ManagementServer.ParameterKey"), "");
  EXPECT_EQ(f.get("Device.NAT.PortMappingNumberOfEntries"), "0");
  EXPECT_EQ(f.get("Device.WiFi.Radio.2.AutoChannelEnable"), "true");
  // Firmware survives a factory reset; uptime restarts.
  EXPECT_EQ(f.dm->software_version(), models()[testing::tr181_model()].latest_firmware);
  EXPECT_EQ(f.dm->get("Device.DeviceInfo.UpTime", kNow + 2 * kMinute)->value, "60");
}

}  // namespace
}  // namespace hearth::sim::model
