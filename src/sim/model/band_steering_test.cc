// Band steering: the TR-181 vendor switch WiFi.<prefix>BandSteeringEnable, what turning it on
// does to the home's stations, and the association choice (radio.h) that honours it.
#include <gtest/gtest.h>

#include "sim/dynamics.h"
#include "sim/model/model_test_support.h"
#include "sim/radio.h"

namespace hearth::sim::model {
namespace {

using cwmp::ParameterValue;
using cwmp::ValueType;
using testing::kMinute;
using testing::kT0;

std::string steering_name(uint8_t model) { return "Device.WiFi." + model_of(model).vendor_prefix + "BandSteeringEnable"; }

// Moves `s` away from the gateway until its 5 GHz signal there is fair but not strong: where a
// client left to itself stays on 2.4 GHz and a steering gateway moves it.
bool place_in_steering_range(const Home& h, Station& s) {
  for (float x = 2.5f; x < 40; x += 0.25f) {
    s.x_m = s.anchor_x_m = x;
    const float dbm = station_link_on(h, s, 0, Band::k5g).signal_dbm;
    if (dbm < kClientPrefers5gDbm && dbm >= kBandSteerDbm + 1) return true;
  }
  return false;
}

Home single_node_home(uint8_t model) {
  testing::HomeSpec spec;
  spec.model = model;
  spec.extenders = 0;
  return testing::make_home(spec);
}

TEST(BandSteeringTest, EveryTr181ModelHasAWritableSwitchThatIsOffByDefault) {
  for (size_t m = 0; m < models().size(); ++m) {
    const ModelInfo& info = models()[m];
    SCOPED_TRACE(info.product_class);
    Home h = single_node_home(static_cast<uint8_t>(m));
    auto dm = make_data_model(h, DataModelOptions{"http://acs.example/", 300, "", ""});
    bool seen = false;
    for (const Param& p : dm->parameters(kT0)) {
      if (p.name.find("BandSteering") == std::string::npos) continue;
      seen = true;
      EXPECT_EQ(p.name, steering_name(static_cast<uint8_t>(m)));
      EXPECT_EQ(p.value, "false");
      EXPECT_EQ(p.type, ValueType::kBoolean);
      EXPECT_TRUE(p.writable);
    }
    EXPECT_EQ(seen, !info.tr098);  // the TR-098 model has none
  }
}

TEST(BandSteeringTest, TurningItOnMovesDualBandStationsWithAFairSignalTo5Ghz) {
  const uint8_t model = testing::tr181_model();
  Home h = single_node_home(model);
  h.stations.resize(2);
  Station& fair = h.stations[0];       // dual-band, on 2.4 GHz, 5 GHz fair
  Station& single = h.stations[1];     // 2.4 GHz only, same place
  fair.band = single.band = Band::k2g;
  ASSERT_TRUE(place_in_steering_range(h, fair));
  single.x_m = single.anchor_x_m = fair.x_m;
  single.y_m = single.anchor_y_m = fair.y_m;
  single.dual_band = false;
  auto dm = make_data_model(h, DataModelOptions{"http://acs.example/", 300, "", ""});
  dm->booted(kT0);

  auto out = dm->set({ParameterValue{steering_name(model), "1", ValueType::kBoolean}}, kT0 + kMinute);
  ASSERT_TRUE(out.faults.empty());
  EXPECT_TRUE(h.wifi.band_steering);
  EXPECT_EQ(dm->get(steering_name(model), kT0 + kMinute)->value, "true");
  EXPECT_EQ(fair.band, Band::k5g);
  EXPECT_EQ(fair.associated_since_ms, kT0 + kMinute);
  EXPECT_EQ(single.band, Band::k2g);

  // Turning it off leaves the stations where they are; a factory reset turns it off.
  ASSERT_TRUE(dm->set({ParameterValue{steering_name(model), "false", ValueType::kBoolean}}, kT0 + 2 * kMinute)
                  .faults.empty());
  EXPECT_FALSE(h.wifi.band_steering);
  EXPECT_EQ(fair.band, Band::k5g);
  h.wifi.band_steering = true;
  dm->factory_reset(kT0 + 3 * kMinute);
  EXPECT_FALSE(h.wifi.band_steering);
  EXPECT_EQ(dm->set({ParameterValue{steering_name(model), "maybe", ValueType::kBoolean}}, kT0 + 4 * kMinute)
                .faults.at(0)
                .code,
            9007u);
}

TEST(BandSteeringTest, TheAssociationChoiceHonoursTheSwitch) {
  Home h = single_node_home(testing::tr181_model());
  Station s = h.stations[0];
  ASSERT_TRUE(place_in_steering_range(h, s));
  struct Case {
    bool steering;
    Band expected;
  };
  for (const Case c : {Case{false, Band::k2g}, Case{true, Band::k5g}}) {
    h.wifi.band_steering = c.steering;
    EXPECT_EQ(best_association(h, s).band, c.expected) << c.steering;
    Station joining = s;
    joining.connected = false;
    associate_best(h, joining, kT0);
    EXPECT_EQ(joining.band, c.expected) << c.steering;
  }
  // Close to the gateway every dual-band client picks 5 GHz by itself; far away none is steered.
  h.wifi.band_steering = false;
  s.x_m = 3;
  EXPECT_EQ(best_association(h, s).band, Band::k5g);
  h.wifi.band_steering = true;
  s.x_m = 60;
  s.extra_walls = 6;
  EXPECT_EQ(best_association(h, s).band, Band::k2g);
}

}  // namespace
}  // namespace hearth::sim::model
