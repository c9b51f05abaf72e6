// EventLoop on one Asio io_context: timers are steady_timers kept by id, so that cancelling one
// only needs the id and a late completion of a cancelled timer finds nothing to run.
#include "net/event_loop.h"

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <spdlog/spdlog.h>

#include <mutex>
#include <optional>
#include <unordered_map>

#include "net/event_loop_internal.h"

namespace hearth::net {

namespace asio = boost::asio;
using boost::system::error_code;

class EventLoop::Impl {
 public:
  Impl() : ioc_(1), work_(ioc_.get_executor()) {}

  ~Impl() {
    if (signals_) {
      error_code ec;
      signals_->cancel(ec);
    }
  }

  void run() {
    {
      std::lock_guard lock(mu_);
      if (stop_requested_) {
        stop_requested_ = false;
        return;
      }
      ioc_.restart();
    }
    for (;;) {
      try {
        ioc_.run();
        break;
      } catch (const std::exception& e) {
        spdlog::error("event loop: exception escaped a callback: {}", e.what());
      }
    }
    std::lock_guard lock(mu_);
    stop_requested_ = false;
  }

  void stop() {
    std::lock_guard lock(mu_);
    stop_requested_ = true;
    ioc_.stop();
  }
  bool stopped() const { return ioc_.stopped(); }

  void post(std::function<void()> fn) {
    asio::post(ioc_, [fn = std::move(fn)] { detail::run_guarded("posted function", fn); });
  }

  TimerId call_at(TimePoint when, std::function<void()> fn) {
    const TimerId id = next_id_++;
    auto& entry = timers_[id];
    entry.timer = std::make_unique<asio::steady_timer>(ioc_, when);
    entry.fn = std::move(fn);
    entry.timer->async_wait([this, id](error_code ec) {
      if (ec) return;
      auto it = timers_.find(id);
      if (it == timers_.end()) return;
      std::function<void()> f = std::move(it->second.fn);
      timers_.erase(it);
      detail::run_guarded("timer", f);
    });
    return id;
  }

  bool cancel(TimerId id) {
    auto it = timers_.find(id);
    if (it == timers_.end()) return false;
    it->second.timer->cancel();
    timers_.erase(it);
    return true;
  }

  size_t pending_timers() const { return timers_.size(); }

  void on_signals(const std::vector<int>& signals, std::function<void(int)> fn) {
    if (!signals_) signals_.emplace(ioc_);
    for (int s : signals) {
      error_code ec;
      signals_->add(s, ec);
      if (ec) spdlog::warn("event loop: cannot watch signal {}: {}", s, ec.message());
    }
    signal_fn_ = std::move(fn);
    wait_signal();
  }

  asio::io_context& ioc() { return ioc_; }

 private:
  struct Timer {
    std::unique_ptr<asio::steady_timer> timer;
    std::function<void()> fn;
  };

  void wait_signal() {
    if (signal_waiting_) return;
    signal_waiting_ = true;
    signals_->async_wait([this](error_code ec, int signal) {
      signal_waiting_ = false;
      if (ec) return;
      if (signal_fn_) detail::run_guarded("signal handler", [&] { signal_fn_(signal); });
      wait_signal();
    });
  }

  // Declared first so it is destroyed last: the handlers it still holds reference the members.
  asio::io_context ioc_;
  asio::executor_work_guard<asio::io_context::executor_type> work_;
  std::unordered_map<TimerId, Timer> timers_;
  TimerId next_id_ = 1;
  std::optional<asio::signal_set> signals_;
  std::function<void(int)> signal_fn_;
  bool signal_waiting_ = false;
  std::mutex mu_;
  bool stop_requested_ = false;  // a stop() not yet consumed by run()
};

EventLoop::EventLoop() : impl_(std::make_unique<Impl>()) {}
EventLoop::~EventLoop() = default;
void EventLoop::run() { impl_->run(); }
void EventLoop::stop() { impl_->stop(); }
bool EventLoop::stopped() const { return impl_->stopped(); }
void EventLoop::post(std::function<void()> fn) { impl_->post(std::move(fn)); }
EventLoop::TimerId EventLoop::call_at(TimePoint when, std::function<void()> fn) {
  return impl_->call_at(when, std::move(fn));
}
EventLoop::TimerId EventLoop::call_after(std::chrono::milliseconds delay, std::function<void()> fn) {
  return impl_->call_at(now() + delay, std::move(fn));
}
bool EventLoop::cancel(TimerId id) { return impl_->cancel(id); }
size_t EventLoop::pending_timers() const { return impl_->pending_timers(); }
void EventLoop::on_signals(const std::vector<int>& signals, std::function<void(int)> fn) {
  impl_->on_signals(signals, std::move(fn));
}

namespace detail {

asio::io_context& io_context(EventLoop& loop) { return loop.impl().ioc(); }

void run_guarded(const char* what, const std::function<void()>& fn) {
  try {
    fn();
  } catch (const std::exception& e) {
    spdlog::error("event loop: {} threw: {}", what, e.what());
  } catch (...) {
    spdlog::error("event loop: {} threw a non-exception", what);
  }
}

}  // namespace detail

}  // namespace hearth::net
