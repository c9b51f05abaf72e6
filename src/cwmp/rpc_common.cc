#include "cwmp/rpc_common.h"

#include <cstring>

#include "cwmp/xml_reader.h"

namespace hearth::cwmp::detail {
namespace {

// The xsi:type attribute, matched by local name so that any prefix (xsi, xs, the 1999
// XMLSchema-instance binding, ...) works (quirk 10, 11).
pugi::xml_attribute type_attribute(pugi::xml_node value) {
  for (pugi::xml_attribute a = value.first_attribute(); a; a = a.next_attribute()) {
    if (local_name(a.name()) == "type" && prefix_of(a.name()) != "xmlns") return a;
  }
  return {};
}

void parse_parameter_value(pugi::xml_node item, ParameterValue* p) {
  p->name = child_trimmed(item, "Name");
  const pugi::xml_node value = child(item, "Value");
  p->type = ValueType::kString;
  if (const pugi::xml_attribute type = type_attribute(value)) {
    p->type = parse_value_type(type.value()).value_or(ValueType::kString);
  }
  std::string text = text_of(value);
  if (p->type == ValueType::kString) {
    p->value = std::move(text);
  } else {
    normalise_value(p->type, text, &p->value);
  }
}

// Strips the fraction of a dateTime's seconds ("2025-01-01T12:00:00.000Z" -> "...:00Z").
std::string without_fraction(std::string_view time) {
  const size_t t = time.find('T');
  const size_t dot = time.find('.', t == std::string_view::npos ? 0 : t);
  if (t == std::string_view::npos || dot == std::string_view::npos) return std::string(time);
  size_t end = dot + 1;
  while (end < time.size() && time[end] >= '0' && time[end] <= '9') ++end;
  std::string out(time.substr(0, dot));
  out.append(time.substr(end));
  return out;
}

}  // namespace

Status parse_parameter_value_list(pugi::xml_node array, const ParseOptions& options,
                                  std::vector<ParameterValue>* out) {
  auto count = count_items(array, "ParameterList", options);
  if (!count.ok()) return count.error();
  out->resize(*count);
  size_t i = 0;
  for_each_item(array, [&](pugi::xml_node item) { parse_parameter_value(item, &(*out)[i++]); });
  return ok_status();
}

void write_value(XmlWriter& w, const ParameterValue& p, const WriteOptions& o) {
  w.raw("<Value xsi:type=\"");
  w.raw(value_type_xsi_name(p.type));
  w.raw("\">");
  if (p.type == ValueType::kBoolean) {
    std::string b;
    if (normalise_value(ValueType::kBoolean, p.value, &b) && !o.boolean_literal) {
      w.raw(b == "true" ? "1" : "0");
    } else {
      w.text(b);
    }
  } else if (p.type == ValueType::kDateTime && !o.datetime_milliseconds) {
    std::string t;
    w.text(normalise_value(ValueType::kDateTime, p.value, &t) ? without_fraction(t) : t);
  } else {
    w.text(p.value);
  }
  w.raw("</Value>");
}

void write_parameter_value_list(XmlWriter& w, const std::vector<ParameterValue>& list,
                                const WriteOptions& o) {
  size_t bytes = 0;
  for (const auto& p : list) bytes += p.name.size() + p.value.size() + 96;
  w.reserve_more(bytes + 96);
  w.open_array("ParameterList", "cwmp:ParameterValueStruct", list.size());
  for (const auto& p : list) {
    w.raw("<ParameterValueStruct>");
    w.element("Name", p.name);
    write_value(w, p, o);
    w.raw("</ParameterValueStruct>");
  }
  w.close("ParameterList");
}

Status parse_string_array(pugi::xml_node array, std::string_view what, const ParseOptions& options,
                          std::vector<std::string>* out) {
  auto count = count_items(array, what, options);
  if (!count.ok()) return count.error();
  out->reserve(*count);
  for_each_item(array, [&](pugi::xml_node item) { out->push_back(trimmed_text_of(item)); });
  return ok_status();
}

void write_string_array(XmlWriter& w, std::string_view tag, const std::vector<std::string>& items) {
  size_t bytes = 0;
  for (const auto& s : items) bytes += s.size() + 20;
  w.reserve_more(bytes + 64);
  w.open_array(tag, "xsd:string", items.size());
  for (const auto& s : items) w.element("string", s);
  w.close(tag);
}

Status parse_fault_struct(pugi::xml_node rpc, std::string_view method, FaultStruct* out) {
  const pugi::xml_node fault = child(rpc, "FaultStruct");
  const pugi::xml_node code = child(fault, "FaultCode");
  if (code) {
    const auto v = parse_u32(text_of(code));
    if (!v) return parse_error(std::string(method) + " FaultCode not numeric");
    out->code = *v;
  }
  out->string = child_trimmed(fault, "FaultString");
  return ok_status();
}

void write_fault_struct(XmlWriter& w, const FaultStruct& f) {
  w.raw("<FaultStruct>");
  w.element_uint("FaultCode", f.code);
  w.element("FaultString", f.string);
  w.raw("</FaultStruct>");
}

}  // namespace hearth::cwmp::detail
