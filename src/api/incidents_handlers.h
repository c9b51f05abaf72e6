// Regional disturbances in the API (routes: add_incident_routes, add_maintenance_routes and
// add_webhook_routes in routes.h):
//
//   GET   /api/v1/incidents            ?state=suspected|confirmed|resolved|open &accessNode=
//   &region=
//                                      &home= &from= &to= (ISO 8601) &offset= &limit= (<= 1000)
//                                      -> {"incidents":[...],"offset","limit","more"}
//   GET   /api/v1/incidents/{id}
//   PATCH /api/v1/incidents/{id}       {"estimatedRepairAt": ISO|null, "title", "note",
//                                       "state": "resolved"}
//   POST  /api/v1/incidents/{id}/merge {"into": id}
//   GET   /api/v1/maintenance          ?active=true: only windows that end in the future
//   POST  /api/v1/maintenance, GET/PUT/DELETE /api/v1/maintenance/{id}
//   GET   /api/v1/webhooks, POST /api/v1/webhooks, DELETE /api/v1/webhooks/{id},
//   POST  /api/v1/webhooks/{id}/test   -> 202
//   GET   /api/v1/homes/{id}/status    the self-service status of a customer's home
//
// Reads of incidents, maintenance and webhooks go to the store; every change goes to the
// IncidentDesk (ApiDeps::incidents), because the detector must know it. Without a desk the
// changes and the home status answer 503. Changes need an admin token (Api::handle); the author
// of a note or a merge and the creator of a maintenance window is the caller's token name.
// Webhook secrets are never shown: a webhook says "secretSet": true instead.
#pragma once

#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "api/call.h"
#include "core/result.h"
#include "incidents/desk.h"
#include "outage/detector.h"
#include "outage/incident.h"
#include "store/store.h"

namespace hearth::api {

inline constexpr size_t kMaxIncidentTitle = 256;
inline constexpr size_t kMaxIncidentNote = 4096;
inline constexpr size_t kMaxMaintenanceDescription = 1024;
inline constexpr size_t kMaxOutageIdLength = 128;
inline constexpr size_t kMaxWebhookUrl = 2048;
inline constexpr size_t kMinWebhookSecret = 16;
inline constexpr size_t kMaxWebhookSecret = 256;

// What the change routes answer without a desk (kUnavailable).
Error no_incident_desk();

// An incident as the API shows it: the stored JSON (outage::incident_to_json), with the indexed
// columns filling in any of id, scope, accessNode, region, state, homes, suspectedAt,
// confirmedAt, resolvedAt and updatedAt it lacks.
nlohmann::json incident_record_json(const store::IncidentRecord& r);
// A maintenance window as stored (outage::maintenance_to_json), completed from its columns.
nlohmann::json maintenance_record_json(const store::MaintenanceRecord& r);
// {"id","url","events","enabled","createdAt","secretSet"}: never the secret.
nlohmann::json webhook_json(const store::WebhookRecord& w);

// ?state= &accessNode= &region= &home= &from= &to= &offset= &limit= of GET /api/v1/incidents.
Result<store::IncidentQuery> parse_incident_query(const Call& call);
// The body of PATCH /api/v1/incidents/{id}; kInvalidArgument naming the field at fault, also for
// a body that changes nothing.
Result<incidents::IncidentUpdate> parse_incident_update(const nlohmann::json& body);
// {"into": id} of POST /api/v1/incidents/{id}/merge: a positive integer or its decimal string.
Result<int64_t> parse_merge_target(const nlohmann::json& body);
// {"accessNode" | "region", "start", "end", "description"} (exactly one of accessNode and region;
// end after start). The id and the creator are the caller's to set.
Result<outage::Maintenance> parse_maintenance(const nlohmann::json& body);
// {"url", "secret", "events"?, "enabled"?}: an http(s) URL, a secret of 16 to 256 characters,
// events among incident.opened, incident.updated and incident.resolved (absent or empty: all).
Result<incidents::WebhookInput> parse_webhook(const nlohmann::json& body);

// The self-service status of a home (home_status.cc):
//   {"homeId", "status": "disturbance" | "maintenance" | "ok",
//    "incident": {"id","state","cause","since","estimatedRepairAt","title"} | null (the id a
//                number, as in the incident's own JSON),
//    "maintenance": {maintenance JSON} | null, "message": "..."}
// "maintenance" is the status while a maintenance window is under way (or the incident is one);
// a window that has not started yet leaves the status "ok" and is told in the message.
nlohmann::json home_status_json(const std::string& home_id,
                                const std::optional<outage::HomeOutage>& outage, int64_t now_ms);
// Plain English for the customer, times as HH:MM (UTC), with the date when it is not today's:
// "There is a disturbance in your area since 14:05 (UTC); we expect it fixed by 18:00. No need
// to restart your router."
std::string home_status_message(const std::optional<outage::HomeOutage>& outage, int64_t now_ms);

}  // namespace hearth::api
