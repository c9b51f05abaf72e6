// What the data model knows about a writable leaf: the rule its value must satisfy (fault 9007
// otherwise) and where a write goes (the Home for what the world models, the device's own map
// for the rest). Pure.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "cwmp/value.h"

namespace hearth::sim::model {

enum class Check : uint8_t {
  kType,        // only the leaf's type (boolean true/false/1/0, integers, dateTime)
  kRange,       // integer in [lo, hi]
  kLength,      // string of lo..hi characters
  kOneOf,       // one of the comma-separated `options`
  kUintOneOf,   // an unsigned integer that is one of `options` (a channel in PossibleChannels)
  kListOf,      // a comma-separated list whose items are all in `options` (may be empty if lo == 0)
};

struct Rule {
  Check check = Check::kType;
  int64_t lo = 0;
  int64_t hi = 0;
  const char* options = nullptr;
};

inline Rule range(int64_t lo, int64_t hi) { return Rule{Check::kRange, lo, hi, nullptr}; }
inline Rule length(int64_t lo, int64_t hi) { return Rule{Check::kLength, lo, hi, nullptr}; }
inline Rule one_of(const char* options) { return Rule{Check::kOneOf, 0, 0, options}; }
inline Rule channel_in(const char* options) { return Rule{Check::kUintOneOf, 0, 0, options}; }
inline Rule list_of(const char* options, int64_t min_items) {
  return Rule{Check::kListOf, min_items, 0, options};
}

// Where a validated write goes.
enum class Target : uint8_t {
  kStore,             // the device's own map of written values (rendered back from it)
  kIgnore,            // accepted; the value shown stays the one the device derives itself
  kManagement,        // the map, and SetOutcome::management_changed
  kRadioEnable,       // arg: band
  kRadioChannel,      // arg: band -> Node::channel_2g/5g of the gateway
  kAutoChannel,       // arg: band
  kRadioWidth,        // arg: band -> Node::width_*
  kRadioTxPower,      // arg: band -> Node::tx_power_dbm (percent of full power, -1 auto)
  kSsid,              // arg: 0 main, 1 guest -> WifiConfig
  kPassphrase,        // arg: 0 main, 1 guest (guest kept in the map)
  kGuestEnable,       // WifiConfig::guest_enabled
  kBandSteering,      // WifiConfig::band_steering (turning it on steers stations at once)
  kDiagState,         // arg: DiagnosticKind
  kDiagInput,         // arg: DiagnosticKind (stored; resets the state to None)
};

struct Hook {
  Target target = Target::kStore;
  uint8_t arg = 0;
};

struct LeafMeta {
  cwmp::ValueType type = cwmp::ValueType::kString;
  bool writable = false;
  Rule rule;
  Hook hook;
};

// Validates `text` for a leaf of this type and rule. On success `*normalised` holds the value to
// store (booleans as "true"/"false", integers without sign or spaces).
bool validate(const LeafMeta& meta, std::string_view text, std::string* normalised);

// Whether `list` (comma-separated, no spaces) contains `item`.
bool list_contains(std::string_view list, std::string_view item);

}  // namespace hearth::sim::model
