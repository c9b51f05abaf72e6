// The gateways whose flash fails firmware installs: a fixed 5% share, known by home id.
#include <gtest/gtest.h>

#include "sim/fleet.h"

namespace hearth::sim {
namespace {

TEST(FlakyFlashTest, OneHomeInTwentyKnownById) {
  FleetOptions o;
  o.homes = 200;
  const Fleet f = generate_fleet(o);
  std::vector<std::string> flaky;
  for (const Home& h : f.homes) {
    if (h.flaky_flash) flaky.push_back(h.id);
  }
  ASSERT_EQ(flaky.size(), 10u);
  EXPECT_EQ(flaky[0], "home-000014");
  EXPECT_EQ(flaky[1], "home-000034");
  EXPECT_EQ(flaky[9], "home-000194");
  // The flag is not drawn: the rest of the fleet is the same whatever the seed.
  o.seed = 99;
  const Fleet g = generate_fleet(o);
  for (size_t i = 0; i < g.homes.size(); ++i) EXPECT_EQ(g.homes[i].flaky_flash, f.homes[i].flaky_flash);
}

}  // namespace
}  // namespace hearth::sim
