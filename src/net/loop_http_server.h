// A small HTTP/1.1 server on an EventLoop, listening on one address and a range of ports, with a
// synchronous handler that runs on the loop's thread. Made for the simulator's connection-request
// endpoint (tr069.md 6.1): thousands of simulated CPEs share a few ports and are told apart by
// the request path, and a CPE that is switched off must be able to leave a request unanswered.
// (net::HttpServer runs its own threads and listens on one port; this one adds no thread.)
//
// Each connection serves its requests one after the other. The handler's answer is written back
// at once; std::nullopt closes the connection without any answer (a dead box). Limits: header
// size (431), body size (413), a deadline for each request (idle keep-alive time included) and a
// connection cap (over it new connections are closed at once). Malformed requests get 400.
//
// Thread safety: the loop's thread only (or before the loop runs). Asio and Beast stay inside
// loop_http_server.cc.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "net/event_loop.h"
#include "net/http_types.h"

namespace hearth::net {

struct LoopHttpServerOptions {
  std::string address = "127.0.0.1";  // IPv4 or IPv6 literal, no brackets
  // Ports first..last inclusive, each its own listener. 0..0 binds one free port.
  uint16_t first_port = 0;
  uint16_t last_port = 0;
  uint32_t header_limit = 8 * 1024;
  uint64_t body_limit = 64 * 1024;
  // The time a connection has to deliver a whole request, counted from the accept or from the
  // previous answer (so it bounds idle keep-alive time too).
  std::chrono::milliseconds read_timeout{30'000};
  size_t max_connections = 20'000;
};

// The answer, or nullopt to close the connection without one.
using LoopHandler = std::function<std::optional<HttpResponse>(const HttpRequest&, const ConnectionInfo&)>;

struct LoopHttpServerStats {
  uint64_t connections = 0;  // accepted
  uint64_t rejected = 0;     // closed at once, over max_connections
  uint64_t requests = 0;     // complete requests read
  uint64_t unanswered = 0;   // closed without an answer (handler said nullopt)
};

class LoopHttpServer {
 public:
  LoopHttpServer(EventLoop& loop, LoopHttpServerOptions options, LoopHandler handler);
  ~LoopHttpServer();  // stop()
  LoopHttpServer(const LoopHttpServer&) = delete;
  LoopHttpServer& operator=(const LoopHttpServer&) = delete;

  // Binds and listens on every port of the range. Errors: kInvalidArgument (bad address or range),
  // kUnavailable (a port is taken; nothing stays bound). May be called once.
  Status start();
  // Closes the listeners and every connection. Idempotent.
  void stop();

  // The bound ports in order (after start()).
  const std::vector<uint16_t>& ports() const;
  LoopHttpServerStats stats() const;
  size_t open_connections() const;

  class Impl;

 private:
  std::shared_ptr<Impl> impl_;
};

}  // namespace hearth::net
