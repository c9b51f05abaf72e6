// A persistent HTTP/1.1 client connection on an EventLoop: one server (host:port), one request at
// a time, kept alive between requests, reopened when the server closed it. What a CPE does for a
// CWMP session (tr069.md 1.1: one TCP connection for the whole session, a new one if it drops).
// Authentication and cookies are the caller's: it sets the headers it needs.
//
// Reconnecting: before a request, a connection the server announced it would close
// (Connection: close) or that failed is replaced by a new one. When a request sent on a reused
// keep-alive connection finds that the server closed it in the meantime (no byte of an answer
// before end of stream or a reset), it is sent once more on a new connection.
//
// Errors are values: kUnavailable (refused, reset, closed, name not resolved), kTimeout (the
// per-request deadline passed: connect, send and the whole response), kTooLarge (response past
// the limit), kInternal (malformed response).
//
// Thread safety: the loop's thread only. Callbacks run on the loop, never inside send().
// Destroying the connection (or close()) cancels a request in flight; its callback is then never
// called. Asio and Beast stay inside client_connection.cc.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "core/result.h"
#include "net/event_loop.h"
#include "net/http_types.h"

namespace hearth::net {

struct ClientConnectionOptions {
  std::chrono::milliseconds timeout{30'000};  // per request, from send() to the last byte
  uint64_t max_response_bytes = 16u << 20;
  uint32_t header_limit = 64 * 1024;
};

using ClientCallback = std::function<void(Result<HttpResponse>)>;

class ClientConnection {
 public:
  // `host` is an IP address or a name; a name is resolved (blocking, once) at the first connect.
  ClientConnection(EventLoop& loop, std::string host, uint16_t port, ClientConnectionOptions options = {});
  ~ClientConnection();
  ClientConnection(const ClientConnection&) = delete;
  ClientConnection& operator=(const ClientConnection&) = delete;

  // Sends `request` (method, target, headers, body; Host, Content-Length and Connection are set
  // here) and calls `done` with the response or an error.
  // REQUIRES: no request in flight (busy() is false).
  void send(HttpRequest request, ClientCallback done);

  bool busy() const;
  // A TCP connection is open now (it may still turn out to be closed by the server).
  bool connected() const;
  // Closes the TCP connection; a request in flight is dropped without its callback.
  void close();
  // TCP connections opened so far (tests: keep-alive reuse).
  uint64_t connects() const;

  class Impl;

 private:
  std::shared_ptr<Impl> impl_;
};

}  // namespace hearth::net
