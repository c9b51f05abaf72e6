// The import file's checks (import_file.h), without a store: every kind of mistake names the
// entry and field at fault.
#include "api/import_file.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <functional>
#include <set>

#include "core/ids.h"

namespace hearth::api {
namespace {

using nlohmann::json;
using ::testing::HasSubstr;
using ::testing::StartsWith;

json valid_file() {
  return json::parse(R"json({
    "format": "hearth-import", "version": 1,
    "regions": [{"id": "region-1", "name": "Nordstad"}],
    "accessNodes": [{"id": "an-01", "name": "OLT Nordstad 1/1", "kind": "olt-port", "region": "region-1"},
                    {"id": "an-02", "name": "OLT Nordstad 1/2", "kind": "olt-port", "region": "region-1"}],
    "subscribers": [
      {"account": "1000001", "name": "Anna Berg", "email": "anna.berg@example.net",
       "address": {"street": "Storgatan 12", "postalCode": "11122", "city": "Nordstad"},
       "password": "demo-abcdefgh"},
      {"account": "1000002", "name": "Bo Ek", "email": "bo@example.net",
       "passwordHash": "$argon2id$v=19$m=65536,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2g"},
      {"account": "1000003", "name": "Cecilia Lund"}],
    "homes": [
      {"id": "home-000001", "account": "1000001", "accessNode": "an-01",
       "plan": {"downKbps": 1000000, "upKbps": 250000},
       "devices": [{"role": "gateway", "serial": "HRS00000001", "oui": "00E0FC", "productClass": "HG8245Q2",
                    "manufacturer": "Huawei Technologies Co., Ltd"},
                   {"role": "extender", "serial": "HRS00000001E1", "oui": "00E0FC", "productClass": "WA8021V5",
                    "manufacturer": "Huawei Technologies Co., Ltd"}]},
      {"id": "home-000002", "account": "1000002", "accessNode": "an-02", "devices": [], "plan": null},
      {"id": "home-000003", "account": "1000003", "accessNode": "an-in-store"}]
  })json");
}

// The store of these tests knows one region, access node and account of its own.
KnownIds store_knows() {
  auto one_of = [](std::set<std::string> ids) {
    return [ids](const std::string& id) -> Result<bool> { return ids.count(id) != 0; };
  };
  return KnownIds{one_of({"region-in-store"}), one_of({"an-in-store"}), one_of({"acct-in-store"})};
}

TEST(ImportFileTest, ReadsAValidFile) {
  Result<ImportFile> f = parse_import_file(valid_file(), store_knows());
  ASSERT_TRUE(f.ok()) << f.error().message;
  ASSERT_EQ(f->regions.size(), 1u);
  EXPECT_EQ(f->regions[0].name, "Nordstad");
  ASSERT_EQ(f->access_nodes.size(), 2u);
  EXPECT_EQ(f->access_nodes[0].kind, "olt-port");
  EXPECT_EQ(f->access_nodes[0].region_id, "region-1");
  ASSERT_EQ(f->subscribers.size(), 3u);
  const ImportSubscriber& anna = f->subscribers[0];
  EXPECT_EQ(anna.record.street, "Storgatan 12");
  EXPECT_EQ(anna.record.postal_code, "11122");
  EXPECT_EQ(anna.record.city, "Nordstad");
  EXPECT_EQ(anna.password, "demo-abcdefgh");
  EXPECT_EQ(anna.record.password_hash, "");
  EXPECT_FALSE(f->subscribers[1].password.has_value());
  EXPECT_THAT(f->subscribers[1].record.password_hash, StartsWith("$argon2id$"));
  EXPECT_FALSE(f->subscribers[2].password.has_value());
  EXPECT_EQ(f->subscribers[2].record.email, "");
  ASSERT_EQ(f->homes.size(), 3u);
  const store::HomeRecord& h = f->homes[0].record;
  EXPECT_EQ(h.account, "1000001");
  EXPECT_TRUE(f->homes[0].plan_given);
  EXPECT_EQ(h.plan_down_kbps, 1000000u);
  EXPECT_EQ(h.plan_up_kbps, 250000u);
  EXPECT_EQ(h.access_node_id, "an-01");
  ASSERT_EQ(h.devices.size(), 2u);
  EXPECT_EQ(h.devices[1].role, "extender");
  EXPECT_EQ(h.devices[1].serial, "HRS00000001E1");
  EXPECT_EQ(h.devices[1].device_id, make_device_id("00E0FC", "WA8021V5", "HRS00000001E1"));
  EXPECT_EQ(h.devices[1].manufacturer, "Huawei Technologies Co., Ltd");
  // "plan": null is given and unknown; no "plan" at all is not given.
  EXPECT_TRUE(f->homes[1].plan_given);
  EXPECT_EQ(f->homes[1].record.plan_down_kbps, 0u);
  EXPECT_FALSE(f->homes[2].plan_given);
  EXPECT_EQ(f->homes[2].record.plan_up_kbps, 0u);
  EXPECT_EQ(f->homes[2].record.access_node_id, "an-in-store");
}

TEST(ImportFileTest, SectionsAreOptionalAndUnknownKeysIgnored) {
  Result<ImportFile> f = parse_import_file(
      json::parse(R"({"format":"hearth-import","version":1,"generator":"hearth-sim 0.1",
                      "regions":[{"id":"r","name":"R","colour":"blue"}]})"),
      store_knows());
  ASSERT_TRUE(f.ok()) << f.error().message;
  EXPECT_EQ(f->regions.size(), 1u);
  EXPECT_TRUE(f->homes.empty());
}

struct BadCase {
  const char* what;
  std::function<void(json&)> mutate;
  const char* message;  // the start of the error message
};

TEST(ImportFileTest, MistakesNameTheEntryAndField) {
  const BadCase cases[] = {
      {"not an object", [](json& j) { j = json::array(); }, "body: must be a JSON object"},
      {"wrong format", [](json& j) { j["format"] = "genieacs"; },
       "format: must be \"hearth-import\""},
      {"no format", [](json& j) { j.erase("format"); }, "format: must be"},
      {"newer version", [](json& j) { j["version"] = 2; }, "version: unsupported version 2"},
      {"version as text", [](json& j) { j["version"] = "1"; },
       "version: unsupported version \"1\""},
      {"section not an array", [](json& j) { j["homes"] = json::object(); },
       "homes: must be an array"},
      {"entry not an object", [](json& j) { j["regions"][0] = "region-1"; },
       "regions[0]: must be an object"},
      {"missing region id", [](json& j) { j["regions"][0].erase("id"); },
       "regions[0].id: required"},
      {"empty home id", [](json& j) { j["homes"][1]["id"] = ""; },
       "homes[1].id: must not be empty"},
      {"id not a string", [](json& j) { j["homes"][1]["id"] = 7; },
       "homes[1].id: must be a string"},
      {"id too long", [](json& j) { j["homes"][1]["id"] = std::string(129, 'h'); },
       "homes[1].id: longer than 128"},
      {"control character", [](json& j) { j["subscribers"][2]["name"] = "C\nL"; },
       "subscribers[2].name: holds a control character"},
      {"missing account", [](json& j) { j["subscribers"][1].erase("account"); },
       "subscribers[1].account: required"},
      {"duplicate region", [](json& j) { j["regions"].push_back(j["regions"][0]); },
       "regions[1].id: duplicate region \"region-1\" (also regions[0])"},
      {"duplicate access node", [](json& j) { j["accessNodes"][1]["id"] = "an-01"; },
       "accessNodes[1].id: duplicate access node \"an-01\" (also accessNodes[0])"},
      {"duplicate account", [](json& j) { j["subscribers"][2]["account"] = "1000001"; },
       "subscribers[2].account: duplicate account \"1000001\""},
      {"duplicate home", [](json& j) { j["homes"][2]["id"] = "home-000001"; },
       "homes[2].id: duplicate home \"home-000001\" (also homes[0])"},
      {"duplicate email ignoring case",
       [](json& j) { j["subscribers"][1]["email"] = "Anna.Berg@Example.NET"; },
       "subscribers[1].email: duplicate email"},
      {"device in two homes",
       [](json& j) { j["homes"][1]["devices"].push_back(j["homes"][0]["devices"][0]); },
       "homes[1].devices[0]: duplicate device \"00E0FC-HG8245Q2-HRS00000001\" (also "
       "homes[0].devices[0])"},
      {"bad email", [](json& j) { j["subscribers"][0]["email"] = "anna.berg(at)example.net"; },
       "subscribers[0].email: not a valid email address: \"anna.berg(at)example.net\""},
      {"email without domain dot", [](json& j) { j["subscribers"][0]["email"] = "anna@localhost"; },
       "subscribers[0].email: not a valid email address"},
      {"address not an object", [](json& j) { j["subscribers"][0]["address"] = "Storgatan 12"; },
       "subscribers[0].address: must be an object"},
      {"password and hash",
       [](json& j) { j["subscribers"][0]["passwordHash"] = j["subscribers"][1]["passwordHash"]; },
       "subscribers[0]: give password or passwordHash, not both"},
      {"empty password", [](json& j) { j["subscribers"][0]["password"] = ""; },
       "subscribers[0].password: must not be empty"},
      {"hash of another kind",
       [](json& j) { j["subscribers"][1]["passwordHash"] = "$2b$12$abcdefghijk"; },
       "subscribers[1].passwordHash: must be an argon2id hash"},
      {"unknown region", [](json& j) { j["accessNodes"][1]["region"] = "region-9"; },
       "accessNodes[1].region: unknown region \"region-9\""},
      {"unknown access node", [](json& j) { j["homes"][1]["accessNode"] = "an-99"; },
       "homes[1].accessNode: unknown access node \"an-99\""},
      {"unknown account", [](json& j) { j["homes"][2]["account"] = "2000000"; },
       "homes[2].account: unknown account \"2000000\""},
      {"devices not an array", [](json& j) { j["homes"][0]["devices"] = "HRS00000001"; },
       "homes[0].devices: must be an array"},
      {"device not an object", [](json& j) { j["homes"][0]["devices"][1] = 5; },
       "homes[0].devices[1]: must be an object"},
      {"device without serial", [](json& j) { j["homes"][0]["devices"][1].erase("serial"); },
       "homes[0].devices[1].serial: required"},
      {"device without oui", [](json& j) { j["homes"][0]["devices"][0]["oui"] = nullptr; },
       "homes[0].devices[0].oui: required"},
      {"unknown role", [](json& j) { j["homes"][0]["devices"][1]["role"] = "repeater"; },
       "homes[0].devices[1].role: unknown role \"repeater\" (gateway or extender)"},
      {"plan not an object", [](json& j) { j["homes"][0]["plan"] = 1000000; },
       "homes[0].plan: must be an object or null"},
      {"plan without up", [](json& j) { j["homes"][0]["plan"].erase("upKbps"); },
       "homes[0].plan.upKbps: required"},
      {"plan speed zero", [](json& j) { j["homes"][0]["plan"]["downKbps"] = 0; },
       "homes[0].plan.downKbps: must be an integer from 1 to 4294967295"},
      {"plan speed negative", [](json& j) { j["homes"][0]["plan"]["upKbps"] = -5; },
       "homes[0].plan.upKbps: must be an integer"},
      {"plan speed fractional", [](json& j) { j["homes"][0]["plan"]["downKbps"] = 100.5; },
       "homes[0].plan.downKbps: must be an integer"},
      {"plan speed as text",
       [](json& j) { j["homes"][1]["plan"] = {{"downKbps", "100000"}, {"upKbps", 1}}; },
       "homes[1].plan.downKbps: must be an integer"},
      {"plan speed too large", [](json& j) { j["homes"][0]["plan"]["downKbps"] = 4294967296LL; },
       "homes[0].plan.downKbps: must be an integer from 1 to 4294967295"},
  };
  for (const BadCase& c : cases) {
    json doc = valid_file();
    c.mutate(doc);
    Result<ImportFile> f = parse_import_file(doc, store_knows());
    ASSERT_FALSE(f.ok()) << c.what;
    EXPECT_EQ(f.error().code, ErrorCode::kInvalidArgument) << c.what;
    EXPECT_THAT(f.error().message, StartsWith(c.message)) << c.what;
  }
}

TEST(ImportFileTest, ReferencesMayNameWhatTheStoreHas) {
  json doc = valid_file();
  doc["accessNodes"][0]["region"] = "region-in-store";
  doc["homes"][0]["account"] = "acct-in-store";
  Result<ImportFile> f = parse_import_file(doc, store_knows());
  EXPECT_TRUE(f.ok()) << f.error().message;
}

TEST(ImportFileTest, ManyProblemsAreListedUpToTenThenCounted) {
  json doc = valid_file();
  for (int i = 0; i < 15; ++i)
    doc["homes"].push_back(
        {{"id", "h" + std::to_string(i)}, {"account", "nobody"}, {"accessNode", "an-01"}});
  Result<ImportFile> f = parse_import_file(doc, store_knows());
  ASSERT_FALSE(f.ok());
  EXPECT_THAT(f.error().message,
              StartsWith("homes[3].account: unknown account \"nobody\"; homes[4].account"));
  EXPECT_THAT(f.error().message, HasSubstr("; and 5 more"));
}

TEST(ImportFileTest, AStoreFailureIsReturnedAsIs) {
  KnownIds failing = store_knows();
  failing.access_node = [](const std::string&) -> Result<bool> {
    return make_error(ErrorCode::kUnavailable, "database is locked");
  };
  Result<ImportFile> f = parse_import_file(valid_file(), failing);
  ASSERT_FALSE(f.ok());
  EXPECT_EQ(f.error().code, ErrorCode::kUnavailable);
}

TEST(ImportFileTest, EmailShapes) {
  for (const char* good :
       {"a@b.se", "anna.berg+hearth@example.net", "x_y@sub.example.co.uk", "åsa@exempel.se"}) {
    EXPECT_TRUE(is_valid_email(good)) << good;
  }
  for (const char* bad :
       {"", "a", "@example.net", "anna@", "anna@example", "anna@@example.net", "an na@example.net",
        "anna@.example.net", "anna@example.net.", "anna@example..net", ".anna@example.net",
        "an..na@example.net", "<anna@example.net>", "anna@exa mple.net"}) {
    EXPECT_FALSE(is_valid_email(bad)) << bad;
  }
}

}  // namespace
}  // namespace hearth::api
