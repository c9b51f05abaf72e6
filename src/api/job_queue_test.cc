// JobQueue (one background thread, bounded queue) and parallel_for.
#include "api/job_queue.h"

#include <gtest/gtest.h>

#include <atomic>
#include <future>
#include <mutex>
#include <thread>
#include <vector>

#include "api/parallel.h"

namespace hearth::api {
namespace {

TEST(JobQueueTest, RunsJobsOneAtATimeInOrder) {
  std::vector<int> order;
  std::promise<void> done;
  {
    JobQueue queue(10);
    for (int i = 0; i < 5; ++i) {
      ASSERT_TRUE(queue.post([&order, i] { order.push_back(i); }));
    }
    ASSERT_TRUE(queue.post([&done] { done.set_value(); }));
    done.get_future().wait();
  }
  EXPECT_EQ(order, (std::vector<int>{0, 1, 2, 3, 4}));
}

TEST(JobQueueTest, RefusesPastTheWaitingLimit) {
  std::promise<void> started, release;  // outlive the queue, whose destructor waits for the job
  JobQueue queue(2);
  ASSERT_TRUE(queue.post([&] {
    started.set_value();
    release.get_future().wait();
  }));
  started.get_future().wait();  // the first job runs: it no longer waits
  EXPECT_TRUE(queue.post([] {}));
  EXPECT_TRUE(queue.post([] {}));
  EXPECT_FALSE(queue.post([] {}));
  release.set_value();
}

TEST(JobQueueTest, QueuedJobsStillRunOnDestructionAndSeeStopping) {
  std::atomic<int> ran{0}, saw_stopping{0};
  std::promise<void> started, release;
  std::thread releaser;
  {
    JobQueue queue(10);
    ASSERT_TRUE(queue.post([&] {
      started.set_value();
      release.get_future().wait();
    }));
    started.get_future().wait();
    for (int i = 0; i < 3; ++i) {
      ASSERT_TRUE(queue.post([&] {
        ++ran;
        if (queue.stopping()) ++saw_stopping;
      }));
    }
    // Releases the first job once destruction has begun (the queue lives until its jobs are done).
    releaser = std::thread([&] {
      while (!queue.stopping()) std::this_thread::yield();
      release.set_value();
    });
  }
  releaser.join();
  EXPECT_EQ(ran.load(), 3);
  EXPECT_EQ(saw_stopping.load(), 3);
  EXPECT_FALSE(JobQueue(1).stopping());
}

TEST(ParallelForTest, CallsEveryIndexOnce) {
  for (unsigned threads : {0u, 1u, 2u, 4u, 16u}) {
    for (size_t count : {size_t{0}, size_t{1}, size_t{3}, size_t{100}}) {
      std::vector<std::atomic<int>> calls(count);
      parallel_for(count, threads, [&](size_t i) { ++calls[i]; });
      for (size_t i = 0; i < count; ++i)
        EXPECT_EQ(calls[i].load(), 1) << threads << " threads, index " << i;
    }
  }
}

TEST(ParallelForTest, HashingUsesTwoToFourThreads) {
  EXPECT_GE(hashing_threads(), 2u);
  EXPECT_LE(hashing_threads(), 4u);
}

}  // namespace
}  // namespace hearth::api
