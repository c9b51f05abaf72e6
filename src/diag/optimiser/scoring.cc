// Interference scores (wifi-rules.md 3b): a candidate channel is as bad as the neighbouring
// networks it overlaps, stronger ones counting more, plus the home's own other nodes on the band
// (EasyMesh nodes overlapping each other contend for the same airtime), plus, for the channel in
// use, the airtime others were measured to take (which also sees non-Wi-Fi interference).
#include "diag/optimiser/scoring.h"

#include <algorithm>

#include "diag/optimiser/channel_plan.h"

namespace hearth::diag {
namespace {

constexpr double kOwnRadioWeight = 1.5;            // an own node counts as a strong neighbour
constexpr double kUtilisationPerPoint = 1.0 / 25;  // 25% of airtime busy = one -65 dBm neighbour

}  // namespace

double signal_weight(double signal_dbm) {
  if (!known(signal_dbm)) return 0.5;
  return std::clamp((signal_dbm + 95) / 30, 0.05, 2.0);
}

double busy_by_others_pct(const Radio& radio) {
  if (!known(radio.utilisation_pct)) return kUnknown;
  if (!known(radio.utilisation_self_pct)) return radio.utilisation_pct;
  return std::max(0.0, radio.utilisation_pct - radio.utilisation_self_pct);
}

ScoreDetail score_channel(const HomeSnapshot& snap, const Radio& radio,
                          const std::vector<NeighbourBss>& scan, int channel) {
  ScoreDetail d;
  const Span mine = channel_span(radio.band, channel, radio.width_mhz);
  for (const NeighbourBss& n : scan) {
    if (n.band != radio.band || n.channel <= 0) continue;
    const double overlap = overlap_fraction(mine, channel_span(n.band, n.channel, n.width_mhz));
    if (overlap <= 0) continue;
    d.neighbours += signal_weight(n.signal_dbm) * overlap;
    ++d.overlapping;
    if (known(n.signal_dbm) && (!known(d.strongest_dbm) || n.signal_dbm > d.strongest_dbm)) {
      d.strongest_dbm = n.signal_dbm;
    }
  }
  for (const Radio& other : snap.radios) {
    if (other.id == radio.id || other.band != radio.band || !other.enabled || other.channel <= 0)
      continue;
    d.own += kOwnRadioWeight *
             overlap_fraction(mine, channel_span(other.band, other.channel, other.width_mhz));
  }
  // The measured airtime lies in the spectrum the radio uses now: it counts for the candidates
  // that share it (another primary in the same 80 MHz block shares all of it).
  const double busy = busy_by_others_pct(radio);
  if (radio.channel > 0 && known(busy)) {
    const Span now = channel_span(radio.band, radio.channel, radio.width_mhz);
    d.utilisation = busy * kUtilisationPerPoint * overlap_fraction(mine, now);
  }
  d.score = d.neighbours + d.own + d.utilisation;
  return d;
}

std::vector<ChannelScore> score_channels(const HomeSnapshot& snap, const Radio& radio,
                                         const std::vector<NeighbourBss>& scan) {
  std::vector<ChannelScore> out;
  for (int c : candidate_channels(radio))
    out.push_back({c, score_channel(snap, radio, scan, c).score});
  return out;
}

}  // namespace hearth::diag
