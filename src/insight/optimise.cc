// The diagnosis service's side of the self-optimisation: neighbour scan results from the stored
// tree, the optimiser's decisions turned into tasks, its log into the store, and its memory (state
// and pinned radios) kept in the store's meta across restarts.
#include <set>
#include <spdlog/spdlog.h>

#include "core/strings.h"
#include "diag/diagnosis_json.h"
#include "insight/insight_home.h"

namespace hearth::insight {

namespace {

std::vector<cwmp::ParameterValue> to_values(const std::vector<store::StoredParameter>& params) {
  std::vector<cwmp::ParameterValue> out;
  out.reserve(params.size());
  for (const auto& p : params) out.push_back({p.name, p.value, p.type});
  return out;
}

}  // namespace

std::vector<std::string> parse_pins(const std::string& text) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    if (end > start) out.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

std::string format_pins(const std::vector<std::string>& radio_ids) {
  std::string out;
  for (const auto& id : radio_ids) {
    if (!out.empty()) out += '\n';
    out += id;
  }
  return out;
}

void load_optimiser_memory(store::Store& store, Insight::Home& home) {
  if (auto m = store.get_meta("optimiser-state:" + home.home_id); m && m->has_value()) {
    auto parsed = diag::optimiser_state_from_json(nlohmann::json::parse(**m, nullptr, false));
    if (parsed) {
      home.optimiser = std::move(*parsed);
    } else {
      spdlog::warn("diagnosis: {}: stored optimiser state ignored: {}", home.home_id,
                   parsed.error().message);
    }
  }
  if (auto m = store.get_meta("optimiser-pins:" + home.home_id); m && m->has_value()) {
    home.pinned_radios = parse_pins(**m);
  }
}

void Insight::run_optimiser(const std::shared_ptr<Home>& home, int64_t now_ms, store::WriteBatch& batch) {
  if (!options_.optimiser.enabled || home->history.empty()) return;
  const std::string state_before = diag::optimiser_state_to_json(home->optimiser).dump();
  std::set<std::string> pinned;  // besides these, a person's channel shows as one the optimiser did not set
  {
    std::lock_guard<std::mutex> lock(mutex_);
    home->optimiser.enabled = home->optimisation_enabled;
    pinned.insert(home->pinned_radios.begin(), home->pinned_radios.end());
  }
  const diag::HomeSnapshot& latest = home->history.back();
  const bool tr181 = latest.root == "Device.";
  if (tr181 && home->optimiser.scan_requested_ms > home->scan_ms) {
    const std::string object = "Device.WiFi.NeighboringWiFiDiagnostic.";
    if (auto params = store_.get_parameters(home->device_id, object)) {
      for (const auto& p : *params) {
        if (p.name == object + "DiagnosticsState" && p.value == "Complete" &&
            p.updated_ms >= home->optimiser.scan_requested_ms) {
          home->scan = diag::parse_neighbour_scan(to_values(*params));
          home->scan_ms = p.updated_ms;
          home->optimiser.last_scan_ms = p.updated_ms;
        }
      }
    }
  }
  if (!home->band_steering_path) {
    home->band_steering_path = "";
    if (tr181) {
      if (auto params = store_.get_parameters(home->device_id, "Device.WiFi.X_")) {
        for (const auto& p : *params) {
          if (ends_with(p.name, "BandSteeringEnable") && p.writable) home->band_steering_path = p.name;
        }
      }
    }
  }
  std::vector<diag::OptimisationLogEntry> log;
  auto actions = diag::optimise(latest, home->scan, home->scan_ms, pinned, *home->band_steering_path,
                                options_.optimiser, home->optimiser, now_ms, log);
  for (const auto& a : actions) {
    if (a.kind == diag::OptimiserAction::Kind::kScan) {
      if (!tr181) continue;
      home->optimiser.scan_requested_ms = now_ms;
      submit(neighbour_scan_task(home->device_id, now_ms));
    } else if (!a.values.empty()) {
      spdlog::info("diagnosis: {}: {}", home->home_id, a.reason);
      submit(set_values_task(home->device_id, a.values, now_ms));
    }
  }
  for (const auto& e : log) {
    batch.add(store::AddOptimisation{
        {0, home->home_id, e.time_ms, e.action, diag::optimisation_entry_to_json(e).dump()}});
  }
  // Kept with the log in one batch, so that after a restart the optimiser still judges (and can
  // roll back) its last change and keeps its minimum interval.
  std::string state_after = diag::optimiser_state_to_json(home->optimiser).dump();
  if (state_after != state_before) {
    batch.add(store::PutMeta{"optimiser-state:" + home->home_id, std::move(state_after)});
  }
}

}  // namespace hearth::insight
