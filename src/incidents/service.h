// The regional disturbance service: feeds the detector (outage/detector.h) with what the ACS
// sees, runs its passes on a ticker thread, sends the probes and wake-up connection requests it
// asks for, stores every incident change, publishes webhooks, and answers the API (desk.h) and
// the diagnosis (insight/outage_source.h), which in turn tells it how each home's line is doing
// (insight/wan_quality_listener.h: WAN quality, for "degraded" incidents).
//
// Threads: the detector is guarded by one mutex and only ever called under it, quickly; all
// I/O (probes, store writes, webhooks) happens outside it. The ACS calls the sink from network
// threads; the ticker calls tick(); tests call tick() themselves (start() not called) with a
// FakeClock.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

#include "acs/control.h"
#include "acs/telemetry_sink.h"
#include "core/clock.h"
#include "incidents/desk.h"
#include "incidents/webhooks.h"
#include "insight/outage_source.h"
#include "insight/wan_quality_listener.h"
#include "net/http_client.h"
#include "outage/detector.h"
#include "store/store.h"

namespace hearth::incidents {

struct IncidentServiceOptions {
  bool enabled = true;
  outage::OutageOptions detection;
  WebhookOptions webhooks;
  int64_t tick_ms = 2'000;                          // one detector pass per tick
  int64_t retention_ms = 400LL * 86'400'000;        // resolved incidents and past maintenance
};

struct IncidentServiceStats {
  uint64_t passes = 0;
  uint64_t probes_sent = 0;
  uint64_t probes_unanswered = 0;
  uint64_t wakeups_sent = 0;
  uint64_t incidents_opened = 0;
  uint64_t open_incidents = 0;
  uint64_t wan_reports = 0;    // WAN quality changes the diagnosis reported
  uint64_t degraded_homes = 0; // homes whose line is degraded now
  double last_pass_ms = 0;
};

class IncidentService final : public acs::TelemetrySink,
                              public IncidentDesk,
                              public insight::OutageSource,
                              public insight::WanQualityListener {
 public:
  // REQUIRES: store and clock outlive this object.
  IncidentService(IncidentServiceOptions options, store::Store& store, const Clock& clock);
  ~IncidentService() override;
  IncidentService(const IncidentService&) = delete;
  IncidentService& operator=(const IncidentService&) = delete;

  // Loads the topology, the gateways' last contact, open incidents and maintenance from the
  // store. Call once before devices connect.
  Status load();
  // Where probes and wake-up connection requests go; null: the detector only watches.
  void set_control(acs::DeviceControl* control);
  void start();  // the ticker
  void stop();   // ends the ticker and the webhook sender (in-flight deliveries finish)
  // One detector pass at the clock's time, with its probes, writes and webhooks.
  void tick();
  // Waits until the store has every write queued so far (tests).
  void flush();
  IncidentServiceStats stats() const;
  WebhookStats webhook_stats() const;
  // options().detection is the configuration's; detection() is what the detector uses now.
  const IncidentServiceOptions& options() const { return options_; }
  // New detection settings (live settings): the detector takes them under its mutex, so the
  // next pass uses them.
  void set_detection(const outage::OutageOptions& detection);
  outage::OutageOptions detection() const;

  // acs::TelemetrySink (informs, failed connection requests, restarts the ACS caused)
  acs::TelemetryRead on_inform(const store::DeviceRecord& device, const std::vector<cwmp::EventStruct>& events,
                               const std::vector<cwmp::ParameterValue>& parameters, int64_t now_ms) override;
  void on_telemetry(const store::DeviceRecord& device, std::vector<cwmp::ParameterValue> values,
                    int64_t now_ms) override;
  void on_connection_request(const std::string& device_id, bool reached, int64_t now_ms) override;
  void on_restart_expected(const std::string& device_id, int64_t now_ms) override;

  // IncidentDesk
  Result<outage::Incident> update_incident(int64_t id, const IncidentUpdate& update,
                                           const std::string& author) override;
  Result<outage::Incident> merge_incidents(int64_t from, int64_t into, const std::string& author) override;
  Result<outage::Maintenance> put_maintenance(outage::Maintenance m) override;
  Status delete_maintenance(const std::string& id) override;
  Result<store::WebhookRecord> add_webhook(const WebhookInput& input) override;
  Status delete_webhook(const std::string& id) override;
  Status test_webhook(const std::string& id) override;
  Result<std::optional<outage::HomeOutage>> home_outage(const std::string& home_id) override;
  Status line_event(const LineEventInput& event) override;
  void topology_changed() override;

  // insight::OutageSource
  std::unordered_map<std::string, int64_t> homes_in_confirmed_incidents() override;
  std::unordered_map<std::string, int64_t> homes_in_degraded_incidents() override;

  // insight::WanQualityListener
  void wan_quality(const std::string& home_id, bool degraded, const std::vector<std::string>& codes,
                   int64_t since_ms, int64_t now_ms) override;

 private:
  struct Published {  // what the webhooks last said of an incident
    outage::IncidentState state = outage::IncidentState::kSuspected;
    size_t homes = 0;
    int64_t etr_ms = 0;
    std::string title;
    size_t notes = 0;
    int64_t parent_id = 0;
  };

  // initial: also seeds the gateways that spoke before as heard from now (start-up only).
  Status load_topology(bool initial);
  Status load_maintenance();
  std::string home_of_device(const std::string& device_id);
  void persist(const std::vector<outage::Incident>& changed, int64_t now_ms);
  // Stores an operator's change and waits for the commit.
  Status persist_sync(const std::vector<outage::Incident>& changed, int64_t now_ms);
  Result<outage::Incident> unknown_or_resolved(int64_t id);
  void ticker_loop();

  IncidentServiceOptions options_;
  store::Store& store_;
  const Clock& clock_;
  acs::DeviceControl* control_ = nullptr;

  mutable std::mutex mutex_;  // guards everything below up to stats_
  outage::Detector detector_;
  std::unordered_map<std::string, std::string> device_home_;  // gateway device -> home ("": none)
  std::unordered_map<std::string, std::string> home_gateway_;  // home -> its gateway device
  std::map<std::string, outage::Maintenance> maintenance_;     // by id
  std::map<int64_t, Published> published_;
  std::unordered_map<std::string, int64_t> confirmed_homes_;  // rebuilt after each pass
  std::unordered_map<std::string, int64_t> degraded_homes_;   // the same, cause "degraded"
  IncidentServiceStats stats_;

  std::unique_ptr<net::HttpClient> http_;
  std::unique_ptr<WebhookSender> webhooks_;

  std::mutex ticker_mutex_;
  std::condition_variable ticker_cv_;
  bool stopping_ = false;
  bool started_ = false;
  std::thread ticker_;
  int64_t last_prune_ms_ = 0;
  std::atomic<bool> topology_stale_{false};  // reloaded at the next tick
};

}  // namespace hearth::incidents
