// Answering the ACS's requests (tr069.md 3.2): the dispatch, the control RPCs (GetRPCMethods,
// AddObject, DeleteObject, Reboot, FactoryReset, ScheduleInform) and the fault table (4.3).
// Parameters are in cpe_rpc_parameters.cc, attributes in cpe_notify.cc, Download in
// cpe_transfer.cc.
#include <algorithm>

#include "sim/cpe/cpe_state.h"

namespace hearth::sim {
namespace cpe {

const char* fault_text(uint32_t code) {
  switch (code) {
    case 9000:
      return "Method not supported";
    case 9001:
      return "Request denied";
    case 9002:
      return "Internal error";
    case 9003:
      return "Invalid arguments";
    case 9004:
      return "Resources exceeded";
    case 9005:
      return "Invalid parameter name";
    case 9006:
      return "Invalid parameter type";
    case 9007:
      return "Invalid parameter value";
    case 9008:
      return "Attempt to set a non-writable parameter";
    case 9009:
      return "Notification request rejected";
    case 9010:
      return "File transfer failure";
    case 9012:
      return "File transfer server authentication failure";
    case 9013:
      return "Unsupported protocol for file transfer";
    case 9015:
      return "File transfer failure: unable to contact file server";
    case 9016:
      return "File transfer failure: unable to access file";
    case 9017:
      return "File transfer failure: unable to complete download";
    case 9018:
      return "File transfer failure: file corrupted";
    default:
      return "Fault";
  }
}

cwmp::Fault make_fault(uint32_t code, std::string detail) {
  cwmp::Fault f;
  f.faultcode = (code == 9003 || (code >= 9005 && code <= 9008)) ? "Client" : "Server";
  f.faultstring = "CWMP fault";
  f.code = code;
  f.string = detail.empty() ? fault_text(code) : std::string(fault_text(code)) + ": " + detail;
  return f;
}

}  // namespace cpe

namespace {

// What this CPE offers (GetRPCMethods); the model table has no per-vendor RPC set.
const std::vector<std::string>& rpc_methods() {
  static const std::vector<std::string> methods = {
      "GetRPCMethods",     "SetParameterValues",     "GetParameterValues",
      "GetParameterNames", "SetParameterAttributes", "GetParameterAttributes",
      "AddObject",         "DeleteObject",           "Reboot",
      "Download",          "FactoryReset",           "ScheduleInform"};
  return methods;
}

std::string key32(const std::string& key) {
  return key.substr(0, 32);
}

}  // namespace

bool Cpe::State::object_exists(const std::string& path, int64_t now) const {
  if (path.empty()) return true;
  const auto objects = dm->objects_under(path, now);
  return std::any_of(objects.begin(), objects.end(),
                     [&](const ObjectInfo& o) { return o.path == path; });
}

cwmp::Body Cpe::State::handle_request(const cwmp::Body& request, int64_t now) {
  if (std::holds_alternative<cwmp::GetRPCMethods>(request))
    return cwmp::GetRPCMethodsResponse{rpc_methods()};
  if (const auto* m = std::get_if<cwmp::GetParameterNames>(&request))
    return get_parameter_names(*m, now);
  if (const auto* m = std::get_if<cwmp::GetParameterValues>(&request))
    return get_parameter_values(*m, now);
  if (const auto* m = std::get_if<cwmp::SetParameterValues>(&request))
    return set_parameter_values(*m, now);
  if (const auto* m = std::get_if<cwmp::GetParameterAttributes>(&request))
    return get_parameter_attributes(*m, now);
  if (const auto* m = std::get_if<cwmp::SetParameterAttributes>(&request))
    return set_parameter_attributes(*m, now);
  if (const auto* m = std::get_if<cwmp::AddObject>(&request)) {
    const auto [instance, fault] = dm->add_object(m->object_name);
    if (fault != 0) return cpe::make_fault(fault, m->object_name);
    dm->set_parameter_key(key32(m->parameter_key));
    return cwmp::AddObjectResponse{instance, 0};
  }
  if (const auto* m = std::get_if<cwmp::DeleteObject>(&request)) {
    if (const uint32_t fault = dm->delete_object(m->object_name); fault != 0) {
      return cpe::make_fault(fault, m->object_name);
    }
    dm->set_parameter_key(key32(m->parameter_key));
    return cwmp::DeleteObjectResponse{0};
  }
  if (const auto* m = std::get_if<cwmp::Reboot>(&request)) {
    session->reboot_key = key32(m->command_key);  // after the session (tr069.md 3.2 Reboot)
    return cwmp::RebootResponse{};
  }
  if (std::holds_alternative<cwmp::FactoryReset>(request)) {
    session->factory_reset = true;
    return cwmp::FactoryResetResponse{};
  }
  if (const auto* m = std::get_if<cwmp::Download>(&request)) return download_request(*m, now);
  if (const auto* m = std::get_if<cwmp::ScheduleInform>(&request)) {
    if (m->delay_seconds == 0) return cpe::make_fault(9003, "DelaySeconds must be greater than 0");
    scheduled.push_back(
        cpe::ScheduledInform{now + int64_t{m->delay_seconds} * 1000, key32(m->command_key)});
    return cwmp::ScheduleInformResponse{};
  }
  if (const auto* m = std::get_if<cwmp::UnknownMethod>(&request))
    return cpe::make_fault(9000, m->name);
  return cpe::make_fault(9000, cwmp::body_method_name(request));
}

}  // namespace hearth::sim
