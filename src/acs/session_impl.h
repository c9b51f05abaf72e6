// Internal state of a Session, shared by the session_*.cc files. Not part of the API.
#pragma once

#include <deque>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "acs/session.h"

namespace hearth::acs {

// Why an ACS request was sent, so its response goes to the right place.
enum class Purpose {
  kCredentials,   // SPV of connection-request (and CPE->ACS) credentials
  kDiscoveryGpn,  // GetParameterNames of the tree walk
  kDiscoveryGpv,  // GetParameterValues of discovered leaves, or of a refresh after boot
  kProfileSpv,
  kProfileSpa,
  kTask,
  kDiagnosticsFetch,  // results after 8 DIAGNOSTICS COMPLETE
  kTelemetry,         // the diagnosis' GetParameterValues (telemetry_sink.h)
};

struct InFlight {
  std::string id;
  cwmp::Body request;
  Purpose purpose;
  std::string context;  // profile name, or diagnostics object
  int64_t task_id = 0;
};

struct Discovery {
  bool active = false;
  bool full = false;                     // a whole-tree walk (marks discovered_ms when done)
  bool level_walk = false;               // NextLevel=true walk (after the big GPN failed)
  std::deque<std::string> gpn_queue;     // paths still to name
  std::deque<std::vector<std::string>> gpv_batches;
  std::vector<std::string> leaves;       // collected, to batch after the GPN phase
};

// A task being executed in this session: its remaining RPCs and what it has gathered.
struct ActiveTask {
  int64_t task_id = 0;
  std::deque<cwmp::Body> steps;
  nlohmann::json result = nlohmann::json::object();
  std::string refresh_after;  // a path to walk after the last step (AddObject's new instance)
};

struct DiagnosticsPending {
  std::string object;  // e.g. "Device.IP.Diagnostics.IPPing."
  int64_t task_id = 0;
  int64_t since_ms = 0;
};

struct Session::Impl {
  Impl(const AcsConfig& c, const Clock& k, TreeReader& t) : config(c), clock(k), tree(t) {}

  const AcsConfig& config;
  const Clock& clock;
  TreeReader& tree;

  enum class State { kAwaitInform, kCpeRequests, kAcsDriving, kEnded };
  State state = State::kAwaitInform;

  store::DeviceRecord device;
  store::DeviceRecord saved_device;  // as last put in a batch: unchanged records are not rewritten
  device::Quirks quirks;
  std::string cwmp_ns;
  int64_t timeout_ms = 30'000;
  std::vector<cwmp::EventStruct> events;
  nlohmann::json state_json = nlohmann::json::object();
  std::map<int64_t, store::TaskRecord> tasks;
  std::vector<std::pair<device::Profile, int64_t>> profiles;  // matching ones with their versions
  bool issue_credentials = false;

  bool need_credentials = false;
  std::string new_cr_password;
  std::string new_acs_password;
  Discovery discovery;
  std::deque<std::string> boot_refresh;  // prefixes to re-read after 1 BOOT
  std::set<std::string> profiles_tried;     // finished (or failed) in this session
  std::set<std::string> profiles_spv_done;  // values set, attributes still to go
  std::deque<DiagnosticsPending> diagnostics_to_fetch;
  std::optional<ActiveTask> active_task;
  std::set<int64_t> tasks_tried;  // tasks started in this session (one attempt per session)
  std::optional<InFlight> in_flight;
  int next_message = 1;

  // Telemetry: one GetParameterValues of every path; when the device faults it (a path it does
  // not have), one per path, and the paths it faults are skipped until its firmware changes.
  std::deque<std::string> telemetry_queue;
  bool telemetry_split = false;
  std::vector<std::string> telemetry_fallback;  // the full read, while a narrowed one is queued
  cwmp::Envelope* movable = nullptr;  // the message being handled, when values may be moved out of it
  std::vector<cwmp::ParameterValue> telemetry_values;
  TelemetrySink* telemetry_sink = nullptr;  // told of expected restarts; may be null

  Step step;  // the step being built by the current call

  int64_t now_ms() const { return to_unix_ms(clock.now()); }
  bool has_event(const std::string& code) const;

  // session.cc
  cwmp::Envelope envelope(cwmp::Body body, std::optional<std::string> id);
  Step finish_step();
  void send_next();
  void answer_cpe_request(const cwmp::Envelope& msg);
  void handle_response(const cwmp::Envelope& msg);
  void save_device();
  void add_fault(int64_t task_id, const std::string& rpc, const cwmp::Fault& fault);

  // session_inform.cc
  void process_inform(const cwmp::Envelope& env, SessionStart start);
  void process_events();
  void on_transfer_complete(const std::string& command_key, const cwmp::FaultStruct& fault,
                            const std::string& start, const std::string& complete);

  // session_planner.cc
  std::optional<InFlight> plan_next();
  std::optional<InFlight> plan_credentials();
  std::optional<InFlight> plan_discovery();
  std::optional<InFlight> plan_profiles();
  void on_credentials_response(const cwmp::Envelope& msg);
  void on_discovery_response(const cwmp::Envelope& msg);
  void on_profile_response(const cwmp::Envelope& msg);
  void on_diagnostics_response(const cwmp::Envelope& msg);
  void start_discovery(const std::string& path, bool full);
  void store_values(const std::vector<cwmp::ParameterValue>& values);
  void update_device_fields(const std::vector<cwmp::ParameterValue>& values);
  void mark_profile(const std::string& name, bool ok);

  // session_telemetry.cc
  void set_telemetry_paths(std::vector<std::string> paths, std::vector<std::string> fallback);
  std::optional<InFlight> plan_telemetry();
  void on_telemetry_response(const cwmp::Envelope& msg);

  // session_tasks.cc
  std::optional<InFlight> plan_task();
  void on_task_response(const cwmp::Envelope& msg);
  void finish_task(store::TaskRecord& task, store::TaskState state, nlohmann::json result_or_fault);
  void retry_or_fault(store::TaskRecord& task, nlohmann::json fault, bool retryable);
  void put_task(const store::TaskRecord& task);
  bool build_task_steps(store::TaskRecord& task, ActiveTask* active, nlohmann::json* error);
  void expire_running_tasks();
  void restart_expected(int64_t now);
  int64_t backoff_ms(int attempts) const;
};

// Helpers shared by the session files.
std::string root_of(const store::DeviceRecord& device);
// Secrets read back empty (quirk 24): never compare them, never store what we set.
bool is_secret_parameter(const std::string& name);
cwmp::SetParameterAttributes to_set_parameter_attributes(const std::vector<device::SpaItem>& items);
bool is_retryable_fault(uint32_t code);
nlohmann::json fault_json(const cwmp::Fault& fault);

}  // namespace hearth::acs
