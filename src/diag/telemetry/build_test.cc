// build_snapshot over hand-written answers: the standard names real gateways use and the
// simulator does not (XPON, DOCSIS, older DataElements names, scan results, failed-connection
// events, TR-098 TotalPSKFailures, "Completed"), the choice of the WAN interface, and input that
// is missing or malformed.
#include <gtest/gtest.h>

#include <cmath>

#include "diag/telemetry.h"

namespace hearth::diag {
namespace {

using Values = std::vector<cwmp::ParameterValue>;
constexpr int64_t kT = 1'767'571'200'000;  // 2026-01-05T00:00:00Z
constexpr const char* kId = "00D0D0-H3600P-SN%2D42";

Values values(std::initializer_list<std::pair<std::string, std::string>> list) {
  Values out;
  for (const auto& [name, value] : list) out.push_back({name, value, cwmp::ValueType::kString});
  return out;
}

TEST(BuildSnapshotTest, EmptyAndMalformedInputLeavesEverythingUnknown) {
  CounterState state;
  const Values v = values({{"Device.DeviceInfo.UpTime", "soon"},
                           {"Device.DeviceInfo.MemoryStatus.Free", "-"},
                           {"Device.WiFi.Radio.1.OperatingFrequencyBand", "5GHz"},
                           {"Device.WiFi.Radio.1.Channel", "x"},
                           {"Device.WiFi.AccessPoint.1.AssociatedDevice.1.MACAddress", "AA:BB:CC:00:00:01"},
                           {"Device.WiFi.DataElements.Network.Device.1.Radio.1.BSS.1.STA.1.SignalStrength", "250"}});
  const HomeSnapshot s = build_snapshot(kId, "Device.", v, kT, state);
  EXPECT_EQ(s.root, "Device.");
  EXPECT_EQ(s.device.uptime_s, -1);
  EXPECT_TRUE(std::isnan(s.device.memory_free_kib));
  ASSERT_EQ(s.nodes.size(), 1u);
  EXPECT_EQ(s.nodes[0].id, "node-1");  // a DataElements device without an ID
  ASSERT_EQ(s.radios.size(), 1u);
  EXPECT_EQ(s.radios[0].channel, -1);
  EXPECT_EQ(s.radios[0].path, "Device.WiFi.Radio.1.");
  EXPECT_TRUE(s.stations.empty());  // its AccessPoint names no SSID and no radio
  EXPECT_FALSE(s.wan.up);
  EXPECT_EQ(s.wan.ping.time_ms, 0);
  // Without DataElements the gateway node is named by its serial number.
  const HomeSnapshot t = build_snapshot(kId, "InternetGatewayDevice.", {}, kT, state);
  ASSERT_EQ(t.nodes.size(), 1u);
  EXPECT_EQ(t.nodes[0].id, "SN-42");
  EXPECT_TRUE(t.nodes[0].gateway);
}

TEST(BuildSnapshotTest, FindsTheWanInterfaceAndTheAccessLine) {
  struct Case {
    const char* what;
    Values v;
    std::string access;
    double down_kbps;
  };
  // A LAN bridge, the loopback and the WAN on a VLAN over `wan_lower`.
  auto home = [](const std::string& wan_lower, Values extra) {
    Values v = values({{"Device.IP.Interface.1.Name", "br-lan"},
                       {"Device.IP.Interface.1.LowerLayers", "Device.Bridging.Bridge.1.Port.1"},
                       {"Device.IP.Interface.1.Status", "Up"},
                       {"Device.IP.Interface.1.IPv4Address.1.IPAddress", "192.168.1.1"},
                       {"Device.IP.Interface.2.Name", "lo"},
                       {"Device.IP.Interface.2.Type", "Loopback"},
                       {"Device.IP.Interface.2.Status", "Up"},
                       {"Device.IP.Interface.3.Name", "ip3"},
                       {"Device.IP.Interface.3.Status", "Up"},
                       {"Device.IP.Interface.3.LastChange", "3600"},
                       {"Device.IP.Interface.3.LowerLayers", wan_lower},
                       {"Device.IP.Interface.3.IPv4Address.1.IPAddress", "198.51.100.7"}});
    v.insert(v.end(), extra.begin(), extra.end());
    return v;
  };
  const std::string vlan = "Device.Ethernet.VLANTermination.1";
  const Case cases[] = {
      {"ethernet, line unknown", home(vlan, {}), "", kUnknown},
      {"xpon", home(vlan, values({{"Device.XPON.ONU.1.ANI.1.Status", "Up"}, {"Device.XPON.ONU.1.ANI.1.PONMode", "XGS-PON"}})),
       "fiber", 9953280},
      {"dsl", home(vlan, values({{"Device.DSL.Channel.1.Status", "Up"}, {"Device.DSL.Channel.1.DownstreamCurrRate", "109000"},
                           {"Device.DSL.Channel.1.UpstreamCurrRate", "42000"}})),
       "dsl", 109000},
      {"docsis", home("Device.DOCSIS.Interface.1", {}), "cable", kUnknown},
  };
  for (const Case& c : cases) {
    CounterState state;
    const HomeSnapshot s = build_snapshot(kId, "Device.", c.v, kT, state);
    EXPECT_TRUE(s.wan.up) << c.what;
    EXPECT_EQ(s.wan.ip, "198.51.100.7") << c.what;
    EXPECT_EQ(s.wan.connection_uptime_s, 3600) << c.what;
    EXPECT_EQ(s.wan.access, c.access) << c.what;
    if (known(c.down_kbps)) {
      EXPECT_DOUBLE_EQ(s.wan.line_down_kbps, c.down_kbps) << c.what;
    }
  }
}

TEST(BuildSnapshotTest, OlderDataElementsNamesScanResultsAndCapabilities) {
  const std::string net = "Device.WiFi.DataElements.Network.";
  const std::string ext = net + "Device.2.";
  const std::string radio = ext + "Radio.1.";
  const Values v = values({
      {net + "ControllerID", "02:00:00:00:00:10"},
      {net + "Device.1.ID", "02:00:00:00:00:10"},
      {ext + "ID", "02:00:00:00:00:18"},
      {ext + "BackhaulALID", "02:00:00:00:00:10"},
      {ext + "BackhaulMediaType", "IEEE 802.11ax 5 GHz"},
      {ext + "BackhaulPHYRate", "1200"},
      {radio + "CurrentOperatingClasses.1.Class", "128"},
      {radio + "CurrentOperatingClasses.1.Channel", "36"},
      {radio + "Utilization", "51"},
      {radio + "Noise", "20"},
      {radio + "ScanResult.1.OpClassScan.1.ChannelScan.1.Channel", "36"},
      {radio + "ScanResult.1.OpClassScan.1.ChannelScan.1.NeighborBSS.1.BSSID", "0a:00:00:00:00:01"},
      {radio + "ScanResult.1.OpClassScan.1.ChannelScan.1.NeighborBSS.2.BSSID", "0a:00:00:00:00:02"},
      {radio + "ScanResult.1.OpClassScan.1.ChannelScan.2.Channel", "44"},
      {radio + "ScanResult.1.OpClassScan.1.ChannelScan.2.NeighborBSS.1.BSSID", "0a:00:00:00:00:03"},
      {radio + "BSS.1.STA.1.MACAddress", "AA:BB:CC:00:00:01"},
      {radio + "BSS.1.STA.1.SignalStrength", "100"},
      {radio + "BSS.1.STA.1.HECapabilities", "AAEC"},
  });
  CounterState state;
  const HomeSnapshot s = build_snapshot(kId, "Device.", v, kT, state);
  ASSERT_EQ(s.nodes.size(), 2u);
  EXPECT_TRUE(s.nodes[0].gateway);
  EXPECT_EQ(s.nodes[1].parent, 0);
  EXPECT_EQ(s.nodes[1].backhaul, "wifi");
  EXPECT_DOUBLE_EQ(s.nodes[1].backhaul_phy_mbps, 1200);
  ASSERT_EQ(s.radios.size(), 1u);
  const Radio& r = s.radios[0];
  EXPECT_EQ(r.id, "02:00:00:00:00:18/5GHz");
  EXPECT_EQ(r.node, 1);
  EXPECT_EQ(r.channel, 36);
  EXPECT_EQ(r.width_mhz, 80);
  EXPECT_NEAR(r.utilisation_pct, 20, 0.01);
  EXPECT_DOUBLE_EQ(r.noise_dbm, -100);
  EXPECT_EQ(r.neighbour_bss, 2);
  EXPECT_EQ(r.clients, 1);
  ASSERT_EQ(s.stations.size(), 1u);
  EXPECT_EQ(s.stations[0].mac, "aa:bb:cc:00:00:01");
  EXPECT_EQ(s.stations[0].node, 1);
  EXPECT_EQ(s.stations[0].radio, 0);
  EXPECT_DOUBLE_EQ(s.stations[0].signal_dbm, -60);
  EXPECT_DOUBLE_EQ(s.stations[0].snr_db, 40);
  EXPECT_EQ(s.stations[0].generation, 6);
}

TEST(BuildSnapshotTest, FailedConnectionEventsNewerThanTheLastSeen) {
  const std::string t = "Device.WiFi.DataElements.FailedConnectionEvent.FailedConnectionEventData.";
  auto event = [&](int i, const char* mac, const char* time) {
    return Values{{t + std::to_string(i) + ".MACAddress", mac, cwmp::ValueType::kString},
                  {t + std::to_string(i) + ".StatusCode", "15", cwmp::ValueType::kUnsignedInt},
                  {t + std::to_string(i) + ".TimeStamp", time, cwmp::ValueType::kString}};
  };
  Values v;
  for (const Values& e : {event(1, "AA:BB:CC:00:00:09", "2026-01-04T20:00:00Z"),  // hours old
                          event(2, "aa:bb:cc:00:00:01", "2026-01-04T23:58:00.250Z"),
                          event(3, "aa:bb:cc:00:00:01", "2026-01-04T23:59:00Z")}) {
    v.insert(v.end(), e.begin(), e.end());
  }
  CounterState state;
  HomeSnapshot s = build_snapshot(kId, "Device.", v, kT, state);
  EXPECT_EQ(s.join_failures.count, 2);  // first read: only the recent past
  EXPECT_EQ(s.join_failures.macs, std::vector<std::string>{"aa:bb:cc:00:00:01"});
  s = build_snapshot(kId, "Device.", v, kT + 300'000, state);
  EXPECT_EQ(s.join_failures.count, 0);  // nothing new
  const Values more = event(4, "aa:bb:cc:00:00:02", "2026-01-05T00:03:00+01:00");  // older: 23:03Z
  const Values newer = event(5, "aa:bb:cc:00:00:02", "2026-01-05T00:04:00Z");
  v.insert(v.end(), more.begin(), more.end());
  v.insert(v.end(), newer.begin(), newer.end());
  s = build_snapshot(kId, "Device.", v, kT + 600'000, state);
  EXPECT_EQ(s.join_failures.count, 1);
  EXPECT_EQ(s.join_failures.macs, std::vector<std::string>{"aa:bb:cc:00:00:02"});
}

TEST(BuildSnapshotTest, Tr098PskFailuresAndCompletedTransfers) {
  const std::string w = "InternetGatewayDevice.LANDevice.1.WLANConfiguration.";
  const std::string d = "InternetGatewayDevice.DownloadDiagnostics.";
  auto answer = [&](uint64_t uptime, uint32_t psk1, uint32_t auth5, const char* download_state) {
    return Values{
        {"InternetGatewayDevice.DeviceInfo.UpTime", std::to_string(uptime), cwmp::ValueType::kUnsignedInt},
        {w + "1.Channel", "11", cwmp::ValueType::kInt},
        {w + "1.TotalPSKFailures", std::to_string(psk1), cwmp::ValueType::kUnsignedInt},
        {w + "5.Channel", "0", cwmp::ValueType::kInt},
        {w + "5.Standard", "a/n/ac", cwmp::ValueType::kString},
        {w + "5.TotalPSKFailures", "999", cwmp::ValueType::kUnsignedInt},  // the vendor counter wins
        {w + "5.X_HW_AuthFailures", std::to_string(auth5), cwmp::ValueType::kUnsignedInt},
        {"InternetGatewayDevice.WANDevice.1.WANConnectionDevice.1.WANIPConnection.1.ConnectionStatus", "Connected",
         cwmp::ValueType::kString},
        {d + "DiagnosticsState", download_state, cwmp::ValueType::kString},
        {d + "DownloadURL", "http://speed.example/100MB", cwmp::ValueType::kString},
        {d + "BOMTime", "2026-01-04T23:59:50.000000Z", cwmp::ValueType::kDateTime},
        {d + "EOMTime", "2026-01-04T23:59:58.000000Z", cwmp::ValueType::kDateTime},
        {d + "TestBytesReceived", "100000000", cwmp::ValueType::kUnsignedInt},
    };
  };
  CounterState state;
  HomeSnapshot s = build_snapshot(kId, "InternetGatewayDevice.", answer(100, 0xfffffffe, 3, "Completed"), kT, state);
  EXPECT_EQ(s.join_failures.count, 0);  // no earlier snapshot
  ASSERT_EQ(s.radios.size(), 2u);
  EXPECT_EQ(s.radios[1].band, Band::k5g);  // channel 0 (auto): from the standards
  EXPECT_EQ(s.radios[1].path, w + "5.");
  EXPECT_TRUE(s.wan.download.ok);
  EXPECT_NEAR(s.wan.download.mbps, 100, 1e-9);
  s = build_snapshot(kId, "InternetGatewayDevice.", answer(400, 2, 5, "Error_InitConnectionFailed"), kT + 300'000,
                     state);
  EXPECT_EQ(s.join_failures.count, 4 + 2);  // through the 32-bit wrap on one row, +2 on the other
  EXPECT_FALSE(s.wan.download.ok);
  EXPECT_TRUE(s.wan.download.name_resolution_failed);  // TR-098's form of a DNS failure
  s = build_snapshot(kId, "InternetGatewayDevice.", answer(30, 9, 9, "None"), kT + 600'000, state);
  EXPECT_EQ(s.join_failures.count, 0);  // rebooted: counters restarted
  EXPECT_EQ(s.wan.download.time_ms, 0);
}

TEST(BuildSnapshotTest, PathsAreSmallAndPerRoot) {
  for (const char* root : {"Device.", "InternetGatewayDevice."}) {
    const std::vector<std::string> paths = telemetry_paths(root);
    EXPECT_FALSE(paths.empty());
    for (const std::string& p : paths) {
      EXPECT_EQ(p.rfind(root, 0), 0u) << p;
      EXPECT_EQ(p.find("Hosts"), std::string::npos) << p;
      EXPECT_EQ(p.find("Process."), std::string::npos) << p;
      EXPECT_NE(p, root);
    }
  }
}

}  // namespace
}  // namespace hearth::diag
