// The protocol side of one simulated gateway (tr069.md sections 1 to 6), pure: the engine
// (engine.h) owns sockets and timers and feeds this class HTTP responses and the time.
//
// Life of a session: the engine asks next_session_ms() when to wake the device; at that time it
// calls tick(now) and asks again: when the answer is <= now it calls begin_session(now), POSTs the
// returned body to the ACS, and hands each HTTP answer to on_response(), POSTing what that returns
// until it says the session is over. A connection failure or a timeout goes to session_failed(),
// which schedules the retry with the back-off of tr069.md 1.9 (on_response() detects HTTP errors,
// faults and malformed answers itself). Every wire quirk of the model (prefixes, array counts,
// booleans) is applied here; HTTP-level quirks (Basic vs Digest, stale cookie: model()) are for
// the engine to apply.
//
// The engine's loop for one device:
//   tick(now); t = next_session_ms(now);
//   if (t <= now) { body = begin_session(now); ...POST... } else wake again at t
// and tick() whenever the home changed (dynamics, scenarios), so that value changes and
// conditions are seen; a wan_down or unreachable device fails its due sessions inside tick()
// without traffic (tr069.md 1.9 back-off), so the engine need not simulate those.
//
// State kept per device is small (times, pending events, ACS-set attributes and the values they
// watch); the parameter tree is always rendered by the DataModel. Not thread-safe.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/data_model.h"
#include "sim/models.h"
#include "sim/world.h"

namespace hearth::sim {

struct CpeOptions {
  uint32_t inform_jitter_s = 30;        // periodic informs land within +- this of the schedule
  int64_t reboot_offline_ms = 30000;    // how long a reboot keeps the device away
  int64_t download_ms = 5000;           // install time after the engine fetched the file
  uint32_t connection_requests_per_minute = 12;  // rate limit (tr069.md 3.2.2 allows limiting)
  // Power-on (first start, power restored) to online: uniform in [0.5, 1.5] x this, so that a
  // fleet switched on together does not inform in the same second.
  int64_t power_on_boot_ms = 40000;
  int64_t crash_loop_min_ms = 120000;   // crash_loop: uptime before the next crash, uniform in
  int64_t crash_loop_max_ms = 360000;   //   [min, max]
  int64_t memory_leak_reboot_ms = 4 * 3600 * 1000;  // memory_leak: uptime with the leak until it
                                                     // reboots (sooner if Free memory runs out)
  // How often the device wants a tick() while the ACS watches values (notification 1/2).
  int64_t notification_poll_ms = 60000;
};

// A firmware download the engine must fetch (HTTP GET of url with the credentials); it reports
// the outcome with download_finished().
struct FetchRequest {
  std::string url;
  std::string username;
  std::string password;
  std::string command_key;
};

class Cpe {
 public:
  Cpe(Home& home, const ModelInfo& model, std::unique_ptr<DataModel> data_model, CpeOptions options,
      uint64_t seed);
  ~Cpe();
  Cpe(Cpe&&) noexcept;
  Cpe& operator=(Cpe&&) noexcept;

  const ModelInfo& model() const;
  DataModel& data_model();

  // ---- scheduling ----
  // When the engine should next call tick() and ask again: the time of the next session the
  // device wants (boot, periodic, ScheduleInform, active notification, diagnostics complete,
  // transfer complete, retry, connection request) or of the next device event (reboot end,
  // crash, download ready, diagnostic done, value polling), or kNever (powered off with nothing
  // to do, or in a session). <= now_ms after tick(now_ms) means: begin a session now.
  int64_t next_session_ms(int64_t now_ms) const;
  // Time-driven device behaviour: power cut and restore, crash loop reboots, memory leak, reboot
  // and download completion, periodic and scheduled informs, value-change detection, sessions
  // failed without traffic while wan_down/unreachable. Call before next_session_ms() with the
  // current time; a late call catches up in order. Times never go backwards.
  void tick(int64_t now_ms);
  bool online(int64_t now_ms) const;  // powered, booted, not in a reboot
  bool in_session() const;

  // ---- a session ----
  // The Inform that opens a session (events accumulated since the last delivered one).
  // "" (no session) when not online(now_ms) or in_session(); also while wan_down/unreachable,
  // which counts as a failed attempt without traffic. tick() fails a running session when the
  // line goes down; the engine's next on_response() then says done + failed.
  std::string begin_session(int64_t now_ms);
  struct Next {
    bool done = false;     // the session is over (204 received or the CPE ends it)
    bool failed = false;   // with done: it ended as a failure (retry per tr069.md 1.9)
    std::string body;      // else POST this next; empty = empty POST
  };
  // An HTTP answer from the ACS within the session (status 200 with a SOAP body, or 204; 401s
  // of an authentication round stay with the engine). Any other status, a fault on the Inform,
  // malformed XML or an answer out of turn fails the session (done and failed set).
  Next on_response(int http_status, std::string_view body, int64_t now_ms);
  // The session broke (connection refused or dropped, timeout, HTTP error other than 401 that
  // the engine could not resolve). Undelivered events are kept; retry per tr069.md 1.9.
  void session_failed(int64_t now_ms);
  uint32_t retry_count() const;

  // ---- HTTP-level identity ----
  std::string acs_username() const;
  std::string acs_password() const;
  std::string acs_url(int64_t now_ms) const;  // ManagementServer.URL as the data model has it
  // ---- connection requests ----
  // The engine authenticated the request (Digest with these credentials); true if accepted
  // (not rate-limited, device online and reachable): a session with "6 CONNECTION REQUEST"
  // follows at once (cutting a retry back-off short), or after the running session; requests
  // arriving while one is pending coalesce into it. false: the engine answers 503.
  bool connection_request(int64_t now_ms);
  std::string connection_request_username() const;
  std::string connection_request_password() const;
  void set_connection_request_url(const std::string& url);

  // ---- downloads ----
  // A Download the ACS asked for that the engine must now fetch (at most one at a time). It
  // becomes available when the session that asked for it ends and DelaySeconds have passed
  // (next_session_ms() wakes the engine then); each one is handed out once.
  std::optional<FetchRequest> take_fetch();
  // The fetch finished: the body size (and success) or a fault; the CPE installs, reboots and
  // reports TransferComplete with "M Download" / "7 TRANSFER COMPLETE". `fault_code` names the
  // failure when !ok (9010 by default; 9012 auth, 9015 server unreachable, 9016 not found...).
  // A size differing from the Download's FileSize is a corrupted file (9018).
  void download_finished(bool ok, uint64_t size, int64_t now_ms, uint32_t fault_code = 0);

  struct Stats {
    uint64_t sessions = 0;         // ended well (204)
    uint64_t failed_sessions = 0;  // failed attempts, including those without traffic
    uint64_t boots = 0;
    uint64_t informs = 0;          // Informs written
    uint64_t connection_requests = 0;          // accepted
    uint64_t connection_requests_refused = 0;  // rate-limited or offline
  };
  const Stats& stats() const;

  struct State;  // public for the helpers in sim/cpe/*.cc; opaque to users

 private:
  std::unique_ptr<State> s_;
};

}  // namespace hearth::sim
