// Time-series points, their encodings and hourly rollups.
#include "insight/points.h"

#include <gtest/gtest.h>

namespace hearth::insight {
namespace {

TEST(PointsTest, SnapshotGivesKeysForEveryEntityAndLeavesUnknownsOut) {
  diag::HomeSnapshot s;
  s.wan.up = true;
  s.wan.rx_mbps = 12.5;
  s.device.memory_total_kib = 1000;
  s.device.memory_free_kib = 250;
  diag::Radio r;
  r.id = "gw/5GHz";
  r.utilisation_pct = 40;
  r.clients = 3;
  r.channel = 36;
  s.radios.push_back(r);
  diag::Station st;
  st.mac = "aa:bb:cc:dd:ee:ff";
  st.signal_dbm = -71;
  s.stations.push_back(st);
  diag::Diagnosis d;
  d.health = 87;
  d.station_health["aa:bb:cc:dd:ee:ff"] = 60;
  const Points p = points_of(s, d);
  auto value = [&](const std::string& k) {
    for (const auto& [key, v] : p) {
      if (key == k) return v;
    }
    return -999.0;
  };
  EXPECT_EQ(value("health"), 87);
  EXPECT_EQ(value("wan/up"), 1);
  EXPECT_EQ(value("wan/rx_mbps"), 12.5);
  EXPECT_EQ(value("wan/tx_mbps"), -999);  // unknown: left out
  EXPECT_EQ(value("device/memory_free_pct"), 25);
  EXPECT_EQ(value("radio/gw/5GHz/utilisation_pct"), 40);
  EXPECT_EQ(value("radio/gw/5GHz/clients"), 3);
  EXPECT_EQ(value("sta/aa:bb:cc:dd:ee:ff/signal_dbm"), -71);
  EXPECT_EQ(value("sta/aa:bb:cc:dd:ee:ff/health"), 60);
}

TEST(PointsTest, EncodingRoundTripsAndFindsOneKey) {
  const Points p{{"health", 87}, {"sta/aa:bb/signal_dbm", -71.5}, {"wan/rx_mbps", 0.000125}};
  const std::string text = encode_points(p);
  EXPECT_EQ(decode_points(text), p);
  double v = 0;
  EXPECT_TRUE(find_point(text, "sta/aa:bb/signal_dbm", &v));
  EXPECT_EQ(v, -71.5);
  EXPECT_FALSE(find_point(text, "sta/aa:bb", &v));
  EXPECT_EQ(decode_points("broken\n=1\nx=notanumber\ny=2\n"), (Points{{"y", 2}}));
}

TEST(PointsTest, EncodingGroupsKeysByPrefixAndReadsTheOldLinesToo) {
  const Points p{{"health", 100},
                 {"wan/up", 1},
                 {"radio/gw/5GHz/utilisation_pct", 14},
                 {"radio/gw/5GHz/clients", 2},
                 {"sta/aa:bb:cc:dd:ee:ff/signal_dbm", -53},
                 {"sta/aa:bb:cc:dd:ee:ff/phy_down_mbps", 866},
                 {"sta/aa:bb:cc:dd:ee:01/signal_dbm", -60},
                 {"total", 3},
                 {"wan/rx_mbps", 2.5}};
  const std::string text = encode_points(p);
  EXPECT_EQ(text,
            "health=100\nwan/\tup=1\nradio/gw/5GHz/\tutilisation_pct=14\tclients=2\n"
            "sta/aa:bb:cc:dd:ee:ff/\tsignal_dbm=-53\tphy_down_mbps=866\nsta/aa:bb:cc:dd:ee:01/\tsignal_dbm=-60\n"
            "total=3\nwan/\trx_mbps=2.5\n");
  EXPECT_EQ(decode_points(text), p);
  double v = 0;
  EXPECT_TRUE(find_point(text, "sta/aa:bb:cc:dd:ee:ff/phy_down_mbps", &v));
  EXPECT_EQ(v, 866);
  EXPECT_TRUE(find_point(text, "wan/rx_mbps", &v));
  EXPECT_EQ(v, 2.5);
  EXPECT_FALSE(find_point(text, "sta/aa:bb:cc:dd:ee:ff/", &v));
  EXPECT_FALSE(find_point(text, "phy_down_mbps", &v));
  // A sample stored as one "key=value" line per point reads the same.
  std::string old;
  for (const auto& [k, x] : p) old += k + "=" + std::to_string(static_cast<int>(x == 2.5 ? 0 : x)) + "\n";
  Points expected = p;
  expected.back().second = 0;
  EXPECT_EQ(decode_points(old), expected);
  EXPECT_TRUE(find_point(old, "sta/aa:bb:cc:dd:ee:01/signal_dbm", &v));
  EXPECT_EQ(v, -60);
  // Broken grouped lines lose only their broken fields.
  EXPECT_EQ(decode_points("sta/x/\tbroken\t=1\ta=notanumber\tb=2\n"), (Points{{"sta/x/b", 2}}));
}

TEST(PointsTest, RollupKeepsCountSumMinMax) {
  Rollup r;
  add_points(r, {{"health", 80}, {"wan/up", 1}});
  add_points(r, {{"health", 60}});
  add_points(r, {{"health", 100}});
  const std::string text = encode_rollup(r);
  Aggregate a;
  ASSERT_TRUE(find_aggregate(text, "health", &a));
  EXPECT_EQ(a.count, 3u);
  EXPECT_EQ(a.sum, 240);
  EXPECT_EQ(a.min, 60);
  EXPECT_EQ(a.max, 100);
  const Rollup back = decode_rollup(text);
  EXPECT_EQ(back.at("wan/up").count, 1u);
  EXPECT_EQ(hour_of(7'200'000 + 1234), 7'200'000);
}

}  // namespace
}  // namespace hearth::insight
