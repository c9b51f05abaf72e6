// Internal types of AcsService shared by its .cc files. Not part of the API.
#pragma once

#include <atomic>
#include <mutex>

#include "acs/acs_service.h"

namespace hearth::acs {

struct AcsService::Entry {
  std::mutex mutex;  // one request of this session at a time
  std::unique_ptr<Session> session;
  std::string cookie;
  std::string device_id;
  uint64_t connection_id = 0;
  bool moved = false;  // continued on another connection (guarded by the service's mutex)
  store::DeviceRecord auth_snapshot;  // the credentials the device had when the session began
  SysTime started;
};

struct AcsService::Waiter {
  int64_t deadline_ms = 0;
  std::function<void(Result<store::TaskRecord>)> done;
  std::atomic<bool> fired{false};
};

struct AcsService::Metrics {
  explicit Metrics(metrics::Registry& r)
      : sessions(r.counter("hearth_cwmp_sessions_total", "CWMP sessions by how they ended", {"outcome"})),
        messages(r.counter("hearth_cwmp_messages_total", "CWMP messages received from CPEs", {"method"})),
        requests(r.counter("hearth_cwmp_acs_requests_total", "RPCs the ACS sent to CPEs", {"method"})),
        faults(r.counter("hearth_cwmp_cpe_faults_total", "SOAP faults received from CPEs", {"code"})),
        errors(r.counter("hearth_cwmp_errors_total", "Rejected CWMP HTTP requests", {"reason"})),
        auth(r.counter("hearth_cwmp_auth_total", "CPE authentication verdicts", {"verdict"})),
        connreq(r.counter("hearth_connection_requests_total", "Connection requests by outcome", {"outcome"})),
        probes(r.counter("hearth_probes_total",
                         "Reachability probes of ConnectionRequestURLs (not connection requests)", {"outcome"})),
        tasks(r.counter("hearth_tasks_finished_total", "Tasks that finished, by state", {"state"})),
        active(r.gauge("hearth_cwmp_sessions_active", "CWMP sessions in progress").get()),
        duration(r.histogram("hearth_cwmp_session_duration_seconds", "Duration of CWMP sessions").get()),
        latency(r.histogram("hearth_cwmp_response_seconds",
                            "Time from a CWMP request to its answer (including the commit)")
                    .get()),
        inform_messages(messages.with({"Inform"})),
        empty_messages(messages.with({"(empty)"})),
        auth_accepted(auth.with({"accepted"})),
        sessions_completed(sessions.with({"completed"})) {}
  metrics::CounterFamily& sessions;
  metrics::CounterFamily& messages;
  metrics::CounterFamily& requests;
  metrics::CounterFamily& faults;
  metrics::CounterFamily& errors;
  metrics::CounterFamily& auth;
  metrics::CounterFamily& connreq;
  metrics::CounterFamily& probes;  // answered, unreachable, no-url
  metrics::CounterFamily& tasks;
  metrics::Gauge& active;
  metrics::Histogram& duration;
  metrics::Histogram& latency;
  // The children every periodic session touches, looked up once.
  metrics::Counter& inform_messages;
  metrics::Counter& empty_messages;
  metrics::Counter& auth_accepted;
  metrics::Counter& sessions_completed;
};

}  // namespace hearth::acs
