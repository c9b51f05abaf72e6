// A small, scriptable CPE for integration tests: it speaks real CWMP over HTTP to hearthd, keeps
// a parameter tree, answers every ACS request the way a well-behaved device would (with
// faults 9005/9007/9008 where due), and runs a connection-request server with Digest.
#pragma once

#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "core/result.h"
#include "cwmp/messages.h"
#include "net/http_types.h"

namespace hearth::net {
class HttpServer;
}

namespace hearth::testing {

struct CpeParam {
  std::string value;
  cwmp::ValueType type = cwmp::ValueType::kString;
  bool writable = false;
  int notification = 0;
};

class ScriptedCpe {
 public:
  ScriptedCpe(std::string acs_url, std::string serial, std::string root = "Device.");
  ~ScriptedCpe();

  std::string acs_url;
  std::string oui = "00D09E";
  std::string product_class = "TestGW";
  std::string serial;
  std::string root;
  std::string cwmp_ns = cwmp::kCwmpNs12;
  std::map<std::string, CpeParam> tree;
  // CPE -> ACS credentials in use; changes set by the ACS apply after the session.
  std::string username;
  std::string password;
  std::string ca_file;          // for https ACS URLs: trust this certificate
  bool gzip_requests = false;   // send bodies with Content-Encoding: gzip

  // Replaces the default answer to an ACS request (return nullopt to keep the default).
  std::function<std::optional<cwmp::Body>(const cwmp::Envelope&)> intercept;
  // Return true to stop answering right there, as if the device lost power.
  std::function<bool(const cwmp::Envelope&)> vanish_on;

  struct SessionResult {
    bool ok = false;
    int inform_status = 0;
    std::vector<std::string> requests;  // method names the ACS sent, in order
    std::string error;
    bool vanished = false;
  };
  // One whole session: Inform (with `events` plus those queued by earlier RPCs), CPE requests
  // (TransferComplete when a download finished), empty POST, then every ACS request until 204.
  SessionResult run_session(std::vector<cwmp::EventStruct> events);

  // Raw POST of a body within the current session (cookie and credentials added).
  Result<net::HttpResponse> post(const std::string& body, const std::string& content_type = "text/xml");

  // Starts the connection-request server; `on_request` runs (on its own thread) after a request
  // that passed Digest authentication was answered.
  void start_connection_request_server(std::function<void()> on_request);
  int connection_requests() const { return cr_hits_.load(); }
  void join_background();

  std::string cr_username() const;
  std::string cr_password() const;
  const std::vector<std::string>& downloads() const { return downloads_; }

 private:
  cwmp::Body answer(const cwmp::Envelope& request);
  cwmp::Envelope make_inform(std::vector<cwmp::EventStruct> events) const;
  std::string p(const std::string& rel) const { return root + rel; }

  std::string cookie_;
  std::vector<cwmp::EventStruct> queued_events_;
  std::optional<cwmp::TransferComplete> pending_transfer_;
  std::string pending_username_, pending_password_;
  bool credentials_changed_ = false;
  std::vector<std::string> downloads_;
  std::unique_ptr<net::HttpServer> cr_server_;
  std::atomic<int> cr_hits_{0};
  std::mutex threads_mutex_;
  std::vector<std::thread> threads_;
};

// A TR-181 gateway tree with the usual forced-inform and Wi-Fi parameters.
std::map<std::string, CpeParam> default_tr181_tree(const std::string& cr_url);

}  // namespace hearth::testing
