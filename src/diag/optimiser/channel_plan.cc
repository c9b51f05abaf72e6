// IEEE 802.11 channel numbering: 2.4 GHz centre = 2407 + 5 * channel MHz (14: 2484), 5 GHz
// 5000 + 5 * channel, 6 GHz 5950 + 5 * channel; wide 5 GHz blocks align at 36 (and at 149 for
// U-NII-3), 6 GHz blocks at 1.
#include "diag/optimiser/channel_plan.h"

#include <algorithm>

namespace hearth::diag {
namespace {

double centre_mhz(Band band, int channel) {
  switch (band) {
    case Band::k2g:
      return channel == 14 ? 2484 : 2407 + 5.0 * channel;
    case Band::k5g:
      return 5000 + 5.0 * channel;
    case Band::k6g:
      return 5950 + 5.0 * channel;
  }
  return 0;
}

// The first 20 MHz channel of the aligned block of `width_mhz` holding `channel` (5/6 GHz).
int block_start(Band band, int channel, int width_mhz) {
  const int base = band == Band::k6g ? 1 : channel >= 149 ? 149 : 36;
  const int group = 4 * (width_mhz / 20);  // channel numbers per block
  if (channel < base || group <= 4) return channel;
  return base + (channel - base) / group * group;
}

}  // namespace

int effective_width(Band band, int width_mhz) {
  switch (band) {
    case Band::k2g:
      return width_mhz >= 40 ? 40 : 20;
    case Band::k5g:
      return width_mhz <= 0 ? 80 : std::clamp(width_mhz, 20, 160);
    case Band::k6g:
      return width_mhz <= 0 ? 80 : std::clamp(width_mhz, 20, 320);
  }
  return 20;
}

Span channel_span(Band band, int channel, int width_mhz) {
  const int w = effective_width(band, width_mhz);
  const double f = centre_mhz(band, channel);
  if (band == Band::k2g) {
    if (w < 40) return {f - 11, f + 11};
    return channel <= 7 ? Span{f - 11, f + 31} : Span{f - 31, f + 11};
  }
  const double lo = centre_mhz(band, block_start(band, channel, w)) - 10;
  return {lo, lo + w};
}

double overlap_fraction(const Span& a, const Span& b) {
  const double common = std::min(a.hi_mhz, b.hi_mhz) - std::max(a.lo_mhz, b.lo_mhz);
  const double narrower = std::min(a.hi_mhz - a.lo_mhz, b.hi_mhz - b.lo_mhz);
  if (common <= 0 || narrower <= 0) return 0;
  return std::min(1.0, common / narrower);
}

bool is_dfs_channel(Band band, int channel) {
  return band == Band::k5g && channel >= 52 && channel <= 144;
}

bool block_needs_dfs(Band band, int channel, int width_mhz) {
  if (band != Band::k5g || channel <= 0) return false;
  const int w = effective_width(band, width_mhz);
  const int start = block_start(band, channel, w);
  for (int c = start; c < start + 4 * (w / 20); c += 4) {
    if (is_dfs_channel(band, c)) return true;
  }
  return is_dfs_channel(band, channel);
}

std::vector<int> candidate_channels(const Radio& radio) {
  std::vector<int> possible = radio.possible_channels;
  if (possible.empty()) {
    switch (radio.band) {
      case Band::k2g:
        possible = {1, 6, 11};
        break;
      case Band::k5g:
        possible = {36, 40, 44, 48};
        break;
      case Band::k6g:
        for (int c = 1; c <= 93; c += 4) possible.push_back(c);
        break;
    }
  }
  std::sort(possible.begin(), possible.end());
  possible.erase(std::unique(possible.begin(), possible.end()), possible.end());
  std::vector<int> out;
  const bool dfs_ok = block_needs_dfs(radio.band, radio.channel, radio.width_mhz);
  for (int c : possible) {
    if (c <= 0) continue;
    if (radio.band == Band::k2g && c != 1 && c != 6 && c != 11) continue;
    if (!dfs_ok && block_needs_dfs(radio.band, c, radio.width_mhz)) continue;
    out.push_back(c);
  }
  return out;
}

}  // namespace hearth::diag
