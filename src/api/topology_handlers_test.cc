// Editing regions, access nodes and homes one at a time: PUT creates (201) or replaces (200),
// checked as import entries are; DELETE refuses (409) while something still hangs off the
// record; the IncidentDesk reloads the topology after every change that was written (and after
// an import), not after a refused or idle one.
#include <gtest/gtest.h>

#include <chrono>
#include <string>

#include "api/incidents_test_support.h"
#include "core/ids.h"

namespace hearth::api::testing {
namespace {

using nlohmann::json;

class TopologyEditTest : public ::testing::Test {
 protected:
  void SetUp() override { h_.add_topology(); }

  ApiResponse put(const std::string& path, const json& body) {
    return h_.call("PUT", path, body.dump());
  }

  DeskHarness h_;
};

TEST_F(TopologyEditTest, RegionsAreCreatedRenamedAndDeletedWhenEmpty) {
  const ApiResponse created = put("/api/v1/regions/west", {{"name", "Väststad"}});
  ASSERT_EQ(created.status, 201) << created.body;
  EXPECT_EQ(body_json(created)["id"], "west");
  EXPECT_EQ(body_json(created)["name"], "Väststad");
  EXPECT_EQ(h_.desk().topology_changes(), 1u);

  EXPECT_EQ(put("/api/v1/regions/west", {{"name", "Väststad"}}).status, 200);
  EXPECT_EQ(h_.desk().topology_changes(), 1u) << "nothing changed, nothing written";
  h_.clock().advance(std::chrono::minutes(5));
  const ApiResponse renamed = put("/api/v1/regions/west", {{"name", "West"}});
  ASSERT_EQ(renamed.status, 200) << renamed.body;
  EXPECT_EQ(body_json(renamed)["created"], "2026-01-01T00:00:00Z");
  EXPECT_EQ(body_json(renamed)["updated"], "2026-01-01T00:05:00Z");
  EXPECT_EQ(h_.store().get_region("west")->value().name, "West");
  EXPECT_EQ(h_.desk().topology_changes(), 2u);

  const ApiResponse busy = h_.call("DELETE", "/api/v1/regions/north");
  EXPECT_EQ(busy.status, 409) << busy.body;
  EXPECT_NE(busy.body.find("2 access nodes"), std::string::npos) << busy.body;
  EXPECT_EQ(h_.call("DELETE", "/api/v1/regions/west").status, 204);
  EXPECT_FALSE(h_.store().get_region("west")->has_value());
  EXPECT_EQ(h_.call("DELETE", "/api/v1/regions/west").status, 404);
  EXPECT_EQ(h_.desk().topology_changes(), 3u);
}

TEST_F(TopologyEditTest, AccessNodesMoveBetweenRegionsAndAreDeletedWhenEmpty) {
  const ApiResponse created = put("/api/v1/access-nodes/an-9",
                                  {{"name", "OLT 9"}, {"kind", "olt-port"}, {"region", "south"}});
  ASSERT_EQ(created.status, 201) << created.body;
  EXPECT_EQ(body_json(created)["region"], "south");
  const ApiResponse moved = put("/api/v1/access-nodes/an-9",
                                {{"name", "OLT 9"}, {"kind", "olt-port"}, {"region", "north"}});
  ASSERT_EQ(moved.status, 200) << moved.body;
  EXPECT_EQ(h_.store().get_access_node("an-9")->value().region_id, "north");

  const ApiResponse busy = h_.call("DELETE", "/api/v1/access-nodes/an-1");
  EXPECT_EQ(busy.status, 409) << busy.body;
  EXPECT_NE(busy.body.find("2 homes"), std::string::npos) << busy.body;
  EXPECT_EQ(h_.call("DELETE", "/api/v1/access-nodes/an-9").status, 204);
  EXPECT_EQ(h_.call("DELETE", "/api/v1/access-nodes/an-9").status, 404);
  EXPECT_EQ(h_.desk().topology_changes(), 3u);
}

TEST_F(TopologyEditTest, HomesTakeTheImportFormOfDevices) {
  const json body = {
      {"account", "1000001"},
      {"accessNode", "an-2"},
      {"planDownKbps", 250000},
      {"planUpKbps", 50000},
      {"devices",
       json::array({json{{"role", "gateway"},
                         {"serial", "HRS0042"},
                         {"oui", "00D09E"},
                         {"productClass", "HG8245"},
                         {"manufacturer", "Acme"}},
                    json{{"role", "extender"}, {"serial", "EXT7"}, {"oui", "A0B1C2"}}})}};
  const ApiResponse created = put("/api/v1/homes/h-new", body);
  ASSERT_EQ(created.status, 201) << created.body;
  const json home = body_json(created);
  EXPECT_EQ(home["accessNode"], "an-2");
  EXPECT_EQ(home["plan"], json::parse(R"({"downKbps":250000,"upKbps":50000})"));
  ASSERT_EQ(home["devices"].size(), 2u);
  EXPECT_EQ(home["devices"][0]["deviceId"], make_device_id("00D09E", "HG8245", "HRS0042"));
  EXPECT_EQ(home["devices"][1]["role"], "extender");
  const auto stored = h_.store().get_home("h-new");
  ASSERT_TRUE(stored.ok() && stored->has_value());
  EXPECT_EQ((*stored)->devices.size(), 2u);
  EXPECT_EQ(h_.store().home_for_device(make_device_id("00D09E", "HG8245", "HRS0042"))->value().id,
            "h-new");

  // A replacement without plan or devices leaves neither.
  const ApiResponse moved =
      put("/api/v1/homes/h-new", {{"account", "1000001"}, {"accessNode", "an-3"}});
  ASSERT_EQ(moved.status, 200) << moved.body;
  EXPECT_TRUE(body_json(moved)["plan"].is_null());
  EXPECT_TRUE(body_json(moved)["devices"].empty());
  EXPECT_EQ(h_.store().get_home("h-new")->value().access_node_id, "an-3");

  EXPECT_EQ(h_.call("DELETE", "/api/v1/homes/h-new").status, 204);
  EXPECT_EQ(h_.call("DELETE", "/api/v1/homes/h-new").status, 404);
  EXPECT_EQ(h_.desk().topology_changes(), 3u);
  // Once its homes are gone, an access node can go.
  EXPECT_EQ(h_.call("DELETE", "/api/v1/homes/h-4").status, 204);
  EXPECT_EQ(h_.call("DELETE", "/api/v1/access-nodes/an-3").status, 204);
  EXPECT_EQ(h_.call("DELETE", "/api/v1/regions/south").status, 204);
}

TEST_F(TopologyEditTest, BadBodiesAre400AndChangeNothing) {
  struct Case {
    const char* path;
    const char* body;
    const char* message;  // in the error
  };
  const Case cases[] = {
      {"/api/v1/regions/r", "nope", "body"},
      {"/api/v1/regions/r", R"({"name":"x","colour":"red"})", "colour: unknown field"},
      {"/api/v1/regions/r", R"({"name":5})", "name: must be a string"},
      {"/api/v1/access-nodes/n", R"({"name":"x"})", "region: required"},
      {"/api/v1/access-nodes/n", R"({"region":"east"})", "region: unknown region \"east\""},
      {"/api/v1/homes/h", R"({"accessNode":"an-1"})", "account: required"},
      {"/api/v1/homes/h", R"({"account":"999","accessNode":"an-1"})", "account: unknown account"},
      {"/api/v1/homes/h", R"({"account":"1000001","accessNode":"an-7"})",
       "accessNode: unknown access node"},
      {"/api/v1/homes/h", R"({"account":"1000001","accessNode":"an-1","planDownKbps":100})",
       "planUpKbps"},
      {"/api/v1/homes/h",
       R"({"account":"1000001","accessNode":"an-1","planDownKbps":0,"planUpKbps":10})",
       "planDownKbps: must be an integer"},
      {"/api/v1/homes/h",
       R"({"account":"1000001","accessNode":"an-1","devices":[{"role":"modem","serial":"S","oui":"O"}]})",
       "devices[0].role: unknown role"},
      {"/api/v1/homes/h",
       R"({"account":"1000001","accessNode":"an-1","devices":[{"role":"gateway","serial":"S"}]})",
       "devices[0].oui: required"},
      {"/api/v1/homes/h",
       R"({"account":"1000001","accessNode":"an-1","devices":[{"role":"gateway","serial":"S","oui":"O","mac":"x"}]})",
       "devices[0]: mac: unknown field"},
      {"/api/v1/homes/h",
       R"({"account":"1000001","accessNode":"an-1","devices":[{"role":"gateway","serial":"S","oui":"O"},)"
       R"({"role":"extender","serial":"S","oui":"O"}]})",
       "duplicate device"},
      {"/api/v1/homes/h", R"({"account":"1000001","accessNode":"an-1","plan":null})",
       "plan: unknown field"},
  };
  for (const Case& c : cases) {
    const ApiResponse r = h_.call("PUT", c.path, c.body);
    EXPECT_EQ(r.status, 400) << c.path << " " << c.body << ": " << r.body;
    const std::string message = body_json(r)["error"].value("message", "");
    EXPECT_NE(message.find(c.message), std::string::npos) << c.body << ": " << message;
    for (const char* prefix : {"regions[0]", "accessNodes[0]", "homes[0]"})
      EXPECT_EQ(message.find(prefix), std::string::npos) << "import prefix left: " << message;
  }
  EXPECT_EQ(put("/api/v1/regions/" + std::string(129, 'r'), json::object()).status, 400);
  EXPECT_EQ(h_.desk().topology_changes(), 0u);
  EXPECT_EQ(h_.store().list_regions()->size(), 2u);
}

TEST_F(TopologyEditTest, ChangesNeedAnAdminToken) {
  const std::string read = h_.read_token();
  EXPECT_EQ(h_.call("PUT", "/api/v1/regions/west", R"({"name":"W"})", read).status, 403);
  EXPECT_EQ(h_.call("DELETE", "/api/v1/homes/h-1", "", read).status, 403);
  EXPECT_EQ(h_.call("PUT", "/api/v1/regions/west", R"({"name":"W"})", "").status, 401);
  EXPECT_EQ(h_.desk().topology_changes(), 0u);
}

TEST_F(TopologyEditTest, AnImportReloadsTheTopology) {
  const json doc = {{"format", "hearth-import"},
                    {"version", 1},
                    {"regions", json::array({json{{"id", "east"}, {"name", "Öststad"}}})}};
  const ApiResponse r = h_.call("POST", "/api/v1/import", doc.dump());
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(h_.desk().topology_changes(), 1u);
  // The same again changes nothing and reloads nothing.
  ASSERT_EQ(h_.call("POST", "/api/v1/import", doc.dump()).status, 200);
  EXPECT_EQ(h_.desk().topology_changes(), 1u);
}

TEST(TopologyEditWithoutDeskTest, EditsWork) {
  DeskHarness h({.with_desk = false});
  h.add_topology();
  EXPECT_EQ(h.call("PUT", "/api/v1/regions/west", R"({"name":"W"})").status, 201);
  EXPECT_EQ(h.call("DELETE", "/api/v1/regions/west").status, 204);
  EXPECT_EQ(h.desk().topology_changes(), 0u);
}

}  // namespace
}  // namespace hearth::api::testing
