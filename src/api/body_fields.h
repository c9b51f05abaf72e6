// Reading the fields of a JSON request body, with kInvalidArgument errors that name the field:
// "title: longer than 256 characters", "colour: unknown field (known fields: name, kind)".
#pragma once

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "core/result.h"

namespace hearth::api {

Error invalid_field(const std::string& field, const std::string& what);

// Every key of `body` is one of `known`.
Status only_fields(const nlohmann::json& body, std::initializer_list<const char*> known);

enum class Lines { kOne, kMany };  // kMany allows line breaks and tabs

// body[name] as a string of at most max_bytes without control characters. Absent (or null):
// nullopt, or an error when `required`; a required one must not be empty either.
Result<std::optional<std::string>> text_field(const nlohmann::json& body, const char* name,
                                              size_t max_bytes, bool required,
                                              Lines lines = Lines::kOne);

// body[name] as an ISO 8601 time in Unix ms. Absent: nullopt, or an error when `required`.
// null is refused here; callers that give null a meaning look for it first.
Result<std::optional<int64_t>> time_field(const nlohmann::json& body, const char* name,
                                          bool required);

// An id in a path or a body: 1 to 128 bytes, no control characters (as import_file.h).
Status check_id(const std::string& id, const std::string& field);

}  // namespace hearth::api
