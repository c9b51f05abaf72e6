// Rollback and cancel: firmware back to the rollback file, configuration back to the recorded
// values.
#include <gtest/gtest.h>

#include "campaigns/test_support.h"

namespace hearth::campaigns::testing {
namespace {

using nlohmann::json;

class RollbackTest : public CampaignFixture {
 protected:
  void SetUp() override {
    CampaignFixture::SetUp();
    make_fleet(4);
  }
};

json firmware(bool with_rollback) {
  json body = {{"name", "fw"}, {"kind", "firmware"}, {"selection", {{"tag", ""}, {"model", "HG8245Q2"}}},
               {"fileId", "fw-2.0.bin"}, {"stages", {{"canary", 2}}}, {"observeMinutes", 0},
               {"autoAdvance", false}};
  if (with_rollback) body["rollbackFileId"] = "fw-1.0.bin";
  return body;
}

TEST_F(RollbackTest, FirmwareGoesBackToTheRollbackFile) {
  const int64_t id = start(firmware(true));
  tick();
  finish_stage(id, 0, 1, "2.0");  // one done, one failed
  tick();
  ASSERT_EQ(get(id)["state"], "halted");
  Result<json> r = service->act(id, "rollback", "u-op");
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ((*r)["state"], "rolling-back");
  EXPECT_EQ(targets(id, 1, "skipped").size(), 2u);
  tick();
  auto back = targets(id, -1, "rolling-back");
  ASSERT_EQ(back.size(), 1u);
  ASSERT_NE(back[0].task_id, 0);
  EXPECT_NE(control.submitted().back().args_json.find("fw-1.0.bin"), std::string::npos);
  finish(back[0], true, "1.0");
  tick();
  EXPECT_EQ(get(id)["state"], "rolled-back");
  EXPECT_EQ(targets(id, -1, "rolled-back").size(), 1u);
  EXPECT_EQ(service->act(id, "resume", "u").error().code, ErrorCode::kConflict);
}

TEST_F(RollbackTest, FirmwareWithoutARollbackFileIsRefused) {
  const int64_t id = start(firmware(false));
  tick();
  ASSERT_TRUE(service->act(id, "pause", "u-op").ok());
  Result<json> r = service->act(id, "rollback", "u-op");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kConflict);
  EXPECT_EQ(get(id)["state"], "paused");
}

TEST_F(RollbackTest, ConfigurationGoesBackToTheRecordedValues) {
  json body = {{"name", "channel 11"}, {"kind", "config"}, {"selection", {{"model", "HG8245Q2"}}},
               {"parameters", {{{"name", "Device.WiFi.Radio.1.Channel"}, {"value", 11}}}},
               {"stages", {{"canary", 1}}}, {"observeMinutes", 0}, {"autoAdvance", false}};
  const int64_t id = start(body);
  tick();
  auto running = targets(id, 0, "running");
  ASSERT_EQ(running.size(), 1u);
  EXPECT_EQ(running[0].before, R"([{"name":"Device.WiFi.Radio.1.Channel","value":"6"}])");
  EXPECT_EQ(control.submitted()[0].name, "setParameterValues");
  EXPECT_NE(control.submitted()[0].args_json.find("\"11\""), std::string::npos);
  finish(running[0], true);
  tick();
  ASSERT_EQ(get(id)["state"], "paused");  // waits before wave 1
  ASSERT_TRUE(service->act(id, "rollback", "u-op").ok());
  tick();
  const store::TaskRecord restore = control.submitted().back();
  EXPECT_EQ(restore.name, "setParameterValues");
  EXPECT_NE(restore.args_json.find("\"6\""), std::string::npos);
  finish(targets(id, 0, "rolling-back")[0], true);
  tick();
  EXPECT_EQ(get(id)["state"], "rolled-back");
}

TEST_F(RollbackTest, CancelSkipsWhatHasNotStarted) {
  Result<json> c = service->create(firmware(false), "u-op");
  ASSERT_TRUE(c.ok());
  const int64_t id = (*c)["id"];
  Result<json> r = service->act(id, "cancel", "u-op");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ((*r)["state"], "cancelled");
  EXPECT_EQ(targets(id, -1, "skipped").size(), 4u);
  tick();
  EXPECT_TRUE(control.submitted().empty());
}

}  // namespace
}  // namespace hearth::campaigns::testing
