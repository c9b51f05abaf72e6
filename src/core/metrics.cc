#include "core/metrics.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <variant>

#include <fmt/format.h>

namespace hearth::metrics {

namespace {

[[noreturn]] void misuse(const std::string& what) {
  std::fprintf(stderr, "metrics: %s\n", what.c_str());
  std::abort();
}

const char* type_name(MetricType t) {
  switch (t) {
    case MetricType::kCounter: return "counter";
    case MetricType::kGauge: return "gauge";
    case MetricType::kHistogram: return "histogram";
  }
  return "untyped";
}

// Appends {a="x",b="y"} (nothing when there are no labels); `extra` is one more pre-rendered
// pair such as le="0.5".
void append_labels(std::string& out, const std::vector<std::string>& names,
                   const std::vector<std::string>& values, std::string_view extra = {}) {
  if (names.empty() && extra.empty()) return;
  out += '{';
  for (size_t i = 0; i < names.size(); ++i) {
    if (i > 0) out += ',';
    out += names[i];
    out += "=\"";
    out += escape_label_value(values[i]);
    out += '"';
  }
  if (!extra.empty()) {
    if (!names.empty()) out += ',';
    out += extra;
  }
  out += '}';
}

}  // namespace

// ---- Histogram ----

Histogram::Histogram(std::vector<double> upper_bounds)
    : bounds_(std::move(upper_bounds)), buckets_(new std::atomic<uint64_t>[bounds_.size() + 1]) {
  for (size_t i = 0; i < bounds_.size(); ++i) {
    if (std::isnan(bounds_[i]) || (i > 0 && !(bounds_[i] > bounds_[i - 1]))) {
      misuse("histogram bounds must be strictly increasing numbers");
    }
  }
  if (!bounds_.empty() && std::isinf(bounds_.back()) && bounds_.back() > 0) bounds_.pop_back();
  for (size_t i = 0; i <= bounds_.size(); ++i) buckets_[i].store(0, std::memory_order_relaxed);
}

void Histogram::observe(double v) {
  // Few buckets: a linear scan beats a binary search and keeps the code obvious.
  size_t i = 0;
  while (i < bounds_.size() && v > bounds_[i]) ++i;
  buckets_[i].fetch_add(1, std::memory_order_relaxed);
  sum_.fetch_add(v, std::memory_order_relaxed);
}

Histogram::Snapshot Histogram::snapshot() const {
  Snapshot s;
  s.upper_bounds = bounds_;
  s.cumulative.resize(bounds_.size() + 1);
  uint64_t running = 0;
  for (size_t i = 0; i <= bounds_.size(); ++i) {
    running += buckets_[i].load(std::memory_order_relaxed);
    s.cumulative[i] = running;
  }
  // The count is the +Inf bucket so that a scrape is always self-consistent.
  s.count = running;
  s.sum = sum_.load(std::memory_order_relaxed);
  return s;
}

std::vector<double> default_latency_buckets() {
  return {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};
}

// ---- Family ----

template <typename M>
M& Family<M>::with(const std::vector<std::string>& label_values) {
  if (label_values.size() != label_names_.size()) {
    misuse(fmt::format("{}: {} label values given for {} label names", name_, label_values.size(),
                       label_names_.size()));
  }
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = children_.find(label_values);
  if (it == children_.end()) it = children_.emplace(label_values, make_()).first;
  return *it->second;
}

template class Family<Counter>;
template class Family<Gauge>;
template class Family<Histogram>;

// ---- Registry ----

struct Registry::Entry {
  std::string name;
  std::string help;
  MetricType type = MetricType::kCounter;
  std::vector<std::string> label_names;
  std::unique_ptr<CounterFamily> counters;
  std::unique_ptr<GaugeFamily> gauges;
  std::unique_ptr<HistogramFamily> histograms;
  std::vector<double> bounds;     // histograms
  std::function<double()> read;  // gauge_callback
};

Registry::Registry() = default;
Registry::~Registry() = default;

Registry::Entry& Registry::add_entry(const std::string& name, MetricType type,
                                     const std::vector<std::string>& labels) {
  if (!is_valid_metric_name(name)) misuse("invalid metric name '" + name + "'");
  for (const auto& l : labels) {
    if (!is_valid_label_name(l) || l == "le") misuse(name + ": invalid label name '" + l + "'");
  }
  for (auto& e : entries_) {
    if (e->name != name) continue;
    if (e->type != type || e->label_names != labels || e->read) {
      misuse("metric '" + name + "' registered twice with different shapes");
    }
    return *e;
  }
  auto e = std::make_unique<Entry>();
  e->name = name;
  e->type = type;
  e->label_names = labels;
  entries_.push_back(std::move(e));
  return *entries_.back();
}

CounterFamily& Registry::counter(const std::string& name, const std::string& help,
                                 std::vector<std::string> label_names) {
  std::lock_guard<std::mutex> lock(mutex_);
  Entry& e = add_entry(name, MetricType::kCounter, label_names);
  if (!e.counters) {
    e.help = help;
    e.counters = std::make_unique<CounterFamily>(name, help, label_names,
                                                 [] { return std::make_unique<Counter>(); });
    if (label_names.empty()) e.counters->get();  // render 0 before the first increment
  }
  return *e.counters;
}

GaugeFamily& Registry::gauge(const std::string& name, const std::string& help,
                             std::vector<std::string> label_names) {
  std::lock_guard<std::mutex> lock(mutex_);
  Entry& e = add_entry(name, MetricType::kGauge, label_names);
  if (!e.gauges) {
    e.help = help;
    e.gauges = std::make_unique<GaugeFamily>(name, help, label_names,
                                             [] { return std::make_unique<Gauge>(); });
    if (label_names.empty()) e.gauges->get();
  }
  return *e.gauges;
}

HistogramFamily& Registry::histogram(const std::string& name, const std::string& help,
                                     std::vector<double> upper_bounds,
                                     std::vector<std::string> label_names) {
  std::lock_guard<std::mutex> lock(mutex_);
  Entry& e = add_entry(name, MetricType::kHistogram, label_names);
  const std::vector<double> bounds = Histogram(upper_bounds).upper_bounds();  // validated
  if (!e.histograms) {
    e.help = help;
    e.bounds = bounds;
    e.histograms = std::make_unique<HistogramFamily>(
        name, help, label_names, [upper_bounds] { return std::make_unique<Histogram>(upper_bounds); });
    if (label_names.empty()) e.histograms->get();
  } else if (e.bounds != bounds) {
    misuse("histogram '" + name + "' registered twice with different buckets");
  }
  return *e.histograms;
}

void Registry::gauge_callback(const std::string& name, const std::string& help,
                              std::function<double()> read) {
  std::lock_guard<std::mutex> lock(mutex_);
  for (const auto& e : entries_) {
    if (e->name == name) misuse("metric '" + name + "' registered twice");
  }
  if (!is_valid_metric_name(name)) misuse("invalid metric name '" + name + "'");
  auto e = std::make_unique<Entry>();
  e->name = name;
  e->help = help;
  e->type = MetricType::kGauge;
  e->read = std::move(read);
  entries_.push_back(std::move(e));
}

std::string Registry::render() const {
  std::lock_guard<std::mutex> lock(mutex_);
  std::string out;
  for (const auto& e : entries_) {
    out += "# HELP " + e->name + ' ' + escape_help(e->help) + '\n';
    out += "# TYPE " + e->name + ' ' + type_name(e->type) + '\n';
    if (e->read) {
      out += e->name + ' ' + format_value(e->read()) + '\n';
    } else if (e->counters) {
      e->counters->for_each([&](const std::vector<std::string>& labels, const Counter& c) {
        out += e->name;
        append_labels(out, e->label_names, labels);
        out += ' ' + std::to_string(c.value()) + '\n';
      });
    } else if (e->gauges) {
      e->gauges->for_each([&](const std::vector<std::string>& labels, const Gauge& g) {
        out += e->name;
        append_labels(out, e->label_names, labels);
        out += ' ' + format_value(g.value()) + '\n';
      });
    } else if (e->histograms) {
      e->histograms->for_each([&](const std::vector<std::string>& labels, const Histogram& h) {
        const Histogram::Snapshot s = h.snapshot();
        for (size_t i = 0; i <= s.upper_bounds.size(); ++i) {
          const std::string le =
              i < s.upper_bounds.size() ? format_value(s.upper_bounds[i]) : std::string("+Inf");
          out += e->name + "_bucket";
          append_labels(out, e->label_names, labels, "le=\"" + le + "\"");
          out += ' ' + std::to_string(s.cumulative[i]) + '\n';
        }
        out += e->name + "_sum";
        append_labels(out, e->label_names, labels);
        out += ' ' + format_value(s.sum) + '\n';
        out += e->name + "_count";
        append_labels(out, e->label_names, labels);
        out += ' ' + std::to_string(s.count) + '\n';
      });
    }
  }
  return out;
}

// ---- formatting ----

std::string escape_label_value(std::string_view v) {
  std::string out;
  out.reserve(v.size());
  for (char c : v) {
    switch (c) {
      case '\\': out += "\\\\"; break;
      case '"': out += "\\\""; break;
      case '\n': out += "\\n"; break;
      default: out += c;
    }
  }
  return out;
}

std::string escape_help(std::string_view v) {
  std::string out;
  out.reserve(v.size());
  for (char c : v) {
    switch (c) {
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      default: out += c;
    }
  }
  return out;
}

std::string format_value(double v) {
  if (std::isnan(v)) return "NaN";
  if (std::isinf(v)) return v > 0 ? "+Inf" : "-Inf";
  return fmt::format("{}", v);
}

bool is_valid_metric_name(std::string_view name) {
  if (name.empty()) return false;
  for (size_t i = 0; i < name.size(); ++i) {
    const char c = name[i];
    const bool alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':';
    const bool digit = c >= '0' && c <= '9';
    if (!alpha && !(digit && i > 0)) return false;
  }
  return true;
}

bool is_valid_label_name(std::string_view name) {
  if (name.empty() || name.substr(0, 2) == "__") return false;
  for (size_t i = 0; i < name.size(); ++i) {
    const char c = name[i];
    const bool alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    const bool digit = c >= '0' && c <= '9';
    if (!alpha && !(digit && i > 0)) return false;
  }
  return true;
}

}  // namespace hearth::metrics
