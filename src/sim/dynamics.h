// Time in a home: stations come and go with the time of day (UTC), move a little around their
// usual place, roam to a better node unless sticky, and vary the traffic they offer. Lazy and
// pure: the engine calls advance() before each session of the home, with the time; the state is
// a function of home.seed, each station's MAC and the times given, so the same calls give the
// same home. Cheap enough to run for every session of 50,000 homes.
#pragma once

#include <cstdint>

#include "sim/world.h"

namespace hearth::sim {

// Brings the home's stations to now_ms (presence, position, association, demand) and sets
// home.advanced_to_ms. Calling it again with the same time changes nothing.
void advance(Home& home, int64_t now_ms);

// Whether the station is at home at t (phones leave on most weekdays during the day and come
// back in the evening; laptops and tablets sometimes; TVs, consoles and IoT stay).
bool station_at_home(const Home& home, const Station& station, int64_t t_ms);
// Traffic the station offers at t (by kind and time of day, at least min_demand_mbps).
float station_demand_mbps(const Home& home, const Station& station, int64_t t_ms);

// (Re)associates the station with the best node and band (radio.h best_association); a sticky
// station keeps its node and only picks the band. associated_since_ms = now_ms when it changed.
void associate_best(Home& home, Station& station, int64_t now_ms);

}  // namespace hearth::sim
