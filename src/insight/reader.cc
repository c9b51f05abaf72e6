// The diagnosis service's read side (reader.h): diagnoses, snapshots, history, series, fleet
// aggregates, the optimisation log, line events and live checks.
#include <algorithm>
#include <cctype>
#include <optional>
#include <set>
#include <unordered_set>

#include <spdlog/spdlog.h>

#include "diag/diagnosis_json.h"
#include "insight/insight_home.h"

namespace hearth::insight {

namespace {

constexpr size_t kPage = 5000;

Result<diag::Diagnosis> stored_diagnosis(store::Store& store, const std::string& home_id) {
  auto rec = store.get_diagnosis(home_id);
  if (!rec) return rec.error();
  diag::Diagnosis d;
  d.home_id = home_id;
  if (rec->has_value()) {
    auto parsed = diag::diagnosis_from_json(nlohmann::json::parse((*rec)->json, nullptr, false));
    if (parsed) d = std::move(*parsed);
  }
  return d;
}

}  // namespace

Result<diag::Diagnosis> Insight::home_diagnosis(const std::string& home_id) {
  if (auto home = find_home(home_id)) {
    std::lock_guard<std::mutex> lock(mutex_);
    return home->diagnosis;
  }
  auto h = store_.get_home(home_id);
  if (!h) return h.error();
  if (!h->has_value()) {
    // A device in no home is diagnosed under its own id.
    auto dev = store_.get_device(home_id);
    if (!dev) return dev.error();
    if (!dev->has_value()) return make_error(ErrorCode::kNotFound, "no home " + home_id);
  }
  return stored_diagnosis(store_, home_id);
}

Result<std::optional<diag::HomeSnapshot>> Insight::home_snapshot(const std::string& home_id) {
  auto home = find_home(home_id);
  if (!home) {
    auto d = home_diagnosis(home_id);  // tells an unknown home from one not seen yet
    if (!d) return d.error();
    return std::optional<diag::HomeSnapshot>();
  }
  std::lock_guard<std::mutex> lock(mutex_);
  return home->latest;
}

Result<diag::Diagnosis> Insight::device_diagnosis(const std::string& device_id) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = by_device_.find(device_id);
    if (it != by_device_.end()) return it->second->diagnosis;
  }
  auto home = store_.home_for_device(device_id);
  if (!home) return home.error();
  if (home->has_value()) return home_diagnosis((*home)->id);
  auto dev = store_.get_device(device_id);
  if (!dev) return dev.error();
  if (!dev->has_value()) return make_error(ErrorCode::kNotFound, "no device " + device_id);
  return stored_diagnosis(store_, device_id);
}

Result<std::vector<diag::Finding>> Insight::finding_history(const std::string& home_id,
                                                            int64_t since_ms, size_t limit) {
  if (auto d = home_diagnosis(home_id); !d) return d.error();
  store::FindingQuery q;
  q.home_id = home_id;
  q.since_ms = since_ms;
  q.limit = limit;
  auto recs = store_.find_findings(q);
  if (!recs) return recs.error();
  std::vector<diag::Finding> out;
  for (const auto& r : *recs) {
    auto f = diag::finding_from_json(nlohmann::json::parse(r.json, nullptr, false));
    if (f) out.push_back(std::move(*f));
  }
  return out;
}

Result<std::vector<SeriesPoint>> Insight::series(const std::string& home_id, const std::string& key,
                                                 int64_t from_ms, int64_t to_ms) {
  if (auto d = home_diagnosis(home_id); !d) return d.error();
  const int64_t now = to_unix_ms(clock_.now());
  if (to_ms <= 0) to_ms = now + 1;
  const int64_t raw_from = std::max(from_ms, now - options_.raw_retention_ms);
  std::vector<SeriesPoint> out;
  if (from_ms < raw_from) {
    // Hours that have no raw samples any more come from the rollups.
    auto rollups = store_.list_rollups(home_id, hour_of(from_ms), std::min(to_ms, raw_from), kPage);
    if (!rollups) return rollups.error();
    for (const auto& r : *rollups) {
      Aggregate a;
      if (r.hour_ms + 3'600'000 > raw_from || !find_aggregate(r.data, key, &a)) continue;
      out.push_back({r.hour_ms, a.sum / a.count, a.min, a.max, a.count});
    }
  }
  if (raw_from < to_ms) {
    auto samples = store_.list_telemetry(home_id, raw_from, to_ms, kPage);
    if (!samples) return samples.error();
    for (const auto& s : *samples) {
      double v;
      if (find_point(s.data, key, &v)) out.push_back({s.time_ms, v, v, v, 1});
    }
  }
  return out;
}

Result<std::vector<std::string>> Insight::series_keys(const std::string& home_id) {
  if (auto d = home_diagnosis(home_id); !d) return d.error();
  auto samples = store_.list_telemetry(home_id, 0, 0, 1);
  if (!samples) return samples.error();
  std::vector<std::string> keys;
  if (!samples->empty()) {
    for (auto& [k, v] : decode_points(samples->back().data)) keys.push_back(k);
  }
  return keys;
}

Status Insight::refresh_stored_fleet(int64_t now_ms) {
  // One read at a time: a summary asking while the ticker reads waits for that read.
  std::lock_guard<std::mutex> refresh_lock(fleet_refresh_mutex_);
  {
    std::lock_guard<std::mutex> fleet_lock(fleet_mutex_);
    if (stored_fleet_at_ms_ >= 0 && now_ms - stored_fleet_at_ms_ < kStoredFleetRefreshMs) return {};
  }
  std::unordered_map<std::string, StoredDiagnosis> fresh;
  store::DiagnosisQuery q;
  q.limit = kPage;
  for (;;) {
    auto page = store_.list_diagnoses(q);
    if (!page) return page.error();
    for (const auto& r : *page) {
      StoredDiagnosis d;
      d.health = r.health;
      d.primary_code = r.primary_code;
      if (auto parsed = diag::diagnosis_from_json(nlohmann::json::parse(r.json, nullptr, false))) {
        std::set<std::string> codes;
        for (const auto& f : parsed->findings) codes.insert(f.code);
        d.open_codes.assign(codes.begin(), codes.end());
      }
      fresh.emplace(r.home_id, std::move(d));
    }
    if (page->size() < q.limit) break;
    q.offset += q.limit;
  }
  std::lock_guard<std::mutex> fleet_lock(fleet_mutex_);
  if (now_ms >= stored_fleet_at_ms_) {
    stored_fleet_ = std::move(fresh);
    stored_fleet_at_ms_ = now_ms;
  }
  return {};
}

void Insight::refresh_stored_fleet_if_stale() {
  const int64_t now = to_unix_ms(clock_.now());
  {
    std::lock_guard<std::mutex> fleet_lock(fleet_mutex_);
    if (stored_fleet_at_ms_ >= 0 && now - stored_fleet_at_ms_ < kStoredFleetRefreshMs) return;
  }
  if (Status st = refresh_stored_fleet(now); !st) {
    spdlog::warn("fleet summary: stored diagnoses not re-read: {}", st.error().message);
  }
}

Result<FleetSummary> Insight::fleet_summary(size_t worst_limit) {
  FleetSummary s;
  s.health_histogram.assign(10, 0);
  std::vector<WorstHome> all;
  auto count = [&](const std::string& home_id, int health, const std::string& primary,
                   const std::vector<std::string>& distinct_codes) {
    ++s.homes_diagnosed;
    if (primary.empty()) {
      ++s.homes_healthy;
    } else {
      ++s.primary_causes[primary];
    }
    for (const auto& c : distinct_codes) ++s.open_findings[c];
    const int h = std::clamp(health, 0, 100);
    s.health_histogram[static_cast<size_t>(h == 100 ? 9 : h / 10)]++;
    all.push_back({home_id, health, primary});
  };
  const int64_t now = to_unix_ms(clock_.now());
  bool started;
  {
    std::lock_guard<std::mutex> lock(queue_mutex_);
    started = started_;
  }
  bool refresh;
  {
    std::lock_guard<std::mutex> fleet_lock(fleet_mutex_);
    // Started, the ticker re-reads a stale view; without it (tests, tools) the summary does.
    refresh = stored_fleet_at_ms_ < 0 || (!started && now - stored_fleet_at_ms_ >= kStoredFleetRefreshMs);
  }
  if (refresh) {
    if (Status st = refresh_stored_fleet(now); !st) return st.error();
  }
  std::lock_guard<std::mutex> fleet_lock(fleet_mutex_);
  std::unordered_set<std::string> seen;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    for (const auto& [id, home] : by_home_) {
      const diag::Diagnosis& d = home->diagnosis;
      if (d.time_ms == 0) continue;
      seen.insert(id);
      std::set<std::string> codes;
      for (const auto& f : d.findings) codes.insert(f.code);
      count(id, d.health, d.primary ? d.primary->code : "", {codes.begin(), codes.end()});
    }
  }
  for (const auto& [id, d] : stored_fleet_) {
    if (seen.count(id) == 0) count(id, d.health, d.primary_code, d.open_codes);
  }
  const size_t keep = std::min(worst_limit, all.size());
  auto worse = [](const WorstHome& a, const WorstHome& b) {
    return a.health != b.health ? a.health < b.health : a.home_id < b.home_id;
  };
  std::partial_sort(all.begin(), all.begin() + static_cast<std::ptrdiff_t>(keep), all.end(), worse);
  all.resize(keep);
  s.worst = std::move(all);
  return s;
}

Result<std::vector<OptimisationEntry>> Insight::optimisation_log(const std::string& home_id, size_t limit) {
  if (!home_id.empty()) {
    if (auto d = home_diagnosis(home_id); !d) return d.error();
  }
  auto recs = store_.list_optimisations(home_id, limit);
  if (!recs) return recs.error();
  std::vector<OptimisationEntry> out;
  for (const auto& r : *recs) {
    auto e = diag::optimisation_entry_from_json(nlohmann::json::parse(r.json, nullptr, false));
    if (e) out.push_back({r.home_id, std::move(*e)});
  }
  return out;
}

Status Insight::set_optimisation_enabled(const std::string& home_id, bool enabled) {
  if (auto d = home_diagnosis(home_id); !d) return d.error();
  if (auto home = find_home(home_id)) {
    std::lock_guard<std::mutex> lock(mutex_);
    home->optimisation_enabled = enabled;
  }
  store::WriteBatch b;
  b.add(store::PutMeta{"optimisation-off:" + home_id, enabled ? "" : "1"});
  diag::OptimisationLogEntry e;
  e.time_ms = to_unix_ms(clock_.now());
  e.action = enabled ? "enabled" : "disabled";
  e.reason = enabled ? "self-optimisation switched on" : "self-optimisation switched off";
  b.add(store::AddOptimisation{{0, home_id, e.time_ms, e.action, diag::optimisation_entry_to_json(e).dump()}});
  return store_.write_sync(std::move(b));
}

Result<bool> Insight::optimisation_enabled(const std::string& home_id) {
  if (auto d = home_diagnosis(home_id); !d) return d.error();
  if (auto home = find_home(home_id)) {
    std::lock_guard<std::mutex> lock(mutex_);
    return home->optimisation_enabled;
  }
  auto m = store_.get_meta("optimisation-off:" + home_id);
  if (!m) return m.error();
  return !(m->has_value() && !(*m)->empty());
}

Status Insight::set_pinned_radios(const std::string& home_id, std::vector<std::string> radio_ids) {
  if (auto d = home_diagnosis(home_id); !d) return d.error();
  std::sort(radio_ids.begin(), radio_ids.end());
  radio_ids.erase(std::unique(radio_ids.begin(), radio_ids.end()), radio_ids.end());
  store::WriteBatch b;
  b.add(store::PutMeta{"optimiser-pins:" + home_id, format_pins(radio_ids)});
  diag::OptimisationLogEntry e;
  e.time_ms = to_unix_ms(clock_.now());
  e.action = "pins-changed";
  e.reason = radio_ids.empty() ? "no radio pinned" : "pinned radios: " + format_pins(radio_ids);
  std::replace(e.reason.begin(), e.reason.end(), '\n', ' ');
  b.add(store::AddOptimisation{{0, home_id, e.time_ms, e.action, diag::optimisation_entry_to_json(e).dump()}});
  if (auto s = store_.write_sync(std::move(b)); !s) return s;
  // After the commit, so that the worker never holds pins the store lost.
  if (auto home = find_home(home_id)) {
    std::lock_guard<std::mutex> lock(mutex_);
    home->pinned_radios = std::move(radio_ids);
  }
  return Status();
}

Result<std::vector<std::string>> Insight::pinned_radios(const std::string& home_id) {
  if (auto d = home_diagnosis(home_id); !d) return d.error();
  if (auto home = find_home(home_id)) {
    std::lock_guard<std::mutex> lock(mutex_);
    return home->pinned_radios;
  }
  auto m = store_.get_meta("optimiser-pins:" + home_id);
  if (!m) return m.error();
  return m->has_value() ? parse_pins(**m) : std::vector<std::string>();
}

namespace {

// A MAC as the index keeps it: "aa:bb:cc:dd:ee:ff" (either case, ':' or '-') as 48 bits;
// nullopt for anything else (a node named by the gateway's serial).
std::optional<uint64_t> mac_bits(const std::string& text) {
  if (text.size() != 17) return std::nullopt;
  uint64_t bits = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (i % 3 == 2) {
      if (c != ':' && c != '-') return std::nullopt;
      continue;
    }
    const int lc = std::tolower(static_cast<unsigned char>(c));
    if (!std::isxdigit(lc)) return std::nullopt;
    bits = (bits << 4) | static_cast<uint64_t>(std::isdigit(lc) ? lc - '0' : lc - 'a' + 10);
  }
  return bits;
}

}  // namespace

void Insight::index_macs(Home& home) {
  std::vector<uint64_t> macs;
  if (home.latest) {
    for (const diag::Station& st : home.latest->stations) {
      if (auto m = mac_bits(st.mac)) macs.push_back(*m);
    }
    for (const diag::Node& n : home.latest->nodes) {
      if (auto m = mac_bits(n.id)) macs.push_back(*m);
    }
  }
  std::sort(macs.begin(), macs.end());
  macs.erase(std::unique(macs.begin(), macs.end()), macs.end());
  if (macs == home.indexed_macs) return;  // the usual case: the same devices as last time
  for (const uint64_t mac : home.indexed_macs) {
    if (std::binary_search(macs.begin(), macs.end(), mac)) continue;
    auto [from, to] = homes_by_mac_.equal_range(mac);
    for (auto it = from; it != to; ++it) {
      if (it->second == &home) {
        homes_by_mac_.erase(it);
        break;
      }
    }
  }
  for (const uint64_t mac : macs) {
    if (!std::binary_search(home.indexed_macs.begin(), home.indexed_macs.end(), mac)) {
      homes_by_mac_.emplace(mac, &home);
    }
  }
  home.indexed_macs = std::move(macs);
}

Result<std::vector<std::string>> Insight::homes_with_mac(const std::string& mac) {
  std::vector<std::string> homes;
  const std::optional<uint64_t> bits = mac_bits(mac);
  if (!bits) return homes;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    auto [from, to] = homes_by_mac_.equal_range(*bits);
    for (auto it = from; it != to; ++it) homes.push_back(it->second->home_id);
  }
  std::sort(homes.begin(), homes.end());
  return homes;
}

Status Insight::line_event(const LineEvent& event) {
  std::string home_id = event.home_id;
  if (home_id.empty()) {
    store::DeviceQuery q;
    q.serial_number = event.serial;
    q.limit = 1;
    auto page = store_.find_devices(q);
    if (!page) return page.error();
    if (page->devices.empty()) return make_error(ErrorCode::kNotFound, "no device with serial " + event.serial);
    auto home = store_.home_for_device(page->devices.front().id);
    if (!home) return home.error();
    home_id = home->has_value() ? (*home)->id : page->devices.front().id;
  }
  auto home = find_home(home_id);
  if (!home) {
    auto rec = store_.get_home(home_id);
    if (!rec) return rec.error();
    if (!rec->has_value()) return make_error(ErrorCode::kNotFound, "no home " + home_id);
    return Status();  // a home whose gateway has not been seen since start: nothing to explain
  }
  bool offline;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (event.kind == "restored") {
      home->line_event.clear();
    } else {
      home->line_event = event.kind;
      home->regional_outage = false;  // its own cause, until the next tick says otherwise
    }
    home->line_event_ms = event.time_ms;
    offline = home->offline;
  }
  if (offline) enqueue([this, home, now = to_unix_ms(clock_.now())] { evaluate(home, now, false); });
  return Status();
}

void Insight::run_checks(const std::string& home_id, int64_t timeout_ms,
                         std::function<void(Result<diag::Diagnosis>)> done) {
  auto home = find_home(home_id);
  if (!home) {
    done(home_diagnosis(home_id));  // unknown (404) or never seen: nothing to check
    return;
  }
  const int64_t now = to_unix_ms(clock_.now());
  std::string device_id, root;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    device_id = home->device_id;
    root = home->root;
    if (control_ != nullptr && !root.empty()) {
      home->waiters.push_back({now + timeout_ms, now, false, std::move(done)});
      home->tests.ping_requested_ms = now;
      home->telemetry_now = true;
    }
  }
  if (control_ == nullptr || root.empty()) {
    done(home_diagnosis(home_id));
    return;
  }
  submit(wan_test_task(WanTest::kPing, device_id, root, options_, now));
  control_->connection_request(device_id, [](acs::ConnectionRequestOutcome) {});
}

}  // namespace hearth::insight
