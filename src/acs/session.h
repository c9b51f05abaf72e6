// One CWMP session with one device, as a pure state machine (tr069.md 1.2): it takes parsed
// messages and the time, and returns what to store and what to answer. It never does I/O: the
// caller commits Step::batch and only then sends Step's reply ("nothing acknowledged is lost").
//
// States: kAwaitInform -> (Inform) -> kCpeRequests -> (empty POST) -> kAcsDriving -> (204) -> kEnded.
// CPE requests are answered in kAcsDriving too (more tolerant than the baseline, tr069.md 1.2).
//
// Thread safety: none; the owner serialises calls (one HTTP request at a time per session).
#pragma once

#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "acs/config.h"
#include "acs/tree_reader.h"
#include "core/clock.h"
#include "cwmp/messages.h"
#include "device/profile.h"
#include "device/quirks.h"
#include "store/store.h"

namespace hearth::acs {

class TelemetrySink;

// What the owner loads before a new session starts.
struct SessionStart {
  std::optional<store::DeviceRecord> device;  // nullopt: first contact
  std::vector<store::TaskRecord> tasks;       // the device's pending and running tasks
  std::vector<store::ProfileRecord> profiles; // every profile (the session picks the matching ones)
  std::string remote_ip;
  bool issue_credentials = false;  // the device authenticated with shared or no credentials
};

struct Step {
  store::WriteBatch batch;               // commit before replying
  int http_status = 200;                 // 200 with reply, 204 without, 400 bad state
  std::optional<cwmp::Envelope> reply;
  std::string error;                     // for 400: why
  bool ended = false;                    // the session is over after this reply
  std::vector<store::TaskRecord> finished_tasks;  // reached done/fault/cancelled in this step
  bool device_changed = false;           // the device record in `batch` changed credentials/URL
  // The answer to the telemetry GetParameterValues, complete (hand it on after the commit).
  std::optional<std::vector<cwmp::ParameterValue>> telemetry;
};

class Session {
 public:
  Session(const AcsConfig& config, const Clock& clock, TreeReader& tree);
  ~Session();
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  // The Inform that opens the session. Step::reply is the InformResponse (or a fault).
  Step start(const cwmp::Envelope& inform, SessionStart start);
  // A later POST of the session: `message` is nullptr for an empty POST.
  Step handle(const cwmp::Envelope* message);
  // The same; the session may move values out of the message (the telemetry read's answer).
  Step handle_movable(cwmp::Envelope* message);
  // The session was abandoned (timeout, connection lost for good): puts work in flight back.
  Step abandon(const std::string& reason);

  // Paths to read with one GetParameterValues once everything else is done (telemetry_sink.h).
  // Call after start(); an empty list reads nothing. `fallback`, when not empty, is read instead
  // if the device faults `paths` (a narrowed read whose rows changed).
  void set_telemetry_paths(std::vector<std::string> paths, std::vector<std::string> fallback = {});
  // Where to say that the device acknowledged a Reboot, FactoryReset or Download (it is about
  // to go quiet; telemetry_sink.h). Called with the session's time while handling that answer:
  // the device restarts whether or not the step commits. Null (the default): nobody is told.
  void set_telemetry_sink(TelemetrySink* sink);

  // A task created while this session is open; it runs in this session if there is time.
  void add_task(const store::TaskRecord& task);
  // Cancels a pending task held by this session; false when it is running or unknown here.
  bool cancel_task(int64_t task_id, store::TaskRecord* out);

  const std::string& device_id() const;
  const store::DeviceRecord& device() const;
  bool ended() const;
  // How long the session may be idle before it is abandoned.
  int64_t timeout_ms() const;
  SysTime last_activity() const { return last_activity_; }
  const device::Quirks& quirks() const;

  struct Impl;  // public for the helpers in session_*.cc; opaque to users

 private:
  std::unique_ptr<Impl> impl_;
  SysTime last_activity_;
};

}  // namespace hearth::acs
