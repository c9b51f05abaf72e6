#include "api/fake_diagnosis_reader.h"

#include <algorithm>

namespace hearth::api::testing {

namespace {

Error no_home(const std::string& home_id) {
  return make_error(ErrorCode::kNotFound, "no home '" + home_id + "'");
}

}  // namespace

Result<FakeDiagnosisReader::Home*> FakeDiagnosisReader::find_home(const std::string& home_id) {
  if (fail_) return *fail_;
  auto it = homes_.find(home_id);
  if (it == homes_.end()) return no_home(home_id);
  return &it->second;
}

void FakeDiagnosisReader::add_home(const std::string& home_id, diag::Diagnosis diagnosis) {
  std::lock_guard lock(mu_);
  diagnosis.home_id = home_id;
  homes_[home_id].diagnosis = std::move(diagnosis);
}

void FakeDiagnosisReader::set_snapshot(const std::string& home_id, diag::HomeSnapshot snapshot) {
  std::lock_guard lock(mu_);
  homes_[home_id].snapshot = std::move(snapshot);
}

void FakeDiagnosisReader::add_device(const std::string& device_id, const std::string& home_id) {
  std::lock_guard lock(mu_);
  device_homes_[device_id] = home_id;
}

void FakeDiagnosisReader::add_serial(const std::string& serial, const std::string& home_id) {
  std::lock_guard lock(mu_);
  serial_homes_[serial] = home_id;
}

void FakeDiagnosisReader::add_finding(const std::string& home_id, diag::Finding finding) {
  std::lock_guard lock(mu_);
  homes_[home_id].findings.push_back(std::move(finding));
}

void FakeDiagnosisReader::set_series(const std::string& home_id, const std::string& key,
                                     std::vector<insight::SeriesPoint> points) {
  std::lock_guard lock(mu_);
  homes_[home_id].series[key] = std::move(points);
}

void FakeDiagnosisReader::set_fleet_summary(insight::FleetSummary summary) {
  std::lock_guard lock(mu_);
  summary_ = std::move(summary);
}

void FakeDiagnosisReader::add_optimisation(insight::OptimisationEntry entry) {
  std::lock_guard lock(mu_);
  optimisations_.push_back(std::move(entry));
}

void FakeDiagnosisReader::fail_with(std::optional<Error> error) {
  std::lock_guard lock(mu_);
  fail_ = std::move(error);
}

void FakeDiagnosisReader::set_hold_checks(bool hold) {
  std::lock_guard lock(mu_);
  hold_checks_ = hold;
}

size_t FakeDiagnosisReader::complete_checks() {
  std::vector<std::pair<Done, Result<diag::Diagnosis>>> answers;
  {
    std::lock_guard lock(mu_);
    for (auto& [home_id, done] : held_) {
      Result<Home*> home = find_home(home_id);
      answers.emplace_back(std::move(done), home ? Result<diag::Diagnosis>((*home)->diagnosis)
                                                 : Result<diag::Diagnosis>(home.error()));
    }
    held_.clear();
  }
  // Outside the lock: an answer may call back into the reader.
  for (auto& [done, answer] : answers) done(std::move(answer));
  return answers.size();
}

size_t FakeDiagnosisReader::held_checks() const {
  std::lock_guard lock(mu_);
  return held_.size();
}

std::vector<FakeDiagnosisReader::ChecksCall> FakeDiagnosisReader::checks() const {
  std::lock_guard lock(mu_);
  return checks_;
}

std::vector<insight::LineEvent> FakeDiagnosisReader::line_events() const {
  std::lock_guard lock(mu_);
  return line_events_;
}

std::vector<FakeDiagnosisReader::HistoryCall> FakeDiagnosisReader::history_calls() const {
  std::lock_guard lock(mu_);
  return history_calls_;
}

std::vector<FakeDiagnosisReader::SeriesCall> FakeDiagnosisReader::series_calls() const {
  std::lock_guard lock(mu_);
  return series_calls_;
}

std::vector<size_t> FakeDiagnosisReader::summary_limits() const {
  std::lock_guard lock(mu_);
  return summary_limits_;
}

Result<diag::Diagnosis> FakeDiagnosisReader::home_diagnosis(const std::string& home_id) {
  std::lock_guard lock(mu_);
  Result<Home*> home = find_home(home_id);
  if (!home) return home.error();
  return (*home)->diagnosis;
}

Result<std::optional<diag::HomeSnapshot>> FakeDiagnosisReader::home_snapshot(
    const std::string& home_id) {
  std::lock_guard lock(mu_);
  Result<Home*> home = find_home(home_id);
  if (!home) return home.error();
  return (*home)->snapshot;
}

Result<diag::Diagnosis> FakeDiagnosisReader::device_diagnosis(const std::string& device_id) {
  std::lock_guard lock(mu_);
  if (fail_) return *fail_;
  auto it = device_homes_.find(device_id);
  if (it == device_homes_.end()) {
    return make_error(ErrorCode::kNotFound, "device '" + device_id + "' is in no home");
  }
  Result<Home*> home = find_home(it->second);
  if (!home) return home.error();
  return (*home)->diagnosis;
}

Result<std::vector<diag::Finding>> FakeDiagnosisReader::finding_history(const std::string& home_id,
                                                                        int64_t since_ms,
                                                                        size_t limit) {
  std::lock_guard lock(mu_);
  history_calls_.push_back({home_id, since_ms, limit});
  Result<Home*> home = find_home(home_id);
  if (!home) return home.error();
  std::vector<diag::Finding> out;
  for (const diag::Finding& f : (*home)->findings) {
    if (f.end_ms == 0 || f.start_ms >= since_ms || f.end_ms >= since_ms) out.push_back(f);
  }
  std::stable_sort(out.begin(), out.end(), [](const diag::Finding& a, const diag::Finding& b) {
    return a.start_ms > b.start_ms;
  });
  if (out.size() > limit) out.resize(limit);
  return out;
}

Result<std::vector<insight::SeriesPoint>> FakeDiagnosisReader::series(const std::string& home_id,
                                                                      const std::string& key,
                                                                      int64_t from_ms,
                                                                      int64_t to_ms) {
  std::lock_guard lock(mu_);
  series_calls_.push_back({home_id, key, from_ms, to_ms});
  Result<Home*> home = find_home(home_id);
  if (!home) return home.error();
  std::vector<insight::SeriesPoint> out;
  auto it = (*home)->series.find(key);
  if (it == (*home)->series.end()) return out;
  for (const insight::SeriesPoint& p : it->second) {
    if (p.time_ms >= from_ms && p.time_ms <= to_ms) out.push_back(p);
  }
  return out;
}

Result<std::vector<std::string>> FakeDiagnosisReader::series_keys(const std::string& home_id) {
  std::lock_guard lock(mu_);
  Result<Home*> home = find_home(home_id);
  if (!home) return home.error();
  std::vector<std::string> keys;
  for (const auto& [key, points] : (*home)->series) keys.push_back(key);
  return keys;
}

Result<insight::FleetSummary> FakeDiagnosisReader::fleet_summary(size_t worst_limit) {
  std::lock_guard lock(mu_);
  summary_limits_.push_back(worst_limit);
  if (fail_) return *fail_;
  insight::FleetSummary s = summary_;
  if (s.worst.size() > worst_limit) s.worst.resize(worst_limit);
  return s;
}

Result<std::vector<insight::OptimisationEntry>> FakeDiagnosisReader::optimisation_log(
    const std::string& home_id, size_t limit) {
  std::lock_guard lock(mu_);
  if (fail_) return *fail_;
  if (!home_id.empty()) {
    Result<Home*> home = find_home(home_id);
    if (!home) return home.error();
  }
  std::vector<insight::OptimisationEntry> out;
  for (auto it = optimisations_.rbegin(); it != optimisations_.rend() && out.size() < limit; ++it) {
    if (home_id.empty() || it->home_id == home_id) out.push_back(*it);
  }
  return out;
}

Status FakeDiagnosisReader::set_optimisation_enabled(const std::string& home_id, bool enabled) {
  std::lock_guard lock(mu_);
  Result<Home*> home = find_home(home_id);
  if (!home) return home.error();
  (*home)->optimisation = enabled;
  return ok_status();
}

Result<bool> FakeDiagnosisReader::optimisation_enabled(const std::string& home_id) {
  std::lock_guard lock(mu_);
  Result<Home*> home = find_home(home_id);
  if (!home) return home.error();
  return (*home)->optimisation;
}

Status FakeDiagnosisReader::set_pinned_radios(const std::string& home_id,
                                              std::vector<std::string> radio_ids) {
  std::lock_guard lock(mu_);
  Result<Home*> home = find_home(home_id);
  if (!home) return home.error();
  (*home)->pinned_radios = std::move(radio_ids);
  return ok_status();
}

Result<std::vector<std::string>> FakeDiagnosisReader::pinned_radios(const std::string& home_id) {
  std::lock_guard lock(mu_);
  Result<Home*> home = find_home(home_id);
  if (!home) return home.error();
  return (*home)->pinned_radios;
}

Result<std::vector<std::string>> FakeDiagnosisReader::homes_with_mac(const std::string& mac) {
  std::lock_guard lock(mu_);
  if (fail_) return *fail_;
  std::vector<std::string> out;  // homes_ is ordered: sorted by id
  for (const auto& [id, home] : homes_) {
    if (!home.snapshot) continue;
    const auto& s = *home.snapshot;
    const bool station = std::any_of(s.stations.begin(), s.stations.end(),
                                     [&](const diag::Station& st) { return st.mac == mac; });
    const bool node = std::any_of(s.nodes.begin(), s.nodes.end(),
                                  [&](const diag::Node& n) { return n.id == mac; });
    if (station || node) out.push_back(id);
  }
  return out;
}

Status FakeDiagnosisReader::line_event(const insight::LineEvent& event) {
  std::lock_guard lock(mu_);
  if (fail_) return *fail_;
  std::string home_id = event.home_id;
  if (home_id.empty()) {
    auto it = serial_homes_.find(event.serial);
    if (it == serial_homes_.end()) {
      return make_error(ErrorCode::kNotFound, "no home with a gateway '" + event.serial + "'");
    }
    home_id = it->second;
  }
  if (!homes_.count(home_id)) return no_home(home_id);
  line_events_.push_back(event);
  return ok_status();
}

void FakeDiagnosisReader::run_checks(const std::string& home_id, int64_t timeout_ms, Done done) {
  Result<diag::Diagnosis> answer = make_error(ErrorCode::kInternal, "unset");
  {
    std::lock_guard lock(mu_);
    checks_.push_back({home_id, timeout_ms});
    Result<Home*> home = find_home(home_id);
    if (home && hold_checks_) {
      held_.emplace_back(home_id, std::move(done));
      return;
    }
    answer =
        home ? Result<diag::Diagnosis>((*home)->diagnosis) : Result<diag::Diagnosis>(home.error());
  }
  done(std::move(answer));
}

void FakeDiagnosisReader::set_hold_refreshes(bool hold) {
  std::lock_guard lock(mu_);
  hold_refreshes_ = hold;
}

std::vector<FakeDiagnosisReader::ChecksCall> FakeDiagnosisReader::refreshes() const {
  std::lock_guard lock(mu_);
  return refreshes_;
}

void FakeDiagnosisReader::refresh(const std::string& home_id, int64_t timeout_ms, Done done) {
  Result<diag::Diagnosis> answer = make_error(ErrorCode::kInternal, "unset");
  {
    std::lock_guard lock(mu_);
    refreshes_.push_back({home_id, timeout_ms});
    Result<Home*> home = find_home(home_id);
    if (home && hold_refreshes_) {
      held_.emplace_back(home_id, std::move(done));
      return;
    }
    answer =
        home ? Result<diag::Diagnosis>((*home)->diagnosis) : Result<diag::Diagnosis>(home.error());
  }
  done(std::move(answer));
}

}  // namespace hearth::api::testing
