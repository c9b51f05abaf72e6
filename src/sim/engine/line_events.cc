// Line events from the homes' conditions (line_events.h).
#include "sim/engine/line_events.h"

#include <nlohmann/json.hpp>

#include "core/clock.h"

namespace hearth::sim {

LineState line_state(const Conditions& cond) {
  if (cond.powered_off) return LineState::kNoPower;
  if (cond.wan_down) return LineState::kNoSignal;
  return LineState::kUp;
}

const char* line_event_kind(LineState state) {
  switch (state) {
    case LineState::kNoPower: return "dying-gasp";
    case LineState::kNoSignal: return "loss-of-signal";
    case LineState::kUp: return "restored";
  }
  return "restored";
}

void LineWatch::reset(const Fleet& fleet) {
  last_.clear();
  last_.reserve(fleet.homes.size());
  for (const Home& h : fleet.homes) last_.push_back(line_state(h.cond));
}

void LineWatch::observe(const Fleet& fleet, int64_t now_ms, std::vector<LineEvent>* out) {
  if (last_.size() != fleet.homes.size()) last_.resize(fleet.homes.size(), LineState::kUp);
  for (size_t i = 0; i < fleet.homes.size(); ++i) {
    const Home& h = fleet.homes[i];
    if (h.cond.unreachable) continue;  // its access node is dark
    const LineState now = line_state(h.cond);
    if (now == last_[i]) continue;
    last_[i] = now;
    out->push_back(LineEvent{h.id, h.nodes.empty() ? std::string() : h.nodes[0].serial, line_event_kind(now), now_ms});
  }
}

std::string line_events_json(const std::vector<LineEvent>& events) {
  nlohmann::json list = nlohmann::json::array();
  for (const LineEvent& e : events) {
    list.push_back({{"homeId", e.home_id},
                    {"serial", e.serial},
                    {"kind", e.kind},
                    {"time", format_iso8601(from_unix_ms(e.time_ms), true)}});
  }
  return nlohmann::json{{"events", std::move(list)}}.dump();
}

}  // namespace hearth::sim
