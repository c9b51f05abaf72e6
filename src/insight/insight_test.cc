// The diagnosis service over a real MemoryStore with a fake clock and a recording DeviceControl:
// when telemetry is read, WAN tests queued, offline homes and regional outages explained, line
// events used, time series and diagnoses stored, live checks answered, old data pruned; the
// optimiser's memory and pinned radios kept across a restart.
#include "insight/insight.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "diag/diagnosis_json.h"
#include "store/memory/memory_store.h"

namespace hearth::insight {
namespace {

class RecordingControl final : public acs::DeviceControl {
 public:
  std::vector<store::TaskRecord> tasks;
  std::vector<std::string> connection_requests;
  void submit_task(store::TaskRecord task, std::function<void(Result<store::TaskRecord>)> done) override {
    tasks.push_back(task);
    done(task);
  }
  void connection_request(const std::string& id, std::function<void(acs::ConnectionRequestOutcome)> done) override {
    connection_requests.push_back(id);
    done(acs::ConnectionRequestOutcome::kOk);
  }
  void probe(const std::string&, std::function<void(bool)> done) override { done(false); }
  void wait_task(int64_t, std::chrono::milliseconds, std::function<void(Result<store::TaskRecord>)>) override {}
  void cancel_task(int64_t, std::function<void(Result<store::TaskRecord>)>) override {}
  void retry_task(int64_t, std::function<void(Result<store::TaskRecord>)>) override {}
  void profiles_changed() override {}
};

store::DeviceRecord gateway(int n) {
  store::DeviceRecord d;
  d.id = "00AA00-GW-SN" + std::to_string(n);
  d.serial_number = "SN" + std::to_string(n);
  d.product_class = "GW";
  d.root = "Device.";
  d.software_version = "1.0";
  d.inform_interval_s = 300;
  return d;
}

std::vector<cwmp::EventStruct> events(std::initializer_list<const char*> codes) {
  std::vector<cwmp::EventStruct> out;
  for (const char* c : codes) out.push_back({c, ""});
  return out;
}

std::vector<cwmp::ParameterValue> healthy_values() {
  using cwmp::ValueType;
  return {{"Device.DeviceInfo.UpTime", "86400", ValueType::kUnsignedInt},
          {"Device.DeviceInfo.SoftwareVersion", "1.0", ValueType::kString},
          {"Device.DeviceInfo.MemoryStatus.Total", "262144", ValueType::kUnsignedInt},
          {"Device.DeviceInfo.MemoryStatus.Free", "131072", ValueType::kUnsignedInt},
          {"Device.DeviceInfo.ProcessStatus.CPUUsage", "8", ValueType::kUnsignedInt},
          {"Device.IP.Interface.1.Status", "Up", ValueType::kString},
          {"Device.IP.Interface.1.Stats.BytesReceived", "1000", ValueType::kUnsignedLong}};
}

class InsightTest : public ::testing::Test {
 protected:
  InsightTest() : insight(options(), store, clock) {
    insight.set_control(&control);
    store::WriteBatch b;
    b.add(store::PutRegion{{"r1", "Region", 0, 0}});
    b.add(store::PutAccessNode{{"an1", "OLT 1/1", "olt-port", "r1", 0, 0}});
    for (int i = 0; i < 10; ++i) {
      store::SubscriberRecord s;
      s.account = "10" + std::to_string(i);
      b.add(store::PutSubscriber{s});
      store::HomeRecord h;
      h.id = "home-" + std::to_string(i);
      h.account = s.account;
      h.access_node_id = "an1";
      h.devices.push_back({"gateway", gateway(i).id, gateway(i).serial_number, "00AA00", "GW", ""});
      h.plan_down_kbps = 100000;
      b.add(store::PutHome{h});
      b.add(store::UpsertDevice{gateway(i)});
    }
    EXPECT_TRUE(store.write_sync(std::move(b)));
  }
  static InsightOptions options() {
    InsightOptions o;
    o.ping_interval_ms = 3'600'000;
    return o;
  }
  int64_t now() const { return to_unix_ms(clock.now()); }
  // A periodic session: inform, and the telemetry if the service asked for it.
  bool session(int n, std::initializer_list<const char*> codes = {"2 PERIODIC"}) {
    auto paths = insight.on_inform(gateway(n), events(codes), {}, now()).paths;
    if (!paths.empty()) insight.on_telemetry(gateway(n), healthy_values(), now());
    insight.drain();
    return !paths.empty();
  }
  void tick() {
    insight.tick();
    insight.drain();
  }
  std::string primary(const std::string& home) {
    auto d = insight.home_diagnosis(home);
    EXPECT_TRUE(d) << home;
    return d && d->primary ? d->primary->code : "";
  }

  store::memory::MemoryStore store;
  FakeClock clock;
  RecordingControl control;
  Insight insight;
};

TEST_F(InsightTest, TelemetryIsReadAtMostOncePerIntervalAndAfterBootOrResults) {
  EXPECT_TRUE(session(0));
  clock.advance(std::chrono::minutes(1));
  EXPECT_FALSE(session(0));
  EXPECT_TRUE(session(0, {"8 DIAGNOSTICS COMPLETE"}));
  clock.advance(std::chrono::minutes(1));
  EXPECT_TRUE(session(0, {"1 BOOT"}));
  clock.advance(std::chrono::minutes(5));
  EXPECT_TRUE(session(0));
}

TEST_F(InsightTest, QuietHomesAreReadHourlyAndHomesWhoseFindingsChangeAtTheInterval) {
  auto read = [&](int n, std::vector<cwmp::ParameterValue> values, std::initializer_list<const char*> codes) {
    auto paths = insight.on_inform(gateway(n), events(codes), {}, now()).paths;
    if (!paths.empty()) insight.on_telemetry(gateway(n), std::move(values), now());
    insight.drain();
    return !paths.empty();
  };
  auto wan_down = healthy_values();
  for (auto& v : wan_down) {
    if (v.name == "Device.IP.Interface.1.Status") v.value = "Down";
  }
  // Two reads give the rates; then a quiet home waits the quiet interval (an hour).
  EXPECT_TRUE(read(4, healthy_values(), {"2 PERIODIC"}));
  EXPECT_TRUE(read(5, wan_down, {"2 PERIODIC"}));
  for (int k = 1; k <= 11; ++k) {
    clock.advance(std::chrono::minutes(5));
    EXPECT_EQ(read(4, healthy_values(), {"2 PERIODIC"}), k == 1) << k;
    EXPECT_TRUE(read(5, wan_down, {"2 PERIODIC"})) << k;  // a finding open or on its way: watched
  }
  clock.advance(std::chrono::minutes(5));
  EXPECT_FALSE(read(4, healthy_values(), {"2 PERIODIC"}));  // 55 minutes after its last read
  clock.advance(std::chrono::minutes(5));
  EXPECT_TRUE(read(4, healthy_values(), {"2 PERIODIC"}));  // an hour after it
  // A finding that stays open an hour no longer keeps the home watched: hourly reads again.
  int reads = 0;
  for (int k = 0; k < 12; ++k) {
    clock.advance(std::chrono::minutes(5));
    reads += read(5, wan_down, {"2 PERIODIC"}) ? 1 : 0;
  }
  EXPECT_LE(reads, 2);
  EXPECT_GE(reads, 1);
  // A boot: read at once, and at the interval for the hour after.
  clock.advance(std::chrono::minutes(1));
  EXPECT_TRUE(read(4, healthy_values(), {"1 BOOT"}));
  clock.advance(std::chrono::minutes(5));
  EXPECT_TRUE(read(4, healthy_values(), {"2 PERIODIC"}));
}

// A TR-098 gateway's answer: the full read has the Wi-Fi row's settings and secrets, the
// narrowed one only the leaves the snapshot uses.
std::vector<cwmp::ParameterValue> tr098_values(bool full) {
  using cwmp::ValueType;
  const std::string t = "InternetGatewayDevice.LANDevice.1.WLANConfiguration.";
  std::vector<cwmp::ParameterValue> v = {{"InternetGatewayDevice.DeviceInfo.UpTime", "86400", ValueType::kUnsignedInt},
                                         {t + "1.Channel", "6", ValueType::kUnsignedInt},
                                         {t + "1.RadioEnabled", "true", ValueType::kBoolean},
                                         {t + "1.TotalAssociations", "0", ValueType::kUnsignedInt}};
  if (full) {
    v.push_back({t + "1.SSID", "home", ValueType::kString});
    v.push_back({t + "1.KeyPassphrase", "secret", ValueType::kString});
  }
  return v;
}

TEST_F(InsightTest, NarrowedReadsBetweenFullReadsUntilTheyFaultTwice) {
  InsightOptions o = options();
  o.telemetry_full_every = 3;
  Insight to(o, store, clock);
  to.set_control(&control);
  store::DeviceRecord dev = gateway(2);
  dev.root = "InternetGatewayDevice.";
  const std::string table = "InternetGatewayDevice.LANDevice.1.WLANConfiguration.";
  auto has = [](const std::vector<std::string>& paths, const std::string& p) {
    return std::find(paths.begin(), paths.end(), p) != paths.end();
  };
  // One session; the device answers the full read when asked for it or when it faulted the
  // narrowed one (`faults`).
  auto read = [&](bool faults) {
    clock.advance(std::chrono::minutes(5));
    acs::TelemetryRead r = to.on_inform(dev, events({"2 PERIODIC"}), {}, now());
    if (!r.paths.empty()) to.on_telemetry(dev, tr098_values(r.fallback.empty() || faults), now());
    to.drain();
    return r;
  };
  auto full = read(false);
  EXPECT_TRUE(full.fallback.empty());
  EXPECT_TRUE(has(full.paths, table));
  auto narrowed = read(false);
  EXPECT_TRUE(has(narrowed.fallback, table));
  EXPECT_FALSE(has(narrowed.paths, table));
  EXPECT_TRUE(has(narrowed.paths, table + "1.Channel"));
  EXPECT_TRUE(has(narrowed.paths, table + "1.AssociatedDevice."));
  EXPECT_TRUE(has(narrowed.paths, "InternetGatewayDevice.DeviceInfo.UpTime"));
  EXPECT_FALSE(read(false).fallback.empty());  // 2 of 3 narrowed
  EXPECT_TRUE(read(false).fallback.empty());   // then the full one again
  // Two narrowed reads the device faulted (the full read answered): full reads only.
  EXPECT_FALSE(read(true).fallback.empty());
  EXPECT_FALSE(read(true).fallback.empty());
  for (int i = 0; i < 4; ++i) EXPECT_TRUE(read(false).fallback.empty()) << i;
  // New firmware: narrowed reads again after its first full read.
  dev.software_version = "2.0";
  EXPECT_TRUE(read(false).fallback.empty());
  EXPECT_FALSE(read(false).fallback.empty());
  // A TR-181 gateway's reads are not narrowed.
  for (int i = 0; i < 3; ++i) {
    clock.advance(std::chrono::minutes(5));
    acs::TelemetryRead r = to.on_inform(gateway(3), events({"2 PERIODIC"}), {}, now());
    EXPECT_TRUE(r.fallback.empty());
    to.on_telemetry(gateway(3), healthy_values(), now());
    to.drain();
  }
}

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
