// Where the diagnosis learns which homes are in a confirmed regional incident (incidents/
// implements it): their individual findings are held back and OUT-REG-1 is their primary cause.
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>

namespace hearth::insight {

class OutageSource {
 public:
  virtual ~OutageSource() = default;
  // Home id -> the confirmed incident it is affected by, for every such home. Called once per
  // tick of the diagnosis service; must be thread-safe.
  virtual std::unordered_map<std::string, int64_t> homes_in_confirmed_incidents() = 0;
};

}  // namespace hearth::insight
