// Insight::fleet_summary's view of the homes only the store knows: read by the first summary, then
// re-read when stale, by the summary itself when the service is not started and by the ticker
// thread when it is (so no request waits for the re-read).
#include <chrono>
#include <thread>

#include <gtest/gtest.h>

#include "diag/diagnosis_json.h"
#include "insight/insight.h"
#include "store/memory/memory_store.h"

namespace hearth::insight {
namespace {

class FleetCacheTest : public ::testing::Test {
 protected:
  void stored(const std::string& home, int health, const std::string& primary) {
    diag::Diagnosis d;
    d.home_id = home;
    d.time_ms = 1;
    d.health = health;
    if (!primary.empty()) {
      diag::Finding f;
      f.code = primary;
      d.findings.push_back(f);
      d.primary = f;
    }
    const std::string json = diag::diagnosis_to_json(d).dump();
    ASSERT_TRUE(store.write_sync(store::WriteBatch().add(store::PutDiagnosis{{home, 1, health, primary, json}})));
  }
  size_t diagnosed(Insight& insight) {
    auto s = insight.fleet_summary(10);
    EXPECT_TRUE(s);
    return s ? s->homes_diagnosed : 0;
  }

  store::memory::MemoryStore store;
  FakeClock clock;
};

TEST_F(FleetCacheTest, NotStartedTheSummaryRereadsAStaleView) {
  Insight insight(InsightOptions{}, store, clock);
  stored("home-1", 40, "WAN-SPD-1");
  EXPECT_EQ(diagnosed(insight), 1u);
  stored("home-2", 100, "");
  EXPECT_EQ(diagnosed(insight), 1u);  // the view is fresh
  clock.advance(std::chrono::minutes(11));
  auto s = insight.fleet_summary(10);
  ASSERT_TRUE(s);
  EXPECT_EQ(s->homes_diagnosed, 2u);
  EXPECT_EQ(s->homes_healthy, 1u);
  EXPECT_EQ(s->primary_causes["WAN-SPD-1"], 1u);
  EXPECT_EQ(s->open_findings["WAN-SPD-1"], 1u);
  ASSERT_FALSE(s->worst.empty());
  EXPECT_EQ(s->worst.front().home_id, "home-1");
}

TEST_F(FleetCacheTest, StartedTheTickerRereadsAStaleView) {
  InsightOptions options;
  options.tick_ms = 1;
  Insight insight(options, store, clock);
  stored("home-1", 40, "WAN-SPD-1");
  insight.start();
  EXPECT_EQ(diagnosed(insight), 1u);
  stored("home-2", 100, "");
  clock.advance(std::chrono::minutes(11));
  // The summary answers from the stale view; the ticker brings the new home in soon after.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  size_t n = diagnosed(insight);
  while (n < 2 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
    n = diagnosed(insight);
  }
  EXPECT_EQ(n, 2u);
  insight.stop();
}

}  // namespace
}  // namespace hearth::insight
