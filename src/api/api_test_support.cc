#include "api/api_test_support.h"

#include <chrono>
#include <random>

#include <gtest/gtest.h>

#include "core/ids.h"

namespace hearth::api::testing {

ApiHarness::ApiHarness(HarnessOptions options) {
  std::random_device rd;
  dir_ = std::filesystem::temp_directory_path() / ("hearth-api-" + std::to_string(rd()) + std::to_string(rd()));
  std::filesystem::create_directories(dir_);
  const std::string url = options.store_url == "sqlite" ? "sqlite:" + (dir_ / "hearth.db").string() : options.store_url;
  Result<std::unique_ptr<store::Store>> opened = store::open_store(url);
  if (!opened) {
    ADD_FAILURE() << "open_store(" << url << "): " << opened.error().message;
    std::abort();
  }
  store_ = std::move(*opened);
  control_ = std::make_unique<FakeDeviceControl>(*store_);
  files_ = std::make_unique<device::FileRepository>(dir_ / "files");
  if (options.incident_desk) desk_ = std::make_unique<FakeIncidentDesk>(*store_, clock_);
  api_ = std::make_unique<Api>(ApiDeps{
      .store = *store_,
      .control = *control_,
      .files = *files_,
      .metrics = registry_,
      .clock = clock_,
      .bootstrap_token = std::string(kBootstrapToken),
      .files_base_url = options.files_base_url,
      .extra_metrics = [] { return std::string("# TYPE hearth_test_extra gauge\nhearth_test_extra 1\n"); },
      .metrics_public = options.metrics_public,
      .max_json_body = options.max_json_body,
      .max_import_body = options.max_import_body,
      .diagnosis = options.diagnosis,
      .incidents = desk_.get(),
      .portal = options.portal,
      .notifier = options.notifier,
      .troubleshooter = options.troubleshooter,
  });
}

ApiHarness::~ApiHarness() {
  control_->expire_waits();
  store_->flush();
  api_.reset();
  desk_.reset();
  store_.reset();
  std::error_code ec;
  std::filesystem::remove_all(dir_, ec);
}

ApiRequest ApiHarness::request(const std::string& method, const std::string& target, const std::string& body,
                               const std::string& token) {
  ApiRequest r;
  r.method = method;
  const Status parsed = parse_target(target, &r);
  EXPECT_TRUE(parsed.ok()) << target;
  r.body = body;
  r.remote_ip = "127.0.0.1";
  if (!token.empty()) r.headers.add("Authorization", "Bearer " + token);
  if (!body.empty()) r.headers.add("Content-Type", "application/json");
  return r;
}

std::future<ApiResponse> ApiHarness::call_async(const std::string& method, const std::string& target,
                                                const std::string& body, const std::string& token) {
  auto promise = std::make_shared<std::promise<ApiResponse>>();
  std::future<ApiResponse> future = promise->get_future();
  api_->handle(request(method, target, body, token), [promise](ApiResponse r) { promise->set_value(std::move(r)); });
  return future;
}

ApiResponse ApiHarness::call(const std::string& method, const std::string& target, const std::string& body,
                             const std::string& token) {
  std::future<ApiResponse> f = call_async(method, target, body, token);
  // A safety net against a handler that never answers, not a synchronisation device.
  if (f.wait_for(std::chrono::seconds(30)) != std::future_status::ready) {
    ADD_FAILURE() << method << " " << target << ": no answer";
    return ApiResponse{0, "", "", {}};
  }
  return f.get();
}

void ApiHarness::add_device(const store::DeviceRecord& d) {
  const Status s = store_->write_sync(store::WriteBatch().add(store::UpsertDevice{d}));
  ASSERT_TRUE(s.ok()) << s.error().message;
}

void ApiHarness::add_parameters(const std::string& device_id, const std::vector<cwmp::ParameterValue>& values) {
  store::PutParameterValues op{device_id, values, to_unix_ms(clock_.now())};
  const Status s = store_->write_sync(store::WriteBatch().add(std::move(op)));
  ASSERT_TRUE(s.ok()) << s.error().message;
}

store::DeviceRecord ApiHarness::sample_device(const std::string& serial, const std::string& product_class) {
  store::DeviceRecord d;
  d.oui = "00D09E";
  d.product_class = product_class;
  d.serial_number = serial;
  d.id = make_device_id(d.oui, d.product_class, d.serial_number);
  d.manufacturer = "Acme";
  d.model_name = "Gateway " + product_class;
  d.software_version = "1.0.0";
  d.hardware_version = "A1";
  d.root = "Device.";
  d.first_seen_ms = 1'767'225'600'000;
  d.last_inform_ms = 1'767'225'600'000;
  d.last_address = "192.0.2.10";
  d.inform_interval_s = 300;
  d.auth_username = d.id;
  d.auth_ha1 = "5f4dcc3b5aa765d61d8327deb882cf99";
  d.cr_username = "cr-user";
  d.cr_password = "cr-password-must-not-leak";
  return d;
}

nlohmann::json body_json(const ApiResponse& r) {
  nlohmann::json j = nlohmann::json::parse(r.body, nullptr, false);
  return j.is_discarded() ? nlohmann::json() : j;
}

std::string error_code(const ApiResponse& r) {
  const nlohmann::json j = body_json(r);
  if (!j.is_object() || !j.contains("error") || !j["error"].is_object() || !j["error"]["code"].is_string()) return "";
  return j["error"]["code"].get<std::string>();
}

std::string encode_segment(const std::string& s) {
  static const char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
        c == '.') {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 15]);
    }
  }
  return out;
}

}  // namespace hearth::api::testing
