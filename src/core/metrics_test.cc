#include "core/metrics.h"

#include <limits>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

namespace hearth::metrics {
namespace {

TEST(MetricsRegistryTest, RendersCounterWithHelpAndType) {
  Registry r;
  r.counter("hearth_sessions_total", "CWMP sessions started.").get().inc(3);
  EXPECT_EQ(r.render(),
            "# HELP hearth_sessions_total CWMP sessions started.\n"
            "# TYPE hearth_sessions_total counter\n"
            "hearth_sessions_total 3\n");
}

TEST(MetricsRegistryTest, RendersUnlabelledMetricsAsZeroBeforeFirstUse) {
  Registry r;
  r.counter("a_total", "A.");
  r.gauge("b", "B.");
  const std::string text = r.render();
  EXPECT_NE(text.find("\na_total 0\n"), std::string::npos) << text;
  EXPECT_NE(text.find("\nb 0\n"), std::string::npos) << text;
}

TEST(MetricsRegistryTest, RendersLabelledChildrenInLabelOrder) {
  Registry r;
  auto& rpcs = r.counter("hearth_rpcs_total", "RPCs.", {"rpc", "outcome"});
  rpcs.with({"reboot", "ok"}).inc();
  rpcs.with({"download", "fault"}).inc(2);
  rpcs.with({"reboot", "ok"}).inc();
  EXPECT_EQ(r.render(),
            "# HELP hearth_rpcs_total RPCs.\n"
            "# TYPE hearth_rpcs_total counter\n"
            "hearth_rpcs_total{rpc=\"download\",outcome=\"fault\"} 2\n"
            "hearth_rpcs_total{rpc=\"reboot\",outcome=\"ok\"} 2\n");
}

TEST(MetricsRegistryTest, EscapesLabelValuesAndHelp) {
  Registry r;
  r.gauge("g", "line one\nback\\slash", {"k"}).with({"a\"b\\c\nd"}).set(1.5);
  EXPECT_EQ(r.render(),
            "# HELP g line one\\nback\\\\slash\n"
            "# TYPE g gauge\n"
            "g{k=\"a\\\"b\\\\c\\nd\"} 1.5\n");
}

TEST(MetricsRegistryTest, RendersHistogramBucketsCumulatively) {
  Registry r;
  auto& h = r.histogram("lat_seconds", "Latency.", {0.25, 1}).get();
  h.observe(0.125);
  h.observe(0.25);  // on the bound: counted in le="0.25"
  h.observe(0.5);
  h.observe(7);
  EXPECT_EQ(r.render(),
            "# HELP lat_seconds Latency.\n"
            "# TYPE lat_seconds histogram\n"
            "lat_seconds_bucket{le=\"0.25\"} 2\n"
            "lat_seconds_bucket{le=\"1\"} 3\n"
            "lat_seconds_bucket{le=\"+Inf\"} 4\n"
            "lat_seconds_sum 7.875\n"
            "lat_seconds_count 4\n");
}

TEST(MetricsRegistryTest, HistogramLabelsPrecedeLe) {
  Registry r;
  r.histogram("h", "H.", {1}, {"route"}).with({"x"}).observe(2);
  const std::string text = r.render();
  EXPECT_NE(text.find("h_bucket{route=\"x\",le=\"1\"} 0\n"), std::string::npos) << text;
  EXPECT_NE(text.find("h_bucket{route=\"x\",le=\"+Inf\"} 1\n"), std::string::npos) << text;
  EXPECT_NE(text.find("h_count{route=\"x\"} 1\n"), std::string::npos) << text;
}

TEST(MetricsRegistryTest, SameRegistrationReturnsSameFamily) {
  Registry r;
  auto& a = r.counter("x_total", "X.", {"k"});
  auto& b = r.counter("x_total", "X.", {"k"});
  EXPECT_EQ(&a, &b);
  EXPECT_EQ(&a.with({"v"}), &b.with({"v"}));
}

TEST(MetricsRegistryTest, GaugeCallbackIsReadAtRenderTime) {
  Registry r;
  double depth = 4;
  r.gauge_callback("queue_depth", "Depth.", [&] { return depth; });
  depth = 9;
  EXPECT_NE(r.render().find("\nqueue_depth 9\n"), std::string::npos);
}

TEST(MetricsRegistryDeathTest, TypeClashAborts) {
  Registry r;
  r.counter("dup", "D.");
  EXPECT_DEATH(r.gauge("dup", "D."), "registered twice");
}

TEST(MetricsRegistryDeathTest, WrongLabelCountAborts) {
  Registry r;
  auto& f = r.counter("c_total", "C.", {"a", "b"});
  EXPECT_DEATH(f.with({"only-one"}), "label values");
}

TEST(MetricsFormatTest, FormatsSpecialValues) {
  EXPECT_EQ(format_value(std::numeric_limits<double>::infinity()), "+Inf");
  EXPECT_EQ(format_value(-std::numeric_limits<double>::infinity()), "-Inf");
  EXPECT_EQ(format_value(std::numeric_limits<double>::quiet_NaN()), "NaN");
  EXPECT_EQ(format_value(0.25), "0.25");
  EXPECT_EQ(format_value(3), "3");
}

TEST(MetricsFormatTest, ValidatesNames) {
  struct Case {
    const char* name;
    bool metric_ok;
    bool label_ok;
  };
  const Case cases[] = {
      {"hearth_rpcs_total", true, true}, {"a:b", true, false}, {"9lives", false, false},
      {"", false, false},                {"__reserved", true, false}, {"has-dash", false, false},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(is_valid_metric_name(c.name), c.metric_ok) << c.name;
    EXPECT_EQ(is_valid_label_name(c.name), c.label_ok) << c.name;
  }
}

TEST(MetricsConcurrencyTest, ConcurrentUpdatesAreNotLost) {
  Registry r;
  auto& c = r.counter("n_total", "N.").get();
  auto& g = r.gauge("g", "G.").get();
  auto& h = r.histogram("h", "H.", {1}).get();
  constexpr int kThreads = 4;
  constexpr int kPerThread = 10000;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < kPerThread; ++i) {
        c.inc();
        g.inc();
        h.observe(0.5);
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(c.value(), uint64_t{kThreads * kPerThread});
  EXPECT_EQ(g.value(), double{kThreads * kPerThread});
  EXPECT_EQ(h.snapshot().count, uint64_t{kThreads * kPerThread});
}

}  // namespace
}  // namespace hearth::metrics
