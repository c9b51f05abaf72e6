// A Store that keeps everything in maps behind one mutex: the fake for tests, and `memory:` for
// demos. Same semantics as SqliteStore (the shared store suite holds both to them); nothing
// persists. A write is applied atomically and its callback runs synchronously on the caller's
// thread before write() returns (with the mutex released, so callbacks may use the store).
#pragma once

#include <mutex>

#include "store/memory/memory_state.h"
#include "store/store.h"

namespace hearth::store::memory {

class MemoryStore final : public Store {
 public:
  MemoryStore() = default;

  void write(WriteBatch batch, WriteCallback done) override;
  void flush() override {}

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

  // Subscribers, homes and topology: topology_queries.cc.
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

  // Diagnosis: diagnosis_queries.cc.
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

  // Incidents, maintenance, webhooks: incident_queries.cc.
  Result<std::optional<IncidentRecord>> get_incident(int64_t id) override;
  Result<std::vector<IncidentRecord>> list_incidents(const IncidentQuery& query) override;
  Result<std::vector<MaintenanceRecord>> list_maintenance(int64_t ends_after_ms) override;
  Result<std::optional<MaintenanceRecord>> get_maintenance(const std::string& id) override;
  Result<std::vector<WebhookRecord>> list_webhooks() override;
  Result<std::vector<WebhookDeliveryRecord>> list_webhook_deliveries(size_t limit) override;

  // Sessions, resets, troubleshooting, tickets, articles, the audit log: selfservice_queries.cc.
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

  // Users, campaigns, campaign targets, fleet counts: staff_queries.cc.
  Result<std::optional<UserRecord>> get_user(const std::string& id) override;
  Result<std::optional<UserRecord>> find_user_by_login(const std::string& login) override;
  Result<std::vector<UserRecord>> list_users() override;
  Result<std::optional<CampaignRecord>> get_campaign(int64_t id) override;
  Result<std::vector<CampaignRecord>> list_campaigns(size_t offset, size_t limit) override;
  Result<std::vector<CampaignTargetRecord>> list_campaign_targets(
      const CampaignTargetQuery& query) override;
  Result<FleetDeviceCounts> fleet_device_counts(int64_t online_after_ms) override;

 private:
  bool matches(const DeviceRecord& d, const DeviceQuery& q) const;  // REQUIRES: mu_ held
  bool matches(const HomeRecord& h, const HomeQuery& q) const;      // REQUIRES: mu_ held

  std::mutex mu_;
  MemoryState state_;
  uint64_t commits_ = 0;
};

}  // namespace hearth::store::memory
