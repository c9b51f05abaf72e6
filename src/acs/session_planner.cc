// What the ACS asks of a device once it has said it has nothing more to ask (tr069.md 1.2,
// state 2), in order: credentials of its own, diagnostics results, discovery of its parameter
// tree (or a refresh of what a reboot made stale), provisioning profiles, then queued tasks.
#include <spdlog/spdlog.h>

#include "acs/session_impl.h"
#include "core/crypto.h"
#include "core/strings.h"

namespace hearth::acs {

using nlohmann::json;

namespace {

InFlight request(cwmp::Body body, Purpose purpose, std::string context = {}, int64_t task_id = 0) {
  InFlight f;
  f.request = std::move(body);
  f.purpose = purpose;
  f.context = std::move(context);
  f.task_id = task_id;
  return f;
}

}  // namespace

std::optional<InFlight> Session::Impl::plan_next() {
  if (auto r = plan_credentials()) return r;
  if (!diagnostics_to_fetch.empty()) {
    DiagnosticsPending d = diagnostics_to_fetch.front();
    diagnostics_to_fetch.pop_front();
    return request(cwmp::GetParameterValues{{d.object}}, Purpose::kDiagnosticsFetch, d.object, d.task_id);
  }
  if (auto r = plan_discovery()) return r;
  if (auto r = plan_profiles()) return r;
  if (auto r = plan_task()) return r;
  return plan_telemetry();
}

std::optional<InFlight> Session::Impl::plan_credentials() {
  if (!need_credentials) return std::nullopt;
  need_credentials = false;  // one attempt per session
  const std::string root = root_of(device);
  cwmp::SetParameterValues spv;
  if (config.set_connection_request_credentials) {
    new_cr_password = crypto::random_token(15);
    spv.parameters.push_back({root + "ManagementServer.ConnectionRequestUsername", device.id,
                              cwmp::ValueType::kString});
    spv.parameters.push_back({root + "ManagementServer.ConnectionRequestPassword", new_cr_password,
                              cwmp::ValueType::kString});
  }
  if (issue_credentials) {
    new_acs_password = crypto::random_token(15);
    spv.parameters.push_back({root + "ManagementServer.Username", device.id, cwmp::ValueType::kString});
    spv.parameters.push_back({root + "ManagementServer.Password", new_acs_password, cwmp::ValueType::kString});
  }
  if (spv.parameters.empty()) return std::nullopt;
  spv.parameter_key = device.parameter_key;
  return request(std::move(spv), Purpose::kCredentials);
}

void Session::Impl::on_credentials_response(const cwmp::Envelope& msg) {
  if (const auto* f = std::get_if<cwmp::Fault>(&msg.body)) {
    add_fault(0, "SetParameterValues (credentials)", *f);
    return;
  }
  if (!std::holds_alternative<cwmp::SetParameterValuesResponse>(msg.body)) return;
  if (!new_cr_password.empty()) {
    device.cr_username = device.id;
    device.cr_password = new_cr_password;
  }
  if (!new_acs_password.empty()) {
    device.auth_username = device.id;
    device.auth_ha1 = crypto::md5_hex(device.id + ":" + config.realm + ":" + new_acs_password);
    issue_credentials = false;
  }
  new_cr_password.clear();
  new_acs_password.clear();
  step.device_changed = true;
}

void Session::Impl::start_discovery(const std::string& path, bool full) {
  discovery = Discovery{};
  discovery.active = true;
  discovery.full = full;
  discovery.level_walk = quirks.gpn_next_level_walk;
  discovery.gpn_queue.push_back(path);
}

std::optional<InFlight> Session::Impl::plan_discovery() {
  if (!discovery.active && !boot_refresh.empty()) {
    std::vector<std::string> batch(boot_refresh.begin(), boot_refresh.end());
    boot_refresh.clear();
    discovery = Discovery{};
    discovery.active = true;
    discovery.gpv_batches.push_back(std::move(batch));
  }
  if (!discovery.active) return std::nullopt;
  if (!discovery.gpn_queue.empty()) {
    std::string path = discovery.gpn_queue.front();
    discovery.gpn_queue.pop_front();
    return request(cwmp::GetParameterNames{path, discovery.level_walk}, Purpose::kDiscoveryGpn, path);
  }
  if (!discovery.leaves.empty()) {
    const size_t n = std::max<uint32_t>(1, quirks.gpv_batch_size);
    for (size_t i = 0; i < discovery.leaves.size(); i += n) {
      discovery.gpv_batches.emplace_back(discovery.leaves.begin() + static_cast<ptrdiff_t>(i),
                                         discovery.leaves.begin() +
                                             static_cast<ptrdiff_t>(std::min(i + n, discovery.leaves.size())));
    }
    discovery.leaves.clear();
  }
  if (!discovery.gpv_batches.empty()) {
    return request(cwmp::GetParameterValues{discovery.gpv_batches.front()}, Purpose::kDiscoveryGpv);
  }
  if (discovery.full) {
    device.discovered_ms = now_ms();
    spdlog::info("device {}: parameter tree discovered", device.id);
  }
  discovery = Discovery{};
  return std::nullopt;
}

void Session::Impl::on_discovery_response(const cwmp::Envelope& msg) {
  const InFlight& flight = *in_flight;
  if (const auto* gpn = std::get_if<cwmp::GetParameterNamesResponse>(&msg.body)) {
    if (!discovery.level_walk) step.batch.add(store::DeleteParameters{device.id, flight.context});
    std::vector<std::pair<std::string, bool>> names;
    names.reserve(gpn->parameters.size());
    for (const auto& p : gpn->parameters) {
      if (p.name.empty() || !starts_with(p.name, root_of(device))) continue;
      names.emplace_back(p.name, p.writable);
      if (p.name.back() == '.') {
        if (discovery.level_walk && p.name != flight.context) discovery.gpn_queue.push_back(p.name);
      } else {
        discovery.leaves.push_back(p.name);
      }
    }
    step.batch.add(store::PutParameterInfo{device.id, std::move(names), now_ms()});
    return;
  }
  if (const auto* gpv = std::get_if<cwmp::GetParameterValuesResponse>(&msg.body)) {
    store_values(gpv->parameters);
    if (!discovery.gpv_batches.empty()) discovery.gpv_batches.pop_front();
    return;
  }
  const auto* f = std::get_if<cwmp::Fault>(&msg.body);
  if (f == nullptr) {
    spdlog::warn("device {}: unexpected {} during discovery", device.id, cwmp::body_method_name(msg.body));
    discovery = Discovery{};
    return;
  }
  if (flight.purpose == Purpose::kDiscoveryGpn) {
    if (!discovery.level_walk && (f->code == 9004 || f->code == 9002)) {
      // Quirk 20: the whole tree at once is too much for this CPE; walk it level by level.
      discovery.level_walk = true;
      discovery.gpn_queue.push_front(flight.context);
      return;
    }
    add_fault(0, "GetParameterNames (discovery)", *f);
    if (discovery.level_walk && flight.context != root_of(device)) return;  // skip this branch
    discovery = Discovery{};
    return;
  }
  // GPV batch failed.
  if (discovery.gpv_batches.empty()) return;
  std::vector<std::string> batch = std::move(discovery.gpv_batches.front());
  discovery.gpv_batches.pop_front();
  if (f->code == 9005 && batch.size() > 1) {
    // Quirk 19: one name is bad but the CPE does not say which: bisect.
    std::vector<std::string> second(batch.begin() + static_cast<ptrdiff_t>(batch.size() / 2), batch.end());
    batch.resize(batch.size() / 2);
    discovery.gpv_batches.push_front(std::move(second));
    discovery.gpv_batches.push_front(std::move(batch));
    return;
  }
  if (f->code != 9005) add_fault(0, "GetParameterValues (discovery)", *f);
}

std::optional<InFlight> Session::Impl::plan_profiles() {
  if (profiles.empty()) return std::nullopt;
  const json applied = state_json.contains("profiles") && state_json["profiles"].is_object()
                           ? state_json["profiles"]
                           : json::object();
  for (const auto& [profile, version] : profiles) {
    if (profiles_tried.count(profile.name) != 0) continue;
    const bool up_to_date = applied.contains(profile.name) && applied[profile.name].is_number_integer() &&
                            applied[profile.name].get<int64_t>() == version;
    bool reapply = false;
    for (const auto& code : profile.reapply_on) reapply = reapply || has_event(code);
    if (up_to_date && !reapply) {
      profiles_tried.insert(profile.name);
      continue;
    }
    bool preconditions_hold = true;
    for (const auto& pre : profile.preconditions) {
      auto current = tree.get(device.id, pre.parameter);
      if (!current || current->value != pre.equals) preconditions_hold = false;
    }
    if (!preconditions_hold) {
      profiles_tried.insert(profile.name);
      continue;
    }
    if (profiles_spv_done.count(profile.name) == 0) {
      cwmp::SetParameterValues spv;
      for (const auto& item : profile.parameter_values) {
        auto current = tree.get(device.id, item.name);
        cwmp::ValueType type = item.type ? *item.type : (current ? current->type : cwmp::ValueType::kString);
        std::string value = item.value;
        std::string normalised;
        if (cwmp::normalise_value(type, value, &normalised)) value = normalised;
        if (is_secret_parameter(item.name)) {
          if (up_to_date) continue;
        } else if (current && current->value == value) {
          continue;
        }
        spv.parameters.push_back({item.name, value, type});
      }
      if (!spv.parameters.empty()) {
        spv.parameter_key = ("profile-" + profile.name).substr(0, 32);
        return request(std::move(spv), Purpose::kProfileSpv, profile.name);
      }
      profiles_spv_done.insert(profile.name);
    }
    if (!profile.parameter_attributes.empty()) {
      return request(to_set_parameter_attributes(profile.parameter_attributes), Purpose::kProfileSpa,
                     profile.name);
    }
    mark_profile(profile.name, true);
  }
  return std::nullopt;
}

void Session::Impl::mark_profile(const std::string& name, bool ok) {
  profiles_tried.insert(name);
  if (!ok) return;
  for (const auto& [profile, version] : profiles) {
    if (profile.name != name) continue;
    if (!state_json.contains("profiles") || !state_json["profiles"].is_object()) state_json["profiles"] = json::object();
    state_json["profiles"][name] = version;
  }
}

void Session::Impl::on_profile_response(const cwmp::Envelope& msg) {
  const std::string name = in_flight->context;
  if (const auto* f = std::get_if<cwmp::Fault>(&msg.body)) {
    add_fault(0, std::string(cwmp::body_method_name(in_flight->request)) + " (profile " + name + ")", *f);
    mark_profile(name, false);
    return;
  }
  if (std::holds_alternative<cwmp::SetParameterValuesResponse>(msg.body)) {
    const auto& spv = std::get<cwmp::SetParameterValues>(in_flight->request);
    std::vector<cwmp::ParameterValue> stored;
    for (const auto& p : spv.parameters) {
      if (!is_secret_parameter(p.name)) stored.push_back(p);
    }
    if (!stored.empty()) store_values(stored);
    device.parameter_key = spv.parameter_key;
    profiles_spv_done.insert(name);
    for (const auto& [profile, version] : profiles) {
      if (profile.name == name && profile.parameter_attributes.empty()) mark_profile(name, true);
    }
    return;
  }
  if (std::holds_alternative<cwmp::SetParameterAttributesResponse>(msg.body)) {
    mark_profile(name, true);
  }
}

void Session::Impl::on_diagnostics_response(const cwmp::Envelope& msg) {
  const std::string object = in_flight->context;
  const int64_t task_id = in_flight->task_id;
  json& pending = state_json["diagnostics"];
  if (pending.is_array()) {
    json kept = json::array();
    for (const auto& d : pending) {
      if (d.value("object", "") != object) kept.push_back(d);
    }
    pending = kept;
  }
  auto it = tasks.find(task_id);
  if (const auto* f = std::get_if<cwmp::Fault>(&msg.body)) {
    add_fault(task_id, "GetParameterValues (diagnostics)", *f);
    if (it != tasks.end()) {
      finish_task(it->second, store::TaskState::kFault, fault_json(*f));
      tasks.erase(it);
    }
    return;
  }
  const auto* gpv = std::get_if<cwmp::GetParameterValuesResponse>(&msg.body);
  if (gpv == nullptr) return;
  store_values(gpv->parameters);
  if (it == tasks.end()) return;
  json values = json::object();
  std::string diag_state;
  for (const auto& p : gpv->parameters) {
    const std::string rel = starts_with(p.name, object) ? p.name.substr(object.size()) : p.name;
    values[rel] = p.value;
    if (rel == "DiagnosticsState") diag_state = p.value;
  }
  if (starts_with(diag_state, "Error")) {
    finish_task(it->second, store::TaskState::kFault,
                json{{"code", 0}, {"message", "diagnostics ended with " + diag_state}, {"results", values}});
  } else {
    finish_task(it->second, store::TaskState::kDone, json{{"object", object}, {"results", values}});
  }
  tasks.erase(it);
}

void Session::Impl::store_values(const std::vector<cwmp::ParameterValue>& values) {
  if (values.empty()) return;
  step.batch.add(store::PutParameterValues{device.id, values, now_ms()});
  update_device_fields(values);
}

void Session::Impl::update_device_fields(const std::vector<cwmp::ParameterValue>& values) {
  const std::string root = root_of(device);
  for (const auto& p : values) {
    if (!starts_with(p.name, root)) continue;
    const std::string_view rel = std::string_view(p.name).substr(root.size());
    if (rel == "DeviceInfo.SoftwareVersion") device.software_version = p.value;
    else if (rel == "DeviceInfo.HardwareVersion") device.hardware_version = p.value;
    else if (rel == "DeviceInfo.ModelName" && !p.value.empty()) device.model_name = p.value;
    else if (rel == "DeviceInfo.Manufacturer" && !p.value.empty()) device.manufacturer = p.value;
    else if (rel == "ManagementServer.ConnectionRequestURL") device.connection_request_url = p.value;
    else if (rel == "ManagementServer.ParameterKey") device.parameter_key = p.value;
    else if (rel == "ManagementServer.PeriodicInformInterval") {
      if (auto v = parse_uint64(p.value); v && *v <= 0xFFFFFFFFu) device.inform_interval_s = static_cast<uint32_t>(*v);
    }
  }
}

}  // namespace hearth::acs
