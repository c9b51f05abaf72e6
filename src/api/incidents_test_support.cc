#include "api/incidents_test_support.h"

#include <gtest/gtest.h>

#include <chrono>
#include <future>
#include <random>

namespace hearth::api::testing {

DeskHarness::DeskHarness(DeskHarnessOptions options)
    : ApiHarness(HarnessOptions{.diagnosis = options.diagnosis, .incident_desk = options.with_desk}),
      with_desk_(options.with_desk) {
  if (!with_desk_) spare_desk_ = std::make_unique<FakeIncidentDesk>(store(), clock());
}

std::string DeskHarness::read_token() {
  const ApiResponse r = call("POST", "/api/v1/tokens", R"({"name":"viewer","role":"read"})");
  EXPECT_EQ(r.status, 201) << r.body;
  return body_json(r).value("token", "");
}

std::string DeskHarness::admin_token(const std::string& name) {
  const nlohmann::json body = {{"name", name}, {"role", "admin"}};
  const ApiResponse r = call("POST", "/api/v1/tokens", body.dump());
  EXPECT_EQ(r.status, 201) << r.body;
  return body_json(r).value("token", "");
}

void DeskHarness::add_topology() {
  store::SubscriberRecord s;
  s.account = "1000001";
  s.name = "Anna Berg";
  store::WriteBatch b;
  b.add(store::PutRegion{{"north", "Nordstad", kDeskT0, kDeskT0}})
      .add(store::PutRegion{{"south", "Sydstad", kDeskT0, kDeskT0}})
      .add(store::PutAccessNode{{"an-1", "OLT 1/1", "olt-port", "north", kDeskT0, kDeskT0}})
      .add(store::PutAccessNode{{"an-2", "OLT 1/2", "olt-port", "north", kDeskT0, kDeskT0}})
      .add(store::PutAccessNode{{"an-3", "DSLAM 7", "dslam", "south", kDeskT0, kDeskT0}})
      .add(store::PutSubscriber{s});
  const std::pair<const char*, const char*> homes[] = {
      {"h-1", "an-1"}, {"h-2", "an-1"}, {"h-3", "an-2"}, {"h-4", "an-3"}};
  for (const auto& [id, node] : homes) {
    store::HomeRecord h;
    h.id = id;
    h.account = "1000001";
    h.access_node_id = node;
    h.created_ms = h.updated_ms = kDeskT0;
    b.add(store::PutHome{h});
  }
  const Status st = store().write_sync(std::move(b));
  ASSERT_TRUE(st.ok()) << st.error().message;
}

}  // namespace hearth::api::testing
