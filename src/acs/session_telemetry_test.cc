// The diagnosis' telemetry read at the end of a session (session_telemetry.cc).
#include "acs/session_test_support.h"

#include <gtest/gtest.h>

namespace hearth::acs::testing {
namespace {

using nlohmann::json;

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

}  // namespace
}  // namespace hearth::acs::testing
