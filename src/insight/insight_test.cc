// The diagnosis service over a real MemoryStore with a fake clock and a recording DeviceControl:
// WAN tests queued, offline homes and regional outages explained, line events used, time series
// and diagnoses stored, live checks answered, old data pruned.
#include <gtest/gtest.h>

#include "insight/insight_test_support.h"

namespace hearth::insight {
namespace {

using namespace hearth::insight::testing;

TEST_F(InsightTest, BootstrapReadsNothingAndPeriodicQueuesThePingOnce) {
  EXPECT_TRUE(insight.on_inform(gateway(1), events({"0 BOOTSTRAP", "1 BOOT"}), {}, now()).paths.empty());
  EXPECT_TRUE(control.tasks.empty());
  session(1);
  ASSERT_EQ(control.tasks.size(), 1u);
  EXPECT_NE(control.tasks[0].args_json.find("IPPing"), std::string::npos);
  // The speed test follows (the home is idle), then nothing until the ping is due again.
  clock.advance(std::chrono::minutes(5));
  session(1);
  ASSERT_EQ(control.tasks.size(), 2u);
  EXPECT_NE(control.tasks[1].args_json.find("DownloadDiagnostics"), std::string::npos);
  clock.advance(std::chrono::minutes(5));
  session(1);
  EXPECT_EQ(control.tasks.size(), 2u);
  clock.advance(std::chrono::minutes(55));
  session(1);
  EXPECT_EQ(control.tasks.size(), 3u);
}

TEST_F(InsightTest, DiagnosisTimeSeriesAndRollupsAreStored) {
  session(2);
  auto rec = store.get_diagnosis("home-2");
  ASSERT_TRUE(rec);
  ASSERT_TRUE(rec->has_value());
  EXPECT_EQ((*rec)->home_id, "home-2");
  auto d = insight.home_diagnosis("home-2");
  ASSERT_TRUE(d);
  EXPECT_GE(d->health, 0);
  EXPECT_LE(d->health, 100);
  EXPECT_GT(d->time_ms, 0);
  clock.advance(std::chrono::minutes(5));
  session(2);
  auto health = insight.series("home-2", "health", now() - 3'600'000, 0);
  ASSERT_TRUE(health);
  EXPECT_EQ(health->size(), 2u);
  auto keys = insight.series_keys("home-2");
  ASSERT_TRUE(keys);
  EXPECT_NE(std::find(keys->begin(), keys->end(), "wan/up"), keys->end());
  // The hour's rollup is stored once the hour is over.
  auto rollups = store.list_rollups("home-2", 0, 0, 10);
  ASSERT_TRUE(rollups);
  EXPECT_TRUE(rollups->empty());
  clock.advance(std::chrono::hours(1));
  session(2);
  rollups = store.list_rollups("home-2", 0, 0, 10);
  ASSERT_TRUE(rollups);
  ASSERT_EQ(rollups->size(), 1u);
  EXPECT_NE(rollups->back().data.find("health=2,"), std::string::npos);
  auto snap = insight.home_snapshot("home-2");
  ASSERT_TRUE(snap);
  ASSERT_TRUE(snap->has_value());
  EXPECT_TRUE((*snap)->wan.up);
  EXPECT_FALSE(insight.home_diagnosis("home-nope"));
}

TEST_F(InsightTest, SilentHomeIsOfflineAndALineEventSaysWhy) {
  session(3);
  session(4);
  clock.advance(std::chrono::minutes(12));
  session(4);  // home-4 keeps talking
  tick();
  EXPECT_EQ(primary("home-3"), "DEV-OFFLINE-1");
  EXPECT_NE(primary("home-4"), "DEV-OFFLINE-1");
  ASSERT_TRUE(insight.line_event({"home-3", "", "dying-gasp", now()}));
  insight.drain();
  EXPECT_EQ(primary("home-3"), "PWR-CUT-1");
  ASSERT_TRUE(insight.line_event({"", "SN3", "loss-of-signal", now()}));
  insight.drain();
  EXPECT_EQ(primary("home-3"), "WAN-DOWN-1");
  EXPECT_FALSE(insight.line_event({"", "SN-unknown", "dying-gasp", now()}));
  // It comes back: the outage finding ends and stays in the history.
  session(3, {"1 BOOT"});
  tick();
  EXPECT_NE(primary("home-3"), "WAN-DOWN-1");
  auto history = insight.finding_history("home-3", 0, 50);
  ASSERT_TRUE(history);
  bool ended_outage = false;
  for (const auto& f : *history) ended_outage |= (f.code == "WAN-DOWN-1" || f.code == "DEV-OFFLINE-1") && f.end_ms > 0;
  EXPECT_TRUE(ended_outage);
}

TEST_F(InsightTest, ManyHomesOfOneAccessNodeSilentIsARegionalOutage) {
  for (int i = 0; i < 10; ++i) session(i);
  clock.advance(std::chrono::minutes(12));
  for (int i = 5; i < 10; ++i) session(i);
  tick();  // 5 of 10 silent: max(5, 20%) reached
  for (int i = 0; i < 5; ++i) EXPECT_EQ(primary("home-" + std::to_string(i)), "OUT-REG-1") << i;
  auto summary = insight.fleet_summary(3);
  ASSERT_TRUE(summary);
  EXPECT_EQ(summary->primary_causes["OUT-REG-1"], 5u);
  EXPECT_EQ(summary->worst.size(), 3u);
  EXPECT_EQ(summary->homes_diagnosed, 10u);
}

TEST_F(InsightTest, SilentHomesWithTheirOwnLineEventsAreNotRegional) {
  for (int i = 0; i < 10; ++i) session(i);
  clock.advance(std::chrono::minutes(12));
  for (int i = 5; i < 10; ++i) session(i);
  // Two of the five silent homes report their own cause: three left, below max(5, 20%).
  ASSERT_TRUE(insight.line_event({"home-0", "", "dying-gasp", now()}));
  ASSERT_TRUE(insight.line_event({"home-1", "", "loss-of-signal", now()}));
  tick();
  EXPECT_EQ(primary("home-0"), "PWR-CUT-1");
  EXPECT_EQ(primary("home-1"), "WAN-DOWN-1");
  for (int i = 2; i < 5; ++i) EXPECT_EQ(primary("home-" + std::to_string(i)), "DEV-OFFLINE-1") << i;
}

TEST_F(InsightTest, FewSilentHomesAreNotRegional) {
  for (int i = 0; i < 10; ++i) session(i);
  clock.advance(std::chrono::minutes(12));
  for (int i = 4; i < 10; ++i) session(i);
  tick();  // 4 of 10
  for (int i = 0; i < 4; ++i) EXPECT_EQ(primary("home-" + std::to_string(i)), "DEV-OFFLINE-1") << i;
}

TEST_F(InsightTest, LiveChecksRunAPingAndAnswerAfterTheResults) {
  session(5);
  const size_t before = control.tasks.size();
  bool answered = false;
  insight.run_checks("home-5", 60'000, [&](Result<diag::Diagnosis> d) { answered = d.ok(); });
  ASSERT_EQ(control.tasks.size(), before + 1);
  EXPECT_NE(control.tasks.back().args_json.find("IPPing"), std::string::npos);
  EXPECT_EQ(control.connection_requests.size(), 1u);
  EXPECT_FALSE(answered);
  clock.advance(std::chrono::seconds(20));
  EXPECT_TRUE(session(5, {"8 DIAGNOSTICS COMPLETE"}));
  EXPECT_TRUE(answered);
  // A gateway that never comes back: the answer comes at the deadline with what is known.
  bool late = false;
  insight.run_checks("home-5", 60'000, [&](Result<diag::Diagnosis> d) { late = d.ok(); });
  clock.advance(std::chrono::seconds(61));
  tick();
  EXPECT_TRUE(late);
}

TEST_F(InsightTest, RetentionPrunesOldSamples) {
  session(7);
  clock.advance(std::chrono::hours(49));
  session(7);
  tick();
  store.flush();
  auto samples = store.list_telemetry("home-7", 0, 0, 100);
  ASSERT_TRUE(samples);
  EXPECT_EQ(samples->size(), 1u);
  auto rollups = store.list_rollups("home-7", 0, 0, 100);
  ASSERT_TRUE(rollups);
  EXPECT_EQ(rollups->size(), 1u);  // the first hour's, kept for 90 days
}

}  // namespace
}  // namespace hearth::insight
