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
