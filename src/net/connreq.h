// One HTTP Connection Request to a CPE (tr069.md 6.1): GET the ConnectionRequestURL without
// credentials, answer a 401 with Digest, and classify the outcome. Coalescing, back-off and the
// "not while in session" rule belong to the caller (the ACS); this is a single attempt.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "core/result.h"
#include "net/http_client.h"

namespace hearth::net {

enum class ConnReqOutcome {
  kOk,           // 200 or 204: the CPE will open a session
  kUnreachable,  // refused, reset, closed, timed out, name not resolved
  kAuthFailed,   // 401 after we answered its challenge (or a challenge we cannot answer)
  kBusy,         // 503: the CPE's rate limit or missing CR credentials (quirk 29)
  kError,        // another status or a malformed answer
  kInvalidUrl,   // the URL failed validate_connection_request_url (quirk 30)
};
const char* connreq_outcome_name(ConnReqOutcome outcome);

struct ConnReqResult {
  ConnReqOutcome outcome = ConnReqOutcome::kError;
  int http_status = 0;  // the final status, 0 when there was none
  std::string detail;   // human-readable, for logs and the API
};

// ConnectionRequestURL is a string(256) in the data model; longer values are garbage.
inline constexpr size_t kMaxConnectionRequestUrlLength = 256;

// Checks a ConnectionRequestURL before use (quirk 30): http scheme only (6.1: "plain http://"),
// a host, a port in 1..65535, no userinfo, printable ASCII, at most 256 characters.
Status validate_connection_request_url(std::string_view url);

struct ConnReqOptions {
  std::chrono::milliseconds timeout{2000};  // per HTTP exchange (tr069.md 6.1 step 4)
  bool allow_basic = false;                 // GenieACS connectionRequestAllowBasicAuth, default off
};

// Thread-safe; callbacks run on the HttpClient's threads, never inside send().
class ConnectionRequestClient {
 public:
  // Uses a private HttpClient with one thread.
  explicit ConnectionRequestClient(ConnReqOptions options = {});
  // Shares `client`. REQUIRES: `client` outlives this object and every callback of send().
  explicit ConnectionRequestClient(HttpClient& client, ConnReqOptions options = {});
  ~ConnectionRequestClient();
  ConnectionRequestClient(const ConnectionRequestClient&) = delete;
  ConnectionRequestClient& operator=(const ConnectionRequestClient&) = delete;

  // One attempt; `done` gets the outcome (an invalid URL is refused before any I/O).
  void send(const std::string& url, const std::string& username, const std::string& password,
            std::function<void(ConnReqOutcome)> done);
  // The same with the final HTTP status and a human-readable detail for logs.
  void send_detailed(const std::string& url, const std::string& username, const std::string& password,
                     std::function<void(ConnReqResult)> done);
  // A reachability check, not a connection request: one GET without credentials whose answer,
  // whatever its status (a live CPE answers 401), means `done(true)`. The challenge is never
  // answered, so no session follows; nothing is retried. Refused, reset, closed without an
  // answer, timed out or an invalid URL (refused before any I/O) give false.
  void probe(const std::string& url, std::function<void(bool answered)> done);

 private:
  std::unique_ptr<HttpClient> owned_client_;
  HttpClient& client_;
  ConnReqOptions options_;
};

}  // namespace hearth::net
