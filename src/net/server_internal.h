// Internal to the HTTP server: what the accept loop (http_server.cc) and the per-connection
// coroutine (server_session.cc) share. Includes Asio; never include it outside src/net/*.cc.
#pragma once

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>

#include <atomic>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <unordered_map>

#include "net/http_server.h"

namespace hearth::net::detail {

// A live connection as the server sees it for shutdown. Both calls may come from any thread;
// the implementation posts them to the connection's strand.
class ConnectionBase {
 public:
  virtual ~ConnectionBase() = default;
  // The server is stopping: close now if waiting for a next request; otherwise the connection
  // closes after its current response.
  virtual void on_server_stop() = 0;
  // The grace period is over: abandon whatever is in flight and close.
  virtual void force_close() = 0;
};

// State shared by the server and its connections. Outlives every connection (the server waits for
// them all in stop()).
struct ServerCore {
  HttpServerOptions options;
  Handler handler;
  HttpServerStats stats;
  std::atomic<bool> stopping{false};
  std::atomic<uint64_t> next_connection_id{1};
  std::atomic<size_t> rejecting{0};  // over-capacity connections being answered 503

  std::mutex mu;
  std::condition_variable all_closed;  // signalled when `live` becomes empty
  std::unordered_map<uint64_t, std::weak_ptr<ConnectionBase>> live;

  void add_live(uint64_t id, std::weak_ptr<ConnectionBase> conn);
  void remove_live(uint64_t id);
};

// Starts serving an accepted socket (bound to a strand, or to the io_context when it has one
// thread) whose peer is `remote`. `tls` is null for plain HTTP. With `reject` the connection only
// answers 503 to its first request and closes (over capacity).
void spawn_session(ServerCore& core, boost::asio::ip::tcp::socket socket, const boost::asio::ip::tcp::endpoint& remote,
                   boost::asio::ssl::context* tls, bool reject);

}  // namespace hearth::net::detail
