// Line events to hearthd (line_event_sender.h).
#include "sim/engine/line_event_sender.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>

namespace hearth::sim {
namespace {

constexpr auto kLogEvery = std::chrono::minutes(1);

bool body_refused(int status) { return status == 400 || status == 413 || status == 422; }

}  // namespace

Result<std::unique_ptr<LineEventSender>> LineEventSender::create(net::EventLoop& loop, LineEventSenderOptions options) {
  auto url = net::parse_url(options.url);
  if (!url.ok()) {
    return make_error(ErrorCode::kInvalidArgument, "bad line-events URL '" + options.url + "': " + url.error().message);
  }
  if (url->scheme != "http") {
    return make_error(ErrorCode::kInvalidArgument, "the simulator speaks plain http only: '" + options.url + "'");
  }
  return std::unique_ptr<LineEventSender>(new LineEventSender(loop, std::move(options), std::move(*url)));
}

LineEventSender::LineEventSender(net::EventLoop& loop, LineEventSenderOptions options, net::Url url)
    : loop_(loop),
      options_(std::move(options)),
      url_(std::move(url)),
      conn_(loop, url_.host, url_.port, net::ClientConnectionOptions{options_.timeout}),
      backoff_(options_.first_retry) {}

LineEventSender::~LineEventSender() {
  *alive_ = false;
  if (retry_timer_ != 0) loop_.cancel(retry_timer_);
}

void LineEventSender::send(std::vector<LineEvent> events) {
  if (events.empty()) return;
  for (LineEvent& e : events) queue_.push_back(std::move(e));
  if (queue_.size() > options_.max_queued) {
    // Drop the oldest of those waiting; the batch in flight stays as it is.
    const size_t over = std::min(queue_.size() - options_.max_queued, queue_.size() - in_flight_);
    const auto first = queue_.begin() + static_cast<std::ptrdiff_t>(in_flight_);
    queue_.erase(first, first + static_cast<std::ptrdiff_t>(over));
    stats_.dropped += over;
  }
  post_soon();
}

LineEventSenderStats LineEventSender::stats() const {
  LineEventSenderStats s = stats_;
  s.pending = queue_.size();
  return s;
}

void LineEventSender::post_soon() {
  if (post_posted_ || in_flight_ > 0 || retry_timer_ != 0 || queue_.empty()) return;
  post_posted_ = true;
  loop_.post([this, alive = alive_] {
    if (!*alive) return;
    post_posted_ = false;
    post();
  });
}

void LineEventSender::post() {
  if (in_flight_ > 0 || queue_.empty()) return;
  in_flight_ = std::min(queue_.size(), options_.max_batch);
  const std::vector<LineEvent> batch(queue_.begin(), queue_.begin() + static_cast<std::ptrdiff_t>(in_flight_));
  net::HttpRequest req;
  req.method = "POST";
  req.target = url_.target;
  req.headers.add("Content-Type", "application/json");
  if (!options_.token.empty()) req.headers.add("Authorization", "Bearer " + options_.token);
  req.body = line_events_json(batch);
  conn_.send(std::move(req), [this](Result<net::HttpResponse> answer) { on_answer(std::move(answer)); });
}

void LineEventSender::on_answer(Result<net::HttpResponse> answer) {
  const size_t batch = in_flight_;
  if (answer.ok() && (answer->status / 100 == 2 || body_refused(answer->status))) {
    queue_.erase(queue_.begin(), queue_.begin() + static_cast<std::ptrdiff_t>(batch));
    in_flight_ = 0;
    if (answer->status / 100 == 2) {
      stats_.sent += batch;
      ++stats_.posts;
      backoff_ = options_.first_retry;
    } else {
      stats_.dropped += batch;
      spdlog::warn("hearth-sim: {} refused {} line events (HTTP {}): dropped", options_.url, batch, answer->status);
    }
    post_soon();
    return;
  }
  in_flight_ = 0;
  ++stats_.failed_posts;
  retry_later(answer.ok() ? "HTTP " + std::to_string(answer->status) : answer.error().message);
}

void LineEventSender::retry_later(const std::string& why) {
  const auto delay = backoff_;
  backoff_ = std::min(backoff_ * 2, options_.max_retry);
  const auto now = net::EventLoop::now();
  if (!last_log_ || now - *last_log_ >= kLogEvery) {
    spdlog::warn("hearth-sim: line events to {} failed ({}); {} queued, retrying in {} ms{}", options_.url, why,
                 queue_.size(), delay.count(),
                 unlogged_failures_ > 0 ? fmt::format(" ({} more failures since the last report)", unlogged_failures_)
                                        : std::string());
    last_log_ = now;
    unlogged_failures_ = 0;
  } else {
    ++unlogged_failures_;
  }
  retry_timer_ = loop_.call_after(delay, [this, alive = alive_] {
    if (!*alive) return;
    retry_timer_ = 0;
    post();
  });
}

}  // namespace hearth::sim
