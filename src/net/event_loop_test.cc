// EventLoop: posted functions, timers in time order, cancellation, stop, cross-thread post.
#include "net/event_loop.h"

#include <gtest/gtest.h>

#include <csignal>
#include <thread>
#include <vector>

namespace hearth::net {
namespace {

using namespace std::chrono_literals;

TEST(EventLoopTest, RunsPostedFunctionsInOrder) {
  EventLoop loop;
  std::vector<int> seen;
  loop.post([&] { seen.push_back(1); });
  loop.post([&] { seen.push_back(2); });
  loop.post([&] { loop.stop(); });
  loop.run();
  EXPECT_EQ(seen, (std::vector<int>{1, 2}));
  EXPECT_TRUE(loop.stopped());
}

TEST(EventLoopTest, TimersFireInTimeOrderNotInCallOrder) {
  EventLoop loop;
  std::vector<int> seen;
  const auto t0 = EventLoop::now();
  loop.call_at(t0 + 30ms, [&] {
    seen.push_back(3);
    loop.stop();
  });
  loop.call_at(t0 + 10ms, [&] { seen.push_back(1); });
  loop.call_at(t0 + 20ms, [&] { seen.push_back(2); });
  EXPECT_EQ(loop.pending_timers(), 3u);
  loop.run();
  EXPECT_EQ(seen, (std::vector<int>{1, 2, 3}));
  EXPECT_GE(EventLoop::now() - t0, 30ms);
  EXPECT_EQ(loop.pending_timers(), 0u);
}

TEST(EventLoopTest, CancelledTimerNeverRuns) {
  EventLoop loop;
  bool fired = false;
  const auto id = loop.call_after(1ms, [&] { fired = true; });
  EXPECT_TRUE(loop.cancel(id));
  EXPECT_FALSE(loop.cancel(id));
  loop.call_after(5ms, [&] { loop.stop(); });
  loop.run();
  EXPECT_FALSE(fired);
}

TEST(EventLoopTest, TimerCanCancelAnotherDueAtTheSameTime) {
  EventLoop loop;
  const auto when = EventLoop::now() + 2ms;
  int fired = 0;
  EventLoop::TimerId second = 0;
  loop.call_at(when, [&] {
    ++fired;
    loop.cancel(second);
  });
  second = loop.call_at(when, [&] { ++fired; });
  loop.call_at(when + 3ms, [&] { loop.stop(); });
  loop.run();
  EXPECT_EQ(fired, 1);
}

TEST(EventLoopTest, PostFromAnotherThreadWakesTheLoop) {
  EventLoop loop;
  std::thread::id ran_on;
  std::thread other([&] { loop.post([&] { ran_on = std::this_thread::get_id(); loop.stop(); }); });
  loop.run();
  other.join();
  EXPECT_EQ(ran_on, std::this_thread::get_id());
}

TEST(EventLoopTest, ExceptionInACallbackDoesNotEndTheLoop) {
  EventLoop loop;
  bool after = false;
  loop.post([] { throw std::runtime_error("boom"); });
  loop.post([&] {
    after = true;
    loop.stop();
  });
  loop.run();
  EXPECT_TRUE(after);
}

TEST(EventLoopTest, SignalReachesTheHandlerOnTheLoop) {
  EventLoop loop;
  int got = 0;
  loop.on_signals({SIGUSR1}, [&](int s) {
    got = s;
    loop.stop();
  });
  loop.post([] { std::raise(SIGUSR1); });
  loop.run();
  EXPECT_EQ(got, SIGUSR1);
}

}  // namespace
}  // namespace hearth::net
