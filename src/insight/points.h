// The time series of a home: the points one telemetry pass yields (health, WAN, radios,
// stations, nodes, device), their text form in the store (TelemetrySampleRecord::data), and
// hourly rollups (count, sum, min, max per key). Pure.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "diag/diagnosis.h"
#include "diag/snapshot.h"

namespace hearth::insight {

using Points = std::vector<std::pair<std::string, double>>;

// Keys: "health", "wan/up", "wan/rx_mbps", "wan/tx_mbps", "wan/ping_ms", "wan/download_mbps",
// "device/cpu_pct", "device/memory_free_pct", "radio/<id>/utilisation_pct", "radio/<id>/noise_dbm",
// "radio/<id>/clients", "radio/<id>/channel", "sta/<mac>/signal_dbm", "sta/<mac>/phy_down_mbps",
// "sta/<mac>/retrans_pct", "sta/<mac>/down_mbps", "sta/<mac>/health", "node/<id>/backhaul_signal_dbm",
// "node/<id>/backhaul_phy_mbps". Unknown values are left out.
Points points_of(const diag::HomeSnapshot& snapshot, const diag::Diagnosis& diagnosis);
// Only the health (a home that is offline has no snapshot to sample).
Points health_points(const diag::Diagnosis& diagnosis);

// One line per key prefix: "prefix/\tname=value\tname=value\n" ("health=100\n" for a key without
// '/'), about half the size of a "key=value" line per point. Samples stored before as
// "key=value\n" lines decode the same.
std::string encode_points(const Points& points);
Points decode_points(std::string_view text);         // malformed lines are skipped
// The value of one key in an encoded sample (false when absent).
bool find_point(std::string_view text, std::string_view key, double* value);

struct Aggregate {
  uint32_t count = 0;
  double sum = 0;
  double min = 0;
  double max = 0;
};
using Rollup = std::map<std::string, Aggregate>;

void add_points(Rollup& rollup, const Points& points);
std::string encode_rollup(const Rollup& rollup);     // "key=count,sum,min,max\n" lines
Rollup decode_rollup(std::string_view text);
bool find_aggregate(std::string_view text, std::string_view key, Aggregate* out);

inline int64_t hour_of(int64_t time_ms) { return time_ms - time_ms % 3'600'000; }

}  // namespace hearth::insight
