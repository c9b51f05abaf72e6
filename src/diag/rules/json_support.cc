// JSON building blocks (json_support.h).
#include "diag/rules/json_support.h"

#include <cmath>
#include <limits>

#include "core/clock.h"

namespace hearth::diag::json_support {

nlohmann::json time_json(int64_t ms) {
  if (ms == 0) return nullptr;
  return format_iso8601(from_unix_ms(ms), ms % 1000 != 0);
}

nlohmann::json number_json(double v) {
  if (std::isnan(v) || std::isinf(v)) return nullptr;
  return v;
}

Status field_error(const char* where, const char* key, const char* what) {
  return make_error(ErrorCode::kInvalidArgument, std::string(where) + "." + key + ": " + what);
}

namespace {

const nlohmann::json* member(const nlohmann::json& j, const char* key) {
  if (!j.is_object()) return nullptr;
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) return nullptr;
  return &*it;
}

}  // namespace

Status read_string(const nlohmann::json& j, const char* key, std::string* out, const char* where) {
  const nlohmann::json* v = member(j, key);
  if (v == nullptr) return ok_status();
  if (!v->is_string()) return field_error(where, key, "must be a string");
  *out = v->get<std::string>();
  return ok_status();
}

Status read_time(const nlohmann::json& j, const char* key, int64_t* out, const char* where) {
  const nlohmann::json* v = member(j, key);
  if (v == nullptr) {
    *out = 0;
    return ok_status();
  }
  if (!v->is_string() || !parse_iso8601_ms(v->get<std::string>(), out)) {
    return field_error(where, key, "must be an ISO 8601 time or null");
  }
  return ok_status();
}

Status read_number(const nlohmann::json& j, const char* key, double* out, const char* where) {
  const nlohmann::json* v = member(j, key);
  if (v == nullptr) {
    *out = std::numeric_limits<double>::quiet_NaN();
    return ok_status();
  }
  if (!v->is_number()) return field_error(where, key, "must be a number or null");
  *out = v->get<double>();
  return ok_status();
}

Status read_int(const nlohmann::json& j, const char* key, int64_t* out, const char* where) {
  const nlohmann::json* v = member(j, key);
  if (v == nullptr) return ok_status();
  if (!v->is_number_integer()) return field_error(where, key, "must be a whole number");
  *out = v->get<int64_t>();
  return ok_status();
}

Status read_bool(const nlohmann::json& j, const char* key, bool* out, const char* where) {
  const nlohmann::json* v = member(j, key);
  if (v == nullptr) return ok_status();
  if (!v->is_boolean()) return field_error(where, key, "must be true or false");
  *out = v->get<bool>();
  return ok_status();
}

}  // namespace hearth::diag::json_support
