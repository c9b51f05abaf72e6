#include "api/incidents_test_support.h"

#include <gtest/gtest.h>

#include <chrono>
#include <future>
#include <random>

namespace hearth::api::testing {

DeskHarness::DeskHarness(DeskHarnessOptions options) {
  std::random_device rd;
  dir_ = std::filesystem::temp_directory_path() /
         ("hearth-desk-" + std::to_string(rd()) + std::to_string(rd()));
  std::filesystem::create_directories(dir_);
  Result<std::unique_ptr<store::Store>> opened = store::open_store("memory:");
  if (!opened) {
    ADD_FAILURE() << "open_store(memory:): " << opened.error().message;
    std::abort();
  }
  store_ = std::move(*opened);
  control_ = std::make_unique<FakeDeviceControl>(*store_);
  files_ = std::make_unique<device::FileRepository>(dir_ / "files");
  desk_ = std::make_unique<FakeIncidentDesk>(*store_, clock_);
  api_ = std::make_unique<Api>(ApiDeps{
      .store = *store_,
      .control = *control_,
      .files = *files_,
      .metrics = registry_,
      .clock = clock_,
      .bootstrap_token = std::string(kBootstrapToken),
      .diagnosis = options.diagnosis,
      .incidents = options.with_desk ? desk_.get() : nullptr,
  });
}

DeskHarness::~DeskHarness() {
  control_->expire_waits();
  store_->flush();
  api_.reset();
  desk_.reset();
  store_.reset();
  std::error_code ec;
  std::filesystem::remove_all(dir_, ec);
}

ApiResponse DeskHarness::call(const std::string& method, const std::string& target,
                              const std::string& body, const std::string& token) {
  auto promise = std::make_shared<std::promise<ApiResponse>>();
  std::future<ApiResponse> f = promise->get_future();
  api_->handle(ApiHarness::request(method, target, body, token),
               [promise](ApiResponse r) { promise->set_value(std::move(r)); });
  // A safety net against a handler that never answers, not a synchronisation device.
  if (f.wait_for(std::chrono::seconds(30)) != std::future_status::ready) {
    ADD_FAILURE() << method << " " << target << ": no answer";
    return ApiResponse{0, "", "", {}};
  }
  return f.get();
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
  const Status st = store_->write_sync(std::move(b));
  ASSERT_TRUE(st.ok()) << st.error().message;
}

}  // namespace hearth::api::testing
