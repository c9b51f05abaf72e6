// The campaign service on the memory store with a fake ACS and a fake clock: stages, halts,
// resume, pause, health, errors, restarts.
#include <gtest/gtest.h>

#include "campaigns/test_support.h"

namespace hearth::campaigns::testing {
namespace {

using nlohmann::json;

json firmware(int canary, std::vector<int> waves = {}) {
  return {{"name", "fw 2.0"}, {"kind", "firmware"}, {"selection", {{"model", "EchoLife HG8245Q2"}}},
          {"fileId", "fw-2.0.bin"}, {"stages", {{"canary", canary}, {"waves", waves}}}, {"observeMinutes", 0}};
}

class RunnerTest : public CampaignFixture {
 protected:
  void SetUp() override {
    CampaignFixture::SetUp();
    make_fleet(10);
  }
};

TEST_F(RunnerTest, CreateSplitsIntoStagesAsDraft) {
  Result<json> c = service->create(firmware(2, {3}), "u-op");
  ASSERT_TRUE(c.ok()) << c.error().message;
  EXPECT_EQ((*c)["state"], "draft");
  EXPECT_EQ((*c)["createdBy"], "u-op");
  EXPECT_EQ((*c)["targetVersion"], "2.0");
  ASSERT_EQ((*c)["stages"].size(), 3u);
  EXPECT_EQ((*c)["stages"][0]["name"], "canary");
  EXPECT_EQ((*c)["stages"][0]["size"], 2);
  EXPECT_EQ((*c)["stages"][1]["size"], 3);
  EXPECT_EQ((*c)["stages"][2]["name"], "wave 2");
  EXPECT_EQ((*c)["stages"][2]["pending"], 5);
  const int64_t id = (*c)["id"];
  EXPECT_EQ(targets(id).size(), 10u);
  tick();  // a draft does nothing
  EXPECT_TRUE(control.submitted().empty());
  Result<json> second = service->create(firmware(1), "u-op");
  ASSERT_TRUE(second.ok());
  EXPECT_EQ((*second)["id"], id + 1);
  Result<json> list = service->list();
  ASSERT_TRUE(list.ok());
  EXPECT_EQ((*list)["campaigns"].size(), 2u);
}

TEST_F(RunnerTest, PreviewGroupsByModelAndVersion) {
  Result<json> p = service->preview({{"selection", {{"model", "HG8245Q2"}}}});
  ASSERT_TRUE(p.ok());
  EXPECT_EQ((*p)["devices"], 10);
  EXPECT_EQ((*p)["byModel"][0], (json{{"model", "EchoLife HG8245Q2"}, {"softwareVersion", "1.0"}, {"devices", 10}}));
  Result<json> none = service->preview({{"selection", {{"tag", "nobody"}}}});
  ASSERT_TRUE(none.ok());
  EXPECT_EQ((*none)["devices"], 0);
}

TEST_F(RunnerTest, BadPlansAreRefused) {
  struct Case {
    json patch;
    ErrorCode code;
    std::string contains;
  };
  const std::vector<Case> cases = {
      {{{"fileId", "missing.bin"}}, ErrorCode::kInvalidArgument, "no file 'missing.bin'"},
      {{{"fileId", "fw-other.bin"}}, ErrorCode::kInvalidArgument, "built for H3600P"},
      {{{"fileId", "settings.xml"}}, ErrorCode::kInvalidArgument, "not a firmware image"},
      {{{"rollbackFileId", "missing.bin"}}, ErrorCode::kInvalidArgument, "rollbackFileId"},
      {{{"selection", {{"model", "Nothing"}}}}, ErrorCode::kInvalidArgument, "no devices selected"},
      {{{"selection", {{"deviceIds", {"nope"}}}}}, ErrorCode::kInvalidArgument, "no device 'nope'"},
  };
  for (const auto& c : cases) {
    json body = firmware(1);
    body.merge_patch(c.patch);
    Result<json> r = service->create(body, "u-op");
    ASSERT_FALSE(r.ok()) << c.patch.dump();
    EXPECT_EQ(r.error().code, c.code);
    EXPECT_NE(r.error().message.find(c.contains), std::string::npos) << r.error().message;
  }
  json config = {{"name", "c"}, {"kind", "config"}, {"selection", {{"tag", "x"}}}};
  config["selection"] = {{"model", "HG8245Q2"}};
  config["parameters"] = {{{"name", "Device.X"}, {"value", "1"}, {"type", "xsd:bogus"}}};
  EXPECT_EQ(service->create(config, "u").error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(service->get(99).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(service->act(99, "start", "u").error().code, ErrorCode::kNotFound);
  Result<json> c = service->create(firmware(1), "u-op");
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(service->act((*c)["id"], "pause", "u").error().code, ErrorCode::kConflict);
  EXPECT_EQ(service->act((*c)["id"], "explode", "u").error().code, ErrorCode::kInvalidArgument);
}

TEST_F(RunnerTest, CanaryFailingPastTheThresholdHaltsAndWaveOneNeverStarts) {
  const int64_t id = start(firmware(3, {3}));
  tick();
  ASSERT_EQ(control.submitted().size(), 3u);
  EXPECT_EQ(control.connection_requests().size(), 3u);
  EXPECT_EQ(control.submitted()[0].name, "download");
  EXPECT_NE(control.submitted()[0].args_json.find("fw-2.0.bin"), std::string::npos);
  EXPECT_EQ(control.submitted()[0].origin, "campaign:" + std::to_string(id));
  EXPECT_EQ(targets(id, 0, "running").size(), 3u);
  EXPECT_EQ(targets(id, 0, "running")[0].before, "1.0");

  finish_stage(id, 0, 2, "2.0");  // 2 of 3 fail
  tick();
  json c = get(id);
  EXPECT_EQ(c["state"], "halted");
  EXPECT_EQ(c["haltReason"], "canary: 2 of 3 finished targets failed (67% > 10%)");
  EXPECT_EQ(c["stages"][0]["state"], "failed");
  EXPECT_EQ(c["stages"][0]["failed"], 2);
  EXPECT_EQ(c["stages"][1]["state"], "waiting");
  EXPECT_EQ(targets(id, 0, "failed")[0].detail, "fault 9018: File corrupted");
  advance_minutes(60);
  tick();
  EXPECT_EQ(control.submitted().size(), 3u);  // wave 1 never started
  EXPECT_EQ(targets(id, 1, "pending").size(), 3u);
  EXPECT_EQ(c["log"].back()["text"], "halted: canary: 2 of 3 finished targets failed (67% > 10%)");

  // Resuming accepts the canary's failures and goes on with wave 1.
  Result<json> resumed = service->act(id, "resume", "u-op");
  ASSERT_TRUE(resumed.ok());
  EXPECT_EQ((*resumed)["haltReason"], nullptr);
  tick();
  EXPECT_EQ(get(id)["stages"][0]["state"], "passed");
  EXPECT_EQ(targets(id, 1, "running").size(), 3u);
  finish_stage(id, 1, 0, "2.0");
  tick();
  finish_stage(id, 2, 0, "2.0");
  tick();
  c = get(id);
  EXPECT_EQ(c["state"], "completed");
  EXPECT_EQ(c["stages"][2]["done"], 4);
}

TEST_F(RunnerTest, FirmwareIsDoneOnlyOnceTheDeviceReportsTheNewVersion) {
  const int64_t id = start(firmware(1));
  tick();
  auto running = targets(id, 0, "running");
  ASSERT_EQ(running.size(), 1u);
  finish(running[0], true, "");  // done, but still reports 1.0
  tick();
  EXPECT_EQ(targets(id, 0, "running").size(), 1u);
  advance_minutes(16);
  tick();
  auto failed = targets(id, 0, "failed");
  ASSERT_EQ(failed.size(), 1u);
  EXPECT_EQ(failed[0].detail, "the download finished but the device still reports 1.0");
  EXPECT_EQ(get(id)["state"], "halted");
}

TEST_F(RunnerTest, TasksWithoutResultTimeOutAndAreCancelled) {
  const int64_t id = start(firmware(1));
  tick();
  advance_minutes(31);
  tick();
  ASSERT_EQ(targets(id, 0, "failed").size(), 1u);
  EXPECT_EQ(control.cancelled().size(), 1u);
}

TEST_F(RunnerTest, HealthDropAfterObservationHalts) {
  for (int i = 1; i <= 10; ++i) diagnosis.set_health(home_id(i), 90);
  json body = firmware(2);
  body["observeMinutes"] = 10;
  const int64_t id = start(body);
  tick();
  EXPECT_EQ(get(id)["stages"][0]["healthBefore"], 90.0);
  for (const auto& t : targets(id, 0, "running")) {
    finish(t, true, "2.0");
    diagnosis.set_health("home-" + t.device_id.substr(17), 60);
  }
  tick();
  EXPECT_EQ(get(id)["stages"][0]["state"], "observing");
  advance_minutes(9);
  tick();
  EXPECT_EQ(get(id)["state"], "running");
  advance_minutes(1);
  tick();
  json c = get(id);
  EXPECT_EQ(c["state"], "halted");
  EXPECT_EQ(c["stages"][0]["healthAfter"], 60.0);
  EXPECT_NE(c["haltReason"].get<std::string>().find("health dropped by 30.0 points"), std::string::npos);
  EXPECT_TRUE(targets(id, 1, "running").empty());
}

TEST_F(RunnerTest, PauseStopsNewTasksAndManualAdvanceWaitsForResume) {
  options.max_in_flight = 2;
  service = make_service();
  json body = firmware(4);
  body["autoAdvance"] = false;
  const int64_t id = start(body);
  tick();
  EXPECT_EQ(control.submitted().size(), 2u);  // bounded in flight
  ASSERT_TRUE(service->act(id, "pause", "u-op").ok());
  finish_stage(id, 0, 0, "2.0");
  tick();
  EXPECT_EQ(control.submitted().size(), 2u);  // paused: nothing new
  EXPECT_EQ(targets(id, 0, "done").size(), 2u);  // but what was in flight is followed
  ASSERT_TRUE(service->act(id, "resume", "u-op").ok());
  tick();
  EXPECT_EQ(control.submitted().size(), 4u);
  finish_stage(id, 0, 0, "2.0");
  tick();
  json c = get(id);
  EXPECT_EQ(c["state"], "paused");
  EXPECT_EQ(c["currentStage"], 1);
  EXPECT_EQ(c["log"].back()["text"], "waiting for resume before wave 1");
  ASSERT_TRUE(service->act(id, "resume", "u-op").ok());
  tick();
  EXPECT_EQ(targets(id, 1, "running").size(), 2u);
}

TEST_F(RunnerTest, EveryTaskIsAudited) {
  const int64_t id = start(firmware(2));
  tick();
  store::AuditQuery q;
  q.action_prefix = "campaign.";
  Result<std::vector<store::AuditRecord>> audit = db.list_audit(q);
  ASSERT_TRUE(audit.ok());
  ASSERT_EQ(audit->size(), 2u);
  const store::AuditRecord& a = audit->front();
  EXPECT_EQ(a.actor_kind, "system");
  EXPECT_EQ(a.actor, "campaign:" + std::to_string(id));
  EXPECT_EQ(a.action, "campaign.task");
  EXPECT_FALSE(a.device_id.empty());
  EXPECT_EQ(a.home_id, "home-" + a.device_id.substr(17));
  EXPECT_EQ(a.account, std::to_string(1000 + std::stoi(a.device_id.substr(17))));
}

TEST_F(RunnerTest, RefusedSubmissionsFailTheTarget) {
  control.set_refuse(true);
  const int64_t id = start(firmware(1));
  tick();
  tick();
  auto failed = targets(id, 0, "failed");
  ASSERT_EQ(failed.size(), 1u);
  EXPECT_EQ(failed[0].detail, "the task was refused: the ACS is shutting down");
}

TEST_F(RunnerTest, ARestartedServiceCarriesOn) {
  const int64_t id = start(firmware(2, {3}));
  tick();
  service.reset();  // the process stops; the store keeps everything
  finish_stage(id, 0, 0, "2.0");
  service = make_service();
  tick();
  EXPECT_EQ(get(id)["stages"][0]["state"], "passed");
  EXPECT_EQ(targets(id, 1, "running").size(), 3u);
  EXPECT_EQ(control.submitted().size(), 5u);
  // A new campaign after the restart does not reuse an id.
  Result<json> next = service->create(firmware(1), "u-op");
  ASSERT_TRUE(next.ok());
  EXPECT_EQ((*next)["id"], id + 1);
}

}  // namespace
}  // namespace hearth::campaigns::testing
