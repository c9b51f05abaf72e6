// Every ACS request answered, read back with the codec (tr069.md 3.2, 4).
#include <gtest/gtest.h>

#include "sim/cpe/cpe_test_util.h"

namespace hearth::sim::cpe::testing {
namespace {

using cwmp::ParameterValue;
using cwmp::ValueType;

// Runs one request inside a session that is already in the ACS-driving phase.
struct RpcHarness : Harness {
  RpcHarness() {
    power_on();
    begin();
    inform_response();
  }
  cwmp::Envelope ask(cwmp::Body b, const std::string& id = "acs-1") {
    const Cpe::Next n = request(std::move(b), id);
    EXPECT_FALSE(n.done);
    return parse(n.body);
  }
};

uint32_t fault_code(const cwmp::Envelope& env) {
  const auto* f = std::get_if<cwmp::Fault>(&env.body);
  return f ? f->code : 0;
}

TEST(CpeRpcTest, EveryRequestIsAnswered) {
  struct Case {
    cwmp::Body request;
    std::string response;
  };
  const Case cases[] = {
      {cwmp::GetRPCMethods{}, "GetRPCMethodsResponse"},
      {cwmp::GetParameterNames{"Device.", true}, "GetParameterNamesResponse"},
      {cwmp::GetParameterValues{{"Device.DeviceInfo."}}, "GetParameterValuesResponse"},
      {cwmp::SetParameterValues{{{"Device.WiFi.SSID.1.SSID", "Guest", ValueType::kString}}, "k1"},
       "SetParameterValuesResponse"},
      {cwmp::GetParameterAttributes{{"Device.WiFi.SSID.1.SSID"}}, "GetParameterAttributesResponse"},
      {cwmp::SetParameterAttributes{{{"Device.WiFi.SSID.1.SSID", true, 1, false, {}}}},
       "SetParameterAttributesResponse"},
      {cwmp::AddObject{"Device.WiFi.SSID.", "k2"}, "AddObjectResponse"},
      {cwmp::DeleteObject{"Device.WiFi.SSID.1.", "k3"}, "DeleteObjectResponse"},
      {cwmp::Reboot{"rb"}, "RebootResponse"},
      {cwmp::FactoryReset{}, "FactoryResetResponse"},
      {cwmp::Download{"dl", "1 Firmware Upgrade Image", "http://acs/fw-2.0.bin"},
       "DownloadResponse"},
      {cwmp::ScheduleInform{60, "si"}, "ScheduleInformResponse"},
      {cwmp::UnknownMethod{"X_ACME_Blink"}, "Fault"},
  };
  int id = 0;
  for (const auto& c : cases) {
    RpcHarness h;
    const std::string request_id = "req-" + std::to_string(++id);
    const cwmp::Envelope env = h.ask(c.request, request_id);
    EXPECT_EQ(cwmp::body_method_name(env.body), c.response) << cwmp::body_method_name(c.request);
    EXPECT_EQ(env.header.id, request_id);  // echoed
    EXPECT_EQ(env.cwmp_ns, "urn:dslforum-org:cwmp-1-0");
  }
}

TEST(CpeRpcTest, UnknownMethodIsFault9000) {
  RpcHarness h;
  const cwmp::Envelope env = h.ask(cwmp::UnknownMethod{"Upload"});
  EXPECT_EQ(fault_code(env), 9000u);
  EXPECT_EQ(std::get<cwmp::Fault>(env.body).faultcode, "Server");
  // The session goes on.
  EXPECT_EQ(cwmp::body_method_name(h.ask(cwmp::GetRPCMethods{}).body),
            std::string("GetRPCMethodsResponse"));
  EXPECT_TRUE(h.end().done);
}

TEST(CpeRpcTest, GetRpcMethodsListsWhatIsImplemented) {
  RpcHarness h;
  const auto r = std::get<cwmp::GetRPCMethodsResponse>(h.ask(cwmp::GetRPCMethods{}).body);
  for (const char* m :
       {"GetParameterNames", "GetParameterValues", "SetParameterValues", "GetParameterAttributes",
        "SetParameterAttributes", "AddObject", "DeleteObject", "Reboot", "FactoryReset", "Download",
        "ScheduleInform", "GetRPCMethods"}) {
    EXPECT_NE(std::find(r.methods.begin(), r.methods.end(), m), r.methods.end()) << m;
  }
}

std::vector<std::string> gpn(RpcHarness& h, const std::string& path, bool next_level) {
  const cwmp::Envelope env = h.ask(cwmp::GetParameterNames{path, next_level});
  std::vector<std::string> out;
  if (const auto* r = std::get_if<cwmp::GetParameterNamesResponse>(&env.body)) {
    for (const auto& p : r->parameters) out.push_back(p.name + (p.writable ? " w" : ""));
  } else {
    out.push_back("fault " + std::to_string(fault_code(env)));
  }
  return out;
}

TEST(CpeRpcTest, GetParameterNamesBothForms) {
  RpcHarness h;
  using V = std::vector<std::string>;
  EXPECT_EQ(gpn(h, "Device.WiFi.", true),
            (V{"Device.WiFi.RadioNumberOfEntries", "Device.WiFi.Radio.", "Device.WiFi.SSID. w"}));
  EXPECT_EQ(gpn(h, "Device.WiFi.SSID.", false),
            (V{"Device.WiFi.SSID. w", "Device.WiFi.SSID.1.", "Device.WiFi.SSID.1.Enable w",
               "Device.WiFi.SSID.1.SSID w"}));
  EXPECT_EQ(gpn(h, "Device.WiFi.SSID.1.SSID", false), (V{"Device.WiFi.SSID.1.SSID w"}));
  EXPECT_EQ(gpn(h, "", true), (V{"Device."}));
  const V all = gpn(h, "", false);
  EXPECT_EQ(all.front(), "Device.");
  EXPECT_NE(std::find(all.begin(), all.end(), "Device.IP.Diagnostics.IPPing.Host w"), all.end());
  EXPECT_NE(std::find(all.begin(), all.end(), "Device.DeviceInfo.MemoryStatus."), all.end());
  // Every object comes before its parameters.
  const auto obj = std::find(all.begin(), all.end(), "Device.WiFi.Radio.1.");
  const auto leaf = std::find(all.begin(), all.end(), "Device.WiFi.Radio.1.Channel w");
  EXPECT_LT(obj, leaf);

  EXPECT_EQ(gpn(h, "Device.Nope.", false), (V{"fault 9005"}));
  EXPECT_EQ(gpn(h, "Device.Nope", false), (V{"fault 9005"}));
  EXPECT_EQ(gpn(h, "Device.WiFi", true), (V{"fault 9005"}));  // an object without its dot
  EXPECT_EQ(gpn(h, "Device.WiFi.SSID.1.SSID", true), (V{"fault 9003"}));
}

TEST(CpeRpcTest, GetParameterValuesNamesAndPartialPaths) {
  RpcHarness h;
  h.advance(12000);
  const cwmp::Envelope env = h.ask(cwmp::GetParameterValues{
      {"Device.DeviceInfo.UpTime", "Device.WiFi.SSID.", "Device.WiFi.Radio.1.Enable"}});
  const auto& r = std::get<cwmp::GetParameterValuesResponse>(env.body);
  ASSERT_EQ(r.parameters.size(), 4u);
  EXPECT_EQ(r.parameters[0].name, "Device.DeviceInfo.UpTime");
  EXPECT_EQ(r.parameters[0].value, "12");
  EXPECT_EQ(r.parameters[0].type, ValueType::kUnsignedInt);
  EXPECT_EQ(r.parameters[1].name, "Device.WiFi.SSID.1.Enable");
  EXPECT_EQ(r.parameters[2].value, "Home-1234");
  EXPECT_EQ(r.parameters[3].type, ValueType::kBoolean);
  EXPECT_EQ(r.parameters[3].value, "true");

  for (const char* bad : {"Device.Nope", "Device.Nope.", "Device.WiFi.SSID.9."}) {
    EXPECT_EQ(fault_code(h.ask(cwmp::GetParameterValues{{"Device.DeviceInfo.UpTime", bad}})), 9005u)
        << bad;
  }
  // The whole tree.
  const auto all =
      std::get<cwmp::GetParameterValuesResponse>(h.ask(cwmp::GetParameterValues{{""}}).body);
  EXPECT_EQ(all.parameters.size(), h.dm->parameters(h.now).size());
}

TEST(CpeRpcTest, SetParameterValuesStoresTheParameterKey) {
  RpcHarness h;
  const cwmp::Envelope env = h.ask(
      cwmp::SetParameterValues{{{"Device.WiFi.SSID.1.SSID", "NewName", ValueType::kString},
                                {"Device.WiFi.Radio.1.Channel", "11", ValueType::kUnsignedInt}},
                               "cfg-17"});
  EXPECT_EQ(std::get<cwmp::SetParameterValuesResponse>(env.body).status, 0);
  EXPECT_EQ(h.dm->value("Device.WiFi.SSID.1.SSID"), "NewName");
  const auto gpv = std::get<cwmp::GetParameterValuesResponse>(
      h.ask(cwmp::GetParameterValues{{"Device.ManagementServer.ParameterKey"}}).body);
  EXPECT_EQ(gpv.parameters.at(0).value, "cfg-17");
  EXPECT_TRUE(h.end().done);
  // ... and reports it in every Inform.
  ASSERT_TRUE(h.until_session());
  const cwmp::Inform inform = h.begin();
  const auto it =
      std::find_if(inform.parameters.begin(), inform.parameters.end(),
                   [](const auto& p) { return p.name == "Device.ManagementServer.ParameterKey"; });
  ASSERT_NE(it, inform.parameters.end());
  EXPECT_EQ(it->value, "cfg-17");
}

TEST(CpeRpcTest, SetParameterValuesStatusOneForManagementChanges) {
  RpcHarness h;
  const cwmp::Envelope env = h.ask(cwmp::SetParameterValues{
      {{"Device.ManagementServer.PeriodicInformInterval", "600", ValueType::kUnsignedInt}}, "k"});
  EXPECT_EQ(std::get<cwmp::SetParameterValuesResponse>(env.body).status, 1);
  EXPECT_TRUE(h.end().done);
  const int64_t ended = h.now;
  // The new interval applies from the end of the session.
  ASSERT_TRUE(h.until_session());
  EXPECT_GE(h.now, ended + 570000);
  EXPECT_LE(h.now, ended + 630000);
}

TEST(CpeRpcTest, SetParameterValuesFaultsPerParameterAndChangesNothing) {
  RpcHarness h;
  const cwmp::Envelope env = h.ask(
      cwmp::SetParameterValues{{{"Device.WiFi.SSID.1.SSID", "X", ValueType::kString},
                                {"Device.Nope", "1", ValueType::kString},
                                {"Device.DeviceInfo.UpTime", "1", ValueType::kUnsignedInt},
                                {"Device.WiFi.Radio.1.Channel", "abc", ValueType::kUnsignedInt}},
                               "bad"});
  const auto& f = std::get<cwmp::Fault>(env.body);
  EXPECT_EQ(f.code, 9003u);
  EXPECT_EQ(f.faultcode, "Client");
  ASSERT_EQ(f.set_parameter_values_faults.size(), 3u);
  EXPECT_EQ(f.set_parameter_values_faults[0].parameter_name, "Device.Nope");
  EXPECT_EQ(f.set_parameter_values_faults[0].code, 9005u);
  EXPECT_EQ(f.set_parameter_values_faults[1].code, 9008u);
  EXPECT_EQ(f.set_parameter_values_faults[2].code, 9007u);
  EXPECT_FALSE(f.set_parameter_values_faults[2].string.empty());
  EXPECT_EQ(h.dm->value("Device.WiFi.SSID.1.SSID"), "Home-1234");
  const auto gpv = std::get<cwmp::GetParameterValuesResponse>(
      h.ask(cwmp::GetParameterValues{{"Device.ManagementServer.ParameterKey"}}).body);
  EXPECT_EQ(gpv.parameters.at(0).value, "");  // not updated by a failed set
}

TEST(CpeRpcTest, AddAndDeleteObject) {
  RpcHarness h;
  const auto add =
      std::get<cwmp::AddObjectResponse>(h.ask(cwmp::AddObject{"Device.WiFi.SSID.", "k-add"}).body);
  EXPECT_EQ(add.instance_number, 2u);
  EXPECT_EQ(add.status, 0);
  EXPECT_EQ(h.dm->value("Device.WiFi.SSID.2.Enable"), "false");
  EXPECT_EQ(std::get<cwmp::DeleteObjectResponse>(
                h.ask(cwmp::DeleteObject{"Device.WiFi.SSID.2.", "k-del"}).body)
                .status,
            0);
  EXPECT_EQ(fault_code(h.ask(cwmp::DeleteObject{"Device.WiFi.SSID.2.", "k"})), 9005u);
  EXPECT_EQ(fault_code(h.ask(cwmp::AddObject{"Device.DeviceInfo.", "k"})), 9005u);
  const auto gpv = std::get<cwmp::GetParameterValuesResponse>(
      h.ask(cwmp::GetParameterValues{{"Device.ManagementServer.ParameterKey"}}).body);
  EXPECT_EQ(gpv.parameters.at(0).value, "k-del");
}

TEST(CpeRpcTest, AttributesPerNameAndPartialPath) {
  RpcHarness h;
  auto gpa = [&](const std::string& name) {
    const cwmp::Envelope env = h.ask(cwmp::GetParameterAttributes{{name}});
    std::vector<std::pair<std::string, int>> out;
    if (const auto* r = std::get_if<cwmp::GetParameterAttributesResponse>(&env.body)) {
      for (const auto& a : r->parameters) out.emplace_back(a.name, a.notification);
    } else {
      out.emplace_back("fault", static_cast<int>(fault_code(env)));
    }
    return out;
  };
  using V = std::vector<std::pair<std::string, int>>;
  EXPECT_EQ(gpa("Device.WiFi.SSID.1.SSID"), (V{{"Device.WiFi.SSID.1.SSID", 0}}));
  EXPECT_EQ(gpa("Device.DeviceInfo.SoftwareVersion"),
            (V{{"Device.DeviceInfo.SoftwareVersion", 2}}));  // forced
  h.ask(cwmp::SetParameterAttributes{{{"Device.WiFi.SSID.", true, 1, false, {}},
                                      {"Device.WiFi.SSID.1.SSID", true, 2, false, {}}}});
  EXPECT_EQ(gpa("Device.WiFi.SSID."),
            (V{{"Device.WiFi.SSID.1.Enable", 1}, {"Device.WiFi.SSID.1.SSID", 2}}));
  // A path setting replaces the more specific ones below it.
  h.ask(cwmp::SetParameterAttributes{{{"Device.WiFi.", true, 0, false, {}}}});
  EXPECT_EQ(gpa("Device.WiFi.SSID."),
            (V{{"Device.WiFi.SSID.1.Enable", 0}, {"Device.WiFi.SSID.1.SSID", 0}}));
  // NotificationChange false leaves it alone.
  h.ask(
      cwmp::SetParameterAttributes{{{"Device.WiFi.SSID.1.SSID", false, 2, true, {"Subscriber"}}}});
  EXPECT_EQ(gpa("Device.WiFi.SSID.1.SSID"), (V{{"Device.WiFi.SSID.1.SSID", 0}}));

  EXPECT_EQ(gpa("Device.Nope"), (V{{"fault", 9005}}));
  EXPECT_EQ(fault_code(h.ask(cwmp::SetParameterAttributes{{{"Device.Nope", true, 1, false, {}}}})),
            9005u);
  EXPECT_EQ(fault_code(h.ask(
                cwmp::SetParameterAttributes{{{"Device.WiFi.SSID.1.SSID", true, 4, false, {}}}})),
            9003u);
}

TEST(CpeRpcTest, DownloadRefusals) {
  struct Case {
    cwmp::Download d;
    uint32_t fault;
  };
  const Case cases[] = {
      {{"a", "2 Web Content", "http://acs/x.bin"}, 9003},
      {{"a", "1 Firmware Upgrade Image", "ftp://acs/x.bin"}, 9013},
      {{"a", "1 Firmware Upgrade Image", "acs/x.bin"}, 9013},
  };
  for (const auto& c : cases) {
    RpcHarness h;
    EXPECT_EQ(fault_code(h.ask(c.d)), c.fault) << c.d.url;
  }
  RpcHarness h;
  const auto r = std::get<cwmp::DownloadResponse>(
      h.ask(cwmp::Download{"a", "1 Firmware Upgrade Image", "https://acs/fw.bin"}).body);
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(r.start_time, "0001-01-01T00:00:00Z");
  EXPECT_EQ(
      fault_code(h.ask(cwmp::Download{"b", "1 Firmware Upgrade Image", "https://acs/fw.bin"})),
      9004u);
}

TEST(CpeRpcTest, NoSecondDownloadBeforeTheFirstIsReported) {
  Harness h;
  h.power_on();
  h.session({cwmp::Download{"a", "1 Firmware Upgrade Image", "http://acs/fw-2.bin"}});
  ASSERT_TRUE(h.cpe->take_fetch().has_value());
  h.cpe->download_finished(false, 0, h.now, 9016);
  ASSERT_TRUE(h.until_session());
  h.begin();
  ASSERT_FALSE(h.inform_response().body.empty());  // TransferComplete
  // The ACS does not acknowledge it but goes on: a new Download must wait.
  Cpe::Next n = h.request(cwmp::Fault{"Server", "CWMP fault", 8002, "Internal error", {}});
  ASSERT_TRUE(n.body.empty());
  const cwmp::Envelope env =
      parse(h.request(cwmp::Download{"b", "1 Firmware Upgrade Image", "http://acs/fw-3.bin"}).body);
  EXPECT_EQ(fault_code(env), 9004u);
}

TEST(CpeRpcTest, ScheduleInformDelayZeroIsRefused) {
  RpcHarness h;
  EXPECT_EQ(fault_code(h.ask(cwmp::ScheduleInform{0, "x"})), 9003u);
}

TEST(CpeRpcTest, AnswerOutOfTurnFailsTheSession) {
  RpcHarness h;
  const Cpe::Next n = h.request(cwmp::InformResponse{1});
  EXPECT_TRUE(n.done);
  EXPECT_TRUE(n.failed);
}

TEST(CpeRpcTest, ModelQuirksOnTheWire) {
  ModelInfo m = test_model();
  m.soap_prefix = "SOAP-ENV";
  m.cwmp_prefix = "cwmp";
  m.boolean_as_digit = true;
  m.array_count_mismatch = true;
  m.cwmp_ns = "urn:dslforum-org:cwmp-1-4";
  Harness h(CpeOptions{}, 3, m);
  h.power_on();
  const std::string inform = h.cpe->begin_session(h.now);
  EXPECT_NE(inform.find("<SOAP-ENV:Envelope"), std::string::npos);
  EXPECT_NE(inform.find("xmlns:cwmp=\"urn:dslforum-org:cwmp-1-4\""), std::string::npos);
  EXPECT_NE(inform.find("cwmp:ParameterValueStruct[7]"), std::string::npos);  // 6 sent
  EXPECT_EQ(parse(inform).cwmp_ns, "urn:dslforum-org:cwmp-1-4");
  h.inform_response();
  const Cpe::Next n = h.request(cwmp::GetParameterValues{{"Device.WiFi.SSID.1.Enable"}});
  EXPECT_NE(n.body.find(">1</Value>"), std::string::npos) << n.body;  // boolean as a digit
  EXPECT_EQ(n.body.find(">true</Value>"), std::string::npos);
  EXPECT_EQ(std::get<cwmp::GetParameterValuesResponse>(parse(n.body).body).parameters.at(0).value,
            "true");
}

}  // namespace
}  // namespace hearth::sim::cpe::testing
