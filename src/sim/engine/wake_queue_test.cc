// WakeQueue: earliest first, rescheduling replaces, ties in home order, no unbounded growth.
#include "sim/engine/wake_queue.h"

#include <gtest/gtest.h>

#include <vector>

namespace hearth::sim {
namespace {

std::vector<uint32_t> pop_all(WakeQueue& q, int64_t now) {
  std::vector<uint32_t> out;
  while (auto h = q.pop_due(now)) out.push_back(*h);
  return out;
}

TEST(WakeQueueTest, PopsDueHomesEarliestFirst) {
  WakeQueue q(5);
  q.schedule(0, 500);
  q.schedule(1, 100);
  q.schedule(2, 300);
  q.schedule(3, 900);
  EXPECT_EQ(q.size(), 4u);
  EXPECT_EQ(q.next_ms(), 100);
  EXPECT_EQ(pop_all(q, 499), (std::vector<uint32_t>{1, 2}));
  EXPECT_EQ(q.next_ms(), 500);
  EXPECT_EQ(q.size(), 2u);
  EXPECT_EQ(q.scheduled(1), kNever);
  EXPECT_EQ(pop_all(q, 1000), (std::vector<uint32_t>{0, 3}));
  EXPECT_EQ(q.next_ms(), kNever);
  EXPECT_FALSE(q.pop_due(kNever - 1).has_value());
}

TEST(WakeQueueTest, ReschedulingReplacesTheEarlierTime) {
  WakeQueue q(3);
  q.schedule(0, 100);
  q.schedule(0, 700);  // later: the old entry must not fire
  q.schedule(1, 400);
  EXPECT_EQ(q.size(), 2u);
  EXPECT_EQ(q.next_ms(), 400);
  EXPECT_EQ(pop_all(q, 600), (std::vector<uint32_t>{1}));
  q.schedule(0, 50);  // earlier again
  EXPECT_EQ(pop_all(q, 60), (std::vector<uint32_t>{0}));
  EXPECT_EQ(q.size(), 0u);
}

TEST(WakeQueueTest, ScheduleEarlierKeepsTheSoonerTime) {
  WakeQueue q(2);
  q.schedule(0, 300);
  q.schedule_earlier(0, 500);
  EXPECT_EQ(q.scheduled(0), 300);
  q.schedule_earlier(0, 200);
  EXPECT_EQ(q.scheduled(0), 200);
  q.schedule_earlier(1, 900);  // none yet: any time is earlier
  EXPECT_EQ(q.scheduled(1), 900);
}

TEST(WakeQueueTest, CancelRemovesAndKNeverIsNone) {
  WakeQueue q(3);
  q.schedule(0, 10);
  q.schedule(1, 20);
  q.cancel(0);
  q.schedule(2, kNever);
  EXPECT_EQ(q.size(), 1u);
  EXPECT_EQ(pop_all(q, 100), (std::vector<uint32_t>{1}));
}

TEST(WakeQueueTest, TiesPopInHomeOrder) {
  WakeQueue q(6);
  for (uint32_t h : {4u, 1u, 5u, 0u, 3u, 2u}) q.schedule(h, 42);
  EXPECT_EQ(pop_all(q, 42), (std::vector<uint32_t>{0, 1, 2, 3, 4, 5}));
}

TEST(WakeQueueTest, ManyReschedulesDoNotGrowTheHeapWithoutBound) {
  WakeQueue q(100);
  for (int round = 0; round < 1000; ++round) {
    for (uint32_t h = 0; h < 100; ++h) q.schedule(h, 1000 + round * 7 + h);
  }
  EXPECT_EQ(q.size(), 100u);
  EXPECT_LE(q.heap_entries(), 2 * 100u + 1024u + 1);
  const auto popped = pop_all(q, kNever - 1);
  ASSERT_EQ(popped.size(), 100u);
  EXPECT_EQ(popped.front(), 0u);
  EXPECT_EQ(popped.back(), 99u);
}

}  // namespace
}  // namespace hearth::sim
