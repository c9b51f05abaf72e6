// GetRPCMethods, AddObject, DeleteObject, Reboot, ScheduleInform, their responses, and methods
// the codec does not know (tr069.md 3.1, 3.2; quirk 25).
#include "cwmp/rpc_codec.h"
#include "cwmp/rpc_common.h"
#include "cwmp/xml_reader.h"

namespace hearth::cwmp::detail {

Result<Body> parse_get_rpc_methods_response(pugi::xml_node rpc, const ParseOptions& options) {
  GetRPCMethodsResponse m;
  if (Status s = parse_string_array(child(rpc, "MethodList"), "MethodList", options, &m.methods); !s.ok()) {
    return s.error();
  }
  return Body(std::move(m));
}

void write_rpc(XmlWriter& w, const GetRPCMethodsResponse& m, const WriteOptions&) {
  w.raw("<cwmp:GetRPCMethodsResponse>");
  write_string_array(w, "MethodList", m.methods);
  w.raw("</cwmp:GetRPCMethodsResponse>");
}

Result<Body> parse_add_object(pugi::xml_node rpc, const ParseOptions&) {
  return Body(AddObject{child_trimmed(rpc, "ObjectName"), child_trimmed(rpc, "ParameterKey")});
}

void write_rpc(XmlWriter& w, const AddObject& m, const WriteOptions&) {
  w.raw("<cwmp:AddObject>");
  w.element("ObjectName", m.object_name);
  w.element("ParameterKey", m.parameter_key);
  w.raw("</cwmp:AddObject>");
}

Result<Body> parse_add_object_response(pugi::xml_node rpc, const ParseOptions&) {
  // The instance number names the new object: unlike Status it cannot be defaulted, and
  // GenieACS rejects a response whose number is not all digits (tr069.md 3.2).
  const std::string text = child_trimmed(rpc, "InstanceNumber");
  const bool digits = !text.empty() && text.find_first_not_of("0123456789") == std::string::npos;
  const auto number = digits ? parse_u32(text) : std::nullopt;
  if (!number) return parse_error("AddObjectResponse InstanceNumber not a number");
  return Body(AddObjectResponse{*number, child_int(rpc, "Status", 0)});
}

void write_rpc(XmlWriter& w, const AddObjectResponse& m, const WriteOptions&) {
  w.raw("<cwmp:AddObjectResponse>");
  w.element_uint("InstanceNumber", m.instance_number);
  w.element_int("Status", m.status);
  w.raw("</cwmp:AddObjectResponse>");
}

Result<Body> parse_delete_object(pugi::xml_node rpc, const ParseOptions&) {
  return Body(DeleteObject{child_trimmed(rpc, "ObjectName"), child_trimmed(rpc, "ParameterKey")});
}

void write_rpc(XmlWriter& w, const DeleteObject& m, const WriteOptions&) {
  w.raw("<cwmp:DeleteObject>");
  w.element("ObjectName", m.object_name);
  w.element("ParameterKey", m.parameter_key);
  w.raw("</cwmp:DeleteObject>");
}

Result<Body> parse_delete_object_response(pugi::xml_node rpc, const ParseOptions&) {
  return Body(DeleteObjectResponse{child_int(rpc, "Status", 0)});
}

void write_rpc(XmlWriter& w, const DeleteObjectResponse& m, const WriteOptions&) {
  w.raw("<cwmp:DeleteObjectResponse>");
  w.element_int("Status", m.status);
  w.raw("</cwmp:DeleteObjectResponse>");
}

Result<Body> parse_reboot(pugi::xml_node rpc, const ParseOptions&) {
  return Body(Reboot{child_trimmed(rpc, "CommandKey")});
}

void write_rpc(XmlWriter& w, const Reboot& m, const WriteOptions&) {
  w.raw("<cwmp:Reboot>");
  w.element("CommandKey", m.command_key);
  w.raw("</cwmp:Reboot>");
}

Result<Body> parse_schedule_inform(pugi::xml_node rpc, const ParseOptions&) {
  return Body(ScheduleInform{child_u32(rpc, "DelaySeconds", 0), child_trimmed(rpc, "CommandKey")});
}

void write_rpc(XmlWriter& w, const ScheduleInform& m, const WriteOptions&) {
  w.raw("<cwmp:ScheduleInform>");
  w.element_uint("DelaySeconds", m.delay_seconds);
  w.element("CommandKey", m.command_key);
  w.raw("</cwmp:ScheduleInform>");
}

void write_rpc(XmlWriter& w, const UnknownMethod& m, const WriteOptions&) {
  w.raw("<cwmp:");
  w.raw(m.name);
  w.raw("/>");
}

}  // namespace hearth::cwmp::detail
