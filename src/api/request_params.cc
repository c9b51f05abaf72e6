#include "api/request_params.h"

#include "core/clock.h"
#include "core/strings.h"

namespace hearth::api {

namespace {

Error invalid(std::string_view name, const std::string& what) {
  return make_error(ErrorCode::kInvalidArgument, std::string(name) + ": " + what);
}

}  // namespace

Result<std::optional<uint64_t>> query_uint(const Call& call, std::string_view name, uint64_t max) {
  const std::optional<std::string> text = call.query(name);
  if (!text) return std::optional<uint64_t>();
  const std::optional<uint64_t> v = parse_uint64(*text);
  if (!v || text->empty() || (*text)[0] == '-') return invalid(name, "must be a non-negative integer");
  if (*v > max) return invalid(name, "must be at most " + std::to_string(max));
  return std::optional<uint64_t>(*v);
}

Result<Paging> parse_paging(const Call& call) {
  Paging p;
  // Offsets past a billion rows are not a page anyone asks for on purpose.
  Result<std::optional<uint64_t>> offset = query_uint(call, "offset", 1'000'000'000);
  if (!offset) return offset.error();
  Result<std::optional<uint64_t>> limit = query_uint(call, "limit", UINT64_MAX);
  if (!limit) return limit.error();
  if (*offset) p.offset = static_cast<size_t>(**offset);
  if (*limit && **limit > 0) p.limit = static_cast<size_t>(std::min<uint64_t>(**limit, kMaxLimit));
  return p;
}

Result<std::optional<int64_t>> query_time(const Call& call, std::string_view name) {
  const std::optional<std::string> text = call.query(name);
  if (!text) return std::optional<int64_t>();
  if (const std::optional<int64_t> ms = parse_int64(*text)) return std::optional<int64_t>(*ms);
  int64_t ms = 0;
  if (!parse_iso8601_ms(*text, &ms)) {
    return invalid(name, "must be an ISO 8601 time such as 2026-01-01T00:00:00Z or Unix milliseconds");
  }
  return std::optional<int64_t>(ms);
}

Result<int64_t> parse_id(const std::string& text, std::string_view what) {
  const std::optional<int64_t> v = parse_int64(text);
  if (!v || *v <= 0 || text.empty() || text.front() == '+' || text.front() == ' ') {
    return invalid(what, "must be a positive integer id");
  }
  return *v;
}

Result<nlohmann::json> parse_json_object(const std::string& body, size_t max_bytes) {
  if (body.size() > max_bytes) {
    return make_error(ErrorCode::kTooLarge, "body: larger than " + std::to_string(max_bytes) + " bytes");
  }
  nlohmann::json j = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) return invalid("body", "not valid JSON");
  if (!j.is_object()) return invalid("body", "must be a JSON object");
  return j;
}

}  // namespace hearth::api
