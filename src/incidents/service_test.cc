// The incident service over the in-memory store, a FakeClock and a control whose probes answer
// as the test says: an access node goes dark, is confirmed, stored, announced and resolved; the
// operator's desk; the status of a home; the diagnosis' view of confirmed homes; WAN quality from
// the diagnosis making a "degraded" incident.
#include "incidents/service.h"

#include <gtest/gtest.h>

#include <map>
#include <set>

#include "store/store.h"

namespace hearth::incidents {
namespace {

using namespace std::chrono_literals;

class ScriptedControl final : public acs::DeviceControl {
 public:
  std::set<std::string> dark;  // devices that do not answer
  std::vector<std::string> probed;
  std::vector<std::string> woken;

  void submit_task(store::TaskRecord, std::function<void(Result<store::TaskRecord>)> done) override {
    done(make_error(ErrorCode::kUnavailable, "not in this test"));
  }
  void connection_request(const std::string& device_id,
                          std::function<void(acs::ConnectionRequestOutcome)> done) override {
    woken.push_back(device_id);
    done(dark.count(device_id) ? acs::ConnectionRequestOutcome::kUnreachable : acs::ConnectionRequestOutcome::kOk);
  }
  void probe(const std::string& device_id, std::function<void(bool)> done) override {
    probed.push_back(device_id);
    done(dark.count(device_id) == 0);
  }
  void wait_task(int64_t, std::chrono::milliseconds, std::function<void(Result<store::TaskRecord>)> done) override {
    done(make_error(ErrorCode::kNotFound, "none"));
  }
  void cancel_task(int64_t, std::function<void(Result<store::TaskRecord>)> done) override {
    done(make_error(ErrorCode::kNotFound, "none"));
  }
  void retry_task(int64_t, std::function<void(Result<store::TaskRecord>)> done) override {
    done(make_error(ErrorCode::kNotFound, "none"));
  }
  void profiles_changed() override {}
};

constexpr int kHomesPerNode = 10;

std::string home_id(int node, int i) { return "home-" + std::to_string(node) + "-" + std::to_string(i); }
std::string device_id(int node, int i) { return "00D09E-HG8245-" + std::to_string(node * 100 + i); }

store::DeviceRecord device(int node, int i) {
  store::DeviceRecord d;
  d.id = device_id(node, i);
  d.connection_request_url = "http://127.0.0.1:1/cr/" + std::to_string(node * 100 + i);
  d.inform_interval_s = 300;
  return d;
}

class IncidentServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = store::open_store("memory:");
    ASSERT_TRUE(opened.ok());
    store_ = std::move(*opened);
    store::WriteBatch b;
    b.add(store::PutRegion{{"region-1", "North", 1, 1}});
    for (int n = 1; n <= 2; ++n) {
      b.add(store::PutAccessNode{{"an-0" + std::to_string(n), "OLT " + std::to_string(n), "olt-port", "region-1", 1, 1}});
      for (int i = 0; i < kHomesPerNode; ++i) {
        const std::string account = std::to_string(1000 + n * 100 + i);
        store::SubscriberRecord s;
        s.account = account;
        s.name = "Customer " + account;
        b.add(store::PutSubscriber{s});
        store::HomeRecord h;
        h.id = home_id(n, i);
        h.account = account;
        h.access_node_id = "an-0" + std::to_string(n);
        h.devices.push_back({"gateway", device_id(n, i), std::to_string(n * 100 + i), "00D09E", "HG8245", "Huawei"});
        b.add(store::PutHome{h});
      }
    }
    ASSERT_TRUE(store_->write_sync(std::move(b)).ok());
    service_ = std::make_unique<IncidentService>(IncidentServiceOptions{}, *store_, clock_);
    ASSERT_TRUE(service_->load().ok());
    service_->set_control(&control_);
    // Every gateway informs once, at phases spread over one interval.
    for (int n = 1; n <= 2; ++n) {
      for (int i = 0; i < kHomesPerNode; ++i) {
        inform(n, i);
        clock_.advance(15s);
      }
    }
  }

  int64_t now() const { return to_unix_ms(clock_.now()); }

  void inform(int node, int i) {
    last_inform_[device_id(node, i)] = now();
    service_->on_inform(device(node, i), {{"2 PERIODIC", ""}}, {}, now());
  }

  // Ticks every 2 s for `seconds`, with the gateways not dark informing when due.
  void run(int seconds) {
    for (int s = 0; s < seconds; s += 2) {
      clock_.advance(2s);
      for (int n = 1; n <= 2; ++n) {
        for (int i = 0; i < kHomesPerNode; ++i) {
          const std::string d = device_id(n, i);
          if (control_.dark.count(d) == 0 && now() - last_inform_[d] >= 300'000) inform(n, i);
        }
      }
      service_->tick();
    }
    service_->flush();
  }

  std::vector<store::IncidentRecord> incidents(const std::string& state = "") {
    store::IncidentQuery q;
    q.state = state;
    auto r = store_->list_incidents(q);
    EXPECT_TRUE(r.ok());
    return r ? *r : std::vector<store::IncidentRecord>{};
  }

  void darken(int node) {
    for (int i = 0; i < kHomesPerNode; ++i) control_.dark.insert(device_id(node, i));
  }

  FakeClock clock_;
  std::unique_ptr<store::Store> store_;
  ScriptedControl control_;
  std::unique_ptr<IncidentService> service_;
  std::map<std::string, int64_t> last_inform_;
};

TEST_F(IncidentServiceTest, QuietFleetHasNoIncidentAndOnlySentinelProbes) {
  run(120);
  EXPECT_TRUE(incidents().empty());
  EXPECT_FALSE(control_.probed.empty());  // sentinels: the nodes were quiet for more than 30 s
  EXPECT_TRUE(service_->homes_in_confirmed_incidents().empty());
}

TEST_F(IncidentServiceTest, DarkAccessNodeIsConfirmedStoredAndResolved) {
  run(10);
  darken(1);
  const int64_t onset = now();
  int64_t confirmed_at = 0;
  for (int s = 0; s < 180 && confirmed_at == 0; s += 2) {
    run(2);
    if (!incidents("confirmed").empty()) confirmed_at = now();
  }
  ASSERT_NE(confirmed_at, 0) << "no confirmed incident within 3 minutes";
  EXPECT_LE(confirmed_at - onset, 60'000);
  auto open = incidents("open");
  ASSERT_EQ(open.size(), 1u);
  EXPECT_EQ(open[0].access_node_id, "an-01");
  EXPECT_EQ(open[0].region_id, "region-1");
  EXPECT_EQ(open[0].homes.size(), static_cast<size_t>(kHomesPerNode));
  auto confirmed = service_->homes_in_confirmed_incidents();
  EXPECT_EQ(confirmed.size(), static_cast<size_t>(kHomesPerNode));
  EXPECT_EQ(confirmed.count(home_id(1, 3)), 1u);
  EXPECT_EQ(confirmed.count(home_id(2, 3)), 0u);

  auto status = service_->home_outage(home_id(1, 0));
  ASSERT_TRUE(status.ok());
  ASSERT_TRUE(status->has_value());
  EXPECT_EQ((*status)->incident_id, open[0].id);
  auto other = service_->home_outage(home_id(2, 0));
  ASSERT_TRUE(other.ok());
  EXPECT_FALSE(other->has_value());

  control_.dark.clear();
  const int64_t recovery = now();
  int64_t resolved_at = 0;
  for (int s = 0; s < 180 && resolved_at == 0; s += 2) {
    run(2);
    if (incidents("open").empty()) resolved_at = now();
  }
  ASSERT_NE(resolved_at, 0) << "not resolved within 3 minutes of recovery";
  EXPECT_LE(resolved_at - recovery, 60'000);
  auto all = incidents("resolved");
  ASSERT_EQ(all.size(), 1u);
  EXPECT_GT(all[0].confirmed_ms, 0);
  EXPECT_GT(all[0].resolved_ms, 0);
  EXPECT_TRUE(service_->homes_in_confirmed_incidents().empty());
  EXPECT_FALSE(control_.woken.empty());  // returned homes were asked to inform now
}

TEST_F(IncidentServiceTest, WebhookDeliveriesAreQueuedForOpenAndResolve) {
  WebhookInput hook;
  hook.url = "http://127.0.0.1:1/hook";  // nobody listens: deliveries stay in the outbox
  hook.secret = "0123456789abcdef0123";
  ASSERT_TRUE(service_->add_webhook(hook).ok());
  darken(1);
  run(120);
  auto pending = store_->list_webhook_deliveries(100);
  ASSERT_TRUE(pending.ok());
  std::set<std::string> events;
  for (const auto& d : *pending) events.insert(d.event);
  EXPECT_EQ(events.count("incident.opened"), 1u);
  for (const auto& d : *pending) EXPECT_EQ(d.body.find(hook.secret), std::string::npos);
}

TEST_F(IncidentServiceTest, IndependentSingleFailuresRaiseNothing) {
  for (int n = 1; n <= 2; ++n) {
    control_.dark.insert(device_id(n, 1));
    run(400);
  }
  EXPECT_TRUE(incidents().empty());
}

TEST_F(IncidentServiceTest, RestartsTheAcsCausedAreNotAnOutage) {
  for (int i = 0; i < kHomesPerNode; ++i) service_->on_restart_expected(device_id(1, i), now());
  darken(1);
  run(120);
  EXPECT_TRUE(incidents("confirmed").empty());
}

TEST_F(IncidentServiceTest, OperatorSetsEtrAddsANoteAndCloses) {
  darken(1);
  run(120);
  auto open = incidents("open");
  ASSERT_EQ(open.size(), 1u);
  const int64_t id = open[0].id;
  IncidentUpdate u;
  u.etr_ms = now() + 3'600'000;
  u.title = "Fibre cut";
  u.note = "crew on site";
  auto after = service_->update_incident(id, u, "ops");
  ASSERT_TRUE(after.ok()) << after.error().message;
  EXPECT_EQ(after->etr_ms, now() + 3'600'000);
  EXPECT_EQ(after->title, "Fibre cut");
  ASSERT_FALSE(after->notes.empty());
  EXPECT_EQ(after->notes.back().author, "ops");
  auto status = service_->home_outage(home_id(1, 2));
  ASSERT_TRUE(status.ok() && status->has_value());
  EXPECT_EQ((*status)->etr_ms, now() + 3'600'000);
  EXPECT_EQ((*status)->title, "Fibre cut");

  IncidentUpdate close;
  close.close = true;
  auto closed = service_->update_incident(id, close, "ops");
  ASSERT_TRUE(closed.ok());
  EXPECT_EQ(closed->state, outage::IncidentState::kResolved);
  EXPECT_TRUE(closed->closed_by_operator);
  auto again = service_->update_incident(id, close, "ops");
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, ErrorCode::kConflict);
  auto unknown = service_->update_incident(9999, close, "ops");
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().code, ErrorCode::kNotFound);
  run(60);  // the same dark homes do not reopen one at once
  EXPECT_TRUE(incidents("open").empty());
}

TEST_F(IncidentServiceTest, MergeTwoNodeIncidents) {
  darken(1);
  darken(2);
  run(120);
  auto open = incidents("open");
  std::vector<int64_t> node_ids;
  for (const auto& r : open) {
    if (r.scope == "access-node") node_ids.push_back(r.id);
  }
  ASSERT_EQ(node_ids.size(), 2u);
  auto merged = service_->merge_incidents(node_ids[0], node_ids[1], "ops");
  ASSERT_TRUE(merged.ok()) << merged.error().message;
  EXPECT_EQ(merged->homes.size(), static_cast<size_t>(2 * kHomesPerNode));
  EXPECT_EQ(service_->merge_incidents(node_ids[1], node_ids[1], "ops").error().code, ErrorCode::kConflict);
  EXPECT_EQ(service_->merge_incidents(424242, node_ids[1], "ops").error().code, ErrorCode::kNotFound);
}

TEST_F(IncidentServiceTest, MaintenanceExplainsTheSilenceAndIsShown) {
  outage::Maintenance m;
  m.access_node_id = "an-01";
  m.start_ms = now() + 60'000;
  m.end_ms = now() + 3'600'000;
  m.description = "Line card replacement";
  auto put = service_->put_maintenance(m);
  ASSERT_TRUE(put.ok()) << put.error().message;
  EXPECT_FALSE(put->id.empty());
  auto before = service_->home_outage(home_id(1, 0));
  ASSERT_TRUE(before.ok() && before->has_value());
  ASSERT_TRUE((*before)->maintenance.has_value());
  EXPECT_EQ((*before)->maintenance->description, "Line card replacement");
  run(60);
  darken(1);
  run(180);
  EXPECT_TRUE(incidents("confirmed").empty());

  outage::Maintenance bad = m;
  bad.id.clear();
  bad.region_id = "region-1";  // both
  EXPECT_EQ(service_->put_maintenance(bad).error().code, ErrorCode::kInvalidArgument);
  bad.region_id.clear();
  bad.access_node_id = "an-99";
  EXPECT_EQ(service_->put_maintenance(bad).error().code, ErrorCode::kNotFound);
  bad.access_node_id = "an-01";
  bad.end_ms = bad.start_ms;
  EXPECT_EQ(service_->put_maintenance(bad).error().code, ErrorCode::kInvalidArgument);
  EXPECT_TRUE(service_->delete_maintenance(put->id).ok());
  EXPECT_EQ(service_->delete_maintenance(put->id).error().code, ErrorCode::kNotFound);
}

TEST_F(IncidentServiceTest, WebhookAndLineEventValidation) {
  WebhookInput w;
  w.url = "ftp://example.net/";
  w.secret = "0123456789abcdef";
  EXPECT_EQ(service_->add_webhook(w).error().code, ErrorCode::kInvalidArgument);
  w.url = "https://example.net/hook";
  w.secret = "short";
  EXPECT_EQ(service_->add_webhook(w).error().code, ErrorCode::kInvalidArgument);
  w.secret = "0123456789abcdef";
  w.events = {"incident.exploded"};
  EXPECT_EQ(service_->add_webhook(w).error().code, ErrorCode::kInvalidArgument);
  w.events = {"incident.resolved"};
  auto added = service_->add_webhook(w);
  ASSERT_TRUE(added.ok());
  EXPECT_TRUE(service_->delete_webhook(added->id).ok());
  EXPECT_EQ(service_->delete_webhook(added->id).error().code, ErrorCode::kNotFound);

  EXPECT_EQ(service_->line_event({"home-nowhere", "dying-gasp", now()}).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(service_->line_event({home_id(1, 1), "sparks", now()}).error().code, ErrorCode::kInvalidArgument);
  EXPECT_TRUE(service_->line_event({home_id(1, 1), "dying-gasp", now()}).ok());
  EXPECT_EQ(service_->home_outage("home-nowhere").error().code, ErrorCode::kNotFound);
}

TEST_F(IncidentServiceTest, OpenIncidentsSurviveARestart) {
  darken(1);
  run(120);
  auto open = incidents("open");
  ASSERT_EQ(open.size(), 1u);
  service_->stop();
  service_ = std::make_unique<IncidentService>(IncidentServiceOptions{}, *store_, clock_);
  ASSERT_TRUE(service_->load().ok());
  service_->set_control(&control_);
  auto status = service_->home_outage(home_id(1, 4));
  ASSERT_TRUE(status.ok() && status->has_value());
  EXPECT_EQ((*status)->incident_id, open[0].id);
  control_.dark.clear();
  run(120);
  EXPECT_TRUE(incidents("open").empty());
  // New incidents continue the ids.
  darken(2);
  run(120);
  auto again = incidents("open");
  ASSERT_EQ(again.size(), 1u);
  EXPECT_GT(again[0].id, open[0].id);
}

TEST_F(IncidentServiceTest, DegradedLinesFromTheDiagnosisMakeADegradedIncident) {
  run(10);
  insight::WanQualityListener& listener = *service_;
  listener.wan_quality("home-nowhere", true, {"WAN-SPD-1"}, now(), now());  // ignored
  for (int i = 0; i < 6; ++i)
    listener.wan_quality(home_id(1, i), true, {"WAN-FLAP-1", "WAN-SPD-1"}, now(), now());
  EXPECT_EQ(service_->stats().degraded_homes, 6u);
  run(12 * 60);
  auto open = incidents("open");
  ASSERT_EQ(open.size(), 1u);
  EXPECT_EQ(open[0].state, "confirmed");
  EXPECT_EQ(open[0].access_node_id, "an-01");
  EXPECT_EQ(open[0].homes.size(), 6u);
  auto stored = outage::incident_from_json(nlohmann::json::parse(open[0].json));
  ASSERT_TRUE(stored);
  EXPECT_EQ(stored->cause, "degraded");
  // The diagnosis holds back WAN findings of these homes only; they are not unreachable.
  EXPECT_TRUE(service_->homes_in_confirmed_incidents().empty());
  auto degraded = service_->homes_in_degraded_incidents();
  EXPECT_EQ(degraded.size(), 6u);
  EXPECT_EQ(degraded.count(home_id(1, 2)), 1u);
  EXPECT_EQ(degraded[home_id(1, 2)], open[0].id);
  auto status = service_->home_outage(home_id(1, 0));
  ASSERT_TRUE(status.ok() && status->has_value());
  EXPECT_EQ((*status)->cause, "degraded");
  EXPECT_EQ((*status)->state, outage::IncidentState::kConfirmed);

  for (int i = 0; i < 6; ++i) listener.wan_quality(home_id(1, i), false, {}, 0, now());
  run(10);
  EXPECT_TRUE(incidents("open").empty());
  EXPECT_TRUE(service_->homes_in_degraded_incidents().empty());
  const auto stats = service_->stats();
  EXPECT_EQ(stats.wan_reports, 13u);
  EXPECT_EQ(stats.degraded_homes, 0u);
}

}  // namespace
}  // namespace hearth::incidents
