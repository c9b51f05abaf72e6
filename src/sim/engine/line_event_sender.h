// Delivers line events (line_events.h) to hearthd's POST /api/v1/line-events with a bearer
// token, on the simulator's loop and never blocking it: events are queued and sent together
// (at most max_batch per request, one request in flight on one keep-alive connection); a failed
// POST (no connection, timeout, any status but 2xx) is retried with the same events after a
// back-off that doubles from first_retry to max_retry, and success sends what queued up meanwhile
// at once. A 400, 413 or 422 says the receiver will never take that body: the batch is dropped.
// Past max_queued the oldest waiting events are dropped. Failures are logged at most once a
// minute (the token never).
//
// Thread safety: the loop's thread only. Destroying the sender drops what is queued.
#pragma once

#include <chrono>
#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "net/client_connection.h"
#include "net/event_loop.h"
#include "net/url.h"
#include "sim/engine/line_events.h"

namespace hearth::sim {

struct LineEventSenderOptions {
  std::string url;    // http://HOST:PORT/api/v1/line-events (https is not simulated)
  std::string token;  // sent as "Authorization: Bearer <token>" when not empty
  std::chrono::milliseconds timeout{30'000};
  std::chrono::milliseconds first_retry{1'000};
  std::chrono::milliseconds max_retry{60'000};
  size_t max_batch = 200;
  size_t max_queued = 100'000;
};

struct LineEventSenderStats {
  uint64_t sent = 0;          // events the receiver accepted
  uint64_t posts = 0;         // requests that got a 2xx
  uint64_t failed_posts = 0;  // requests that failed (retried)
  uint64_t dropped = 0;       // refused bodies and queue overflow
  uint64_t pending = 0;       // queued, including those in flight
};

class LineEventSender {
 public:
  // Errors: kInvalidArgument (a bad or https URL).
  static Result<std::unique_ptr<LineEventSender>> create(net::EventLoop& loop, LineEventSenderOptions options);
  ~LineEventSender();
  LineEventSender(const LineEventSender&) = delete;
  LineEventSender& operator=(const LineEventSender&) = delete;

  // Queues the events; a POST starts soon (on the loop) unless one is in flight or waiting out a
  // back-off.
  void send(std::vector<LineEvent> events);
  LineEventSenderStats stats() const;

 private:
  LineEventSender(net::EventLoop& loop, LineEventSenderOptions options, net::Url url);
  void post_soon();
  void post();
  void on_answer(Result<net::HttpResponse> answer);
  void retry_later(const std::string& why);

  net::EventLoop& loop_;
  LineEventSenderOptions options_;
  net::Url url_;
  net::ClientConnection conn_;
  std::deque<LineEvent> queue_;
  size_t in_flight_ = 0;        // events at the queue's front that the request in flight carries
  bool post_posted_ = false;
  net::EventLoop::TimerId retry_timer_ = 0;
  std::chrono::milliseconds backoff_;
  std::optional<net::EventLoop::TimePoint> last_log_;
  uint64_t unlogged_failures_ = 0;
  LineEventSenderStats stats_;
  std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);  // for callbacks posted to the loop
};

}  // namespace hearth::sim
