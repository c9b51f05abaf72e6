#include "api/fake_incident_desk.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <iomanip>
#include <sstream>

namespace hearth::api::testing {

// The mutex guards the fake's own state only; it is never held across a store write, because
// topology_changed() arrives on the store's thread.

namespace {

Error not_found(const std::string& what) {
  return make_error(ErrorCode::kNotFound, what);
}

Status write(store::Store& store, store::WriteBatch batch) {
  return store.write_sync(std::move(batch));
}

}  // namespace

void FakeIncidentDesk::put_incident(const outage::Incident& incident) {
  const Status st = write(store_, store::WriteBatch().add(store::PutIncident{outage::incident_record(incident)}));
  ASSERT_TRUE(st.ok()) << st.error().message;
}

void FakeIncidentDesk::set_home_outage(const std::string& home_id,
                                       std::optional<outage::HomeOutage> outage) {
  std::lock_guard<std::mutex> lock(mu_);
  outages_[home_id] = std::move(outage);
}

void FakeIncidentDesk::fail_with(std::optional<Error> error) {
  std::lock_guard<std::mutex> lock(mu_);
  fail_ = std::move(error);
}

std::vector<FakeIncidentDesk::UpdateCall> FakeIncidentDesk::updates() const {
  std::lock_guard<std::mutex> lock(mu_);
  return updates_;
}
std::vector<FakeIncidentDesk::MergeCall> FakeIncidentDesk::merges() const {
  std::lock_guard<std::mutex> lock(mu_);
  return merges_;
}
std::vector<outage::Maintenance> FakeIncidentDesk::maintenance_puts() const {
  std::lock_guard<std::mutex> lock(mu_);
  return maintenance_puts_;
}
std::vector<incidents::WebhookInput> FakeIncidentDesk::webhook_adds() const {
  std::lock_guard<std::mutex> lock(mu_);
  return webhook_adds_;
}
std::vector<std::string> FakeIncidentDesk::webhook_tests() const {
  std::lock_guard<std::mutex> lock(mu_);
  return webhook_tests_;
}
std::vector<incidents::LineEventInput> FakeIncidentDesk::line_events() const {
  std::lock_guard<std::mutex> lock(mu_);
  return line_events_;
}
size_t FakeIncidentDesk::topology_changes() const {
  std::lock_guard<std::mutex> lock(mu_);
  return topology_changes_;
}

int64_t FakeIncidentDesk::now_ms() const {
  return to_unix_ms(clock_.now());
}

Result<outage::Incident> FakeIncidentDesk::load_incident(int64_t id) {
  auto found = store_.get_incident(id);
  if (!found) return found.error();
  if (!found->has_value()) return not_found("no incident " + std::to_string(id));
  std::optional<outage::Incident> incident =
      outage::incident_from_json(nlohmann::json::parse((*found)->json, nullptr, false));
  if (!incident)
    return make_error(ErrorCode::kInternal, "incident " + std::to_string(id) + ": bad JSON");
  return std::move(*incident);
}

Status FakeIncidentDesk::require_home(const std::string& home_id) {
  auto home = store_.get_home(home_id);
  if (!home) return home.error();
  if (!home->has_value()) return not_found("no home '" + home_id + "'");
  return ok_status();
}

Status FakeIncidentDesk::require_webhook(const std::string& id) {
  auto hooks = store_.list_webhooks();
  if (!hooks) return hooks.error();
  for (const auto& w : *hooks) {
    if (w.id == id) return ok_status();
  }
  return not_found("no webhook '" + id + "'");
}

Result<outage::Incident> FakeIncidentDesk::update_incident(int64_t id,
                                                           const incidents::IncidentUpdate& update,
                                                           const std::string& author) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    updates_.push_back({id, update, author});
    if (fail_) return *fail_;
  }
  Result<outage::Incident> incident = load_incident(id);
  if (!incident) return incident.error();
  outage::Incident& i = *incident;
  if (update.close && !i.open()) {
    return make_error(ErrorCode::kConflict, "incident " + std::to_string(id) + " is resolved");
  }
  const int64_t now = now_ms();
  if (update.etr_ms) i.etr_ms = *update.etr_ms;
  if (update.title) i.title = *update.title;
  if (update.note) i.notes.push_back({now, author, *update.note});
  if (update.close) {
    i.state = outage::IncidentState::kResolved;
    i.resolved_ms = now;
    i.closed_by_operator = true;
  }
  i.updated_ms = now;
  if (Status st = write(store_, store::WriteBatch().add(store::PutIncident{outage::incident_record(i)})); !st) {
    return st.error();
  }
  return std::move(i);
}

Result<outage::Incident> FakeIncidentDesk::merge_incidents(int64_t from, int64_t into,
                                                           const std::string& author) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    merges_.push_back({from, into, author});
    if (fail_) return *fail_;
  }
  if (from == into) return make_error(ErrorCode::kConflict, "an incident cannot merge into itself");
  Result<outage::Incident> source = load_incident(from);
  if (!source) return source.error();
  Result<outage::Incident> target = load_incident(into);
  if (!target) return target.error();
  if (!target->open()) {
    return make_error(ErrorCode::kConflict, "incident " + std::to_string(into) + " is resolved");
  }
  const int64_t now = now_ms();
  std::vector<std::string> homes = target->homes;
  homes.insert(homes.end(), source->homes.begin(), source->homes.end());
  std::sort(homes.begin(), homes.end());
  homes.erase(std::unique(homes.begin(), homes.end()), homes.end());
  target->homes = std::move(homes);
  target->notes.push_back({now, author, "merged incident " + std::to_string(from)});
  target->updated_ms = now;
  source->merged_into = into;
  if (source->open()) {
    source->state = outage::IncidentState::kResolved;
    source->resolved_ms = now;
  }
  source->updated_ms = now;
  const Status st = write(store_, store::WriteBatch()
                                      .add(store::PutIncident{outage::incident_record(*source)})
                                      .add(store::PutIncident{outage::incident_record(*target)}));
  if (!st) return st.error();
  return std::move(*target);
}

Result<outage::Maintenance> FakeIncidentDesk::put_maintenance(outage::Maintenance m) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    maintenance_puts_.push_back(m);
    if (fail_) return *fail_;
    if (m.id.empty()) {
      std::ostringstream id;
      id << "mnt-" << std::hex << std::setw(4) << std::setfill('0') << next_id_++;
      m.id = id.str();
    }
  }
  if (m.access_node_id.empty() == m.region_id.empty()) {
    return make_error(ErrorCode::kInvalidArgument, "maintenance: an access node or a region");
  }
  if (m.end_ms <= m.start_ms)
    return make_error(ErrorCode::kInvalidArgument, "maintenance: end <= start");
  if (!m.access_node_id.empty()) {
    auto node = store_.get_access_node(m.access_node_id);
    if (!node) return node.error();
    if (!node->has_value()) return not_found("no access node '" + m.access_node_id + "'");
  } else {
    auto region = store_.get_region(m.region_id);
    if (!region) return region.error();
    if (!region->has_value()) return not_found("no region '" + m.region_id + "'");
  }
  store::MaintenanceRecord r{m.id,       m.access_node_id, m.region_id,
                             m.start_ms, m.end_ms,         outage::maintenance_to_json(m).dump()};
  if (Status st = write(store_, store::WriteBatch().add(store::PutMaintenance{std::move(r)}));
      !st) {
    return st.error();
  }
  return m;
}

Status FakeIncidentDesk::delete_maintenance(const std::string& id) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (fail_) return *fail_;
  }
  auto found = store_.get_maintenance(id);
  if (!found) return found.error();
  if (!found->has_value()) return not_found("no maintenance '" + id + "'");
  return write(store_, store::WriteBatch().add(store::DeleteMaintenance{id}));
}

Result<store::WebhookRecord> FakeIncidentDesk::add_webhook(const incidents::WebhookInput& input) {
  store::WebhookRecord w;
  {
    std::lock_guard<std::mutex> lock(mu_);
    webhook_adds_.push_back(input);
    if (fail_) return *fail_;
    std::ostringstream id;
    id << "wh-" << std::hex << std::setw(4) << std::setfill('0') << next_id_++;
    w.id = id.str();
  }
  w.url = input.url;
  w.secret = input.secret;
  w.events = input.events;
  w.enabled = input.enabled;
  w.created_ms = now_ms();
  if (Status st = write(store_, store::WriteBatch().add(store::PutWebhook{w})); !st)
    return st.error();
  return w;
}

Status FakeIncidentDesk::delete_webhook(const std::string& id) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (fail_) return *fail_;
  }
  if (Status st = require_webhook(id); !st) return st;
  return write(store_, store::WriteBatch().add(store::DeleteWebhook{id}));
}

Status FakeIncidentDesk::test_webhook(const std::string& id) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (fail_) return *fail_;
  }
  if (Status st = require_webhook(id); !st) return st;
  std::lock_guard<std::mutex> lock(mu_);
  webhook_tests_.push_back(id);
  return ok_status();
}

Result<std::optional<outage::HomeOutage>> FakeIncidentDesk::home_outage(
    const std::string& home_id) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (fail_) return *fail_;
  }
  if (Status st = require_home(home_id); !st) return st.error();
  std::lock_guard<std::mutex> lock(mu_);
  auto it = outages_.find(home_id);
  return it == outages_.end() ? std::optional<outage::HomeOutage>() : it->second;
}

Status FakeIncidentDesk::line_event(const incidents::LineEventInput& event) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (fail_) return *fail_;
  }
  if (Status st = require_home(event.home_id); !st) return st;
  std::lock_guard<std::mutex> lock(mu_);
  line_events_.push_back(event);
  return ok_status();
}

void FakeIncidentDesk::topology_changed() {
  std::lock_guard<std::mutex> lock(mu_);
  ++topology_changes_;
}

}  // namespace hearth::api::testing
