// The SOAP Fault carrying a CWMP fault (tr069.md 4.1, 4.4). The numeric code comes from
// detail/Fault/FaultCode; faultcode and faultstring are informative only. SetParameterValuesFault
// entries are optional even after a 9003 (quirk 21).
#include "core/strings.h"
#include "cwmp/rpc_codec.h"
#include "cwmp/rpc_common.h"
#include "cwmp/xml_reader.h"

namespace hearth::cwmp::detail {
namespace {

// " SOAP-ENV:Client " -> "Client".
std::string without_prefix(const std::string& s) {
  std::string_view v = s;
  const size_t colon = v.rfind(':');
  if (colon != std::string_view::npos) v.remove_prefix(colon + 1);
  return std::string(trim(v));
}

}  // namespace

Result<Body> parse_fault(pugi::xml_node fault, const ParseOptions& options) {
  Fault m;
  // A bare cwmp:Fault straight in the Body is the CWMP part without its SOAP wrapper.
  pugi::xml_node cwmp_fault = child(fault, "FaultCode") ? fault : child(child(fault, "detail"), "Fault");
  if (const pugi::xml_node code = child(fault, "faultcode")) m.faultcode = without_prefix(text_of(code));
  if (const pugi::xml_node str = child(fault, "faultstring")) m.faultstring = trimmed_text_of(str);

  const auto code = parse_u32(child_text(cwmp_fault, "FaultCode"));
  if (!code) return parse_error("Fault without numeric detail/Fault/FaultCode");
  m.code = *code;
  m.string = child_trimmed(cwmp_fault, "FaultString");

  size_t n = 0;
  for_each_item(cwmp_fault, [&](pugi::xml_node item) { n += local_name(item.name()) == "SetParameterValuesFault"; });
  if (n > options.max_items) return parse_error("too many SetParameterValuesFault entries");
  m.set_parameter_values_faults.reserve(n);
  for_each_item(cwmp_fault, [&](pugi::xml_node item) {
    if (local_name(item.name()) != "SetParameterValuesFault") return;
    m.set_parameter_values_faults.push_back(SetParameterValuesFault{
        child_trimmed(item, "ParameterName"), child_u32(item, "FaultCode", 0), child_trimmed(item, "FaultString")});
  });
  return Body(std::move(m));
}

void write_rpc(XmlWriter& w, const Fault& m, const WriteOptions&) {
  w.raw("<soap-env:Fault>");
  w.element("faultcode", m.faultcode);
  w.element("faultstring", m.faultstring);
  w.raw("<detail><cwmp:Fault>");
  w.element_uint("FaultCode", m.code);
  w.element("FaultString", m.string);
  for (const auto& f : m.set_parameter_values_faults) {
    w.raw("<SetParameterValuesFault>");
    w.element("ParameterName", f.parameter_name);
    w.element_uint("FaultCode", f.code);
    w.element("FaultString", f.string);
    w.raw("</SetParameterValuesFault>");
  }
  w.raw("</cwmp:Fault></detail>");
  w.raw("</soap-env:Fault>");
}

}  // namespace hearth::cwmp::detail
