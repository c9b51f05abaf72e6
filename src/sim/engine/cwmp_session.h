// One CWMP session of one simulated gateway over HTTP (tr069.md 1.2-1.7): POST the Cpe's Inform,
// hand every answer to Cpe::on_response() and POST what it returns until the session is over.
// Cookies the ACS sets go back on the session's later requests; a 401 is answered once per
// request (Digest, or Basic for Basic-only models) and credentials are then sent on every later
// request; a stale_cookie model sends the previous session's cookie with its Inform (quirk 2).
// A transport error or a second 401 fails the session (Cpe::session_failed).
//
// Runs on the loop's thread. The session owns its TCP connection (a CPE opens one per session)
// and closes it when it ends or is destroyed; `done` is called once, on the loop, never from
// start(), and is not called when the session is destroyed first.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "core/clock.h"
#include "net/client_connection.h"
#include "net/event_loop.h"
#include "sim/cpe.h"
#include "sim/engine/acs_http.h"

namespace hearth::sim {

// Where the ACS is: parsed once from the URL.
struct AcsEndpoint {
  std::string url;
  std::string host;
  uint16_t port = 80;
  std::string target = "/";
};
// http URLs only (the simulator does not do TLS): kInvalidArgument otherwise.
Result<AcsEndpoint> parse_acs_endpoint(const std::string& url);

struct SessionOutcome {
  bool ok = false;
  bool auth_failed = false;  // the ACS refused our credentials
  int last_status = 0;       // the last HTTP status received, 0 when none
  uint32_t requests = 0;     // HTTP requests sent
  int64_t latency_us = 0;    // from the Inform's POST to the end
  std::string error;         // why it failed
  std::string cookies;       // the session's cookies at its end (for the stale_cookie quirk)
};

class CwmpSession {
 public:
  CwmpSession(net::EventLoop& loop, const Clock& clock, Cpe& cpe, const AcsEndpoint& acs,
              std::chrono::milliseconds timeout, std::function<void(SessionOutcome)> done);
  ~CwmpSession();

  // Begins the Cpe's session and POSTs the Inform. `stale_cookie` goes with the Inform when not
  // empty. False when the Cpe would not begin one (offline, already in a session): nothing was
  // sent and `done` will not be called.
  bool start(const std::string& stale_cookie);

 private:
  int64_t now_ms() const { return to_unix_ms(clock_.now()); }
  void post(std::string body, const std::string& cookie_override);
  void on_answer(Result<net::HttpResponse> answer);
  void finish(bool ok, std::string error);

  const Clock& clock_;
  Cpe& cpe_;
  AcsEndpoint acs_;
  net::ClientConnection conn_;
  CookieJar jar_;
  AcsAuthorization auth_;
  std::function<void(SessionOutcome)> done_;
  std::string body_;             // the request in flight, resent after a 401
  std::string stale_cookie_;     // sent with the Inform (and its authenticated resend)
  bool inform_in_flight_ = false;
  int challenges_ = 0;           // 401s in a row for the request in flight
  std::chrono::steady_clock::time_point started_;
  SessionOutcome outcome_;
};

}  // namespace hearth::sim
