// The diagnosis service's closed loop: the per-home switch and its log, the optimiser's memory and
// pinned radios kept across a restart, and its state's JSON.
#include <gtest/gtest.h>

#include <cmath>

#include <nlohmann/json.hpp>

#include "diag/diagnosis_json.h"
#include "insight/insight_test_support.h"

namespace hearth::insight {
namespace {

using namespace hearth::insight::testing;

TEST_F(InsightTest, OptimisationSwitchIsKeptAndLogged) {
  session(6);
  ASSERT_TRUE(insight.set_optimisation_enabled("home-6", false));
  auto on = insight.optimisation_enabled("home-6");
  ASSERT_TRUE(on);
  EXPECT_FALSE(*on);
  auto log = insight.optimisation_log("home-6", 10);
  ASSERT_TRUE(log);
  ASSERT_FALSE(log->empty());
  EXPECT_EQ(log->front().entry.action, "disabled");
  // A new service over the same store remembers it.
  Insight again(options(), store, clock);
  auto still = again.optimisation_enabled("home-6");
  ASSERT_TRUE(still);
  EXPECT_FALSE(*still);
}

// A TR-181 gateway whose 2.4 GHz radio is on `channel` with `utilisation_pct` of airtime busy.
std::vector<cwmp::ParameterValue> wifi_values(int channel, int utilisation_pct) {
  using cwmp::ValueType;
  auto v = healthy_values();
  const std::string r = "Device.WiFi.Radio.1.";
  v.push_back({r + "Enable", "true", ValueType::kBoolean});
  v.push_back({r + "Status", "Up", ValueType::kString});
  v.push_back({r + "OperatingFrequencyBand", "2.4GHz", ValueType::kString});
  v.push_back({r + "Channel", std::to_string(channel), ValueType::kUnsignedInt});
  v.push_back({r + "OperatingChannelBandwidth", "20MHz", ValueType::kString});
  v.push_back({r + "PossibleChannels", "1,2,3,4,5,6,7,8,9,10,11,12,13", ValueType::kString});
  v.push_back({r + "Stats.X_ACME_ChannelUtilization", std::to_string(utilisation_pct),
               ValueType::kUnsignedInt});
  return v;
}

// The finished NeighboringWiFiDiagnostic in the stored tree: channel 6 crowded, 1 and 11 free.
store::WriteBatch crowded_scan(const std::string& device_id, int64_t now_ms) {
  using cwmp::ValueType;
  const std::string d = "Device.WiFi.NeighboringWiFiDiagnostic.";
  std::vector<cwmp::ParameterValue> v{{d + "DiagnosticsState", "Complete", ValueType::kString}};
  const std::pair<int, int> bss[] = {{6, -55}, {6, -58}, {7, -60}};
  for (size_t i = 0; i < std::size(bss); ++i) {
    const std::string row = d + "Result." + std::to_string(i + 1) + ".";
    v.push_back({row + "OperatingFrequencyBand", "2.4GHz", ValueType::kString});
    v.push_back({row + "Channel", std::to_string(bss[i].first), ValueType::kUnsignedInt});
    v.push_back({row + "SignalStrength", std::to_string(bss[i].second), ValueType::kInt});
    v.push_back({row + "BSSID", "0a:00:00:00:00:0" + std::to_string(i + 1), ValueType::kString});
  }
  store::WriteBatch b;
  b.add(store::PutParameterValues{device_id, std::move(v), now_ms});
  return b;
}

// Channel tasks (SetParameterValues of a Radio's Channel) a control was given.
std::vector<std::string> channel_tasks(const RecordingControl& control) {
  std::vector<std::string> out;
  for (const auto& t : control.tasks) {
    if (t.args_json.find("Radio.1.Channel") != std::string::npos) out.push_back(t.args_json);
  }
  return out;
}

size_t scan_tasks(const RecordingControl& control) {
  size_t n = 0;
  for (const auto& t : control.tasks) n += t.args_json.find("NeighboringWiFiDiagnostic") != std::string::npos;
  return n;
}

bool logged(Insight& insight, const std::string& home, const std::string& action,
            diag::OptimisationLogEntry* found = nullptr) {
  auto log = insight.optimisation_log(home, 100);
  EXPECT_TRUE(log);
  for (const auto& e : log ? *log : std::vector<OptimisationEntry>{}) {
    if (e.entry.action != action) continue;
    if (found != nullptr) *found = e.entry;
    return true;
  }
  return false;
}

class InsightOptimiserTest : public InsightTest {
 protected:
  // The quiet window (02-05 local, UTC+1) starts at 01:00 UTC; the clock starts at 00:00 UTC.
  InsightOptimiserTest() { clock.advance(std::chrono::minutes(90)); }
  void wifi_session(Insight& to, int n, int channel, int utilisation_pct) {
    auto paths = to.on_inform(gateway(n), events({"2 PERIODIC"}), {}, now()).paths;
    ASSERT_FALSE(paths.empty());
    to.on_telemetry(gateway(n), wifi_values(channel, utilisation_pct), now());
    to.drain();
    store.flush();
  }
  // First session asks for a scan, the scan arrives, the next session moves channel 6.
  void change_channel(int n, diag::OptimisationLogEntry* set) {
    wifi_session(insight, n, 6, 30);
    ASSERT_TRUE(store.write_sync(crowded_scan(gateway(n).id, now())));
    clock.advance(std::chrono::minutes(5));
    wifi_session(insight, n, 6, 30);
    ASSERT_TRUE(logged(insight, "home-" + std::to_string(n), "set-channel", set));
    ASSERT_EQ(channel_tasks(control).size(), 1u);
  }
};

TEST_F(InsightOptimiserTest, ANewServiceStillJudgesAndRollsBackTheChange) {
  diag::OptimisationLogEntry set;
  change_channel(8, &set);
  EXPECT_EQ(set.from_channel, 6);
  auto stored = store.get_meta("optimiser-state:home-8");
  ASSERT_TRUE(stored);
  ASSERT_TRUE(stored->has_value());
  // Restart: a new service over the same store; an hour later the new channel is busier.
  Insight again(options(), store, clock);
  RecordingControl control2;
  again.set_control(&control2);
  clock.advance(std::chrono::minutes(65));
  wifi_session(again, 8, set.to_channel, 60);
  EXPECT_TRUE(logged(again, "home-8", "judged-worse"));
  diag::OptimisationLogEntry rollback;
  ASSERT_TRUE(logged(again, "home-8", "rollback", &rollback));
  EXPECT_EQ(rollback.to_channel, 6);
  ASSERT_EQ(channel_tasks(control2).size(), 1u);
  EXPECT_NE(channel_tasks(control2)[0].find("\"6\""), std::string::npos);
}

TEST_F(InsightOptimiserTest, ANewServiceKeepsTheMinimumInterval) {
  diag::OptimisationLogEntry set;
  change_channel(9, &set);
  Insight again(options(), store, clock);
  RecordingControl control2;
  again.set_control(&control2);
  // Judged better (less busy). The next night, less than a day after the change, the radio is
  // not free to move: not even a scan is asked for (a service that forgot the change would ask).
  clock.advance(std::chrono::minutes(65));
  wifi_session(again, 9, set.to_channel, 10);
  EXPECT_TRUE(logged(again, "home-9", "judged-better"));
  clock.advance(std::chrono::minutes(22 * 60 + 30));  // 01:10 UTC the next day: quiet, 23 h 35 min
                                                      // after the change (01:35 UTC)
  wifi_session(again, 9, set.to_channel, 10);
  EXPECT_EQ(scan_tasks(control2), 0u);
  EXPECT_TRUE(channel_tasks(control2).empty());
  clock.advance(std::chrono::hours(24));  // a day later it is free again
  wifi_session(again, 9, set.to_channel, 10);
  EXPECT_EQ(scan_tasks(control2), 1u);
}

TEST_F(InsightOptimiserTest, BadStoredStateIsIgnored) {
  ASSERT_TRUE(store.write_sync(store::WriteBatch().add(store::PutMeta{"optimiser-state:home-7", "{nope"})));
  wifi_session(insight, 7, 6, 30);
  EXPECT_TRUE(insight.home_diagnosis("home-7"));
}

TEST_F(InsightOptimiserTest, APinnedRadioIsNeverMoved) {
  wifi_session(insight, 6, 6, 30);
  auto snap = insight.home_snapshot("home-6");
  ASSERT_TRUE(snap);
  ASSERT_TRUE(snap->has_value());
  ASSERT_EQ((*snap)->radios.size(), 1u);
  const std::string radio = (*snap)->radios[0].id;
  ASSERT_TRUE(insight.set_pinned_radios("home-6", {radio}));
  ASSERT_TRUE(store.write_sync(crowded_scan(gateway(6).id, now())));
  clock.advance(std::chrono::minutes(5));
  wifi_session(insight, 6, 6, 30);
  diag::OptimisationLogEntry skipped;
  ASSERT_TRUE(logged(insight, "home-6", "skipped-pinned", &skipped));
  EXPECT_EQ(skipped.radio_id, radio);
  EXPECT_FALSE(logged(insight, "home-6", "set-channel"));
  EXPECT_TRUE(channel_tasks(control).empty());
  // The pins outlive a restart; unpinned, the radio moves.
  Insight again(options(), store, clock);
  RecordingControl control2;
  again.set_control(&control2);
  auto pins = again.pinned_radios("home-6");
  ASSERT_TRUE(pins);
  EXPECT_EQ(*pins, std::vector<std::string>{radio});
  clock.advance(std::chrono::minutes(5));
  wifi_session(again, 6, 6, 30);
  EXPECT_TRUE(channel_tasks(control2).empty());
  ASSERT_TRUE(again.set_pinned_radios("home-6", {}));
  clock.advance(std::chrono::minutes(5));
  wifi_session(again, 6, 6, 30);
  EXPECT_EQ(channel_tasks(control2).size(), 1u);
  EXPECT_FALSE(again.set_pinned_radios("home-nope", {radio}));
}

TEST(OptimiserStateJsonTest, RoundTrip) {
  diag::OptimiserState st;
  st.enabled = false;
  st.last_scan_ms = 1'767'225'600'123;
  st.scan_requested_ms = 1'767'225'000'000;
  st.band_steering_set = true;
  diag::OptimiserRadioState r;
  r.radio_id = "gw/2.4GHz";
  r.channel_set = 11;
  r.previous_channel = 6;
  r.changed_ms = 1'767'225'600'000;
  r.utilisation_before_pct = 42.5;
  r.judged = false;
  r.neighbours_before = 3;
  r.rejected_channel = 1;
  r.skipped_channel = 13;
  st.radios.push_back(r);
  st.radios.push_back(diag::OptimiserRadioState{});  // defaults: -1s, unknowns, judged
  st.radios.back().radio_id = "gw/5GHz";
  const nlohmann::json j = diag::optimiser_state_to_json(st);
  auto back = diag::optimiser_state_from_json(nlohmann::json::parse(j.dump()));
  ASSERT_TRUE(back) << back.error().message;
  EXPECT_EQ(diag::optimiser_state_to_json(*back), j);
  EXPECT_FALSE(back->enabled);
  EXPECT_EQ(back->last_scan_ms, st.last_scan_ms);
  EXPECT_EQ(back->scan_requested_ms, st.scan_requested_ms);
  EXPECT_TRUE(back->band_steering_set);
  ASSERT_EQ(back->radios.size(), 2u);
  const auto& a = back->radios[0];
  EXPECT_EQ(a.radio_id, "gw/2.4GHz");
  EXPECT_EQ(a.channel_set, 11);
  EXPECT_EQ(a.previous_channel, 6);
  EXPECT_EQ(a.changed_ms, r.changed_ms);
  EXPECT_DOUBLE_EQ(a.utilisation_before_pct, 42.5);
  EXPECT_FALSE(a.judged);
  EXPECT_EQ(a.neighbours_before, 3);
  EXPECT_EQ(a.rejected_channel, 1);
  EXPECT_EQ(a.skipped_channel, 13);
  const auto& b = back->radios[1];
  EXPECT_EQ(b.channel_set, -1);
  EXPECT_EQ(b.previous_channel, -1);
  EXPECT_EQ(b.changed_ms, 0);
  EXPECT_TRUE(std::isnan(b.utilisation_before_pct));
  EXPECT_TRUE(b.judged);
  EXPECT_EQ(b.neighbours_before, -1);
  // Wrong shapes are errors, not defaults.
  EXPECT_FALSE(diag::optimiser_state_from_json(nlohmann::json::array()));
  EXPECT_FALSE(diag::optimiser_state_from_json({{"radios", {{{"radioId", ""}}}}}));
  EXPECT_FALSE(diag::optimiser_state_from_json({{"radios", {{{"radioId", "x"}, {"channelSet", "6"}}}}}));
  EXPECT_FALSE(diag::optimiser_state_from_json({{"lastScan", 5}}));
}

}  // namespace
}  // namespace hearth::insight
