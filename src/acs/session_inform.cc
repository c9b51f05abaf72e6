// The Inform that opens a session and the events it carries (tr069.md 1.3 and section 5).
// Every handler here is idempotent: a lost InformResponse brings the same events back.
#include <spdlog/spdlog.h>

#include <algorithm>
#include <cstdio>

#include "acs/session_impl.h"
#include "core/ids.h"
#include "core/strings.h"

namespace hearth::acs {

using nlohmann::json;

namespace {

// tr069.md 2.1 step 3 and 1.4: the highest version both sides speak.
std::optional<std::string> pick_version(const std::string& supported) {
  static const char* kOurs[] = {"1.4", "1.3", "1.2", "1.1", "1.0"};
  std::vector<std::string> theirs;
  for (auto part : split(supported, ',')) theirs.emplace_back(trim(part));
  for (const char* v : kOurs) {
    if (std::find(theirs.begin(), theirs.end(), v) != theirs.end()) return std::string(v);
  }
  return std::nullopt;
}

bool profile_matches(const device::Profile& p, const store::DeviceRecord& d) {
  const auto& m = p.match;
  if (!m.oui.empty() && m.oui != d.oui) return false;
  if (!m.product_class.empty() && m.product_class != d.product_class) return false;
  if (!m.model_name.empty() && m.model_name != d.model_name) return false;
  if (!m.software_version.empty() && m.software_version != d.software_version) return false;
  if (!m.root.empty() && m.root != d.root) return false;
  if (!m.tag.empty() && std::find(d.tags.begin(), d.tags.end(), m.tag) == d.tags.end()) return false;
  return true;
}

// A short fingerprint of names, types and values (FNV-1a, 64 bits, hex).
std::string inform_digest(const std::vector<cwmp::ParameterValue>& params) {
  uint64_t h = 1469598103934665603ull;
  auto mix = [&h](std::string_view s) {
    for (unsigned char c : s) {
      h ^= c;
      h *= 1099511628211ull;
    }
    h ^= 0xff;
    h *= 1099511628211ull;
  };
  for (const auto& p : params) {
    mix(p.name);
    mix(p.value);
    mix(cwmp::value_type_name(p.type));
  }
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
  return buf;
}

}  // namespace

void Session::Impl::process_inform(const cwmp::Envelope& env, SessionStart start) {
  const auto& inform = std::get<cwmp::Inform>(env.body);
  const int64_t now = now_ms();
  cwmp_ns = env.cwmp_ns;
  events = inform.events;
  timeout_ms = config.session_timeout_ms;
  if (env.header.session_timeout && *env.header.session_timeout > 0) {
    timeout_ms = std::max<int64_t>(timeout_ms, int64_t{*env.header.session_timeout} * 1000);
  }

  std::optional<std::string> use_version;
  if (env.header.supported_cwmp_versions) {
    use_version = pick_version(*env.header.supported_cwmp_versions);
    if (!use_version) {
      cwmp::Fault f;
      f.faultcode = "Client";
      f.code = 8006;
      f.string = "ACS version incompatible with CPE";
      step.reply = envelope(f, env.header.id);
      state = State::kEnded;
      return;
    }
  }

  const bool first_contact = !start.device.has_value();
  if (start.device) {
    device = std::move(*start.device);
  } else {
    device.id = make_device_id(inform.device_id.oui, inform.device_id.product_class,
                               inform.device_id.serial_number);
    device.first_seen_ms = now;
  }
  device.oui = inform.device_id.oui;
  device.product_class = inform.device_id.product_class;
  device.serial_number = inform.device_id.serial_number;
  if (!inform.device_id.manufacturer.empty()) device.manufacturer = inform.device_id.manufacturer;
  if (device.model_name.empty()) device.model_name = inform.device_id.product_class;
  device.cwmp_ns = cwmp_ns;
  device.last_inform_ms = now;
  device.last_address = start.remote_ip;
  state_json = json::parse(device.state_json, nullptr, false);
  if (!state_json.is_object()) state_json = json::object();
  quirks = device::quirks_for(config.quirks, device.oui, device.product_class);
  issue_credentials = start.issue_credentials && config.issue_device_credentials;

  // Root from the forced parameters (tr069.md 7.0).
  for (const auto& p : inform.parameters) {
    if (starts_with(p.name, "InternetGatewayDevice.")) {
      device.root = "InternetGatewayDevice.";
      break;
    }
    if (starts_with(p.name, "Device.")) {
      device.root = "Device.";
      break;
    }
  }
  update_device_fields(inform.parameters);
  const std::string root = root_of(device);

  for (auto& t : start.tasks) tasks[t.id] = std::move(t);
  for (const auto& rec : start.profiles) {
    auto parsed = device::parse_profile(rec.definition_json);
    if (!parsed) {
      spdlog::warn("profile {} does not parse: {}", rec.name, parsed.error().message);
      continue;
    }
    if (profile_matches(*parsed, device)) profiles.emplace_back(std::move(*parsed), rec.version);
  }
  std::stable_sort(profiles.begin(), profiles.end(),
                   [](const auto& a, const auto& b) { return a.first.priority < b.first.priority; });

  const bool bootstrap = has_event("0 BOOTSTRAP");
  save_device();  // the upsert goes first in the batch; later changes update it in place
  if (bootstrap && !first_contact) {
    // Section 5: BOOTSTRAP means a blank CPE. Forget what we knew of its old life.
    step.batch.add(store::DeleteParameters{device.id, ""});
    device.discovered_ms = 0;
    device.parameter_key.clear();
    device.cr_username.clear();
    device.cr_password.clear();
    state_json.erase("profiles");
    state_json.erase("diagnostics");
  }
  if (bootstrap) device.last_bootstrap_ms = now;
  if (has_event("1 BOOT")) device.last_boot_ms = now;
  // Periodic Informs mostly repeat the same forced parameters: store them only when something
  // changed (a parameter's update time is when its value was last learned to differ or read).
  const std::string digest = inform_digest(inform.parameters);
  if (!inform.parameters.empty() && (bootstrap || state_json.value("informDigest", "") != digest)) {
    step.batch.add(store::PutParameterValues{device.id, inform.parameters, now});
    state_json["informDigest"] = digest;
  }
  std::vector<store::EventRecord> recs;
  for (const auto& e : inform.events) recs.push_back({device.id, now, e.code, e.command_key});
  if (!recs.empty()) step.batch.add(store::AddEvents{std::move(recs)});

  need_credentials = (config.set_connection_request_credentials && device.cr_username.empty()) ||
                     issue_credentials;
  if (config.discover_trees &&
      (device.discovered_ms == 0 ||
       (config.rediscover_after_ms > 0 && now - device.discovered_ms > config.rediscover_after_ms))) {
    start_discovery(root, true);
  } else if (has_event("1 BOOT")) {
    for (const auto& rel : config.refresh_on_boot) boot_refresh.push_back(root + rel);
  }
  process_events();

  cwmp::Envelope reply = envelope(cwmp::InformResponse{1}, env.header.id);
  reply.header.use_cwmp_version = use_version;
  step.reply = std::move(reply);
  step.http_status = 200;
  state = State::kCpeRequests;
  save_device();
}

void Session::Impl::process_events() {
  for (const auto& e : events) {
    const bool reboot = e.code == "M Reboot";
    const bool scheduled = e.code == "M ScheduleInform";
    if ((reboot || scheduled) && !e.command_key.empty()) {
      for (auto& [id, task] : tasks) {
        if (task.state == store::TaskState::kRunning && task.command_key == e.command_key) {
          finish_task(task, store::TaskState::kDone,
                      json{{"event", e.code}, {"completed", format_iso8601(clock.now())}});
        }
      }
    }
    if (e.code == "0 BOOTSTRAP") {
      for (auto& [id, task] : tasks) {
        if (task.state == store::TaskState::kRunning && task.name == "factoryReset") {
          finish_task(task, store::TaskState::kDone,
                      json{{"event", e.code}, {"completed", format_iso8601(clock.now())}});
        }
      }
    }
    if (e.code == "8 DIAGNOSTICS COMPLETE" && state_json.contains("diagnostics")) {
      for (const auto& d : state_json["diagnostics"]) {
        DiagnosticsPending p;
        p.object = d.value("object", "");
        p.task_id = d.value("taskId", int64_t{0});
        p.since_ms = d.value("since", int64_t{0});
        if (!p.object.empty()) diagnostics_to_fetch.push_back(std::move(p));
      }
    }
  }
  // Forget tasks that finished above.
  for (auto it = tasks.begin(); it != tasks.end();) {
    const auto st = it->second.state;
    if (st == store::TaskState::kDone || st == store::TaskState::kFault || st == store::TaskState::kCancelled) {
      it = tasks.erase(it);
    } else {
      ++it;
    }
  }
  expire_running_tasks();
}

void Session::Impl::on_transfer_complete(const std::string& command_key, const cwmp::FaultStruct& fault,
                                         const std::string& start_time, const std::string& complete_time) {
  step.batch.add(store::AddEvents{{{device.id, now_ms(), "TransferComplete", command_key}}});
  for (auto it = tasks.begin(); it != tasks.end(); ++it) {
    auto& task = it->second;
    if (task.state != store::TaskState::kRunning || task.command_key != command_key) continue;
    if (fault.code == 0) {
      finish_task(task, store::TaskState::kDone,
                  json{{"startTime", start_time}, {"completeTime", complete_time}});
    } else {
      cwmp::Fault f;
      f.code = fault.code;
      f.string = fault.string;
      add_fault(task.id, "TransferComplete", f);
      finish_task(task, store::TaskState::kFault, fault_json(f));
    }
    tasks.erase(it);
    return;
  }
  spdlog::info("device {}: TransferComplete for unknown CommandKey '{}' acknowledged", device.id,
               command_key);
}

}  // namespace hearth::acs
