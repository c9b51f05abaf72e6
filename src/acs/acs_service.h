// The running ACS: turns CWMP HTTP requests into Session steps, commits each step before it
// answers, keeps one session per device, authenticates CPEs, times sessions out, sends
// connection requests and lets the API wait for tasks (DeviceControl).
//
// Thread safety: every public method may be called from any thread.
#pragma once

#include <atomic>
#include <condition_variable>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

#include "acs/config.h"
#include "acs/control.h"
#include "acs/session.h"
#include "acs/telemetry_sink.h"
#include "core/clock.h"
#include "core/metrics.h"
#include "net/digest_authenticator.h"
#include "net/http_types.h"
#include "store/store.h"

namespace hearth::acs {

// Sends one connection request (tr069.md 6.1). Implemented over net/connreq in production.
class ConnectionRequester {
 public:
  virtual ~ConnectionRequester() = default;
  virtual void send(const std::string& url, const std::string& username, const std::string& password,
                    std::function<void(ConnectionRequestOutcome)> done) = 0;
  // A reachability check over the same client (DeviceControl::probe): one unauthenticated GET,
  // `done(true)` on any HTTP answer. The default cannot reach anything and answers false.
  virtual void probe(const std::string& url, std::function<void(bool answered)> done) {
    (void)url;
    done(false);
  }
};

// Where files for Download live on disk (device/file_repository.h implements it).
using FilePathLookup = std::function<std::optional<std::string>(const std::string& file_id)>;

struct AcsServiceOptions {
  AcsConfig config;
  std::string digest_secret;  // shared by every node; random when empty
  bool allow_basic_over_http = false;
  FilePathLookup file_path;
  int64_t sweep_interval_ms = 250;
  TelemetrySink* telemetry = nullptr;  // the diagnosis; must outlive the service (null: none)
};

class AcsService final : public DeviceControl {
 public:
  // REQUIRES: store, clock, requester and metrics outlive this object.
  AcsService(AcsServiceOptions options, store::Store& store, const Clock& clock,
             ConnectionRequester& requester, metrics::Registry& metrics);
  ~AcsService() override;

  // Starts the sweeper thread (session time-outs, task expiry, waiter deadlines, CR retries).
  void start();
  // Abandons every open session (their work goes back to the queue), stops the sweeper.
  void stop();

  // The CWMP endpoint: POST / from CPEs, and GET /files/NAME for downloads.
  void handle_http(net::HttpRequest&& request, const net::ConnectionInfo& conn,
                   std::function<void(net::HttpResponse)> respond);
  void connection_closed(const net::ConnectionInfo& conn);

  size_t open_sessions() const;
  // Where CPEs fetch the files hearthd serves (known once the CWMP listener is bound).
  void set_files_base_url(const std::string& url);

  // DeviceControl
  void submit_task(store::TaskRecord task, std::function<void(Result<store::TaskRecord>)> done) override;
  void connection_request(const std::string& device_id,
                          std::function<void(ConnectionRequestOutcome)> done) override;
  void probe(const std::string& device_id, std::function<void(bool answered)> done) override;
  void wait_task(int64_t task_id, std::chrono::milliseconds timeout,
                 std::function<void(Result<store::TaskRecord>)> done) override;
  void cancel_task(int64_t task_id, std::function<void(Result<store::TaskRecord>)> done) override;
  void retry_task(int64_t task_id, std::function<void(Result<store::TaskRecord>)> done) override;
  void profiles_changed() override;

 private:
  struct Entry;
  struct Waiter;
  struct Metrics;
  class StoreTreeReader;

  void handle_cwmp_post(net::HttpRequest&& request, const net::ConnectionInfo& conn,
                        std::function<void(net::HttpResponse)> respond);
  void start_session(const cwmp::Envelope& inform, net::HttpRequest&& request, const net::ConnectionInfo& conn,
                     std::function<void(net::HttpResponse)> respond);
  void continue_session(std::shared_ptr<Entry> entry, cwmp::Envelope* message,
                        net::HttpRequest&& request, const net::ConnectionInfo& conn,
                        std::function<void(net::HttpResponse)> respond);
  // Commits the step, then answers; ends the session when the step says so.
  void deliver(std::shared_ptr<Entry> entry, Step step, const net::HttpRequest& request,
               std::function<void(net::HttpResponse)> respond);
  std::shared_ptr<Entry> find_entry(const net::HttpRequest& request, const net::ConnectionInfo& conn);
  void remove_entry(const std::shared_ptr<Entry>& entry);
  void tasks_finished(const std::vector<store::TaskRecord>& tasks);
  std::vector<store::ProfileRecord> profiles();
  void sweep();
  void expire_offline_tasks();
  void schedule(int64_t delay_ms, std::function<void()> fn);
  void send_connection_request(const std::string& device_id, int attempt);

  AcsServiceOptions options_;
  store::Store& store_;
  const Clock& clock_;
  ConnectionRequester& requester_;
  std::unique_ptr<Metrics> metrics_;
  std::unique_ptr<net::DigestAuthenticator> digest_;
  std::unique_ptr<StoreTreeReader> tree_;

  mutable std::mutex mutex_;  // guards the maps below
  std::unordered_map<std::string, std::shared_ptr<Entry>> by_cookie_;
  std::unordered_map<std::string, std::shared_ptr<Entry>> by_device_;
  std::unordered_map<uint64_t, std::shared_ptr<Entry>> by_connection_;
  std::multimap<int64_t, std::shared_ptr<Waiter>> waiters_;  // by task id
  std::unordered_map<std::string, std::vector<std::function<void(ConnectionRequestOutcome)>>> cr_pending_;
  std::multimap<int64_t, std::function<void()>> scheduled_;  // by due time (Unix ms)

  std::mutex profiles_mutex_;
  std::vector<store::ProfileRecord> profiles_;
  bool profiles_loaded_ = false;

  std::mutex sweeper_mutex_;
  std::condition_variable sweeper_cv_;
  bool stopping_ = false;
  std::thread sweeper_;
  int64_t last_expiry_ms_ = 0;
};

}  // namespace hearth::acs
