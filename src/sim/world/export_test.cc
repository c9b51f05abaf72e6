// Tests of the import file export_fleet_json writes (scenario.h): hearthd's "hearth-import"
// format, with the vendor fields taken from the model table.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "sim/scenario.h"
#include "sim/world/test_support.h"

namespace hearth::sim {
namespace {

using nlohmann::json;

TEST(ExportTest, WritesTheImportFormat) {
  const Fleet fleet = testing::small_fleet(120);
  const std::vector<ModelInfo> models = testing::fake_models();
  const json doc = json::parse(export_fleet_json(fleet, models));
  EXPECT_EQ(doc["format"], "hearth-import");
  EXPECT_EQ(doc["version"], 1);
  ASSERT_EQ(doc["regions"].size(), fleet.regions.size());
  EXPECT_EQ(doc["regions"][0]["id"], "region-1");
  EXPECT_EQ(doc["regions"][0]["name"], fleet.regions[0].name);
  ASSERT_EQ(doc["accessNodes"].size(), fleet.access_nodes.size());
  const json& an = doc["accessNodes"][0];
  EXPECT_EQ(an["id"], "an-01");
  EXPECT_EQ(an["name"], fleet.access_nodes[0].name);
  EXPECT_EQ(an["kind"], fleet.access_nodes[0].kind);
  EXPECT_EQ(an["region"], "region-1");

  ASSERT_EQ(doc["subscribers"].size(), 120u);
  const json& sub = doc["subscribers"][0];
  const Subscriber& s = fleet.homes[0].subscriber;
  EXPECT_EQ(sub["account"], "1000001");
  EXPECT_EQ(sub["name"], s.name);
  EXPECT_EQ(sub["email"], s.email);
  EXPECT_EQ(sub["address"]["street"], s.street);
  EXPECT_EQ(sub["address"]["postalCode"], s.postal_code);
  EXPECT_EQ(sub["address"]["city"], s.city);
  EXPECT_EQ(sub["password"], s.password);

  ASSERT_EQ(doc["homes"].size(), 120u);
  size_t extenders = 0;
  for (size_t i = 0; i < fleet.homes.size(); ++i) {
    const Home& h = fleet.homes[i];
    const json& home = doc["homes"][i];
    EXPECT_EQ(home["id"], h.id);
    EXPECT_EQ(home["account"], h.subscriber.account);
    EXPECT_EQ(home["accessNode"], fleet.access_nodes[h.access_node].id);
    EXPECT_EQ(home["plan"]["downKbps"], h.wan.plan_down_kbps);
    EXPECT_EQ(home["plan"]["upKbps"], h.wan.plan_up_kbps);
    ASSERT_EQ(home["devices"].size(), h.nodes.size());
    for (size_t n = 0; n < h.nodes.size(); ++n) {
      const json& d = home["devices"][n];
      const ModelInfo& m = models[h.nodes[n].model];
      EXPECT_EQ(d["role"], n == 0 ? "gateway" : "extender");
      EXPECT_EQ(d["serial"], h.nodes[n].serial);
      EXPECT_EQ(d["oui"], m.oui);
      EXPECT_EQ(d["productClass"], m.product_class);
      EXPECT_EQ(d["manufacturer"], m.manufacturer);
      extenders += n > 0 ? 1 : 0;
    }
  }
  EXPECT_GT(extenders, 0u);
}

TEST(ExportTest, ThePlanIsTheWanPlanOrNullWithoutOne) {
  Fleet fleet = testing::small_fleet(3);
  fleet.homes[0].wan.plan_down_kbps = 1000000;
  fleet.homes[0].wan.plan_up_kbps = 250000;
  fleet.homes[1].wan.plan_down_kbps = 0;
  const json doc = json::parse(export_fleet_json(fleet, testing::fake_models()));
  EXPECT_EQ(doc["homes"][0]["plan"], json({{"downKbps", 1000000}, {"upKbps", 250000}}));
  EXPECT_TRUE(doc["homes"][1]["plan"].is_null());
  const std::string text = export_fleet_json(fleet, testing::fake_models());
  // After the access node, before the devices.
  EXPECT_NE(text.find(R"(","plan":{"downKbps":1000000,"upKbps":250000},"devices":[)"),
            std::string::npos);
  EXPECT_LT(text.find("\"accessNode\":\"an-"), text.find("\"plan\""));
}

TEST(ExportTest, KeysComeInTheDocumentedOrder) {
  const std::string text = export_fleet_json(testing::small_fleet(3), testing::fake_models());
  EXPECT_EQ(text.rfind(R"({"format":"hearth-import","version":1,"regions":[{"id":"region-1","name":)", 0), 0u) << text.substr(0, 120);
  EXPECT_LT(text.find("\"accessNodes\""), text.find("\"subscribers\""));
  EXPECT_LT(text.find("\"subscribers\""), text.find("\"homes\""));
}

TEST(ExportTest, ModelOuisFromTheOptionsPrefixNodeMacs) {
  FleetOptions o;
  o.homes = 30;
  o.model_count = 2;
  o.model_ouis = {"00E0FC", "34:4B:50"};
  const Fleet fleet = generate_fleet(o);
  for (const Home& h : fleet.homes) {
    for (const Node& n : h.nodes) {
      EXPECT_EQ(n.mac.str().substr(0, 8), n.model == 0 ? "00:e0:fc" : "34:4b:50");
    }
  }
}

}  // namespace
}  // namespace hearth::sim
