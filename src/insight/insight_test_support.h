// Test support of the diagnosis service's tests: a recording DeviceControl, gateways of ten homes
// in one access node over a real MemoryStore, and a fake clock.
#pragma once

#include <gtest/gtest.h>

#include "insight/insight.h"
#include "store/memory/memory_store.h"

namespace hearth::insight::testing {

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

inline store::DeviceRecord gateway(int n) {
  store::DeviceRecord d;
  d.id = "00AA00-GW-SN" + std::to_string(n);
  d.serial_number = "SN" + std::to_string(n);
  d.product_class = "GW";
  d.root = "Device.";
  d.software_version = "1.0";
  d.inform_interval_s = 300;
  return d;
}

// Homes home-0 .. home-<count - 1> (accounts 100, 101, ...), each with gateway(i), behind one
// access node `an1` in region `r1`; `plan_down_kbps` 0: no plan.
inline void seed_homes(store::Store& store, int count, int64_t plan_down_kbps) {
  store::WriteBatch b;
  b.add(store::PutRegion{{"r1", "Region", 0, 0}});
  b.add(store::PutAccessNode{{"an1", "OLT 1/1", "olt-port", "r1", 0, 0}});
  for (int i = 0; i < count; ++i) {
    store::SubscriberRecord s;
    s.account = "10" + std::to_string(i);
    b.add(store::PutSubscriber{s});
    store::HomeRecord h;
    h.id = "home-" + std::to_string(i);
    h.account = s.account;
    h.access_node_id = "an1";
    h.devices.push_back({"gateway", gateway(i).id, gateway(i).serial_number, "00AA00", "GW", ""});
    h.plan_down_kbps = plan_down_kbps;
    b.add(store::PutHome{h});
    b.add(store::UpsertDevice{gateway(i)});
  }
  EXPECT_TRUE(store.write_sync(std::move(b)));
}

inline std::vector<cwmp::EventStruct> events(std::initializer_list<const char*> codes) {
  std::vector<cwmp::EventStruct> out;
  for (const char* c : codes) out.push_back({c, ""});
  return out;
}

inline std::vector<cwmp::ParameterValue> healthy_values() {
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
    seed_homes(store, 10, 100000);
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

}  // namespace hearth::insight::testing
