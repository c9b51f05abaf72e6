// Pure decisions of the diagnosis service (checks.h).
#include "insight/checks.h"

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>

#include "cwmp/value.h"

namespace hearth::insight {

using nlohmann::json;

bool is_offline(int64_t last_contact_ms, int64_t interval_s, int64_t now_ms, int64_t grace_ms) {
  if (last_contact_ms <= 0) return false;
  const int64_t interval_ms = (interval_s > 0 ? interval_s : 3600) * 1000;
  return now_ms > last_contact_ms + 2 * interval_ms + grace_ms;
}

bool is_regional_outage(uint64_t offline, uint64_t total, uint32_t min_homes, double share) {
  if (total == 0) return false;
  const auto by_share = static_cast<uint64_t>(std::ceil(share * static_cast<double>(total) - 1e-9));
  return offline >= std::max<uint64_t>(min_homes, by_share);
}

WanTest due_wan_test(const TestTimes& t, const diag::HomeSnapshot* latest, const InsightOptions& o,
                     int64_t now_ms) {
  constexpr int64_t kOneAtATimeMs = 60'000;
  if (now_ms - std::max(t.ping_requested_ms, t.download_requested_ms) < kOneAtATimeMs) {
    return WanTest::kNone;
  }
  const bool ping_due = o.ping_interval_ms > 0 && now_ms - t.ping_requested_ms >= o.ping_interval_ms;
  bool download_due = o.speed_test_interval_ms > 0 && now_ms - t.download_requested_ms >= o.speed_test_interval_ms;
  if (download_due) {
    const bool idle = latest == nullptr || !diag::known(latest->wan.rx_mbps) ||
                      latest->wan.rx_mbps + (diag::known(latest->wan.tx_mbps) ? latest->wan.tx_mbps : 0) <
                          o.speed_test_max_active_mbps;
    download_due = idle && latest != nullptr && latest->wan.up;
  }
  // Both due: the one waiting longest, so that a short ping interval cannot starve the speed test.
  if (ping_due && download_due) {
    return t.download_requested_ms < t.ping_requested_ms ? WanTest::kDownload : WanTest::kPing;
  }
  if (ping_due) return WanTest::kPing;
  if (download_due) return WanTest::kDownload;
  return WanTest::kNone;
}

namespace {

store::TaskRecord spv_task(const std::string& device_id, json values, int64_t now_ms) {
  store::TaskRecord t;
  t.device_id = device_id;
  t.name = "setParameterValues";
  t.args_json = json{{"name", "setParameterValues"}, {"parameterValues", std::move(values)},
                     {"maxAttempts", 1}}.dump();
  t.origin = "system:diagnosis";
  t.created_ms = t.updated_ms = t.next_attempt_ms = now_ms;
  return t;
}

}  // namespace

store::TaskRecord wan_test_task(WanTest test, const std::string& device_id, const std::string& root,
                                const InsightOptions& o, int64_t now_ms) {
  const bool tr098 = root == "InternetGatewayDevice.";
  json v = json::array();
  if (test == WanTest::kPing) {
    const std::string p = tr098 ? root + "IPPingDiagnostics." : root + "IP.Diagnostics.IPPing.";
    v.push_back({p + "Host", o.ping_host});
    v.push_back({p + "NumberOfRepetitions", 5, "xsd:unsignedInt"});
    v.push_back({p + "Timeout", 1000, "xsd:unsignedInt"});
    v.push_back({p + "DiagnosticsState", "Requested"});
  } else {
    const std::string p = tr098 ? root + "DownloadDiagnostics." : root + "IP.Diagnostics.DownloadDiagnostics.";
    v.push_back({p + "DownloadURL", o.speed_test_url});
    v.push_back({p + "DiagnosticsState", "Requested"});
  }
  return spv_task(device_id, std::move(v), now_ms);
}

store::TaskRecord neighbour_scan_task(const std::string& device_id, int64_t now_ms) {
  return spv_task(device_id,
                  json::array({json::array({"Device.WiFi.NeighboringWiFiDiagnostic.DiagnosticsState",
                                            "Requested"})}),
                  now_ms);
}

store::TaskRecord set_values_task(const std::string& device_id,
                                  const std::vector<cwmp::ParameterValue>& values, int64_t now_ms) {
  json v = json::array();
  for (const auto& p : values) {
    v.push_back({p.name, p.value, cwmp::value_type_xsi_name(p.type)});
  }
  return spv_task(device_id, std::move(v), now_ms);
}

}  // namespace hearth::insight

namespace hearth::insight {

int compare_versions(const std::string& a, const std::string& b) {
  size_t i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    const bool da = std::isdigit(static_cast<unsigned char>(a[i])) != 0;
    const bool db = std::isdigit(static_cast<unsigned char>(b[j])) != 0;
    if (da && db) {
      size_t ie = i, je = j;
      while (ie < a.size() && a[ie] == '0') ++ie;  // leading zeros do not count
      while (je < b.size() && b[je] == '0') ++je;
      size_t ae = ie, be = je;
      while (ae < a.size() && std::isdigit(static_cast<unsigned char>(a[ae]))) ++ae;
      while (be < b.size() && std::isdigit(static_cast<unsigned char>(b[be]))) ++be;
      if (ae - ie != be - je) return ae - ie < be - je ? -1 : 1;
      if (int c = a.compare(ie, ae - ie, b, je, be - je); c != 0) return c < 0 ? -1 : 1;
      i = ae;
      j = be;
    } else {
      if (a[i] != b[j]) return a[i] < b[j] ? -1 : 1;
      ++i;
      ++j;
    }
  }
  if (i < a.size()) return 1;
  if (j < b.size()) return -1;
  return 0;
}

}  // namespace hearth::insight
