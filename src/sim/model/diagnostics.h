// TR-143 diagnostics (tr069.md 7.5) and the neighbouring Wi-Fi scan, computed from the home's WAN
// and surroundings when the CPE finishes them: throughput from the plan speed times the degraded
// share and the loss, latency and loss from the line plus injected extras; a line that is down
// reaches nothing; a failing DNS server cannot resolve a host name (an address literal still
// works). Pure and deterministic: the same home, inputs and time give the same results.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "sim/data_model.h"
#include "sim/world.h"

namespace hearth::sim::model {

inline constexpr int kDiagnosticKinds = 5;
inline int kind_index(DiagnosticKind k) { return static_cast<int>(k); }

// What the ACS wrote (or the device's defaults).
struct DiagnosticInputs {
  std::string host;              // IPPing / TraceRoute
  uint32_t repetitions = 3;      // IPPing NumberOfRepetitions
  uint32_t timeout_ms = 1000;    // IPPing / TraceRoute Timeout
  uint32_t data_block_size = 64;
  std::string url;               // DownloadURL / UploadURL
  uint64_t test_file_length = 0; // UploadDiagnostics TestFileLength (0: sized from the plan)
  uint32_t tries = 3;            // TraceRoute NumberOfTries
  uint32_t max_hops = 30;        // TraceRoute MaxHopCount
};

struct PingResult {
  uint32_t success = 0, failure = 0;
  uint32_t avg_ms = 0, min_ms = 0, max_ms = 0;
  uint32_t avg_us = 0, min_us = 0, max_us = 0;
};

struct TransferResult {
  int64_t rom_ms = 0, bom_ms = 0, eom_ms = 0, tcp_request_ms = 0, tcp_response_ms = 0;
  uint64_t test_bytes = 0, total_rx = 0, total_tx = 0;
};

struct TraceHop {
  std::string host, address, rt_times;
  uint32_t error = 0;
};

struct TraceResult {
  uint32_t response_ms = 0;
  std::vector<TraceHop> hops;
};

// The diagnostics state of one device, allocated on first use.
struct DiagnosticsStore {
  std::array<std::string, kDiagnosticKinds> state{"None", "None", "None", "None", "None"};
  std::string ip_used;
  PingResult ping;
  TransferResult download, upload;
  TraceResult trace;
  std::vector<Neighbour> neighbours;  // the scan as it was when it finished
};

// Time the CPE takes to run one diagnostic in the home's present conditions.
int64_t diagnostic_duration_ms(const Home& home, DiagnosticKind kind, const DiagnosticInputs& in);

// Runs the diagnostic and writes its results and final state into `store` ("Complete", or
// "Completed" for TR-098 download; error states by root as the data models enumerate them).
void run_diagnostic(const Home& home, DiagnosticKind kind, const DiagnosticInputs& in, bool tr098,
                    int64_t now_ms, DiagnosticsStore* store);

}  // namespace hearth::sim::model
