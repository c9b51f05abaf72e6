// The diagnosis' telemetry read at the end of a session (session_telemetry.cc).
#include "acs/session_test_support.h"

#include <gtest/gtest.h>

#include <utility>

#include "acs/telemetry_sink.h"

namespace hearth::acs::testing {
namespace {

using nlohmann::json;

// Records what the session tells the diagnosis of expected restarts.
class RestartSink final : public TelemetrySink {
 public:
  TelemetryRead on_inform(const store::DeviceRecord&, const std::vector<cwmp::EventStruct>&,
                          const std::vector<cwmp::ParameterValue>&, int64_t) override {
    return {};
  }
  void on_telemetry(const store::DeviceRecord&, std::vector<cwmp::ParameterValue>, int64_t) override {}
  void on_restart_expected(const std::string& device_id, int64_t now_ms) override {
    restarts.emplace_back(device_id, now_ms);
  }
  std::vector<std::pair<std::string, int64_t>> restarts;
};

TEST_F(SessionTest, TelemetryIsReadLastInOneRequestAndHandedOn) {
  auto t = task(R"({"name":"getParameterValues","parameterNames":["Device.DeviceInfo.UpTime"]})");
  auto s = open(known({t}), inform({{"2 PERIODIC", ""}}));
  s->set_telemetry_paths({"Device.WiFi.Radio.", "Device.DeviceInfo.UpTime"});
  // The task first, then the telemetry.
  expect_request<cwmp::GetParameterValues>(s->handle(nullptr));
  cwmp::GetParameterValuesResponse task_values;
  task_values.parameters = {{"Device.DeviceInfo.UpTime", "42", cwmp::ValueType::kUnsignedInt}};
  Step step = send(*s, task_values);
  const auto gpv = expect_request<cwmp::GetParameterValues>(step);
  EXPECT_EQ(gpv.parameter_names,
            (std::vector<std::string>{"Device.WiFi.Radio.", "Device.DeviceInfo.UpTime"}));
  EXPECT_FALSE(step.telemetry.has_value());
  cwmp::GetParameterValuesResponse values;
  values.parameters = {{"Device.WiFi.Radio.1.Channel", "6", cwmp::ValueType::kUnsignedInt},
                       {"Device.DeviceInfo.UpTime", "43", cwmp::ValueType::kUnsignedInt}};
  Step end = send(*s, values);
  EXPECT_EQ(end.http_status, 204);
  ASSERT_TRUE(end.telemetry.has_value());
  EXPECT_EQ(end.telemetry->size(), 2u);
  // Telemetry is not written to the parameter tree.
  EXPECT_EQ(find_op<store::PutParameterValues>(end.batch), nullptr);
}

TEST_F(SessionTest, NarrowedTelemetryReadThatFaultsIsReplacedByTheFullReadNotSplit) {
  const std::string row = "InternetGatewayDevice.LANDevice.1.WLANConfiguration.5.";
  auto s = open(known(), inform({{"2 PERIODIC", ""}}));
  s->set_telemetry_paths({row + "Channel", row + "AssociatedDevice.", "InternetGatewayDevice.DeviceInfo.UpTime"},
                         {"InternetGatewayDevice.LANDevice.1.WLANConfiguration.", "InternetGatewayDevice.DeviceInfo.UpTime"});
  auto narrowed = expect_request<cwmp::GetParameterValues>(s->handle(nullptr));
  EXPECT_EQ(narrowed.parameter_names.size(), 3u);
  // Row 5 is gone: the full read follows at once, in one request.
  Step step = send(*s, cpe_fault(9005));
  auto full = expect_request<cwmp::GetParameterValues>(step);
  EXPECT_EQ(full.parameter_names, (std::vector<std::string>{"InternetGatewayDevice.LANDevice.1.WLANConfiguration.",
                                                            "InternetGatewayDevice.DeviceInfo.UpTime"}));
  cwmp::GetParameterValuesResponse values;
  values.parameters = {{"InternetGatewayDevice.LANDevice.1.WLANConfiguration.1.Channel", "6",
                        cwmp::ValueType::kUnsignedInt},
                       {"InternetGatewayDevice.DeviceInfo.UpTime", "43", cwmp::ValueType::kUnsignedInt}};
  Step end = send(*s, values);
  EXPECT_EQ(end.http_status, 204);
  ASSERT_TRUE(end.telemetry.has_value());
  EXPECT_EQ(end.telemetry->size(), 2u);
  // Nothing is remembered as missing: the narrowed paths were the device's a moment ago.
  EXPECT_FALSE(s->device().state_json.find("telemetrySkip") != std::string::npos);
}

TEST_F(SessionTest, NarrowedTelemetryReadAnsweredIsHandedOn) {
  auto s = open(known(), inform({{"2 PERIODIC", ""}}));
  s->set_telemetry_paths({"InternetGatewayDevice.DeviceInfo.UpTime"}, {"InternetGatewayDevice.DeviceInfo."});
  auto gpv = expect_request<cwmp::GetParameterValues>(s->handle(nullptr));
  EXPECT_EQ(gpv.parameter_names, std::vector<std::string>{"InternetGatewayDevice.DeviceInfo.UpTime"});
  cwmp::GetParameterValuesResponse values;
  values.parameters = {{"InternetGatewayDevice.DeviceInfo.UpTime", "43", cwmp::ValueType::kUnsignedInt}};
  Step end = send(*s, values);
  EXPECT_EQ(end.http_status, 204);
  ASSERT_TRUE(end.telemetry.has_value());
  EXPECT_EQ(end.telemetry->size(), 1u);
}

TEST_F(SessionTest, TelemetryPathTheDeviceLacksIsFoundAndSkippedNextTime) {
  auto s = open(known(), inform({{"2 PERIODIC", ""}}));
  s->set_telemetry_paths({"Device.WiFi.Radio.", "Device.Optical."});
  expect_request<cwmp::GetParameterValues>(s->handle(nullptr));
  // The whole request faults: each path is tried on its own.
  Step step = send(*s, cpe_fault(9005));
  auto one = expect_request<cwmp::GetParameterValues>(step);
  EXPECT_EQ(one.parameter_names, std::vector<std::string>{"Device.WiFi.Radio."});
  cwmp::GetParameterValuesResponse values;
  values.parameters = {{"Device.WiFi.Radio.1.Channel", "6", cwmp::ValueType::kUnsignedInt}};
  step = send(*s, values);
  auto two = expect_request<cwmp::GetParameterValues>(step);
  EXPECT_EQ(two.parameter_names, std::vector<std::string>{"Device.Optical."});
  Step end = send(*s, cpe_fault(9005));
  EXPECT_EQ(end.http_status, 204);
  ASSERT_TRUE(end.telemetry.has_value());
  EXPECT_EQ(end.telemetry->size(), 1u);
  // The next session leaves the missing path out, until the firmware changes.
  SessionStart st = known();
  st.device->state_json = s->device().state_json;
  auto s2 = open(std::move(st), inform({{"2 PERIODIC", ""}}));
  s2->set_telemetry_paths({"Device.WiFi.Radio.", "Device.Optical."});
  auto gpv = expect_request<cwmp::GetParameterValues>(s2->handle(nullptr));
  EXPECT_EQ(gpv.parameter_names, std::vector<std::string>{"Device.WiFi.Radio."});
  SessionStart st3 = known();
  st3.device->state_json = s->device().state_json;
  st3.device->software_version = "2.0";
  auto s3 = open(std::move(st3), inform({{"2 PERIODIC", ""}},
                                        {{"Device.DeviceInfo.SoftwareVersion", "2.0", cwmp::ValueType::kString}}));
  s3->set_telemetry_paths({"Device.WiFi.Radio.", "Device.Optical."});
  gpv = expect_request<cwmp::GetParameterValues>(s3->handle(nullptr));
  EXPECT_EQ(gpv.parameter_names.size(), 2u);
}

// A device that acknowledged a Reboot, FactoryReset or Download is about to go quiet.
TEST_F(SessionTest, AcknowledgedRestartsAreToldToTheSink) {
  config.files_base_url = "http://127.0.0.1:7547/files/";
  cwmp::GetParameterValuesResponse gpv_answer;
  gpv_answer.parameters = {{"Device.DeviceInfo.UpTime", "42", cwmp::ValueType::kUnsignedInt}};
  struct Case {
    const char* args;
    cwmp::Body answer;
    bool restart;
  };
  const Case cases[] = {
      {R"({"name":"reboot"})", cwmp::RebootResponse{}, true},
      {R"({"name":"factoryReset"})", cwmp::FactoryResetResponse{}, true},
      {R"({"name":"download","fileId":"fw-2.bin"})",
       cwmp::DownloadResponse{1, "0001-01-01T00:00:00Z", "0001-01-01T00:00:00Z"}, true},
      {R"({"name":"getParameterValues","parameterNames":["Device.DeviceInfo.UpTime"]})", gpv_answer, false},
      {R"({"name":"reboot"})", cpe_fault(9001), false},  // refused: nothing restarts
  };
  for (const auto& c : cases) {
    RestartSink sink;
    auto s = open(known({task(c.args)}), inform({{"6 CONNECTION REQUEST", ""}}));
    s->set_telemetry_sink(&sink);
    ASSERT_EQ(s->handle(nullptr).http_status, 200) << c.args;
    clock.advance(std::chrono::seconds(3));
    send(*s, c.answer);
    if (!c.restart) {
      EXPECT_TRUE(sink.restarts.empty()) << c.args;
      continue;
    }
    ASSERT_EQ(sink.restarts.size(), 1u) << c.args;
    EXPECT_EQ(sink.restarts[0].first, "00D09E-HG1-SN1");
    EXPECT_EQ(sink.restarts[0].second, to_unix_ms(clock.now()));
  }
}

TEST_F(SessionTest, RestartWithoutASinkTellsNobody) {
  auto s = open(known({task(R"({"name":"reboot"})")}), inform({{"6 CONNECTION REQUEST", ""}}));
  expect_request<cwmp::Reboot>(s->handle(nullptr));
  Step end = send(*s, cwmp::RebootResponse{});
  EXPECT_EQ(end.http_status, 204);
}

}  // namespace
}  // namespace hearth::acs::testing
