// Reading the SOAP envelope: XML parsing, limits, namespaces, the CWMP header, and dispatch of
// the Body to the RPC parsers (tr069.md 1.4, 2.1, 2.2; quirks 10-12).
#include <string>

#include "core/result.h"
#include "cwmp/codec.h"
#include "cwmp/rpc_codec.h"
#include "cwmp/soap_names.h"
#include "cwmp/xml_reader.h"

namespace hearth::cwmp {
namespace {

using detail::child;
using detail::element_ns;
using detail::first_element;
using detail::for_each_item;
using detail::is_cwmp_ns;
using detail::kSoapEnvNs;
using detail::local_name;
using detail::parse_bool;
using detail::parse_error;
using detail::parse_u32;
using detail::RpcParser;
using detail::text_of;
using detail::trimmed_text_of;

// No DOCTYPE, PIs or comments in the tree, and pugixml never expands entities other than the
// five predefined ones and character references, so entity expansion attacks cannot happen.
// Whitespace-only text is kept when it is an element's only content (a Value of " " is a
// value).
constexpr unsigned kParseFlags =
    pugi::parse_escapes | pugi::parse_eol | pugi::parse_cdata | pugi::parse_ws_pcdata_single;

// CWMP envelopes are about six elements deep; anything far deeper is not a CWMP message.
constexpr int kMaxDepth = 64;

Status check_depth(const pugi::xml_document& doc) {
  pugi::xml_node n = doc.first_child();
  int depth = 1;
  while (n) {
    if (pugi::xml_node c = n.first_child()) {
      ++depth;
      if (c.type() == pugi::node_element && depth > kMaxDepth) return parse_error("XML nested too deeply");
      n = c;
      continue;
    }
    while (!n.next_sibling()) {
      n = n.parent();
      if (--depth == 0) return ok_status();
    }
    n = n.next_sibling();
  }
  return ok_status();
}

// tr069.md 1.4. NoMoreRequests is legacy and ignored.
void parse_header(pugi::xml_node header, Header* h) {
  for_each_item(header, [&](pugi::xml_node e) {
    const std::string_view name = local_name(e.name());
    if (name == "ID") {
      h->id = text_of(e);  // echoed verbatim, never interpreted (quirk 12)
    } else if (name == "HoldRequests") {
      h->hold_requests = parse_bool(text_of(e));
    } else if (name == "SessionTimeout") {
      h->session_timeout = parse_u32(text_of(e));
    } else if (name == "SupportedCWMPVersions") {
      h->supported_cwmp_versions = trimmed_text_of(e);
    } else if (name == "UseCWMPVersion") {
      h->use_cwmp_version = trimmed_text_of(e);
    }
  });
}

std::string_view cwmp_declaration(pugi::xml_node node) {
  for (pugi::xml_attribute a = node.first_attribute(); a; a = a.next_attribute()) {
    if (std::string_view(a.name()).substr(0, 5) == "xmlns" && is_cwmp_ns(a.value())) return a.value();
  }
  return {};
}

// tr069.md 2.1: the namespace of the RPC element; failing that, of the CWMP fault detail or a
// header element; failing that, any cwmp URI declared on the way down; else CWMP 1.2.
std::string find_cwmp_ns(pugi::xml_node envelope, pugi::xml_node header, pugi::xml_node body,
                         pugi::xml_node rpc) {
  std::string_view ns = element_ns(rpc);
  if (is_cwmp_ns(ns)) return std::string(ns);
  ns = element_ns(child(child(rpc, "detail"), "Fault"));
  if (is_cwmp_ns(ns)) return std::string(ns);
  for (pugi::xml_node e = first_element(header); e; e = e.next_sibling()) {
    if (e.type() != pugi::node_element) continue;
    ns = element_ns(e);
    if (is_cwmp_ns(ns)) return std::string(ns);
  }
  for (pugi::xml_node n : {rpc, body, envelope}) {
    ns = cwmp_declaration(n);
    if (!ns.empty()) return std::string(ns);
  }
  return kCwmpNs12;
}

}  // namespace

bool is_empty_body(std::string_view body) {
  return body.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

Result<Envelope> parse_envelope(std::string_view xml, const ParseOptions& options) {
  pugi::xml_document doc;
  const pugi::xml_parse_result parsed = doc.load_buffer(xml.data(), xml.size(), kParseFlags, pugi::encoding_utf8);
  if (!parsed) {
    return parse_error(std::string("not XML: ") + parsed.description() + " at offset " +
                       std::to_string(parsed.offset));
  }
  if (Status s = check_depth(doc); !s.ok()) return s.error();

  const pugi::xml_node envelope = doc.document_element();
  if (!envelope || local_name(envelope.name()) != "Envelope") return parse_error("no SOAP Envelope");
  if (element_ns(envelope) != kSoapEnvNs) return parse_error("Envelope not in the SOAP 1.1 namespace");
  const pugi::xml_node header = child(envelope, "Header");  // optional
  const pugi::xml_node body = child(envelope, "Body");
  if (!body) return parse_error("no Body");
  const pugi::xml_node rpc = first_element(body);
  if (!rpc) return parse_error("empty Body");

  Envelope out;
  parse_header(header, &out.header);
  // Known methods are recognised by local name whatever namespace the element is in.
  const std::string_view method = local_name(rpc.name());
  Result<Body> parsed_body = [&]() -> Result<Body> {
    if (method == "Fault") return detail::parse_fault(rpc, options);
    if (const RpcParser parse = detail::find_rpc_parser(method)) return parse(rpc, options);
    return Body(UnknownMethod{std::string(method)});  // answered with 8000/9000 (quirk 25)
  }();
  if (!parsed_body.ok()) return parsed_body.error();
  out.body = std::move(parsed_body).value();
  out.cwmp_ns = find_cwmp_ns(envelope, header, body, rpc);
  return out;
}

}  // namespace hearth::cwmp
