// Session latencies for the simulator's statistics: a log-linear histogram (64 linear buckets per
// power of two, like HdrHistogram with two significant digits), so percentiles over millions of
// sessions cost a fixed 30 KiB and no sorting. Quantiles are exact below 64 us and within 1/128
// (relative) above. Pure, not thread-safe.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>

namespace hearth::sim {

class LatencyHistogram {
 public:
  void record_us(uint64_t us);
  void merge(const LatencyHistogram& other);
  void reset();

  uint64_t count() const { return count_; }
  // The value below which a share q (0 < q <= 1) of the samples lies, in milliseconds: the
  // nearest-rank sample's bucket midpoint, clamped to the smallest and largest sample. 0 when
  // empty.
  double quantile_ms(double q) const;
  double mean_ms() const;
  double max_ms() const { return static_cast<double>(max_us_) / 1000.0; }

 private:
  static constexpr int kSubBits = 6;
  static constexpr uint64_t kSub = 1u << kSubBits;  // 64
  static constexpr size_t kBuckets = kSub + (64 - kSubBits) * kSub;
  static size_t bucket_of(uint64_t us);
  static double bucket_mid(size_t index);

  std::array<uint64_t, kBuckets> buckets_{};
  uint64_t count_ = 0;
  uint64_t min_us_ = UINT64_MAX;
  uint64_t max_us_ = 0;
  long double sum_us_ = 0;
};

}  // namespace hearth::sim
