// SOAP codec for CWMP on pugixml (tr069.md section 2). Parses by namespace URI and local name,
// whatever the prefixes; tolerates the SOAP/XML quirks of tr069.md section 8 (items 10-16);
// writes the canonical envelope of tr069.md 2.5 with the sender's own cwmp namespace URI.
// Pure functions, no I/O; safe to call from any thread.
#pragma once

#include <string>
#include <string_view>

#include "core/result.h"
#include "cwmp/messages.h"

namespace hearth::cwmp {

// True when an HTTP body is an "empty POST": zero length or only whitespace (quirk 6).
bool is_empty_body(std::string_view body);

struct ParseOptions {
  // Upper bound on the number of array items (parameters, events, ...) accepted in one message.
  size_t max_items = 100000;
};

// Parses one SOAP envelope. Errors (kInvalidArgument) say what was wrong in a short message fit
// for a log line and for the faultstring of an 8003 fault. Never throws.
Result<Envelope> parse_envelope(std::string_view xml, const ParseOptions& options = {});

struct WriteOptions {
  // Per-model quirk switches (tr069.md 2.4, quirk 22).
  bool boolean_literal = true;         // false: booleans written as 1/0
  bool datetime_milliseconds = true;   // false: ".000" fractions stripped from dateTimes
};

// Writes one envelope: XML declaration, all namespaces on the Envelope, no default namespace,
// arrayType with the right count on every array, no CDATA.
std::string write_envelope(const Envelope& envelope, const WriteOptions& options = {});

// Protocol level from the namespace URI and header (tr069.md 2.1 step 3).
CwmpVersion detect_version(const std::string& cwmp_ns, const Header& header);

}  // namespace hearth::cwmp
