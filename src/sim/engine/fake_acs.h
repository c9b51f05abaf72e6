// A tiny scripted ACS on net::HttpServer (loopback, port 0) for the engine's tests: Digest (and
// Basic) authentication with per-user passwords, InformResponse with a session cookie, queued
// ACS requests after the empty POST, 204 to end, and GET /files/<name> (Digest "dl"/"dlpw").
// Records what each device sent. Thread-safe accessors; the server runs its own thread.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "cwmp/messages.h"
#include "net/http_server.h"

namespace hearth::sim::testing {

struct DeviceLog {
  std::vector<std::vector<std::string>> inform_events;  // event codes of each Inform
  std::vector<std::string> inform_cookies;              // the Cookie header sent with each Inform
  std::vector<std::string> schemes;                     // "Digest"/"Basic" per authenticated request
  std::vector<std::string> methods;                     // every CPE message after the Inform
  std::vector<std::string> later_cookies;               // Cookie headers on the later requests
  int sessions_done = 0;                                // ended with our 204
};

class FakeAcs {
 public:
  // `password_of(username)` gives the password a CPE must use; "" refuses the user.
  explicit FakeAcs(std::function<std::string(const std::string&)> password_of);
  ~FakeAcs();

  std::string url() const;        // http://127.0.0.1:PORT/acs
  std::string file_url(const std::string& name) const;
  void add_file(const std::string& name, std::string content);
  // Sent to that device after its empty POST, in order.
  void queue(const std::string& serial, cwmp::Body request);

  DeviceLog device(const std::string& serial) const;
  int max_concurrent_sessions() const;
  int sessions_done() const;
  int file_requests() const;

 private:
  void handle(net::HttpRequest&& req, const net::Respond& respond);
  net::HttpResponse cwmp(const net::HttpRequest& req, const std::string& scheme);

  std::function<std::string(const std::string&)> password_of_;
  mutable std::mutex mu_;
  std::map<std::string, DeviceLog> devices_;
  std::map<std::string, std::vector<cwmp::Body>> queued_;
  std::map<std::string, std::string> files_;
  std::map<std::string, std::string> session_serial_;  // cookie value -> serial
  std::map<std::string, std::string> session_ns_;      // cookie value -> cwmp namespace
  int next_session_ = 1;
  int open_sessions_ = 0;
  int max_open_ = 0;
  int done_ = 0;
  int file_requests_ = 0;
  std::unique_ptr<class DigestHolder> digest_;
  std::unique_ptr<net::HttpServer> server_;
};

}  // namespace hearth::sim::testing
