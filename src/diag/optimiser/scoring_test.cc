// Interference scores: neighbours by signal and overlap, own nodes, measured utilisation, and the
// best channel in typical homes.
#include "diag/optimiser/scoring.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "diag/optimiser/test_home.h"

namespace hearth::diag {
namespace {

using namespace testing;  // NOLINT

int best_channel(const HomeSnapshot& snap, const Radio& r, const std::vector<NeighbourBss>& scan) {
  const auto scores = score_channels(snap, r, scan);
  if (scores.empty()) return -1;
  return std::min_element(
             scores.begin(), scores.end(),
             [](const ChannelScore& a, const ChannelScore& b) { return a.score < b.score; })
      ->channel;
}

std::vector<int> channels_of(const std::vector<ChannelScore>& scores) {
  std::vector<int> out;
  for (const auto& s : scores) out.push_back(s.channel);
  return out;
}

struct BestCase {
  const char* name;
  HomeSnapshot snap;
  size_t radio;  // index into snap.radios
  std::vector<NeighbourBss> scan;
  std::vector<int> best;  // any of these
};

HomeSnapshot with_extender(Band band, int channel, int width) {
  HomeSnapshot s = home();
  add_extender_radio(s, band, channel, width);
  return s;
}

HomeSnapshot gateway_5g_on(int channel, std::vector<int> possible, int width = 80) {
  HomeSnapshot s = home();
  s.radios[1].channel = channel;
  s.radios[1].width_mhz = width;
  s.radios[1].possible_channels = std::move(possible);
  return s;
}

HomeSnapshot gateway_24_possible(std::vector<int> possible) {
  HomeSnapshot s = home();
  s.radios[0].possible_channels = std::move(possible);
  return s;
}

std::vector<NeighbourBss> crowded_36_block() {
  return {bss(Band::k5g, 36, -50, 80), bss(Band::k5g, 44, -55, 40), bss(Band::k5g, 40, -60)};
}

class BestChannelTest : public ::testing::TestWithParam<BestCase> {};

TEST_P(BestChannelTest, PicksTheLeastInterferedChannel) {
  const BestCase& c = GetParam();
  const int best = best_channel(c.snap, c.snap.radios[c.radio], c.scan);
  EXPECT_NE(std::find(c.best.begin(), c.best.end(), best), c.best.end())
      << c.name << ": got " << best;
}

INSTANTIATE_TEST_SUITE_P(
    Homes, BestChannelTest,
    ::testing::Values(
        BestCase{"crowded 6 -> 1 or 11", home(), 0, crowded_6(), {1, 11}},
        BestCase{"crowded 6, a weak one on 1 -> 11",
                 home(),
                 0,
                 {bss(Band::k2g, 6, -55), bss(Band::k2g, 6, -60), bss(Band::k2g, 1, -85)},
                 {11}},
        BestCase{"partial overlap of 3 counts against 1",
                 home(),
                 0,
                 {bss(Band::k2g, 6, -55), bss(Band::k2g, 3, -50)},
                 {11}},
        BestCase{"own extender on 1 -> 11", with_extender(Band::k2g, 1, 20), 0, crowded_6(), {11}},
        BestCase{"own extender on 11 -> 1", with_extender(Band::k2g, 11, 20), 0, crowded_6(), {1}},
        BestCase{"5 GHz crowded, DFS avoided: stays in 36-48",
                 gateway_5g_on(36, kEu5),
                 1,
                 crowded_36_block(),
                 {36, 40, 44, 48}},
        BestCase{"5 GHz on DFS already: may leave 36-48",
                 gateway_5g_on(100, kEu5),
                 1,
                 crowded_36_block(),
                 {52, 56, 60, 64, 100, 104, 108, 112, 116, 120, 124, 128, 132, 136, 140}},
        BestCase{"5 GHz PossibleChannels with U-NII-3",
                 gateway_5g_on(36, {36, 40, 44, 48, 149, 153, 157, 161}),
                 1,
                 crowded_36_block(),
                 {149, 153, 157, 161}},
        BestCase{"5 GHz own extender's block avoided",
                 [] {
                   HomeSnapshot s = gateway_5g_on(36, {36, 40, 44, 48, 149, 153, 157, 161});
                   add_extender_radio(s, Band::k5g, 36, 80);
                   return s;
                 }(),
                 1,
                 {},
                 {149, 153, 157, 161}},
        BestCase{"2.4 PossibleChannels without 11",
                 gateway_24_possible({1, 2, 3, 4, 5, 6, 7, 8, 9, 10}),
                 0,
                 {bss(Band::k2g, 6, -55), bss(Band::k2g, 1, -70)},
                 {1}}));

TEST(ScoringTest, StrongerNeighboursScoreWorse) {
  const HomeSnapshot s = home();
  const Radio& r = s.radios[0];
  const double strong = score_channel(s, r, {bss(Band::k2g, 6, -45)}, 6).score;
  const double mid = score_channel(s, r, {bss(Band::k2g, 6, -65)}, 6).score;
  const double weak = score_channel(s, r, {bss(Band::k2g, 6, -90)}, 6).score;
  EXPECT_GT(strong, mid);
  EXPECT_GT(mid, weak);
  EXPECT_GT(weak, 0);
  EXPECT_DOUBLE_EQ(mid, 1.0);
  // Other bands do not count.
  EXPECT_DOUBLE_EQ(score_channel(s, r, {bss(Band::k5g, 36, -40)}, 6).score, 0);
}

TEST(ScoringTest, DetailNamesTheOverlappingNeighbours) {
  const HomeSnapshot s = home();
  const ScoreDetail d = score_channel(s, s.radios[0], crowded_6(), 6);
  EXPECT_EQ(d.overlapping, 3);
  EXPECT_DOUBLE_EQ(d.strongest_dbm, -55);
  EXPECT_DOUBLE_EQ(d.own, 0);
  EXPECT_NEAR(d.score, d.neighbours, 1e-12);
  // Channel 7 (one apart) overlaps 6 by 17/22.
  EXPECT_NEAR(d.neighbours, signal_weight(-55) + signal_weight(-58) + signal_weight(-60) * 17 / 22,
              1e-9);
}

TEST(ScoringTest, MeasuredUtilisationCountsWhereTheRadioIsNow) {
  HomeSnapshot s = home();
  s.radios[0].utilisation_pct = 50;
  s.radios[0].utilisation_self_pct = 10;
  s.radios[1].utilisation_pct = 25;  // own share unknown: the total counts
  EXPECT_DOUBLE_EQ(busy_by_others_pct(s.radios[0]), 40);
  EXPECT_DOUBLE_EQ(score_channel(s, s.radios[0], {}, 6).utilisation, 40.0 / 25);
  EXPECT_DOUBLE_EQ(score_channel(s, s.radios[0], {}, 1).score, 0);
  EXPECT_DOUBLE_EQ(score_channel(s, s.radios[0], {}, 11).score, 0);
  // Another primary of the same 80 MHz block shares the measured airtime.
  EXPECT_DOUBLE_EQ(score_channel(s, s.radios[1], {}, 44).score, 1.0);
  EXPECT_DOUBLE_EQ(score_channel(s, s.radios[1], {}, 36).score, 1.0);
}

TEST(ScoringTest, ScoresEveryCandidateInOrder) {
  const HomeSnapshot s = home();
  EXPECT_EQ(channels_of(score_channels(s, s.radios[0], {})), (std::vector<int>{1, 6, 11}));
  EXPECT_EQ(channels_of(score_channels(s, s.radios[1], {})), (std::vector<int>{36, 40, 44, 48}));
}

TEST(ScoringTest, SignalWeight) {
  EXPECT_DOUBLE_EQ(signal_weight(-65), 1.0);
  EXPECT_DOUBLE_EQ(signal_weight(-35), 2.0);
  EXPECT_DOUBLE_EQ(signal_weight(-20), 2.0);
  EXPECT_DOUBLE_EQ(signal_weight(-100), 0.05);
  EXPECT_DOUBLE_EQ(signal_weight(kUnknown), 0.5);
}

}  // namespace
}  // namespace hearth::diag
