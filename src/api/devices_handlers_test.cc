#include <gtest/gtest.h>

#include "api/api_test_support.h"

namespace hearth::api::testing {
namespace {

using nlohmann::json;

class DevicesApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store::DeviceRecord a = ApiHarness::sample_device("SN1");
    a.tags = {"pilot"};
    store::DeviceRecord b = ApiHarness::sample_device("SN2", "EX100");
    b.software_version = "2.0.0";
    b.last_inform_ms = 1'767'225'600'000 + 3'600'000;
    // A serial with bytes that the id percent-encodes: the id itself holds '%'.
    store::DeviceRecord c = ApiHarness::sample_device("SN 3/x");
    h_.add_device(a);
    h_.add_device(b);
    h_.add_device(c);
    h_.add_parameters(a.id, {{"Device.DeviceInfo.SoftwareVersion", "1.0.0", cwmp::ValueType::kString},
                             {"Device.DeviceInfo.UpTime", "42", cwmp::ValueType::kUnsignedInt},
                             {"Device.WiFi.SSID.1.SSID", "Home", cwmp::ValueType::kString}});
    id_a_ = a.id;
    id_c_ = c.id;
  }
  ApiHarness h_;
  std::string id_a_, id_c_;
};

TEST_F(DevicesApiTest, ListsAllWithPaging) {
  const ApiResponse r = h_.call("GET", "/api/v1/devices");
  ASSERT_EQ(r.status, 200) << r.body;
  const json j = body_json(r);
  EXPECT_EQ(j["total"], 3);
  EXPECT_EQ(j["items"].size(), 3u);
  EXPECT_EQ(j["offset"], 0);
  EXPECT_EQ(j["limit"], 100);
  EXPECT_EQ(j["more"], false);

  const json page = body_json(h_.call("GET", "/api/v1/devices?offset=1&limit=1"));
  EXPECT_EQ(page["total"], 3);
  EXPECT_EQ(page["items"].size(), 1u);
  EXPECT_EQ(page["more"], true);
}

TEST_F(DevicesApiTest, SearchFilters) {
  struct Case {
    std::string query;
    size_t expected;
  };
  const Case cases[] = {
      {"serial=SN2", 1},
      {"model=EX100", 1},
      {"softwareVersion=2.0.0", 1},
      {"tag=pilot", 1},
      {"q=SN", 3},
      {"lastInformAfter=2026-01-01T00:30:00Z", 1},
      {"lastInformBefore=2026-01-01T00:30:00Z", 2},
      {"lastInformAfter=1767227400000", 1},
      {"parameter=Device.WiFi.SSID.1.SSID&value=Home", 1},
      {"parameter=Device.WiFi.SSID.1.SSID&value=Other", 0},
  };
  for (const Case& c : cases) {
    const ApiResponse r = h_.call("GET", "/api/v1/devices?" + c.query);
    ASSERT_EQ(r.status, 200) << c.query << ": " << r.body;
    EXPECT_EQ(body_json(r)["items"].size(), c.expected) << c.query;
  }
}

TEST_F(DevicesApiTest, BadSearchParametersAreClearErrors) {
  const char* queries[] = {
      "limit=-1",        "limit=ten",     "offset=x",          "lastInformBefore=yesterday",
      "parameter=Device.X", "value=1",    "offset=99999999999999",
  };
  for (const char* q : queries) {
    const ApiResponse r = h_.call("GET", std::string("/api/v1/devices?") + q);
    EXPECT_EQ(r.status, 400) << q;
    EXPECT_EQ(error_code(r), "invalid_argument") << q;
    EXPECT_FALSE(body_json(r)["error"]["message"].get<std::string>().empty());
  }
  const ApiResponse long_q = h_.call("GET", "/api/v1/devices?q=" + std::string(300, 'a'));
  EXPECT_EQ(long_q.status, 400);
}

TEST_F(DevicesApiTest, OversizedLimitIsCapped) {
  const ApiResponse r = h_.call("GET", "/api/v1/devices?limit=100000000000");
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(body_json(r)["limit"], 1000);
}

TEST_F(DevicesApiTest, GetsOneDeviceWithItsTree) {
  const ApiResponse r = h_.call("GET", "/api/v1/devices/" + encode_segment(id_a_));
  ASSERT_EQ(r.status, 200) << r.body;
  const json j = body_json(r);
  EXPECT_EQ(j["id"], id_a_);
  EXPECT_EQ(j["oui"], "00D09E");
  EXPECT_EQ(j["productClass"], "HG8245");
  EXPECT_EQ(j["serialNumber"], "SN1");
  EXPECT_EQ(j["manufacturer"], "Acme");
  EXPECT_EQ(j["modelName"], "Gateway HG8245");
  EXPECT_EQ(j["softwareVersion"], "1.0.0");
  EXPECT_EQ(j["hardwareVersion"], "A1");
  EXPECT_EQ(j["root"], "Device.");
  EXPECT_EQ(j["lastInform"], "2026-01-01T00:00:00Z");
  EXPECT_EQ(j["firstSeen"], "2026-01-01T00:00:00Z");
  EXPECT_TRUE(j["lastBoot"].is_null());
  EXPECT_TRUE(j["lastBootstrap"].is_null());
  EXPECT_EQ(j["lastAddress"], "192.0.2.10");
  EXPECT_EQ(j["informInterval"], 300);
  EXPECT_EQ(j["tags"], json::array({"pilot"}));
  ASSERT_EQ(j["parameters"].size(), 3u);
  const json& p = j["parameters"][1];
  EXPECT_EQ(p["name"], "Device.DeviceInfo.UpTime");
  EXPECT_EQ(p["value"], "42");
  EXPECT_EQ(p["type"], "unsignedInt");
  EXPECT_EQ(p["writable"], false);
  EXPECT_EQ(p["updated"], "2026-01-01T00:00:00Z");
  for (const char* secret : {"authHa1", "crPassword", "crUsername", "authUsername", "stateJson"}) {
    EXPECT_FALSE(j.contains(secret)) << secret;
  }
}

TEST_F(DevicesApiTest, GetsASubtree) {
  const json j = body_json(h_.call("GET", "/api/v1/devices/" + encode_segment(id_a_) + "?parameters=Device.WiFi."));
  ASSERT_EQ(j["parameters"].size(), 1u);
  EXPECT_EQ(j["parameters"][0]["name"], "Device.WiFi.SSID.1.SSID");
}

TEST_F(DevicesApiTest, PercentEncodedIdsAreDecodedOnce) {
  ASSERT_NE(id_c_.find('%'), std::string::npos);  // "00D09E-HG8245-SN%203%2Fx"
  const ApiResponse r = h_.call("GET", "/api/v1/devices/" + encode_segment(id_c_));
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(body_json(r)["serialNumber"], "SN 3/x");
  // Sent without encoding its '%', the id decodes to something else and is not found.
  EXPECT_EQ(h_.call("GET", "/api/v1/devices/" + id_c_).status, 404);
}

TEST_F(DevicesApiTest, UnknownDeviceIs404Everywhere) {
  for (const auto& [method, suffix] : std::vector<std::pair<std::string, std::string>>{
           {"GET", ""}, {"DELETE", ""}, {"PUT", "/tags/x"}, {"DELETE", "/tags/x"}, {"GET", "/events"},
           {"GET", "/tasks"}, {"GET", "/faults"}, {"DELETE", "/faults"}, {"DELETE", "/faults/1"}}) {
    const ApiResponse r = h_.call(method, "/api/v1/devices/nope" + suffix);
    EXPECT_EQ(r.status, 404) << method << suffix;
    EXPECT_EQ(error_code(r), "not_found") << method << suffix;
  }
  const ApiResponse task = h_.call("POST", "/api/v1/devices/nope/tasks", R"({"name":"reboot"})");
  EXPECT_EQ(task.status, 404);
}

TEST_F(DevicesApiTest, TagsAreAddedAndRemovedIdempotently) {
  const std::string base = "/api/v1/devices/" + encode_segment(id_a_) + "/tags/";
  ApiResponse r = h_.call("PUT", base + "floor-2");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(body_json(r)["tags"], json::array({"pilot", "floor-2"}));
  EXPECT_EQ(body_json(h_.call("PUT", base + "floor-2"))["tags"].size(), 2u);
  EXPECT_EQ(body_json(h_.call("GET", "/api/v1/devices?tag=floor-2"))["total"], 1);
  r = h_.call("DELETE", base + "pilot");
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(body_json(r)["tags"], json::array({"floor-2"}));
  EXPECT_EQ(h_.call("DELETE", base + "pilot").status, 200);
  EXPECT_EQ(h_.call("PUT", base + "bad%20tag").status, 400);
  EXPECT_EQ(h_.call("PUT", base + std::string(65, 't')).status, 400);
}

TEST_F(DevicesApiTest, DeleteRemovesTheDevice) {
  const std::string path = "/api/v1/devices/" + encode_segment(id_a_);
  const ApiResponse r = h_.call("DELETE", path);
  EXPECT_EQ(r.status, 204);
  EXPECT_TRUE(r.body.empty());
  EXPECT_EQ(h_.call("GET", path).status, 404);
  EXPECT_EQ(body_json(h_.call("GET", "/api/v1/devices"))["total"], 2);
}

TEST_F(DevicesApiTest, ListsEventsNewestFirst) {
  store::AddEvents events;
  events.events = {{id_a_, 1'767'225'600'000, "0 BOOTSTRAP", ""}, {id_a_, 1'767'225'660'000, "1 BOOT", ""},
                   {id_a_, 1'767'225'720'000, "M Reboot", "rb-1"}};
  ASSERT_TRUE(h_.store().write_sync(store::WriteBatch().add(events)).ok());
  const json j = body_json(h_.call("GET", "/api/v1/devices/" + encode_segment(id_a_) + "/events?limit=2"));
  ASSERT_EQ(j["items"].size(), 2u);
  EXPECT_EQ(j["items"][0]["code"], "M Reboot");
  EXPECT_EQ(j["items"][0]["commandKey"], "rb-1");
  EXPECT_EQ(j["items"][0]["time"], "2026-01-01T00:02:00Z");
  EXPECT_EQ(j["more"], true);
  EXPECT_TRUE(j["total"].is_null());
}

}  // namespace
}  // namespace hearth::api::testing
