// Queued tasks: each becomes one or a few ACS requests (tr069.md 3.2); its outcome is stored
// before the CPE hears from us again. Tasks that end with an event (Reboot, Download,
// ScheduleInform, diagnostics) stay running until that event or their time-out.
#include <spdlog/spdlog.h>

#include <algorithm>

#include "acs/session_impl.h"
#include "acs/telemetry_sink.h"
#include "core/strings.h"
#include "device/task_spec.h"

namespace hearth::acs {

using nlohmann::json;

namespace {

std::string command_key_for(const store::TaskRecord& task) { return "task-" + std::to_string(task.id); }

int max_attempts_of(const store::TaskRecord& task) {
  auto spec = device::parse_task_spec(task.args_json);
  return spec ? spec->max_attempts : 1;
}

}  // namespace

// The device acknowledged an RPC after which it restarts: its silence is expected, not an outage.
void Session::Impl::restart_expected(int64_t now) {
  if (telemetry_sink != nullptr) telemetry_sink->on_restart_expected(device.id, now);
}

int64_t Session::Impl::backoff_ms(int attempts) const {
  int64_t wait = config.retry_base_ms;
  for (int i = 1; i < attempts && wait < config.retry_max_ms; ++i) wait *= 2;
  return std::min(wait, config.retry_max_ms);
}

void Session::Impl::put_task(const store::TaskRecord& task) {
  step.batch.add(store::PutTask{task});
}

void Session::Impl::finish_task(store::TaskRecord& task, store::TaskState st, json outcome) {
  task.state = st;
  task.updated_ms = now_ms();
  task.expires_ms = 0;
  if (st == store::TaskState::kDone) {
    task.result_json = outcome.dump();
    task.fault_json.clear();
  } else {
    task.fault_json = outcome.dump();
  }
  put_task(task);
  step.finished_tasks.push_back(task);
  spdlog::info("device {}: task {} ({}) {}", device.id, task.id, task.name, store::task_state_name(st));
}

void Session::Impl::retry_or_fault(store::TaskRecord& task, json fault, bool retryable) {
  if (retryable && task.attempts < max_attempts_of(task)) {
    task.state = store::TaskState::kPending;
    task.updated_ms = now_ms();
    task.next_attempt_ms = now_ms() + backoff_ms(task.attempts);
    task.fault_json = fault.dump();
    put_task(task);
    return;
  }
  finish_task(task, store::TaskState::kFault, std::move(fault));
}

void Session::Impl::expire_running_tasks() {
  const int64_t now = now_ms();
  for (auto it = tasks.begin(); it != tasks.end();) {
    auto& task = it->second;
    if (task.state == store::TaskState::kRunning && task.expires_ms > 0 && task.expires_ms < now) {
      if (task.name == "download" && quirks.download_success_on_timeout) {
        finish_task(task, store::TaskState::kDone, json{{"assumed", true}, {"reason", "no TransferComplete"}});
      } else {
        finish_task(task, store::TaskState::kFault,
                    json{{"code", 0}, {"message", "timed out waiting for the device to complete " + task.name}});
      }
      it = tasks.erase(it);
    } else {
      ++it;
    }
  }
}

bool Session::Impl::build_task_steps(store::TaskRecord& task, ActiveTask* active, json* error) {
  auto spec = device::parse_task_spec(task.args_json);
  if (!spec) {
    *error = json{{"code", 0}, {"message", "invalid task: " + spec.error().message}};
    return false;
  }
  const std::string key = command_key_for(task);
  auto& steps = active->steps;
  std::visit(
      [&](const auto& s) {
        using T = std::decay_t<decltype(s)>;
        if constexpr (std::is_same_v<T, device::GetParameterNamesSpec>) {
          steps.push_back(cwmp::GetParameterNames{s.parameter_path, s.next_level});
        } else if constexpr (std::is_same_v<T, device::GetParameterValuesSpec>) {
          const size_t n = std::max<uint32_t>(1, quirks.gpv_batch_size);
          for (size_t i = 0; i < s.parameter_names.size(); i += n) {
            cwmp::GetParameterValues gpv;
            gpv.parameter_names.assign(s.parameter_names.begin() + static_cast<ptrdiff_t>(i),
                                       s.parameter_names.begin() +
                                           static_cast<ptrdiff_t>(std::min(i + n, s.parameter_names.size())));
            steps.push_back(std::move(gpv));
          }
        } else if constexpr (std::is_same_v<T, device::SetParameterValuesSpec>) {
          cwmp::SetParameterValues spv;
          for (const auto& item : s.values) {
            cwmp::ValueType type = cwmp::ValueType::kString;
            if (item.type) {
              type = *item.type;
            } else if (auto known = tree.get(device.id, item.name)) {
              type = known->type;  // tr069.md 2.4: send the type the CPE reported
            }
            std::string value = item.value;
            std::string normalised;
            if (cwmp::normalise_value(type, value, &normalised)) value = normalised;
            spv.parameters.push_back({item.name, value, type});
          }
          spv.parameter_key = key;
          steps.push_back(std::move(spv));
        } else if constexpr (std::is_same_v<T, device::GetParameterAttributesSpec>) {
          steps.push_back(cwmp::GetParameterAttributes{s.parameter_names});
        } else if constexpr (std::is_same_v<T, device::SetParameterAttributesSpec>) {
          steps.push_back(to_set_parameter_attributes(s.attributes));
        } else if constexpr (std::is_same_v<T, device::AddObjectSpec>) {
          steps.push_back(cwmp::AddObject{s.object_name, key});
        } else if constexpr (std::is_same_v<T, device::DeleteObjectSpec>) {
          steps.push_back(cwmp::DeleteObject{s.object_name, key});
        } else if constexpr (std::is_same_v<T, device::RebootSpec>) {
          steps.push_back(cwmp::Reboot{key});
        } else if constexpr (std::is_same_v<T, device::FactoryResetSpec>) {
          steps.push_back(cwmp::FactoryReset{});
        } else if constexpr (std::is_same_v<T, device::DownloadSpec>) {
          cwmp::Download d;
          d.command_key = key;
          d.file_type = s.file_type;
          d.url = s.url.empty() ? config.files_base_url + s.file_id : s.url;
          d.username = s.username;
          d.password = s.password;
          d.file_size = s.file_size;
          d.target_file_name = s.target_file_name;
          d.delay_seconds = s.delay_seconds;
          steps.push_back(std::move(d));
        } else if constexpr (std::is_same_v<T, device::ScheduleInformSpec>) {
          steps.push_back(cwmp::ScheduleInform{s.delay_seconds, key});
        } else if constexpr (std::is_same_v<T, device::RefreshSpec>) {
          steps.push_back(cwmp::GetParameterNames{s.parameter_path.empty() ? root_of(device) : s.parameter_path,
                                                  false});
        }
      },
      spec->body);
  task.command_key = key;
  return true;
}

std::optional<InFlight> Session::Impl::plan_task() {
  const int64_t now = now_ms();
  for (;;) {
    if (active_task) {
      auto it = tasks.find(active_task->task_id);
      if (it == tasks.end()) {
        active_task.reset();
        continue;
      }
      if (!active_task->steps.empty()) {
        InFlight f;
        f.request = std::move(active_task->steps.front());
        active_task->steps.pop_front();
        f.purpose = Purpose::kTask;
        f.task_id = active_task->task_id;
        return f;
      }
      finish_task(it->second, store::TaskState::kDone, std::move(active_task->result));
      tasks.erase(it);
      active_task.reset();
      continue;
    }
    store::TaskRecord* next = nullptr;
    for (auto& [id, task] : tasks) {
      if (task.state == store::TaskState::kPending && task.next_attempt_ms <= now && tasks_tried.count(id) == 0) {
        next = &task;
        break;
      }
    }
    if (next == nullptr) return std::nullopt;
    tasks_tried.insert(next->id);
    ActiveTask active;
    active.task_id = next->id;
    json error;
    if (!build_task_steps(*next, &active, &error)) {
      finish_task(*next, store::TaskState::kFault, error);
      tasks.erase(next->id);
      continue;
    }
    next->state = store::TaskState::kRunning;
    next->attempts += 1;
    next->updated_ms = now;
    next->expires_ms = 0;
    put_task(*next);
    active_task = std::move(active);
  }
}

void Session::Impl::on_task_response(const cwmp::Envelope& msg) {
  auto it = tasks.find(in_flight->task_id);
  if (it == tasks.end() || !active_task) return;
  store::TaskRecord& task = it->second;
  ActiveTask& active = *active_task;
  const int64_t now = now_ms();
  const char* rpc = cwmp::body_method_name(in_flight->request);

  auto wait_for_event = [&](int64_t wait_ms) {
    task.state = store::TaskState::kRunning;
    task.updated_ms = now;
    task.expires_ms = now + wait_ms;
    task.result_json = active.result.dump();
    put_task(task);
    active_task.reset();
  };

  if (const auto* f = std::get_if<cwmp::Fault>(&msg.body)) {
    add_fault(task.id, rpc, *f);
    active_task.reset();
    retry_or_fault(task, fault_json(*f), is_retryable_fault(f->code));
    if (task.state != store::TaskState::kPending) tasks.erase(it);
    return;
  }
  const auto& body = msg.body;
  json& result = active.result;
  if (const auto* gpn = std::get_if<cwmp::GetParameterNamesResponse>(&body);
      gpn && std::holds_alternative<cwmp::GetParameterNames>(in_flight->request)) {
    std::vector<std::pair<std::string, bool>> names;
    std::vector<std::string> leaves;
    json list = result.value("parameters", json::array());
    for (const auto& p : gpn->parameters) {
      names.emplace_back(p.name, p.writable);
      if (task.name == "getParameterNames") list.push_back({{"name", p.name}, {"writable", p.writable}});
      if (!p.name.empty() && p.name.back() != '.') leaves.push_back(p.name);
    }
    if (task.name == "getParameterNames") result["parameters"] = list;
    step.batch.add(store::PutParameterInfo{device.id, std::move(names), now});
    if (task.name == "refresh" || task.name == "addObject") {
      const size_t n = std::max<uint32_t>(1, quirks.gpv_batch_size);
      for (size_t i = leaves.size(); i > 0;) {
        const size_t begin = i > n ? ((i - 1) / n) * n : 0;
        active.steps.push_front(cwmp::GetParameterValues{
            std::vector<std::string>(leaves.begin() + static_cast<ptrdiff_t>(begin),
                                     leaves.begin() + static_cast<ptrdiff_t>(i))});
        i = begin;
      }
      result["parameterCount"] = result.value("parameterCount", 0) + static_cast<int>(leaves.size());
    }
  } else if (const auto* gpv = std::get_if<cwmp::GetParameterValuesResponse>(&body);
             gpv && std::holds_alternative<cwmp::GetParameterValues>(in_flight->request)) {
    store_values(gpv->parameters);
    if (task.name == "getParameterValues") {
      json list = result.value("parameters", json::array());
      for (const auto& p : gpv->parameters) {
        list.push_back({{"name", p.name}, {"value", p.value}, {"type", cwmp::value_type_name(p.type)}});
      }
      result["parameters"] = list;
    }
  } else if (const auto* spv = std::get_if<cwmp::SetParameterValuesResponse>(&body);
             spv && std::holds_alternative<cwmp::SetParameterValues>(in_flight->request)) {
    const auto& req = std::get<cwmp::SetParameterValues>(in_flight->request);
    std::vector<cwmp::ParameterValue> stored;
    std::string diagnostics_object;
    for (const auto& p : req.parameters) {
      if (!is_secret_parameter(p.name)) stored.push_back(p);
      if (ends_with(p.name, ".DiagnosticsState") && p.value == "Requested") {
        diagnostics_object = p.name.substr(0, p.name.size() - std::string("DiagnosticsState").size());
      }
    }
    store_values(stored);
    device.parameter_key = req.parameter_key;
    result["status"] = spv->status;
    if (!diagnostics_object.empty()) {
      // tr069.md 7.5: results come after 8 DIAGNOSTICS COMPLETE; the task waits for them.
      json& pending = state_json["diagnostics"];
      if (!pending.is_array()) pending = json::array();
      json kept = json::array();
      for (const auto& d : pending) {
        if (d.value("object", "") != diagnostics_object) kept.push_back(d);
      }
      kept.push_back({{"object", diagnostics_object}, {"taskId", task.id}, {"since", now}});
      pending = kept;
      wait_for_event(config.diagnostics_timeout_ms);
      return;
    }
  } else if (const auto* gpa = std::get_if<cwmp::GetParameterAttributesResponse>(&body)) {
    json list = json::array();
    for (const auto& a : gpa->parameters) {
      list.push_back({{"name", a.name}, {"notification", a.notification}, {"accessList", a.access_list}});
    }
    result["parameters"] = list;
  } else if (std::holds_alternative<cwmp::SetParameterAttributesResponse>(body)) {
    result["status"] = 0;
  } else if (const auto* add = std::get_if<cwmp::AddObjectResponse>(&body)) {
    const auto& req = std::get<cwmp::AddObject>(in_flight->request);
    device.parameter_key = req.parameter_key;
    result["instanceNumber"] = add->instance_number;
    result["status"] = add->status;
    result["object"] = req.object_name + std::to_string(add->instance_number) + ".";
    active.steps.push_back(cwmp::GetParameterNames{req.object_name + std::to_string(add->instance_number) + ".", false});
  } else if (const auto* del = std::get_if<cwmp::DeleteObjectResponse>(&body)) {
    const auto& req = std::get<cwmp::DeleteObject>(in_flight->request);
    device.parameter_key = req.parameter_key;
    step.batch.add(store::DeleteParameters{device.id, req.object_name});
    result["status"] = del->status;
  } else if (std::holds_alternative<cwmp::RebootResponse>(body)) {
    restart_expected(now);
    wait_for_event(config.reboot_timeout_ms);
    return;
  } else if (std::holds_alternative<cwmp::FactoryResetResponse>(body)) {
    restart_expected(now);
    wait_for_event(config.reboot_timeout_ms);
    return;
  } else if (const auto* dl = std::get_if<cwmp::DownloadResponse>(&body)) {
    restart_expected(now);  // either status: a firmware is usually applied with a reboot
    result["status"] = dl->status;
    if (dl->status == 1) {
      wait_for_event(config.download_timeout_ms);  // a TransferComplete will follow
      return;
    }
    result["startTime"] = dl->start_time;
    result["completeTime"] = dl->complete_time;
  } else if (std::holds_alternative<cwmp::ScheduleInformResponse>(body)) {
    const auto& req = std::get<cwmp::ScheduleInform>(in_flight->request);
    wait_for_event(config.schedule_inform_timeout_ms + int64_t{req.delay_seconds} * 1000);
    return;
  } else {
    active_task.reset();
    finish_task(task, store::TaskState::kFault,
                json{{"code", 0},
                     {"message", std::string("unexpected ") + cwmp::body_method_name(body) + " in answer to " + rpc}});
    tasks.erase(it);
    return;
  }
  // More steps, or done: plan_task finishes the task when its steps are exhausted.
}

}  // namespace hearth::acs
