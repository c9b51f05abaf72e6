// Pure decisions of the diagnosis service: when a device is offline, when an access node's
// silent homes make a regional outage, which TR-143 test is due, and the tasks that run them.
#pragma once

#include <cstdint>
#include <string>

#include "diag/snapshot.h"
#include "insight/options.h"
#include "store/records.h"

namespace hearth::insight {

// No Inform for two periodic intervals plus the grace (an unknown interval counts as an hour).
bool is_offline(int64_t last_contact_ms, int64_t interval_s, int64_t now_ms, int64_t grace_ms);

// An access node with `offline` of its `total` homes silent at once is in a regional outage when
// offline >= max(min_homes, ceil(share * total)).
bool is_regional_outage(uint64_t offline, uint64_t total, uint32_t min_homes, double share);

enum class WanTest : uint8_t { kNone, kPing, kDownload };

struct TestTimes {
  int64_t ping_requested_ms = 0;
  int64_t download_requested_ms = 0;
};
// The test to request now, if any: the ping every ping_interval, the download test every
// speed_test_interval when the WAN is idle (by the latest snapshot); when both are due, the one
// requested longer ago. One at a time: nothing while the other was requested less than a minute
// ago.
WanTest due_wan_test(const TestTimes& times, const diag::HomeSnapshot* latest,
                     const InsightOptions& options, int64_t now_ms);

// The task that runs the test (a SetParameterValues with DiagnosticsState=Requested), for the
// device's data model root.
store::TaskRecord wan_test_task(WanTest test, const std::string& device_id, const std::string& root,
                                const InsightOptions& options, int64_t now_ms);
// A neighbour scan (TR-181 NeighboringWiFiDiagnostic).
store::TaskRecord neighbour_scan_task(const std::string& device_id, int64_t now_ms);
// A SetParameterValues task of the given values (the optimiser's changes).
store::TaskRecord set_values_task(const std::string& device_id,
                                  const std::vector<cwmp::ParameterValue>& values, int64_t now_ms);

}  // namespace hearth::insight

namespace hearth::insight {
// Compares firmware versions by their runs of digits as numbers ("1.10" > "1.9"); < 0, 0, > 0.
int compare_versions(const std::string& a, const std::string& b);
}  // namespace hearth::insight
