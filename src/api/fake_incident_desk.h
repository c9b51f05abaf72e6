// An IncidentDesk for API tests: it keeps incidents, maintenance windows and webhooks in the
// store as the real service does (so the API's reads find them), applies operator changes to the
// stored incidents, records every call, and answers home_outage with whatever the test set for
// the home. Errors follow the contract of incidents/desk.h: kNotFound for unknown ids and homes,
// kConflict for changes the state does not allow, kInvalidArgument for bad maintenance.
//
// Thread safe; writes wait for the store (write_sync), so never call it on the store's thread.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "incidents/desk.h"
#include "store/store.h"

namespace hearth::api::testing {

class FakeIncidentDesk final : public incidents::IncidentDesk {
 public:
  // REQUIRES: store and clock outlive the desk.
  FakeIncidentDesk(store::Store& store, const Clock& clock) : store_(store), clock_(clock) {}

  // ---- the world ----
  // Stores the incident as the service would (outage::incident_record); fails the test when
  // the store does.
  void put_incident(const outage::Incident& incident);
  // What home_outage answers for this home (the store must know the home); nullopt: all is well.
  void set_home_outage(const std::string& home_id, std::optional<outage::HomeOutage> outage);
  // Every call fails with this error (nullopt: none), e.g. the service is stopping.
  void fail_with(std::optional<Error> error);

  // ---- what was asked ----
  struct UpdateCall {
    int64_t id = 0;
    incidents::IncidentUpdate update;
    std::string author;
  };
  struct MergeCall {
    int64_t from = 0;
    int64_t into = 0;
    std::string author;
  };
  std::vector<UpdateCall> updates() const;
  std::vector<MergeCall> merges() const;
  std::vector<outage::Maintenance> maintenance_puts() const;
  std::vector<incidents::WebhookInput> webhook_adds() const;
  std::vector<std::string> webhook_tests() const;
  std::vector<incidents::LineEventInput> line_events() const;
  size_t topology_changes() const;

  // ---- IncidentDesk ----
  Result<outage::Incident> update_incident(int64_t id, const incidents::IncidentUpdate& update,
                                           const std::string& author) override;
  Result<outage::Incident> merge_incidents(int64_t from, int64_t into,
                                           const std::string& author) override;
  Result<outage::Maintenance> put_maintenance(outage::Maintenance m) override;
  Status delete_maintenance(const std::string& id) override;
  Result<store::WebhookRecord> add_webhook(const incidents::WebhookInput& input) override;
  Status delete_webhook(const std::string& id) override;
  Status test_webhook(const std::string& id) override;
  Result<std::optional<outage::HomeOutage>> home_outage(const std::string& home_id) override;
  Status line_event(const incidents::LineEventInput& event) override;
  void topology_changed() override;

 private:
  int64_t now_ms() const;
  Result<outage::Incident> load_incident(int64_t id);
  Status require_home(const std::string& home_id);
  Status require_webhook(const std::string& id);

  store::Store& store_;
  const Clock& clock_;
  mutable std::mutex mu_;
  std::optional<Error> fail_;
  std::map<std::string, std::optional<outage::HomeOutage>> outages_;
  uint64_t next_id_ = 1;
  std::vector<UpdateCall> updates_;
  std::vector<MergeCall> merges_;
  std::vector<outage::Maintenance> maintenance_puts_;
  std::vector<incidents::WebhookInput> webhook_adds_;
  std::vector<std::string> webhook_tests_;
  std::vector<incidents::LineEventInput> line_events_;
  size_t topology_changes_ = 0;
};

}  // namespace hearth::api::testing
