// GetParameterNames, GetParameterValues, SetParameterValues and their responses (tr069.md 3.2).
#include "cwmp/rpc_codec.h"
#include "cwmp/rpc_common.h"
#include "cwmp/xml_reader.h"

namespace hearth::cwmp::detail {

Result<Body> parse_get_parameter_names(pugi::xml_node rpc, const ParseOptions&) {
  return Body(GetParameterNames{child_trimmed(rpc, "ParameterPath"), child_bool(rpc, "NextLevel", false)});
}

void write_rpc(XmlWriter& w, const GetParameterNames& m, const WriteOptions&) {
  w.raw("<cwmp:GetParameterNames>");
  w.element("ParameterPath", m.parameter_path);
  // 1/0 as GenieACS sends it (tr069.md 3.2), whatever the boolean switch says.
  w.element_bool("NextLevel", m.next_level, false);
  w.raw("</cwmp:GetParameterNames>");
}

Result<Body> parse_get_parameter_names_response(pugi::xml_node rpc, const ParseOptions& options) {
  GetParameterNamesResponse m;
  const pugi::xml_node list = child(rpc, "ParameterList");
  auto count = count_items(list, "ParameterList", options);
  if (!count.ok()) return count.error();
  m.parameters.reserve(*count);
  for_each_item(list, [&](pugi::xml_node item) {
    // A garbled Writable reads as false (quirk 14).
    m.parameters.push_back(ParameterInfo{child_trimmed(item, "Name"), child_bool(item, "Writable", false)});
  });
  return Body(std::move(m));
}

void write_rpc(XmlWriter& w, const GetParameterNamesResponse& m, const WriteOptions& o) {
  size_t bytes = 128;
  for (const auto& p : m.parameters) bytes += p.name.size() + 80;
  w.reserve_more(bytes);
  w.raw("<cwmp:GetParameterNamesResponse>");
  w.open_array("ParameterList", "cwmp:ParameterInfoStruct", m.parameters.size());
  for (const auto& p : m.parameters) {
    w.raw("<ParameterInfoStruct>");
    w.element("Name", p.name);
    w.element_bool("Writable", p.writable, o.boolean_literal);
    w.raw("</ParameterInfoStruct>");
  }
  w.close("ParameterList");
  w.raw("</cwmp:GetParameterNamesResponse>");
}

Result<Body> parse_get_parameter_values(pugi::xml_node rpc, const ParseOptions& options) {
  GetParameterValues m;
  if (Status s = parse_string_array(child(rpc, "ParameterNames"), "ParameterNames", options, &m.parameter_names);
      !s.ok()) {
    return s.error();
  }
  return Body(std::move(m));
}

void write_rpc(XmlWriter& w, const GetParameterValues& m, const WriteOptions&) {
  w.raw("<cwmp:GetParameterValues>");
  write_string_array(w, "ParameterNames", m.parameter_names);
  w.raw("</cwmp:GetParameterValues>");
}

Result<Body> parse_get_parameter_values_response(pugi::xml_node rpc, const ParseOptions& options) {
  GetParameterValuesResponse m;
  if (Status s = parse_parameter_value_list(child(rpc, "ParameterList"), options, &m.parameters); !s.ok()) {
    return s.error();
  }
  return Body(std::move(m));
}

void write_rpc(XmlWriter& w, const GetParameterValuesResponse& m, const WriteOptions& o) {
  w.raw("<cwmp:GetParameterValuesResponse>");
  write_parameter_value_list(w, m.parameters, o);
  w.raw("</cwmp:GetParameterValuesResponse>");
}

Result<Body> parse_set_parameter_values(pugi::xml_node rpc, const ParseOptions& options) {
  SetParameterValues m;
  if (Status s = parse_parameter_value_list(child(rpc, "ParameterList"), options, &m.parameters); !s.ok()) {
    return s.error();
  }
  m.parameter_key = child_trimmed(rpc, "ParameterKey");
  return Body(std::move(m));
}

void write_rpc(XmlWriter& w, const SetParameterValues& m, const WriteOptions& o) {
  w.raw("<cwmp:SetParameterValues>");
  write_parameter_value_list(w, m.parameters, o);
  w.element("ParameterKey", m.parameter_key);
  w.raw("</cwmp:SetParameterValues>");
}

Result<Body> parse_set_parameter_values_response(pugi::xml_node rpc, const ParseOptions&) {
  return Body(SetParameterValuesResponse{child_int(rpc, "Status", 0)});
}

void write_rpc(XmlWriter& w, const SetParameterValuesResponse& m, const WriteOptions&) {
  w.raw("<cwmp:SetParameterValuesResponse>");
  w.element_int("Status", m.status);
  w.raw("</cwmp:SetParameterValuesResponse>");
}

}  // namespace hearth::cwmp::detail
