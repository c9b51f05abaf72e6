// The SOAP-level quirks of a gateway model (models.h, tr069.md section 8 items 10 and 15),
// applied to the canonical XML the codec writes: the model's own envelope and cwmp prefixes and
// a wrong arrayType count on ParameterList. Booleans as 1/0 are the codec's
// (WriteOptions::boolean_literal). Pure.
#pragma once

#include <string>

#include "sim/models.h"

namespace hearth::sim::cpe {

// Rewrites `xml` (as written by cwmp::write_envelope, prefixes "soap-env" and "cwmp") for the
// model. Only markup changes: element and attribute names, xmlns declarations and the QName in
// soap-enc:arrayType values; character data and other attribute values are copied untouched.
// A prefix that is not a valid XML name or collides with another prefix in use is left as is.
std::string apply_wire_quirks(const std::string& xml, const ModelInfo& model);

// True when `prefix` can be used as a namespace prefix (an NCName of ASCII letters, digits,
// '_', '-', '.', not starting with a digit, '-', '.' and not "xml...").
bool valid_prefix(const std::string& prefix);

}  // namespace hearth::sim::cpe
