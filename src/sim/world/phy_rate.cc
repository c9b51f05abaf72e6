// PHY rate from SNR (radio.h): the MCS tables of 802.11n/ac (HT/VHT, short guard interval) and
// 802.11ax (HE, 0.8 us guard interval) per spatial stream at 20 MHz, scaled by the data
// subcarriers of wider channels. SNR thresholds per MCS are the usual receiver-sensitivity
// steps; each doubling of width costs 3 dB (more noise bandwidth), each extra stream 3 dB.
#include <algorithm>
#include <cmath>

#include "sim/radio.h"

namespace hearth::sim {
namespace {

constexpr float kMcsSnrDb[12] = {5, 8, 11, 14, 17, 21, 23, 25, 29, 31, 34, 37};
constexpr float kHtVhtRate20Mbps[10] = {7.2f, 14.4f, 21.7f, 28.9f, 43.3f, 57.8f, 65.0f, 72.2f, 86.7f, 96.3f};
constexpr float kHeRate20Mbps[12] = {8.6f, 17.2f, 25.8f, 34.4f, 51.6f, 68.8f,
                                     77.4f, 86.0f, 103.2f, 114.7f, 129.0f, 143.4f};

float width_factor(bool he, uint8_t width_mhz) {
  // Data subcarriers relative to 20 MHz: HT/VHT 52 -> 108 -> 234 -> 468; HE 242 -> 484 -> 980 -> 1960.
  switch (width_mhz) {
    case 40: return he ? 2.0f : 2.077f;
    case 80: return he ? 4.19f : 4.5f;
    case 160: return he ? 8.38f : 9.0f;
    default: return 1.0f;
  }
}

uint8_t normal_width(uint8_t w) {
  if (w >= 160) return 160;
  if (w >= 80) return 80;
  if (w >= 40) return 40;
  return 20;
}

}  // namespace

uint8_t station_width_mhz(uint8_t generation, Band band, uint8_t node_width_mhz) {
  uint8_t cap = 20;
  if (band == Band::k2g) {
    cap = generation >= 6 ? 40 : 20;  // n/ac clients stay at 20 MHz on 2.4 GHz
  } else {
    cap = generation >= 6 ? 160 : generation == 5 ? 80 : 40;
  }
  return std::min(cap, normal_width(node_width_mhz));
}

uint32_t phy_rate_kbps(float snr_db, uint8_t generation, Band band, uint8_t width_mhz, uint8_t streams) {
  const bool he = generation >= 6;
  const bool vht = generation == 5 && band != Band::k2g;
  const int max_mcs = he ? 11 : vht ? 9 : 7;
  const float* table = he ? kHeRate20Mbps : kHtVhtRate20Mbps;
  const uint8_t width = normal_width(width_mhz);
  const float width_penalty = 10.0f * std::log10(static_cast<float>(width) / 20.0f);
  const float wf = width_factor(he, width);
  const int nss = std::clamp<int>(streams, 1, 4);
  float best = 0;
  for (int k = 1; k <= nss; ++k) {
    const float effective = snr_db - width_penalty - 3.0f * static_cast<float>(k - 1);
    for (int mcs = max_mcs; mcs >= 0; --mcs) {
      if (effective >= kMcsSnrDb[mcs]) {
        best = std::max(best, table[mcs] * static_cast<float>(k) * wf);
        break;
      }
    }
  }
  if (best <= 0) return band == Band::k2g ? 1000 : 6000;
  return static_cast<uint32_t>(std::lround(best * 1000.0f));
}

}  // namespace hearth::sim
