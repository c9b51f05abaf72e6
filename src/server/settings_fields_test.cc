// The live settings' field tables: names, JSON to struct and back, validation.
#include "server/settings_fields.h"

#include <gtest/gtest.h>

namespace hearth::server::settings {
namespace {

using nlohmann::json;

TEST(SettingsFields, DiagnosisFieldsAreTheConfigurationFilesRuleNames) {
  std::vector<std::string> names;
  for (const FieldInfo& f : diagnosis_fields()) names.push_back(f.name);
  EXPECT_EQ(names, diag::diag_option_names());
}

TEST(SettingsFields, EveryFieldIsDescribedAndItsDefaultWithinBounds) {
  const json d = diagnosis_json(diag::DiagConfig{});
  const json o = incidents_json(outage::OutageOptions{});
  for (const auto& [fields, values] : {std::pair{diagnosis_fields(), d}, std::pair{incidents_fields(), o}}) {
    for (const FieldInfo& f : fields) {
      SCOPED_TRACE(f.section + "." + f.name);
      EXPECT_FALSE(f.description.empty());
      ASSERT_TRUE(values.contains(f.name));
      const double v = values[f.name].get<double>();
      EXPECT_GE(v, f.min);
      EXPECT_LE(v, f.max);
      EXPECT_EQ(values[f.name].is_number_integer(), f.integer);
    }
    EXPECT_EQ(values.size(), fields.size());
  }
}

TEST(SettingsFields, ValuesRoundTrip) {
  diag::DiagConfig d;
  d.cpu_pct = 77.5;
  d.crash_min_boots = 5;
  d.persist_ms = 120'000;
  diag::DiagConfig back;
  ASSERT_TRUE(apply_diagnosis(diagnosis_json(d), &back).ok());
  EXPECT_EQ(diagnosis_json(back), diagnosis_json(d));

  outage::OutageOptions o;
  o.min_homes = 9;
  o.window_ms = 420'000;
  o.min_share = 0.3;
  outage::OutageOptions back_o;
  ASSERT_TRUE(apply_incidents(incidents_json(o), &back_o).ok());
  EXPECT_EQ(incidents_json(back_o), incidents_json(o));
}

TEST(SettingsFields, IncidentDurationsAreInSecondsAsInTheFile) {
  outage::OutageOptions o;
  EXPECT_EQ(incidents_json(o)["window_seconds"], 300);
  ASSERT_TRUE(apply_incidents(json{{"window_seconds", 600}, {"min_homes", 7}}, &o).ok());
  EXPECT_EQ(o.window_ms, 600'000);
  EXPECT_EQ(o.min_homes, 7u);
}

TEST(SettingsFields, GoodValuesAreSet) {
  struct Case {
    json values;
    std::function<bool(const diag::DiagConfig&)> check;
  };
  const Case cases[] = {
      {{{"cpu_pct", 80}}, [](const diag::DiagConfig& c) { return c.cpu_pct == 80; }},
      {{{"cpu_pct", 80.5}}, [](const diag::DiagConfig& c) { return c.cpu_pct == 80.5; }},
      {{{"weak_signal_5g_dbm", -70}}, [](const diag::DiagConfig& c) { return c.weak_signal_5g_dbm == -70; }},
      {{{"auth_min_failures", 0}}, [](const diag::DiagConfig& c) { return c.auth_min_failures == 0; }},
      {{{"persist_ms", 60'000}, {"clear_ms", 0}},
       [](const diag::DiagConfig& c) { return c.persist_ms == 60'000 && c.clear_ms == 0; }},
      {json::object(), [](const diag::DiagConfig& c) { return c.cpu_pct == diag::DiagConfig{}.cpu_pct; }},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.values.dump());
    diag::DiagConfig d;
    ASSERT_TRUE(apply_diagnosis(c.values, &d).ok());
    EXPECT_TRUE(c.check(d));
  }
}

TEST(SettingsFields, BadValuesNameTheFieldAndChangeNothing) {
  struct Case {
    const char* section;
    json values;
    const char* message;  // the start of the error message
  };
  const Case cases[] = {
      {kDiagnosis, {{"cpu_pct", 101}}, "diagnosis.cpu_pct: must be a number from 0 to 100"},
      {kDiagnosis, {{"cpu_pct", -1}}, "diagnosis.cpu_pct:"},
      {kDiagnosis, {{"cpu_pct", "90"}}, "diagnosis.cpu_pct: must be a number"},
      {kDiagnosis, {{"cpu_pct", true}}, "diagnosis.cpu_pct:"},
      {kDiagnosis, {{"crash_min_boots", 2.5}}, "diagnosis.crash_min_boots: must be a whole number"},
      {kDiagnosis, {{"persist_ms", -5}}, "diagnosis.persist_ms:"},
      {kDiagnosis, {{"weak_signal_2g_dbm", 3}}, "diagnosis.weak_signal_2g_dbm:"},
      {kDiagnosis, {{"weak_min_share", 1.5}}, "diagnosis.weak_min_share:"},
      {kDiagnosis, {{"cpu_pct", 50}, {"no_such_threshold", 1}}, "diagnosis.no_such_threshold: unknown setting"},
      {kDiagnosis, json::array(), "diagnosis: must be an object"},
      {kIncidents, {{"min_homes", 0}}, "incidents.min_homes:"},
      {kIncidents, {{"min_share", 1.2}}, "incidents.min_share:"},
      {kIncidents, {{"window_seconds", 0}}, "incidents.window_seconds:"},
      {kIncidents, {{"window_ms", 60000}}, "incidents.window_ms: unknown setting"},
      {kIncidents, {{"tick_seconds", 5}}, "incidents.tick_seconds: unknown setting"},
      {kIncidents, {{"degraded_window_seconds", 600}, {"degraded_confirm_after_seconds", 600}},
       "incidents.degraded_confirm_after_seconds: must be less than degraded_window_seconds"},
      {kIncidents, {{"degraded_window_seconds", 300}}, "incidents.degraded_confirm_after_seconds:"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(std::string(c.section) + " " + c.values.dump());
    diag::DiagConfig d;
    outage::OutageOptions o;
    const Status s = std::string(c.section) == kDiagnosis ? apply_diagnosis(c.values, &d) : apply_incidents(c.values, &o);
    ASSERT_FALSE(s.ok());
    EXPECT_EQ(s.error().code, ErrorCode::kInvalidArgument);
    EXPECT_EQ(s.error().message.rfind(c.message, 0), 0u) << s.error().message;
    EXPECT_EQ(diagnosis_json(d), diagnosis_json(diag::DiagConfig{}));
    EXPECT_EQ(incidents_json(o), incidents_json(outage::OutageOptions{}));
  }
}

TEST(SettingsFields, FieldsListCurrentValueDefaultAndOverride) {
  diag::DiagConfig now;
  now.cpu_pct = 80;
  outage::OutageOptions out;
  const json overrides = {{kDiagnosis, {{"cpu_pct", 80}}}, {kIncidents, json::object()}};
  const json fields = fields_json(now, diag::DiagConfig{}, out, out, overrides);
  EXPECT_EQ(fields.size(), diagnosis_fields().size() + incidents_fields().size());
  bool seen = false;
  for (const json& f : fields) {
    if (f["name"] == "cpu_pct") {
      seen = true;
      EXPECT_EQ(f["section"], "diagnosis");
      EXPECT_EQ(f["value"], 80.0);
      EXPECT_EQ(f["default"], 90.0);
      EXPECT_EQ(f["min"], 0.0);
      EXPECT_EQ(f["max"], 100.0);
      EXPECT_EQ(f["unit"], "%");
      EXPECT_TRUE(f["overridden"].get<bool>());
    } else {
      EXPECT_FALSE(f["overridden"].get<bool>()) << f["name"];
    }
    if (f["name"] == "min_homes") {
      EXPECT_FALSE(f.contains("unit"));
    }
    if (f["name"] == "window_seconds") {
      EXPECT_EQ(f["unit"], "s");
    }
  }
  EXPECT_TRUE(seen);
}

}  // namespace
}  // namespace hearth::server::settings
