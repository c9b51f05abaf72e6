// What the API needs from the rest of hearthd. Everything referenced must outlive the Api and
// every callback of a request it is handling.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "acs/control.h"
#include "core/clock.h"
#include "core/metrics.h"
#include "device/file_repository.h"
#include "incidents/desk.h"
#include "insight/reader.h"
#include "selfservice/notifier.h"
#include "selfservice/troubleshoot_desk.h"
#include "store/store.h"

namespace hearth::campaigns {
class CampaignDesk;  // campaigns/desk.h
}  // namespace hearth::campaigns

namespace hearth::api {

class SettingsDesk;  // api/settings_desk.h

// 50,000 homes with their subscribers are about 25 MB of JSON.
inline constexpr size_t kMaxImportBody = size_t{64} << 20;

// The customer portal's sessions and logins ([selfservice] in the configuration).
struct PortalOptions {
  int64_t session_ttl_ms = int64_t{12} * 3600 * 1000;  // absolute lifetime of a session
  int64_t idle_ttl_ms = int64_t{60} * 60 * 1000;       // ends after this long unused
  int64_t reset_ttl_ms = int64_t{30} * 60 * 1000;      // a password-reset link's lifetime
  bool secure_cookies = true;   // the Secure cookie attribute (off only for plain-HTTP demos)
  std::string public_url;       // where customers reach the portal, for reset links
                                // ("http://127.0.0.1:8080"); "": the request's Host
  uint32_t login_attempts_per_minute = 10;  // per address and per login name
};

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
  // The customer portal (/api/v1/selfservice/...).
  PortalOptions portal;
  selfservice::Notifier* notifier = nullptr;              // null: reset links are not sent
  selfservice::TroubleshootDesk* troubleshooter = nullptr;  // null: troubleshooting answers 503
  // The operator dashboard: campaigns and live settings; null: those routes answer 503.
  campaigns::CampaignDesk* campaigns = nullptr;
  SettingsDesk* settings = nullptr;
  // Staff sessions ([staff] in the configuration): the same lifetimes as the portal's.
  PortalOptions staff;
};

}  // namespace hearth::api
