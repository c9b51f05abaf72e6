// A single-threaded event loop: one Asio io_context run on the thread that calls run(), with
// posted functions, one-shot timers on the steady clock and signal handlers. The simulator's
// client connections (client_connection.h) and its connection-request server
// (loop_http_server.h) run on it. Asio stays inside event_loop.cc.
//
// Thread safety: post() and stop() may be called from any thread; everything else (timers,
// signals, the objects built on the loop) only from the loop's thread, or before run().
// Callbacks run on the loop's thread, one at a time. An exception escaping a callback is logged
// and the loop goes on.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <vector>

namespace hearth::net {

class EventLoop {
 public:
  using TimePoint = std::chrono::steady_clock::time_point;
  using TimerId = uint64_t;

  EventLoop();
  ~EventLoop();  // pending timers and posted functions are dropped without running
  EventLoop(const EventLoop&) = delete;
  EventLoop& operator=(const EventLoop&) = delete;

  // Runs callbacks on the calling thread until stop(). A stop() that comes before run() makes it
  // return at once. run() may be called again after it returned (tests run the loop in steps).
  void run();
  // Makes run() return after the callback in progress; thread-safe.
  void stop();
  bool stopped() const;

  // Runs `fn` on the loop's thread soon, after what is already queued. Thread-safe.
  void post(std::function<void()> fn);

  // One-shot timers. `fn` runs once at or after `when` unless cancelled first.
  TimerId call_at(TimePoint when, std::function<void()> fn);
  TimerId call_after(std::chrono::milliseconds delay, std::function<void()> fn);
  // True if the timer was pending (its callback will not run); false if it already ran, was
  // cancelled, or never existed.
  bool cancel(TimerId id);
  size_t pending_timers() const;

  // Calls `fn(signal)` on the loop's thread for each delivery of one of `signals` (SIGINT,
  // SIGTERM, ...), until the loop is destroyed.
  void on_signals(const std::vector<int>& signals, std::function<void(int)> fn);

  static TimePoint now() { return std::chrono::steady_clock::now(); }

  // The io_context, for the net/ implementation files (declared in event_loop_internal.h).
  class Impl;
  Impl& impl() { return *impl_; }

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace hearth::net
