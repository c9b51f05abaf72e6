// The simulator's loop: one timer for the whole fleet, armed for the earliest wake-up or
// scenario change; each pump applies due scenarios, ticks due homes (cpe.h's engine loop), and
// starts queued sessions while there is a free slot (and the pace allows). Sessions and downloads
// report back here and their homes are woken again.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>

#include "sim/dynamics.h"
#include "sim/engine/simulator_impl.h"

namespace hearth::sim {

namespace {

// Wake-ups handled per pump before yielding to I/O (a fleet-wide wake after a scenario change
// must not stall the connection-request server and the sessions in flight).
constexpr int kWakesPerPump = 2000;
// Pacing may catch up on this much lateness of the timer, no more (no bursts after a stall).
constexpr double kPaceCatchUpMs = 50;

}  // namespace

void Simulator::Impl::pump_soon() {
  if (pump_posted || !loop) return;
  pump_posted = true;
  loop->post([this] { pump(); });
}

void Simulator::Impl::pump() {
  pump_posted = false;
  finished_sessions.clear();
  finished_fetchers.clear();
  if (!running) return;
  const int64_t now = now_ms();
  if (schedule.next_due_ms() <= now) apply_scenarios(now);
  int budget = kWakesPerPump;
  while (budget-- > 0) {
    const auto home = wakes.pop_due(now);
    if (!home) break;
    wake(*home, now);
  }
  start_ready(now);
  if (budget < 0 && wakes.next_ms() <= now) {
    pump_soon();  // more are due: continue after the I/O that is waiting
    return;
  }
  arm_timer(now);
}

void Simulator::Impl::wake(uint32_t home, int64_t now) {
  HomeSlot& slot = slots[home];
  if (slot.in_session || slot.queued) return;  // woken again when the session ends / it starts
  Cpe& cpe = cpes[home];
  advance(fleet.homes[home], now);
  cpe.tick(now);
  maybe_fetch(home);
  const int64_t next = cpe.next_session_ms(now);
  if (next <= now) {
    slot.queued = true;
    ready.emplace_back(home, now);
  } else {
    wakes.schedule(home, next);
  }
}

bool Simulator::Impl::pace_allows(int64_t now) const {
  return options.rate <= 0 || static_cast<double>(now) >= next_start_ms;
}

void Simulator::Impl::start_ready(int64_t now) {
  while (!ready.empty() && sessions.size() < options.max_sessions && pace_allows(now)) {
    const auto [home, due_at] = ready.front();
    ready.pop_front();
    slots[home].queued = false;
    if (due_at != now) {  // it waited for a slot: bring it up to now first
      Cpe& cpe = cpes[home];
      advance(fleet.homes[home], now);
      cpe.tick(now);
      if (cpe.next_session_ms(now) > now) {
        wake(home, now);
        continue;
      }
    }
    if (!start_session(home, now)) continue;
    if (options.rate > 0) {
      next_start_ms = std::max(next_start_ms, static_cast<double>(now) - kPaceCatchUpMs) + 1000.0 / options.rate;
    }
  }
}

bool Simulator::Impl::start_session(uint32_t home, int64_t now) {
  Cpe& cpe = cpes[home];
  // The ACS may have moved the device (ManagementServer.URL); most keep the one they started with.
  const std::string url = cpe.acs_url(now);
  std::optional<AcsEndpoint> other;
  if (!url.empty() && url != acs->url) {
    auto parsed = parse_acs_endpoint(url);
    if (!parsed.ok()) {
      cpe.begin_session(now);
      cpe.session_failed(now);
      counters.sessions_failed++;
      wakes.schedule(home, std::max(cpe.next_session_ms(now), now + 1));
      return false;
    }
    other = std::move(*parsed);
  }
  auto session = std::make_unique<CwmpSession>(
      *loop, clock, cpe, other ? *other : *acs, std::chrono::milliseconds(options.request_timeout_ms),
      [this, home](SessionOutcome outcome) { session_done(home, std::move(outcome)); });
  const std::string cookie = cpe.model().stale_cookie ? slots[home].stale_cookie : std::string();
  if (!session->start(cookie)) {
    // Not online after all (or already in a session): ask it again when it says.
    wakes.schedule(home, std::max(cpe.next_session_ms(now), now + 1));
    return false;
  }
  slots[home].in_session = true;
  sessions.emplace(home, std::move(session));
  counters.sessions_started++;
  return true;
}

void Simulator::Impl::session_done(uint32_t home, SessionOutcome outcome) {
  auto it = sessions.find(home);
  if (it != sessions.end()) {
    finished_sessions.push_back(std::move(it->second));
    sessions.erase(it);
  }
  slots[home].in_session = false;
  if (outcome.ok) {
    counters.sessions_ok++;
    latency.record_us(static_cast<uint64_t>(std::max<int64_t>(outcome.latency_us, 0)));
  } else {
    counters.sessions_failed++;
    if (outcome.auth_failed) counters.auth_failures++;
  }
  if (cpes[home].model().stale_cookie && !outcome.cookies.empty()) slots[home].stale_cookie = outcome.cookies;
  if (!running) return;
  wakes.schedule(home, now_ms());
  pump_soon();
}

void Simulator::Impl::maybe_fetch(uint32_t home) {
  if (slots[home].fetching) return;
  auto request = cpes[home].take_fetch();
  if (!request) return;
  slots[home].fetching = true;
  if (fetchers.size() >= options.max_sessions) {
    fetch_waiting.emplace_back(home, std::move(*request));
  } else {
    start_fetch(home, std::move(*request));
  }
}

void Simulator::Impl::start_fetch(uint32_t home, FetchRequest request) {
  auto fetcher = std::make_unique<Fetcher>(*loop, std::move(request),
                                           std::chrono::milliseconds(options.request_timeout_ms),
                                           [this, home](FetchOutcome outcome) { fetch_done(home, std::move(outcome)); });
  Fetcher& f = *fetcher;
  fetchers.emplace(home, std::move(fetcher));
  f.start();
}

void Simulator::Impl::fetch_done(uint32_t home, FetchOutcome outcome) {
  auto it = fetchers.find(home);
  if (it != fetchers.end()) {
    finished_fetchers.push_back(std::move(it->second));
    fetchers.erase(it);
  }
  slots[home].fetching = false;
  const int64_t now = now_ms();
  cpes[home].download_finished(outcome.ok, outcome.size, now, outcome.fault_code);
  (outcome.ok ? counters.downloads_ok : counters.downloads_failed)++;
  if (!running) return;
  if (!fetch_waiting.empty()) {
    auto [next_home, request] = std::move(fetch_waiting.front());
    fetch_waiting.pop_front();
    start_fetch(next_home, std::move(request));
  }
  if (!slots[home].in_session) wakes.schedule(home, now);
  pump_soon();
}

void Simulator::Impl::apply_scenarios(int64_t now) {
  schedule.apply_due(fleet, now);
  if (line_events) {
    std::vector<LineEvent> events;
    line_watch.observe(fleet, now, &events);
    line_events->send(std::move(events));
  }
  // Conditions, stations or neighbours may have changed anywhere: every home looks again
  // (cpe.h: tick() whenever the home changed). Those in a session do so when it ends.
  for (uint32_t h = 0; h < slots.size(); ++h) {
    if (!slots[h].in_session && !slots[h].queued) wakes.schedule(h, now);
  }
  if (!options.truth_path.empty()) write_truth_if_changed();
}

void Simulator::Impl::write_truth_if_changed() {
  std::string json = truth_to_json(schedule.truth());
  if (json == last_truth) return;
  // Written beside and renamed over, so a reader never sees half a file.
  const std::string tmp = options.truth_path + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out << json << '\n';
    if (!out) return;
  }
  if (std::rename(tmp.c_str(), options.truth_path.c_str()) != 0) return;
  last_truth = std::move(json);
}

void Simulator::Impl::arm_timer(int64_t now) {
  int64_t at = std::min(wakes.next_ms(), schedule.next_due_ms());
  if (!ready.empty() && sessions.size() < options.max_sessions && options.rate > 0) {
    at = std::min(at, static_cast<int64_t>(std::ceil(next_start_ms)));
  }
  if (at == kNever) return;
  if (timer != 0 && timer_at <= at) return;  // fires earlier; the pump then re-arms
  if (timer != 0) loop->cancel(timer);
  const int64_t delay = std::max<int64_t>(0, at - now);
  timer_at = at;
  timer = loop->call_after(std::chrono::milliseconds(delay), [this] {
    timer = 0;
    timer_at = kNever;
    pump();
  });
}

}  // namespace hearth::sim
