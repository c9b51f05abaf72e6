#include "store/sqlite/sqlite_store.h"

#include "store/sqlite/device_queries.h"
#include "store/sqlite/diagnosis_queries.h"
#include "store/sqlite/incident_queries.h"
#include "store/sqlite/migrations.h"
#include "store/sqlite/parameter_queries.h"
#include "store/sqlite/query_support.h"
#include "store/sqlite/record_queries.h"
#include "store/sqlite/selfservice_queries.h"
#include "store/sqlite/staff_queries.h"
#include "store/sqlite/topology_queries.h"

namespace hearth::store::sqlite {

namespace {

// Pages of write-ahead log between two background checkpoints: SQLite's own default threshold.
constexpr int kCheckpointPages = 1000;

}  // namespace

Result<std::unique_ptr<SqliteStore>> SqliteStore::open(const SqliteOptions& options) {
  auto conn = Connection::open(options, ConnectionRole::kWriter);
  if (!conn) return conn.error();
  if (Status s = migrate(conn->get()); !s) return s.error();
  std::unique_ptr<SqliteStore> store(new SqliteStore());
  store->segments_ = std::make_unique<SegmentDictionary>();
  store->cache_ = std::make_unique<HotCache>(static_cast<size_t>(options.cache_devices));
  auto checkpointer = Checkpointer::start(options, kCheckpointPages);
  if (!checkpointer) return checkpointer.error();
  auto writer = GroupCommitter::start(std::move(conn).value(), store->segments_.get(), store->cache_.get(),
                                      std::chrono::microseconds(options.commit_gather_us),
                                      std::move(checkpointer).value());
  if (!writer) return writer.error();
  store->writer_ = std::move(writer).value();
  auto readers = ReadPool::open(options);
  if (!readers) return readers.error();
  store->readers_ = std::move(readers).value();
  return store;
}

SqliteStore::~SqliteStore() {
  readers_.reset();
  writer_.reset();
}

void SqliteStore::write(WriteBatch batch, WriteCallback done) {
  writer_->enqueue(std::move(batch), std::move(done));
}

void SqliteStore::flush() { writer_->flush(); }

Result<std::optional<DeviceRecord>> SqliteStore::get_device(const std::string& id) {
  if (auto hit = cache_->find_device(id)) return std::optional<DeviceRecord>(std::move(*hit));
  const uint64_t generation = cache_->generation();
  auto conn = readers_->acquire();
  auto found = query_device(conn.get(), id);
  if (found && *found) cache_->offer_device(**found, generation);
  return found;
}

Result<DevicePage> SqliteStore::find_devices(const DeviceQuery& query) {
  auto conn = readers_->acquire();
  return query_devices(conn.get(), segments_.get(), query);
}

Result<std::vector<StoredParameter>> SqliteStore::get_parameters(const std::string& device_id,
                                                                 const std::string& prefix) {
  auto conn = readers_->acquire();
  return query_parameters(conn.get(), segments_.get(), device_id, prefix);
}

Result<std::optional<TaskRecord>> SqliteStore::get_task(int64_t task_id) {
  auto conn = readers_->acquire();
  return query_task(conn.get(), task_id);
}

Result<std::vector<TaskRecord>> SqliteStore::find_tasks(const TaskQuery& query) {
  // A periodic session asks for the unfinished tasks of its device: usually there are none.
  const bool unfinished_only =
      query.state && (*query.state == TaskState::kPending || *query.state == TaskState::kRunning);
  if (!query.device_id.empty() && unfinished_only && !cache_->may_have_active_tasks(query.device_id)) {
    return std::vector<TaskRecord>{};
  }
  auto conn = readers_->acquire();
  return query_tasks(conn.get(), query);
}

Result<std::vector<FaultRecord>> SqliteStore::list_faults(const std::string& device_id,
                                                          size_t limit) {
  auto conn = readers_->acquire();
  return query_faults(conn.get(), device_id, limit);
}

Result<std::vector<EventRecord>> SqliteStore::list_events(const std::string& device_id,
                                                          size_t limit) {
  auto conn = readers_->acquire();
  return query_events(conn.get(), device_id, limit);
}

Result<std::optional<FileRecord>> SqliteStore::get_file(const std::string& id) {
  auto conn = readers_->acquire();
  return query_file(conn.get(), id);
}

Result<std::vector<FileRecord>> SqliteStore::list_files() {
  auto conn = readers_->acquire();
  return query_files(conn.get());
}

Result<std::optional<ProfileRecord>> SqliteStore::get_profile(const std::string& name) {
  auto conn = readers_->acquire();
  return query_profile(conn.get(), name);
}

Result<std::vector<ProfileRecord>> SqliteStore::list_profiles() {
  auto conn = readers_->acquire();
  return query_profiles(conn.get());
}

Result<std::optional<TokenRecord>> SqliteStore::find_token_by_hash(const std::string& token_hash) {
  auto conn = readers_->acquire();
  return query_token_by_hash(conn.get(), token_hash);
}

Result<std::vector<TokenRecord>> SqliteStore::list_tokens() {
  auto conn = readers_->acquire();
  return query_tokens(conn.get());
}

Result<std::optional<std::string>> SqliteStore::get_meta(const std::string& key) {
  auto conn = readers_->acquire();
  return query_meta(conn.get(), key);
}

Result<StoreStats> SqliteStore::stats() {
  StoreStats s;
  s.devices = static_cast<uint64_t>(writer_->devices());
  s.parameters = static_cast<uint64_t>(writer_->parameters());
  s.write_queue_depth = writer_->queue_depth();
  s.commits = writer_->commits();
  s.batches = writer_->batches();
  s.checkpoints = writer_->checkpoints();
  s.writer_checkpoints = writer_->writer_checkpoints();
  auto conn = readers_->acquire();
  if (Status st = query_record_counts(conn.get(), &s); !st) return st.error();
  auto max_incident = query_max_incident_id(conn.get());
  if (!max_incident) return max_incident.error();
  s.max_incident_id = *max_incident;
  auto max_ticket = query_sequence(conn.get(), "tickets");
  if (!max_ticket) return max_ticket.error();
  s.max_ticket_id = *max_ticket;
  auto max_campaign = query_sequence(conn.get(), "campaigns");
  if (!max_campaign) return max_campaign.error();
  s.max_campaign_id = *max_campaign;
  return s;
}

// ---- subscribers, homes and topology (topology_queries.h) ----

Result<std::optional<RegionRecord>> SqliteStore::get_region(const std::string& id) {
  return query_region(readers_->acquire().get(), id);
}
Result<std::vector<RegionRecord>> SqliteStore::list_regions() {
  return query_regions(readers_->acquire().get());
}
Result<std::optional<AccessNodeRecord>> SqliteStore::get_access_node(const std::string& id) {
  return query_access_node(readers_->acquire().get(), id);
}
Result<std::vector<AccessNodeRecord>> SqliteStore::list_access_nodes(const std::string& region_id) {
  return query_access_nodes(readers_->acquire().get(), region_id);
}
Result<std::optional<SubscriberRecord>> SqliteStore::get_subscriber(const std::string& account) {
  return query_subscriber(readers_->acquire().get(), account);
}
Result<std::optional<SubscriberRecord>> SqliteStore::find_subscriber_by_email(
    const std::string& email) {
  return query_subscriber_by_email(readers_->acquire().get(), email);
}
Result<std::optional<HomeRecord>> SqliteStore::get_home(const std::string& id) {
  return query_home(readers_->acquire().get(), id);
}
Result<HomePage> SqliteStore::list_homes(const HomeQuery& query) {
  return query_homes(readers_->acquire().get(), query);
}
Result<std::optional<HomeRecord>> SqliteStore::home_for_device(const std::string& device_id) {
  return query_home_for_device(readers_->acquire().get(), device_id);
}
Result<std::map<std::string, uint64_t>> SqliteStore::count_homes_by_access_node() {
  return query_home_counts(readers_->acquire().get());
}

// ---- diagnosis (diagnosis_queries.h) ----

Result<std::vector<TelemetrySampleRecord>> SqliteStore::list_telemetry(const std::string& home_id,
                                                                       int64_t from_ms,
                                                                       int64_t to_ms,
                                                                       size_t limit) {
  return query_telemetry(readers_->acquire().get(), home_id, from_ms, to_ms, limit);
}
Result<std::vector<TelemetryRollupRecord>> SqliteStore::list_rollups(const std::string& home_id,
                                                                     int64_t from_ms,
                                                                     int64_t to_ms, size_t limit) {
  return query_rollups(readers_->acquire().get(), home_id, from_ms, to_ms, limit);
}
Result<std::vector<FindingRecord>> SqliteStore::find_findings(const FindingQuery& query) {
  return query_findings(readers_->acquire().get(), query);
}
Result<std::optional<DiagnosisRecord>> SqliteStore::get_diagnosis(const std::string& home_id) {
  return query_diagnosis(readers_->acquire().get(), home_id);
}
Result<std::vector<DiagnosisRecord>> SqliteStore::list_diagnoses(const DiagnosisQuery& query) {
  return query_diagnoses(readers_->acquire().get(), query);
}
Result<std::vector<OptimisationRecord>> SqliteStore::list_optimisations(const std::string& home_id,
                                                                        size_t limit) {
  return query_optimisations(readers_->acquire().get(), home_id, limit);
}

// ---- incidents, maintenance, webhooks (incident_queries.h) ----

Result<std::optional<IncidentRecord>> SqliteStore::get_incident(int64_t id) {
  return query_incident(readers_->acquire().get(), id);
}
Result<std::vector<IncidentRecord>> SqliteStore::list_incidents(const IncidentQuery& query) {
  return query_incidents(readers_->acquire().get(), query);
}
Result<std::vector<MaintenanceRecord>> SqliteStore::list_maintenance(int64_t ends_after_ms) {
  return query_maintenance_windows(readers_->acquire().get(), ends_after_ms);
}
Result<std::optional<MaintenanceRecord>> SqliteStore::get_maintenance(const std::string& id) {
  return query_maintenance(readers_->acquire().get(), id);
}
Result<std::vector<WebhookRecord>> SqliteStore::list_webhooks() {
  return query_webhooks(readers_->acquire().get());
}
Result<std::vector<WebhookDeliveryRecord>> SqliteStore::list_webhook_deliveries(size_t limit) {
  return query_webhook_deliveries(readers_->acquire().get(), limit);
}

// ---- self-service and support (selfservice_queries.h) ----

Result<std::optional<SessionRecord>> SqliteStore::get_session(const std::string& token_hash) {
  return query_session(readers_->acquire().get(), token_hash);
}
Result<std::optional<PasswordResetRecord>> SqliteStore::get_password_reset(
    const std::string& token_hash) {
  return query_password_reset(readers_->acquire().get(), token_hash);
}
Result<std::optional<TroubleshootRecord>> SqliteStore::get_troubleshoot(const std::string& id) {
  return query_troubleshoot(readers_->acquire().get(), id);
}
Result<std::vector<TroubleshootRecord>> SqliteStore::list_troubleshoots(
    const TroubleshootQuery& query) {
  return query_troubleshoots(readers_->acquire().get(), query);
}
Result<std::optional<TicketRecord>> SqliteStore::get_ticket(int64_t id) {
  return query_ticket(readers_->acquire().get(), id);
}
Result<std::vector<TicketRecord>> SqliteStore::list_tickets(const TicketQuery& query) {
  return query_tickets(readers_->acquire().get(), query);
}
Result<std::optional<KbArticleRecord>> SqliteStore::get_kb_article(const std::string& id) {
  return query_kb_article(readers_->acquire().get(), id);
}
Result<std::vector<KbArticleRecord>> SqliteStore::list_kb_articles() {
  return query_kb_articles(readers_->acquire().get());
}
Result<std::vector<AuditRecord>> SqliteStore::list_audit(const AuditQuery& query) {
  return query_audit(readers_->acquire().get(), query);
}

// ---- users, campaigns, fleet counts (staff_queries.h) ----

Result<std::optional<UserRecord>> SqliteStore::get_user(const std::string& id) {
  return query_user(readers_->acquire().get(), id);
}
Result<std::optional<UserRecord>> SqliteStore::find_user_by_login(const std::string& login) {
  return query_user_by_login(readers_->acquire().get(), login);
}
Result<std::vector<UserRecord>> SqliteStore::list_users() {
  return query_users(readers_->acquire().get());
}
Result<std::optional<CampaignRecord>> SqliteStore::get_campaign(int64_t id) {
  return query_campaign(readers_->acquire().get(), id);
}
Result<std::vector<CampaignRecord>> SqliteStore::list_campaigns(size_t offset, size_t limit) {
  return query_campaigns(readers_->acquire().get(), offset, limit);
}
Result<std::vector<CampaignTargetRecord>> SqliteStore::list_campaign_targets(
    const CampaignTargetQuery& query) {
  return query_campaign_targets(readers_->acquire().get(), query);
}
Result<FleetDeviceCounts> SqliteStore::fleet_device_counts(int64_t online_after_ms) {
  return query_fleet_device_counts(readers_->acquire().get(), online_after_ms);
}

}  // namespace hearth::store::sqlite
