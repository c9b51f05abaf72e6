// LatencyHistogram: bucket i < 64 holds the value i; above, the top 7 significant bits of a
// value (its leading 1 and the next 6) choose the bucket within its power of two.
#include "sim/engine/latency_histogram.h"

#include <algorithm>
#include <bit>
#include <cmath>

namespace hearth::sim {

size_t LatencyHistogram::bucket_of(uint64_t us) {
  if (us < kSub) return static_cast<size_t>(us);
  const int e = 63 - std::countl_zero(us);  // >= kSubBits
  const int shift = e - kSubBits;
  const uint64_t sub = (us >> shift) - kSub;  // 0..63
  return static_cast<size_t>(kSub + static_cast<uint64_t>(shift) * kSub + sub);
}

double LatencyHistogram::bucket_mid(size_t index) {
  if (index < kSub) return static_cast<double>(index);
  const size_t shift = (index - kSub) / kSub;
  const uint64_t sub = (index - kSub) % kSub;
  const double lower = std::ldexp(static_cast<double>(kSub + sub), static_cast<int>(shift));
  const double width = std::ldexp(1.0, static_cast<int>(shift));
  return lower + (width - 1) / 2;
}

void LatencyHistogram::record_us(uint64_t us) {
  ++buckets_[bucket_of(us)];
  ++count_;
  min_us_ = std::min(min_us_, us);
  max_us_ = std::max(max_us_, us);
  sum_us_ += static_cast<long double>(us);
}

void LatencyHistogram::merge(const LatencyHistogram& other) {
  for (size_t i = 0; i < kBuckets; ++i) buckets_[i] += other.buckets_[i];
  count_ += other.count_;
  min_us_ = std::min(min_us_, other.min_us_);
  max_us_ = std::max(max_us_, other.max_us_);
  sum_us_ += other.sum_us_;
}

void LatencyHistogram::reset() { *this = LatencyHistogram(); }

double LatencyHistogram::quantile_ms(double q) const {
  if (count_ == 0) return 0;
  q = std::clamp(q, 0.0, 1.0);
  const auto rank = std::max<uint64_t>(1, static_cast<uint64_t>(std::ceil(q * static_cast<double>(count_))));
  uint64_t seen = 0;
  for (size_t i = 0; i < kBuckets; ++i) {
    seen += buckets_[i];
    if (seen >= rank) {
      const double v = std::clamp(bucket_mid(i), static_cast<double>(min_us_), static_cast<double>(max_us_));
      return v / 1000.0;
    }
  }
  return max_ms();
}

double LatencyHistogram::mean_ms() const {
  return count_ == 0 ? 0 : static_cast<double>(sum_us_ / static_cast<long double>(count_)) / 1000.0;
}

}  // namespace hearth::sim
