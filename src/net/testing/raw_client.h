// A blocking loopback TCP socket (client side, or a connection a RawServer accepted) on POSIX, for tests that need to misbehave (send
// garbage, dribble bytes, vanish mid-request) in ways a real HTTP client will not.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace hearth::net::testing {

struct RawResponse {
  int status = 0;
  std::string head;  // status line and headers, without the blank line
  std::string body;
  // The first value of a header (case-insensitive), or empty.
  std::string header(std::string_view name) const;
};

class RawClient {
 public:
  // Connects to 127.0.0.1:port; check connected().
  explicit RawClient(uint16_t port);
  // Takes over an accepted socket (see RawServer).
  static RawClient adopt(int fd);
  RawClient(RawClient&& other) noexcept;
  ~RawClient();
  RawClient(const RawClient&) = delete;
  RawClient& operator=(const RawClient&) = delete;

  bool connected() const { return fd_ >= 0; }
  // Sends everything; false once the peer has closed or reset the connection.
  bool send(std::string_view data);
  // Reads one message (Content-Length or no body; chunked is not supported). nullopt when the
  // connection closes first or nothing complete arrives within `timeout`. For a request, status
  // stays 0 and head starts with the request line.
  std::optional<RawResponse> read_response(std::chrono::milliseconds timeout = std::chrono::seconds(10));
  std::optional<RawResponse> read_request(std::chrono::milliseconds timeout = std::chrono::seconds(10));
  // Waits until the peer closes (EOF or reset), discarding data. False if still open at `timeout`.
  bool wait_closed(std::chrono::milliseconds timeout = std::chrono::seconds(10));
  // True when the peer has closed: a non-blocking check.
  bool peer_closed();
  void close();

 private:
  RawClient() = default;
  std::optional<RawResponse> read_message(std::chrono::milliseconds timeout, bool response);
  // Appends what arrives within `timeout` to buffer_; false on EOF, error or timeout.
  bool fill(std::chrono::steady_clock::time_point deadline);

  int fd_ = -1;
  std::string buffer_;
};

}  // namespace hearth::net::testing
