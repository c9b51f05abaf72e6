// Thresholds and windows of the diagnosis rules, with the defaults of wifi-rules.md 3g. Every
// field can be set from the [diagnosis] table of the configuration file by its name.
#pragma once

#include <cstdint>
#include <string>

#include "core/result.h"

namespace hearth::diag {

struct DiagConfig {
  // Persistence: a raise condition must hold this long before a finding opens, a clear
  // condition this long before it closes. Rules may use multiples (documented in the rule).
  int64_t persist_ms = 5 * 60'000;
  int64_t clear_ms = 10 * 60'000;
  // More fields: one per threshold, named after the rule (e.g. weak_signal_2g_dbm).
};

// Sets one field by name from its text value (the configuration file); kInvalidArgument for an
// unknown name or a bad value.
Status set_diag_option(DiagConfig& config, const std::string& name, const std::string& value);

}  // namespace hearth::diag
