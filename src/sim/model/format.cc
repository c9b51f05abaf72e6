// Text forms of world values (format.h). Channel lists are the EU ones (ETSI): 2.4 GHz 1-13,
// 5 GHz 36-64 and 100-140, 6 GHz (LPI, 5945-6425 MHz) 1-93.
#include "sim/model/format.h"

#include <algorithm>
#include <cmath>

namespace hearth::sim::model {

std::string mac_string(const Mac& mac, bool upper) {
  const char* hex = upper ? "0123456789ABCDEF" : "0123456789abcdef";
  std::string out(17, ':');
  for (size_t i = 0; i < 6; ++i) {
    out[i * 3] = hex[mac.b[i] >> 4];
    out[i * 3 + 1] = hex[mac.b[i] & 0xf];
  }
  return out;
}

std::string mac_base64(const Mac& mac) {
  static constexpr char kB64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  for (size_t i = 0; i < 6; i += 3) {
    const uint32_t v = (uint32_t{mac.b[i]} << 16) | (uint32_t{mac.b[i + 1]} << 8) | mac.b[i + 2];
    for (int shift = 18; shift >= 0; shift -= 6) out.push_back(kB64[(v >> shift) & 63]);
  }
  return out;
}

std::string ipv4_string(uint32_t a) {
  std::string out;
  out.reserve(15);
  for (int shift = 24; shift >= 0; shift -= 8) {
    out.append(std::to_string((a >> shift) & 0xff));
    if (shift != 0) out.push_back('.');
  }
  return out;
}

bool is_ipv4_literal(const std::string& s) {
  int parts = 0;
  size_t i = 0;
  while (i <= s.size()) {
    size_t j = i;
    unsigned v = 0;
    while (j < s.size() && s[j] >= '0' && s[j] <= '9' && j - i < 3) v = v * 10 + (s[j++] - '0');
    if (j == i || v > 255) return false;
    ++parts;
    if (j == s.size()) return parts == 4;
    if (s[j] != '.') return false;
    i = j + 1;
  }
  return false;
}

const char* band_name(Band b) {
  switch (b) {
    case Band::k2g: return "2.4GHz";
    case Band::k5g: return "5GHz";
    case Band::k6g: return "6GHz";
  }
  return "2.4GHz";
}

const char* possible_channels(Band b) {
  switch (b) {
    case Band::k2g: return "1,2,3,4,5,6,7,8,9,10,11,12,13";
    case Band::k5g: return "36,40,44,48,52,56,60,64,100,104,108,112,116,120,124,128,132,136,140";
    case Band::k6g:
      return "1,5,9,13,17,21,25,29,33,37,41,45,49,53,57,61,65,69,73,77,81,85,89,93";
  }
  return "";
}

const char* bandwidths(Band b, uint8_t gen) {
  if (b == Band::k2g) return "20MHz,40MHz,Auto";
  if (b == Band::k6g && gen >= 7) return "20MHz,40MHz,80MHz,160MHz,320MHz-1,320MHz-2,Auto";
  return "20MHz,40MHz,80MHz,160MHz,Auto";
}

std::string width_name(uint8_t mhz) { return std::to_string(mhz) + "MHz"; }

uint8_t width_mhz(const std::string& name, Band b) {
  if (name == "Auto") return b == Band::k2g ? 20 : 80;
  int v = 0;
  for (char c : name) {
    if (c < '0' || c > '9') break;
    v = v * 10 + (c - '0');
  }
  if (v <= 0 || v > 160) v = 160;  // 320 MHz does not fit the world's widths
  return static_cast<uint8_t>(v);
}

const char* radio_standards(Band b, uint8_t gen) {
  if (b == Band::k2g) return gen >= 7 ? "b,g,n,ax,be" : gen >= 6 ? "b,g,n,ax" : "b,g,n";
  if (b == Band::k5g) return gen >= 7 ? "a,n,ac,ax,be" : gen >= 6 ? "a,n,ac,ax" : "a,n,ac";
  return gen >= 7 ? "ax,be" : "ax";
}

const char* station_standard(const Station& s) {
  if (s.wifi_generation >= 6) return "ax";
  if (s.wifi_generation == 5 && s.band != Band::k2g) return "ac";
  return "n";
}

const char* tr098_standard(Band b) { return b == Band::k2g ? "b/g/n" : "a/n/ac"; }

int tx_power_percent(int8_t dbm) {
  // Full power is 20 dBm; the value snaps to the supported steps.
  const double pct = 100.0 * std::pow(10.0, (dbm - 20) / 10.0);
  static constexpr int kSteps[] = {12, 25, 50, 75, 100};
  int best = 100;
  double best_d = 1e9;
  for (int s : kSteps) {
    if (std::fabs(s - pct) < best_d) {
      best_d = std::fabs(s - pct);
      best = s;
    }
  }
  return best;
}

int8_t tx_power_dbm(int percent) {
  if (percent <= 0) return 20;  // -1: automatic, full power
  return static_cast<int8_t>(std::lround(20 + 10 * std::log10(percent / 100.0)));
}

uint32_t rcpi(float dbm) {
  const double v = std::round(2.0 * (dbm + 110.0));
  return static_cast<uint32_t>(std::clamp(v, 0.0, 220.0));
}

uint32_t share_255(float share) {
  return static_cast<uint32_t>(std::lround(std::clamp(share, 0.0f, 1.0f) * 255.0f));
}

uint32_t share_percent(float share) {
  return static_cast<uint32_t>(std::lround(std::clamp(share, 0.0f, 1.0f) * 100.0f));
}

std::string u64(uint64_t v) { return std::to_string(v); }
std::string i64(int64_t v) { return std::to_string(v); }

}  // namespace hearth::sim::model
