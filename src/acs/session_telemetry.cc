// The diagnosis' read of a device (telemetry_sink.h): the last request of a session, after tasks.
// A device that does not have one of the paths faults the whole GetParameterValues (9005), so
// then each path is read on its own and the ones it faults are remembered (state_json
// "telemetrySkip", per firmware version) and left out next time. A narrowed read (leaves of rows
// the device had) that faults is not split: the full read takes its place in the same session.
#include <algorithm>

#include "acs/session_impl.h"

namespace hearth::acs {

using nlohmann::json;

namespace {

constexpr const char* kSkipKey = "telemetrySkip";

}  // namespace

void Session::set_telemetry_paths(std::vector<std::string> paths, std::vector<std::string> fallback) {
  impl_->set_telemetry_paths(std::move(paths), std::move(fallback));
}

void Session::Impl::set_telemetry_paths(std::vector<std::string> paths, std::vector<std::string> fallback) {
  telemetry_queue.clear();
  telemetry_values.clear();
  telemetry_split = false;
  telemetry_fallback.clear();
  if (!fallback.empty() && !paths.empty()) {
    telemetry_queue.assign(std::make_move_iterator(paths.begin()), std::make_move_iterator(paths.end()));
    telemetry_fallback = std::move(fallback);
    return;
  }
  const json* skip = nullptr;
  if (auto it = state_json.find(kSkipKey); it != state_json.end() && it->is_object()) {
    if (it->value("version", "") == device.software_version) {
      if (auto p = it->find("paths"); p != it->end() && p->is_array()) skip = &*p;
    } else {
      state_json.erase(it);  // new firmware: try every path again
    }
  }
  for (auto& path : paths) {
    if (skip != nullptr && std::find(skip->begin(), skip->end(), path) != skip->end()) continue;
    telemetry_queue.push_back(std::move(path));
  }
}

std::optional<InFlight> Session::Impl::plan_telemetry() {
  if (telemetry_queue.empty()) return std::nullopt;
  InFlight f;
  f.purpose = Purpose::kTelemetry;
  cwmp::GetParameterValues gpv;
  if (telemetry_split) {
    gpv.parameter_names.push_back(telemetry_queue.front());
    f.context = telemetry_queue.front();
    telemetry_queue.pop_front();
  } else {
    gpv.parameter_names.assign(telemetry_queue.begin(), telemetry_queue.end());
  }
  f.request = std::move(gpv);
  return f;
}

void Session::Impl::on_telemetry_response(const cwmp::Envelope& msg) {
  if (const auto* gpv = std::get_if<cwmp::GetParameterValuesResponse>(&msg.body)) {
    if (movable == &msg && telemetry_values.empty()) {
      telemetry_values = std::move(std::get<cwmp::GetParameterValuesResponse>(movable->body).parameters);
    } else {
      telemetry_values.insert(telemetry_values.end(), gpv->parameters.begin(), gpv->parameters.end());
    }
    if (!telemetry_split) telemetry_queue.clear();
  } else if (std::holds_alternative<cwmp::Fault>(msg.body)) {
    if (!telemetry_fallback.empty()) {  // the narrowed read: read the full one instead
      set_telemetry_paths(std::move(telemetry_fallback), {});
      return;
    }
    if (!telemetry_split) {
      telemetry_split = true;  // find the path it does not have
      return;
    }
    json& skip = state_json[kSkipKey];
    if (!skip.is_object() || skip.value("version", "") != device.software_version) {
      skip = json{{"version", device.software_version}, {"paths", json::array()}};
    }
    skip["paths"].push_back(in_flight->context);
  } else {
    telemetry_queue.clear();  // an answer of another kind: give up for this session
  }
  if (telemetry_queue.empty() && !telemetry_values.empty()) {
    step.telemetry = std::move(telemetry_values);
    telemetry_values.clear();
  }
}

}  // namespace hearth::acs
