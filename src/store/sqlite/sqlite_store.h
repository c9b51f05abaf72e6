// The embedded store: one SQLite database file in WAL mode. Writes go to a GroupCommitter (one
// writer thread, group commit; callbacks run on that thread once the batch is durable); reads go
// through a ReadPool of read-only connections and may come from any thread. Nothing here exposes
// SQLite: callers see only the Store interface.
//
// Durability: with sync_full=false (synchronous=NORMAL) a committed batch survives a crash or a
// kill of the process; with sync_full=true (FULL) it also survives a power loss.
// Lifetime: the destructor commits everything queued, then closes the database. REQUIRES: no
// other thread uses the store once destruction starts.
#pragma once

#include <memory>

#include "store/sqlite/group_committer.h"
#include "store/sqlite/hot_cache.h"
#include "store/sqlite/read_pool.h"
#include "store/sqlite/segment_dictionary.h"
#include "store/sqlite/sqlite_options.h"
#include "store/store.h"

namespace hearth::store::sqlite {

class SqliteStore final : public Store {
 public:
  // Creates the database if needed and applies pending migrations.
  static Result<std::unique_ptr<SqliteStore>> open(const SqliteOptions& options);
  ~SqliteStore() override;

  void write(WriteBatch batch, WriteCallback done) override;
  void flush() override;

  Result<std::optional<DeviceRecord>> get_device(const std::string& id) override;
  Result<DevicePage> find_devices(const DeviceQuery& query) override;
  Result<std::vector<StoredParameter>> get_parameters(const std::string& device_id,
                                                      const std::string& prefix) override;
  Result<std::optional<TaskRecord>> get_task(int64_t task_id) override;
  Result<std::vector<TaskRecord>> find_tasks(const TaskQuery& query) override;
  Result<std::vector<FaultRecord>> list_faults(const std::string& device_id, size_t limit) override;
  Result<std::vector<EventRecord>> list_events(const std::string& device_id, size_t limit) override;
  Result<std::optional<FileRecord>> get_file(const std::string& id) override;
  Result<std::vector<FileRecord>> list_files() override;
  Result<std::optional<ProfileRecord>> get_profile(const std::string& name) override;
  Result<std::vector<ProfileRecord>> list_profiles() override;
  Result<std::optional<TokenRecord>> find_token_by_hash(const std::string& token_hash) override;
  Result<std::vector<TokenRecord>> list_tokens() override;
  Result<std::optional<std::string>> get_meta(const std::string& key) override;
  Result<StoreStats> stats() override;
  Result<std::optional<RegionRecord>> get_region(const std::string& id) override;
  Result<std::vector<RegionRecord>> list_regions() override;
  Result<std::optional<AccessNodeRecord>> get_access_node(const std::string& id) override;
  Result<std::vector<AccessNodeRecord>> list_access_nodes(const std::string& region_id) override;
  Result<std::optional<SubscriberRecord>> get_subscriber(const std::string& account) override;
  Result<std::optional<SubscriberRecord>> find_subscriber_by_email(
      const std::string& email) override;
  Result<std::optional<HomeRecord>> get_home(const std::string& id) override;
  Result<HomePage> list_homes(const HomeQuery& query) override;
  Result<std::optional<HomeRecord>> home_for_device(const std::string& device_id) override;
  Result<std::map<std::string, uint64_t>> count_homes_by_access_node() override;

  // Diagnosis: diagnosis_queries.h.
  Result<std::vector<TelemetrySampleRecord>> list_telemetry(const std::string& home_id,
                                                            int64_t from_ms, int64_t to_ms,
                                                            size_t limit) override;
  Result<std::vector<TelemetryRollupRecord>> list_rollups(const std::string& home_id,
                                                          int64_t from_ms, int64_t to_ms,
                                                          size_t limit) override;
  Result<std::vector<FindingRecord>> find_findings(const FindingQuery& query) override;
  Result<std::optional<DiagnosisRecord>> get_diagnosis(const std::string& home_id) override;
  Result<std::vector<DiagnosisRecord>> list_diagnoses(const DiagnosisQuery& query) override;
  Result<std::vector<OptimisationRecord>> list_optimisations(const std::string& home_id,
                                                             size_t limit) override;

  // Incidents, maintenance, webhooks: incident_queries.h.
  Result<std::optional<IncidentRecord>> get_incident(int64_t id) override;
  Result<std::vector<IncidentRecord>> list_incidents(const IncidentQuery& query) override;
  Result<std::vector<MaintenanceRecord>> list_maintenance(int64_t ends_after_ms) override;
  Result<std::optional<MaintenanceRecord>> get_maintenance(const std::string& id) override;
  Result<std::vector<WebhookRecord>> list_webhooks() override;
  Result<std::vector<WebhookDeliveryRecord>> list_webhook_deliveries(size_t limit) override;

  // Sessions, resets, troubleshooting, tickets, articles, the audit log: selfservice_queries.h.
  Result<std::optional<SessionRecord>> get_session(const std::string& token_hash) override;
  Result<std::optional<PasswordResetRecord>> get_password_reset(
      const std::string& token_hash) override;
  Result<std::optional<TroubleshootRecord>> get_troubleshoot(const std::string& id) override;
  Result<std::vector<TroubleshootRecord>> list_troubleshoots(
      const TroubleshootQuery& query) override;
  Result<std::optional<TicketRecord>> get_ticket(int64_t id) override;
  Result<std::vector<TicketRecord>> list_tickets(const TicketQuery& query) override;
  Result<std::optional<KbArticleRecord>> get_kb_article(const std::string& id) override;
  Result<std::vector<KbArticleRecord>> list_kb_articles() override;
  Result<std::vector<AuditRecord>> list_audit(const AuditQuery& query) override;

  // Users, campaigns, campaign targets, fleet counts: staff_queries.h.
  Result<std::optional<UserRecord>> get_user(const std::string& id) override;
  Result<std::optional<UserRecord>> find_user_by_login(const std::string& login) override;
  Result<std::vector<UserRecord>> list_users() override;
  Result<std::optional<CampaignRecord>> get_campaign(int64_t id) override;
  Result<std::vector<CampaignRecord>> list_campaigns(size_t offset, size_t limit) override;
  Result<std::vector<CampaignTargetRecord>> list_campaign_targets(
      const CampaignTargetQuery& query) override;
  Result<FleetDeviceCounts> fleet_device_counts(int64_t online_after_ms) override;

 private:
  SqliteStore() = default;

  // Declaration order is destruction order, reversed: readers close before the writer so that
  // its final checkpoint can complete.
  std::unique_ptr<SegmentDictionary> segments_;
  std::unique_ptr<HotCache> cache_;
  std::unique_ptr<GroupCommitter> writer_;
  std::unique_ptr<ReadPool> readers_;
};

}  // namespace hearth::store::sqlite
