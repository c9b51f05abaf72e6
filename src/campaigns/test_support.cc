// Campaign test fakes and fixture (test_support.h).
#include "campaigns/test_support.h"

#include <cstdio>

namespace hearth::campaigns::testing {

using nlohmann::json;

std::vector<store::TaskRecord> FakeControl::submitted() const {
  std::lock_guard lock(mu_);
  return submitted_;
}

std::vector<std::string> FakeControl::connection_requests() const {
  std::lock_guard lock(mu_);
  return crs_;
}

std::vector<int64_t> FakeControl::cancelled() const {
  std::lock_guard lock(mu_);
  return cancelled_;
}

void FakeControl::submit_task(store::TaskRecord task, std::function<void(Result<store::TaskRecord>)> done) {
  if (refuse_) return done(make_error(ErrorCode::kUnavailable, "the ACS is shutting down"));
  {
    std::lock_guard lock(mu_);
    submitted_.push_back(task);
  }
  Status st = store_.write_sync(store::WriteBatch().add(store::PutTask{task}));
  if (!st) return done(st.error());
  done(task);
}

void FakeControl::connection_request(const std::string& device_id,
                                     std::function<void(acs::ConnectionRequestOutcome)> done) {
  {
    std::lock_guard lock(mu_);
    crs_.push_back(device_id);
  }
  done(acs::ConnectionRequestOutcome::kOk);
}

void FakeControl::wait_task(int64_t task_id, std::chrono::milliseconds,
                            std::function<void(Result<store::TaskRecord>)> done) {
  Result<std::optional<store::TaskRecord>> t = store_.get_task(task_id);
  if (!t) return done(t.error());
  if (!t->has_value()) return done(make_error(ErrorCode::kNotFound, "no task"));
  done(**t);
}

void FakeControl::cancel_task(int64_t task_id, std::function<void(Result<store::TaskRecord>)> done) {
  {
    std::lock_guard lock(mu_);
    cancelled_.push_back(task_id);
  }
  done(make_error(ErrorCode::kConflict, "not cancelled by the fake"));
}

void FakeDiagnosis::set_health(const std::string& home_id, int health) {
  std::lock_guard lock(mu_);
  health_[home_id] = health;
}

Result<diag::Diagnosis> FakeDiagnosis::home_diagnosis(const std::string& home_id) {
  std::lock_guard lock(mu_);
  diag::Diagnosis d;
  auto it = health_.find(home_id);
  if (it != health_.end()) {
    d.health = it->second;
    d.time_ms = 1;
  }
  return d;
}

std::string CampaignFixture::device_id(int n) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "00E0FC-HG8245Q2-S%04d", n);
  return buf;
}

std::string CampaignFixture::home_id(int n) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "home-%04d", n);
  return buf;
}

void CampaignFixture::SetUp() {
  options.max_in_flight = 100;
  service = make_service();
}

std::unique_ptr<CampaignService> CampaignFixture::make_service() {
  return std::make_unique<CampaignService>(db, control, clock, &diagnosis, options);
}

void CampaignFixture::make_fleet(int devices) {
  store::WriteBatch b;
  b.add(store::PutRegion{{"region-1", "North", kStartMs, kStartMs}});
  store::AccessNodeRecord an;
  an.id = "an-1";
  an.name = "OLT 1";
  an.kind = "olt-port";
  an.region_id = "region-1";
  b.add(store::PutAccessNode{an});
  for (int i = 1; i <= devices; ++i) {
    store::DeviceRecord d;
    d.id = device_id(i);
    d.oui = "00E0FC";
    d.product_class = "HG8245Q2";
    d.serial_number = d.id.substr(16);
    d.model_name = "EchoLife HG8245Q2";
    d.software_version = "1.0";
    d.root = "Device.";
    b.add(store::UpsertDevice{d});
    b.add(store::PutParameterValues{d.id, {{"Device.WiFi.Radio.1.Channel", "6", cwmp::ValueType::kUnsignedInt}}, kStartMs});
    store::SubscriberRecord s;
    s.account = std::to_string(1000 + i);
    s.name = "Subscriber " + std::to_string(i);
    b.add(store::PutSubscriber{s});
    store::HomeRecord h;
    h.id = home_id(i);
    h.account = s.account;
    h.access_node_id = "an-1";
    h.devices.push_back({"gateway", d.id, d.serial_number, d.oui, d.product_class, "Huawei"});
    b.add(store::PutHome{h});
  }
  b.add(store::PutFile{{"fw-2.0.bin", "1 Firmware Upgrade Image", "00E0FC", "HG8245Q2", "2.0", 1000, "", kStartMs}});
  b.add(store::PutFile{{"fw-1.0.bin", "1 Firmware Upgrade Image", "", "", "1.0", 900, "", kStartMs}});
  b.add(store::PutFile{{"fw-other.bin", "1 Firmware Upgrade Image", "", "H3600P", "9.9", 800, "", kStartMs}});
  b.add(store::PutFile{{"settings.xml", "3 Vendor Configuration File", "", "", "", 10, "", kStartMs}});
  ASSERT_TRUE(db.write_sync(std::move(b)).ok());
}

int64_t CampaignFixture::start(const json& body) {
  Result<json> c = service->create(body, "u-op");
  EXPECT_TRUE(c.ok()) << (c.ok() ? "" : c.error().message);
  if (!c) return 0;
  const int64_t id = (*c)["id"].get<int64_t>();
  Result<json> started = service->act(id, "start", "u-op");
  EXPECT_TRUE(started.ok()) << (started.ok() ? "" : started.error().message);
  return id;
}

json CampaignFixture::get(int64_t id) {
  Result<json> c = service->get(id);
  EXPECT_TRUE(c.ok());
  return c.ok() ? *c : json();
}

std::vector<store::CampaignTargetRecord> CampaignFixture::targets(int64_t id, int stage, const std::string& state) {
  store::CampaignTargetQuery q;
  q.campaign_id = id;
  q.stage = stage;
  q.state = state;
  Result<std::vector<store::CampaignTargetRecord>> t = db.list_campaign_targets(q);
  EXPECT_TRUE(t.ok());
  return t.ok() ? *t : std::vector<store::CampaignTargetRecord>{};
}

void CampaignFixture::finish(const store::CampaignTargetRecord& t, bool ok, const std::string& version) {
  Result<std::optional<store::TaskRecord>> task = db.get_task(t.task_id);
  ASSERT_TRUE(task.ok() && task->has_value()) << t.device_id;
  store::TaskRecord r = **task;
  r.state = ok ? store::TaskState::kDone : store::TaskState::kFault;
  r.updated_ms = now();
  if (!ok) r.fault_json = R"({"code":9018,"message":"File corrupted"})";
  store::WriteBatch b;
  b.add(store::PutTask{r});
  if (ok && !version.empty()) {
    Result<std::optional<store::DeviceRecord>> d = db.get_device(t.device_id);
    ASSERT_TRUE(d.ok() && d->has_value());
    store::DeviceRecord dev = **d;
    dev.software_version = version;
    b.add(store::UpsertDevice{dev});
  }
  ASSERT_TRUE(db.write_sync(std::move(b)).ok());
}

void CampaignFixture::finish_stage(int64_t id, int stage, int failures, const std::string& version) {
  for (const auto& t : targets(id, stage, "running")) finish(t, failures-- <= 0, version);
}

}  // namespace hearth::campaigns::testing
