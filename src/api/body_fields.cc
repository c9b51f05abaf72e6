#include "api/body_fields.h"

#include "core/clock.h"

namespace hearth::api {

namespace {

using nlohmann::json;

constexpr size_t kMaxIdBytes = 128;

bool is_control(unsigned char c, Lines lines) {
  if (lines == Lines::kMany && (c == '\n' || c == '\r' || c == '\t')) return false;
  return c < 0x20 || c == 0x7f;
}

}  // namespace

Error invalid_field(const std::string& field, const std::string& what) {
  return make_error(ErrorCode::kInvalidArgument, field + ": " + what);
}

Status only_fields(const json& body, std::initializer_list<const char*> known) {
  for (const auto& item : body.items()) {
    bool found = false;
    for (const char* k : known) found = found || item.key() == k;
    if (found) continue;
    std::string list;
    for (const char* k : known) list += (list.empty() ? "" : ", ") + std::string(k);
    return invalid_field(item.key(), "unknown field (known fields: " + list + ")");
  }
  return ok_status();
}

Result<std::optional<std::string>> text_field(const json& body, const char* name, size_t max_bytes,
                                              bool required, Lines lines) {
  auto it = body.find(name);
  if (it == body.end() || it->is_null()) {
    if (required) return invalid_field(name, "required");
    return std::optional<std::string>();
  }
  if (!it->is_string()) return invalid_field(name, "must be a string");
  const std::string& s = it->get_ref<const std::string&>();
  if (required && s.empty()) return invalid_field(name, "must not be empty");
  if (s.size() > max_bytes) {
    return invalid_field(name, "longer than " + std::to_string(max_bytes) + " characters");
  }
  for (unsigned char c : s) {
    if (is_control(c, lines)) return invalid_field(name, "holds a control character");
  }
  return std::optional<std::string>(s);
}

Result<std::optional<int64_t>> time_field(const json& body, const char* name, bool required) {
  auto it = body.find(name);
  if (it == body.end()) {
    if (required) return invalid_field(name, "required, an ISO 8601 time");
    return std::optional<int64_t>();
  }
  int64_t ms = 0;
  if (!it->is_string() || !parse_iso8601_ms(it->get<std::string>(), &ms)) {
    return invalid_field(name, "must be an ISO 8601 time such as 2026-01-01T18:00:00Z");
  }
  return std::optional<int64_t>(ms);
}

Status check_id(const std::string& id, const std::string& field) {
  if (id.empty() || id.size() > kMaxIdBytes) return invalid_field(field, "1 to 128 characters");
  for (unsigned char c : id) {
    if (c < 0x20 || c == 0x7f) return invalid_field(field, "holds a control character");
  }
  return ok_status();
}

}  // namespace hearth::api
