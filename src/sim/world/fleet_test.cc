// Tests of fleet generation (fleet.h): determinism, identities, access node layout, households,
// environments by density, healthy radio numbers and the memory a home takes.
#include <gtest/gtest.h>

#include <cstdio>
#include <set>
#include <string>

#include "sim/dynamics.h"
#include "sim/radio.h"
#include "sim/scenario.h"
#include "sim/world/test_support.h"

namespace hearth::sim {
namespace {

using testing::fake_models;
using testing::small_fleet;

TEST(FleetTest, SameSeedGivesTheSameFleetOtherSeedAnother) {
  const Fleet a = small_fleet(300, 5);
  const Fleet b = small_fleet(300, 5);
  const Fleet c = small_fleet(300, 6);
  EXPECT_EQ(export_fleet_json(a, fake_models()), export_fleet_json(b, fake_models()));
  EXPECT_NE(export_fleet_json(a, fake_models()), export_fleet_json(c, fake_models()));
  for (size_t i = 0; i < a.homes.size(); ++i) {
    ASSERT_EQ(a.homes[i].stations.size(), b.homes[i].stations.size());
    for (size_t s = 0; s < a.homes[i].stations.size(); ++s) {
      EXPECT_EQ(a.homes[i].stations[s].x_m, b.homes[i].stations[s].x_m);
      EXPECT_EQ(a.homes[i].stations[s].hostname, b.homes[i].stations[s].hostname);
    }
    EXPECT_EQ(a.homes[i].env.neighbours.size(), b.homes[i].env.neighbours.size());
  }
}

TEST(FleetTest, IdsFollowTheirFormats) {
  const Fleet f = small_fleet(200);
  ASSERT_EQ(f.homes.size(), 200u);
  EXPECT_EQ(f.homes[0].id, "home-000001");
  EXPECT_EQ(f.homes[199].id, "home-000200");
  EXPECT_EQ(f.homes[0].subscriber.account, "1000001");
  EXPECT_EQ(f.homes[41].subscriber.account, "1000042");
  EXPECT_EQ(f.access_nodes[0].id, "an-01");
  EXPECT_EQ(f.regions[0].id, "region-1");
  for (const Home& h : f.homes) {
    EXPECT_EQ(h.index, static_cast<uint32_t>(&h - f.homes.data()));
    EXPECT_EQ(h.subscriber.password.rfind("demo-", 0), 0u);
    EXPECT_EQ(h.subscriber.password.size(), 13u);
    EXPECT_FALSE(h.subscriber.name.empty());
    EXPECT_NE(h.subscriber.email.find("@example.net"), std::string::npos);
    EXPECT_EQ(h.subscriber.postal_code.size(), 5u);
    EXPECT_FALSE(h.subscriber.street.empty());
    EXPECT_EQ(h.subscriber.city, f.regions[f.access_nodes[h.access_node].region].name);
    EXPECT_FALSE(h.wifi.ssid.empty());
    EXPECT_GE(h.wifi.passphrase.size(), 8u);
  }
}

struct LayoutCase {
  uint32_t homes;
  size_t min_access_nodes;
  size_t max_access_nodes;
};

TEST(FleetTest, AccessNodesHoldTheirHomesAndSmallFleetsGetSeveral) {
  const LayoutCase cases[] = {{10, 1, 1}, {39, 1, 1}, {40, 3, 3}, {200, 3, 4}, {2000, 16, 63}};
  for (const LayoutCase& c : cases) {
    SCOPED_TRACE(c.homes);
    const Fleet f = small_fleet(c.homes);
    EXPECT_GE(f.access_nodes.size(), c.min_access_nodes);
    EXPECT_LE(f.access_nodes.size(), c.max_access_nodes);
    size_t total = 0;
    for (size_t a = 0; a < f.access_nodes.size(); ++a) {
      const AccessNode& an = f.access_nodes[a];
      total += an.homes.size();
      for (uint32_t h : an.homes) EXPECT_EQ(f.homes[h].access_node, a);
      EXPECT_TRUE(an.kind == "olt-port" || an.kind == "dslam" || an.kind == "cmts-node") << an.kind;
      EXPECT_LT(an.region, f.regions.size());
      if (c.homes >= 2000) {
        EXPECT_GE(an.homes.size(), 32u);
        EXPECT_LE(an.homes.size(), 128u);
      }
    }
    EXPECT_EQ(total, c.homes);
  }
}

TEST(FleetTest, SerialsAndMacsAreUniqueAcrossTheFleet) {
  const Fleet f = small_fleet(3000);
  std::set<std::string> serials;
  std::set<std::string> macs;
  size_t nodes = 0, stations = 0;
  for (const Home& h : f.homes) {
    for (const Node& n : h.nodes) {
      ++nodes;
      EXPECT_TRUE(serials.insert(n.serial).second) << n.serial;
      EXPECT_TRUE(macs.insert(n.mac.str()).second) << n.mac.str();
      EXPECT_EQ(n.mac.b[5] & 7, 0);
    }
    for (const Station& s : h.stations) {
      ++stations;
      EXPECT_TRUE(macs.insert(s.mac.str()).second) << s.mac.str();
    }
  }
  EXPECT_EQ(serials.size(), nodes);
  EXPECT_EQ(macs.size(), nodes + stations);
  std::set<std::string> emails;
  for (const Home& h : f.homes) EXPECT_TRUE(emails.insert(h.subscriber.email).second) << h.subscriber.email;
}

TEST(FleetTest, HomesHaveAGatewayFewExtendersAndRealisticStations) {
  const Fleet f = small_fleet(2000);
  size_t zero_or_one = 0, iot = 0, iot_2g_only = 0, total_stations = 0;
  std::set<int> generations;
  for (const Home& h : f.homes) {
    ASSERT_GE(h.nodes.size(), 1u);
    ASSERT_LE(h.nodes.size(), 4u);
    EXPECT_TRUE(h.nodes[0].gateway);
    for (size_t i = 1; i < h.nodes.size(); ++i) {
      EXPECT_FALSE(h.nodes[i].gateway);
      EXPECT_EQ(h.nodes[i].model, h.nodes[0].model);
    }
    EXPECT_LT(h.nodes[0].model, 4);
    zero_or_one += h.nodes.size() <= 2 ? 1 : 0;
    EXPECT_GE(h.stations.size(), 2u);
    EXPECT_LE(h.stations.size(), 40u);
    for (const Station& s : h.stations) {
      ++total_stations;
      generations.insert(s.wifi_generation);
      EXPECT_GE(s.spatial_streams, 1);
      EXPECT_LE(s.spatial_streams, 4);
      EXPECT_FALSE(s.hostname.empty());
      EXPECT_LT(s.floor, h.floors);
      EXPECT_LT(s.node, h.nodes.size());
      if (!s.dual_band) {
        EXPECT_EQ(s.band, Band::k2g);
      }
      if (s.kind == StationKind::kIot) {
        ++iot;
        iot_2g_only += s.dual_band ? 0 : 1;
      }
    }
  }
  EXPECT_GT(zero_or_one, f.homes.size() * 95 / 100);
  EXPECT_EQ(generations, (std::set<int>{4, 5, 6}));
  EXPECT_GT(iot_2g_only, iot * 3 / 4);
  EXPECT_GT(total_stations, f.homes.size() * 6);
}

TEST(FleetTest, NeighboursFollowDensity) {
  const Fleet f = small_fleet(2000);
  size_t dense = 0, rural = 0, on_grid = 0, off_grid = 0;
  for (const Home& h : f.homes) {
    int n2 = 0;
    for (const Neighbour& n : h.env.neighbours) {
      if (n.band != Band::k2g) continue;
      ++n2;
      (n.channel == 1 || n.channel == 6 || n.channel == 11 ? on_grid : off_grid)++;
    }
    if (h.env.density == 3) {
      ++dense;
      EXPECT_GE(n2, 20);
      EXPECT_LE(n2, 40);
      EXPECT_GT(h.env.noise_floor_2g_dbm, -96);
    } else if (h.env.density == 0) {
      ++rural;
      EXPECT_LE(n2, 3);
    }
  }
  EXPECT_GT(dense, 100u);
  EXPECT_GT(rural, 20u);
  EXPECT_GT(on_grid, off_grid * 2);  // most on 1/6/11, some off the grid
  EXPECT_GT(off_grid, 0u);
}

TEST(FleetTest, AHealthyFleetLooksHealthy) {
  Fleet f = small_fleet(1000);
  const int64_t evening = testing::kMonday + 20 * testing::kHour;  // busiest time
  size_t connected = 0, good = 0, radios = 0, quiet = 0, under_half = 0;
  for (Home& h : f.homes) {
    advance(h, evening);
    for (const Station& s : h.stations) {
      if (!s.connected) continue;
      ++connected;
      if (station_link(h, s).signal_dbm > -70) ++good;
    }
    for (size_t n = 0; n < h.nodes.size(); ++n) {
      for (Band b : {Band::k2g, Band::k5g}) {
        ++radios;
        const float u = channel_utilisation(h, static_cast<uint8_t>(n), b).total;
        quiet += u < 0.35f ? 1 : 0;
        under_half += u < 0.5f ? 1 : 0;
      }
      if (n > 0 && !h.nodes[n].wired_backhaul) {
        EXPECT_GT(backhaul_link(h, static_cast<uint8_t>(n)).signal_dbm, -70);
      }
    }
  }
  EXPECT_GT(good, connected * 97 / 100);
  EXPECT_EQ(under_half, radios);
  EXPECT_GT(quiet, radios * 98 / 100);
}

TEST(FleetTest, FiftyThousandHomesStayCompact) {
  FleetOptions o;
  o.homes = 50000;
  o.seed = 3;
  const Fleet f = generate_fleet(o);
  size_t bytes = 0;
  for (const Home& h : f.homes) bytes += home_memory_bytes(h);
  const double per_home = static_cast<double>(bytes) / static_cast<double>(f.homes.size());
  std::printf("memory: %.0f bytes per home (sizeof(Home) %zu, Station %zu, Node %zu, Neighbour %zu), %zu homes\n",
              per_home, sizeof(Home), sizeof(Station), sizeof(Node), sizeof(Neighbour), f.homes.size());
  EXPECT_LT(per_home, 8192);
  EXPECT_GE(f.access_nodes.size(), 50000u / 128);
}

}  // namespace
}  // namespace hearth::sim
