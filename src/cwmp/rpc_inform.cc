// Inform and InformResponse (tr069.md 1.3, 1.5).
#include "cwmp/rpc_codec.h"
#include "cwmp/rpc_common.h"
#include "cwmp/xml_reader.h"

namespace hearth::cwmp::detail {

Result<Body> parse_inform(pugi::xml_node rpc, const ParseOptions& options) {
  Inform m;
  const pugi::xml_node device = child(rpc, "DeviceId");
  m.device_id.manufacturer = child_trimmed(device, "Manufacturer");
  m.device_id.oui = child_trimmed(device, "OUI");
  m.device_id.product_class = child_trimmed(device, "ProductClass");
  m.device_id.serial_number = child_trimmed(device, "SerialNumber");
  // The device key is built from OUI and SerialNumber; GenieACS refuses such Informs too.
  if (!device || m.device_id.oui.empty() || m.device_id.serial_number.empty()) {
    return parse_error("Inform without DeviceId/OUI/SerialNumber");
  }

  const pugi::xml_node events = child(rpc, "Event");
  auto count = count_items(events, "Event", options);
  if (!count.ok()) return count.error();
  m.events.reserve(*count);
  for_each_item(events, [&](pugi::xml_node item) {
    m.events.push_back(EventStruct{child_trimmed(item, "EventCode"), child_trimmed(item, "CommandKey")});
  });

  // Always 1 in practice (tr069.md 1.5); a garbled value is not worth failing the session.
  m.max_envelopes = child_u32(rpc, "MaxEnvelopes", 1);
  m.current_time = child_time(rpc, "CurrentTime");
  m.retry_count = child_u32(rpc, "RetryCount", 0);
  if (Status s = parse_parameter_value_list(child(rpc, "ParameterList"), options, &m.parameters); !s.ok()) {
    return s.error();
  }
  return Body(std::move(m));
}

void write_rpc(XmlWriter& w, const Inform& m, const WriteOptions& o) {
  w.raw("<cwmp:Inform><DeviceId>");
  w.element("Manufacturer", m.device_id.manufacturer);
  w.element("OUI", m.device_id.oui);
  w.element("ProductClass", m.device_id.product_class);
  w.element("SerialNumber", m.device_id.serial_number);
  w.raw("</DeviceId>");
  w.open_array("Event", "cwmp:EventStruct", m.events.size());
  for (const auto& e : m.events) {
    w.raw("<EventStruct>");
    w.element("EventCode", e.code);
    w.element("CommandKey", e.command_key);
    w.raw("</EventStruct>");
  }
  w.close("Event");
  w.element_uint("MaxEnvelopes", m.max_envelopes);
  w.element_time("CurrentTime", m.current_time);
  w.element_uint("RetryCount", m.retry_count);
  write_parameter_value_list(w, m.parameters, o);
  w.raw("</cwmp:Inform>");
}

Result<Body> parse_inform_response(pugi::xml_node rpc, const ParseOptions&) {
  return Body(InformResponse{child_u32(rpc, "MaxEnvelopes", 1)});
}

void write_rpc(XmlWriter& w, const InformResponse& m, const WriteOptions&) {
  w.raw("<cwmp:InformResponse>");
  w.element_uint("MaxEnvelopes", m.max_envelopes);
  w.raw("</cwmp:InformResponse>");
}

}  // namespace hearth::cwmp::detail
