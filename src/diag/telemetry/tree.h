// The values of one GetParameterValues answer, indexed by name for the snapshot builder: typed
// lookups that never fail (missing or malformed values come back empty or NaN) and the instance
// numbers of a table's rows. Internal to diag/telemetry.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "cwmp/messages.h"

namespace hearth::diag::telemetry {

class Tree {
 public:
  // Keeps pointers into `values`, which must outlive the tree.
  explicit Tree(const std::vector<cwmp::ParameterValue>& values);

  const cwmp::ParameterValue* find(std::string_view name) const;
  bool has(std::string_view name) const { return find(name) != nullptr; }
  // Whether any value lies under the partial path `prefix`.
  bool has_under(std::string_view prefix) const;

  // The text of a value ("" when absent), trimmed.
  std::string_view str(std::string_view name) const;
  std::optional<int64_t> integer(std::string_view name) const;
  std::optional<uint64_t> unsigned_int(std::string_view name) const;
  double number(std::string_view name) const;  // NaN when absent or not a number
  std::optional<bool> boolean(std::string_view name) const;  // true/false/1/0
  // A dateTime (or RFC 3339 string) as Unix milliseconds; nullopt for absent, malformed or the
  // unknown time 0001-01-01.
  std::optional<int64_t> time_ms(std::string_view name) const;

  // The instance numbers of the rows directly under `table` ("Device.WiFi.Radio."), ascending.
  std::vector<uint32_t> instances(std::string_view table) const;
  // The values at or under `prefix`, in name order.
  std::span<const cwmp::ParameterValue* const> under(std::string_view prefix) const;

 private:
  std::pair<size_t, size_t> range(std::string_view prefix) const;
  std::vector<const cwmp::ParameterValue*> sorted_;
};

// "Device.WiFi.Radio.2" or "Device.WiFi.Radio.2." -> "Device.WiFi.Radio.2." ("" stays "").
std::string object_path(std::string_view reference);
// A leaf name's part after a vendor prefix ("X_HW_RSSI" -> "RSSI", "X_AVM-DE_ChannelUtilization"
// -> "ChannelUtilization"); "" when the leaf is not a vendor parameter.
std::string_view vendor_suffix(std::string_view leaf);
// The value of the first vendor leaf directly in `object` whose suffix is `suffix`, or nullptr.
const cwmp::ParameterValue* vendor_value(const Tree& tree, std::string_view object,
                                         std::string_view suffix);
// The number in that vendor leaf, NaN when there is none.
double vendor_number(const Tree& tree, std::string_view object, std::string_view suffix);
// Bits of a counter as its type says (unsignedInt: 32, unsignedLong: 64), else `fallback`.
int counter_bits(const cwmp::ParameterValue& value, int fallback);
// "aa:bb:cc:dd:ee:ff" from any case.
std::string mac_key(std::string_view mac);
inline bool contains(std::string_view s, std::string_view part) { return s.find(part) != std::string_view::npos; }
// A dotted-quad IPv4 address (host order), or nullopt for anything else (a host name).
std::optional<uint32_t> parse_ipv4(std::string_view text);

}  // namespace hearth::diag::telemetry
