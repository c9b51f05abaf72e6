// GetParameterAttributes, SetParameterAttributes and the GetParameterAttributes response
// (tr069.md 3.2).
#include "cwmp/rpc_codec.h"
#include "cwmp/rpc_common.h"
#include "cwmp/xml_reader.h"

namespace hearth::cwmp::detail {

namespace {

// The ParameterList of attribute structs: every item filled by `fill`, the first error kept.
template <typename T, typename Fill>
Result<std::vector<T>> parse_attribute_list(pugi::xml_node rpc, const ParseOptions& options, Fill fill) {
  const pugi::xml_node list = child(rpc, "ParameterList");
  auto count = count_items(list, "ParameterList", options);
  if (!count.ok()) return count.error();
  std::vector<T> out(*count);
  size_t i = 0;
  Status status;
  for_each_item(list, [&](pugi::xml_node item) {
    if (Status s = fill(item, out[i++]); !s.ok() && status.ok()) status = s;
  });
  if (!status.ok()) return status.error();
  return out;
}

}  // namespace

Result<Body> parse_get_parameter_attributes(pugi::xml_node rpc, const ParseOptions& options) {
  GetParameterAttributes m;
  if (Status s = parse_string_array(child(rpc, "ParameterNames"), "ParameterNames", options, &m.parameter_names);
      !s.ok()) {
    return s.error();
  }
  return Body(std::move(m));
}

void write_rpc(XmlWriter& w, const GetParameterAttributes& m, const WriteOptions&) {
  w.raw("<cwmp:GetParameterAttributes>");
  write_string_array(w, "ParameterNames", m.parameter_names);
  w.raw("</cwmp:GetParameterAttributes>");
}

Result<Body> parse_get_parameter_attributes_response(pugi::xml_node rpc, const ParseOptions& options) {
  GetParameterAttributesResponse m;
  auto list = parse_attribute_list<ParameterAttribute>(rpc, options, [&](pugi::xml_node item, ParameterAttribute& a) {
    a.name = child_trimmed(item, "Name");
    a.notification = child_int(item, "Notification", 0);
    return parse_string_array(child(item, "AccessList"), "AccessList", options, &a.access_list);
  });
  if (!list.ok()) return list.error();
  m.parameters = std::move(*list);
  return Body(std::move(m));
}

void write_rpc(XmlWriter& w, const GetParameterAttributesResponse& m, const WriteOptions&) {
  w.raw("<cwmp:GetParameterAttributesResponse>");
  w.open_array("ParameterList", "cwmp:ParameterAttributeStruct", m.parameters.size());
  for (const auto& a : m.parameters) {
    w.raw("<ParameterAttributeStruct>");
    w.element("Name", a.name);
    w.element_int("Notification", a.notification);
    write_string_array(w, "AccessList", a.access_list);
    w.raw("</ParameterAttributeStruct>");
  }
  w.close("ParameterList");
  w.raw("</cwmp:GetParameterAttributesResponse>");
}

Result<Body> parse_set_parameter_attributes(pugi::xml_node rpc, const ParseOptions& options) {
  SetParameterAttributes m;
  auto list =
      parse_attribute_list<SetParameterAttribute>(rpc, options, [&](pugi::xml_node item, SetParameterAttribute& a) {
        a.name = child_trimmed(item, "Name");
        a.notification_change = child_bool(item, "NotificationChange", false);
        a.notification = child_int(item, "Notification", 0);
        a.access_list_change = child_bool(item, "AccessListChange", false);
        return parse_string_array(child(item, "AccessList"), "AccessList", options, &a.access_list);
      });
  if (!list.ok()) return list.error();
  m.parameters = std::move(*list);
  return Body(std::move(m));
}

void write_rpc(XmlWriter& w, const SetParameterAttributes& m, const WriteOptions& o) {
  w.raw("<cwmp:SetParameterAttributes>");
  w.open_array("ParameterList", "cwmp:SetParameterAttributesStruct", m.parameters.size());
  for (const auto& a : m.parameters) {
    w.raw("<SetParameterAttributesStruct>");
    w.element("Name", a.name);
    w.element_bool("NotificationChange", a.notification_change, o.boolean_literal);
    w.element_int("Notification", a.notification);
    w.element_bool("AccessListChange", a.access_list_change, o.boolean_literal);
    write_string_array(w, "AccessList", a.access_list);
    w.raw("</SetParameterAttributesStruct>");
  }
  w.close("ParameterList");
  w.raw("</cwmp:SetParameterAttributes>");
}

}  // namespace hearth::cwmp::detail
