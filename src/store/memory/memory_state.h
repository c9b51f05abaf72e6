// Everything a MemoryStore holds, and how a batch is applied to it all-or-nothing.
// Not thread-safe: MemoryStore guards it with its mutex.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "core/result.h"
#include "store/records.h"
#include "store/store.h"

namespace hearth::store::memory {

struct StoredEvent {
  uint64_t seq = 0;  // insertion order, breaks ties between equal times
  EventRecord event;
};

struct MemoryState {
  std::map<std::string, DeviceRecord> devices;
  std::map<std::string, std::map<std::string, StoredParameter>> parameters;  // device id -> name ->
  std::map<std::string, std::vector<StoredEvent>> events;  // device id -> oldest first
  std::map<int64_t, TaskRecord> tasks;
  std::map<int64_t, FaultRecord> faults;
  std::map<std::string, FileRecord> files;
  std::map<std::string, ProfileRecord> profiles;
  std::map<std::string, TokenRecord> tokens;
  std::map<std::string, std::string> meta;
  std::map<std::string, RegionRecord> regions;
  std::map<std::string, AccessNodeRecord> access_nodes;
  std::map<std::string, SubscriberRecord> subscribers;
  std::map<std::string, std::string> subscriber_emails;  // lower-case email -> account
  std::map<std::string, HomeRecord> homes;
  std::map<std::string, std::string> device_homes;  // device id -> home id
  // Diagnosis, keyed as in store.h so that a home's rows are one contiguous, time-ordered range.
  std::map<std::pair<std::string, int64_t>, TelemetrySampleRecord> telemetry;  // (home, time)
  std::map<std::pair<std::string, int64_t>, TelemetryRollupRecord> rollups;    // (home, hour)
  std::map<std::tuple<std::string, std::string, std::string, int64_t>, FindingRecord>
      findings;  // (home, code, entity, start)
  std::map<std::string, DiagnosisRecord> diagnoses;     // home id ->
  std::map<int64_t, OptimisationRecord> optimisations;  // id ->
  int64_t max_optimisation_id = 0;  // largest optimisation id ever stored
  // Incidents (with their homes, sorted), maintenance windows, webhooks and their outbox.
  std::map<int64_t, IncidentRecord> incidents;                // id ->
  std::map<std::string, MaintenanceRecord> maintenance;       // id ->
  std::map<std::string, WebhookRecord> webhooks;              // id ->
  std::map<std::string, WebhookDeliveryRecord> webhook_deliveries;  // id ->
  int64_t max_incident_id = 0;  // largest incident id ever stored
  // Self-service and support: browser sessions and reset links by token hash, troubleshooting
  // runs, tickets, knowledge-base articles and the audit log.
  std::map<std::string, SessionRecord> sessions;               // token hash ->
  std::map<std::string, PasswordResetRecord> password_resets;  // token hash ->
  std::map<std::string, TroubleshootRecord> troubleshoots;     // id ->
  std::map<int64_t, TicketRecord> tickets;                     // id ->
  std::map<std::string, KbArticleRecord> kb_articles;          // id ->
  std::map<int64_t, AuditRecord> audit;                        // id ->
  int64_t max_ticket_id = 0;  // largest ticket id ever stored
  int64_t max_audit_id = 0;   // largest audit id ever assigned (a prune does not lower it)
  // Staff users, campaigns and their targets (a campaign's targets are one key range).
  std::map<std::string, UserRecord> users;                 // id ->
  std::map<int64_t, CampaignRecord> campaigns;             // id ->
  std::map<std::pair<int64_t, std::string>, CampaignTargetRecord>
      campaign_targets;                                    // (campaign id, device id) ->
  int64_t max_campaign_id = 0;  // largest campaign id ever stored (a delete does not lower it)
  int64_t max_task_id = 0;   // largest task id ever stored
  int64_t max_fault_id = 0;  // largest fault id ever stored
  uint64_t next_event_seq = 1;
};

// Applies the ops in order. On the first failing op, undoes the ones before it and returns its
// error, leaving `state` as it was.
Status apply_batch(const WriteBatch& batch, MemoryState* state);

}  // namespace hearth::store::memory
