// Process metrics in the Prometheus text exposition format 0.0.4.
//
// A Registry owns metric families; a family has a fixed list of label names chosen when it is
// registered and one child metric per distinct tuple of label values. Looking a child up takes a
// lock (do it once and keep the reference); updating a child (Counter::inc, Gauge::set,
// Histogram::observe) is lock-free. References returned by the registry stay valid for the
// registry's lifetime.
//
// Thread safety: every method may be called from any thread concurrently.
// Registering a name twice returns the existing family when its type, label names (and buckets)
// agree; any other misuse (bad names, wrong label count, type clash) is a programming error and
// aborts with a message.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace hearth::metrics {

// A monotonically increasing count.
class Counter {
 public:
  void inc(uint64_t n = 1) { value_.fetch_add(n, std::memory_order_relaxed); }
  uint64_t value() const { return value_.load(std::memory_order_relaxed); }

 private:
  std::atomic<uint64_t> value_{0};
};

// A value that goes up and down (queue depths, sessions in progress).
class Gauge {
 public:
  void set(double v) { value_.store(v, std::memory_order_relaxed); }
  void add(double d) { value_.fetch_add(d, std::memory_order_relaxed); }
  void inc() { add(1.0); }
  void dec() { add(-1.0); }
  double value() const { return value_.load(std::memory_order_relaxed); }

 private:
  std::atomic<double> value_{0.0};
};

// Observations counted into fixed buckets (upper bounds, strictly increasing; +Inf is implied).
class Histogram {
 public:
  explicit Histogram(std::vector<double> upper_bounds);

  void observe(double v);

  struct Snapshot {
    std::vector<double> upper_bounds;
    std::vector<uint64_t> cumulative;  // one per bound, then the +Inf bucket
    uint64_t count = 0;
    double sum = 0.0;
  };
  Snapshot snapshot() const;
  const std::vector<double>& upper_bounds() const { return bounds_; }

 private:
  std::vector<double> bounds_;
  std::unique_ptr<std::atomic<uint64_t>[]> buckets_;  // bounds_.size() + 1
  std::atomic<double> sum_{0.0};
};

// Default latency buckets in seconds (5 ms .. 10 s).
std::vector<double> default_latency_buckets();

enum class MetricType { kCounter, kGauge, kHistogram };

// One metric name with its children, one per tuple of label values.
template <typename M>
class Family {
 public:
  Family(std::string name, std::string help, std::vector<std::string> label_names,
         std::function<std::unique_ptr<M>()> make)
      : name_(std::move(name)), help_(std::move(help)), label_names_(std::move(label_names)),
        make_(std::move(make)) {}

  // The child for these label values (as many as the family has label names), created on first
  // use. Keep the reference: the lookup locks, the child's update does not.
  M& with(const std::vector<std::string>& label_values);
  M& with(std::initializer_list<std::string_view> label_values) {
    return with(std::vector<std::string>(label_values.begin(), label_values.end()));
  }
  // The single child of a family without labels.
  M& get() { return with(std::vector<std::string>{}); }

  const std::string& name() const { return name_; }
  const std::string& help() const { return help_; }
  const std::vector<std::string>& label_names() const { return label_names_; }

  // Calls f(label_values, child) for every child, in label-value order, under the lock.
  template <typename F>
  void for_each(F&& f) const {
    std::lock_guard<std::mutex> lock(mutex_);
    for (const auto& [labels, child] : children_) f(labels, *child);
  }

 private:
  std::string name_;
  std::string help_;
  std::vector<std::string> label_names_;
  std::function<std::unique_ptr<M>()> make_;
  mutable std::mutex mutex_;
  std::map<std::vector<std::string>, std::unique_ptr<M>> children_;
};

// Defined in metrics.cc for the three metric types.
extern template class Family<Counter>;
extern template class Family<Gauge>;
extern template class Family<Histogram>;

using CounterFamily = Family<Counter>;
using GaugeFamily = Family<Gauge>;
using HistogramFamily = Family<Histogram>;

class Registry {
 public:
  Registry();
  ~Registry();
  Registry(const Registry&) = delete;
  Registry& operator=(const Registry&) = delete;

  CounterFamily& counter(const std::string& name, const std::string& help,
                         std::vector<std::string> label_names = {});
  GaugeFamily& gauge(const std::string& name, const std::string& help,
                     std::vector<std::string> label_names = {});
  HistogramFamily& histogram(const std::string& name, const std::string& help,
                             std::vector<double> upper_bounds = default_latency_buckets(),
                             std::vector<std::string> label_names = {});
  // A gauge without labels whose value is read at render time (queue depths owned elsewhere).
  // `read` must be thread-safe and must outlive the registry's last render().
  void gauge_callback(const std::string& name, const std::string& help, std::function<double()> read);

  // The whole registry in the text exposition format 0.0.4, families in registration order.
  std::string render() const;

 private:
  struct Entry;
  Entry& add_entry(const std::string& name, MetricType type, const std::vector<std::string>& labels);

  mutable std::mutex mutex_;
  std::vector<std::unique_ptr<Entry>> entries_;
};

// Formatting helpers, exposed for tests and for code that writes extra exposition text.
std::string escape_label_value(std::string_view v);
std::string escape_help(std::string_view v);
std::string format_value(double v);
bool is_valid_metric_name(std::string_view name);
bool is_valid_label_name(std::string_view name);

}  // namespace hearth::metrics
