// From the open findings to the answer: their order of importance, the primary cause, the health
// score and what it is made of, per-station health, and the two summaries. Pure; used by the
// engine (engine.cc) after it has updated the findings' states.
#pragma once

#include <vector>

#include "diag/diagnosis.h"

namespace hearth::diag::rules {

// Sorts `findings` most important first: severity, then rule priority (WAN-SPD-1 drops below the
// Wi-Fi causes while WIFI-SPD-1 says the line itself is fine), then health cost.
void order_findings(std::vector<Finding>& findings);

// Fills primary, domain, health, health_costs, station_health and the summaries of `d`, whose
// findings are already ordered. `latest` (may be null) lists the stations to rate.
void summarise(Diagnosis& d, const HomeSnapshot* latest);

}  // namespace hearth::diag::rules
