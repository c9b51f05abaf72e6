// Counter arithmetic and the encodings of the data models: 32-bit wrap, reset at boot, the
// "no data" maximum values, RCPI/ANPI, 0..255 utilisation, bands, widths, channel lists.
#include <gtest/gtest.h>

#include <cmath>

#include "diag/telemetry.h"
#include "diag/telemetry/codes.h"
#include "diag/telemetry/counters.h"

namespace hearth::diag {
namespace {

using telemetry::Counters;

TEST(CounterDeltaTest, FollowsStatsCounterRules) {
  struct Case {
    uint64_t before, now;
    int bits;
    int64_t want;
  } cases[] = {
      {100, 250, 32, 150},
      {100, 100, 32, 0},
      {0xfffffff0ULL, 0x10, 32, 0x20},       // wrapped through zero once
      {0xffffffffULL, 5, 32, -1},            // "no data" before
      {5, 0xffffffffULL, 32, -1},            // "no data" now
      {0x100000000ULL, 5, 32, -1},           // not a 32-bit value
      {1000, 5000, 64, 4000},
      {5000, 1000, 64, -1},                  // a 64-bit counter never wraps: it was reset
      {~0ULL, 5, 64, -1},                    // "no data"
      {5, ~0ULL, 64, -1},
      {0, 0x8000000000000000ULL, 64, -1},    // beyond a signed delta
  };
  for (const Case& c : cases) {
    EXPECT_EQ(counter_delta(c.before, c.now, c.bits), c.want) << c.before << " -> " << c.now << " /" << c.bits;
  }
}

TEST(EncodingTest, RcpiAndUtilisation) {
  EXPECT_DOUBLE_EQ(rcpi_to_dbm(0), -110);
  EXPECT_DOUBLE_EQ(rcpi_to_dbm(220), 0);
  EXPECT_DOUBLE_EQ(rcpi_to_dbm(90), -65);
  EXPECT_DOUBLE_EQ(rcpi_to_dbm(91), -64.5);
  EXPECT_TRUE(std::isnan(rcpi_to_dbm(255)));  // measurement not available
  EXPECT_TRUE(std::isnan(rcpi_to_dbm(221)));  // reserved
  EXPECT_TRUE(std::isnan(rcpi_to_dbm(-1)));
  EXPECT_TRUE(std::isnan(rcpi_to_dbm(kUnknown)));
  EXPECT_DOUBLE_EQ(utilisation_255_to_pct(0), 0);
  EXPECT_DOUBLE_EQ(utilisation_255_to_pct(255), 100);
  EXPECT_NEAR(utilisation_255_to_pct(128), 50.2, 0.01);
  EXPECT_TRUE(std::isnan(utilisation_255_to_pct(256)));
  // Some firmware writes dBm where RCPI belongs: a negative value is already dBm.
  EXPECT_DOUBLE_EQ(telemetry::signal_dbm(-67), -67);
  EXPECT_DOUBLE_EQ(telemetry::signal_dbm(86), -67);
}

TEST(EncodingTest, BandsWidthsChannelsGenerations) {
  EXPECT_STREQ(band_name(Band::k2g), "2.4GHz");
  EXPECT_STREQ(band_name(Band::k5g), "5GHz");
  EXPECT_STREQ(band_name(Band::k6g), "6GHz");
  using namespace telemetry;
  EXPECT_EQ(parse_band("2.4GHz"), Band::k2g);
  EXPECT_EQ(parse_band("5GHz"), Band::k5g);
  EXPECT_EQ(parse_band("6GHz"), Band::k6g);
  EXPECT_FALSE(parse_band(""));
  struct ClassCase {
    int op_class;
    std::optional<Band> band;
    int width;
  } classes[] = {{81, Band::k2g, 20},  {83, Band::k2g, 40},  {115, Band::k5g, 20}, {116, Band::k5g, 40},
                 {128, Band::k5g, 80}, {129, Band::k5g, 160}, {131, Band::k6g, 20}, {134, Band::k6g, 160},
                 {137, Band::k6g, 320}, {0, std::nullopt, -1}};
  for (const ClassCase& c : classes) {
    EXPECT_EQ(band_of_class(c.op_class), c.band) << c.op_class;
    EXPECT_EQ(width_of_class(c.op_class), c.width) << c.op_class;
  }
  EXPECT_EQ(band_of_channel(6), Band::k2g);
  EXPECT_EQ(band_of_channel(100), Band::k5g);
  EXPECT_FALSE(band_of_channel(0));
  EXPECT_EQ(parse_width("80MHz"), 80);
  EXPECT_EQ(parse_width("320MHz-2"), 320);
  EXPECT_EQ(parse_width("80+80MHz"), 160);
  EXPECT_EQ(parse_width("Auto"), -1);
  EXPECT_EQ(parse_channels("1-4,11"), (std::vector<int>{1, 2, 3, 4, 11}));
  EXPECT_EQ(parse_channels("36, 40,44"), (std::vector<int>{36, 40, 44}));
  EXPECT_EQ(parse_channels("x,,9-3"), std::vector<int>{});
  EXPECT_EQ(generation_of_standard("be"), 7);
  EXPECT_EQ(generation_of_standard("ax"), 6);
  EXPECT_EQ(generation_of_standard("ac"), 5);
  EXPECT_EQ(generation_of_standard("n"), 4);
  EXPECT_EQ(generation_of_standard("g"), 3);
  EXPECT_EQ(generation_of_standard(""), -1);
}

cwmp::ParameterValue counter(uint64_t v, cwmp::ValueType type = cwmp::ValueType::kUnsignedLong) {
  return {"X", std::to_string(v), type};
}

constexpr int64_t kT = 1'767'571'200'000;

TEST(CountersTest, RatesWithinOneBoot) {
  CounterState state;
  {
    Counters c(state, kT, 1000);
    EXPECT_FALSE(c.comparable());  // nothing to compare with yet
    const auto v = counter(1'000'000);
    EXPECT_TRUE(std::isnan(c.rate_mbps("wan/rx", &v, 64)));
    c.finish();
  }
  Counters c(state, kT + 60'000, 1060);
  ASSERT_TRUE(c.comparable());
  const auto v = counter(1'000'000 + 7'500'000);  // 7.5 MB in 60 s
  EXPECT_NEAR(c.rate_mbps("wan/rx", &v, 64), 1.0, 1e-9);
  const auto w = counter(5);
  EXPECT_TRUE(std::isnan(c.rate_mbps("wan/tx", &w, 64)));  // a counter seen for the first time
}

TEST(CountersTest, NoRatesAcrossABoot) {
  struct Case {
    const char* what;
    int64_t uptime_before, uptime_now, elapsed_ms;
    bool comparable;
  } cases[] = {
      {"same boot", 1000, 1300, 300'000, true},
      {"uptime went down", 1000, 20, 300'000, false},
      {"rebooted and ran longer than before", 10, 200, 300'000, false},
      {"uptime unknown", -1, 1300, 300'000, true},
      {"time did not move", 1000, 1000, 0, false},
  };
  for (const Case& k : cases) {
    CounterState state;
    state.time_ms = kT;
    state.uptime_s = k.uptime_before;
    state.values["c"] = 100;
    Counters c(state, kT + k.elapsed_ms, k.uptime_now);
    EXPECT_EQ(c.comparable(), k.comparable) << k.what;
    const auto v = counter(200);
    EXPECT_EQ(c.delta("c", &v, 64) >= 0, k.comparable) << k.what;
  }
}

TEST(CountersTest, WrapOfA32BitCounterAndGoneEntriesDropped) {
  CounterState state;
  state.time_ms = kT;
  state.uptime_s = 100;
  state.values["wan/rx"] = 0xffffff00ULL;
  state.values["sta/gone/down_bytes"] = 7;
  Counters c(state, kT + 10'000, 110);
  const auto v = counter(0x100, cwmp::ValueType::kUnsignedInt);
  EXPECT_EQ(c.delta("wan/rx", &v, 64), 0x200);  // the type says 32 bits
  const auto s = cwmp::ParameterValue{"X", "0x", cwmp::ValueType::kString};
  EXPECT_EQ(c.delta("bad", &s, 32), -1);
  c.finish();
  EXPECT_EQ(state.values.count("sta/gone/down_bytes"), 0u);
  EXPECT_EQ(state.values.at("wan/rx"), 0x100u);
  EXPECT_EQ(state.time_ms, kT + 10'000);
  EXPECT_EQ(state.uptime_s, 110);
}

TEST(CountersTest, EventsKeepTheNewest) {
  CounterState state;
  Counters c(state, kT, 10);
  EXPECT_EQ(c.last_event_ms("e"), 0);
  c.saw_event("e", kT - 5000);
  c.saw_event("e", kT - 9000);  // older: ignored
  EXPECT_EQ(c.last_event_ms("e"), kT - 5000);
  c.finish();
  EXPECT_EQ(state.last_event_ms.at("e"), kT - 5000);
}

}  // namespace
}  // namespace hearth::diag
