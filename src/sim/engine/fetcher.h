// A simulated gateway fetching a file the ACS told it to download (Cpe::take_fetch): HTTP GET of
// the URL on its own connection, one 401 answered with Digest (or Basic when that is all the
// server offers) using the Download's credentials, and the outcome as the TransferComplete fault
// code of tr069.md 4.3: 9012 (authentication), 9015 (server unreachable, or https), 9016 (403,
// 404), 9010 (other failures).
//
// Runs on the loop's thread; `done` is called once, on the loop, never from start(), and not at
// all when the fetcher is destroyed first.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "net/client_connection.h"
#include "net/event_loop.h"
#include "net/url.h"
#include "sim/cpe.h"

namespace hearth::sim {

struct FetchOutcome {
  bool ok = false;
  uint64_t size = 0;        // body bytes received
  uint32_t fault_code = 0;  // when !ok
  std::string error;
};

// Maps a fetch's final HTTP status (0: no answer) to a TransferComplete fault code; 0 for 2xx.
uint32_t fetch_fault_code(int http_status, bool auth_failed);

class Fetcher {
 public:
  static constexpr uint64_t kMaxFileBytes = 256u << 20;  // larger files fail (9010)

  Fetcher(net::EventLoop& loop, FetchRequest request, std::chrono::milliseconds timeout,
          std::function<void(FetchOutcome)> done);
  ~Fetcher();

  void start();

 private:
  void get(const std::string& authorization);
  void on_answer(Result<net::HttpResponse> answer);
  void finish(FetchOutcome outcome);

  net::EventLoop& loop_;
  FetchRequest request_;
  std::chrono::milliseconds timeout_;
  std::function<void(FetchOutcome)> done_;
  net::Url url_;
  std::unique_ptr<net::ClientConnection> conn_;
  bool answered_challenge_ = false;
  std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);  // for callbacks posted to the loop
};

}  // namespace hearth::sim
