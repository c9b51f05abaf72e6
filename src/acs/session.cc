#include "acs/session.h"

#include <spdlog/spdlog.h>

#include "acs/session_impl.h"
#include "acs/telemetry_sink.h"
#include "core/ids.h"

namespace hearth::acs {

using nlohmann::json;

std::string root_of(const store::DeviceRecord& device) {
  return device.root.empty() ? std::string("Device.") : device.root;
}

bool is_secret_parameter(const std::string& name) {
  for (const char* word : {"Password", "KeyPassphrase", "PreSharedKey", "Secret", "SAEPassphrase", "WEPKey"}) {
    if (name.find(word) != std::string::npos) return true;
  }
  return false;
}

cwmp::SetParameterAttributes to_set_parameter_attributes(const std::vector<device::SpaItem>& items) {
  cwmp::SetParameterAttributes spa;
  for (const auto& a : items) {
    cwmp::SetParameterAttribute x;
    x.name = a.name;
    x.notification_change = a.notification.has_value();
    x.notification = a.notification.value_or(0);
    x.access_list_change = a.access_list.has_value();
    if (a.access_list) x.access_list = *a.access_list;
    spa.parameters.push_back(std::move(x));
  }
  return spa;
}

// tr069.md 4.3: internal errors and resource limits may pass; the rest will fail again.
bool is_retryable_fault(uint32_t code) { return code == 9002 || code == 9004 || code == 8005; }

json fault_json(const cwmp::Fault& fault) {
  json j{{"code", fault.code}, {"message", fault.string}};
  if (!fault.set_parameter_values_faults.empty()) {
    json list = json::array();
    for (const auto& f : fault.set_parameter_values_faults) {
      list.push_back({{"parameter", f.parameter_name}, {"code", f.code}, {"message", f.string}});
    }
    j["parameters"] = list;
  }
  return j;
}

bool Session::Impl::has_event(const std::string& code) const {
  for (const auto& e : events) {
    if (e.code == code) return true;
  }
  return false;
}

Session::Session(const AcsConfig& config, const Clock& clock, TreeReader& tree)
    : impl_(std::make_unique<Impl>(config, clock, tree)), last_activity_(clock.now()) {}

Session::~Session() = default;

void Session::set_telemetry_sink(TelemetrySink* sink) { impl_->telemetry_sink = sink; }

const std::string& Session::device_id() const { return impl_->device.id; }
const store::DeviceRecord& Session::device() const { return impl_->device; }
bool Session::ended() const { return impl_->state == Impl::State::kEnded; }
int64_t Session::timeout_ms() const { return impl_->timeout_ms; }
const device::Quirks& Session::quirks() const { return impl_->quirks; }

cwmp::Envelope Session::Impl::envelope(cwmp::Body body, std::optional<std::string> id) {
  cwmp::Envelope env;
  env.cwmp_ns = cwmp_ns;
  env.header.id = std::move(id);
  env.body = std::move(body);
  return env;
}

Step Session::Impl::finish_step() {
  Step out = std::move(step);
  step = Step{};
  if (state == State::kEnded) out.ended = true;
  return out;
}

void Session::Impl::save_device() {
  device.state_json = state_json.dump();
  // Replace any earlier upsert in this batch: one row write per step is enough.
  for (auto& op : step.batch.ops) {
    if (auto* up = std::get_if<store::UpsertDevice>(&op)) {
      up->device = device;
      saved_device = device;
      return;
    }
  }
  // A step that changed nothing of the device (the empty POST of a periodic session) writes
  // nothing, so it needs no commit at all.
  if (device == saved_device) return;
  step.batch.ops.insert(step.batch.ops.begin(), store::UpsertDevice{device});
  saved_device = device;
}

void Session::Impl::add_fault(int64_t task_id, const std::string& rpc, const cwmp::Fault& fault) {
  store::FaultRecord rec;
  rec.id = next_unique_id();
  rec.device_id = device.id;
  rec.task_id = task_id;
  rec.rpc = rpc;
  rec.code = fault.code;
  rec.message = fault.string;
  rec.detail_json = fault_json(fault).dump();
  rec.time_ms = now_ms();
  step.batch.add(store::AddFault{std::move(rec)});
  spdlog::info("device {}: CPE fault {} ({}) on {}", device.id, fault.code, fault.string, rpc);
}

Step Session::start(const cwmp::Envelope& inform, SessionStart start) {
  last_activity_ = impl_->clock.now();
  Impl& s = *impl_;
  s.process_inform(inform, std::move(start));
  return s.finish_step();
}

// Sends the next ACS request, or 204 when there is nothing left (the session then ends).
void Session::Impl::send_next() {
  auto next = plan_next();
  if (!next) {
    step.http_status = 204;
    step.reply.reset();
    state = State::kEnded;
    save_device();
    return;
  }
  next->id = "hearth-" + std::to_string(next_message++);
  step.http_status = 200;
  step.reply = envelope(next->request, next->id);
  in_flight = std::move(next);
}

Step Session::handle_movable(cwmp::Envelope* message) {
  impl_->movable = message;
  Step step = handle(static_cast<const cwmp::Envelope*>(message));
  impl_->movable = nullptr;
  return step;
}

Step Session::handle(const cwmp::Envelope* message) {
  Impl& s = *impl_;
  last_activity_ = s.clock.now();
  switch (s.state) {
    case Impl::State::kAwaitInform:
    case Impl::State::kEnded:
      s.step.http_status = 400;
      s.step.error = "no session in progress";
      return s.finish_step();
    case Impl::State::kCpeRequests:
      if (message == nullptr) {
        s.state = Impl::State::kAcsDriving;
        s.send_next();
        return s.finish_step();
      }
      break;
    case Impl::State::kAcsDriving:
      if (message == nullptr) {
        // An empty POST while we wait for a response: the CPE lost our request. Send the next.
        if (s.in_flight) {
          spdlog::warn("device {}: empty POST while {} is outstanding", s.device.id,
                       cwmp::body_method_name(s.in_flight->request));
          s.in_flight.reset();
        }
        s.send_next();
        return s.finish_step();
      }
      break;
  }
  const auto& body = message->body;
  const bool is_cpe_request = std::holds_alternative<cwmp::TransferComplete>(body) ||
                              std::holds_alternative<cwmp::AutonomousTransferComplete>(body) ||
                              std::holds_alternative<cwmp::GetRPCMethods>(body) ||
                              std::holds_alternative<cwmp::RequestDownload>(body) ||
                              std::holds_alternative<cwmp::UnknownMethod>(body) ||
                              std::holds_alternative<cwmp::Inform>(body);
  if (is_cpe_request) {
    s.answer_cpe_request(*message);
    return s.finish_step();
  }
  if (!s.in_flight) {
    s.step.http_status = 400;
    s.step.error = std::string("unexpected ") + cwmp::body_method_name(body);
    return s.finish_step();
  }
  s.handle_response(*message);
  if (s.state != Impl::State::kEnded) s.send_next();
  return s.finish_step();
}

void Session::Impl::answer_cpe_request(const cwmp::Envelope& msg) {
  const auto& body = msg.body;
  if (const auto* tc = std::get_if<cwmp::TransferComplete>(&body)) {
    on_transfer_complete(tc->command_key, tc->fault, tc->start_time, tc->complete_time);
    step.reply = envelope(cwmp::TransferCompleteResponse{}, msg.header.id);
  } else if (const auto* atc = std::get_if<cwmp::AutonomousTransferComplete>(&body)) {
    step.batch.add(store::AddEvents{{{device.id, now_ms(), "10 AUTONOMOUS TRANSFER COMPLETE",
                                      atc->transfer_url}}});
    step.reply = envelope(cwmp::AutonomousTransferCompleteResponse{}, msg.header.id);
  } else if (std::holds_alternative<cwmp::GetRPCMethods>(body)) {
    step.reply = envelope(cwmp::GetRPCMethodsResponse{{"Inform", "GetRPCMethods", "TransferComplete",
                                                       "AutonomousTransferComplete", "RequestDownload"}},
                          msg.header.id);
  } else if (const auto* rd = std::get_if<cwmp::RequestDownload>(&body)) {
    step.batch.add(store::AddEvents{{{device.id, now_ms(), "9 REQUEST DOWNLOAD", rd->file_type}}});
    step.reply = envelope(cwmp::RequestDownloadResponse{}, msg.header.id);
  } else if (std::holds_alternative<cwmp::Inform>(body)) {
    cwmp::Fault f;
    f.faultcode = "Client";
    f.code = 8003;
    f.string = "Inform inside a session";
    step.reply = envelope(f, msg.header.id);
  } else {
    // tr069.md 1.8 and quirk 25: unknown CPE methods get fault 8000, the session goes on.
    cwmp::Fault f;
    f.faultcode = "Server";
    f.code = 8000;
    f.string = std::string("Method not supported: ") + cwmp::body_method_name(body);
    step.reply = envelope(f, msg.header.id);
  }
  step.http_status = 200;
  save_device();
}

void Session::Impl::handle_response(const cwmp::Envelope& msg) {
  // The handlers read in_flight; it is cleared once they are done.
  switch (in_flight->purpose) {
    case Purpose::kCredentials: on_credentials_response(msg); break;
    case Purpose::kDiscoveryGpn:
    case Purpose::kDiscoveryGpv: on_discovery_response(msg); break;
    case Purpose::kProfileSpv:
    case Purpose::kProfileSpa: on_profile_response(msg); break;
    case Purpose::kTask: on_task_response(msg); break;
    case Purpose::kDiagnosticsFetch: on_diagnostics_response(msg); break;
    case Purpose::kTelemetry: on_telemetry_response(msg); break;
  }
  in_flight.reset();
  save_device();
}

Step Session::abandon(const std::string& reason) {
  Impl& s = *impl_;
  if (s.state == Impl::State::kEnded) return s.finish_step();
  spdlog::info("device {}: session abandoned ({})", s.device.id, reason);
  if (s.in_flight && s.in_flight->purpose == Purpose::kTask) {
    auto it = s.tasks.find(s.in_flight->task_id);
    if (it != s.tasks.end()) {
      s.retry_or_fault(it->second, json{{"code", 0}, {"message", "no response: " + reason}}, true);
    }
  }
  s.in_flight.reset();
  s.active_task.reset();
  if (!s.device.id.empty()) s.save_device();
  s.state = Impl::State::kEnded;
  return s.finish_step();
}

void Session::add_task(const store::TaskRecord& task) {
  if (task.device_id == impl_->device.id) impl_->tasks[task.id] = task;
}

bool Session::cancel_task(int64_t task_id, store::TaskRecord* out) {
  auto it = impl_->tasks.find(task_id);
  if (it == impl_->tasks.end() || it->second.state != store::TaskState::kPending) return false;
  if (impl_->active_task && impl_->active_task->task_id == task_id) return false;
  it->second.state = store::TaskState::kCancelled;
  it->second.updated_ms = impl_->now_ms();
  *out = it->second;
  impl_->tasks.erase(it);
  return true;
}

}  // namespace hearth::acs
