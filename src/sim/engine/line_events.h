// Access-network line events as a provider's OLT, DSLAM or CMTS reports them: a gateway that
// lost power sends a "dying gasp", a line without signal is "loss-of-signal", and both end with
// "restored". The simulator watches its homes' conditions (power_cut -> powered_off, wan_down)
// and reports each change; an access node in an outage is dark and reports nothing for its
// homes until it is back (then a line whose state changed meanwhile is reported at that time).
// A line that has power again but still no signal reports "loss-of-signal".
//
// Pure: times are the simulation's, passed in. The JSON is the body of hearthd's
// POST /api/v1/line-events (README, "hearth-sim").
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "sim/world.h"

namespace hearth::sim {

struct LineEvent {
  std::string home_id;
  std::string serial;   // the gateway's
  std::string kind;     // "dying-gasp", "loss-of-signal" or "restored"
  int64_t time_ms = 0;
};

enum class LineState : uint8_t { kUp, kNoPower, kNoSignal };
LineState line_state(const Conditions& cond);  // power first: a dark gateway sends no light
const char* line_event_kind(LineState state);  // the event that reports entering the state

class LineWatch {
 public:
  // Takes every home's state as it is now, without reporting (the simulation's start).
  void reset(const Fleet& fleet);
  // Appends an event for each home whose state changed since the last look, at now_ms.
  void observe(const Fleet& fleet, int64_t now_ms, std::vector<LineEvent>* out);

 private:
  std::vector<LineState> last_;
};

// {"events":[{"homeId":"home-000001","serial":"...","kind":"dying-gasp","time":"ISO-8601"},...]}
std::string line_events_json(const std::vector<LineEvent>& events);

}  // namespace hearth::sim
