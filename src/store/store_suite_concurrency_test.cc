// The shared store suite, part 4: several writer and reader threads at once.
#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

#include "store/store_suite_fixture.h"

namespace hearth::store::testing {
namespace {

class StoreConcurrencyTest : public StoreSuiteTest {};
HEARTH_INSTANTIATE_STORE_SUITE(StoreConcurrencyTest);

constexpr int kThreads = 4;
constexpr int kBatchesPerThread = 60;

// Every 7th batch names a device that does not exist, and must fail alone.
bool is_bad(int thread, int i) { return (thread * kBatchesPerThread + i) % 7 == 3; }

WriteBatch inform_batch(int thread, int i) {
  const std::string id = "dev-" + std::to_string(thread) + "-" + std::to_string(i);
  WriteBatch batch;
  DeviceRecord d = make_device(id);
  d.last_inform_ms = i;
  batch.add(UpsertDevice{d});
  std::vector<cwmp::ParameterValue> values;
  for (int p = 0; p < 10; ++p) {
    values.push_back(pv("IGD.Stats." + std::to_string(p) + ".Bytes", std::to_string(i * p)));
  }
  batch.add(PutParameterValues{id, std::move(values), i});
  batch.add(AddEvents{{EventRecord{id, i, "2 PERIODIC", ""}}});
  if (is_bad(thread, i)) batch.add(PutParameterValues{"ghost", {pv("IGD.X", "1")}, i});
  return batch;
}

TEST_P(StoreConcurrencyTest, ConcurrentWritersGetEveryCallbackExactlyOnce) {
  std::vector<std::atomic<int>> calls(kThreads * kBatchesPerThread);
  std::vector<std::atomic<int>> failures(kThreads * kBatchesPerThread);
  std::vector<std::thread> writers;
  for (int t = 0; t < kThreads; ++t) {
    writers.emplace_back([&, t] {
      for (int i = 0; i < kBatchesPerThread; ++i) {
        const int slot = t * kBatchesPerThread + i;
        store_->write(inform_batch(t, i), [&, slot](Status s) {
          calls[slot].fetch_add(1);
          if (!s) failures[slot].fetch_add(1);
        });
      }
    });
  }
  for (auto& w : writers) w.join();
  store_->flush();

  int expected_devices = 0;
  for (int t = 0; t < kThreads; ++t) {
    for (int i = 0; i < kBatchesPerThread; ++i) {
      const int slot = t * kBatchesPerThread + i;
      const std::string id = "dev-" + std::to_string(t) + "-" + std::to_string(i);
      EXPECT_EQ(calls[slot].load(), 1) << id;
      EXPECT_EQ(failures[slot].load(), is_bad(t, i) ? 1 : 0) << id;
      auto got = store_->get_device(id);
      ASSERT_TRUE(got.ok());
      EXPECT_EQ(got->has_value(), !is_bad(t, i)) << id;
      if (!is_bad(t, i)) {
        ++expected_devices;
        EXPECT_EQ(store_->get_parameters(id, "IGD.Stats.")->size(), 10u) << id;
        EXPECT_EQ(store_->list_events(id, 5)->size(), 1u) << id;
      }
    }
  }
  auto stats = store_->stats();
  ASSERT_TRUE(stats.ok());
  EXPECT_EQ(stats->devices, static_cast<uint64_t>(expected_devices));
  EXPECT_EQ(stats->parameters, static_cast<uint64_t>(expected_devices) * 10);
  EXPECT_EQ(stats->write_queue_depth, 0u);
  EXPECT_EQ(store_->find_devices(DeviceQuery{})->total, static_cast<size_t>(expected_devices));
}

// Readers racing a writer see each batch whole: all ten values of a generation, never a mix.
TEST_P(StoreConcurrencyTest, ReadersNeverSeeHalfABatch) {
  add_device("dev");
  constexpr int kGenerations = 150;
  auto generation = [](int g) {
    std::vector<cwmp::ParameterValue> values;
    for (int p = 0; p < 10; ++p) values.push_back(pv("IGD.P" + std::to_string(p), std::to_string(g)));
    return WriteBatch().add(PutParameterValues{"dev", std::move(values), g});
  };
  write_ok(generation(0));
  std::atomic<bool> done{false};
  std::atomic<int> torn{0};
  std::atomic<int> reads{0};
  std::vector<std::thread> readers;
  for (int r = 0; r < 3; ++r) {
    readers.emplace_back([&] {
      // At least a few reads each, however fast the writer is.
      for (int n = 0; !done.load() || n < 5; ++n) {
        auto params = store_->get_parameters("dev", "IGD.");
        if (!params || params->size() != 10) {
          ++torn;
          continue;
        }
        for (const auto& p : *params) {
          if (p.value != (*params)[0].value) ++torn;
        }
        ++reads;
      }
    });
  }
  for (int g = 1; g <= kGenerations; ++g) store_->write(generation(g), nullptr);
  store_->flush();
  done = true;
  for (auto& r : readers) r.join();
  EXPECT_EQ(torn.load(), 0);
  EXPECT_GE(reads.load(), 15);
  EXPECT_EQ((*store_->get_parameters("dev", "IGD.P0"))[0].value, std::to_string(kGenerations));
}

}  // namespace
}  // namespace hearth::store::testing
