// Parsing NeighboringWiFiDiagnostic results: any order, band and width by name, fallbacks.
#include <gtest/gtest.h>

#include "diag/optimiser.h"

namespace hearth::diag {
namespace {

using cwmp::ParameterValue;
using cwmp::ValueType;

const std::string kR = "Device.WiFi.NeighboringWiFiDiagnostic.Result.";

ParameterValue pv(const std::string& name, const std::string& value,
                  ValueType type = ValueType::kString) {
  return ParameterValue{name, value, type};
}

TEST(NeighbourScanTest, RowsByInstanceInAnyOrder) {
  const auto scan = parse_neighbour_scan({
      pv("Device.WiFi.NeighboringWiFiDiagnostic.DiagnosticsState", "Complete"),
      pv("Device.WiFi.NeighboringWiFiDiagnostic.ResultNumberOfEntries", "3",
         ValueType::kUnsignedInt),
      pv(kR + "10.Channel", "100", ValueType::kUnsignedInt),
      pv(kR + "2.SignalStrength", "-71", ValueType::kInt),
      pv(kR + "2.Channel", "11", ValueType::kUnsignedInt),
      pv(kR + "2.OperatingFrequencyBand", "2.4GHz"),
      pv(kR + "2.OperatingChannelBandwidth", "40MHz"),
      pv(kR + "2.BSSID", "AA:BB:CC:DD:EE:02"),
      pv(kR + "10.OperatingFrequencyBand", "5GHz"),
      pv(kR + "10.OperatingChannelBandwidth", "160MHz"),
      pv(kR + "10.SignalStrength", "-80", ValueType::kInt),
      pv(kR + "3.Channel", "37", ValueType::kUnsignedInt),
      pv(kR + "3.OperatingFrequencyBand", "6GHz"),
      pv(kR + "3.OperatingChannelBandwidth", "320MHz-2"),
  });
  ASSERT_EQ(scan.size(), 3u);
  EXPECT_EQ(scan[0].channel, 11);
  EXPECT_EQ(scan[0].band, Band::k2g);
  EXPECT_EQ(scan[0].width_mhz, 40);
  EXPECT_DOUBLE_EQ(scan[0].signal_dbm, -71);
  EXPECT_EQ(scan[0].bssid, "aa:bb:cc:dd:ee:02");
  EXPECT_EQ(scan[1].band, Band::k6g);
  EXPECT_EQ(scan[1].width_mhz, 320);
  EXPECT_FALSE(known(scan[1].signal_dbm));
  EXPECT_EQ(scan[2].channel, 100);
  EXPECT_EQ(scan[2].band, Band::k5g);
  EXPECT_EQ(scan[2].width_mhz, 160);
}

struct FallbackCase {
  const char* channel;
  const char* band;
  const char* width;
  const char* signal;
  Band expect_band;
  int expect_width;
  double expect_signal;  // NaN: unknown
};

class NeighbourFallbackTest : public ::testing::TestWithParam<FallbackCase> {};

TEST_P(NeighbourFallbackTest, FillsWhatTheRowLacks) {
  const FallbackCase& c = GetParam();
  std::vector<ParameterValue> v{pv(kR + "1.Channel", c.channel)};
  if (c.band != nullptr) v.push_back(pv(kR + "1.OperatingFrequencyBand", c.band));
  if (c.width != nullptr) v.push_back(pv(kR + "1.OperatingChannelBandwidth", c.width));
  if (c.signal != nullptr) v.push_back(pv(kR + "1.SignalStrength", c.signal));
  const auto scan = parse_neighbour_scan(v);
  ASSERT_EQ(scan.size(), 1u);
  EXPECT_EQ(scan[0].band, c.expect_band);
  EXPECT_EQ(scan[0].width_mhz, c.expect_width);
  if (known(c.expect_signal)) {
    EXPECT_DOUBLE_EQ(scan[0].signal_dbm, c.expect_signal);
  } else {
    EXPECT_FALSE(known(scan[0].signal_dbm));
  }
}

INSTANTIATE_TEST_SUITE_P(
    Rows, NeighbourFallbackTest,
    ::testing::Values(FallbackCase{"6", nullptr, nullptr, "-60", Band::k2g, 20, -60},
                      FallbackCase{"44", nullptr, "80MHz", "-60", Band::k5g, 80, -60},
                      FallbackCase{"13", "", "Auto", "0", Band::k2g, 20, kUnknown},
                      FallbackCase{"5", "6GHz", "20MHz", "-200", Band::k6g, 20, -200},
                      FallbackCase{" 1 ", "2.4 GHz", " 20MHz ", " -55 ", Band::k2g, 20, -55},
                      FallbackCase{"149", "5ghz", "80+80MHz", "12", Band::k5g, 80, kUnknown}));

TEST(NeighbourScanTest, RowsWithoutAUsableChannelAreSkipped) {
  const auto scan = parse_neighbour_scan({
      pv(kR + "1.SSID", "no channel"),
      pv(kR + "2.Channel", "0"),
      pv(kR + "3.Channel", "x"),
      pv(kR + "4.Channel", "999"),
      pv(kR + "x.Channel", "6"),
      pv(kR + "5", "6"),
      pv("Device.WiFi.Radio.1.Channel", "6"),
  });
  EXPECT_TRUE(scan.empty());
}

}  // namespace
}  // namespace hearth::diag
