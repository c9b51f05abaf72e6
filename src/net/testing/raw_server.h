// A loopback TCP server on plain POSIX sockets that runs a script per connection, for tests of
// clients against peers that misbehave (drop the connection after a 401, answer garbage, stall).
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <thread>

#include "net/testing/raw_client.h"

namespace hearth::net::testing {

class RawServer {
 public:
  // `serve` runs on the server's thread for each accepted connection in turn; `index` counts
  // connections from 0. The connection closes when `serve` returns.
  explicit RawServer(std::function<void(int index, RawClient& conn)> serve);
  ~RawServer();
  RawServer(const RawServer&) = delete;
  RawServer& operator=(const RawServer&) = delete;

  uint16_t port() const { return port_; }
  int connections() const { return connections_.load(); }

 private:
  void run();

  std::function<void(int, RawClient&)> serve_;
  int listen_fd_ = -1;
  int wake_fd_[2] = {-1, -1};
  uint16_t port_ = 0;
  std::atomic<int> connections_{0};
  std::thread thread_;
};

}  // namespace hearth::net::testing
