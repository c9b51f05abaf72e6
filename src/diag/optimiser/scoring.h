// The interference score of one channel for one radio, with its parts (for the log's reasons).
// score_channels() (optimiser.h) is this over candidate_channels().
#pragma once

#include <vector>

#include "diag/optimiser.h"

namespace hearth::diag {

struct ScoreDetail {
  double score = 0;        // neighbours + own + utilisation: lower is better
  double neighbours = 0;   // the scan: each overlapping BSS, by signal and overlap
  double own = 0;          // the home's other radios on the band (mesh nodes must not overlap)
  double utilisation = 0;  // measured airtime busy by others, as far as the channel shares
                           // the spectrum the radio uses now
  int overlapping = 0;     // neighbour BSSs that overlap at all
  double strongest_dbm = kUnknown;  // the strongest of them
};

// Weight of a neighbour by its signal: 0.05 at -95 dBm or below, 1 at -65 dBm, 2 at -35 dBm and
// above (linear in between); 0.5 when unknown.
double signal_weight(double signal_dbm);

// Airtime of the radio's channel used by others: total utilisation minus the radio's own traffic
// when both are known, else the total; NaN when unknown.
double busy_by_others_pct(const Radio& radio);

// The score of `channel` for `radio` (with the radio's width) in `snap` against `scan`.
ScoreDetail score_channel(const HomeSnapshot& snap, const Radio& radio,
                          const std::vector<NeighbourBss>& scan, int channel);

}  // namespace hearth::diag
