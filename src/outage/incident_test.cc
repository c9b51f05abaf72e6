// Incident and maintenance JSON: the round trip, the form of times and nulls, and what is not
// an incident.
#include "outage/incident.h"

#include <gtest/gtest.h>

#include <functional>
#include <vector>

namespace hearth::outage {
namespace {

using nlohmann::json;

constexpr int64_t kT = 1'767'639'600'000;  // 2026-01-05T19:00:00Z

Incident full() {
  Incident i;
  i.id = 17;
  i.scope = Scope::kAccessNode;
  i.access_node_id = "olt-3/1/7";
  i.region_id = "lindholmen";
  i.state = IncidentState::kConfirmed;
  i.cause = "power";
  i.suspected_ms = kT;
  i.confirmed_ms = kT + 12'345;
  i.start_ms = kT - 40'000;
  i.etr_ms = kT + 3'600'000;
  i.updated_ms = kT + 20'001;
  i.node_homes = 48;
  i.unreachable = 11;
  i.homes = {"home-a", "home-b", "home-c"};
  i.parent_id = 16;
  i.title = "Power cut in Lindholmen";
  i.notes = {{kT + 1, "ops", "crew on site"}, {kT + 2, "hearth", "confirmed by probes"}};
  return i;
}

TEST(IncidentJsonTest, RoundTrip) {
  Incident resolved = full();
  resolved.state = IncidentState::kResolved;
  resolved.resolved_ms = kT + 999'999;
  resolved.end_ms = kT + 900'000;
  resolved.merged_into = 18;
  resolved.closed_by_operator = true;
  Incident region;
  region.id = 3;
  region.scope = Scope::kRegion;
  region.region_id = "north";
  region.suspected_ms = kT;
  for (const Incident& i : {full(), resolved, region}) {
    const json j = incident_to_json(i);
    auto back = incident_from_json(json::parse(j.dump()));
    ASSERT_TRUE(back) << j.dump();
    EXPECT_EQ(*back, i) << j.dump();
  }
}

TEST(IncidentJsonTest, TimesAreIsoWithMillisecondsAndNullWhenUnknown) {
  const json j = incident_to_json(full());
  EXPECT_EQ(j["id"], 17);
  EXPECT_EQ(j["scope"], "access-node");
  EXPECT_EQ(j["accessNode"], "olt-3/1/7");
  EXPECT_EQ(j["state"], "confirmed");
  EXPECT_EQ(j["suspectedAt"], "2026-01-05T19:00:00.000Z");
  EXPECT_EQ(j["confirmedAt"], "2026-01-05T19:00:12.345Z");
  EXPECT_EQ(j["startedAt"], "2026-01-05T18:59:20.000Z");
  EXPECT_TRUE(j["resolvedAt"].is_null());
  EXPECT_TRUE(j["endedAt"].is_null());
  EXPECT_EQ(j["estimatedRepairAt"], "2026-01-05T20:00:00.000Z");
  EXPECT_EQ(j["nodeHomes"], 48);
  EXPECT_EQ(j["unreachable"], 11);
  EXPECT_EQ(j["homes"], json::array({"home-a", "home-b", "home-c"}));
  EXPECT_EQ(j["parentId"], 16);
  EXPECT_TRUE(j["mergedInto"].is_null());
  EXPECT_EQ(j["closedByOperator"], false);
  EXPECT_EQ(
      j["notes"][0],
      json({{"time", "2026-01-05T19:00:00.001Z"}, {"author", "ops"}, {"text", "crew on site"}}));
  EXPECT_EQ(j["updatedAt"], "2026-01-05T19:00:20.001Z");

  Incident region;
  region.id = 1;
  region.scope = Scope::kRegion;
  region.region_id = "north";
  const json r = incident_to_json(region);
  EXPECT_EQ(r["scope"], "region");
  EXPECT_TRUE(r["accessNode"].is_null());
  EXPECT_TRUE(r["suspectedAt"].is_null());
}

TEST(IncidentJsonTest, WhatIsNotAnIncident) {
  const json good = incident_to_json(full());
  struct Case {
    const char* name;
    std::function<void(json&)> edit;
  };
  const std::vector<Case> cases = {
      {"not an object", [](json& j) { j = json::array(); }},
      {"no id", [](json& j) { j.erase("id"); }},
      {"id zero", [](json& j) { j["id"] = 0; }},
      {"id a string", [](json& j) { j["id"] = "17"; }},
      {"unknown scope", [](json& j) { j["scope"] = "street"; }},
      {"unknown state", [](json& j) { j["state"] = "open"; }},
      {"time not ISO", [](json& j) { j["suspectedAt"] = "yesterday"; }},
      {"time a number", [](json& j) { j["confirmedAt"] = 1767639600000; }},
      {"homes not strings",
       [](json& j) {
         j["homes"] = json::array({1, 2});
       }},
      {"negative count", [](json& j) { j["unreachable"] = -1; }},
      {"note not an object", [](json& j) { j["notes"] = json::array({"x"}); }},
      {"flag a string", [](json& j) { j["closedByOperator"] = "no"; }},
  };
  for (const Case& c : cases) {
    json j = good;
    c.edit(j);
    EXPECT_FALSE(incident_from_json(j)) << c.name;
  }
  // Absent optional fields take their defaults.
  auto minimal = incident_from_json(json{{"id", 5}, {"scope", "region"}, {"state", "suspected"}});
  ASSERT_TRUE(minimal);
  EXPECT_EQ(minimal->cause, "plant");
  EXPECT_TRUE(minimal->homes.empty());
}

TEST(IncidentJsonTest, Names) {
  for (IncidentState s :
       {IncidentState::kSuspected, IncidentState::kConfirmed, IncidentState::kResolved}) {
    EXPECT_EQ(parse_incident_state(incident_state_name(s)), s);
  }
  EXPECT_FALSE(parse_incident_state("open"));
  EXPECT_STREQ(scope_name(Scope::kAccessNode), "access-node");
  EXPECT_STREQ(scope_name(Scope::kRegion), "region");
}

TEST(MaintenanceJsonTest, RoundTripAndForm) {
  Maintenance m{"mnt-1", "olt-3/1/7",    "", kT, kT + 7'200'000, "Line card replacement",
                "ops",   kT - 86'400'000};
  const json j = maintenance_to_json(m);
  EXPECT_EQ(j["accessNode"], "olt-3/1/7");
  EXPECT_TRUE(j["region"].is_null());
  EXPECT_EQ(j["start"], "2026-01-05T19:00:00.000Z");
  EXPECT_EQ(j["end"], "2026-01-05T21:00:00.000Z");
  EXPECT_EQ(j["createdBy"], "ops");
  auto back = maintenance_from_json(json::parse(j.dump()));
  ASSERT_TRUE(back);
  EXPECT_EQ(*back, m);
  EXPECT_FALSE(maintenance_from_json(json{{"accessNode", "x"}}));         // no id
  EXPECT_FALSE(maintenance_from_json(json{{"id", "m"}, {"start", 12}}));  // time a number
  EXPECT_FALSE(maintenance_from_json(json::array()));
}

}  // namespace
}  // namespace hearth::outage
