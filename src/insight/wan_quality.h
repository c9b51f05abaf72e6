// The diagnosis' side of WAN quality as an incident signal: which open findings say a home's line
// is degraded (reported to a WanQualityListener when that changes), and holding a home's WAN
// findings back while it is in a confirmed "degraded" incident (its Wi-Fi findings stay).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "diag/diagnosis.h"
#include "insight/wan_quality_listener.h"

namespace hearth::insight {

struct LineQuality {
  std::vector<std::string> codes;  // open line findings (is_line_quality_code), sorted, unique
  int64_t since_ms = 0;            // the earliest of them began; 0: unknown or fine
  bool degraded() const { return !codes.empty(); }
};

// What the diagnosis says of the line. A finding that began before first_analysis_ms (the first
// snapshot this process analysed for the home) began at an unknown time: since_ms 0.
LineQuality line_quality(const diag::Diagnosis& d, int64_t first_analysis_ms);

// Tells the listener (if any) when the line's state differs from `reported` (what it was last
// told, "" at first: fine), and updates `reported`.
void report_line_quality(WanQualityListener* listener, const std::string& home_id,
                         const LineQuality& q, std::string& reported, int64_t now_ms);

// Drops the findings of the "wan" domain and orders and summarises the rest again (primary
// cause, health, summaries); latest: the snapshot the stations are rated from (may be null).
void hold_back_wan(diag::Diagnosis& d, const diag::HomeSnapshot* latest);

}  // namespace hearth::insight
