// What the API needs from the rest of hearthd. Everything referenced must outlive the Api and
// every callback of a request it is handling.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>

#include "acs/control.h"
#include "core/clock.h"
#include "core/metrics.h"
#include "device/file_repository.h"
#include "incidents/desk.h"
#include "insight/reader.h"
#include "store/store.h"

namespace hearth::api {

// 50,000 homes with their subscribers are about 25 MB of JSON.
inline constexpr size_t kMaxImportBody = size_t{64} << 20;

struct ApiDeps {
  store::Store& store;
  acs::DeviceControl& control;
  device::FileRepository& files;
  metrics::Registry& metrics;
  const Clock& clock;
  // HEARTH_BOOTSTRAP_TOKEN: accepted as an admin token when set and not empty.
  std::optional<std::string> bootstrap_token;
  // Where CPEs fetch files, e.g. "http://acs.example.net:7547"; file URLs are base + "/files/" + id.
  std::string files_base_url;
  // Text the server appends to /metrics (exposition format, ending with a newline).
  std::function<std::string()> extra_metrics;
  // Serve /metrics without a token (for scrapers on a trusted network).
  bool metrics_public = false;
  // Largest JSON body accepted (file uploads are bounded by the HTTP layer instead).
  size_t max_json_body = 1 << 20;
  // Largest import file (POST /api/v1/import); the HTTP layer must let it through too.
  size_t max_import_body = kMaxImportBody;
  // The diagnosis of homes (/api/v1/homes/{id}/diagnosis, ...); null: those routes answer 503.
  insight::DiagnosisReader* diagnosis = nullptr;
  // Incidents, maintenance and webhooks (changes, home status, line events, topology reloads);
  // null: the routes that change them answer 503, reads of the store still work.
  incidents::IncidentDesk* incidents = nullptr;
};

}  // namespace hearth::api
