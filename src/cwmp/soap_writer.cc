// Writing the canonical envelope of tr069.md 2.5: XML declaration, every namespace declared on
// the Envelope with fixed prefixes, the sender's cwmp URI, no default namespace, no CDATA.
#include <string>
#include <variant>

#include "cwmp/codec.h"
#include "cwmp/rpc_codec.h"
#include "cwmp/xml_writer.h"

namespace hearth::cwmp {
namespace {

using detail::XmlWriter;

bool has_header(const Header& h) {
  return h.id || h.hold_requests || h.session_timeout || h.supported_cwmp_versions || h.use_cwmp_version;
}

// tr069.md 1.4. HoldRequests goes out as 1/0 because icwmp reads it with atoi (quirk 16).
void write_header(XmlWriter& w, const Header& h) {
  w.raw("<soap-env:Header>");
  if (h.id) {
    w.raw("<cwmp:ID soap-env:mustUnderstand=\"1\">");
    w.text(*h.id);
    w.raw("</cwmp:ID>");
  }
  if (h.hold_requests) {
    w.raw("<cwmp:HoldRequests soap-env:mustUnderstand=\"1\">");
    w.raw(*h.hold_requests ? "1" : "0");
    w.raw("</cwmp:HoldRequests>");
  }
  if (h.session_timeout) {
    w.raw("<cwmp:SessionTimeout soap-env:mustUnderstand=\"0\">");
    w.uint(*h.session_timeout);
    w.raw("</cwmp:SessionTimeout>");
  }
  if (h.supported_cwmp_versions) {
    w.raw("<cwmp:SupportedCWMPVersions soap-env:mustUnderstand=\"0\">");
    w.text(*h.supported_cwmp_versions);
    w.raw("</cwmp:SupportedCWMPVersions>");
  }
  if (h.use_cwmp_version) {
    w.raw("<cwmp:UseCWMPVersion soap-env:mustUnderstand=\"1\">");
    w.text(*h.use_cwmp_version);
    w.raw("</cwmp:UseCWMPVersion>");
  }
  w.raw("</soap-env:Header>");
}

}  // namespace

std::string write_envelope(const Envelope& envelope, const WriteOptions& options) {
  std::string out;
  out.reserve(1024);
  XmlWriter w(&out);
  w.raw(
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<soap-env:Envelope xmlns:soap-env=\"http://schemas.xmlsoap.org/soap/envelope/\""
      " xmlns:soap-enc=\"http://schemas.xmlsoap.org/soap/encoding/\""
      " xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\""
      " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\""
      " xmlns:cwmp=\"");
  w.attribute_value(envelope.cwmp_ns);
  w.raw("\">");
  if (has_header(envelope.header)) write_header(w, envelope.header);
  w.raw("<soap-env:Body>");
  std::visit([&](const auto& message) { detail::write_rpc(w, message, options); }, envelope.body);
  w.raw("</soap-env:Body></soap-env:Envelope>");
  return out;
}

}  // namespace hearth::cwmp
