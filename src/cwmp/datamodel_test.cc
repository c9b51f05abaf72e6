// A real CPE tree (Huawei BM632w, TR-098, 1006 rows) through GetParameterValuesResponse and
// GetParameterNamesResponse, written and parsed back.
#include "cwmp/datamodel_csv.h"

#include <gtest/gtest.h>

#include "cwmp/codec.h"
#include "cwmp/message_equal.h"
#include "cwmp/test_fixtures.h"

namespace hearth::cwmp {
namespace {

std::vector<DataModelEntry> load_tree() {
  auto rows = parse_datamodel_csv(testing::read_fixture("huawei-bm632w-tr098-datamodel.csv"));
  EXPECT_TRUE(rows.ok()) << rows.error().message;
  return rows.ok() ? *rows : std::vector<DataModelEntry>{};
}

TEST(DataModelCsvTest, ReadsEveryRowOfTheCapture) {
  const auto rows = load_tree();
  ASSERT_EQ(rows.size(), 1006u);
  size_t objects = 0;
  for (const auto& r : rows) objects += r.is_object;
  EXPECT_EQ(objects, 210u);
  EXPECT_EQ(rows[0].name, "DeviceID.Manufacturer");
  EXPECT_EQ(rows[0].value, "Huawei Technologies Co., Ltd.");  // quoted field with a comma
  EXPECT_EQ(rows[4].name, "InternetGatewayDevice.");
  EXPECT_TRUE(rows[4].is_object);
}

TEST(DataModelCsvTest, RejectsBrokenRows) {
  EXPECT_FALSE(parse_datamodel_csv("Parameter,Object,Writable,Value,Value type\nA,false\n").ok());
  EXPECT_FALSE(parse_datamodel_csv("A,false,false,\"open,xsd:string\n").ok());
}

TEST(DataModelRoundTripTest, GetParameterValuesResponseWithTheWholeTree) {
  GetParameterValuesResponse gpv;
  for (const auto& r : load_tree()) {
    if (!r.is_object) gpv.parameters.push_back({r.name, r.value, r.type});
  }
  ASSERT_EQ(gpv.parameters.size(), 796u);
  Envelope env;
  env.header.id = "gpv-all";
  env.cwmp_ns = "urn:dslforum-org:cwmp-1-0";
  env.body = gpv;
  const std::string xml = write_envelope(env);
  EXPECT_NE(xml.find("cwmp:ParameterValueStruct[796]"), std::string::npos);
  auto back = parse_envelope(xml);
  ASSERT_TRUE(back.ok()) << back.error().message;
  EXPECT_TRUE(same_envelope(env, *back));
  const auto& params = std::get<GetParameterValuesResponse>(back->body).parameters;
  for (const auto& p : params) {
    if (p.type == ValueType::kDateTime) {
      EXPECT_EQ(p.value, "2013-08-16T17:14:42.000Z");
    }
  }
}

TEST(DataModelRoundTripTest, GetParameterNamesResponseWithTheWholeTree) {
  GetParameterNamesResponse gpn;
  for (const auto& r : load_tree()) gpn.parameters.push_back({r.name, r.writable});
  ASSERT_EQ(gpn.parameters.size(), 1006u);
  Envelope env;
  env.body = gpn;
  const std::string xml = write_envelope(env);
  EXPECT_NE(xml.find("cwmp:ParameterInfoStruct[1006]"), std::string::npos);
  auto back = parse_envelope(xml);
  ASSERT_TRUE(back.ok()) << back.error().message;
  EXPECT_TRUE(same_envelope(env, *back));
}

}  // namespace
}  // namespace hearth::cwmp
