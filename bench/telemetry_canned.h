// A realistic answer to the diagnosis' telemetry read, for the session benchmark's simulated
// CPEs: a simulated home's gateway rendered for every telemetry path of the given root, as a
// GetParameterValuesResponse envelope with "@@ID@@" where the cwmp:ID goes.
#pragma once

#include <cstddef>
#include <string>

namespace hearth::bench {

// `count` (when not null) receives the number of parameter values in the answer.
std::string canned_telemetry_response(const std::string& root, const std::string& cwmp_ns, size_t* count);

}  // namespace hearth::bench
