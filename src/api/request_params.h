// Reading query parameters and JSON bodies, with errors that name the offending parameter.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "api/call.h"
#include "core/result.h"

namespace hearth::api {

inline constexpr size_t kDefaultLimit = 100;
inline constexpr size_t kMaxLimit = 1000;

struct Paging {
  size_t offset = 0;
  size_t limit = kDefaultLimit;
};
// ?offset=&limit=: non-negative integers; limit above kMaxLimit is lowered to it, 0 means the default.
Result<Paging> parse_paging(const Call& call);

// An optional non-negative integer parameter no larger than `max`.
Result<std::optional<uint64_t>> query_uint(const Call& call, std::string_view name, uint64_t max);
// An optional time: ISO 8601 (2026-01-01T00:00:00Z) or Unix milliseconds. Result in Unix ms.
Result<std::optional<int64_t>> query_time(const Call& call, std::string_view name);

// A 63-bit id as the API shows it (decimal string); `what` names it in the error.
Result<int64_t> parse_id(const std::string& text, std::string_view what);

// The request body as a JSON object; kTooLarge past max_bytes, kInvalidArgument when it is not
// JSON or not an object.
Result<nlohmann::json> parse_json_object(const std::string& body, size_t max_bytes);

}  // namespace hearth::api
