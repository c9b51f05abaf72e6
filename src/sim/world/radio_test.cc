// Tests of the radio model (radio.h), table-driven: path loss, signal, PHY rates, channel
// utilisation and overlap, retransmissions, backhaul and association.
#include <gtest/gtest.h>

#include "sim/radio.h"

namespace hearth::sim {
namespace {

Home test_home() {
  Home h;
  h.id = "home-test";
  h.size_x_m = 14;
  h.size_y_m = 9;
  h.floors = 2;
  h.env.noise_floor_2g_dbm = -95;
  h.env.noise_floor_5g_dbm = -100;
  Node gw;
  gw.gateway = true;
  gw.x_m = 1;
  gw.y_m = 4;
  gw.channel_2g = 6;
  gw.channel_5g = 36;
  h.nodes.push_back(gw);
  return h;
}

Station station_at(float x, float y, uint8_t floor = 0, Band band = Band::k5g) {
  Station s;
  s.x_m = s.anchor_x_m = x;
  s.y_m = s.anchor_y_m = y;
  s.floor = floor;
  s.band = band;
  s.wifi_generation = 6;
  s.spatial_streams = 2;
  return s;
}

Neighbour neighbour(Band band, uint8_t channel, int8_t rssi, float airtime, uint8_t width = 20) {
  Neighbour n;
  n.band = band;
  n.channel = channel;
  n.rssi_dbm = rssi;
  n.airtime = airtime;
  n.width_mhz = width;
  return n;
}

TEST(RadioTest, PathLossGrowsWithDistanceWallsAndFloors) {
  struct Case {
    float d;
    int walls, floors;
  };
  const Case increasing[] = {{1, 0, 0}, {3, 0, 0}, {6, 0, 0}, {6, 1, 0}, {6, 3, 0}, {6, 3, 1}, {12, 3, 1}, {20, 5, 2}};
  for (Band band : {Band::k2g, Band::k5g, Band::k6g}) {
    float previous = 0;
    for (const Case& c : increasing) {
      const float loss = path_loss_db(band, c.d, c.walls, c.floors);
      EXPECT_GT(loss, previous) << static_cast<int>(band) << " d=" << c.d << " walls=" << c.walls;
      previous = loss;
    }
  }
}

TEST(RadioTest, FiveGigahertzLosesMoreThanTwoPointFourAndWallsCostMoreThere) {
  const float distances[] = {1, 4, 8, 15};
  for (float d : distances) {
    EXPECT_GT(path_loss_db(Band::k5g, d, 0, 0), path_loss_db(Band::k2g, d, 0, 0)) << d;
    EXPECT_GT(path_loss_db(Band::k5g, d, 2, 0), path_loss_db(Band::k2g, d, 2, 0)) << d;
  }
  const float wall_2g = path_loss_db(Band::k2g, 5, 1, 0) - path_loss_db(Band::k2g, 5, 0, 0);
  const float wall_5g = path_loss_db(Band::k5g, 5, 1, 0) - path_loss_db(Band::k5g, 5, 0, 0);
  EXPECT_GE(wall_2g, 4);
  EXPECT_LE(wall_2g, 5);
  EXPECT_GE(wall_5g, 6);
  EXPECT_LE(wall_5g, 8);
}

TEST(RadioTest, FartherAndBehindMoreWallsIsWeakerWithRealisticLevels) {
  Home h = test_home();
  struct Case {
    float x;
    uint8_t floor, extra_walls;
  };
  const Case cases[] = {{2, 0, 0}, {5, 0, 0}, {9, 0, 0}, {13, 0, 0}, {13, 1, 0}, {13, 1, 2}};
  for (Band band : {Band::k2g, Band::k5g}) {
    float previous = 0;
    for (size_t i = 0; i < std::size(cases); ++i) {
      Station s = station_at(cases[i].x, 4, cases[i].floor, band);
      s.extra_walls = cases[i].extra_walls;
      const LinkMetrics m = station_link(h, s);
      if (i > 0) {
        EXPECT_LT(m.signal_dbm, previous) << i;
      }
      EXPECT_NEAR(m.snr_db, m.signal_dbm - m.noise_dbm, 0.01);
      previous = m.signal_dbm;
    }
  }
  // A room away in a normal flat is fine; the far end behind walls and a floor is weak.
  EXPECT_GT(station_link(h, station_at(5, 4, 0, Band::k2g)).signal_dbm, -60);
  Station far = station_at(13, 8, 1, Band::k5g);
  far.extra_walls = 2;
  EXPECT_LT(station_link(h, far).signal_dbm, -80);
  EXPECT_LT(station_link(h, station_at(9, 4, 0, Band::k5g)).signal_dbm,
            station_link(h, station_at(9, 4, 0, Band::k2g)).signal_dbm);
}

TEST(RadioTest, PhyRateFollowsSnrAndCapability) {
  struct Case {
    float snr;
    uint8_t generation;
    Band band;
    uint8_t width, streams;
    uint32_t expected_kbps;
  };
  const Case cases[] = {
      {40, 4, Band::k2g, 20, 1, 72200},     // HT MCS7, short GI
      {40, 4, Band::k2g, 20, 2, 144400},    // two streams
      {45, 5, Band::k5g, 80, 2, 866700},    // VHT80 MCS9 2ss: 31 dB + 6 (width) + 3 (stream)
      {40, 5, Band::k5g, 80, 2, 780300},    // ... MCS8 a little below
      {50, 6, Band::k5g, 80, 2, 1201692},   // HE80 MCS11 2ss
      {40, 5, Band::k2g, 20, 2, 144400},    // ac is n on 2.4 GHz
      {20, 6, Band::k2g, 20, 1, 51600},     // MCS4 at 20 dB
      {1, 6, Band::k2g, 20, 2, 1000},       // below MCS0: basic rate
      {1, 6, Band::k5g, 80, 2, 6000},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.snr);
    EXPECT_EQ(phy_rate_kbps(c.snr, c.generation, c.band, c.width, c.streams), c.expected_kbps);
  }
  uint32_t previous = 0;
  for (float snr = 0; snr <= 50; snr += 1) {
    const uint32_t r = phy_rate_kbps(snr, 6, Band::k5g, 80, 2);
    EXPECT_GE(r, previous);
    previous = r;
  }
  EXPECT_EQ(station_width_mhz(4, Band::k5g, 80), 40);
  EXPECT_EQ(station_width_mhz(5, Band::k5g, 160), 80);
  EXPECT_EQ(station_width_mhz(6, Band::k2g, 20), 20);
}

TEST(RadioTest, ALegacyClientGetsALowerPhyRate) {
  Home h = test_home();
  Station modern = station_at(5, 4, 0, Band::k2g);
  Station legacy = modern;
  legacy.wifi_generation = 4;
  legacy.spatial_streams = 1;
  const LinkMetrics m = station_link(h, modern);
  const LinkMetrics l = station_link(h, legacy);
  EXPECT_LT(l.phy_down_kbps, m.phy_down_kbps / 2);
  EXPECT_LT(l.max_phy_kbps, m.max_phy_kbps / 2);
  EXPECT_LE(l.phy_down_kbps, l.max_phy_kbps);
  EXPECT_NEAR(l.signal_dbm, m.signal_dbm, 0.01);
}

TEST(RadioTest, MoreSameChannelNeighboursMeanMoreUtilisation) {
  Home h = test_home();
  float previous = channel_utilisation(h, 0, Band::k2g).total;
  for (int n = 1; n <= 12; ++n) {
    h.env.neighbours.push_back(neighbour(Band::k2g, 6, -70, 0.05f));
    const Utilisation u = channel_utilisation(h, 0, Band::k2g);
    EXPECT_GT(u.total, previous) << n;
    EXPECT_NEAR(u.neighbours, 0.05f * static_cast<float>(n), 0.001f);
    previous = u.total;
  }
  EXPECT_EQ(overlapping_neighbours(h, Band::k2g, 6, 20), 12);
}

TEST(RadioTest, MovingTheChannelAwayFromTheNeighboursLowersUtilisation) {
  struct Case {
    Band band;
    uint8_t busy_channel;
    uint8_t from, to;
  };
  const Case cases[] = {{Band::k2g, 6, 6, 1}, {Band::k2g, 1, 3, 11}, {Band::k5g, 36, 40, 100}, {Band::k5g, 149, 157, 52}};
  for (const Case& c : cases) {
    Home h = test_home();
    for (int i = 0; i < 10; ++i) h.env.neighbours.push_back(neighbour(c.band, c.busy_channel, -65, 0.08f, 20));
    Node& gw = h.nodes[0];
    (c.band == Band::k2g ? gw.channel_2g : gw.channel_5g) = c.from;
    const float before = channel_utilisation(h, 0, c.band).total;
    (c.band == Band::k2g ? gw.channel_2g : gw.channel_5g) = c.to;
    const float after = channel_utilisation(h, 0, c.band).total;
    EXPECT_LT(after, before - 0.3f) << static_cast<int>(c.to);
  }
}

TEST(RadioTest, ChannelOverlapRules) {
  Home h = test_home();
  const uint8_t channels_2g[] = {1, 2, 5, 6, 7, 10, 11};
  for (uint8_t c : channels_2g) h.env.neighbours.push_back(neighbour(Band::k2g, c, -70, 0.05f));
  // 2.4 GHz: overlap within +-4 channels.
  EXPECT_EQ(overlapping_neighbours(h, Band::k2g, 6, 20), 5);   // 2, 5, 6, 7, 10
  EXPECT_EQ(overlapping_neighbours(h, Band::k2g, 1, 20), 3);   // 1, 2, 5, and not 6
  h.env.neighbours.clear();
  const uint8_t channels_5g[] = {36, 44, 48, 52, 100};
  for (uint8_t c : channels_5g) h.env.neighbours.push_back(neighbour(Band::k5g, c, -70, 0.05f, 20));
  // 5 GHz by width blocks: 36/80 covers 36..48.
  EXPECT_EQ(overlapping_neighbours(h, Band::k5g, 36, 80), 3);
  EXPECT_EQ(overlapping_neighbours(h, Band::k5g, 36, 20), 1);
  EXPECT_EQ(overlapping_neighbours(h, Band::k5g, 52, 160), 4);  // the 36..64 block
  EXPECT_EQ(overlapping_neighbours(h, Band::k5g, 149, 80), 0);
}

TEST(RadioTest, OwnTrafficAndInterferenceTakeAirtime) {
  Home h = test_home();
  const float idle = channel_utilisation(h, 0, Band::k2g).own;
  Station busy = station_at(4, 4, 0, Band::k2g);
  busy.demand_mbps = 20;
  h.stations.push_back(busy);
  const Utilisation u = channel_utilisation(h, 0, Band::k2g);
  EXPECT_GT(u.own, idle + 0.1f);
  h.cond.extra_interference = 0.5f;
  const Utilisation w = channel_utilisation(h, 0, Band::k2g);
  EXPECT_NEAR(w.interference, 0.5f, 1e-6);
  EXPECT_GT(w.total, u.total + 0.4f);
  EXPECT_GT(station_link(h, h.stations[0]).noise_dbm, -95 + 5);  // the interferer raises the floor
  EXPECT_EQ(channel_utilisation(h, 0, Band::k5g).interference, 0);
}

TEST(RadioTest, RetransmissionsRiseAsSignalFallsAndLoadRises) {
  Home h = test_home();
  float previous = 0;
  for (float x : {2.0f, 8.0f, 13.0f}) {
    Station s = station_at(x, 8, 1, Band::k5g);
    s.extra_walls = 2;
    const float r = station_link(h, s).retransmission_ratio;
    EXPECT_GT(r, previous) << x;
    previous = r;
  }
  const Station s = station_at(4, 4, 0, Band::k2g);
  const float quiet = station_link(h, s).retransmission_ratio;
  for (int i = 0; i < 15; ++i) h.env.neighbours.push_back(neighbour(Band::k2g, 6, -60, 0.05f));
  EXPECT_GT(station_link(h, s).retransmission_ratio, quiet + 0.05f);
  EXPECT_LT(quiet, 0.1f);
}

TEST(RadioTest, AFarExtenderHasAWeakBackhaulAWiredOneIsExcellent) {
  Home h = test_home();
  Node ext = h.nodes[0];
  ext.gateway = false;
  ext.x_m = 7;
  h.nodes.push_back(ext);
  const LinkMetrics near = backhaul_link(h, 1);
  h.nodes[1].x_m = 14;
  h.nodes[1].y_m = 9;
  h.nodes[1].floor = 1;
  h.nodes[1].extra_walls = 1;
  const LinkMetrics far = backhaul_link(h, 1);
  EXPECT_GT(near.signal_dbm, -65);
  EXPECT_LT(far.signal_dbm, -70);
  EXPECT_LT(far.phy_down_kbps, near.phy_down_kbps / 3);
  h.nodes[1].wired_backhaul = true;
  EXPECT_GE(backhaul_link(h, 1).phy_down_kbps, 1'000'000u);
  EXPECT_GE(backhaul_link(h, 0).phy_down_kbps, 1'000'000u);
}

TEST(RadioTest, StationsAssociateWithTheBestNodeAndBand) {
  Home h = test_home();
  Node ext = h.nodes[0];
  ext.gateway = false;
  ext.x_m = 12;
  h.nodes.push_back(ext);
  Station near_gw = station_at(2, 4);
  Association a = best_association(h, near_gw);
  EXPECT_EQ(a.node, 0);
  EXPECT_EQ(a.band, Band::k5g);
  Station near_ext = station_at(12.5f, 5);
  EXPECT_EQ(best_association(h, near_ext).node, 1);
  near_ext.dual_band = false;
  EXPECT_EQ(best_association(h, near_ext).band, Band::k2g);
  h.nodes[1].online = false;
  EXPECT_EQ(best_association(h, near_ext).node, 0);
  // Another node hears a station next to it better: the sticky-client evidence.
  near_ext.dual_band = true;
  near_ext.band = Band::k5g;
  h.nodes[1].online = true;
  EXPECT_GT(station_link_to(h, near_ext, 1).signal_dbm, station_link_to(h, near_ext, 0).signal_dbm + 8);
}

}  // namespace
}  // namespace hearth::sim
