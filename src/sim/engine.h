// hearth-sim's engine: the Simulator owns the fleet (fleet.h), one Cpe and DataModel per home's
// gateway (cpe.h, data_model.h), the scenario schedule (scenario.h), and runs them against a
// real ACS on one net::EventLoop:
//   - per-home wake-ups in one WakeQueue (one loop timer for the whole fleet): dynamics advance(),
//     Cpe::tick(), and a session when the Cpe wants one, at most max_sessions at a time (the rest
//     wait in a FIFO), optionally paced to a rate;
//   - sessions: the Inform POSTed to the ACS, then on_response() until done; cookies, Digest or
//     Basic answers to the ACS's 401, the stale_cookie quirk; failures -> Cpe::session_failed;
//   - downloads: Cpe::take_fetch() -> HTTP GET (Digest/Basic when challenged) -> download_finished;
//   - connection requests: one LoopHttpServer on an address and a port range for all homes, each
//     home at http://ADDR:PORT/<random path> (cr_responder.h);
//   - the scenario schedule applied at its due times, the truth file rewritten when it changes;
//   - statistics: sessions, failures, latency percentiles, sessions per second.
//   - line events (optional): each home's power cut and line loss, as its access node would
//     report them, POSTed to hearthd's /api/v1/line-events (line_event_sender.h).
// Load mode (options.load) measures the ACS instead: sessions paced to options.rate (or as fast as
// max_sessions allows) for options.duration_s, then on_finished.
//
// Time: the Cpe side sees clock.now() (Unix ms), so tests drive scheduling with a FakeClock and
// poke(); the network is real (the ACS is). Thread safety: construct anywhere, then use only on
// the loop's thread (start() before or inside run()).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "core/clock.h"
#include "core/result.h"
#include "net/event_loop.h"
#include "sim/cpe.h"
#include "sim/world.h"

namespace hearth::sim {

struct SimulatorOptions {
  uint32_t homes = 200;
  uint64_t seed = 1;
  std::string acs_url;                   // http://HOST:PORT/PATH (https is not simulated)
  uint32_t inform_interval_s = 300;      // PeriodicInformInterval the gateways start with
  CpeOptions cpe;                        // jitter, boot time, rate limits...
  std::string cr_listen = "127.0.0.1";   // connection-request server address
  uint16_t cr_first_port = 0;            // port range; 0..0: one free port
  uint16_t cr_last_port = 0;
  uint32_t max_sessions = 500;           // concurrent sessions (and concurrent downloads)
  int64_t request_timeout_ms = 30'000;   // per HTTP exchange (tr069.md 1.5: >= 30 s)
  std::string truth_path;                // written when the truth changes and at stop(); "" none
  // Load mode: sessions at `rate` per second (0: as fast as max_sessions allows) for duration_s.
  bool load = false;
  double rate = 0;
  double duration_s = 30;
  // Line events (sim/engine/line_events.h): "dying-gasp", "loss-of-signal" and "restored" when a
  // power cut or a wan-down starts and ends, POSTed as {"events":[...]} to this URL with
  // "Authorization: Bearer <token>" (README "hearth-sim"); "" sends none.
  std::string line_events_url;
  std::string line_events_token;
  int64_t line_events_retry_ms = 1000;   // first back-off after a failed POST; doubles to 60 s
  double memory_leak_per_hour = 0.03;    // share of the memory a leak loses per hour of uptime
};

struct SimulatorStats {
  uint64_t sessions_started = 0;
  uint64_t sessions_ok = 0;
  uint64_t sessions_failed = 0;      // with traffic: transport errors, HTTP errors, auth failures
  uint64_t in_flight = 0;
  uint64_t waiting = 0;              // due, waiting for a free session slot
  uint64_t auth_failures = 0;        // the ACS refused the credentials
  uint64_t downloads_ok = 0;
  uint64_t downloads_failed = 0;
  uint64_t cr_received = 0;
  uint64_t cr_accepted = 0;
  uint64_t cr_refused = 0;           // 503
  uint64_t cr_unanswered = 0;        // home off or unreachable
  double p50_ms = 0, p95_ms = 0, p99_ms = 0, max_ms = 0;  // per session, Inform to end
  double elapsed_s = 0;              // since start() (load mode: the measured window)
  double sessions_per_second = 0;    // sessions_ok / elapsed_s
  uint64_t line_events_sent = 0;     // accepted by the receiver
  uint64_t line_events_pending = 0;  // queued or in flight
  uint64_t line_event_posts_failed = 0;
};

class Simulator {
 public:
  // Builds the fleet and every gateway's data model and Cpe; no I/O. REQUIRES: `clock` outlives
  // the simulator.
  Simulator(SimulatorOptions options, const Clock& clock);
  ~Simulator();
  Simulator(const Simulator&) = delete;
  Simulator& operator=(const Simulator&) = delete;

  // Scenarios (scenario.h), before or after start().
  Status add_scenario_file_text(const std::string& text);
  Status add_inject(const std::string& spec);

  const Fleet& fleet() const;
  Cpe& cpe(uint32_t home);
  std::string export_json() const;  // the import file for the ACS (scenario.h)
  std::string truth_json() const;

  // Binds the connection-request ports, gives every gateway its ConnectionRequestURL and starts
  // waking homes (load mode: starts the measured window). Errors: kInvalidArgument (bad ACS or
  // line-events URL, https), kUnavailable (a CR port is taken). REQUIRES: `loop` outlives the simulator.
  Status start(net::EventLoop& loop);
  // Stops starting sessions, drops those in flight and the line events not yet delivered, closes
  // the CR server and writes the truth file. Idempotent.
  void stop();
  // Re-evaluates due wake-ups now (tests call it after moving a FakeClock).
  void poke();
  // Load mode: called once on the loop when the window is over (the simulator is stopped then).
  void on_finished(std::function<void()> fn);

  // "ADDR:FIRST-LAST" of the CR server after start(), e.g. "127.0.0.1:7547-7549".
  std::string cr_range() const;
  // A home's ConnectionRequestURL (after start()).
  std::string connection_request_url(uint32_t home) const;
  SimulatorStats stats() const;
  // One JSON line: {"event":"load-summary","sessions":..,"errors":..,"sessionsPerSecond":..,
  // "p50Ms":..,"p95Ms":..,"p99Ms":..,"durationS":..}
  std::string load_summary_json() const;

  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace hearth::sim
