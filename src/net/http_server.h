// An HTTP/1.1 server (plain or TLS) for the CWMP endpoint and the API. Boost.Beast and Asio stay
// inside http_server.cc; callers see plain structs and std::function.
//
// Each connection serves its requests strictly one after the other. The handler receives the
// request and a Respond callback and may answer later from any thread (for instance once a
// database write is durable). Respond may be called at most once (later calls are ignored), is
// safe to call after the connection or even the server is gone, and if every copy of it is
// destroyed without being called the client gets a 500.
//
// Limits (each a defence against a slow or hostile client): header size (431), body size per
// request (413, also for bodies that only grow past it when decompressed), a deadline for reading
// a whole request header and body (slowloris), an idle keep-alive timeout, a write timeout and a
// connection cap (503 past it). Malformed requests get 400 and the connection is closed.
// gzip/deflate request bodies are decoded before the handler (tr069.md 2.2); other codings get 415.
//
// Thread safety: start() and stop() from one controlling thread, never from a handler or
// callback; stats() from anywhere. The handler, body_limit and on_connection_closed run on server
// threads and must not block for long.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "core/result.h"
#include "net/http_types.h"

namespace hearth::net {

using Respond = std::function<void(HttpResponse)>;
using Handler = std::function<void(HttpRequest&&, const ConnectionInfo&, Respond)>;

inline constexpr uint64_t kDefaultBodyLimit = 4u << 20;  // 4 MiB

struct TlsFiles {
  std::string certificate_file;  // PEM, the chain with the server certificate first
  std::string private_key_file;  // PEM
};

struct HttpServerOptions {
  // "ADDR:PORT" with an IPv4 address or a bracketed IPv6 one, e.g. "0.0.0.0:7547", "[::]:0".
  // Port 0 picks a free port; see HttpServer::port().
  std::string listen = "127.0.0.1:0";
  int threads = 1;
  std::optional<TlsFiles> tls;

  size_t header_limit = 16 * 1024;
  // The largest body accepted for a request, decided once its header is read (so one route can
  // allow big uploads). The request passed has no body yet. Unset means kDefaultBodyLimit.
  std::function<uint64_t(const HttpRequest& head)> body_limit;

  std::chrono::milliseconds read_timeout{30'000};  // whole request: header and body
  std::chrono::milliseconds idle_timeout{60'000};  // between keep-alive requests
  std::chrono::milliseconds write_timeout{30'000};
  size_t max_connections = 10'000;
  // stop() lets requests in flight finish for this long before cutting them off.
  std::chrono::milliseconds stop_grace{10'000};

  // Called on a server thread when a connection closes, for any reason.
  std::function<void(const ConnectionInfo&)> on_connection_closed;
};

// Counters for metrics; read them with .load().
struct HttpServerStats {
  std::atomic<uint64_t> connections_open{0};
  std::atomic<uint64_t> connections_total{0};
  std::atomic<uint64_t> connections_rejected{0};  // over max_connections
  std::atomic<uint64_t> requests{0};              // responses sent, whatever the status
  std::atomic<uint64_t> responses_4xx{0};
  std::atomic<uint64_t> responses_5xx{0};
  std::atomic<uint64_t> bytes_in{0};   // HTTP bytes read (after TLS)
  std::atomic<uint64_t> bytes_out{0};  // HTTP bytes written (before TLS)
};

class HttpServer {
 public:
  HttpServer(HttpServerOptions options, Handler handler);
  ~HttpServer();  // stops if running
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  // Binds, listens and starts the threads. Errors: kInvalidArgument (bad address, unreadable TLS
  // files), kUnavailable (the port is taken). May be called once.
  Status start();

  // Stops accepting, closes idle keep-alive connections, lets requests in flight finish (their
  // connections close after the response) until options.stop_grace, then cuts off the rest, and
  // joins the threads. Idempotent; the destructor calls it.
  void stop();

  // The bound address after start(), e.g. "127.0.0.1:41234" or "[::1]:41234".
  std::string bound_address() const;
  uint16_t port() const;

  const HttpServerStats& stats() const;

  class Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace hearth::net
