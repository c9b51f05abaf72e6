#include "api/selfservice_test_support.h"

#include <chrono>
#include <future>

#include <gtest/gtest.h>

#include "core/clock.h"
#include "core/crypto.h"

namespace hearth::api::testing {

namespace {

// The value of `name` in the response's Set-Cookie fields ("" when it sets none).
std::string cookie_value(const ApiResponse& r, const std::string& name) {
  for (const auto& [field, value] : r.headers.entries()) {
    if (field != "Set-Cookie" || value.rfind(name + "=", 0) != 0) continue;
    return value.substr(name.size() + 1, value.find(';') - name.size() - 1);
  }
  return "";
}

ApiResponse send(ApiHarness& h, ApiRequest request) {
  std::promise<ApiResponse> promise;
  std::future<ApiResponse> future = promise.get_future();
  h.api().handle(std::move(request), [&promise](ApiResponse r) { promise.set_value(std::move(r)); });
  // A safety net against a handler that never answers, not a synchronisation device.
  if (future.wait_for(std::chrono::seconds(30)) != std::future_status::ready) {
    ADD_FAILURE() << "no answer";
    std::abort();  // the callback still refers to the promise
  }
  return future.get();
}

}  // namespace

std::string add_customer(ApiHarness& h, const CustomerSpec& spec) {
  crypto::init();
  const int64_t now = to_unix_ms(h.clock().now());
  store::DeviceRecord gateway = ApiHarness::sample_device(spec.gateway_serial);
  h.add_device(gateway);

  store::WriteBatch batch;
  Result<std::optional<store::AccessNodeRecord>> node = h.store().get_access_node(spec.access_node_id);
  EXPECT_TRUE(node.ok());
  if (node.ok() && !node->has_value()) {
    Result<std::optional<store::RegionRecord>> region = h.store().get_region("r-1");
    EXPECT_TRUE(region.ok());
    if (region.ok() && !region->has_value()) batch.add(store::PutRegion{{"r-1", "Region 1", now, now}});
    batch.add(store::PutAccessNode{{spec.access_node_id, "Node " + spec.access_node_id, "olt-port", "r-1", now, now}});
  }
  store::SubscriberRecord s;
  s.account = spec.account;
  s.name = spec.name;
  s.email = spec.email;
  s.street = "1 Example Street";
  s.postal_code = "12345";
  s.city = "Exampletown";
  s.password_hash = spec.password.empty() ? "" : crypto::hash_password(spec.password);
  s.created_ms = now;
  s.updated_ms = now;
  batch.add(store::PutSubscriber{std::move(s)});
  store::HomeRecord home;
  home.id = spec.home_id;
  home.account = spec.account;
  home.access_node_id = spec.access_node_id;
  home.devices.push_back({"gateway", gateway.id, gateway.serial_number, gateway.oui, gateway.product_class,
                          gateway.manufacturer});
  home.plan_down_kbps = 250'000;
  home.plan_up_kbps = 50'000;
  home.created_ms = now;
  home.updated_ms = now;
  batch.add(store::PutHome{std::move(home)});
  const Status st = h.store().write_sync(std::move(batch));
  EXPECT_TRUE(st.ok()) << st.error().message;
  return gateway.id;
}

CustomerSession login_customer(ApiHarness& h, const std::string& login, const std::string& password) {
  const nlohmann::json body = {{"login", login}, {"password", password}};
  const ApiResponse r = h.call("POST", "/api/v1/selfservice/login", body.dump(), "");
  EXPECT_EQ(r.status, 200) << r.body;
  CustomerSession s;
  const nlohmann::json j = body_json(r);
  if (r.status != 200 || !j.is_object()) return s;
  s.account = j.value("account", "");
  s.csrf = j.value("csrfToken", "");
  s.cookie = cookie_value(r, "hearth_session");
  EXPECT_FALSE(s.cookie.empty()) << "no hearth_session cookie";
  return s;
}

ApiResponse customer_call(ApiHarness& h, const CustomerSession& s, const std::string& method,
                          const std::string& target, const std::string& body, bool csrf) {
  ApiRequest request = ApiHarness::request(method, target, body, "");
  request.headers.add("Host", "portal.test");
  if (!s.cookie.empty()) request.headers.add("Cookie", "hearth_session=" + s.cookie);
  if (csrf && !s.csrf.empty()) request.headers.add("X-CSRF-Token", s.csrf);
  return send(h, std::move(request));
}

void RecordingNotifier::send_password_reset(const store::SubscriberRecord& subscriber, const std::string& link) {
  std::lock_guard lock(mu_);
  sent_.emplace_back(subscriber.account, link);
}

std::vector<std::pair<std::string, std::string>> RecordingNotifier::sent() const {
  std::lock_guard lock(mu_);
  return sent_;
}

}  // namespace hearth::api::testing
