// Per-model switches for CPEs that deviate from the standard (tr069.md section 9, quirks 17-23).
// Chosen by model in the configuration, never by special cases in the session code.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace hearth::device {

struct Quirks {
  bool skip_root_gpn = true;             // quirk 17: never GetParameterNames on "" (start at the root object)
  bool skip_writable_check = false;      // quirk 18: writable flags are wrong; try SPV anyway
  bool boolean_literal = true;           // quirk 22: false -> send booleans as 1/0
  bool datetime_milliseconds = true;     // quirk 22: false -> strip .000 from dateTimes
  bool download_success_on_timeout = false;  // quirk 23: no TransferComplete ever comes
  uint32_t gpv_batch_size = 32;          // quirk 20
  uint32_t spv_batch_size = 32;
  bool gpn_next_level_walk = false;      // walk the tree level by level instead of one big GPN
};

// A rule: devices whose OUI and/or ProductClass match get these quirks (empty = any).
struct QuirkRule {
  std::string oui;
  std::string product_class;
  Quirks quirks;
};

// The first matching rule's quirks, else the defaults.
const Quirks& quirks_for(const std::vector<QuirkRule>& rules, const std::string& oui,
                         const std::string& product_class);

}  // namespace hearth::device
