// Channel geometry: overlap of 2.4 GHz channels and 5/6 GHz blocks, DFS, candidate channels.
#include "diag/optimiser/channel_plan.h"

#include <gtest/gtest.h>

#include "diag/optimiser/test_home.h"

namespace hearth::diag {
namespace {

using testing::kEu24;
using testing::kEu5;
using testing::radio;

struct OverlapCase {
  Band band;
  int a, a_width, b, b_width;
  double overlap;
};

class OverlapTest : public ::testing::TestWithParam<OverlapCase> {};

TEST_P(OverlapTest, SharesOfTheNarrowerSpan) {
  const OverlapCase& c = GetParam();
  const double o =
      overlap_fraction(channel_span(c.band, c.a, c.a_width), channel_span(c.band, c.b, c.b_width));
  EXPECT_NEAR(o, c.overlap, 0.01) << c.a << "/" << c.a_width << " vs " << c.b << "/" << c.b_width;
  // Symmetric.
  EXPECT_NEAR(
      overlap_fraction(channel_span(c.band, c.b, c.b_width), channel_span(c.band, c.a, c.a_width)),
      o, 1e-9);
}

INSTANTIATE_TEST_SUITE_P(
    Bands, OverlapTest,
    ::testing::Values(
        // 2.4 GHz: 22 MHz masks 5 MHz apart; within 4 channels partial, 5 apart none.
        OverlapCase{Band::k2g, 6, 20, 6, 20, 1.0}, OverlapCase{Band::k2g, 1, 20, 2, 20, 17.0 / 22},
        OverlapCase{Band::k2g, 1, 20, 3, 20, 12.0 / 22},
        OverlapCase{Band::k2g, 1, 20, 5, 20, 2.0 / 22}, OverlapCase{Band::k2g, 1, 20, 6, 20, 0.0},
        OverlapCase{Band::k2g, 6, 20, 11, 20, 0.0},
        // 40 MHz on 1 reaches up to channel 5's centre and overlaps 6 a little.
        OverlapCase{Band::k2g, 1, 40, 5, 20, 1.0}, OverlapCase{Band::k2g, 1, 40, 6, 20, 17.0 / 22},
        OverlapCase{Band::k2g, 11, 40, 1, 20, 0.0},
        // 5 GHz: aligned blocks.
        OverlapCase{Band::k5g, 36, 80, 44, 20, 1.0}, OverlapCase{Band::k5g, 48, 80, 36, 40, 1.0},
        OverlapCase{Band::k5g, 36, 80, 52, 20, 0.0}, OverlapCase{Band::k5g, 36, 40, 44, 20, 0.0},
        OverlapCase{Band::k5g, 36, 160, 64, 20, 1.0},
        OverlapCase{Band::k5g, 100, 160, 132, 20, 0.0},
        OverlapCase{Band::k5g, 149, 80, 161, 20, 1.0}, OverlapCase{Band::k5g, 36, 20, 40, 20, 0.0},
        // 6 GHz: blocks from channel 1.
        OverlapCase{Band::k6g, 1, 80, 13, 20, 1.0}, OverlapCase{Band::k6g, 1, 80, 17, 20, 0.0},
        OverlapCase{Band::k6g, 37, 160, 33, 80, 1.0}));

TEST(ChannelPlanTest, DfsChannelsAreThoseOf52To144) {
  EXPECT_FALSE(is_dfs_channel(Band::k5g, 48));
  EXPECT_TRUE(is_dfs_channel(Band::k5g, 52));
  EXPECT_TRUE(is_dfs_channel(Band::k5g, 144));
  EXPECT_FALSE(is_dfs_channel(Band::k5g, 149));
  EXPECT_FALSE(is_dfs_channel(Band::k6g, 53));
  EXPECT_FALSE(is_dfs_channel(Band::k2g, 6));
  EXPECT_FALSE(block_needs_dfs(Band::k5g, 36, 80));
  EXPECT_TRUE(block_needs_dfs(Band::k5g, 36, 160));  // 36-64
  EXPECT_TRUE(block_needs_dfs(Band::k5g, 100, 20));
  EXPECT_FALSE(block_needs_dfs(Band::k5g, -1, 80));
}

TEST(ChannelPlanTest, WidthsDefaultAndCapByBand) {
  EXPECT_EQ(effective_width(Band::k2g, -1), 20);
  EXPECT_EQ(effective_width(Band::k2g, 80), 40);
  EXPECT_EQ(effective_width(Band::k5g, -1), 80);
  EXPECT_EQ(effective_width(Band::k5g, 320), 160);
  EXPECT_EQ(effective_width(Band::k6g, 320), 320);
}

struct CandidateCase {
  const char* name;
  Radio radio;
  std::vector<int> expected;
};

class CandidateTest : public ::testing::TestWithParam<CandidateCase> {};

TEST_P(CandidateTest, ChoosesFromTheAllowedChannels) {
  EXPECT_EQ(candidate_channels(GetParam().radio), GetParam().expected) << GetParam().name;
}

std::vector<int> six_ghz_lower() {
  std::vector<int> out;
  for (int c = 1; c <= 93; c += 4) out.push_back(c);
  return out;
}

INSTANTIATE_TEST_SUITE_P(
    Radios, CandidateTest,
    ::testing::Values(
        CandidateCase{"2.4 only the three that do not overlap",
                      radio("a", "p", Band::k2g, 3, 20, kEu24),
                      {1, 6, 11}},
        CandidateCase{"2.4 possible channels respected",
                      radio("a", "p", Band::k2g, 3, 20, {1, 2, 3, 4, 5, 6, 7}),
                      {1, 6}},
        CandidateCase{"2.4 unknown list", radio("a", "p", Band::k2g, 6, 20, {}), {1, 6, 11}},
        CandidateCase{"5 no DFS while outside it",
                      radio("a", "p", Band::k5g, 36, 80, kEu5),
                      {36, 40, 44, 48}},
        CandidateCase{"5 DFS allowed when on it", radio("a", "p", Band::k5g, 100, 80, kEu5), kEu5},
        CandidateCase{"5 160 MHz on 36 already covers DFS",
                      radio("a", "p", Band::k5g, 36, 160, kEu5), kEu5},
        CandidateCase{"5 unknown list: allowed everywhere",
                      radio("a", "p", Band::k5g, 36, 80, {}),
                      {36, 40, 44, 48}},
        CandidateCase{"5 U-NII-3 kept",
                      radio("a", "p", Band::k5g, 36, 20, {36, 52, 149, 153}),
                      {36, 149, 153}},
        CandidateCase{"6 unknown list: lower 6 GHz", radio("a", "p", Band::k6g, 5, 80, {}),
                      six_ghz_lower()},
        CandidateCase{
            "6 possible channels", radio("a", "p", Band::k6g, 5, 80, {5, 1, 37, 5}), {1, 5, 37}}));

}  // namespace
}  // namespace hearth::diag
