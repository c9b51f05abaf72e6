// A whole Api over a MemoryStore (or an SqliteStore), a FakeDeviceControl, a FakeClock and a
// temporary file directory, with helpers to call it and read answers.
#pragma once

#include <filesystem>
#include <future>
#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "api/api.h"
#include "api/fake_device_control.h"
#include "api/fake_incident_desk.h"
#include "core/clock.h"
#include "core/metrics.h"
#include "device/file_repository.h"
#include "store/store.h"

namespace hearth::api::testing {

inline constexpr const char* kBootstrapToken = "bootstrap-secret-for-tests";

struct HarnessOptions {
  std::string store_url = "memory:";  // "sqlite" makes a database in the temporary directory
  bool metrics_public = false;
  std::string files_base_url = "http://acs.test:7547";
  size_t max_json_body = 1 << 20;
  size_t max_import_body = kMaxImportBody;
  insight::DiagnosisReader* diagnosis = nullptr;  // e.g. a FakeDiagnosisReader; must outlive the harness
  bool incident_desk = false;  // a FakeIncidentDesk over the harness' store as ApiDeps::incidents
  // The customer portal (selfservice_test_support.h has the helpers to log customers in).
  PortalOptions portal = PortalOptions{.secure_cookies = false};
  selfservice::Notifier* notifier = nullptr;               // must outlive the harness
  selfservice::TroubleshootDesk* troubleshooter = nullptr;  // must outlive the harness
};

class ApiHarness {
 public:
  explicit ApiHarness(HarnessOptions options = {});
  ~ApiHarness();

  // Sends a request with the bootstrap token (token "" sends no Authorization header) and
  // returns the answer; fails the test if none comes.
  ApiResponse call(const std::string& method, const std::string& target, const std::string& body = "",
                   const std::string& token = kBootstrapToken);
  // The same without waiting, for answers that come later (task waits).
  std::future<ApiResponse> call_async(const std::string& method, const std::string& target,
                                      const std::string& body = "", const std::string& token = kBootstrapToken);
  static ApiRequest request(const std::string& method, const std::string& target, const std::string& body,
                            const std::string& token);

  // Puts a device (and optionally parameters) straight into the store.
  void add_device(const store::DeviceRecord& d);
  void add_parameters(const std::string& device_id, const std::vector<cwmp::ParameterValue>& values);
  static store::DeviceRecord sample_device(const std::string& serial, const std::string& product_class = "HG8245");

  store::Store& store() { return *store_; }
  FakeDeviceControl& control() { return *control_; }
  FakeClock& clock() { return clock_; }
  metrics::Registry& registry() { return registry_; }
  device::FileRepository& files() { return *files_; }
  Api& api() { return *api_; }
  // REQUIRES: HarnessOptions::incident_desk.
  FakeIncidentDesk& desk() { return *desk_; }
  const std::filesystem::path& dir() const { return dir_; }

 private:
  std::filesystem::path dir_;
  FakeClock clock_;
  metrics::Registry registry_;
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<FakeDeviceControl> control_;
  std::unique_ptr<device::FileRepository> files_;
  std::unique_ptr<FakeIncidentDesk> desk_;
  std::unique_ptr<Api> api_;
};

// The body as JSON (null when it is not JSON).
nlohmann::json body_json(const ApiResponse& r);
// The error code of an error answer ("" when there is none).
std::string error_code(const ApiResponse& r);
// Percent-encodes a whole string for use as one path segment.
std::string encode_segment(const std::string& s);

}  // namespace hearth::api::testing
