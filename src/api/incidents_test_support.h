// A whole Api over a MemoryStore with a FakeIncidentDesk (or without a desk), for the tests of
// incidents, maintenance, webhooks, home status, topology edits and line events; and a small
// topology to run them on.
#pragma once

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

// An ApiHarness with a FakeIncidentDesk (kept, but not given to the Api, when with_desk is false).
class DeskHarness : public ApiHarness {
 public:
  explicit DeskHarness(DeskHarnessOptions options = {});

  // A token of role "read" named "viewer", made through the API.
  std::string read_token();
  // An admin token of this name, made through the API.
  std::string admin_token(const std::string& name);

  // Regions north (an-1, an-2) and south (an-3); subscriber 1000001; homes h-1, h-2 on an-1,
  // h-3 on an-2, h-4 on an-3.
  void add_topology();

  FakeIncidentDesk& desk() { return with_desk_ ? ApiHarness::desk() : *spare_desk_; }

 private:
  bool with_desk_;
  std::unique_ptr<FakeIncidentDesk> spare_desk_;
};

}  // namespace hearth::api::testing
