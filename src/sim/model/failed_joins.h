// The gateway's log of failed joins: a station with the wrong passphrase (Station::wrong_password)
// retries about once a minute, and each attempt ends in a failed 4-way handshake the gateway
// records. TR-181 shows the last kKept of them as DataElements.FailedConnectionEvent rows, TR-098
// (Huawei) counts them per WLAN since boot (WLANConfiguration.{i}.X_HW_AuthFailures).
//
// Pure and lazy: sync() brings the log from its last time to now from the home as it is now. A
// failing station's associated_since_ms is when its failures began (the scenario sets it); once
// it joins again, its new associated_since_ms is when they ended. A station that starts and stops
// failing between two reads leaves no trace (nothing read the home in between).
// Rows are numbered from 1 at boot in the order of their times and keep their number while kept.
#pragma once

#include <array>
#include <cstdint>
#include <deque>
#include <vector>

#include "sim/world.h"

namespace hearth::sim::model {

struct FailedJoin {
  uint32_t instance = 0;
  Mac station;
  Mac bssid;     // the BSS it tried
  Band band = Band::k2g;
  uint8_t node = 0;
  int64_t time_ms = 0;
};

class FailedJoinLog {
 public:
  static constexpr size_t kKept = 32;
  static constexpr int64_t kRetryMs = 60'000;  // a client's retry period (+- kJitterMs)
  static constexpr int64_t kJitterMs = 8'000;
  // 802.11-2020 Table 9-49 reason code "4-way handshake timeout": the station's message 2 never
  // carries a valid MIC, so the gateway gives up the handshake. The status code is 0 then.
  static constexpr uint32_t kReasonCode = 15;

  // Brings the log up to now_ms (nothing before boot_ms). Times never go backwards; a call at
  // or before the last one changes nothing.
  void sync(const Home& home, int64_t boot_ms, int64_t now_ms);
  // A boot: rows, counters and numbering start again.
  void clear();

  // The newest kKept failures, oldest first.
  const std::deque<FailedJoin>& rows() const { return rows_; }
  // Failures on a band since boot, at the gateway's BSS or an extender's (the gateway controls
  // its mesh and counts for it). Wraps like a StatsCounter32.
  uint32_t failures(Band b) const { return count_[static_cast<size_t>(b)]; }

 private:
  struct Failing {
    Mac station;
    int64_t next_ms = 0;    // time of its next attempt
    uint32_t attempt = 0;   // attempts so far (jitter input)
  };
  void record(const Home& home, const Station& s, int64_t at_ms, std::vector<FailedJoin>* out) const;

  std::vector<Failing> failing_;
  std::deque<FailedJoin> rows_;
  std::array<uint32_t, 3> count_{};
  uint32_t next_instance_ = 1;
  int64_t synced_ms_ = INT64_MIN;
};

}  // namespace hearth::sim::model
