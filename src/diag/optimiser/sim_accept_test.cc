// The optimiser against hearth-sim's gateways: it reads the neighbour scan the simulated TR-181
// gateway renders, and the simulated gateways (TR-181 and the Huawei-like TR-098) accept the
// values it sets, with the names and types they report, and their channel changes.
#include <gtest/gtest.h>

#include <cstdlib>

#include "core/strings.h"
#include "diag/optimiser/test_home.h"
#include "sim/data_model.h"
#include "sim/model/model_test_support.h"
#include "sim/models.h"

namespace hearth::diag {
namespace {

using cwmp::ParameterValue;
using cwmp::ValueType;
using testing::kNight;
using Kind = OptimiserAction::Kind;
namespace simt = sim::model::testing;

struct SimGateway {
  explicit SimGateway(uint8_t model, std::vector<sim::Neighbour> neighbours = {}) {
    simt::HomeSpec spec;
    spec.model = model;
    home = simt::make_home(spec);
    if (!neighbours.empty()) home.env.neighbours = std::move(neighbours);
    dm = sim::make_data_model(home, sim::DataModelOptions{"http://acs.example/", 300, "", ""});
    dm->booted(testing::kT0);
  }
  std::string get(const std::string& name, int64_t now) {
    auto p = dm->get(name, now);
    return p ? p->value : "<missing>";
  }
  // A gateway radio as telemetry would describe it.
  Radio radio(const std::string& id, const std::string& path, Band band, int64_t now) {
    Radio r;
    r.id = id;
    r.path = path;
    r.band = band;
    r.channel = static_cast<int>(parse_int64(get(path + "Channel", now)).value_or(-1));
    const std::string possible = get(path + "PossibleChannels", now);
    for (auto c : split(possible, ',')) {
      if (auto n = parse_int64(trim(c))) r.possible_channels.push_back(static_cast<int>(*n));
    }
    r.width_mhz = std::atoi(get(path + "OperatingChannelBandwidth", now).c_str());  // "80MHz"
    return r;
  }
  // Runs the neighbour scan as the service would and returns its results, parsed.
  std::vector<NeighbourBss> scan(int64_t now) {
    const std::string obj = "Device.WiFi.NeighboringWiFiDiagnostic.";
    EXPECT_TRUE(
        dm->set({{obj + "DiagnosticsState", "Requested", ValueType::kString}}, now).faults.empty());
    const int64_t done = now + dm->diagnostic_duration_ms(sim::DiagnosticKind::kNeighboringWiFi);
    dm->complete_diagnostic(sim::DiagnosticKind::kNeighboringWiFi, done);
    std::vector<ParameterValue> values;
    for (const auto& p : dm->parameters_under(obj, done))
      values.push_back({p.name, p.value, p.type});
    return parse_neighbour_scan(values);
  }
  // Every value names a writable parameter of the type the gateway reports; then it is applied.
  void apply(const OptimiserAction& a, int64_t now) {
    for (const ParameterValue& v : a.values) {
      auto p = dm->get(v.name, now);
      ASSERT_TRUE(p.has_value()) << v.name;
      EXPECT_TRUE(p->writable) << v.name;
      EXPECT_EQ(p->type, v.type) << v.name;
    }
    const sim::SetOutcome out = dm->set(a.values, now);
    EXPECT_EQ(out.fault_code, 0u);
    EXPECT_TRUE(out.faults.empty());
  }
  sim::Home home;
  std::unique_ptr<sim::DataModel> dm;
};

sim::Neighbour neighbour(uint8_t n, sim::Band band, uint8_t channel, int8_t rssi,
                         uint8_t width = 20) {
  sim::Neighbour b;
  b.bssid = simt::mac(9, 1, n);
  b.ssid = "N" + std::to_string(n);
  b.band = band;
  b.channel = channel;
  b.rssi_dbm = rssi;
  b.width_mhz = width;
  return b;
}

TEST(SimAcceptTest, ReadsTheSimulatedNeighbourScan) {
  SimGateway gw(simt::tr181_model());
  const auto scan = gw.scan(kNight);
  ASSERT_EQ(scan.size(), gw.home.env.neighbours.size());
  for (size_t i = 0; i < scan.size(); ++i) {
    const sim::Neighbour& n = gw.home.env.neighbours[i];
    EXPECT_EQ(scan[i].channel, n.channel);
    EXPECT_EQ(scan[i].band, n.band == sim::Band::k2g ? Band::k2g : Band::k5g);
    EXPECT_EQ(scan[i].width_mhz, n.width_mhz);
    EXPECT_DOUBLE_EQ(scan[i].signal_dbm, n.rssi_dbm);
    EXPECT_EQ(scan[i].bssid.size(), 17u);
  }
}

TEST(SimAcceptTest, Tr181GatewayTakesTheChannelAndTheRollback) {
  SimGateway gw(simt::tr181_model(),
                {neighbour(1, sim::Band::k2g, 6, -50), neighbour(2, sim::Band::k2g, 6, -55),
                 neighbour(3, sim::Band::k2g, 5, -60), neighbour(4, sim::Band::k5g, 36, -80, 80)});
  HomeSnapshot snap;
  snap.root = "Device.";
  snap.radios = {gw.radio("gw/2.4GHz", "Device.WiFi.Radio.1.", Band::k2g, kNight),
                 gw.radio("gw/5GHz", "Device.WiFi.Radio.2.", Band::k5g, kNight)};
  ASSERT_EQ(snap.radios[0].channel, 6);
  ASSERT_EQ(snap.radios[0].possible_channels.size(), 13u);
  snap.radios[0].utilisation_pct = 20;
  testing::Loop loop;
  auto a = loop.run(snap, gw.scan(kNight), kNight, kNight + 5 * testing::kMinute);
  ASSERT_EQ(a.size(), 1u);
  ASSERT_EQ(a[0].kind, Kind::kSetChannel);
  EXPECT_EQ(a[0].to_channel, 11);
  gw.apply(a[0], kNight + 10 * testing::kMinute);
  EXPECT_EQ(gw.home.nodes[0].channel_2g, 11);
  EXPECT_EQ(gw.get("Device.WiFi.Radio.1.Channel", kNight + 11 * testing::kMinute), "11");
  EXPECT_EQ(gw.get("Device.WiFi.Radio.1.AutoChannelEnable", kNight + 11 * testing::kMinute),
            "false");
  EXPECT_EQ(
      gw.get("Device.WiFi.Radio.1.ChannelLastSelectionReason", kNight + 11 * testing::kMinute),
      "Manual");
  // Worse an hour later: the rollback's values are accepted too.
  const int64_t later = kNight + 70 * testing::kMinute;
  snap.radios[0] = gw.radio("gw/2.4GHz", "Device.WiFi.Radio.1.", Band::k2g, later);
  snap.radios[0].utilisation_pct = 45;
  a = loop.run(snap, {}, kNight, later);
  ASSERT_EQ(a.size(), 1u);
  ASSERT_EQ(a[0].kind, Kind::kRollback);
  gw.apply(a[0], later);
  EXPECT_EQ(gw.home.nodes[0].channel_2g, 6);
  EXPECT_EQ(gw.get("Device.WiFi.Radio.1.AutoChannelEnable", later), "false");
}

TEST(SimAcceptTest, SixGhzRadioMovesToAFreeBlock) {
  SimGateway gw(simt::tr181_6g_model());
  Radio r = gw.radio("gw/6GHz", "Device.WiFi.Radio.3.", Band::k6g, kNight);
  ASSERT_GT(r.channel, 0);
  ASSERT_FALSE(r.possible_channels.empty());
  HomeSnapshot snap;
  snap.root = "Device.";
  snap.radios = {r};
  const std::vector<NeighbourBss> scan = {testing::bss(Band::k6g, r.channel, -50, r.width_mhz),
                                          testing::bss(Band::k6g, r.channel, -55, 20)};
  testing::Loop loop;
  const auto a = loop.run(snap, scan, kNight, kNight);
  ASSERT_EQ(a.size(), 1u);
  ASSERT_NE(a[0].to_channel, r.channel);
  gw.apply(a[0], kNight);
  EXPECT_EQ(gw.get("Device.WiFi.Radio.3.Channel", kNight), std::to_string(a[0].to_channel));
}

TEST(SimAcceptTest, Tr098GatewayTakesTheChannel) {
  SimGateway gw(simt::tr098_model());
  const std::string w1 = "InternetGatewayDevice.LANDevice.1.WLANConfiguration.1.";
  HomeSnapshot snap;
  snap.root = "InternetGatewayDevice.";
  snap.radios = {gw.radio("gw/2.4GHz", w1, Band::k2g, kNight)};
  ASSERT_EQ(snap.radios[0].channel, 6);
  testing::Loop loop;
  const auto a = loop.run(snap, testing::crowded_6(), kNight, kNight);
  ASSERT_EQ(a.size(), 1u);
  gw.apply(a[0], kNight);
  EXPECT_EQ(gw.home.nodes[0].channel_2g, a[0].to_channel);
  EXPECT_EQ(gw.get(w1 + "AutoChannelEnable", kNight), "false");
}

TEST(SimAcceptTest, BandSteeringSwitchIsAccepted) {
  const uint8_t model = simt::tr181_model();
  SimGateway gw(model);
  const std::string path =
      "Device.WiFi." + sim::models()[model].vendor_prefix + "BandSteeringEnable";
  if (!gw.dm->get(path, kNight)) GTEST_SKIP() << path << " is not in this simulator build";
  HomeSnapshot snap = testing::home();
  snap.stations.push_back(testing::station(Band::k2g, -48, 6));
  testing::Loop loop;
  loop.steering_path = path;
  const auto a = loop.run(snap, {}, kNight, kNight);
  ASSERT_FALSE(a.empty());
  ASSERT_EQ(a.back().kind, Kind::kEnableBandSteering);
  gw.apply(a.back(), kNight);
  EXPECT_EQ(gw.get(path, kNight), "true");
}

}  // namespace
}  // namespace hearth::diag
