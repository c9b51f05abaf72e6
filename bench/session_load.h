// The load generator of session_bench: many simulated CPEs running periodic CWMP sessions
// against one server, each session on a new TCP connection: Inform -> 200 InformResponse (with
// its Set-Cookie) -> empty POST with the cookie -> 204 (tr069.md 1.3, quirk 9). Runs on one
// thread with Asio coroutines; `concurrency` sessions are in flight at any time.
//
// The devices are the ones bench/store_generate writes by default (store_template.cc): OUI
// 202BC1, ProductClass BM632w, serial HRTH + 10 digits, a TR-098 tree; so the generator can
// run against a store filled by that tool and update existing rows.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace hearth::bench {

struct DeviceIdentity {
  std::string manufacturer = "Huawei Technologies Co., Ltd.";
  std::string oui = "202BC1";
  std::string product_class = "BM632w";
  std::string serial_prefix = "HRTH";
  int serial_digits = 10;  // the index is zero-padded to this width
  std::string cwmp_ns = "urn:dslforum-org:cwmp-1-0";
};

struct LoadOptions {
  std::string host = "127.0.0.1";
  uint16_t port = 0;
  std::string target = "/";
  int concurrency = 64;
  // Sessions end when `duration` has passed (none starts after); the first `warmup` of it is
  // not measured. With max_sessions > 0 the run instead ends after that many sessions started.
  std::chrono::milliseconds duration{10000};
  std::chrono::milliseconds warmup{1000};
  uint64_t max_sessions = 0;
  // Session k is for device first_device + (k % devices) * device_stride, whose serial number is
  // serial_prefix + that index; a stride spreads a sample over a larger fleet.
  uint64_t devices = 10000;
  uint64_t first_device = 0;
  uint64_t device_stride = 1;
  DeviceIdentity identity;
  std::vector<std::string> events = {"2 PERIODIC"};
  std::chrono::milliseconds timeout{30000};  // per session
  // When the server asks for values after the empty POST (the diagnosis' telemetry read), the
  // answer to the request's ParameterNames element (its XML): a GetParameterValuesResponse
  // envelope with "@@ID@@" where its cwmp:ID goes. Unset: an empty GetParameterValuesResponse.
  // Other requests get an empty SetParameterValuesResponse.
  std::function<std::string(std::string_view names_xml)> gpv_responder;
};

struct LatencySummary {
  double p50_ms = 0;
  double p95_ms = 0;
  double p99_ms = 0;
  double max_ms = 0;
};

struct LoadResult {
  uint64_t sessions = 0;     // completed inside the measured window
  double seconds = 0;        // length of the measured window
  double sessions_per_s = 0;
  LatencySummary session;    // connect to 204
  LatencySummary inform;     // Inform sent to InformResponse read
  LatencySummary empty_post; // empty POST sent to 204 read
  uint64_t completed = 0;    // over the whole run, warm-up included
  uint64_t errors = 0;       // over the whole run, warm-up included
  uint64_t acs_requests = 0; // requests the server made after the empty POST (telemetry reads)
  std::map<std::string, uint64_t> error_kinds;  // "timeout", "reset", "refused", "http_503", ...
  double generator_cpu_s = 0;  // this process's CPU time during the run
};

// The cwmp:ID every generated Inform carries, echoed by the ACS in its InformResponse.
inline constexpr const char* kInformId = "hearth-bench-1";

// The InformResponse an ACS answers the generator's Inform with (what hearthd writes), for the
// trivial reference server.
std::string fixed_inform_response(const DeviceIdentity& identity);

// Runs the load and returns what it measured. Never throws.
LoadResult run_load(const LoadOptions& options);

// Percentiles by nearest rank; sorts `samples_ms`.
LatencySummary summarize(std::vector<double>& samples_ms);

}  // namespace hearth::bench
