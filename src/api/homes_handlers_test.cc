// Reading subscribers, homes and topology: /regions, /access-nodes, /homes, /subscribers.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "api/api_test_support.h"
#include "core/ids.h"

namespace hearth::api::testing {
namespace {

using nlohmann::json;

class HomesApiTest : public ::testing::Test {
 protected:
  // north: an-1 (home-1 of Anna with a gateway that has connected and an extender that has not,
  // home-2 of Bo), an-2 (no homes); south: an-3 (home-3 of Cecilia).
  void SetUp() override {
    gateway_ = ApiHarness::sample_device("HRS1", "HG8245Q2");
    h_.add_device(gateway_);
    auto sub = [](const char* account, const char* name, const char* email, const char* city) {
      store::SubscriberRecord s;
      s.account = account;
      s.name = name;
      s.email = email;
      s.street = "Storgatan 1";
      s.postal_code = "11122";
      s.city = city;
      s.password_hash =
          std::string(account) == "1000001" ? "$argon2id$v=19$secret-hash-must-not-leak" : "";
      s.created_ms = s.updated_ms = 1'767'225'600'000;
      return s;
    };
    auto home = [](const char* id, const char* account, const char* node,
                   std::vector<store::HomeDevice> devices) {
      store::HomeRecord h;
      h.id = id;
      h.account = account;
      h.access_node_id = node;
      h.devices = std::move(devices);
      return h;
    };
    const store::HomeDevice gw{"gateway", gateway_.id, "HRS1", "00D09E", "HG8245Q2", "Acme"};
    const store::HomeDevice ext{
        "extender", make_device_id("00D09E", "EX1", "HRS1E1"), "HRS1E1", "00D09E", "EX1", "Acme"};
    const Status s = h_.store().write_sync(
        store::WriteBatch()
            .add(store::PutRegion{{"north", "Nordstad", 0, 0}})
            .add(store::PutRegion{{"south", "Sydby", 0, 0}})
            .add(store::PutAccessNode{{"an-1", "OLT Nordstad 1/1", "olt-port", "north", 0, 0}})
            .add(store::PutAccessNode{{"an-2", "OLT Nordstad 1/2", "olt-port", "north", 0, 0}})
            .add(store::PutAccessNode{{"an-3", "DSLAM Sydby", "dslam", "south", 0, 0}})
            .add(store::PutSubscriber{sub("1000001", "Anna Berg", "anna@example.net", "Nordstad")})
            .add(store::PutSubscriber{sub("1000002", "Bo Ek", "bo@example.net", "Nordstad")})
            .add(store::PutSubscriber{sub("1000003", "Cecilia Lund", "", "Sydby")})
            .add(store::PutHome{home("home-1", "1000001", "an-1", {gw, ext})})
            .add(store::PutHome{home("home-2", "1000002", "an-1", {})})
            .add(store::PutHome{home("home-3", "1000003", "an-3", {})}));
    ASSERT_TRUE(s.ok()) << s.error().message;
  }

  json get(const std::string& target, int status = 200) {
    const ApiResponse r = h_.call("GET", target);
    EXPECT_EQ(r.status, status) << target << ": " << r.body;
    return body_json(r);
  }
  static std::vector<std::string> ids(const json& list, const char* key = "id") {
    std::vector<std::string> out;
    for (const auto& item : list["items"]) out.push_back(item[key]);
    return out;
  }

  ApiHarness h_;
  store::DeviceRecord gateway_;
};

TEST_F(HomesApiTest, RegionsCountTheirAccessNodesAndHomes) {
  const json j = get("/api/v1/regions");
  EXPECT_EQ(j["total"], 2);
  ASSERT_EQ(j["items"].size(), 2u);
  EXPECT_EQ(j["items"][0]["id"], "north");
  EXPECT_EQ(j["items"][0]["name"], "Nordstad");
  EXPECT_EQ(j["items"][0]["accessNodes"], 2);
  EXPECT_EQ(j["items"][0]["homes"], 2);
  EXPECT_EQ(j["items"][1]["accessNodes"], 1);
  EXPECT_EQ(j["items"][1]["homes"], 1);
}

TEST_F(HomesApiTest, AccessNodesWithHomeCountsFilteredByRegion) {
  const json all = get("/api/v1/access-nodes");
  EXPECT_EQ(ids(all), (std::vector<std::string>{"an-1", "an-2", "an-3"}));
  EXPECT_EQ(all["items"][0]["homes"], 2);
  EXPECT_EQ(all["items"][1]["homes"], 0);
  EXPECT_EQ(all["items"][0]["kind"], "olt-port");
  EXPECT_EQ(all["items"][0]["region"], "north");
  EXPECT_EQ(ids(get("/api/v1/access-nodes?region=south")), (std::vector<std::string>{"an-3"}));
  EXPECT_TRUE(get("/api/v1/access-nodes?region=west")["items"].empty());
  const json page = get("/api/v1/access-nodes?offset=1&limit=1");
  EXPECT_EQ(ids(page), (std::vector<std::string>{"an-2"}));
  EXPECT_EQ(page["more"], true);
}

TEST_F(HomesApiTest, HomeSearch) {
  struct Case {
    std::string query;
    std::vector<std::string> ids;
  };
  const Case cases[] = {
      {"", {"home-1", "home-2", "home-3"}},
      {"accessNode=an-1", {"home-1", "home-2"}},
      {"region=south", {"home-3"}},
      {"account=1000002", {"home-2"}},
      {"q=berg", {"home-1"}},
      {"q=SYDBY", {"home-3"}},
      {"q=bo%40example", {"home-2"}},
      {"region=north&q=anna", {"home-1"}},
      {"accessNode=an-2", {}},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(ids(get("/api/v1/homes?" + c.query)), c.ids) << c.query;
  }
  const json page = get("/api/v1/homes?offset=2&limit=1");
  EXPECT_EQ(page["total"], 3);
  EXPECT_EQ(page["more"], false);
  EXPECT_EQ(ids(page), (std::vector<std::string>{"home-3"}));
  EXPECT_EQ(get("/api/v1/homes?q=" + std::string(300, 'x'), 400)["error"]["code"],
            "invalid_argument");
  EXPECT_EQ(get("/api/v1/homes?limit=x", 400)["error"]["code"], "invalid_argument");
}

TEST_F(HomesApiTest, ListedHomesCarryTheirSubscriberAndDevices) {
  const json item = get("/api/v1/homes?account=1000001")["items"][0];
  EXPECT_EQ(item["accessNode"], "an-1");
  EXPECT_EQ(item["subscriber"]["name"], "Anna Berg");
  ASSERT_EQ(item["devices"].size(), 2u);
  EXPECT_EQ(item["devices"][0]["deviceId"], gateway_.id);
  EXPECT_EQ(item["devices"][0]["role"], "gateway");
}

TEST_F(HomesApiTest, OneHomeWithSubscriberTopologyAndDeviceStatus) {
  const ApiResponse r = h_.call("GET", "/api/v1/homes/home-1");
  ASSERT_EQ(r.status, 200) << r.body;
  const json j = body_json(r);
  EXPECT_EQ(j["id"], "home-1");
  EXPECT_EQ(j["account"], "1000001");
  EXPECT_EQ(j["subscriber"]["email"], "anna@example.net");
  EXPECT_EQ(j["subscriber"]["address"]["city"], "Nordstad");
  EXPECT_EQ(j["subscriber"]["hasPassword"], true);
  EXPECT_EQ(j["topology"]["accessNode"]["name"], "OLT Nordstad 1/1");
  EXPECT_EQ(j["topology"]["region"]["name"], "Nordstad");
  ASSERT_EQ(j["devices"].size(), 2u);
  EXPECT_EQ(j["devices"][0]["known"], true);
  EXPECT_EQ(j["devices"][0]["lastInform"], "2026-01-01T00:00:00Z");
  EXPECT_EQ(j["devices"][0]["softwareVersion"], "1.0.0");
  EXPECT_EQ(j["devices"][1]["known"], false);  // never connected
  EXPECT_TRUE(j["devices"][1]["lastInform"].is_null());
  EXPECT_EQ(j["devices"][1]["serial"], "HRS1E1");
  EXPECT_EQ(r.body.find("secret-hash"), std::string::npos) << "the password hash leaked";
}

TEST_F(HomesApiTest, APlanIsShownWhenKnownAndNullOtherwise) {
  store::HomeRecord h = **h_.store().get_home("home-2");
  h.plan_down_kbps = 1000000;
  h.plan_up_kbps = 250000;
  ASSERT_TRUE(h_.store().write_sync(store::WriteBatch().add(store::PutHome{h})).ok());
  const json plan = {{"downKbps", 1000000}, {"upKbps", 250000}};
  EXPECT_EQ(get("/api/v1/homes/home-2")["plan"], plan);
  EXPECT_TRUE(get("/api/v1/homes/home-1")["plan"].is_null());
  const json list = get("/api/v1/homes?accessNode=an-1");
  ASSERT_EQ(ids(list), (std::vector<std::string>{"home-1", "home-2"}));
  EXPECT_TRUE(list["items"][0]["plan"].is_null());
  EXPECT_EQ(list["items"][1]["plan"], plan);
}

TEST_F(HomesApiTest, SubscriberWithHomesAndWithoutHash) {
  const ApiResponse r = h_.call("GET", "/api/v1/subscribers/1000001");
  ASSERT_EQ(r.status, 200) << r.body;
  const json j = body_json(r);
  EXPECT_EQ(j["account"], "1000001");
  EXPECT_EQ(j["name"], "Anna Berg");
  EXPECT_EQ(j["hasPassword"], true);
  EXPECT_FALSE(j.contains("passwordHash"));
  EXPECT_EQ(r.body.find("secret-hash"), std::string::npos);
  ASSERT_EQ(j["homes"].size(), 1u);
  EXPECT_EQ(j["homes"][0]["id"], "home-1");
  EXPECT_EQ(get("/api/v1/subscribers/1000003")["hasPassword"], false);
}

TEST_F(HomesApiTest, UnknownOnesAreNotFound) {
  EXPECT_EQ(get("/api/v1/homes/home-9", 404)["error"]["code"], "not_found");
  EXPECT_EQ(get("/api/v1/subscribers/9999999", 404)["error"]["code"], "not_found");
}

}  // namespace
}  // namespace hearth::api::testing
