// Internal to the engine: the state behind Simulator (engine.h), shared by simulator.cc (set-up,
// connection requests, statistics) and scheduler.cc (wake-ups, sessions, downloads, scenarios).
#pragma once

#include <chrono>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "net/loop_http_server.h"
#include "sim/engine.h"
#include "sim/engine/cr_responder.h"
#include "sim/engine/cwmp_session.h"
#include "sim/engine/fetcher.h"
#include "sim/engine/latency_histogram.h"
#include "sim/engine/line_event_sender.h"
#include "sim/engine/line_events.h"
#include "sim/engine/wake_queue.h"
#include "sim/scenario.h"

namespace hearth::sim {

// What the engine keeps per home beside its Cpe: a few bytes, plus the last session's cookies
// for models with the stale_cookie quirk.
struct HomeSlot {
  uint64_t cr_token = 0;
  std::string stale_cookie;
  bool queued = false;      // in Impl::ready
  bool in_session = false;
  bool fetching = false;
};

struct Simulator::Impl {
  Impl(SimulatorOptions options, const Clock& clock);

  int64_t now_ms() const { return to_unix_ms(clock.now()); }

  // ---- scheduler.cc ----
  void pump();                 // scenarios due, wake-ups due, sessions to start; re-arms the timer
  void pump_soon();            // one pump posted to the loop
  void wake(uint32_t home, int64_t now);  // tick the home and queue or schedule it
  void start_ready(int64_t now);
  bool start_session(uint32_t home, int64_t now);
  void session_done(uint32_t home, SessionOutcome outcome);
  void maybe_fetch(uint32_t home);
  void start_fetch(uint32_t home, FetchRequest request);
  void fetch_done(uint32_t home, FetchOutcome outcome);
  void apply_scenarios(int64_t now);
  void write_truth_if_changed();
  void arm_timer(int64_t now);
  bool pace_allows(int64_t now) const;

  // ---- simulator.cc ----
  bool home_answers(uint32_t home, int64_t now) const;
  bool accept_connection_request(uint32_t home);
  void finish_load();
  void shutdown();             // Simulator::stop()

  SimulatorOptions options;
  const Clock& clock;
  Fleet fleet;
  std::vector<Cpe> cpes;
  std::vector<HomeSlot> slots;
  ScenarioSchedule schedule;  // after fleet: it keeps a reference to it
  WakeQueue wakes;
  std::deque<std::pair<uint32_t, int64_t>> ready;  // (home, when it was found due)

  net::EventLoop* loop = nullptr;
  std::optional<AcsEndpoint> acs;
  std::unique_ptr<CrResponder> cr;
  std::unique_ptr<net::LoopHttpServer> cr_server;
  std::vector<std::string> cr_urls_prefix;  // "http://ADDR:PORT" per CR port
  LineWatch line_watch;
  std::unique_ptr<LineEventSender> line_events;  // null without options.line_events_url
  LineEventSenderStats line_events_stats;          // the sender's, kept when it is dropped at stop

  std::unordered_map<uint32_t, std::unique_ptr<CwmpSession>> sessions;
  std::unordered_map<uint32_t, std::unique_ptr<Fetcher>> fetchers;
  std::deque<std::pair<uint32_t, FetchRequest>> fetch_waiting;
  // Finished sessions and fetchers are destroyed at the next pump, outside their own callbacks.
  std::vector<std::unique_ptr<CwmpSession>> finished_sessions;
  std::vector<std::unique_ptr<Fetcher>> finished_fetchers;

  net::EventLoop::TimerId timer = 0;
  int64_t timer_at = kNever;
  net::EventLoop::TimerId load_timer = 0;
  bool pump_posted = false;
  double next_start_ms = 0;  // pacing (rate > 0)

  bool running = false;
  bool stopped = false;
  std::function<void()> finished_fn;
  std::chrono::steady_clock::time_point started_at;
  std::optional<std::chrono::steady_clock::time_point> ended_at;

  SimulatorStats counters;  // the counting fields; the rest is computed in stats()
  LatencyHistogram latency;
  std::string last_truth;
};

}  // namespace hearth::sim
