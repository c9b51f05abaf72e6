// Settings of the ACS logic (the [acs] table of the configuration file).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "device/quirks.h"

namespace hearth::acs {

// What to do with a device that has no credentials of its own yet (tr069.md 1.7).
enum class UnknownDevicePolicy {
  kRegister,        // accept it on first contact, then give it credentials of its own
  kBootstrapSecret, // it must present the shared bootstrap username/password first
  kReject,          // only devices registered beforehand (with credentials) may connect
};

struct AcsConfig {
  std::string realm = "hearth";
  UnknownDevicePolicy unknown_device_policy = UnknownDevicePolicy::kRegister;
  std::string bootstrap_username;  // for kBootstrapSecret
  std::string bootstrap_password;
  bool require_auth = true;        // false: no CPE authentication at all (lab use)
  bool issue_device_credentials = true;     // set ManagementServer.Username/Password per device
  bool set_connection_request_credentials = true;
  std::string files_base_url;      // where CPEs fetch files hearthd serves, ending in '/'
  int64_t session_timeout_ms = 30'000;      // unless the CPE's SessionTimeout says otherwise
  int64_t download_timeout_ms = 3'600'000;  // quirk 23
  int64_t reboot_timeout_ms = 600'000;
  int64_t schedule_inform_timeout_ms = 3'600'000;
  int64_t diagnostics_timeout_ms = 600'000;
  int64_t retry_base_ms = 10'000;           // task back-off: base * 2^(attempts-1), capped
  int64_t retry_max_ms = 3'600'000;
  bool discover_trees = true;  // walk a new device's whole parameter tree
  int64_t rediscover_after_ms = 7 * 86'400'000LL;  // walk the whole tree again after this (0: never)
  std::vector<std::string> refresh_on_boot{"DeviceInfo."};  // relative to the root; re-read after 1 BOOT
  std::vector<device::QuirkRule> quirks;
};

}  // namespace hearth::acs
