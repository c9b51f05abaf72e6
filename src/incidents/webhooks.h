// Incident webhooks: every enabled webhook subscribed to an event gets an HTTP POST of JSON,
// signed with HMAC-SHA256 of its secret, retried with exponential back-off until its receiver
// answers 2xx. A delivery is written to the store's outbox (store::WebhookDeliveryRecord)
// before it is sent and deleted once acknowledged, so a restart loses none.
//
// The request: POST <url>, Content-Type: application/json, headers
//   X-Hearth-Event: incident.opened | incident.updated | incident.resolved | ping
//   X-Hearth-Delivery: <delivery id>
//   X-Hearth-Timestamp: <Unix seconds of this attempt>
//   X-Hearth-Signature: sha256=<hex HMAC-SHA256(secret, timestamp + "." + body)>
// and the body {"event": "...", "delivery": "<id>", "time": "<ISO 8601 of the event>",
// "data": {...}} (the incident's JSON for incident events).
//
// Thread safety: publish(), test() and tick() may be called from any thread.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "core/clock.h"
#include "core/result.h"
#include "net/http_client.h"
#include "store/store.h"

namespace hearth::incidents {

struct WebhookOptions {
  int64_t first_retry_ms = 5'000;        // back-off after the first failure, doubled each time
  int64_t max_retry_ms = 3'600'000;      // ... up to this
  uint32_t max_attempts = 30;            // then the delivery is dropped (logged, counted)
  std::chrono::milliseconds timeout{5000};
  uint32_t max_in_flight = 16;
  bool allow_private_targets = true;     // loopback/private receivers (tests, on-premises)
};

struct WebhookStats {
  uint64_t delivered = 0;
  uint64_t failed_attempts = 0;
  uint64_t dropped = 0;
  uint64_t pending = 0;  // in the outbox now
};

class WebhookSender {
 public:
  // REQUIRES: store, client and clock outlive this object.
  WebhookSender(store::Store& store, net::HttpClient& client, const Clock& clock, WebhookOptions options = {});
  ~WebhookSender();  // waits for requests in flight
  WebhookSender(const WebhookSender&) = delete;
  WebhookSender& operator=(const WebhookSender&) = delete;

  // Writes one delivery per subscribed enabled webhook to the outbox and sends them.
  void publish(const std::string& event, const nlohmann::json& data, int64_t time_ms);
  // A "ping" delivery to one webhook (kNotFound when unknown).
  Status test(const std::string& webhook_id);
  // Sends the outbox's deliveries that are due (after a restart: all of them). Call every few s.
  void tick();
  // Stops sending; in-flight requests finish (their outcome is stored).
  void stop();
  WebhookStats stats() const;

  class Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

// sha256=<hex HMAC-SHA256(secret, timestamp + "." + body)>: what a receiver recomputes.
std::string webhook_signature(const std::string& secret, int64_t timestamp_s, const std::string& body);

}  // namespace hearth::incidents
