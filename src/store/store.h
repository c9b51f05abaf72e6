// The storage interface. Reads are synchronous and cheap; writes go in batches that the store
// commits together (group commit) off the caller's thread, calling back once they are durable.
// Nothing outside store/ knows which database is behind it.
//
// Thread safety: every method may be called from any thread concurrently.
// Consistency: a read issued after a batch's callback has run sees that batch.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "core/result.h"
#include "store/records.h"

namespace hearth::store {

// ---- write operations (applied in order, all-or-nothing per batch) ----
struct UpsertDevice { DeviceRecord device; };
struct DeleteDevice { std::string device_id; };  // and its parameters, tasks, faults, events
struct PutParameterValues {  // upsert name/value/type; keeps an existing writable flag
  std::string device_id;
  std::vector<cwmp::ParameterValue> values;
  int64_t time_ms = 0;
};
struct PutParameterInfo {  // upsert name/writable; keeps an existing value
  std::string device_id;
  std::vector<std::pair<std::string, bool>> names;
  int64_t time_ms = 0;
};
struct DeleteParameters {  // every parameter whose name starts with prefix ("" = the whole tree)
  std::string device_id;
  std::string prefix;
};
struct AddEvents { std::vector<EventRecord> events; };
struct PutTask { TaskRecord task; };  // insert or replace by id
                                      // (id 0: the store takes the largest id ever used + 1)
struct DeleteTask { int64_t task_id = 0; };
struct AddFault { FaultRecord fault; };  // id 0: the store assigns one
struct ClearFaults { std::string device_id; int64_t fault_id = 0; };  // fault_id 0: all of the device
struct PutFile { FileRecord file; };
struct DeleteFile { std::string file_id; };
struct PutProfile { ProfileRecord profile; };  // stored version: max(given, previous + 1)
struct DeleteProfile { std::string name; };
struct PutToken { TokenRecord token; };
struct DeleteToken { std::string token_id; };
struct PutMeta { std::string key; std::string value; };
// Subscribers, homes and topology. Puts are upserts by key and store the record as given
// (timestamps included). What a record refers to must exist when the op runs (an earlier op of
// the same batch counts): an access node's region, a home's subscriber and access node; else
// kNotFound. Deleting what is still referred to (a region with access nodes, an access node or a
// subscriber with homes) is kConflict, as is an email (ASCII case ignored) that another
// subscriber has. A home's devices need not exist in the devices table.
struct PutRegion { RegionRecord region; };
struct DeleteRegion { std::string region_id; };
struct PutAccessNode { AccessNodeRecord access_node; };
struct DeleteAccessNode { std::string access_node_id; };
struct PutSubscriber { SubscriberRecord subscriber; };
struct DeleteSubscriber { std::string account; };
struct PutHome { HomeRecord home; };  // replaces the device list; a device listed here that was
                                      // in another home leaves that home
struct DeleteHome { std::string home_id; };
// Diagnosis. Puts are upserts by the record's key; they need no home row (a device may be
// diagnosed before it is placed in a home).
struct PutTelemetrySample { TelemetrySampleRecord sample; };  // key (home_id, time_ms)
struct PutTelemetryRollup { TelemetryRollupRecord rollup; };  // key (home_id, hour_ms)
struct PutFinding { FindingRecord finding; };                 // key (home_id, code, entity, start_ms)
struct PutDiagnosis { DiagnosisRecord diagnosis; };           // key home_id
struct AddOptimisation { OptimisationRecord entry; };         // id 0: the store assigns one
// Retention: deletes samples older than raw_before_ms, rollups with hour_ms older than
// rollup_before_ms, findings that ended before findings_before_ms, optimisation entries older
// than optimisations_before_ms. A bound of 0 deletes nothing of that kind.
struct PruneDiagnosis {
  int64_t raw_before_ms = 0;
  int64_t rollup_before_ms = 0;
  int64_t findings_before_ms = 0;
  int64_t optimisations_before_ms = 0;
};

// Incidents, maintenance, webhooks. Puts are upserts by id (an incident's homes are replaced);
// deleting what does not exist is not an error. They need no topology rows.
struct PutIncident { IncidentRecord incident; };
struct PutMaintenance { MaintenanceRecord maintenance; };
struct DeleteMaintenance { std::string maintenance_id; };
struct PutWebhook { WebhookRecord webhook; };
struct DeleteWebhook { std::string webhook_id; };  // and its pending deliveries
struct PutWebhookDelivery { WebhookDeliveryRecord delivery; };
struct DeleteWebhookDelivery { std::string delivery_id; };
// Retention: deletes incidents resolved before resolved_before_ms and maintenance that ended
// before maintenance_before_ms (0: nothing of that kind).
struct PruneIncidents {
  int64_t resolved_before_ms = 0;
  int64_t maintenance_before_ms = 0;
};

// Self-service and support. Sessions and resets are upserts by token hash; a session or reset of
// a subscriber that is deleted goes with it. A ticket or troubleshooting run refers to a
// subscriber and a home that must exist (kNotFound); deleting a subscriber that still has
// tickets or troubleshooting runs is kConflict. Audit entries are only ever added.
struct PutSession { SessionRecord session; };
struct DeleteSession { std::string token_hash; };
// Deletes every session of a subject (kind and subject), e.g. after a password change; keeps
// the one whose hash is `keep_token_hash` ("" keeps none).
struct DeleteSessionsOf { std::string kind; std::string subject; std::string keep_token_hash; };
// Updates last_seen_ms of an existing session only; no session: no change, not an error. A
// last-seen bump that commits after a logout or a password change must not bring the session back.
struct TouchSession { std::string token_hash; int64_t last_seen_ms = 0; };
struct PutPasswordReset { PasswordResetRecord reset; };
struct PutTroubleshoot { TroubleshootRecord run; };
struct PutTicket { TicketRecord ticket; };  // upsert by id (> 0, given by the caller: allocate from
                                            // stats().max_ticket_id, as incidents do)
struct PutKbArticle { KbArticleRecord article; };
struct DeleteKbArticle { std::string article_id; };
struct AddAudit { AuditRecord entry; };     // id 0: the store assigns the next one
// Retention: sessions and resets that expired before expired_before_ms, audit entries older than
// audit_before_ms, troubleshooting runs last updated before troubleshoot_before_ms (0: none).
struct PruneSelfService {
  int64_t expired_before_ms = 0;
  int64_t audit_before_ms = 0;
  int64_t troubleshoot_before_ms = 0;
};

// Staff users and campaigns. Deleting a user deletes its sessions (kind "staff", subject the
// user id); deleting a campaign deletes its targets. PutCampaignTargets upserts by
// (campaign_id, device_id).
struct PutUser { UserRecord user; };
struct DeleteUser { std::string user_id; };
struct PutCampaign { CampaignRecord campaign; };
struct DeleteCampaign { int64_t campaign_id = 0; };
struct PutCampaignTargets { std::vector<CampaignTargetRecord> targets; };

using WriteOp = std::variant<UpsertDevice, DeleteDevice, PutParameterValues, PutParameterInfo,
                             DeleteParameters, AddEvents, PutTask, DeleteTask, AddFault, ClearFaults,
                             PutFile, DeleteFile, PutProfile, DeleteProfile, PutToken, DeleteToken,
                             PutMeta, PutRegion, DeleteRegion, PutAccessNode, DeleteAccessNode,
                             PutSubscriber, DeleteSubscriber, PutHome, DeleteHome,
                             PutTelemetrySample, PutTelemetryRollup, PutFinding, PutDiagnosis,
                             AddOptimisation, PruneDiagnosis, PutIncident, PutMaintenance,
                             DeleteMaintenance, PutWebhook, DeleteWebhook, PutWebhookDelivery,
                             DeleteWebhookDelivery, PruneIncidents, PutSession, DeleteSession,
                             DeleteSessionsOf, TouchSession, PutPasswordReset, PutTroubleshoot,
                             PutTicket, PutKbArticle, DeleteKbArticle, AddAudit,
                             PruneSelfService, PutUser, DeleteUser, PutCampaign, DeleteCampaign,
                             PutCampaignTargets>;

struct WriteBatch {
  std::vector<WriteOp> ops;
  template <typename Op>
  WriteBatch& add(Op op) {
    ops.emplace_back(std::move(op));
    return *this;
  }
  bool empty() const { return ops.empty(); }
};

// Called exactly once, on a store thread, when the batch is durable (or failed as a whole).
using WriteCallback = std::function<void(Status)>;

// ---- queries ----
struct DeviceQuery {
  std::string text;              // matches id, serial number, model or product class (substring,
                                 // ASCII case-insensitive)
  std::string serial_number;     // exact
  std::string model;             // exact model name or product class
  std::string software_version;  // exact
  std::string tag;               // has this tag
  int64_t last_inform_before_ms = 0;  // 0: no bound; last_inform_ms < this
  int64_t last_inform_after_ms = 0;   // 0: no bound; last_inform_ms >= this
  std::string parameter_name;    // with parameter_value: devices where this parameter equals it
  std::string parameter_value;
  size_t offset = 0;
  size_t limit = 100;
};

struct DevicePage {
  std::vector<DeviceRecord> devices;
  size_t total = 0;  // matches without offset/limit
};

struct TaskQuery {
  std::string device_id;               // empty: any
  std::optional<TaskState> state;
  int64_t due_before_ms = 0;           // with state pending: next_attempt_ms <= this (0: no bound)
  size_t offset = 0;
  size_t limit = 100;
};

struct HomeQuery {
  std::string access_node;  // exact access node id
  std::string region;       // homes on an access node of this region
  std::string account;      // exact
  std::string text;         // substring (ASCII case-insensitive) of the home id, the account, or
                            // the subscriber's name, email, street, postal code or city
  size_t offset = 0;
  size_t limit = 100;
};

struct HomePage {
  std::vector<HomeRecord> homes;
  size_t total = 0;  // matches without offset/limit
};

struct FindingQuery {
  std::string home_id;      // empty: every home
  bool open_only = false;
  std::string code;         // exact; empty: any
  int64_t since_ms = 0;     // ended at or after this, or still open (0: no bound)
  size_t offset = 0;
  size_t limit = 100;
};

struct DiagnosisQuery {
  std::string primary_code;  // exact; empty: any (healthy homes have "")
  bool unhealthy_only = false;  // primary_code not empty
  bool worst_first = false;     // by health ascending, then home id; else by home id
  size_t offset = 0;
  size_t limit = 100;
};

struct IncidentQuery {
  std::string state;         // "suspected", "confirmed", "resolved", "open" (not resolved); "": any
  std::string access_node;   // exact
  std::string region;        // exact region_id
  std::string home_id;       // incidents that list this home
  int64_t from_ms = 0;       // overlapping [from_ms, to_ms): open, or resolved at or after from_ms
  int64_t to_ms = 0;         //   and suspected before to_ms (0: no bound)
  size_t offset = 0;
  size_t limit = 100;
};

struct TicketQuery {
  std::string account;       // exact; "": any
  std::string home_id;       // exact; "": any
  std::string state;         // "new", "assigned", "waiting", "solved", "open" (not solved); "": any
  std::string assignee;      // exact; "": any
  int64_t incident_id = 0;   // tickets linked to this incident; 0: any
  size_t offset = 0;
  size_t limit = 100;        // newest first (created_ms, then id, descending)
};

struct TroubleshootQuery {
  std::string account;       // exact; "": any
  std::string home_id;       // exact; "": any
  int64_t from_ms = 0;       // created at or after (0: no bound)
  int64_t to_ms = 0;         // created before (0: no bound)
  size_t offset = 0;
  size_t limit = 100;        // newest first (created_ms, then id, descending)
};

struct AuditQuery {
  std::string actor;         // exact; "": any
  std::string account;       // exact; "": any
  std::string home_id;       // exact; "": any
  std::string device_id;     // exact; "": any
  std::string action_prefix; // "wifi." matches "wifi.update"; "": any
  int64_t from_ms = 0;       // time at or after (0: no bound)
  int64_t to_ms = 0;         // time before (0: no bound)
  size_t offset = 0;
  size_t limit = 100;        // newest first (time_ms, then id, descending)
};

struct CampaignTargetQuery {
  int64_t campaign_id = 0;   // REQUIRED
  int stage = -1;            // -1: any
  std::string state;         // exact; "": any
  size_t offset = 0;
  size_t limit = 1000;       // by stage, then device id
};

// The fleet's devices by model and software version (the operator's dashboard).
struct FleetVersionCount {
  std::string model;         // model_name, or product_class when the model name is empty
  std::string software_version;
  uint64_t devices = 0;
  uint64_t online = 0;       // last_inform_ms >= online_after_ms
};
struct FleetDeviceCounts {
  uint64_t devices = 0;
  uint64_t online = 0;
  std::vector<FleetVersionCount> versions;  // by model, then devices descending
};

struct StoreStats {
  uint64_t devices = 0;
  uint64_t parameters = 0;
  uint64_t tasks_pending = 0;
  uint64_t tasks_running = 0;
  uint64_t faults = 0;
  uint64_t write_queue_depth = 0;  // batches waiting for the writer
  uint64_t commits = 0;            // transactions committed since start
  uint64_t batches = 0;            // batches committed since start
  uint64_t checkpoints = 0;        // write-ahead log copied back, in the background (SQLite)
  uint64_t writer_checkpoints = 0;  // ... by the writer, the log having outgrown its bound
  int64_t max_task_id = 0;         // largest task id ever stored (for callers that allocate ids)
  int64_t max_incident_id = 0;     // largest incident id ever stored (a prune does not lower it)
  int64_t max_ticket_id = 0;       // largest ticket id ever stored
  int64_t max_campaign_id = 0;     // largest campaign id ever stored
};

class Store {
 public:
  virtual ~Store() = default;

  // Queues a batch; `done` runs once it is committed. The batch is applied atomically.
  virtual void write(WriteBatch batch, WriteCallback done) = 0;
  // Convenience: writes and waits (for start-up, tools and tests; never on a network thread).
  Status write_sync(WriteBatch batch);
  // Waits until everything queued so far is committed.
  virtual void flush() = 0;

  virtual Result<std::optional<DeviceRecord>> get_device(const std::string& id) = 0;
  // Sorted by id. Tags come back sorted, without duplicates.
  virtual Result<DevicePage> find_devices(const DeviceQuery& query) = 0;
  // Parameters whose name starts with prefix ("" = all), sorted by name.
  virtual Result<std::vector<StoredParameter>> get_parameters(const std::string& device_id,
                                                              const std::string& prefix) = 0;
  virtual Result<std::optional<TaskRecord>> get_task(int64_t task_id) = 0;
  // Sorted by id (creation order).
  virtual Result<std::vector<TaskRecord>> find_tasks(const TaskQuery& query) = 0;
  // Newest first; device_id "" lists the faults of every device.
  virtual Result<std::vector<FaultRecord>> list_faults(const std::string& device_id, size_t limit) = 0;
  // Newest first.
  virtual Result<std::vector<EventRecord>> list_events(const std::string& device_id, size_t limit) = 0;
  virtual Result<std::optional<FileRecord>> get_file(const std::string& id) = 0;
  virtual Result<std::vector<FileRecord>> list_files() = 0;
  virtual Result<std::optional<ProfileRecord>> get_profile(const std::string& name) = 0;
  virtual Result<std::vector<ProfileRecord>> list_profiles() = 0;
  virtual Result<std::optional<TokenRecord>> find_token_by_hash(const std::string& token_hash) = 0;
  virtual Result<std::vector<TokenRecord>> list_tokens() = 0;
  virtual Result<std::optional<std::string>> get_meta(const std::string& key) = 0;

  // Subscribers, homes and topology. Lists are sorted by id.
  virtual Result<std::optional<RegionRecord>> get_region(const std::string& id) = 0;
  virtual Result<std::vector<RegionRecord>> list_regions() = 0;
  virtual Result<std::optional<AccessNodeRecord>> get_access_node(const std::string& id) = 0;
  // region_id "" lists every access node.
  virtual Result<std::vector<AccessNodeRecord>> list_access_nodes(const std::string& region_id) = 0;
  virtual Result<std::optional<SubscriberRecord>> get_subscriber(const std::string& account) = 0;
  // ASCII case-insensitive; an empty email finds nobody.
  virtual Result<std::optional<SubscriberRecord>> find_subscriber_by_email(
      const std::string& email) = 0;
  virtual Result<std::optional<HomeRecord>> get_home(const std::string& id) = 0;
  virtual Result<HomePage> list_homes(const HomeQuery& query) = 0;
  // The home that lists this device, whether or not the device has ever connected.
  virtual Result<std::optional<HomeRecord>> home_for_device(const std::string& device_id) = 0;
  // Access node id -> number of homes on it; nodes without homes are absent.
  virtual Result<std::map<std::string, uint64_t>> count_homes_by_access_node() = 0;

  // Diagnosis. Samples and rollups come oldest first, within [from_ms, to_ms) (to_ms 0: no
  // bound); `limit` keeps the newest ones.
  virtual Result<std::vector<TelemetrySampleRecord>> list_telemetry(const std::string& home_id,
                                                                    int64_t from_ms, int64_t to_ms,
                                                                    size_t limit) = 0;
  virtual Result<std::vector<TelemetryRollupRecord>> list_rollups(const std::string& home_id,
                                                                  int64_t from_ms, int64_t to_ms,
                                                                  size_t limit) = 0;
  // Newest start first.
  virtual Result<std::vector<FindingRecord>> find_findings(const FindingQuery& query) = 0;
  virtual Result<std::optional<DiagnosisRecord>> get_diagnosis(const std::string& home_id) = 0;
  virtual Result<std::vector<DiagnosisRecord>> list_diagnoses(const DiagnosisQuery& query) = 0;
  // Newest first; home_id "" lists every home's.
  virtual Result<std::vector<OptimisationRecord>> list_optimisations(const std::string& home_id,
                                                                     size_t limit) = 0;

  // Incidents: newest suspected first (then id descending).
  virtual Result<std::optional<IncidentRecord>> get_incident(int64_t id) = 0;
  virtual Result<std::vector<IncidentRecord>> list_incidents(const IncidentQuery& query) = 0;
  // Maintenance windows that end at or after `ends_after_ms` (0: all), by start then id.
  virtual Result<std::vector<MaintenanceRecord>> list_maintenance(int64_t ends_after_ms) = 0;
  virtual Result<std::optional<MaintenanceRecord>> get_maintenance(const std::string& id) = 0;
  // Sorted by id.
  virtual Result<std::vector<WebhookRecord>> list_webhooks() = 0;
  // By next_attempt_ms then id; at most `limit`.
  virtual Result<std::vector<WebhookDeliveryRecord>> list_webhook_deliveries(size_t limit) = 0;

  // Self-service and support.
  virtual Result<std::optional<SessionRecord>> get_session(const std::string& token_hash) = 0;
  virtual Result<std::optional<PasswordResetRecord>> get_password_reset(const std::string& token_hash) = 0;
  virtual Result<std::optional<TroubleshootRecord>> get_troubleshoot(const std::string& id) = 0;
  virtual Result<std::vector<TroubleshootRecord>> list_troubleshoots(const TroubleshootQuery& query) = 0;
  virtual Result<std::optional<TicketRecord>> get_ticket(int64_t id) = 0;
  virtual Result<std::vector<TicketRecord>> list_tickets(const TicketQuery& query) = 0;
  virtual Result<std::optional<KbArticleRecord>> get_kb_article(const std::string& id) = 0;
  // Sorted by id.
  virtual Result<std::vector<KbArticleRecord>> list_kb_articles() = 0;
  virtual Result<std::vector<AuditRecord>> list_audit(const AuditQuery& query) = 0;

  // Staff and campaigns.
  virtual Result<std::optional<UserRecord>> get_user(const std::string& id) = 0;
  virtual Result<std::optional<UserRecord>> find_user_by_login(const std::string& login) = 0;  // ASCII case ignored
  virtual Result<std::vector<UserRecord>> list_users() = 0;  // by login, ASCII case ignored
  virtual Result<std::optional<CampaignRecord>> get_campaign(int64_t id) = 0;
  // Newest first: created_ms, then id, descending.
  virtual Result<std::vector<CampaignRecord>> list_campaigns(size_t offset, size_t limit) = 0;
  virtual Result<std::vector<CampaignTargetRecord>> list_campaign_targets(const CampaignTargetQuery& query) = 0;
  // Counts over the devices table in one pass (an aggregate query, not a scan in C++).
  virtual Result<FleetDeviceCounts> fleet_device_counts(int64_t online_after_ms) = 0;

  virtual Result<StoreStats> stats() = 0;
};

// The next ticket id of this store (ids are given by the caller: PutTicket). One allocator per
// store object for the whole process, so that the portal's troubleshooting and the agents'
// console, which open tickets at the same time, never hand out the same id before either is
// committed: max(stats().max_ticket_id, the last id handed out) + 1. Thread-safe.
Result<int64_t> allocate_ticket_id(Store& store);

// Opens a store from a URL: "sqlite:PATH" or "memory:". (PostgreSQL comes later.)
Result<std::unique_ptr<Store>> open_store(const std::string& url);

}  // namespace hearth::store
