// Tests of time in a home (dynamics.h): presence by time of day, determinism, laziness,
// association time, roaming unless sticky, demand, power.
#include <gtest/gtest.h>

#include <set>

#include "sim/dynamics.h"
#include "sim/radio.h"
#include "sim/world/test_support.h"

namespace hearth::sim {
namespace {

using testing::kHour;
using testing::kMinute;
using testing::kMonday;
using testing::small_fleet;

size_t connected_phones(Fleet& fleet, int64_t t) {
  size_t n = 0;
  for (Home& h : fleet.homes) {
    advance(h, t);
    for (const Station& s : h.stations) n += s.kind == StationKind::kPhone && s.connected ? 1 : 0;
  }
  return n;
}

TEST(DynamicsTest, PhonesLeaveDuringTheWorkdayAndComeBackInTheEvening) {
  Fleet fleet = small_fleet(300);
  size_t phones = 0;
  for (const Home& h : fleet.homes) {
    for (const Station& s : h.stations) phones += s.kind == StationKind::kPhone ? 1 : 0;
  }
  const int64_t tuesday = kMonday + 24 * kHour;
  const size_t night = connected_phones(fleet, tuesday + 3 * kHour);
  const size_t noon = connected_phones(fleet, tuesday + 12 * kHour);
  const size_t evening = connected_phones(fleet, tuesday + 21 * kHour);
  EXPECT_EQ(night, phones);
  EXPECT_LT(noon, phones / 2);
  EXPECT_EQ(evening, phones);
  // Saturday noon: fewer leave than on a weekday.
  EXPECT_GT(connected_phones(fleet, kMonday + 5 * 24 * kHour + 12 * kHour), noon);
}

TEST(DynamicsTest, TvsConsolesAndIotStayConnected) {
  Fleet fleet = small_fleet(100);
  for (int64_t t = kMonday; t < kMonday + 48 * kHour; t += 3 * kHour) {
    for (Home& h : fleet.homes) {
      advance(h, t);
      for (const Station& s : h.stations) {
        if (s.kind == StationKind::kIot || s.kind == StationKind::kTv || s.kind == StationKind::kConsole) {
          EXPECT_TRUE(s.connected) << h.id << " " << s.hostname;
        }
      }
    }
  }
}

TEST(DynamicsTest, DeterministicAndIdempotent) {
  Fleet a = small_fleet(50);
  Fleet b = small_fleet(50);
  const int64_t times[] = {kMonday + 8 * kHour, kMonday + 13 * kHour + 7 * kMinute, kMonday + 19 * kHour};
  for (int64_t t : times) {
    for (size_t i = 0; i < a.homes.size(); ++i) {
      advance(a.homes[i], t);
      advance(b.homes[i], t);
      advance(b.homes[i], t);  // twice: no change
      for (size_t s = 0; s < a.homes[i].stations.size(); ++s) {
        const Station& x = a.homes[i].stations[s];
        const Station& y = b.homes[i].stations[s];
        EXPECT_EQ(x.connected, y.connected);
        EXPECT_EQ(x.node, y.node);
        EXPECT_EQ(x.band, y.band);
        EXPECT_EQ(x.x_m, y.x_m);
        EXPECT_EQ(x.demand_mbps, y.demand_mbps);
        EXPECT_EQ(x.associated_since_ms, y.associated_since_ms);
      }
    }
  }
}

TEST(DynamicsTest, LazyCallsAgreeWithFrequentOnesOnPresence) {
  Fleet lazy = small_fleet(50);
  Fleet busy = small_fleet(50);
  const int64_t end = kMonday + 30 * kHour;
  for (Home& h : busy.homes) {
    for (int64_t t = kMonday + kMinute; t <= end; t += 5 * kMinute) advance(h, t);
    advance(h, end);
  }
  for (Home& h : lazy.homes) advance(h, end);
  for (size_t i = 0; i < lazy.homes.size(); ++i) {
    for (size_t s = 0; s < lazy.homes[i].stations.size(); ++s) {
      const Station& x = lazy.homes[i].stations[s];
      const Station& y = busy.homes[i].stations[s];
      EXPECT_EQ(x.connected, y.connected);
      EXPECT_EQ(x.demand_mbps, y.demand_mbps);
      if (x.connected) {
        EXPECT_LE(x.associated_since_ms, end);
      }
    }
  }
}

TEST(DynamicsTest, AssociationTimeIsWhenThePhoneCameHome) {
  Fleet fleet = small_fleet(100);
  const int64_t tuesday = kMonday + 24 * kHour;
  for (Home& h : fleet.homes) advance(h, tuesday + 5 * kHour);
  for (Home& h : fleet.homes) advance(h, tuesday + 12 * kHour);
  std::vector<std::pair<size_t, size_t>> away;  // phones out at noon
  for (size_t i = 0; i < fleet.homes.size(); ++i) {
    for (size_t s = 0; s < fleet.homes[i].stations.size(); ++s) {
      const Station& st = fleet.homes[i].stations[s];
      if (st.kind == StationKind::kPhone && !st.connected) away.emplace_back(i, s);
    }
  }
  ASSERT_FALSE(away.empty());
  const int64_t night = tuesday + 23 * kHour;
  for (Home& h : fleet.homes) advance(h, night);
  for (const auto& [i, s] : away) {
    const Station& st = fleet.homes[i].stations[s];
    EXPECT_TRUE(st.connected);
    EXPECT_GT(st.associated_since_ms, tuesday + 12 * kHour);
    EXPECT_LE(st.associated_since_ms, night);
  }
}

Home two_node_home() {
  Fleet f = small_fleet(400);
  for (Home& h : f.homes) {
    if (h.nodes.size() >= 2 && !h.stations.empty()) return h;
  }
  ADD_FAILURE() << "no home with an extender";
  return f.homes[0];
}

TEST(DynamicsTest, StationsRoamToABetterNodeUnlessSticky) {
  Home h = two_node_home();
  advance(h, kMonday + 2 * kHour);
  Station& s = h.stations[0];
  s.kind = StationKind::kTv;  // stays at home and in place
  const Node& ext = h.nodes[1];
  s.anchor_x_m = ext.x_m + 0.5f;
  s.anchor_y_m = ext.y_m;
  s.floor = ext.floor;
  s.extra_walls = 2;  // far from the gateway: below the roaming trigger there
  s.node = 0;
  s.band = Band::k5g;  // where the gateway hears it below the roaming trigger
  s.connected = true;
  Home sticky = h;
  sticky.stations[0].sticky = true;
  const int64_t t = kMonday + 2 * kHour + 10 * kMinute;
  advance(h, t);
  advance(sticky, t);
  ASSERT_TRUE(h.stations[0].connected);
  EXPECT_EQ(h.stations[0].node, 1);
  EXPECT_EQ(h.stations[0].associated_since_ms, t);
  EXPECT_EQ(sticky.stations[0].node, 0);
}

TEST(DynamicsTest, DemandVariesAndRespectsAFloor) {
  Home h = small_fleet(5).homes[0];
  Station& s = h.stations[0];
  std::set<float> seen;
  for (int64_t t = kMonday; t < kMonday + 24 * kHour; t += 15 * kMinute) seen.insert(station_demand_mbps(h, s, t));
  EXPECT_GT(seen.size(), 10u);
  s.min_demand_mbps = 25;
  for (int64_t t = kMonday; t < kMonday + 24 * kHour; t += kHour) EXPECT_GE(station_demand_mbps(h, s, t), 25);
}

TEST(DynamicsTest, APowerCutDisconnectsEveryoneAndTheyRejoinAfter) {
  Home h = small_fleet(5).homes[1];
  advance(h, kMonday + 2 * kHour);
  h.cond.powered_off = true;
  advance(h, kMonday + 2 * kHour + 5 * kMinute);
  for (const Station& s : h.stations) EXPECT_FALSE(s.connected);
  h.cond.powered_off = false;
  const int64_t back = kMonday + 2 * kHour + 30 * kMinute;
  advance(h, back);
  for (const Station& s : h.stations) {
    EXPECT_TRUE(s.connected);
    EXPECT_EQ(s.associated_since_ms, back);
  }
}

TEST(DynamicsTest, AStationWithTheWrongPasswordNeverJoins) {
  Home h = small_fleet(5).homes[2];
  h.stations[0].wrong_password = true;
  for (int64_t t = kMonday; t < kMonday + 24 * kHour; t += 2 * kHour) {
    advance(h, t);
    EXPECT_FALSE(h.stations[0].connected);
  }
}

}  // namespace
}  // namespace hearth::sim
