// hearthd's configuration: a TOML file (--config) and the command-line flags that override it.
// Every key is optional; see docs/configuration.md for the full list with defaults.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "acs/config.h"
#include "api/api_deps.h"
#include "core/log.h"
#include "core/result.h"
#include "incidents/service.h"
#include "insight/options.h"

namespace hearth::server {

struct ServerConfig {
  // [cwmp]
  std::string cwmp_listen = "0.0.0.0:7547";
  std::string cwmp_public_url;  // how CPEs reach us (file downloads); default from the bound address
  std::string tls_certificate;
  std::string tls_private_key;
  uint64_t cwmp_max_body_bytes = 8u << 20;
  int cwmp_threads = 1;
  // [http]
  std::string http_listen = "0.0.0.0:8080";
  int http_threads = 1;
  bool metrics_public = false;
  uint64_t upload_max_bytes = 512ull << 20;
  // The built web front-end (the portal at /, later /agent/ and /ops/). "": web/dist next to the
  // source tree's build, found from the executable's path; missing: the pages answer 404.
  std::string web_root;
  // [store]
  std::string store = "sqlite:hearth.db";
  // [files]
  std::string files_dir;  // default: next to the SQLite file, or ./hearth-files
  // [auth]
  std::string digest_secret;
  bool allow_basic_over_http = false;
  // [log]
  LogFormat log_format = LogFormat::kText;
  std::string log_level = "info";
  // [acs], [auth], [tasks], [[quirks]]
  acs::AcsConfig acs;
  // [diagnosis], [diagnosis.rules] (thresholds by name, diag/config.h), [optimiser]
  insight::InsightOptions diagnosis;
  // [incidents] (regional disturbance detection, outage/options.h) and [incidents.webhooks]
  incidents::IncidentServiceOptions incidents;
  // [selfservice] (the customer portal's sessions and logins, api/api_deps.h) and how reset links
  // reach customers: "log" (the demo: the link is written to the log) or "none".
  api::PortalOptions portal;
  std::string notifier = "log";
  // [staff] (the agent console's and the operator dashboard's sessions and logins): the same
  // options as the portal's but for public_url and reset links.
  api::PortalOptions staff;
};

// Reads a TOML file into `config` (keys it does not set keep their values). Unknown keys are
// errors, so that a typo does not go unnoticed.
Status load_config_file(const std::string& path, ServerConfig* config);
// Same from TOML text (for tests).
Status load_config_text(const std::string& text, ServerConfig* config);

}  // namespace hearth::server
