// What Hearth collects from a gateway for the diagnosis, and how the answer becomes a
// HomeSnapshot. Pure: no I/O, the time is passed in.
//
// Collection: at a periodic session that is due (service.h decides), the ACS sends ONE
// GetParameterValues with telemetry_paths(root): partial paths of the branches the rules read
// (device health, WAN interface and its counters, TR-143 results, radios, access points with their
// stations, DataElements mesh topology). The Inform's own parameters are not repeated.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "cwmp/messages.h"
#include "diag/snapshot.h"

namespace hearth::diag {

// The partial (and full) paths one telemetry GetParameterValues asks for. `root` is
// "Device." or "InternetGatewayDevice.".
std::vector<std::string> telemetry_paths(const std::string& root);

// A narrower read than telemetry_paths(root), learned from the values a full read returned: the
// Wi-Fi rows (TR-098 WLANConfiguration) are asked for by the leaves the snapshot uses (channel,
// radio state, the vendor utilisation, neighbour and join-failure leaves) and their
// AssociatedDevice table, instead of whole: no SSID settings, no encryption modes, no keys or
// passphrases. Only leaves the full read returned are named, so the device has them unless its
// rows changed (then the read faults and the session falls back to the full one). Kept per home
// in this compact form (a few dozen bytes); empty when nothing would be narrower (TR-181 reads
// are already split by object).
struct NarrowedRead {
  struct Row {
    uint32_t instance = 0;
    uint32_t leaves = 0;    // bit i < 8: the i-th standard leaf; bit 8 + j: vendor_leaves[j]
    bool stations = false;  // ask for its AssociatedDevice table
  };
  std::vector<std::string> vendor_leaves;  // e.g. "X_HW_ChannelUtilization"
  std::vector<Row> rows;
  bool empty() const { return rows.empty(); }
};
NarrowedRead learn_narrowed_read(const std::string& root, const std::vector<cwmp::ParameterValue>& full_read);
// The paths of that read (telemetry_paths(root) with the Wi-Fi rows narrowed); empty when `read`
// is.
std::vector<std::string> narrowed_telemetry_paths(const std::string& root, const NarrowedRead& read);
// Leaves directly in Wi-Fi rows: at most narrowed_leaf_count(read) in the answer to a narrowed
// read, so more tells that the full read answered instead (the narrowed one faulted).
size_t narrowed_leaf_count(const NarrowedRead& read);
size_t wifi_row_leaf_count(const std::vector<cwmp::ParameterValue>& values);

// Previous values of counters, so that the next snapshot turns them into rates. Keeps one entry
// per counter seen; entries of stations or interfaces that are gone are dropped. Counters are
// deltas only within one boot (uptime went down: no rate this time), 32-bit counters may wrap once
// (StatsCounter32), and the "no data" maximum values are ignored (tr069.md 7.6).
struct CounterState {
  int64_t time_ms = 0;
  int64_t uptime_s = -1;
  std::map<std::string, uint64_t> values;  // key: a stable name (e.g. "sta/<mac>/down_bytes")
  std::map<std::string, int64_t> last_event_ms;  // newest failed-connection event seen per key
};

// Builds the snapshot from the values of one telemetry GetParameterValues (any order, any root;
// vendor parameters of the known prefixes X_HW_, X_ZTE-COM_, X_SAGEMCOM_, X_000E50_, X_AVM-DE_,
// and any other X_..._ChannelUtilization-like names by suffix). Updates `counters` for the next
// call. Never fails: what is missing or malformed stays unknown.
HomeSnapshot build_snapshot(const std::string& device_id, const std::string& root,
                            const std::vector<cwmp::ParameterValue>& values, int64_t time_ms,
                            CounterState& counters);

// Counter arithmetic, exposed for tests: the increase from `before` to `now` of a counter of
// `bits` (32 or 64), or -1 when it cannot be known (reset, "no data" value).
int64_t counter_delta(uint64_t before, uint64_t now, int bits);

// DataElements encodings: RCPI/ANPI (0..220) -> dBm, utilisation 0..255 -> percent.
double rcpi_to_dbm(double rcpi);
double utilisation_255_to_pct(double v);

}  // namespace hearth::diag
