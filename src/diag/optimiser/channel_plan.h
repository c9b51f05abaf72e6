// Channel geometry of the three Wi-Fi bands for the optimiser: the spectrum a BSS of a primary
// channel and a width occupies, how much two of them overlap, which 5 GHz channels need radar
// detection (DFS), and the channels a radio may be moved to.
#pragma once

#include <vector>

#include "diag/snapshot.h"

namespace hearth::diag {

struct Span {
  double lo_mhz = 0;
  double hi_mhz = 0;
};

// The width to assume: what the radio reported, else 20 MHz on 2.4 GHz and 80 MHz on 5/6 GHz;
// capped at 40 (2.4 GHz), 160 (5 GHz) and 320 MHz (6 GHz).
int effective_width(Band band, int width_mhz);

// The spectrum occupied by a BSS on primary `channel` with `width_mhz`. 2.4 GHz: the 22 MHz
// spectral mask of a 20 MHz channel, so channels up to 4 apart overlap partially; 40 MHz extends
// upwards from channels 1-7 and downwards from 8-13 (the usual HT40+/HT40- choice). 5 and 6 GHz:
// the aligned 20/40/80/160/320 MHz block that contains the primary channel.
Span channel_span(Band band, int channel, int width_mhz);

// The overlap of two spans as a share of the narrower one: 0 (apart) .. 1 (one inside the other).
double overlap_fraction(const Span& a, const Span& b);

// 5 GHz channels 52..144 need DFS (radar detection, channel availability check).
bool is_dfs_channel(Band band, int channel);
// Whether a BSS on `channel` with `width_mhz` covers any DFS channel.
bool block_needs_dfs(Band band, int channel, int width_mhz);

// The channels the radio may be moved to, ascending: 2.4 GHz only 1, 6 and 11; 5 and 6 GHz every
// channel of PossibleChannels, without blocks that need DFS unless the radio's present block does.
// When PossibleChannels is unknown, only channels allowed everywhere: 1/6/11, 36-48 and 6 GHz 1-93.
std::vector<int> candidate_channels(const Radio& radio);

}  // namespace hearth::diag
