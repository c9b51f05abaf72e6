// The regional disturbance service: what operators do (IncidentDesk) and the status of a home.
#include <algorithm>
#include <spdlog/spdlog.h>

#include "core/crypto.h"
#include "incidents/service.h"
#include "net/url.h"

namespace hearth::incidents {

namespace {

constexpr const char* kEvents[] = {"incident.opened", "incident.updated", "incident.resolved"};
constexpr size_t kMinSecret = 16;
constexpr size_t kMaxText = 2000;

Error invalid(std::string what) { return make_error(ErrorCode::kInvalidArgument, std::move(what)); }

}  // namespace

Status IncidentService::persist_sync(const std::vector<outage::Incident>& changed, int64_t now_ms) {
  persist(changed, now_ms);
  store_.flush();
  return ok_status();
}

Result<outage::Incident> IncidentService::unknown_or_resolved(int64_t id) {
  auto stored = store_.get_incident(id);
  if (!stored) return stored.error();
  if (!stored->has_value()) return make_error(ErrorCode::kNotFound, "no incident " + std::to_string(id));
  return make_error(ErrorCode::kConflict, "incident " + std::to_string(id) + " is resolved");
}

Result<outage::Incident> IncidentService::update_incident(int64_t id, const IncidentUpdate& update,
                                                          const std::string& author) {
  if (update.title && update.title->size() > kMaxText) return invalid("title: at most 2000 characters");
  if (update.note && (update.note->empty() || update.note->size() > kMaxText)) {
    return invalid("note: 1 to 2000 characters");
  }
  if (update.etr_ms && *update.etr_ms < 0) return invalid("estimatedRepairAt: a time");
  const int64_t now = to_unix_ms(clock_.now());
  std::vector<outage::Incident> changed;
  std::optional<outage::Incident> after;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    after = detector_.incident(id);
    if (after && after->open()) {
      if (update.etr_ms) after = detector_.set_etr(id, *update.etr_ms, now);
      if (after && update.title) after = detector_.set_title(id, *update.title, now);
      if (after && update.note) after = detector_.add_note(id, outage::IncidentNote{now, author, *update.note});
      if (after && update.close) {
        auto closed = detector_.close(id, author, now);
        if (closed) changed = std::move(*closed);
        after.reset();
        for (const auto& i : changed) {
          if (i.id == id) after = i;
        }
      } else if (after) {
        changed.push_back(*after);
      }
    } else {
      after.reset();
    }
  }
  if (!after) return unknown_or_resolved(id);
  if (Status st = persist_sync(changed, now); !st) return st.error();
  spdlog::info("incident {} changed by {}{}", id, author, update.close ? " (closed)" : "");
  return *after;
}

Result<outage::Incident> IncidentService::merge_incidents(int64_t from, int64_t into, const std::string& author) {
  if (from == into) return make_error(ErrorCode::kConflict, "an incident cannot be merged into itself");
  const int64_t now = to_unix_ms(clock_.now());
  std::optional<std::vector<outage::Incident>> changed;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    changed = detector_.merge(from, into, author, now);
  }
  if (!changed) {
    for (int64_t id : {from, into}) {
      std::optional<outage::Incident> known;
      {
        std::lock_guard<std::mutex> lock(mutex_);
        known = detector_.incident(id);
      }
      if (!known || !known->open()) return unknown_or_resolved(id);
    }
    return make_error(ErrorCode::kConflict, "these incidents cannot be merged");
  }
  if (Status st = persist_sync(*changed, now); !st) return st.error();
  spdlog::info("incident {} merged into {} by {}", from, into, author);
  for (const auto& i : *changed) {
    if (i.id == into) return i;
  }
  return make_error(ErrorCode::kInternal, "merge did not return the target");
}

Result<outage::Maintenance> IncidentService::put_maintenance(outage::Maintenance m) {
  if (m.access_node_id.empty() == m.region_id.empty()) {
    return invalid("maintenance: exactly one of accessNode and region");
  }
  if (m.end_ms <= m.start_ms) return invalid("maintenance: end must be after start");
  if (m.description.size() > kMaxText) return invalid("description: at most 2000 characters");
  if (!m.access_node_id.empty()) {
    auto n = store_.get_access_node(m.access_node_id);
    if (!n) return n.error();
    if (!n->has_value()) return make_error(ErrorCode::kNotFound, "no access node '" + m.access_node_id + "'");
  } else {
    auto r = store_.get_region(m.region_id);
    if (!r) return r.error();
    if (!r->has_value()) return make_error(ErrorCode::kNotFound, "no region '" + m.region_id + "'");
  }
  if (m.id.empty()) m.id = "mnt-" + crypto::random_hex(8);
  if (m.created_ms == 0) m.created_ms = to_unix_ms(clock_.now());
  store::MaintenanceRecord rec{m.id, m.access_node_id, m.region_id, m.start_ms, m.end_ms,
                               outage::maintenance_to_json(m).dump()};
  if (Status st = store_.write_sync(store::WriteBatch().add(store::PutMaintenance{rec})); !st) return st.error();
  std::lock_guard<std::mutex> lock(mutex_);
  maintenance_[m.id] = m;
  std::vector<outage::Maintenance> all;
  for (const auto& [id, w] : maintenance_) all.push_back(w);
  detector_.set_maintenance(std::move(all));
  return m;
}

Status IncidentService::delete_maintenance(const std::string& id) {
  auto existing = store_.get_maintenance(id);
  if (!existing) return existing.error();
  if (!existing->has_value()) return make_error(ErrorCode::kNotFound, "no maintenance '" + id + "'");
  if (Status st = store_.write_sync(store::WriteBatch().add(store::DeleteMaintenance{id})); !st) return st;
  std::lock_guard<std::mutex> lock(mutex_);
  maintenance_.erase(id);
  std::vector<outage::Maintenance> all;
  for (const auto& [mid, w] : maintenance_) all.push_back(w);
  detector_.set_maintenance(std::move(all));
  return ok_status();
}

Result<store::WebhookRecord> IncidentService::add_webhook(const WebhookInput& input) {
  if (!net::parse_url(input.url)) return invalid("url: an http:// or https:// URL");
  if (input.secret.size() < kMinSecret || input.secret.size() > 256) {
    return invalid("secret: 16 to 256 characters");
  }
  for (const auto& e : input.events) {
    if (std::none_of(std::begin(kEvents), std::end(kEvents), [&](const char* k) { return e == k; })) {
      return invalid("events: '" + e + "' is not one of incident.opened, incident.updated, incident.resolved");
    }
  }
  store::WebhookRecord rec;
  rec.id = "wh-" + crypto::random_hex(8);
  rec.url = input.url;
  rec.secret = input.secret;
  rec.events = input.events;
  std::sort(rec.events.begin(), rec.events.end());
  rec.events.erase(std::unique(rec.events.begin(), rec.events.end()), rec.events.end());
  rec.enabled = input.enabled;
  rec.created_ms = to_unix_ms(clock_.now());
  if (Status st = store_.write_sync(store::WriteBatch().add(store::PutWebhook{rec})); !st) return st.error();
  spdlog::info("webhook {} added", rec.id);
  return rec;
}

Status IncidentService::delete_webhook(const std::string& id) {
  auto list = store_.list_webhooks();
  if (!list) return list.error();
  if (std::none_of(list->begin(), list->end(), [&](const auto& w) { return w.id == id; })) {
    return make_error(ErrorCode::kNotFound, "no webhook '" + id + "'");
  }
  return store_.write_sync(store::WriteBatch().add(store::DeleteWebhook{id}));
}

Status IncidentService::test_webhook(const std::string& id) { return webhooks_->test(id); }

Result<std::optional<outage::HomeOutage>> IncidentService::home_outage(const std::string& home_id) {
  auto home = store_.get_home(home_id);
  if (!home) return home.error();
  if (!home->has_value()) return make_error(ErrorCode::kNotFound, "no home '" + home_id + "'");
  const int64_t now = to_unix_ms(clock_.now());
  std::lock_guard<std::mutex> lock(mutex_);
  return detector_.home_outage(home_id, now);
}

Status IncidentService::line_event(const LineEventInput& event) {
  outage::LineKind kind;
  if (event.kind == "dying-gasp") {
    kind = outage::LineKind::kDyingGasp;
  } else if (event.kind == "loss-of-signal") {
    kind = outage::LineKind::kLossOfSignal;
  } else if (event.kind == "restored") {
    kind = outage::LineKind::kRestored;
  } else {
    return invalid("kind: one of dying-gasp, loss-of-signal, restored");
  }
  auto home = store_.get_home(event.home_id);
  if (!home) return home.error();
  if (!home->has_value()) return make_error(ErrorCode::kNotFound, "no home '" + event.home_id + "'");
  std::lock_guard<std::mutex> lock(mutex_);
  detector_.line_event(event.home_id, kind, event.time_ms);
  return ok_status();
}

}  // namespace hearth::incidents
