// What keeps a radio's channel busy, for WIFI-CAP-1 (congestion: the home's own traffic, too many
// clients, a crowded channel), WIFI-CAP-2 (interference: a raised noise floor, or a 2.4 GHz channel
// busy while neither the home nor a crowd of neighbouring networks explains it) and WIFI-PHY-2 (a
// busy radio that slow clients share). Follows wifi-rules.md 3b and 3g (> 30 interfering APs or
// > 30 clients classify the cause).
#pragma once

#include <cstdint>
#include <span>
#include <string>

#include "diag/config.h"
#include "diag/snapshot.h"

namespace hearth::diag::rules {

enum class LoadCause : uint8_t { kOwnTraffic, kClients, kNeighbours, kInterference, kUnknown };

struct RadioLoad {
  double utilisation_pct = kUnknown;
  double own_pct = kUnknown;  // airtime of the home's own traffic (reported or estimated)
  int neighbours = -1;  // overlapping BSSs (this radio's, or a radio of the home on its channel)
  int clients = 0;
  bool noise_raised = false;
  LoadCause cause = LoadCause::kUnknown;
  bool congestion() const { return cause != LoadCause::kInterference; }  // WIFI-CAP-1, else CAP-2
};

RadioLoad radio_load(const HomeSnapshot& snap, const Radio& radio, const DiagConfig& config);

// The time since which the radio's utilisation has stayed at or above `pct` (0: not now).
int64_t busy_since(std::span<const HomeSnapshot> history, const std::string& radio_id, double pct);

const char* load_cause_text(LoadCause cause);  // for people: "the home's own traffic", ...

}  // namespace hearth::diag::rules
