// Where the diagnosis learns which homes are in a confirmed regional incident (incidents/
// implements it): their individual findings are held back and OUT-REG-1 is their primary cause.
// In a "degraded" incident (the area's lines work, but badly) only their WAN findings are held
// back: the Wi-Fi is still theirs.
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>

namespace hearth::insight {

class OutageSource {
 public:
  virtual ~OutageSource() = default;
  // Home id -> the confirmed incident it is affected by, for every such home, except those of
  // cause "degraded". Called once per tick of the diagnosis service; must be thread-safe.
  virtual std::unordered_map<std::string, int64_t> homes_in_confirmed_incidents() = 0;
  // Home id -> the confirmed incident of cause "degraded" it is in. Same terms.
  virtual std::unordered_map<std::string, int64_t> homes_in_degraded_incidents() { return {}; }
};

}  // namespace hearth::insight
