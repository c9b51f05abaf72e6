// What rendering costs (not a pass/fail test: timings depend on the machine). Run with
//   sim_model_test --gtest_also_run_disabled_tests --gtest_filter='*Cost*'
// It prints microseconds per call of parameters() and of get() for a 20-station home.
#include <malloc.h>

#include <chrono>
#include <cstdio>

#include <gtest/gtest.h>

#include "sim/model/model_test_support.h"

namespace hearth::sim::model {
namespace {

using testing::kT0;

template <class F>
double micros_per_call(int calls, F&& f) {
  const auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < calls; ++i) f(i);
  const auto end = std::chrono::steady_clock::now();
  return std::chrono::duration<double, std::micro>(end - start).count() / calls;
}

TEST(DataModelCost, DISABLED_TwentyStationHome) {
  for (uint8_t m : {testing::tr181_model(), testing::tr181_6g_model(), testing::tr098_model()}) {
    testing::HomeSpec spec;
    spec.model = m;
    spec.stations = 20;
    spec.extenders = 2;
    Home home = testing::make_home(spec);
    for (size_t i = 0; i < home.stations.size(); ++i) home.stations[i].node = static_cast<uint8_t>(i % 3);
    auto dm = make_data_model(home, DataModelOptions{"http://acs.example/", 300, "", ""});
    dm->booted(kT0);
    size_t count = 0;
    const double all = micros_per_call(200, [&](int i) { count = dm->parameters(kT0 + i * 1000).size(); });
    const auto inform = dm->inform_parameter_names();
    const double one = micros_per_call(2000, [&](int i) {
      for (const auto& n : inform) (void)dm->get(n, kT0 + i * 1000);
    }) / static_cast<double>(inform.size());
    const double station = micros_per_call(2000, [&](int i) {
      (void)dm->get(dm->root() == "Device." ? "Device.WiFi.AccessPoint.1.AssociatedDevice.1.SignalStrength"
                                            : "InternetGatewayDevice.LANDevice.1.Hosts.Host.3.HostName",
                    kT0 + i * 1000);
    });
    std::printf("{\"model\":\"%s\",\"parameters\":%zu,\"parameters_us\":%.1f,\"get_inform_us\":%.2f,"
                "\"get_station_us\":%.2f}\n",
                models()[m].model_name.c_str(), count, all, one, station);
    EXPECT_GT(count, 500u);
  }
}

// Heap bytes a data model holds once it has been read in full (the Home not counted).
TEST(DataModelCost, DISABLED_BytesPerDevice) {
  constexpr int kDevices = 2000;
  std::vector<Home> homes;
  homes.reserve(kDevices);
  for (int i = 0; i < kDevices; ++i) {
    testing::HomeSpec spec;
    spec.model = static_cast<uint8_t>(i % models().size());
    spec.stations = 12;
    homes.push_back(testing::make_home(spec));
  }
  std::vector<std::unique_ptr<DataModel>> dms;
  dms.reserve(kDevices);
  const size_t before = mallinfo2().uordblks;
  for (auto& h : homes) {
    dms.push_back(make_data_model(h, DataModelOptions{"http://acs.example:7547/", 300, "", ""}));
    dms.back()->booted(kT0);
    (void)dms.back()->parameters(kT0 + 60000);
  }
  const size_t after = mallinfo2().uordblks;
  // (Under a sanitizer mallinfo2 does not see the allocations: nothing to report.)
  if (after > before) std::printf("{\"bytes_per_device\":%.0f}\n", double(after - before) / kDevices);
}

}  // namespace
}  // namespace hearth::sim::model
