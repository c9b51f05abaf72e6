// The regional disturbance service: intake, the ticker and the passes, persistence, webhooks.
// The desk (operator actions) is in service_desk.cc.
#include "incidents/service.h"

#include <algorithm>
#include <chrono>
#include <spdlog/spdlog.h>

#include "outage/incident.h"

namespace hearth::incidents {

namespace {

constexpr int64_t kPruneEveryMs = 3'600'000;
constexpr size_t kPage = 5'000;

bool has_event(const std::vector<cwmp::EventStruct>& events, const char* code) {
  return std::any_of(events.begin(), events.end(), [&](const auto& e) { return e.code == code; });
}

bool ends_with(const std::string& s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// When the WAN came up, from an Uptime of the WAN connection in the Inform (TR-098), 0 when the
// Inform does not say.
int64_t wan_up_since(const std::vector<cwmp::ParameterValue>& parameters, int64_t now_ms) {
  for (const auto& p : parameters) {
    const bool wan = p.name.find("WANIPConnection.") != std::string::npos ||
                     p.name.find("WANPPPConnection.") != std::string::npos;
    if (!wan || !ends_with(p.name, ".Uptime")) continue;
    char* end = nullptr;
    const unsigned long long s = std::strtoull(p.value.c_str(), &end, 10);
    if (end == p.value.c_str() || s == 0) continue;
    return now_ms - static_cast<int64_t>(s) * 1000;
  }
  return 0;
}

std::string gateway_of(const store::HomeRecord& home) {
  for (const auto& d : home.devices) {
    if (d.role == "gateway") return d.device_id;
  }
  return home.devices.empty() ? std::string() : home.devices.front().device_id;
}

std::string where(const outage::Incident& i) {
  return i.scope == outage::Scope::kRegion ? "region " + i.region_id : "access node " + i.access_node_id;
}

}  // namespace

IncidentService::IncidentService(IncidentServiceOptions options, store::Store& store, const Clock& clock)
    : options_(std::move(options)), store_(store), clock_(clock), detector_(options_.detection) {
  http_ = std::make_unique<net::HttpClient>(1);
  webhooks_ = std::make_unique<WebhookSender>(store_, *http_, clock_, options_.webhooks);
}

IncidentService::~IncidentService() {
  stop();
  webhooks_.reset();
  http_.reset();
}

void IncidentService::set_control(acs::DeviceControl* control) { control_ = control; }

Status IncidentService::load() {
  if (Status st = load_topology(true); !st) return st;
  if (Status st = load_maintenance(); !st) return st;
  store::IncidentQuery q;
  q.state = "open";
  q.limit = 100'000;
  auto open = store_.list_incidents(q);
  if (!open) return open.error();
  auto stats = store_.stats();
  if (!stats) return stats.error();
  std::vector<outage::Incident> incidents;
  for (const auto& r : *open) {
    auto parsed = outage::incident_from_json(nlohmann::json::parse(r.json, nullptr, false));
    if (!parsed) {
      spdlog::warn("incidents: stored incident {} is unreadable; left as it is", r.id);
      continue;
    }
    incidents.push_back(std::move(*parsed));
  }
  std::lock_guard<std::mutex> lock(mutex_);
  for (const auto& i : incidents) {
    published_[i.id] = Published{i.state, i.homes.size(), i.etr_ms, i.title, i.notes.size(), i.parent_id};
  }
  detector_.restore(std::move(incidents), stats->max_incident_id + 1);
  return ok_status();
}

Status IncidentService::load_topology(bool initial) {
  auto nodes = store_.list_access_nodes("");
  if (!nodes) return nodes.error();
  std::vector<outage::TopologyNode> tnodes;
  tnodes.reserve(nodes->size());
  for (const auto& n : *nodes) tnodes.push_back({n.id, n.region_id});
  std::vector<outage::TopologyHome> thomes;
  std::unordered_map<std::string, std::string> device_home;
  std::vector<std::pair<std::string, std::string>> gateways;  // home, device
  for (size_t offset = 0;; offset += kPage) {
    store::HomeQuery q;
    q.offset = offset;
    q.limit = kPage;
    auto page = store_.list_homes(q);
    if (!page) return page.error();
    for (const auto& h : page->homes) {
      thomes.push_back({h.id, h.access_node_id});
      const std::string gw = gateway_of(h);
      if (gw.empty()) continue;
      device_home[gw] = h.id;
      gateways.emplace_back(h.id, gw);
    }
    if (page->homes.size() < kPage) break;
  }
  // The gateways that have spoken before: probeable if they gave a ConnectionRequestURL, and
  // heard from "now" (a restart of hearthd is not their silence).
  const int64_t now = to_unix_ms(clock_.now());
  struct Seen { std::string home; bool probeable; int64_t interval_s; };
  std::vector<Seen> seen;
  if (initial) {  // a reload keeps what the detector knows of them
    for (const auto& [home, device] : gateways) {
      auto d = store_.get_device(device);
      if (!d || !d->has_value() || (*d)->last_inform_ms == 0) continue;
      seen.push_back({home, !(*d)->connection_request_url.empty(), (*d)->inform_interval_s});
    }
  }
  std::lock_guard<std::mutex> lock(mutex_);
  detector_.set_topology(tnodes, thomes);
  device_home_ = std::move(device_home);
  home_gateway_.clear();
  for (const auto& [device, home] : device_home_) home_gateway_[home] = device;
  for (const auto& s : seen) {
    detector_.set_probeable(s.home, s.probeable);
    detector_.inform(s.home, now, s.interval_s, false);
  }
  return ok_status();
}

Status IncidentService::load_maintenance() {
  auto list = store_.list_maintenance(0);
  if (!list) return list.error();
  std::vector<outage::Maintenance> windows;
  for (const auto& r : *list) {
    auto m = outage::maintenance_from_json(nlohmann::json::parse(r.json, nullptr, false));
    if (m) windows.push_back(std::move(*m));
  }
  std::lock_guard<std::mutex> lock(mutex_);
  maintenance_.clear();
  for (const auto& m : windows) maintenance_[m.id] = m;
  detector_.set_maintenance(std::move(windows));
  return ok_status();
}

void IncidentService::topology_changed() { topology_stale_ = true; }

std::string IncidentService::home_of_device(const std::string& device_id) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = device_home_.find(device_id);
    if (it != device_home_.end()) return it->second;
  }
  std::string home;
  if (auto rec = store_.home_for_device(device_id); rec && rec->has_value()) home = (*rec)->id;
  std::lock_guard<std::mutex> lock(mutex_);
  device_home_[device_id] = home;
  if (!home.empty()) home_gateway_.emplace(home, device_id);
  return home;
}

// ---- intake ----

acs::TelemetryRead IncidentService::on_inform(const store::DeviceRecord& device,
                                             const std::vector<cwmp::EventStruct>& events,
                                             const std::vector<cwmp::ParameterValue>& parameters, int64_t now_ms) {
  if (!options_.enabled || device.id.empty()) return {};
  const std::string home = home_of_device(device.id);
  if (home.empty()) return {};
  const bool periodic = has_event(events, "2 PERIODIC");
  const int64_t up_since = wan_up_since(parameters, now_ms);
  std::lock_guard<std::mutex> lock(mutex_);
  detector_.set_probeable(home, !device.connection_request_url.empty());
  detector_.inform(home, now_ms, device.inform_interval_s, periodic, up_since);
  return {};
}

void IncidentService::on_telemetry(const store::DeviceRecord&, std::vector<cwmp::ParameterValue>, int64_t) {}

void IncidentService::on_connection_request(const std::string& device_id, bool reached, int64_t now_ms) {
  if (!options_.enabled) return;
  const std::string home = home_of_device(device_id);
  if (home.empty()) return;
  std::lock_guard<std::mutex> lock(mutex_);
  detector_.probe_result(home, reached, now_ms);
}

void IncidentService::on_restart_expected(const std::string& device_id, int64_t now_ms) {
  if (!options_.enabled) return;
  const std::string home = home_of_device(device_id);
  if (home.empty()) return;
  std::lock_guard<std::mutex> lock(mutex_);
  detector_.restart_expected(home, now_ms);
}

std::unordered_map<std::string, int64_t> IncidentService::homes_in_confirmed_incidents() {
  std::lock_guard<std::mutex> lock(mutex_);
  return confirmed_homes_;
}

std::unordered_map<std::string, int64_t> IncidentService::homes_in_degraded_incidents() {
  std::lock_guard<std::mutex> lock(mutex_);
  return degraded_homes_;
}

// The codes are the diagnosis' business; the detector needs whether and since when.
void IncidentService::wan_quality(const std::string& home_id, bool degraded,
                                  const std::vector<std::string>&, int64_t since_ms, int64_t now_ms) {
  if (!options_.enabled || home_id.empty()) return;
  std::lock_guard<std::mutex> lock(mutex_);
  detector_.wan_quality(home_id, degraded, since_ms, now_ms);
  ++stats_.wan_reports;
  stats_.degraded_homes = detector_.degraded_homes();
}

// ---- the pass ----

void IncidentService::start() {
  std::lock_guard<std::mutex> lock(ticker_mutex_);
  if (started_ || !options_.enabled) return;
  started_ = true;
  stopping_ = false;
  ticker_ = std::thread([this] { ticker_loop(); });
}

void IncidentService::stop() {
  {
    std::lock_guard<std::mutex> lock(ticker_mutex_);
    stopping_ = true;
  }
  ticker_cv_.notify_all();
  if (ticker_.joinable()) ticker_.join();
  if (webhooks_) webhooks_->stop();
  std::lock_guard<std::mutex> lock(ticker_mutex_);
  started_ = false;
}

void IncidentService::ticker_loop() {
  std::unique_lock<std::mutex> lock(ticker_mutex_);
  while (!stopping_) {
    ticker_cv_.wait_for(lock, std::chrono::milliseconds(options_.tick_ms), [&] { return stopping_; });
    if (stopping_) return;
    lock.unlock();
    try {
      tick();
    } catch (const std::exception& e) {
      spdlog::error("incidents: {}", e.what());
    }
    lock.lock();
  }
}

void IncidentService::tick() {
  if (!options_.enabled) return;
  // The API calls topology_changed() from the store's callback thread: reload here instead.
  if (topology_stale_.exchange(false)) {
    if (Status st = load_topology(false); !st) {
      spdlog::error("incidents: topology not reloaded: {}", st.error().message);
      topology_stale_ = true;
    }
  }
  const int64_t now = to_unix_ms(clock_.now());
  outage::Pass pass;
  std::vector<std::pair<std::string, std::string>> probes;  // home, device
  std::vector<std::string> wake;                              // devices
  {
    std::lock_guard<std::mutex> lock(mutex_);
    const auto t0 = std::chrono::steady_clock::now();
    pass = detector_.evaluate(now);
    stats_.last_pass_ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    ++stats_.passes;
    for (const auto& p : pass.probes) {
      auto it = home_gateway_.find(p.home_id);
      if (it != home_gateway_.end()) probes.emplace_back(p.home_id, it->second);
    }
    for (const auto& h : pass.wake) {
      auto it = home_gateway_.find(h);
      if (it != home_gateway_.end()) wake.push_back(it->second);
    }
    if (!pass.changed.empty()) {
      confirmed_homes_.clear();
      degraded_homes_.clear();
      const auto open = detector_.open_incidents();
      stats_.open_incidents = open.size();
      for (const auto& i : open) {
        if (i.state != outage::IncidentState::kConfirmed) continue;
        auto& homes = i.cause == "degraded" ? degraded_homes_ : confirmed_homes_;
        for (const auto& h : i.homes) homes.emplace(h, i.id);
      }
    }
  }
  if (control_ != nullptr) {
    for (auto& [home, device] : probes) {
      {
        std::lock_guard<std::mutex> lock(mutex_);
        ++stats_.probes_sent;
      }
      control_->probe(device, [this, home](bool answered) {
        std::lock_guard<std::mutex> lock(mutex_);
        if (!answered) ++stats_.probes_unanswered;
        detector_.probe_result(home, answered, to_unix_ms(clock_.now()));
      });
    }
    for (const auto& device : wake) {
      {
        std::lock_guard<std::mutex> lock(mutex_);
        ++stats_.wakeups_sent;
      }
      control_->connection_request(device, [](acs::ConnectionRequestOutcome) {});
    }
  }
  persist(pass.changed, now);
  webhooks_->tick();
  if (now - last_prune_ms_ >= kPruneEveryMs) {
    last_prune_ms_ = now;
    store::WriteBatch b;
    b.add(store::PruneIncidents{now - options_.retention_ms, now - options_.retention_ms});
    store_.write(std::move(b), [](Status st) {
      if (!st) spdlog::error("incidents: retention failed: {}", st.error().message);
    });
  }
}

void IncidentService::persist(const std::vector<outage::Incident>& changed, int64_t now_ms) {
  if (changed.empty()) return;
  store::WriteBatch batch;
  std::vector<std::pair<std::string, const outage::Incident*>> events;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    for (const auto& i : changed) {
      batch.add(store::PutIncident{outage::incident_record(i)});
      const Published now{i.state, i.homes.size(), i.etr_ms, i.title, i.notes.size(), i.parent_id};
      auto it = published_.find(i.id);
      if (it == published_.end()) {
        ++stats_.incidents_opened;
        events.emplace_back("incident.opened", &i);
        spdlog::info("incident {} {}: {} of {} homes of {} {} ({})", i.id,
                     outage::incident_state_name(i.state), i.homes.size(), i.node_homes, where(i),
                     i.cause == "degraded" ? "with a degraded line" : "unreachable", i.cause);
      } else if (i.state == outage::IncidentState::kResolved && it->second.state != i.state) {
        events.emplace_back("incident.resolved", &i);
        spdlog::info("incident {} resolved ({}){}", i.id, where(i),
                     i.confirmed_ms == 0 ? ": not confirmed" : "");
      } else if (it->second.state != now.state || it->second.homes != now.homes ||
                 it->second.etr_ms != now.etr_ms || it->second.title != now.title ||
                 it->second.notes != now.notes || it->second.parent_id != now.parent_id) {
        events.emplace_back("incident.updated", &i);
        if (it->second.state != now.state) {
          spdlog::info("incident {} {}: {} homes of {}", i.id, outage::incident_state_name(i.state),
                       i.homes.size(), where(i));
        }
      }
      if (i.state == outage::IncidentState::kResolved) {
        published_.erase(i.id);
      } else {
        published_[i.id] = now;
      }
    }
  }
  store_.write(std::move(batch), [](Status st) {
    if (!st) spdlog::error("incidents: not stored: {}", st.error().message);
  });
  for (const auto& [event, incident] : events) {
    webhooks_->publish(event, outage::incident_to_json(*incident), now_ms);
  }
}

void IncidentService::flush() { store_.flush(); }

void IncidentService::set_detection(const outage::OutageOptions& detection) {
  std::lock_guard<std::mutex> lock(mutex_);
  detector_.set_options(detection);
}

outage::OutageOptions IncidentService::detection() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return detector_.options();
}

IncidentServiceStats IncidentService::stats() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return stats_;
}

WebhookStats IncidentService::webhook_stats() const { return webhooks_->stats(); }

}  // namespace hearth::incidents
