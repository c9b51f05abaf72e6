#include "device/task_spec.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace hearth::device {
namespace {

using nlohmann::json;

struct GoodCase {
  const char* text;
  const char* name;
};

const GoodCase kGoodCases[] = {
    {R"({"name":"getParameterNames","parameterPath":"Device.WiFi.","nextLevel":false})", "getParameterNames"},
    {R"({"name":"getParameterNames"})", "getParameterNames"},
    {R"({"name":"getParameterValues","parameterNames":["Device.DeviceInfo.","Device.WiFi.Radio.1.Channel"]})",
     "getParameterValues"},
    {R"({"name":"setParameterValues","parameterValues":[["Device.WiFi.SSID.1.SSID","Home"],
        ["Device.WiFi.Radio.1.Channel",6,"xsd:unsignedInt"],["Device.X.Enable",true,"boolean"]]})",
     "setParameterValues"},
    {R"({"name":"getParameterAttributes","parameterNames":["Device.WiFi.SSID.1.SSID"]})", "getParameterAttributes"},
    {R"({"name":"setParameterAttributes","parameterAttributes":[{"name":"Device.X","notification":2,
        "accessList":["Subscriber"]},{"name":"Device.Y.","notification":0}]})",
     "setParameterAttributes"},
    {R"({"name":"addObject","objectName":"Device.WiFi.SSID."})", "addObject"},
    {R"({"name":"deleteObject","objectName":"Device.WiFi.SSID.3."})", "deleteObject"},
    {R"({"name":"reboot"})", "reboot"},
    {R"({"name":"reboot","maxAttempts":1})", "reboot"},
    {R"({"name":"factoryReset"})", "factoryReset"},
    {R"({"name":"download","fileId":"fw-2.3.bin"})", "download"},
    {R"({"name":"download","url":"http://files.example.net/fw.bin","fileType":"1 Firmware Upgrade Image",
        "fileSize":123,"username":"u","password":"p","targetFileName":"fw.bin","delaySeconds":30})",
     "download"},
    {R"({"name":"download","url":"https://x.example/cfg","fileType":"X 00D09E vendor-config"})", "download"},
    {R"({"name":"scheduleInform","delaySeconds":60})", "scheduleInform"},
    {R"({"name":"refresh","parameterPath":"Device.WiFi."})", "refresh"},
    {R"({"name":"refresh"})", "refresh"},
};

TEST(TaskSpecTest, EveryFormParsesAndRoundTrips) {
  for (const GoodCase& c : kGoodCases) {
    SCOPED_TRACE(c.text);
    Result<TaskSpec> spec = parse_task_spec(c.text);
    ASSERT_TRUE(spec.ok()) << spec.error().message;
    EXPECT_STREQ(task_name(spec->body), c.name);
    const std::string canonical = task_spec_to_json(*spec);
    Result<TaskSpec> again = parse_task_spec(canonical);
    ASSERT_TRUE(again.ok()) << canonical << ": " << again.error().message;
    EXPECT_EQ(task_spec_to_json(*again), canonical);
    EXPECT_EQ(again->max_attempts, spec->max_attempts);
  }
}

TEST(TaskSpecTest, KeepsTheArgumentsOfEachForm) {
  Result<TaskSpec> gpv = parse_task_spec(R"({"name":"getParameterValues","parameterNames":["A.B","A.C."]})");
  ASSERT_TRUE(gpv.ok());
  EXPECT_EQ(std::get<GetParameterValuesSpec>(gpv->body).parameter_names,
            (std::vector<std::string>{"A.B", "A.C."}));
  EXPECT_EQ(gpv->max_attempts, 5);

  Result<TaskSpec> spv = parse_task_spec(
      R"({"name":"setParameterValues","parameterValues":[["A.S","x"],["A.N","+6","xsd:unsignedInt"]],"maxAttempts":2})");
  ASSERT_TRUE(spv.ok()) << spv.error().message;
  const auto& values = std::get<SetParameterValuesSpec>(spv->body).values;
  ASSERT_EQ(values.size(), 2u);
  EXPECT_EQ(values[0].name, "A.S");
  EXPECT_EQ(values[0].value, "x");
  EXPECT_FALSE(values[0].type.has_value());
  EXPECT_EQ(values[1].value, "6");  // normalised for the type
  EXPECT_EQ(values[1].type, cwmp::ValueType::kUnsignedInt);
  EXPECT_EQ(spv->max_attempts, 2);

  Result<TaskSpec> gpn = parse_task_spec(R"({"name":"getParameterNames","parameterPath":"Device.","nextLevel":true})");
  ASSERT_TRUE(gpn.ok());
  EXPECT_EQ(std::get<GetParameterNamesSpec>(gpn->body).parameter_path, "Device.");
  EXPECT_TRUE(std::get<GetParameterNamesSpec>(gpn->body).next_level);

  Result<TaskSpec> dl = parse_task_spec(R"({"name":"download","url":"http://h/f","fileSize":9,"delaySeconds":4})");
  ASSERT_TRUE(dl.ok());
  const auto& d = std::get<DownloadSpec>(dl->body);
  EXPECT_EQ(d.url, "http://h/f");
  EXPECT_EQ(d.file_type, "1 Firmware Upgrade Image");
  EXPECT_EQ(d.file_size, 9u);
  EXPECT_EQ(d.delay_seconds, 4u);

  Result<TaskSpec> si = parse_task_spec(R"({"name":"scheduleInform","delaySeconds":60})");
  ASSERT_TRUE(si.ok());
  EXPECT_EQ(std::get<ScheduleInformSpec>(si->body).delay_seconds, 60u);
}

TEST(TaskSpecTest, CanonicalFormIsStable) {
  Result<TaskSpec> spec = parse_task_spec(R"({"parameterNames":["Device.DeviceInfo."],"name":"getParameterValues"})");
  ASSERT_TRUE(spec.ok());
  EXPECT_EQ(task_spec_to_json(*spec),
            R"({"maxAttempts":5,"name":"getParameterValues","parameterNames":["Device.DeviceInfo."]})");
}

struct BadCase {
  const char* text;
  const char* field;  // the message must start with "<field>:"; nullptr: any message
};

const BadCase kBadCases[] = {
    {"", "body"},
    {"{", "body"},
    {"[1,2]", "body"},
    {R"({})", "name"},
    {R"({"name":7})", "name"},
    {R"({"name":"explode"})", "name"},
    {R"({"name":"reboot","maxAttempts":0})", "maxAttempts"},
    {R"({"name":"reboot","maxAttempts":-1})", "maxAttempts"},
    {R"({"name":"reboot","maxAttempts":1000})", "maxAttempts"},
    {R"({"name":"reboot","maxAttempts":"3"})", "maxAttempts"},
    {R"({"name":"reboot","commandKey":"x"})", "commandKey"},
    {R"({"name":"getParameterValues"})", "parameterNames"},
    {R"({"name":"getParameterValues","parameterNames":"Device."})", "parameterNames"},
    {R"({"name":"getParameterValues","parameterNames":[]})", "parameterNames"},
    {R"({"name":"getParameterValues","parameterNames":["Device.",3]})", "parameterNames[1]"},
    {R"({"name":"getParameterValues","parameterNames":["Device.A B"]})", "parameterNames[0]"},
    {R"({"name":"getParameterValues","parameterNames":[""]})", "parameterNames[0]"},
    {R"({"name":"getParameterValues","parameterNames":["Device..X"]})", "parameterNames[0]"},
    {R"({"name":"getParameterValues","parameterName":["Device."]})", "parameterName"},
    {R"({"name":"getParameterNames","parameterPath":5})", "parameterPath"},
    {R"({"name":"getParameterNames","nextLevel":"yes"})", "nextLevel"},
    {R"({"name":"setParameterValues"})", "parameterValues"},
    {R"({"name":"setParameterValues","parameterValues":[]})", "parameterValues"},
    {R"({"name":"setParameterValues","parameterValues":[["A.B"]]})", "parameterValues[0]"},
    {R"({"name":"setParameterValues","parameterValues":[["A.B",1.5]]})", "parameterValues[0]"},
    {R"({"name":"setParameterValues","parameterValues":[["A.B","x","xsd:float"]]})", "parameterValues[0]"},
    {R"({"name":"setParameterValues","parameterValues":[["A.B","abc","xsd:unsignedInt"]]})", "parameterValues[0]"},
    {R"({"name":"setParameterValues","parameterValues":[["A.","x"]]})", "parameterValues[0]"},
    {R"({"name":"setParameterValues","parameterValues":[["A.B","x"],["A.B","y"]]})", "parameterValues[1]"},
    {R"({"name":"setParameterAttributes","parameterAttributes":[{"name":"A.B","notification":9}]})",
     "parameterAttributes[0]"},
    {R"({"name":"setParameterAttributes","parameterAttributes":[{"name":"A.B"}]})", "parameterAttributes[0]"},
    {R"({"name":"addObject"})", "objectName"},
    {R"({"name":"addObject","objectName":"Device.WiFi.SSID"})", "objectName"},
    {R"({"name":"deleteObject","objectName":""})", "objectName"},
    {R"({"name":"download"})", "fileId"},
    {R"({"name":"download","fileId":"a","url":"http://x/y"})", "url"},
    {R"({"name":"download","fileId":"../etc/passwd"})", "fileId"},
    {R"({"name":"download","url":"ftp://x/y"})", "url"},
    {R"({"name":"download","url":"http://x/a b"})", "url"},
    {R"({"name":"download","fileId":"a","fileType":"9 Unknown"})", "fileType"},
    {R"({"name":"download","fileId":"a","fileSize":-1})", "fileSize"},
    {R"({"name":"download","fileId":"a","fileSize":99999999999})", "fileSize"},
    {R"({"name":"download","fileId":"a","delaySeconds":"now"})", "delaySeconds"},
    {R"({"name":"scheduleInform"})", "delaySeconds"},
    {R"({"name":"scheduleInform","delaySeconds":0})", "delaySeconds"},
    {R"({"name":"refresh","parameterPath":["Device."]})", "parameterPath"},
};

TEST(TaskSpecTest, BadFormsNameTheField) {
  for (const BadCase& c : kBadCases) {
    SCOPED_TRACE(c.text);
    Result<TaskSpec> spec = parse_task_spec(c.text);
    ASSERT_FALSE(spec.ok());
    EXPECT_EQ(spec.error().code, ErrorCode::kInvalidArgument);
    EXPECT_EQ(spec.error().message.rfind(c.field, 0), 0u) << spec.error().message;
  }
}

TEST(TaskSpecTest, LongNamesAndValuesAreRefused) {
  const std::string long_name(300, 'a');
  json gpv = {{"name", "getParameterValues"}, {"parameterNames", {long_name}}};
  EXPECT_FALSE(parse_task_spec(gpv.dump()).ok());
  json spv = {{"name", "setParameterValues"}, {"parameterValues", {{"A.B", std::string(70000, 'x')}}}};
  EXPECT_FALSE(parse_task_spec(spv.dump()).ok());
}

TEST(TaskSpecTest, DeeplyNestedJsonIsRefusedWithoutCrashing) {
  const std::string deep = std::string(100000, '[') + std::string(100000, ']');
  EXPECT_FALSE(parse_task_spec(deep).ok());
}

}  // namespace
}  // namespace hearth::device
