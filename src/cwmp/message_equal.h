// Field-by-field equality of CWMP messages, for round-trip checks in tests, the fuzz target and
// the simulator. Named functions rather than operator== so that callers keep their own
// comparison choices for the message structs.
#pragma once

#include "cwmp/messages.h"

namespace hearth::cwmp {

bool same_body(const Body& a, const Body& b);
bool same_header(const Header& a, const Header& b);
// Header, cwmp namespace URI and body.
bool same_envelope(const Envelope& a, const Envelope& b);

}  // namespace hearth::cwmp
