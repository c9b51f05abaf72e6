// The shared store suite, part 5: the diagnosis. Telemetry samples and rollups (upserts, time
// ranges, limits keeping the newest), findings (upserts by key, filters, order), diagnoses
// (worst first), the optimisation log (assigned ids), retention, and atomicity of batches that
// carry them.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "store/store_suite_fixture.h"

namespace hearth::store::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::ElementsAreArray;
using ::testing::IsEmpty;

FindingRecord finding(const std::string& home, const std::string& code, const std::string& entity,
                      int64_t start_ms, int64_t end_ms = 0) {
  return FindingRecord{home,
                       code,
                       "warning",
                       entity,
                       start_ms,
                       end_ms,
                       R"({"code":")" + code + R"(","entity":")" + entity + R"("})"};
}

DiagnosisRecord diagnosis(const std::string& home, int health, const std::string& primary) {
  return DiagnosisRecord{home, 5000, health, primary,
                         R"({"health":)" + std::to_string(health) + "}"};
}

OptimisationRecord entry(const std::string& home, int64_t time_ms, int64_t id = 0) {
  return OptimisationRecord{id, home, time_ms, "set-channel", R"({"to":36})"};
}

class StoreDiagnosisTest : public StoreSuiteTest {
 protected:
  void sample(const std::string& home, int64_t t, const std::string& data = "health=90\n") {
    write_ok(WriteBatch().add(PutTelemetrySample{TelemetrySampleRecord{home, t, data}}));
  }
  std::vector<int64_t> sample_times(const std::string& home, int64_t from, int64_t to,
                                    size_t limit = 100) {
    auto rows = store_->list_telemetry(home, from, to, limit);
    EXPECT_TRUE(rows.ok());
    std::vector<int64_t> out;
    if (rows) {
      for (const auto& r : *rows) out.push_back(r.time_ms);
    }
    return out;
  }
  std::vector<int64_t> rollup_hours(const std::string& home, int64_t from, int64_t to,
                                    size_t limit = 100) {
    auto rows = store_->list_rollups(home, from, to, limit);
    EXPECT_TRUE(rows.ok());
    std::vector<int64_t> out;
    if (rows) {
      for (const auto& r : *rows) out.push_back(r.hour_ms);
    }
    return out;
  }
  // "home/code/entity@start" of each finding the query returns, in order.
  std::vector<std::string> findings(const FindingQuery& q) {
    auto rows = store_->find_findings(q);
    EXPECT_TRUE(rows.ok());
    std::vector<std::string> out;
    if (rows) {
      for (const auto& f : *rows) {
        out.push_back(f.home_id + "/" + f.code + "/" + f.entity + "@" + std::to_string(f.start_ms));
      }
    }
    return out;
  }
  std::vector<std::string> diagnosed_homes(const DiagnosisQuery& q) {
    auto rows = store_->list_diagnoses(q);
    EXPECT_TRUE(rows.ok());
    std::vector<std::string> out;
    if (rows) {
      for (const auto& d : *rows) out.push_back(d.home_id);
    }
    return out;
  }
  std::vector<int64_t> optimisation_ids(const std::string& home, size_t limit = 100) {
    auto rows = store_->list_optimisations(home, limit);
    EXPECT_TRUE(rows.ok());
    std::vector<int64_t> out;
    if (rows) {
      for (const auto& e : *rows) out.push_back(e.id);
    }
    return out;
  }
  // One home with a bit of everything, for the prune and atomicity tests.
  void seed() {
    write_ok(WriteBatch()
                 .add(PutTelemetrySample{TelemetrySampleRecord{"h1", 1000, "a=1\n"}})
                 .add(PutTelemetrySample{TelemetrySampleRecord{"h1", 2000, "a=2\n"}})
                 .add(PutTelemetryRollup{TelemetryRollupRecord{"h1", 0, "a=1,1,1,1\n"}})
                 .add(PutTelemetryRollup{TelemetryRollupRecord{"h1", 3600000, "a=1,2,2,2\n"}})
                 .add(PutFinding{finding("h1", "weak-signal", "station:1", 100, 1500)})
                 .add(PutFinding{finding("h1", "weak-signal", "station:2", 200, 2500)})
                 .add(PutFinding{finding("h1", "wan-down", "wan", 300)})
                 .add(PutDiagnosis{diagnosis("h1", 60, "weak-signal")})
                 .add(AddOptimisation{entry("h1", 1000)})
                 .add(AddOptimisation{entry("h1", 2000)}));
  }
};
HEARTH_INSTANTIATE_STORE_SUITE(StoreDiagnosisTest);

// ---- telemetry ----

TEST_P(StoreDiagnosisTest, ASampleComesBackAsStoredAndIsReplacedByKey) {
  sample("h1", 1000, "health=80\nsta/aa:bb:cc:dd:ee:ff/signal=-71\n");
  auto rows = store_->list_telemetry("h1", 0, 0, 10);
  ASSERT_TRUE(rows.ok());
  EXPECT_THAT(*rows, ElementsAre(TelemetrySampleRecord{
                         "h1", 1000, "health=80\nsta/aa:bb:cc:dd:ee:ff/signal=-71\n"}));
  sample("h1", 1000, "health=81\n");
  rows = store_->list_telemetry("h1", 0, 0, 10);
  ASSERT_TRUE(rows.ok());
  EXPECT_THAT(*rows, ElementsAre(TelemetrySampleRecord{"h1", 1000, "health=81\n"}));
}

TEST_P(StoreDiagnosisTest, SamplesComeOldestFirstWithinTheRange) {
  for (int64_t t : {3000, 1000, 4000, 2000}) sample("h1", t);
  sample("h10", 1500);  // a home whose id extends another's stays apart
  sample("h", 2500);
  struct Case {
    int64_t from, to;
    size_t limit;
    std::vector<int64_t> want;
  };
  const Case cases[] = {
      {0, 0, 100, {1000, 2000, 3000, 4000}},  // to 0: no upper bound
      {2000, 0, 100, {2000, 3000, 4000}},     // from is inclusive
      {0, 3000, 100, {1000, 2000}},           // to is exclusive
      {1500, 3500, 100, {2000, 3000}},
      {0, 0, 2, {3000, 4000}},  // the limit keeps the newest, still oldest first
      {0, 3000, 1, {2000}},
      {0, 0, 0, {}},
      {5000, 0, 100, {}},
      {3000, 3000, 100, {}},
      {4000, 1000, 100, {}},
  };
  for (const Case& c : cases) {
    EXPECT_THAT(sample_times("h1", c.from, c.to, c.limit), ElementsAreArray(c.want))
        << c.from << ".." << c.to << " limit " << c.limit;
  }
  EXPECT_THAT(sample_times("h10", 0, 0), ElementsAre(1500));
  EXPECT_THAT(sample_times("nobody", 0, 0), IsEmpty());
}

TEST_P(StoreDiagnosisTest, RollupsAreKeyedByHourAndRangedLikeSamples) {
  const int64_t hour = 3600000;
  for (int64_t h = 0; h < 5; ++h) {
    write_ok(
        WriteBatch().add(PutTelemetryRollup{TelemetryRollupRecord{"h1", h * hour, "x=1,1,1,1\n"}}));
  }
  write_ok(
      WriteBatch().add(PutTelemetryRollup{TelemetryRollupRecord{"h1", 2 * hour, "x=2,5,2,3\n"}}));
  write_ok(WriteBatch().add(PutTelemetryRollup{TelemetryRollupRecord{"h2", hour, "x=1,1,1,1\n"}}));
  EXPECT_THAT(rollup_hours("h1", 0, 0), ElementsAre(0, hour, 2 * hour, 3 * hour, 4 * hour));
  EXPECT_THAT(rollup_hours("h1", hour, 3 * hour), ElementsAre(hour, 2 * hour));
  EXPECT_THAT(rollup_hours("h1", 0, 0, 2), ElementsAre(3 * hour, 4 * hour));
  auto rows = store_->list_rollups("h1", 2 * hour, 3 * hour, 10);
  ASSERT_TRUE(rows.ok());
  EXPECT_THAT(*rows, ElementsAre(TelemetryRollupRecord{"h1", 2 * hour, "x=2,5,2,3\n"}));
  EXPECT_THAT(rollup_hours("h2", 0, 0), ElementsAre(hour));
  // Samples and rollups are separate series.
  EXPECT_THAT(sample_times("h1", 0, 0), IsEmpty());
}

// ---- findings ----

TEST_P(StoreDiagnosisTest, AFindingIsUpsertedByItsKey) {
  const FindingRecord open = finding("h1", "weak-signal", "station:aa", 100);
  write_ok(WriteBatch().add(PutFinding{open}));
  FindingRecord ended = open;
  ended.end_ms = 900;
  ended.severity = "critical";
  ended.json = R"({"ended":true})";
  write_ok(WriteBatch().add(PutFinding{ended}));
  auto rows = store_->find_findings(FindingQuery{});
  ASSERT_TRUE(rows.ok());
  EXPECT_THAT(*rows, ElementsAre(ended));
  // Another start time is another finding.
  write_ok(WriteBatch().add(PutFinding{finding("h1", "weak-signal", "station:aa", 1000)}));
  EXPECT_EQ(store_->find_findings(FindingQuery{})->size(), 2u);
}

TEST_P(StoreDiagnosisTest, FindingsComeNewestStartFirstAndFilter) {
  write_ok(WriteBatch()
               .add(PutFinding{finding("h1", "weak-signal", "station:1", 100, 500)})
               .add(PutFinding{finding("h1", "weak-signal", "station:2", 300)})
               .add(PutFinding{finding("h1", "wan-down", "wan", 200, 250)})
               .add(PutFinding{finding("h2", "weak-signal", "station:3", 300, 1000)})
               .add(PutFinding{finding("h2", "congested", "radio:2g", 50)})
               .add(PutFinding{finding("h10", "wan-down", "wan", 400)}));
  auto q = [](std::string home, bool open, std::string code, int64_t since, size_t offset = 0,
              size_t limit = 100) {
    FindingQuery f;
    f.home_id = std::move(home);
    f.open_only = open;
    f.code = std::move(code);
    f.since_ms = since;
    f.offset = offset;
    f.limit = limit;
    return f;
  };
  struct Case {
    const char* what;
    FindingQuery query;
    std::vector<std::string> want;
  };
  const Case cases[] = {
      {"all, ties by home, code, entity",
       q("", false, "", 0),
       {"h10/wan-down/wan@400", "h1/weak-signal/station:2@300", "h2/weak-signal/station:3@300",
        "h1/wan-down/wan@200", "h1/weak-signal/station:1@100", "h2/congested/radio:2g@50"}},
      {"one home",
       q("h1", false, "", 0),
       {"h1/weak-signal/station:2@300", "h1/wan-down/wan@200", "h1/weak-signal/station:1@100"}},
      {"open only",
       q("", true, "", 0),
       {"h10/wan-down/wan@400", "h1/weak-signal/station:2@300", "h2/congested/radio:2g@50"}},
      {"open of one home", q("h2", true, "", 0), {"h2/congested/radio:2g@50"}},
      {"by code", q("", false, "wan-down", 0), {"h10/wan-down/wan@400", "h1/wan-down/wan@200"}},
      {"since: ended at or after, or open",
       q("", false, "", 500),
       {"h10/wan-down/wan@400", "h1/weak-signal/station:2@300", "h2/weak-signal/station:3@300",
        "h1/weak-signal/station:1@100", "h2/congested/radio:2g@50"}},
      {"since after every end", q("h2", false, "", 1001), {"h2/congested/radio:2g@50"}},
      {"everything at once", q("h1", false, "weak-signal", 501), {"h1/weak-signal/station:2@300"}},
      {"offset and limit",
       q("", false, "", 0, 1, 2),
       {"h1/weak-signal/station:2@300", "h2/weak-signal/station:3@300"}},
      {"offset past the end", q("", false, "", 0, 10, 2), {}},
      {"unknown home", q("h3", false, "", 0), {}},
  };
  for (const Case& c : cases) EXPECT_THAT(findings(c.query), ElementsAreArray(c.want)) << c.what;
}

// ---- diagnoses ----

TEST_P(StoreDiagnosisTest, ADiagnosisIsOnePerHome) {
  EXPECT_FALSE(store_->get_diagnosis("h1")->has_value());
  write_ok(WriteBatch().add(PutDiagnosis{diagnosis("h1", 60, "weak-signal")}));
  DiagnosisRecord healthy = diagnosis("h1", 100, "");
  healthy.time_ms = 9000;
  write_ok(WriteBatch().add(PutDiagnosis{healthy}));
  auto got = store_->get_diagnosis("h1");
  ASSERT_TRUE(got.ok() && got->has_value());
  EXPECT_EQ(**got, healthy);
  EXPECT_THAT(diagnosed_homes(DiagnosisQuery{}), ElementsAre("h1"));
}

TEST_P(StoreDiagnosisTest, DiagnosesListByHomeOrWorstFirst) {
  write_ok(WriteBatch()
               .add(PutDiagnosis{diagnosis("h3", 40, "wan-down")})
               .add(PutDiagnosis{diagnosis("h1", 100, "")})
               .add(PutDiagnosis{diagnosis("h4", 70, "weak-signal")})
               .add(PutDiagnosis{diagnosis("h2", 40, "weak-signal")})
               .add(PutDiagnosis{diagnosis("h5", 95, "")}));
  auto q = [](std::string code, bool unhealthy, bool worst, size_t offset = 0, size_t limit = 100) {
    DiagnosisQuery d;
    d.primary_code = std::move(code);
    d.unhealthy_only = unhealthy;
    d.worst_first = worst;
    d.offset = offset;
    d.limit = limit;
    return d;
  };
  struct Case {
    const char* what;
    DiagnosisQuery query;
    std::vector<std::string> want;
  };
  const Case cases[] = {
      {"by home id", q("", false, false), {"h1", "h2", "h3", "h4", "h5"}},
      {"worst first, ties by home id", q("", false, true), {"h2", "h3", "h4", "h5", "h1"}},
      {"unhealthy only", q("", true, false), {"h2", "h3", "h4"}},
      {"unhealthy, worst first", q("", true, true), {"h2", "h3", "h4"}},
      {"by primary code", q("weak-signal", false, true), {"h2", "h4"}},
      {"offset and limit", q("", false, true, 1, 2), {"h3", "h4"}},
      {"offset past the end", q("", false, false, 5, 2), {}},
      {"unknown code", q("nothing", false, false), {}},
  };
  for (const Case& c : cases) {
    EXPECT_THAT(diagnosed_homes(c.query), ElementsAreArray(c.want)) << c.what;
  }
}

// ---- the optimisation log ----

TEST_P(StoreDiagnosisTest, OptimisationsGetIdsAndComeNewestFirst) {
  write_ok(WriteBatch()
               .add(AddOptimisation{entry("h1", 1000)})
               .add(AddOptimisation{entry("h2", 1500)})
               .add(AddOptimisation{entry("h1", 3000)})
               .add(AddOptimisation{entry("h1", 2000)}));
  EXPECT_THAT(optimisation_ids("h1"), ElementsAre(3, 4, 1));  // by time, not by id
  EXPECT_THAT(optimisation_ids(""), ElementsAre(3, 4, 2, 1));
  EXPECT_THAT(optimisation_ids("", 2), ElementsAre(3, 4));
  EXPECT_THAT(optimisation_ids("h3"), IsEmpty());
  auto rows = store_->list_optimisations("h2", 10);
  ASSERT_TRUE(rows.ok());
  EXPECT_THAT(*rows, ElementsAre(OptimisationRecord{2, "h2", 1500, "set-channel", R"({"to":36})"}));
  // Equal times: the later id first.
  write_ok(WriteBatch().add(AddOptimisation{entry("h2", 1500)}));
  EXPECT_THAT(optimisation_ids("h2"), ElementsAre(5, 2));
}

TEST_P(StoreDiagnosisTest, AnExplicitOptimisationIdIsKeptAndMayNotBeTaken) {
  write_ok(WriteBatch().add(AddOptimisation{entry("h1", 1000, 10)}));
  write_ok(WriteBatch().add(AddOptimisation{entry("h1", 2000)}));
  EXPECT_THAT(optimisation_ids("h1"), ElementsAre(11, 10));
  Status s = write(WriteBatch().add(AddOptimisation{entry("h1", 3000, 10)}));
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, ErrorCode::kConflict);
  EXPECT_THAT(optimisation_ids("h1"), ElementsAre(11, 10));
}

TEST_P(StoreDiagnosisTest, OptimisationIdsAreNotReusedAfterAPrune) {
  write_ok(
      WriteBatch().add(AddOptimisation{entry("h1", 1000)}).add(AddOptimisation{entry("h1", 2000)}));
  write_ok(WriteBatch().add(PruneDiagnosis{0, 0, 0, 5000}));
  EXPECT_THAT(optimisation_ids(""), IsEmpty());
  write_ok(WriteBatch().add(AddOptimisation{entry("h1", 6000)}));
  EXPECT_THAT(optimisation_ids(""), ElementsAre(3));
}

// ---- retention ----

TEST_P(StoreDiagnosisTest, PruneDeletesWhatIsOlderThanEachBound) {
  struct Case {
    const char* what;
    PruneDiagnosis prune;
    std::vector<int64_t> samples, hours;
    std::vector<std::string> findings;
    std::vector<int64_t> optimisations;
  };
  const std::vector<std::string> all_findings = {
      "h1/wan-down/wan@300", "h1/weak-signal/station:2@200", "h1/weak-signal/station:1@100"};
  const Case cases[] = {
      {"zero bounds delete nothing",
       {0, 0, 0, 0},
       {1000, 2000},
       {0, 3600000},
       all_findings,
       {2, 1}},
      {"raw: strictly older", {2000, 0, 0, 0}, {2000}, {0, 3600000}, all_findings, {2, 1}},
      {"raw: everything", {9000, 0, 0, 0}, {}, {0, 3600000}, all_findings, {2, 1}},
      {"rollups", {0, 3600000, 0, 0}, {1000, 2000}, {3600000}, all_findings, {2, 1}},
      {"findings ended before; open ones stay",
       {0, 0, 2000, 0},
       {1000, 2000},
       {0, 3600000},
       {"h1/wan-down/wan@300", "h1/weak-signal/station:2@200"},
       {2, 1}},
      {"findings: every ended one",
       {0, 0, 9000, 0},
       {1000, 2000},
       {0, 3600000},
       {"h1/wan-down/wan@300"},
       {2, 1}},
      {"optimisations", {0, 0, 0, 1001}, {1000, 2000}, {0, 3600000}, all_findings, {2}},
      {"all at once", {9000, 9000000, 9000, 9000}, {}, {}, {"h1/wan-down/wan@300"}, {}},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.what);
    TempDir dir;  // a fresh store per case
    store_ = GetParam().open(dir);
    ASSERT_NE(store_, nullptr);
    seed();
    write_ok(WriteBatch().add(c.prune));
    EXPECT_THAT(sample_times("h1", 0, 0), ElementsAreArray(c.samples));
    EXPECT_THAT(rollup_hours("h1", 0, 0), ElementsAreArray(c.hours));
    EXPECT_THAT(findings(FindingQuery{}), ElementsAreArray(c.findings));
    EXPECT_THAT(optimisation_ids("h1"), ElementsAreArray(c.optimisations));
    // The diagnosis itself is never pruned.
    EXPECT_TRUE(store_->get_diagnosis("h1")->has_value());
    store_.reset();
  }
}

// ---- malformed ops and atomicity ----

TEST_P(StoreDiagnosisTest, MalformedOpsAreInvalid) {
  struct Case {
    const char* what;
    WriteOp op;
  };
  const Case cases[] = {
      {"sample without home", PutTelemetrySample{TelemetrySampleRecord{"", 1, "a=1\n"}}},
      {"rollup without home", PutTelemetryRollup{TelemetryRollupRecord{"", 1, "a=1,1,1,1\n"}}},
      {"finding without home", PutFinding{finding("", "wan-down", "wan", 1)}},
      {"finding without code", PutFinding{finding("h1", "", "wan", 1)}},
      {"diagnosis without home", PutDiagnosis{diagnosis("", 50, "wan-down")}},
      {"optimisation without home", AddOptimisation{entry("", 1)}},
      {"negative optimisation id", AddOptimisation{entry("h1", 1, -1)}},
      {"negative prune bound", PruneDiagnosis{-1, 0, 0, 0}},
  };
  for (const Case& c : cases) {
    Status s = write(WriteBatch().add(c.op));
    ASSERT_FALSE(s.ok()) << c.what;
    EXPECT_EQ(s.error().code, ErrorCode::kInvalidArgument) << c.what << ": " << s.error().message;
  }
}

TEST_P(StoreDiagnosisTest, AFailedBatchUndoesItsDiagnosisOps) {
  seed();
  Status s = write(WriteBatch()
                       .add(PutTelemetrySample{TelemetrySampleRecord{"h1", 1000, "a=changed\n"}})
                       .add(PutTelemetrySample{TelemetrySampleRecord{"h1", 3000, "a=3\n"}})
                       .add(PutTelemetryRollup{TelemetryRollupRecord{"h1", 0, "a=changed\n"}})
                       .add(PutFinding{finding("h1", "wan-down", "wan", 300, 400)})
                       .add(PutFinding{finding("h2", "wan-down", "wan", 300)})
                       .add(PutDiagnosis{diagnosis("h1", 100, "")})
                       .add(PutDiagnosis{diagnosis("h2", 10, "wan-down")})
                       .add(AddOptimisation{entry("h1", 3000)})
                       .add(PruneDiagnosis{9000, 9000000, 9000, 9000})
                       .add(DeleteTask{0}));  // the bad op
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, ErrorCode::kInvalidArgument);
  auto samples = store_->list_telemetry("h1", 0, 0, 10);
  ASSERT_TRUE(samples.ok());
  EXPECT_THAT(*samples, ElementsAre(TelemetrySampleRecord{"h1", 1000, "a=1\n"},
                                    TelemetrySampleRecord{"h1", 2000, "a=2\n"}));
  auto rollups = store_->list_rollups("h1", 0, 0, 10);
  ASSERT_TRUE(rollups.ok());
  EXPECT_THAT(*rollups, ElementsAre(TelemetryRollupRecord{"h1", 0, "a=1,1,1,1\n"},
                                    TelemetryRollupRecord{"h1", 3600000, "a=1,2,2,2\n"}));
  EXPECT_THAT(findings(FindingQuery{}),
              ElementsAre("h1/wan-down/wan@300", "h1/weak-signal/station:2@200",
                          "h1/weak-signal/station:1@100"));
  EXPECT_EQ(store_->find_findings(FindingQuery{})->front().end_ms, 0);
  EXPECT_EQ(*store_->get_diagnosis("h1"), diagnosis("h1", 60, "weak-signal"));
  EXPECT_FALSE(store_->get_diagnosis("h2")->has_value());
  EXPECT_THAT(optimisation_ids(""), ElementsAre(2, 1));
  // The id the failed batch took is free again.
  write_ok(WriteBatch().add(AddOptimisation{entry("h1", 4000)}));
  EXPECT_THAT(optimisation_ids(""), ElementsAre(3, 2, 1));
}

}  // namespace
}  // namespace hearth::store::testing
