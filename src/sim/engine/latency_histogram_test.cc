// LatencyHistogram: nearest-rank percentiles within the stated precision, merge, empty.
#include "sim/engine/latency_histogram.h"

#include <gtest/gtest.h>

namespace hearth::sim {
namespace {

struct Case {
  const char* name;
  double q;
  double expect_ms;
};

TEST(LatencyHistogramTest, PercentilesOfOneToAThousandMilliseconds) {
  LatencyHistogram h;
  for (uint64_t ms = 1000; ms >= 1; --ms) h.record_us(ms * 1000);  // order does not matter
  EXPECT_EQ(h.count(), 1000u);
  const Case cases[] = {{"p50", 0.50, 500}, {"p95", 0.95, 950}, {"p99", 0.99, 990},
                        {"p100", 1.0, 1000}, {"p0.1", 0.001, 1}};
  for (const auto& c : cases) {
    EXPECT_NEAR(h.quantile_ms(c.q), c.expect_ms, c.expect_ms / 128 + 0.001) << c.name;
  }
  EXPECT_NEAR(h.mean_ms(), 500.5, 1e-6);
  EXPECT_DOUBLE_EQ(h.max_ms(), 1000);
}

TEST(LatencyHistogramTest, SmallValuesAreExact) {
  LatencyHistogram h;
  for (uint64_t us : {3, 7, 7, 20, 63}) h.record_us(us);
  EXPECT_DOUBLE_EQ(h.quantile_ms(0.2), 0.003);
  EXPECT_DOUBLE_EQ(h.quantile_ms(0.6), 0.007);
  EXPECT_DOUBLE_EQ(h.quantile_ms(1.0), 0.063);
}

TEST(LatencyHistogramTest, OneSlowSessionShowsOnlyInTheTail) {
  LatencyHistogram h;
  for (int i = 0; i < 99; ++i) h.record_us(10'000);
  h.record_us(5'000'000);
  EXPECT_NEAR(h.quantile_ms(0.50), 10, 0.1);
  EXPECT_NEAR(h.quantile_ms(0.99), 10, 0.1);
  EXPECT_NEAR(h.quantile_ms(1.0), 5000, 0.1);
}

TEST(LatencyHistogramTest, MergeAddsAndResetEmpties) {
  LatencyHistogram a, b;
  a.record_us(1'000);
  b.record_us(3'000);
  b.record_us(3'000);
  a.merge(b);
  EXPECT_EQ(a.count(), 3u);
  EXPECT_NEAR(a.quantile_ms(0.5), 3, 3.0 / 128);
  a.reset();
  EXPECT_EQ(a.count(), 0u);
  EXPECT_EQ(a.quantile_ms(0.5), 0);
  EXPECT_EQ(a.mean_ms(), 0);
}

TEST(LatencyHistogramTest, HugeValuesDoNotOverflowTheBuckets) {
  LatencyHistogram h;
  h.record_us(UINT64_MAX);
  h.record_us(1ull << 40);
  EXPECT_EQ(h.count(), 2u);
  EXPECT_GT(h.quantile_ms(1.0), 1e12);
}

}  // namespace
}  // namespace hearth::sim
