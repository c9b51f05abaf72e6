// JSON building blocks of diagnosis_json.h: times as ISO 8601 UTC strings (null for 0), unknown
// numbers as null, and checked readers that report the first field that is wrong.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

#include "core/result.h"

namespace hearth::diag::json_support {

nlohmann::json time_json(int64_t ms);  // null for 0
nlohmann::json number_json(double v);  // null for NaN

// Readers: a missing key or null gives the default; a value of the wrong type is an error
// naming the field. `where` prefixes the field in the message ("finding.entity").
Status read_string(const nlohmann::json& j, const char* key, std::string* out, const char* where);
Status read_time(const nlohmann::json& j, const char* key, int64_t* out, const char* where);
Status read_number(const nlohmann::json& j, const char* key, double* out,
                   const char* where);  // null: NaN
Status read_int(const nlohmann::json& j, const char* key, int64_t* out, const char* where);
Status read_bool(const nlohmann::json& j, const char* key, bool* out, const char* where);

Status field_error(const char* where, const char* key, const char* what);

}  // namespace hearth::diag::json_support
