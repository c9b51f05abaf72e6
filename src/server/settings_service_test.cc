// The live settings service over a memory store and the real diagnosis and incident services:
// overrides are stored, survive a restart over a changed configuration file, and reach the
// services' getters.
#include "server/settings_service.h"

#include <gtest/gtest.h>

#include "core/clock.h"
#include "incidents/service.h"
#include "insight/insight.h"

namespace hearth::server {
namespace {

using nlohmann::json;

class SettingsServiceTest : public ::testing::Test {
 protected:
  SettingsServiceTest()
      : store_(std::move(store::open_store("memory:")).value()),
        insight_(insight::InsightOptions{}, *store_, clock_),
        incidents_(incidents::IncidentServiceOptions{}, *store_, clock_) {}

  ~SettingsServiceTest() override { store_->flush(); }

  // A service as hearthd makes it: the file's values as defaults, the two services as targets.
  std::unique_ptr<SettingsService> service(diag::DiagConfig file_rules = {},
                                           outage::OutageOptions file_detection = {}) {
    auto s = std::make_unique<SettingsService>(
        *store_, file_rules, file_detection,
        SettingsService::Targets{[this](const diag::DiagConfig& c) { insight_.set_rules(c); },
                                 [this](const outage::OutageOptions& o) { incidents_.set_detection(o); }});
    EXPECT_TRUE(s->load().ok());
    return s;
  }

  std::string meta(const char* key) {
    auto v = store_->get_meta(key);
    return v && v->has_value() ? **v : "(none)";
  }

  FakeClock clock_;
  std::unique_ptr<store::Store> store_;
  insight::Insight insight_;
  incidents::IncidentService incidents_;
};

TEST_F(SettingsServiceTest, NothingStoredMeansTheFilesValues) {
  diag::DiagConfig file;
  file.cpu_pct = 85;
  auto s = service(file);
  insight_.drain();
  EXPECT_EQ(insight_.rules().cpu_pct, 85);
  const json got = s->get();
  EXPECT_EQ(got["diagnosis"]["cpu_pct"], 85.0);
  EXPECT_EQ(got["incidents"]["min_homes"], 5);
  EXPECT_EQ(meta(kDiagnosisSettingsKey), "(none)");
}

TEST_F(SettingsServiceTest, UpdateIsStoredAndAppliedLive) {
  auto s = service();
  Result<json> now = s->update({{"diagnosis", {{"cpu_pct", 80}}}, {"incidents", {{"min_homes", 7}, {"window_seconds", 600}}}});
  ASSERT_TRUE(now.ok()) << now.error().message;
  EXPECT_EQ((*now)["diagnosis"]["cpu_pct"], 80.0);
  EXPECT_EQ((*now)["incidents"]["window_seconds"], 600);

  insight_.drain();  // the change is posted to the diagnosis' worker
  EXPECT_EQ(insight_.rules().cpu_pct, 80);
  EXPECT_EQ(incidents_.detection().min_homes, 7u);
  EXPECT_EQ(incidents_.detection().window_ms, 600'000);
  EXPECT_EQ(json::parse(meta(kDiagnosisSettingsKey)), json({{"cpu_pct", 80}}));
  EXPECT_EQ(json::parse(meta(kIncidentsSettingsKey)), json({{"min_homes", 7}, {"window_seconds", 600}}));

  // A second, partial update keeps the first.
  ASSERT_TRUE(s->update({{"diagnosis", {{"retry_pct", 25}}}}).ok());
  EXPECT_EQ(json::parse(meta(kDiagnosisSettingsKey)), json({{"cpu_pct", 80}, {"retry_pct", 25}}));
  EXPECT_EQ(s->diagnosis().cpu_pct, 80);
  EXPECT_EQ(s->diagnosis().retry_pct, 25);
}

TEST_F(SettingsServiceTest, StoredSettingsOverrideTheFileAfterARestart) {
  ASSERT_TRUE(service()->update({{"diagnosis", {{"cpu_pct", 80}}}, {"incidents", {{"min_share", 0.3}}}}).ok());

  diag::DiagConfig file;
  file.cpu_pct = 95;     // overridden
  file.retry_pct = 30;   // not overridden: the file's value holds
  outage::OutageOptions file_detection;
  file_detection.min_share = 0.1;
  auto again = service(file, file_detection);
  insight_.drain();
  EXPECT_EQ(insight_.rules().cpu_pct, 80);
  EXPECT_EQ(insight_.rules().retry_pct, 30);
  EXPECT_EQ(incidents_.detection().min_share, 0.3);
  for (const json& f : again->get()["fields"]) {
    if (f["name"] == "cpu_pct") {
      EXPECT_EQ(f["value"], 80.0);
      EXPECT_EQ(f["default"], 95.0);
      EXPECT_TRUE(f["overridden"].get<bool>());
    }
  }
}

TEST_F(SettingsServiceTest, NullDropsTheOverride) {
  diag::DiagConfig file;
  file.cpu_pct = 85;
  auto s = service(file);
  ASSERT_TRUE(s->update({{"diagnosis", {{"cpu_pct", 80}}}}).ok());
  Result<json> now = s->update({{"diagnosis", {{"cpu_pct", nullptr}}}});
  ASSERT_TRUE(now.ok());
  EXPECT_EQ((*now)["diagnosis"]["cpu_pct"], 85.0);
  EXPECT_EQ(meta(kDiagnosisSettingsKey), "{}");
  insight_.drain();
  EXPECT_EQ(insight_.rules().cpu_pct, 85);
}

TEST_F(SettingsServiceTest, ABadUpdateChangesNothing) {
  auto s = service();
  ASSERT_TRUE(s->update({{"diagnosis", {{"cpu_pct", 80}}}}).ok());
  const json before = s->get();
  const json bad[] = {
      {{"diagnosis", {{"cpu_pct", 70}}}, {"incidents", {{"min_homes", 0}}}},
      {{"diagnosis", {{"cpu_pct", 170}}}},
      {{"webhooks", json::object()}},
      {{"diagnosis", 3}},
      json::array(),
  };
  for (const json& b : bad) {
    SCOPED_TRACE(b.dump());
    Result<json> r = s->update(b);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument);
  }
  EXPECT_EQ(s->update({{"incidents", {{"min_homes", 0}}}}).error().message.rfind("incidents.min_homes:", 0), 0u);
  EXPECT_EQ(s->get(), before);
  EXPECT_EQ(json::parse(meta(kDiagnosisSettingsKey)), json({{"cpu_pct", 80}}));
  EXPECT_EQ(meta(kIncidentsSettingsKey), "(none)");
  insight_.drain();
  EXPECT_EQ(insight_.rules().cpu_pct, 80);
  EXPECT_EQ(incidents_.detection().min_homes, 5u);
}

TEST_F(SettingsServiceTest, AStaleStoredFieldIsDroppedNotFatal) {
  ASSERT_TRUE(store_->write_sync(store::WriteBatch().add(store::PutMeta{
                                     kDiagnosisSettingsKey, R"({"retired_threshold":1,"cpu_pct":70,"retry_pct":900})"}))
                  .ok());
  ASSERT_TRUE(store_->write_sync(store::WriteBatch().add(store::PutMeta{kIncidentsSettingsKey, "not json"})).ok());
  auto s = service();
  EXPECT_EQ(s->diagnosis().cpu_pct, 70);
  EXPECT_EQ(s->diagnosis().retry_pct, diag::DiagConfig{}.retry_pct);
  EXPECT_EQ(s->incidents().min_homes, 5u);
}

}  // namespace
}  // namespace hearth::server
