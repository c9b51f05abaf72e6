// A whole Api over a MemoryStore with a FakeIncidentDesk (or without a desk), for the tests of
// incidents, maintenance, webhooks, home status, topology edits and line events; and a small
// topology to run them on.
#pragma once

#include <filesystem>
#include <memory>
#include <string>

#include "api/api.h"
#include "api/api_test_support.h"
#include "api/fake_device_control.h"
#include "api/fake_incident_desk.h"
#include "core/clock.h"
#include "core/metrics.h"
#include "device/file_repository.h"
#include "store/store.h"

namespace hearth::api::testing {

inline constexpr int64_t kDeskT0 = 1'767'225'600'000;  // 2026-01-01T00:00:00Z, the clock's start

struct DeskHarnessOptions {
  bool with_desk = true;                          // false: ApiDeps::incidents is null
  insight::DiagnosisReader* diagnosis = nullptr;  // must outlive the harness
};

class DeskHarness {
 public:
  explicit DeskHarness(DeskHarnessOptions options = {});
  ~DeskHarness();

  // As ApiHarness::call: the bootstrap token unless told otherwise ("" sends none).
  ApiResponse call(const std::string& method, const std::string& target,
                   const std::string& body = "", const std::string& token = kBootstrapToken);
  // A token of role "read" named "viewer", made through the API.
  std::string read_token();
  // An admin token of this name, made through the API.
  std::string admin_token(const std::string& name);

  // Regions north (an-1, an-2) and south (an-3); subscriber 1000001; homes h-1, h-2 on an-1,
  // h-3 on an-2, h-4 on an-3.
  void add_topology();

  store::Store& store() { return *store_; }
  FakeIncidentDesk& desk() { return *desk_; }
  FakeClock& clock() { return clock_; }

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

}  // namespace hearth::api::testing
