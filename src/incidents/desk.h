// What the API (and the CLI through it) may do with incidents, maintenance and webhooks.
// Implemented by incidents::IncidentService; api/ tests use a fake (api/fake_incident_desk.h).
// Reads of stored incidents go to the store directly (store::list_incidents); changes come here
// because the detector must know them. Calls are synchronous and thread-safe; those that change
// something wait for its store commit (operator actions are rare; a commit takes milliseconds).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "outage/detector.h"
#include "outage/incident.h"
#include "store/records.h"

namespace hearth::incidents {

// An operator's change of an incident; absent fields are left alone.
struct IncidentUpdate {
  std::optional<int64_t> etr_ms;       // 0 clears it
  std::optional<std::string> title;
  std::optional<std::string> note;     // appended with the author and the time
  bool close = false;                  // resolve it now (closed by an operator)
};

struct WebhookInput {
  std::string url;                  // http:// or https://
  std::string secret;               // >= 16 characters
  std::vector<std::string> events;  // subset of incident.opened/updated/resolved; empty: all
  bool enabled = true;
};

// Line events as the access network reports them (POST /api/v1/line-events).
struct LineEventInput {
  std::string home_id;
  std::string kind;   // "dying-gasp", "loss-of-signal", "restored"
  int64_t time_ms = 0;
};

class IncidentDesk {
 public:
  virtual ~IncidentDesk() = default;

  // kNotFound (unknown id), kConflict (closing a resolved incident), kInvalidArgument.
  virtual Result<outage::Incident> update_incident(int64_t id, const IncidentUpdate& update,
                                                   const std::string& author) = 0;
  // Merges `from` into `into`: into gets from's homes, from is resolved with merged_into set.
  // Returns `into` as it is after. kNotFound, kConflict (into resolved, from == into).
  virtual Result<outage::Incident> merge_incidents(int64_t from, int64_t into,
                                                   const std::string& author) = 0;
  // Maintenance: kInvalidArgument (neither or both of node and region, end <= start), kNotFound
  // (unknown node or region). An empty id is assigned ("mnt-<hex>").
  virtual Result<outage::Maintenance> put_maintenance(outage::Maintenance m) = 0;
  virtual Status delete_maintenance(const std::string& id) = 0;  // kNotFound
  // Webhooks: kInvalidArgument (bad URL, short secret, unknown event). Returns the stored record
  // (id "wh-<hex>"); the secret stays in the store only.
  virtual Result<store::WebhookRecord> add_webhook(const WebhookInput& input) = 0;
  virtual Status delete_webhook(const std::string& id) = 0;  // kNotFound
  // Queues a "ping" delivery to the webhook (kNotFound).
  virtual Status test_webhook(const std::string& id) = 0;
  // The status of a customer's home: the incident or maintenance it is in, nullopt: none.
  // kNotFound for an unknown home.
  virtual Result<std::optional<outage::HomeOutage>> home_outage(const std::string& home_id) = 0;
  // Line events (the diagnosis gets them separately). kNotFound for an unknown home.
  virtual Status line_event(const LineEventInput& event) = 0;
  // Topology changed through the API (import, edits): reloaded at the service's next pass (this
  // only marks it; it may be called from a store callback).
  virtual void topology_changed() = 0;
};

}  // namespace hearth::incidents
