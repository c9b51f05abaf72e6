// Stations failing to join in TR-181: Device.WiFi.DataElements.FailedConnectionEvent.
// FailedConnectionEventData.{i} (MACAddress, StatusCode, ReasonCode, TimeStamp), counting the
// rows newer than the newest one an earlier snapshot saw (CounterState::last_event_ms).
#include <algorithm>

#include "diag/telemetry/builder.h"

namespace hearth::diag::telemetry {
namespace {

constexpr const char* kTable = "Device.WiFi.DataElements.FailedConnectionEvent.FailedConnectionEventData.";
constexpr const char* kKey = "failed_connection";
// With no earlier snapshot, only this recent past counts: the table may hold old events.
constexpr int64_t kFirstReadWindowMs = 15 * 60'000;

}  // namespace

void read_join_failures_tr181(Builder& b) {
  const int64_t last = b.counters.last_event_ms(kKey);
  const int64_t after = last > 0 ? last : b.snap.time_ms - kFirstReadWindowMs;
  int64_t newest = last;
  JoinFailures& j = b.snap.join_failures;
  for (uint32_t i : b.tree.instances(kTable)) {
    const std::string row = kTable + std::to_string(i) + ".";
    const std::optional<int64_t> at = b.tree.time_ms(row + "TimeStamp");
    if (!at) continue;
    newest = std::max(newest, *at);
    if (*at <= after) continue;
    ++j.count;
    const std::string mac = mac_key(b.tree.str(row + "MACAddress"));
    if (!mac.empty() && std::find(j.macs.begin(), j.macs.end(), mac) == j.macs.end()) j.macs.push_back(mac);
  }
  if (newest > 0) b.counters.saw_event(kKey, newest);
}

}  // namespace hearth::diag::telemetry
