// The CWMP session state machine: informs, discovery, tasks, faults, profiles, diagnostics.
#include "acs/session_test_support.h"

#include <gtest/gtest.h>

namespace hearth::acs::testing {
namespace {

using nlohmann::json;

TEST_F(SessionTest, InformIsAnsweredWithItsIdAndStoredFirst) {
  auto s = open(known(), inform({{"2 PERIODIC", ""}}));
  ASSERT_TRUE(last.reply);
  EXPECT_TRUE(std::holds_alternative<cwmp::InformResponse>(last.reply->body));
  EXPECT_EQ(last.reply->header.id, "ID-1");
  ASSERT_FALSE(last.batch.ops.empty());
  EXPECT_TRUE(std::holds_alternative<store::UpsertDevice>(last.batch.ops.front()));
  ASSERT_NE(find_op<store::PutParameterValues>(last.batch), nullptr);
  ASSERT_NE(find_op<store::AddEvents>(last.batch), nullptr);
  EXPECT_EQ(s->device().software_version, "1.0");
  EXPECT_EQ(s->device().connection_request_url, "http://127.0.0.1:9/cr");
  // Nothing to do: the empty POST ends the session with 204.
  Step end = s->handle(nullptr);
  EXPECT_EQ(end.http_status, 204);
  EXPECT_TRUE(end.ended);
  EXPECT_TRUE(s->ended());
}

TEST_F(SessionTest, UnchangedInformParametersAreNotRewrittenAndAnEmptyPostCommitsNothing) {
  auto s1 = open(known(), inform({{"2 PERIODIC", ""}}));
  ASSERT_NE(find_op<store::PutParameterValues>(last.batch), nullptr);
  const std::string state = s1->device().state_json;
  SessionStart st = known();
  st.device->state_json = state;
  auto s2 = open(std::move(st), inform({{"2 PERIODIC", ""}}));
  EXPECT_EQ(find_op<store::PutParameterValues>(last.batch), nullptr);
  EXPECT_NE(find_op<store::UpsertDevice>(last.batch), nullptr);  // last contact still moves
  Step end = s2->handle(nullptr);
  EXPECT_EQ(end.http_status, 204);
  EXPECT_TRUE(end.batch.empty());
  // A changed value is stored again.
  SessionStart st3 = known();
  st3.device->state_json = state;
  auto in = inform({{"4 VALUE CHANGE", ""}},
                   {{"Device.DeviceInfo.SoftwareVersion", "1.1", cwmp::ValueType::kString}});
  auto s3 = open(std::move(st3), in);
  EXPECT_NE(find_op<store::PutParameterValues>(last.batch), nullptr);
}

TEST_F(SessionTest, FirstContactSetsCredentialsThenDiscoversTheTree) {
  SessionStart st;
  st.issue_credentials = true;
  auto s = open(std::move(st), inform({{"0 BOOTSTRAP", ""}, {"1 BOOT", ""}}));
  EXPECT_EQ(s->device_id(), "00D09E-HG1-SN1");
  const auto spv = expect_request<cwmp::SetParameterValues>(s->handle(nullptr));
  ASSERT_EQ(spv.parameters.size(), 4u);
  EXPECT_EQ(spv.parameters[0].name, "Device.ManagementServer.ConnectionRequestUsername");
  EXPECT_EQ(spv.parameters[2].name, "Device.ManagementServer.Username");
  Step after_spv = send(*s, cwmp::SetParameterValuesResponse{0});
  EXPECT_TRUE(after_spv.device_changed);
  EXPECT_EQ(s->device().cr_username, "00D09E-HG1-SN1");
  EXPECT_FALSE(s->device().cr_password.empty());
  EXPECT_EQ(s->device().auth_username, "00D09E-HG1-SN1");
  EXPECT_EQ(s->device().auth_ha1.size(), 32u);
  const auto gpn = expect_request<cwmp::GetParameterNames>(after_spv);
  EXPECT_EQ(gpn.parameter_path, "Device.");  // quirk 17: never the empty root
  EXPECT_FALSE(gpn.next_level);
  cwmp::GetParameterNamesResponse names;
  names.parameters = {{"Device.", false}, {"Device.DeviceInfo.", false},
                      {"Device.DeviceInfo.ModelName", false}, {"Device.WiFi.SSID.1.SSID", true}};
  Step after_gpn = send(*s, names);
  ASSERT_NE(find_op<store::PutParameterInfo>(after_gpn.batch), nullptr);
  const auto gpv = expect_request<cwmp::GetParameterValues>(after_gpn);
  EXPECT_EQ(gpv.parameter_names,
            (std::vector<std::string>{"Device.DeviceInfo.ModelName", "Device.WiFi.SSID.1.SSID"}));
  cwmp::GetParameterValuesResponse values;
  values.parameters = {{"Device.DeviceInfo.ModelName", "Router 9000", cwmp::ValueType::kString},
                       {"Device.WiFi.SSID.1.SSID", "Home", cwmp::ValueType::kString}};
  Step end = send(*s, values);
  EXPECT_EQ(end.http_status, 204);
  EXPECT_EQ(s->device().model_name, "Router 9000");
  EXPECT_GT(s->device().discovered_ms, 0);
}

TEST_F(SessionTest, DiscoveryWalksLevelByLevelWhenTheWholeTreeIsTooMuch) {
  SessionStart st = known();
  st.device->discovered_ms = 0;
  auto s = open(std::move(st), inform({{"2 PERIODIC", ""}}));
  expect_request<cwmp::GetParameterNames>(s->handle(nullptr));
  Step step = send(*s, cpe_fault(9004));
  const auto gpn = expect_request<cwmp::GetParameterNames>(step);
  EXPECT_EQ(gpn.parameter_path, "Device.");
  EXPECT_TRUE(gpn.next_level);
  cwmp::GetParameterNamesResponse level;
  level.parameters = {{"Device.DeviceInfo.", false}, {"Device.RootDataModelVersion", false}};
  const auto next = expect_request<cwmp::GetParameterNames>(send(*s, level));
  EXPECT_EQ(next.parameter_path, "Device.DeviceInfo.");
}

TEST_F(SessionTest, DiscoveryBisectsABatchThatFailsWith9005) {
  config.quirks.push_back({"00D09E", "", device::Quirks{}});
  SessionStart st = known();
  st.device->discovered_ms = 0;
  auto s = open(std::move(st), inform({{"2 PERIODIC", ""}}));
  expect_request<cwmp::GetParameterNames>(s->handle(nullptr));
  cwmp::GetParameterNamesResponse names;
  names.parameters = {{"Device.A", false}, {"Device.B", false}, {"Device.C", false}, {"Device.D", false}};
  expect_request<cwmp::GetParameterValues>(send(*s, names));
  const auto half = expect_request<cwmp::GetParameterValues>(send(*s, cpe_fault(9005)));
  EXPECT_EQ(half.parameter_names, (std::vector<std::string>{"Device.A", "Device.B"}));
}

TEST_F(SessionTest, GetParameterValuesTaskFinishesWithItsValues) {
  auto t = task(R"({"name":"getParameterValues","parameterNames":["Device.DeviceInfo.UpTime"]})");
  auto s = open(known({t}), inform({{"6 CONNECTION REQUEST", ""}}));
  const auto gpv = expect_request<cwmp::GetParameterValues>(s->handle(nullptr));
  EXPECT_EQ(gpv.parameter_names, std::vector<std::string>{"Device.DeviceInfo.UpTime"});
  cwmp::GetParameterValuesResponse values;
  values.parameters = {{"Device.DeviceInfo.UpTime", "42", cwmp::ValueType::kUnsignedInt}};
  Step end = send(*s, values);
  EXPECT_EQ(end.http_status, 204);
  ASSERT_EQ(end.finished_tasks.size(), 1u);
  EXPECT_EQ(end.finished_tasks[0].state, store::TaskState::kDone);
  json result = json::parse(end.finished_tasks[0].result_json);
  EXPECT_EQ(result["parameters"][0]["value"], "42");
  EXPECT_EQ(result["parameters"][0]["type"], "unsignedInt");
  // The result is committed in the same batch that precedes the 204.
  ASSERT_NE(find_op<store::PutTask>(end.batch), nullptr);
  EXPECT_NE(find_op<store::PutParameterValues>(end.batch), nullptr);
}

TEST_F(SessionTest, SetParameterValuesUsesTheTypeTheDeviceReported) {
  tree.set("Device.WiFi.Radio.1.Channel", "1", cwmp::ValueType::kUnsignedInt);
  auto t = task(R"({"name":"setParameterValues","parameterValues":[["Device.WiFi.Radio.1.Channel","6"]]})");
  auto s = open(known({t}), inform({{"6 CONNECTION REQUEST", ""}}));
  const auto spv = expect_request<cwmp::SetParameterValues>(s->handle(nullptr));
  ASSERT_EQ(spv.parameters.size(), 1u);
  EXPECT_EQ(spv.parameters[0].type, cwmp::ValueType::kUnsignedInt);
  EXPECT_EQ(spv.parameter_key, "task-" + std::to_string(t.id));
  Step end = send(*s, cwmp::SetParameterValuesResponse{0});
  ASSERT_EQ(end.finished_tasks.size(), 1u);
  EXPECT_EQ(end.finished_tasks[0].state, store::TaskState::kDone);
}

struct FaultCase {
  uint32_t code;
  store::TaskState expected;
};

TEST_F(SessionTest, CpeFaultsRetryOnlyWhenRetrying) {
  const FaultCase cases[] = {{9002, store::TaskState::kPending}, {9004, store::TaskState::kPending},
                             {9005, store::TaskState::kFault}, {9003, store::TaskState::kFault},
                             {9000, store::TaskState::kFault}};
  for (const auto& c : cases) {
    auto t = task(R"({"name":"getParameterValues","parameterNames":["Device.X"]})");
    auto s = open(known({t}), inform({{"6 CONNECTION REQUEST", ""}}));
    expect_request<cwmp::GetParameterValues>(s->handle(nullptr));
    Step step = send(*s, cpe_fault(c.code));
    const auto* put = find_op<store::PutTask>(step.batch);
    ASSERT_NE(put, nullptr);
    // The last PutTask holds the outcome.
    store::TaskRecord outcome;
    for (const auto& op : step.batch.ops) {
      if (const auto* p = std::get_if<store::PutTask>(&op)) outcome = p->task;
    }
    EXPECT_EQ(outcome.state, c.expected) << c.code;
    EXPECT_NE(find_op<store::AddFault>(step.batch), nullptr) << c.code;
    if (c.expected == store::TaskState::kPending) {
      EXPECT_GT(outcome.next_attempt_ms, to_unix_ms(clock.now())) << c.code;
    }
    EXPECT_EQ(step.http_status, 204) << c.code;
  }
}

TEST_F(SessionTest, RebootCompletesWhenTheDeviceComesBackWithMReboot) {
  auto t = task(R"({"name":"reboot"})");
  auto s = open(known({t}), inform({{"6 CONNECTION REQUEST", ""}}));
  const auto reboot = expect_request<cwmp::Reboot>(s->handle(nullptr));
  EXPECT_EQ(reboot.command_key, "task-" + std::to_string(t.id));
  Step end = send(*s, cwmp::RebootResponse{});
  EXPECT_TRUE(end.finished_tasks.empty());
  store::TaskRecord running;
  for (const auto& op : end.batch.ops) {
    if (const auto* p = std::get_if<store::PutTask>(&op)) running = p->task;
  }
  EXPECT_EQ(running.state, store::TaskState::kRunning);
  EXPECT_GT(running.expires_ms, 0);

  clock.advance(std::chrono::seconds(40));
  auto s2 = open(known({running}), inform({{"1 BOOT", ""}, {"M Reboot", reboot.command_key}}));
  ASSERT_EQ(last.finished_tasks.size(), 1u);
  EXPECT_EQ(last.finished_tasks[0].state, store::TaskState::kDone);
  // After 1 BOOT the volatile part of the tree is read again.
  const auto refresh = expect_request<cwmp::GetParameterValues>(s2->handle(nullptr));
  EXPECT_EQ(refresh.parameter_names, std::vector<std::string>{"Device.DeviceInfo."});
}

TEST_F(SessionTest, RunningTaskTimesOutWithoutItsEvent) {
  auto t = task(R"({"name":"reboot"})");
  t.state = store::TaskState::kRunning;
  t.command_key = "task-1";
  t.expires_ms = to_unix_ms(clock.now()) - 1;
  auto s = open(known({t}), inform({{"2 PERIODIC", ""}}));
  ASSERT_EQ(last.finished_tasks.size(), 1u);
  EXPECT_EQ(last.finished_tasks[0].state, store::TaskState::kFault);
}

TEST_F(SessionTest, DownloadWaitsForTransferComplete) {
  config.files_base_url = "http://127.0.0.1:7547/files/";
  auto t = task(R"({"name":"download","fileId":"fw-2.bin"})");
  auto s = open(known({t}), inform({{"6 CONNECTION REQUEST", ""}}));
  const auto dl = expect_request<cwmp::Download>(s->handle(nullptr));
  EXPECT_EQ(dl.url, "http://127.0.0.1:7547/files/fw-2.bin");
  EXPECT_EQ(dl.file_type, "1 Firmware Upgrade Image");
  Step end = send(*s, cwmp::DownloadResponse{1, "0001-01-01T00:00:00Z", "0001-01-01T00:00:00Z"});
  store::TaskRecord running;
  for (const auto& op : end.batch.ops) {
    if (const auto* p = std::get_if<store::PutTask>(&op)) running = p->task;
  }
  ASSERT_EQ(running.state, store::TaskState::kRunning);

  auto s2 = open(known({running}), inform({{"1 BOOT", ""}, {"7 TRANSFER COMPLETE", ""}, {"M Download", dl.command_key}}));
  cwmp::TransferComplete tc;
  tc.command_key = dl.command_key;
  tc.start_time = "2026-01-01T00:00:05Z";
  tc.complete_time = "2026-01-01T00:01:00Z";
  Step ack = send(*s2, tc);
  EXPECT_TRUE(std::holds_alternative<cwmp::TransferCompleteResponse>(ack.reply->body));
  ASSERT_EQ(ack.finished_tasks.size(), 1u);
  EXPECT_EQ(ack.finished_tasks[0].state, store::TaskState::kDone);
}

TEST_F(SessionTest, FailedTransferCompleteFaultsTheDownload) {
  auto t = task(R"({"name":"download","url":"http://127.0.0.1:1/x.bin"})");
  t.state = store::TaskState::kRunning;
  t.command_key = "task-9";
  t.expires_ms = to_unix_ms(clock.now()) + 100000;
  auto s = open(known({t}), inform({{"7 TRANSFER COMPLETE", ""}}));
  cwmp::TransferComplete tc;
  tc.command_key = "task-9";
  tc.fault = {9016, "unable to access file"};
  Step ack = send(*s, tc);
  ASSERT_EQ(ack.finished_tasks.size(), 1u);
  EXPECT_EQ(ack.finished_tasks[0].state, store::TaskState::kFault);
  EXPECT_EQ(json::parse(ack.finished_tasks[0].fault_json)["code"], 9016);
}

TEST_F(SessionTest, UnknownCpeMethodGetsFault8000AndTheSessionGoesOn) {
  auto s = open(known(), inform({{"2 PERIODIC", ""}}));
  Step step = send(*s, cwmp::UnknownMethod{"Kicked"});
  ASSERT_TRUE(step.reply);
  const auto* f = std::get_if<cwmp::Fault>(&step.reply->body);
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->code, 8000u);
  EXPECT_EQ(s->handle(nullptr).http_status, 204);
}

TEST_F(SessionTest, GetRpcMethodsIsAnswered) {
  auto s = open(known(), inform({{"2 PERIODIC", ""}}));
  Step step = send(*s, cwmp::GetRPCMethods{});
  const auto* m = std::get_if<cwmp::GetRPCMethodsResponse>(&step.reply->body);
  ASSERT_NE(m, nullptr);
  EXPECT_FALSE(m->methods.empty());
}

struct VersionCase {
  std::string supported;
  std::optional<std::string> chosen;
};

TEST_F(SessionTest, NegotiatesTheHighestCommonVersion) {
  const VersionCase cases[] = {{"1.0,1.1,1.2,1.3,1.4", "1.4"}, {"1.0, 1.1", "1.1"}, {"2.0", std::nullopt}};
  for (const auto& c : cases) {
    auto in = inform({{"2 PERIODIC", ""}});
    in.header.supported_cwmp_versions = c.supported;
    auto s = open(known(), in);
    ASSERT_TRUE(last.reply);
    if (c.chosen) {
      EXPECT_EQ(last.reply->header.use_cwmp_version, c.chosen);
    } else {
      const auto* f = std::get_if<cwmp::Fault>(&last.reply->body);
      ASSERT_NE(f, nullptr) << c.supported;
      EXPECT_EQ(f->code, 8006u);
    }
  }
}

TEST_F(SessionTest, RepliesInTheCpesOwnNamespace) {
  auto in = inform({{"2 PERIODIC", ""}});
  in.cwmp_ns = "urn:dslforum-org:cwmp-1-0";
  auto s = open(known(), in);
  EXPECT_EQ(last.reply->cwmp_ns, "urn:dslforum-org:cwmp-1-0");
}

TEST_F(SessionTest, ResponseBeforeInformIsABadState) {
  Session s(config, clock, tree);
  Step step = send(s, cwmp::GetParameterValuesResponse{});
  EXPECT_EQ(step.http_status, 400);
}

TEST_F(SessionTest, AbandonedSessionPutsTheTaskBackWithBackOff) {
  auto t = task(R"({"name":"getParameterValues","parameterNames":["Device.X"]})");
  auto s = open(known({t}), inform({{"6 CONNECTION REQUEST", ""}}));
  expect_request<cwmp::GetParameterValues>(s->handle(nullptr));
  Step step = s->abandon("timeout");
  store::TaskRecord outcome;
  for (const auto& op : step.batch.ops) {
    if (const auto* p = std::get_if<store::PutTask>(&op)) outcome = p->task;
  }
  EXPECT_EQ(outcome.state, store::TaskState::kPending);
  EXPECT_EQ(outcome.attempts, 1);
  EXPECT_TRUE(s->ended());
}

TEST_F(SessionTest, ProfileSetsOnlyWhatDiffersAndOnlyOncePerVersion) {
  tree.set("Device.ManagementServer.PeriodicInformInterval", "300", cwmp::ValueType::kUnsignedInt);
  tree.set("Device.WiFi.Radio.1.AutoChannelEnable", "false", cwmp::ValueType::kBoolean);
  store::ProfileRecord p;
  p.name = "base";
  p.version = 3;
  p.definition_json = R"({"name":"base","parameterValues":[
      ["Device.ManagementServer.PeriodicInformInterval",300],
      ["Device.WiFi.Radio.1.AutoChannelEnable",true]],
      "parameterAttributes":[{"name":"Device.DeviceInfo.SoftwareVersion","notification":2}]})";
  SessionStart st = known();
  st.profiles = {p};
  auto s = open(std::move(st), inform({{"1 BOOT", ""}}));
  // After a boot the volatile part of the tree is read again first.
  expect_request<cwmp::GetParameterValues>(s->handle(nullptr));
  const auto spv = expect_request<cwmp::SetParameterValues>(send(*s, cwmp::GetParameterValuesResponse{}));
  ASSERT_EQ(spv.parameters.size(), 1u);
  EXPECT_EQ(spv.parameters[0].name, "Device.WiFi.Radio.1.AutoChannelEnable");
  EXPECT_EQ(spv.parameters[0].type, cwmp::ValueType::kBoolean);
  const auto spa = expect_request<cwmp::SetParameterAttributes>(
      send(*s, cwmp::SetParameterValuesResponse{0}));
  ASSERT_EQ(spa.parameters.size(), 1u);
  EXPECT_EQ(spa.parameters[0].notification, 2);
  Step end = send(*s, cwmp::SetParameterAttributesResponse{});
  EXPECT_EQ(end.http_status, 204);

  // Next periodic session: the profile version is recorded, so nothing is sent.
  SessionStart again = known();
  again.device->state_json = s->device().state_json;
  again.profiles = {p};
  auto s2 = open(std::move(again), inform({{"2 PERIODIC", ""}}));
  EXPECT_EQ(s2->handle(nullptr).http_status, 204);
}

TEST_F(SessionTest, ProfileWithUnmetPreconditionIsSkipped) {
  store::ProfileRecord p;
  p.name = "isp1";
  p.version = 1;
  p.definition_json = R"({"name":"isp1","preconditions":[{"parameter":"Device.DeviceInfo.ProvisioningCode","equals":"ISP1"}],
      "parameterValues":[["Device.X","1"]]})";
  SessionStart st = known();
  st.profiles = {p};
  auto s = open(std::move(st), inform({{"1 BOOT", ""}}));
  // 1 BOOT refresh first, then nothing.
  expect_request<cwmp::GetParameterValues>(s->handle(nullptr));
  EXPECT_EQ(send(*s, cwmp::GetParameterValuesResponse{}).http_status, 204);
}

TEST_F(SessionTest, DiagnosticsTaskWaitsForDiagnosticsComplete) {
  auto t = task(R"({"name":"setParameterValues","parameterValues":[
      ["Device.IP.Diagnostics.IPPing.Host","127.0.0.1"],
      ["Device.IP.Diagnostics.IPPing.DiagnosticsState","Requested"]]})");
  auto s = open(known({t}), inform({{"6 CONNECTION REQUEST", ""}}));
  expect_request<cwmp::SetParameterValues>(s->handle(nullptr));
  Step end = send(*s, cwmp::SetParameterValuesResponse{0});
  EXPECT_EQ(end.http_status, 204);
  EXPECT_TRUE(end.finished_tasks.empty());
  store::TaskRecord running;
  for (const auto& op : end.batch.ops) {
    if (const auto* p = std::get_if<store::PutTask>(&op)) running = p->task;
  }
  ASSERT_EQ(running.state, store::TaskState::kRunning);

  SessionStart st = known({running});
  st.device->state_json = s->device().state_json;
  auto s2 = open(std::move(st), inform({{"8 DIAGNOSTICS COMPLETE", ""}}));
  const auto gpv = expect_request<cwmp::GetParameterValues>(s2->handle(nullptr));
  EXPECT_EQ(gpv.parameter_names, std::vector<std::string>{"Device.IP.Diagnostics.IPPing."});
  cwmp::GetParameterValuesResponse results;
  results.parameters = {{"Device.IP.Diagnostics.IPPing.DiagnosticsState", "Complete", cwmp::ValueType::kString},
                        {"Device.IP.Diagnostics.IPPing.AverageResponseTime", "12", cwmp::ValueType::kUnsignedInt}};
  Step done = send(*s2, results);
  ASSERT_EQ(done.finished_tasks.size(), 1u);
  EXPECT_EQ(done.finished_tasks[0].state, store::TaskState::kDone);
  EXPECT_EQ(json::parse(done.finished_tasks[0].result_json)["results"]["AverageResponseTime"], "12");
}

TEST_F(SessionTest, BootstrapOfAKnownDeviceForgetsItsOldLife) {
  SessionStart st = known();
  st.device->state_json = R"({"profiles":{"base":3}})";
  auto s = open(std::move(st), inform({{"0 BOOTSTRAP", ""}, {"1 BOOT", ""}}));
  const auto* del = find_op<store::DeleteParameters>(last.batch);
  ASSERT_NE(del, nullptr);
  EXPECT_EQ(del->prefix, "");
  EXPECT_EQ(s->device().discovered_ms, 0);
  EXPECT_TRUE(s->device().cr_password.empty());
  EXPECT_EQ(json::parse(s->device().state_json).count("profiles"), 0u);
  // New connection-request credentials are set before anything else.
  expect_request<cwmp::SetParameterValues>(s->handle(nullptr));
}

TEST_F(SessionTest, AddObjectRefreshesTheNewInstance) {
  auto t = task(R"({"name":"addObject","objectName":"Device.WiFi.SSID."})");
  auto s = open(known({t}), inform({{"6 CONNECTION REQUEST", ""}}));
  expect_request<cwmp::AddObject>(s->handle(nullptr));
  const auto gpn = expect_request<cwmp::GetParameterNames>(
      send(*s, cwmp::AddObjectResponse{3, 0}));
  EXPECT_EQ(gpn.parameter_path, "Device.WiFi.SSID.3.");
  cwmp::GetParameterNamesResponse names;
  names.parameters = {{"Device.WiFi.SSID.3.", false}, {"Device.WiFi.SSID.3.SSID", true}};
  const auto gpv = expect_request<cwmp::GetParameterValues>(send(*s, names));
  EXPECT_EQ(gpv.parameter_names, std::vector<std::string>{"Device.WiFi.SSID.3.SSID"});
  cwmp::GetParameterValuesResponse values;
  values.parameters = {{"Device.WiFi.SSID.3.SSID", "", cwmp::ValueType::kString}};
  Step end = send(*s, values);
  ASSERT_EQ(end.finished_tasks.size(), 1u);
  EXPECT_EQ(json::parse(end.finished_tasks[0].result_json)["instanceNumber"], 3);
}

}  // namespace
}  // namespace hearth::acs::testing
