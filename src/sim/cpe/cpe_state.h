// The state of one simulated CPE behind Cpe (cpe.h), shared by the cpe_*.cc files. Internal to
// src/sim/cpe. Kept small: between sessions a device holds a few times, its undelivered events,
// the attributes the ACS set and the values they watch; a session's extra state lives in
// SessionState, allocated only while the session runs.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cwmp/messages.h"
#include "sim/cpe.h"
#include "sim/cpe/events.h"
#include "sim/cpe/retry.h"
#include "sim/cpe/rng.h"

namespace hearth::sim {
namespace cpe {

// A notification attribute the ACS set (tr069.md 3.2 SetParameterAttributes) on a parameter name
// or a partial path (ending in '.'; "" is the whole tree).
struct Attribute {
  std::string path;
  uint8_t notification = 0;  // 0 off, 1 passive, 2 active
};

// A parameter under notification and its value at the last look (sorted by name).
struct Watched {
  std::string name;
  std::string value;
};

struct ScheduledInform {
  int64_t due_ms = 0;
  std::string command_key;
};

struct RunningDiagnostic {
  int64_t done_ms = 0;
  DiagnosticKind kind = DiagnosticKind::kIpPing;
};

// A Download the CPE accepted, from the RPC to the install.
struct DownloadJob {
  enum class Stage : uint8_t {
    kAccepted,    // answered in the running session; starts after it
    kWaiting,     // DelaySeconds not over yet
    kReady,       // the engine may take_fetch()
    kFetching,    // the engine is fetching
    kInstalling,  // fetched; installing until install_done_ms
  };
  Stage stage = Stage::kAccepted;
  cwmp::Download request;
  int64_t not_before_ms = 0;  // received + DelaySeconds
  int64_t ready_ms = 0;       // kWaiting: when the fetch may start
  int64_t start_ms = 0;       // the fetch started
  int64_t install_done_ms = 0;
  std::string version;  // what install_firmware() gets
};

// A TransferComplete to deliver (tr069.md 3.1), kept until the ACS acknowledges it.
struct TransferResult {
  std::string command_key;
  uint32_t fault_code = 0;
  std::string fault_string;
  int64_t start_ms = 0;
  int64_t complete_ms = 0;  // 0 while the install reboot is still running
};

struct SessionState {
  enum class Phase : uint8_t { kAwaitInformResponse, kAwaitTransferResponse, kAcsDriving };
  Phase phase = Phase::kAwaitInformResponse;
  bool informed = false;          // the InformResponse arrived: sent events are delivered
  uint8_t transfer_attempts = 0;  // TransferComplete sends in this session (8005 retries)
  EventList sent_events;
  std::vector<std::string> sent_changed;
  // What the ACS asked for that happens after the session (tr069.md 3.2).
  std::optional<std::string> reboot_key;
  bool factory_reset = false;
  bool management_changed = false;
  bool acs_url_changed = false;
  std::vector<DiagnosticKind> diagnostics;
};

enum class Power : uint8_t { kNeverStarted, kOff, kBooting, kUp };
enum class Shutdown : uint8_t { kPowerCut, kCrash, kAcsReboot, kFactoryReset, kInstall };

}  // namespace cpe

struct Cpe::State {
  State(Home& h, const ModelInfo& m, std::unique_ptr<DataModel> d, const CpeOptions& o,
        uint64_t seed);

  Home* home;
  const ModelInfo* model;
  std::unique_ptr<DataModel> dm;
  CpeOptions options;
  cpe::CpeRng rng;
  Stats stats;

  // ---- life cycle (cpe_lifecycle.cc) ----
  cpe::Power power = cpe::Power::kNeverStarted;
  bool bootstrap_pending = true;  // "0 BOOTSTRAP" at the next boot
  bool version_changed = false;   // "4 VALUE CHANGE" at the next boot (new firmware)
  int64_t boot_at_ms = kNever;    // kBooting: when it is up
  int64_t booted_ms = 0;
  int64_t crash_at_ms = kNever;           // crash_loop: the next crash
  int64_t leak_since_ms = kNever;         // memory_leak: leaking since
  std::optional<std::string> reboot_key;  // "M Reboot" at the next boot
  int64_t periodic_base_ms = kNever;      // the schedule without jitter
  int64_t periodic_due_ms = kNever;
  std::vector<cpe::ScheduledInform> scheduled;
  std::vector<cpe::RunningDiagnostic> diagnostics;
  int64_t last_poll_ms = 0;
  double cr_tokens = 0;
  int64_t cr_refill_ms = 0;

  // ---- events, retry ----
  cpe::EventList events;             // undelivered
  std::vector<std::string> changed;  // changed names under notification, undelivered
  uint32_t retry_count = 0;
  int64_t retry_at_ms = 0;  // no session before this (back-off)

  // ---- what the ACS set ----
  std::vector<cpe::Attribute> attributes;
  std::vector<cpe::Watched> watched;
  std::unique_ptr<cpe::DownloadJob> download;
  std::unique_ptr<cpe::TransferResult> transfer;

  // ---- the running session (cpe_session.cc) ----
  std::unique_ptr<cpe::SessionState> session;
  uint32_t message_id = 0;

  // cpe_lifecycle.cc
  void tick(int64_t now);
  int64_t next_wake(int64_t now) const;
  bool online(int64_t now) const;
  void power_on(int64_t now);
  void boot(int64_t t);
  void shutdown(int64_t t, cpe::Shutdown why);
  void reboot(int64_t t, cpe::Shutdown why);
  void factory_reset(int64_t t);
  void schedule_periodic(int64_t from, bool restart);
  bool connection_request(int64_t now);
  // Passive changes (`changed` without an event) wait for the next Inform.
  bool wants_session() const { return !events.empty() || transfer != nullptr; }

  // cpe_session.cc
  std::string begin_session(int64_t now);
  Next on_response(int http_status, std::string_view body, int64_t now);
  void fail_session(int64_t now);
  void fail_without_traffic(int64_t now);
  void schedule_retry(int64_t now);
  void finish_session(int64_t now);
  void after_session(cpe::SessionState& s, int64_t now);
  std::string write(cwmp::Body body, std::optional<std::string> id, bool inform = false);
  cpe::RetryPolicy retry_policy() const;

  // cpe_rpc.cc / cpe_rpc_parameters.cc / cpe_notify.cc / cpe_transfer.cc
  cwmp::Body handle_request(const cwmp::Body& request, int64_t now);
  cwmp::Body get_parameter_names(const cwmp::GetParameterNames& m, int64_t now);
  cwmp::Body get_parameter_values(const cwmp::GetParameterValues& m, int64_t now);
  cwmp::Body set_parameter_values(const cwmp::SetParameterValues& m, int64_t now);
  cwmp::Body get_parameter_attributes(const cwmp::GetParameterAttributes& m, int64_t now);
  cwmp::Body set_parameter_attributes(const cwmp::SetParameterAttributes& m, int64_t now);
  cwmp::Body download_request(const cwmp::Download& m, int64_t now);
  int notification_of(std::string_view name) const;
  void rebuild_watched(int64_t now);
  void check_notifications(int64_t now);
  void note_acs_write(const std::vector<cwmp::ParameterValue>& values, int64_t now);
  std::optional<FetchRequest> take_fetch();
  void download_finished(bool ok, uint64_t size, int64_t now, uint32_t fault_code);
  void finish_install(int64_t t);

  std::optional<Param> get(const std::string& name, int64_t now) const {
    return dm->get(name, now);
  }
  bool object_exists(const std::string& path, int64_t now) const;
  std::string root_path(std::string_view rest) const { return dm->root() + std::string(rest); }
};

namespace cpe {

// A CWMP fault with its standard string (tr069.md 4.3); "Client" for 9003, 9005-9008.
cwmp::Fault make_fault(uint32_t code, std::string detail = {});
const char* fault_text(uint32_t code);
std::string iso_time(int64_t ms);

}  // namespace cpe
}  // namespace hearth::sim
