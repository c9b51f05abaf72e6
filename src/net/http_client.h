// A small asynchronous HTTP/1.1 client for Connection Requests (tr069.md 6.1), tests and tools.
// One connection per request (no pooling). Boost stays inside http_client.cc.
//
// Errors are values: kInvalidArgument for a bad URL, kUnavailable when the peer cannot be reached
// (refused, reset, closed early, name not resolved), kTimeout when the deadline passes,
// kTooLarge for a response past max_response_bytes, kInternal for a malformed response.
//
// Thread safety: request() may be called from any thread; callbacks always run on the client's
// threads (never inside request(), even for a bad URL) and must not block for long. The
// destructor cancels what is in flight; the callbacks of those requests still run (with an
// error) before it returns. Do not destroy the client from one of its callbacks.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "core/result.h"
#include "net/http_types.h"

namespace hearth::net {

struct HttpCredentials {
  std::string username;
  std::string password;
};

struct HttpClientOptions {
  // Deadline for each HTTP exchange (resolve, connect, send, receive); the request answering an
  // authentication challenge gets a fresh one.
  std::chrono::milliseconds timeout{2000};
  // When set, one 401 is answered with Digest (tr069.md 6.1 step 2), or with Basic if that is the
  // only challenge and allow_basic is set. If the server drops the connection after its
  // challenge, the authenticated request is sent once more on a new connection (quirk 28).
  std::optional<HttpCredentials> credentials;
  bool allow_basic = false;
  uint64_t max_response_bytes = 16u << 20;
  // https only: verify the server certificate against the system store, or against ca_file.
  bool verify_tls = true;
  std::string ca_file;
};

using HttpCallback = std::function<void(Result<HttpResponse>)>;

class HttpClient {
 public:
  explicit HttpClient(int threads = 1);
  ~HttpClient();
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  void get(const std::string& url, const HttpClientOptions& options, HttpCallback done);
  // `headers` are sent as given (Host, Content-Length and Connection are set by the client).
  void request(const std::string& method, const std::string& url, const HttpHeaders& headers, std::string body,
               const HttpClientOptions& options, HttpCallback done);

  // Runs `fn` on one of the client's threads.
  void post(std::function<void()> fn);

  class Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

// Blocking convenience for tests and the CLI: runs one request on a private client.
Result<HttpResponse> http_request_sync(const std::string& method, const std::string& url,
                                       const HttpHeaders& headers = {}, std::string body = {},
                                       const HttpClientOptions& options = {});

}  // namespace hearth::net
