// Snapshots of simulated homes: each vendor model's gateway renders its tree through the real
// simulator models, the test reads every telemetry path as the ACS would (one GetParameterValues)
// and checks the snapshot against the world and the radio model.
#include <gtest/gtest.h>

#include <cmath>

#include "diag/telemetry/sim_fixture.h"

namespace hearth::diag {
namespace {

using namespace simtest;

class SnapshotOfModelTest : public ::testing::TestWithParam<uint8_t> {};

TEST_P(SnapshotOfModelTest, SnapshotMatchesTheWorld) {
  Gateway g(GetParam(), busy_home());
  put_on_extenders(g.home);
  const int64_t t = kT0 + kMinute;
  const HomeSnapshot s = g.snapshot(t);
  const sim::ModelInfo& model = sim::models()[GetParam()];
  SCOPED_TRACE(model.model_name);
  EXPECT_EQ(s.root, g.dm->root());
  EXPECT_EQ(s.device.uptime_s, 60);
  EXPECT_EQ(s.device.software_version, model.firmware);
  EXPECT_DOUBLE_EQ(s.device.memory_total_kib, model.memory_total_kb);
  EXPECT_GT(s.device.memory_free_kib, 0);
  EXPECT_TRUE(known(s.device.cpu_pct));
  EXPECT_TRUE(s.wan.up);
  EXPECT_EQ(s.wan.ip, "203.0.113.10");
  EXPECT_EQ(s.wan.access, g.tr098() ? "" : "fiber");  // TR-098 says only "Ethernet"

  // Nodes: TR-098 knows only its own; TR-181 lists the extenders with parent and backhaul.
  ASSERT_EQ(s.nodes.size(), g.tr098() ? 1u : g.home.nodes.size());
  EXPECT_TRUE(s.nodes[0].gateway);
  for (size_t k = 1; k < s.nodes.size(); ++k) {
    const sim::Node& n = g.home.nodes[k];
    const int i = node_of(s, n.mac);
    ASSERT_GE(i, 1) << k;
    const Node& node = s.nodes[static_cast<size_t>(i)];
    EXPECT_EQ(node.parent, node_of(s, g.home.nodes[n.backhaul_parent].mac));
    EXPECT_EQ(node.backhaul, n.wired_backhaul ? "ethernet" : "wifi");
    EXPECT_GT(node.backhaul_phy_mbps, 0);
    if (!n.wired_backhaul) {
      EXPECT_NEAR(node.backhaul_signal_dbm, sim::backhaul_link(g.home, static_cast<uint8_t>(k)).signal_dbm, 1.0);
      EXPECT_TRUE(known(node.backhaul_utilisation_pct));
    }
  }

  // Radios: per node and band, with the radio model's channel and airtime.
  size_t radios = 0;
  for (size_t k = 0; k < s.nodes.size(); ++k) {
    const sim::ModelInfo& m = k == 0 ? model : sim::model_of(g.home.nodes[k].model);
    radios += m.supports_6g ? 3 : 2;
  }
  ASSERT_EQ(s.radios.size(), radios);
  for (const Radio& r : s.radios) {
    SCOPED_TRACE(r.id);
    // Nodes are in the home's order here; TR-098 names its only node by the serial number.
    const uint8_t k = static_cast<uint8_t>(r.node);
    if (!g.tr098()) {
      ASSERT_EQ(node_of(s, g.home.nodes[k].mac), r.node);
    }
    const sim::Band b = static_cast<sim::Band>(static_cast<int>(r.band));
    EXPECT_EQ(r.id, s.nodes[k].id + "/" + band_name(r.band));
    EXPECT_EQ(r.channel, sim::node_channel(g.home.nodes[k], b));
    EXPECT_NEAR(r.utilisation_pct, 100.0 * sim::channel_utilisation(g.home, k, b).total, 1.0);
    if (!g.tr098()) {  // TR-098 has no channel width
      EXPECT_EQ(r.width_mhz, world_width(g.home.nodes[k], b));
    }
    EXPECT_LT(r.noise_dbm, -80);
    if (k == 0) {
      const int n = static_cast<int>(r.band) + 1;  // radio instances and Huawei's WLAN numbering
      EXPECT_EQ(r.path, g.tr098() ? "InternetGatewayDevice.LANDevice.1.WLANConfiguration." + std::to_string(4 * n - 3) + "."
                                  : "Device.WiFi.Radio." + std::to_string(n) + ".");
      EXPECT_FALSE(r.possible_channels.empty());
      EXPECT_EQ(r.neighbour_bss, sim::overlapping_neighbours(g.home, b, static_cast<uint8_t>(r.channel),
                                                              world_width(g.home.nodes[0], b)));
    }
    if (r.band == Band::k6g && g.tr098()) {
      ADD_FAILURE() << "TR-098 has no 6 GHz";
    }
  }

  // Stations: every associated one the root can show, with the radio model's signal.
  size_t expected = 0;
  for (const sim::Station& hs : g.home.stations) {
    if (!associated(g.home, hs) || (g.tr098() && hs.node != 0)) continue;
    ++expected;
    const Station* x = station_of(s, hs.mac);
    ASSERT_NE(x, nullptr) << mac(hs.mac);
    EXPECT_EQ(x->node, g.tr098() ? 0 : node_of(s, g.home.nodes[hs.node].mac));
    EXPECT_EQ(x->band, band_of(hs.band));
    ASSERT_GE(x->radio, 0);
    EXPECT_EQ(s.radios[static_cast<size_t>(x->radio)].node, x->node);
    EXPECT_NEAR(x->signal_dbm, sim::station_link(g.home, hs).signal_dbm, 1.0);
    EXPECT_GT(x->phy_down_mbps, 0);
    EXPECT_TRUE(known(x->snr_db));
    EXPECT_GE(x->associated_s, 0);
    if (!g.tr098()) {
      EXPECT_EQ(x->hostname, hs.hostname);
      // The other nodes hear it (DataElements UnassociatedSTA).
      EXPECT_EQ(x->heard_by.size(), g.home.nodes.size() - 1);
      if (x->node == 0) {
        EXPECT_GT(x->generation, 0);
      }
    }
  }
  EXPECT_EQ(s.stations.size(), expected);
  int clients = 0;
  for (const Radio& r : s.radios) clients += r.clients;
  EXPECT_EQ(clients, static_cast<int>(expected));
}

TEST_P(SnapshotOfModelTest, WanFollowsTheLine) {
  Gateway g(GetParam());
  g.home.cond.wan_down = true;
  HomeSnapshot s = g.snapshot(kT0 + kMinute);
  EXPECT_FALSE(s.wan.up);
  EXPECT_EQ(s.wan.ip, "");
  EXPECT_EQ(s.wan.connection_uptime_s, -1);
  g.home.cond.wan_down = false;
  s = g.snapshot(kT0 + 2 * kMinute);
  EXPECT_TRUE(s.wan.up);
  EXPECT_FALSE(s.wan.ip.empty());
}

TEST_P(SnapshotOfModelTest, AccessLineOfEachKind) {
  struct Case {
    sim::Wan::Access access;
    const char* tr181;
    const char* tr098;
  } cases[] = {{sim::Wan::Access::kFiber, "fiber", ""},  // TR-098 says only "Ethernet"
               {sim::Wan::Access::kDsl, "dsl", "dsl"},
               {sim::Wan::Access::kCable, "", ""}};  // an Ethernet WAN port: the line is unknown
  for (const Case& c : cases) {
    st::HomeSpec spec;
    spec.access = c.access;
    Gateway g(GetParam(), spec);
    const HomeSnapshot s = g.snapshot(kT0 + kMinute);
    EXPECT_EQ(s.wan.access, g.tr098() ? c.tr098 : c.tr181);
    EXPECT_TRUE(s.wan.up);
    EXPECT_EQ(s.wan.ip, "203.0.113.10");
    if (c.access == sim::Wan::Access::kDsl) {  // synced at the plan's rates (PPPoE on TR-181)
      EXPECT_DOUBLE_EQ(s.wan.line_down_kbps, g.home.wan.plan_down_kbps);
      EXPECT_DOUBLE_EQ(s.wan.line_up_kbps, g.home.wan.plan_up_kbps);
    }
  }
}

TEST_P(SnapshotOfModelTest, MemoryFallsWithALeak) {
  Gateway g(GetParam());
  g.home.cond.memory_leak = true;
  const double early = g.snapshot(kT0 + kMinute).device.memory_free_kib;
  const double later = g.snapshot(kT0 + 3 * kHour).device.memory_free_kib;
  EXPECT_LT(later, early * 0.95);
}

TEST_P(SnapshotOfModelTest, OneReadStaysSmall) {
  Gateway g(GetParam(), busy_home());
  put_on_extenders(g.home);
  // Every path the model must have is there, and the answer is the branches the snapshot needs:
  // no hosts, no management or time settings, a few hundred values for a busy three-node home.
  for (const std::string& path : telemetry_paths(g.dm->root())) {
    bool optional = false;
    for (const char* part : {"DSL.", "PPP.", "XPON.", "UploadDiagnostics.", "Layer3Forwarding", "FailedConnectionEvent"}) {
      optional = optional || path.find(part) != std::string::npos;
    }
    if (!optional) {
      EXPECT_FALSE(g.dm->parameters_under(path, kT0 + kMinute).empty()) << path;
    }
  }
  const std::vector<cwmp::ParameterValue> read = g.read(kT0 + kMinute);
  for (const cwmp::ParameterValue& v : read) {
    for (const char* part : {".Hosts.", ".ManagementServer.", ".Time.", "NeighboringWiFiDiagnostic"}) {
      EXPECT_EQ(v.name.find(part), std::string::npos) << v.name;
    }
  }
  EXPECT_LT(read.size(), g.tr098() ? 300u : 800u);
}

// The narrowed read (telemetry.h) gives the snapshot the full read gives, with fewer values and
// none of the Wi-Fi settings or secrets.
TEST_P(SnapshotOfModelTest, NarrowedReadGivesTheSameSnapshot) {
  Gateway g(GetParam(), busy_home());
  const std::string root = g.dm->root();
  const std::vector<cwmp::ParameterValue> first = g.read(kT0 + kMinute);
  const NarrowedRead learned = learn_narrowed_read(root, first);
  if (!g.tr098()) {
    EXPECT_TRUE(learned.empty());
    EXPECT_TRUE(narrowed_telemetry_paths(root, learned).empty());
    return;
  }
  ASSERT_FALSE(learned.empty());
  const std::vector<std::string> paths = narrowed_telemetry_paths(root, learned);
  for (const std::string& path : paths) {  // the device has every one (a table may be empty)
    if (path.find("UploadDiagnostics") != std::string::npos) continue;  // optional in the full read too
    if (path.back() == '.') {
      EXPECT_FALSE(g.dm->objects_under(path, kT0 + kMinute).empty()) << path;
    } else {
      EXPECT_TRUE(g.dm->get(path, kT0 + kMinute).has_value()) << path;
    }
  }
  CounterState full_counters;
  CounterState narrow_counters;
  build_snapshot(g.device_id, root, first, kT0 + kMinute, full_counters);
  build_snapshot(g.device_id, root, first, kT0 + kMinute, narrow_counters);
  const int64_t t = kT0 + 6 * kMinute;
  const std::vector<cwmp::ParameterValue> full = g.read(t);
  const std::vector<cwmp::ParameterValue> narrow = g.read(paths, t);
  EXPECT_LT(narrow.size() * 4, full.size() * 3) << narrow.size() << " of " << full.size();
  for (const cwmp::ParameterValue& v : narrow) {
    for (const char* part : {"KeyPassphrase", "PreSharedKey", "WEPKey", ".SSID", "BeaconType", "EncryptionModes"}) {
      EXPECT_EQ(v.name.find(part), std::string::npos) << v.name;
    }
  }
  const HomeSnapshot a = build_snapshot(g.device_id, root, full, t, full_counters);
  const HomeSnapshot b = build_snapshot(g.device_id, root, narrow, t, narrow_counters);
  ASSERT_EQ(a.radios.size(), b.radios.size());
  for (size_t i = 0; i < a.radios.size(); ++i) {
    const Radio& x = a.radios[i];
    const Radio& y = b.radios[i];
    EXPECT_EQ(x.id, y.id);
    EXPECT_EQ(x.path, y.path);
    EXPECT_EQ(x.enabled, y.enabled);
    EXPECT_EQ(x.channel, y.channel);
    EXPECT_EQ(x.auto_channel, y.auto_channel);
    EXPECT_EQ(x.possible_channels, y.possible_channels);
    EXPECT_EQ(x.clients, y.clients);
    EXPECT_EQ(x.neighbour_bss, y.neighbour_bss);
    EXPECT_EQ(known(x.utilisation_pct), known(y.utilisation_pct));
    if (known(x.utilisation_pct)) {
      EXPECT_DOUBLE_EQ(x.utilisation_pct, y.utilisation_pct);
    }
    EXPECT_EQ(known(x.noise_dbm), known(y.noise_dbm));
    EXPECT_EQ(known(x.tx_power_pct), known(y.tx_power_pct));
  }
  ASSERT_EQ(a.stations.size(), b.stations.size());
  EXPECT_FALSE(a.stations.empty());
  for (size_t i = 0; i < a.stations.size(); ++i) {
    const Station& x = a.stations[i];
    const Station& y = b.stations[i];
    EXPECT_EQ(x.mac, y.mac);
    EXPECT_EQ(x.band, y.band);
    EXPECT_EQ(x.radio, y.radio);
    EXPECT_EQ(known(x.signal_dbm), known(y.signal_dbm));
    if (known(x.signal_dbm)) {
      EXPECT_DOUBLE_EQ(x.signal_dbm, y.signal_dbm);
    }
    EXPECT_EQ(known(x.phy_down_mbps), known(y.phy_down_mbps));
    EXPECT_EQ(x.associated_s, y.associated_s);
  }
  EXPECT_EQ(a.join_failures.count, b.join_failures.count);
  EXPECT_EQ(a.wan.up, b.wan.up);
  EXPECT_EQ(a.device.uptime_s, b.device.uptime_s);
}

TEST(NarrowedReadTest, LearnsRowsLeavesAndVendorNamesCompactly) {
  const std::string t = "InternetGatewayDevice.LANDevice.1.WLANConfiguration.";
  const std::vector<cwmp::ParameterValue> full = {
      {t + "5.Channel", "36", cwmp::ValueType::kUnsignedInt},
      {t + "5.KeyPassphrase", "secret", cwmp::ValueType::kString},
      {t + "5.X_ACME_ChannelUtilization", "40", cwmp::ValueType::kUnsignedInt},
      {t + "5.X_ACME_Unrelated", "1", cwmp::ValueType::kUnsignedInt},
      {t + "1.Channel", "6", cwmp::ValueType::kUnsignedInt},
      {t + "1.RadioEnabled", "true", cwmp::ValueType::kBoolean},
      {t + "1.AssociatedDevice.3.AssociatedDeviceMACAddress", "AA:BB:CC:00:11:22", cwmp::ValueType::kString},
      {t + "1.PreSharedKey.1.KeyPassphrase", "secret", cwmp::ValueType::kString},
      {t + "x.Channel", "1", cwmp::ValueType::kUnsignedInt},  // not an instance: ignored
      {"InternetGatewayDevice.DeviceInfo.UpTime", "5", cwmp::ValueType::kUnsignedInt},
  };
  const NarrowedRead r = learn_narrowed_read("InternetGatewayDevice.", full);
  ASSERT_EQ(r.rows.size(), 2u);
  EXPECT_EQ(r.vendor_leaves, std::vector<std::string>{"X_ACME_ChannelUtilization"});
  const std::vector<std::string> paths = narrowed_telemetry_paths("InternetGatewayDevice.", r);
  auto has = [&](const std::string& p) { return std::find(paths.begin(), paths.end(), p) != paths.end(); };
  EXPECT_TRUE(has(t + "1.RadioEnabled"));
  EXPECT_TRUE(has(t + "1.Channel"));
  EXPECT_TRUE(has(t + "1.AssociatedDevice."));
  EXPECT_TRUE(has(t + "5.Channel"));
  EXPECT_TRUE(has(t + "5.X_ACME_ChannelUtilization"));
  EXPECT_FALSE(has(t + "5.AssociatedDevice."));  // it showed no station table
  EXPECT_FALSE(has(t));
  EXPECT_TRUE(has("InternetGatewayDevice.DeviceInfo.UpTime"));
  EXPECT_TRUE(has("InternetGatewayDevice.WANDevice.1."));
  for (const std::string& p : paths) {
    EXPECT_EQ(p.find("KeyPassphrase"), std::string::npos) << p;
    EXPECT_EQ(p.find("Unrelated"), std::string::npos) << p;
  }
  // A full read without Wi-Fi rows, or of the other root, has nothing to narrow.
  EXPECT_TRUE(learn_narrowed_read("InternetGatewayDevice.", {full.back()}).empty());
  EXPECT_TRUE(learn_narrowed_read("Device.", full).empty());
}

INSTANTIATE_TEST_SUITE_P(Models, SnapshotOfModelTest, every_model(), model_name);

}  // namespace
}  // namespace hearth::diag
