#include "device/profile.h"

#include <gtest/gtest.h>

namespace hearth::device {
namespace {

TEST(ProfileTest, ParsesEveryField) {
  auto p = parse_profile(R"({"name":"base","priority":5,
      "match":{"oui":"00D09E","productClass":"HG1","tag":"pilot"},
      "preconditions":[{"parameter":"Device.DeviceInfo.ProvisioningCode","equals":"ISP1"}],
      "parameterValues":[["Device.ManagementServer.PeriodicInformInterval",300,"xsd:unsignedInt"],
                         ["Device.WiFi.Radio.1.AutoChannelEnable",true]],
      "parameterAttributes":[{"name":"Device.DeviceInfo.SoftwareVersion","notification":2}],
      "reapplyOn":["0 BOOTSTRAP"]})");
  ASSERT_TRUE(p.ok()) << p.error().message;
  EXPECT_EQ(p->name, "base");
  EXPECT_EQ(p->priority, 5);
  EXPECT_EQ(p->match.product_class, "HG1");
  ASSERT_EQ(p->parameter_values.size(), 2u);
  EXPECT_EQ(p->parameter_values[0].value, "300");
  EXPECT_EQ(p->parameter_values[1].type, cwmp::ValueType::kBoolean);
  EXPECT_EQ(p->parameter_attributes[0].notification, 2);
  EXPECT_EQ(p->reapply_on, std::vector<std::string>{"0 BOOTSTRAP"});
}

TEST(ProfileTest, RoundTripsThroughItsJson) {
  const char* texts[] = {
      R"({"name":"a","parameterValues":[["Device.X","1"]]})",
      R"({"name":"b","parameterAttributes":[{"name":"Device.X","notification":1}]})",
  };
  for (const char* text : texts) {
    auto p = parse_profile(text);
    ASSERT_TRUE(p.ok()) << p.error().message;
    auto again = parse_profile(profile_to_json(*p));
    ASSERT_TRUE(again.ok()) << again.error().message << " in " << profile_to_json(*p);
    EXPECT_EQ(profile_to_json(*again), profile_to_json(*p));
  }
}

TEST(ProfileTest, RejectsBadProfilesWithTheField) {
  const std::pair<const char*, const char*> cases[] = {
      {"not json", "JSON"},
      {R"({"parameterValues":[["Device.X","1"]]})", "name"},
      {R"({"name":"bad name!","parameterValues":[["Device.X","1"]]})", "name"},
      {R"({"name":"a"})", "parameterValues"},
      {R"({"name":"a","match":{"colour":"red"},"parameterValues":[["Device.X","1"]]})", "match.colour"},
      {R"({"name":"a","parameterValues":[["Device.X","abc","xsd:unsignedInt"]]})", "unsignedInt"},
      {R"({"name":"a","parameterValues":[["Device.X","1"],["Device.X","2"]]})", "twice"},
      {R"({"name":"a","parameterAttributes":[{"name":"Device.X","notification":9}]})", "notification"},
  };
  for (const auto& [text, needle] : cases) {
    auto p = parse_profile(text);
    ASSERT_FALSE(p.ok()) << text;
    EXPECT_NE(p.error().message.find(needle), std::string::npos) << p.error().message;
  }
}

}  // namespace
}  // namespace hearth::device
