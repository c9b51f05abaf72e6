#include "api/views.h"

#include "api/redaction.h"
#include "core/clock.h"
#include "cwmp/value.h"

namespace hearth::api {

using nlohmann::json;

json time_json(int64_t unix_ms) {
  // SysTime holds about 1678..2261; a time outside that (a CPE's odd clock) is shown as unknown
  // rather than overflowing.
  constexpr int64_t kLimitMs = 9'000'000'000'000;
  if (unix_ms == kUnknownTimeMs) return "0001-01-01T00:00:00Z";
  if (unix_ms == 0 || unix_ms > kLimitMs || unix_ms < -kLimitMs) return nullptr;
  return format_iso8601(from_unix_ms(unix_ms), unix_ms % 1000 != 0);
}

json embedded_json(const std::string& text) {
  if (text.empty()) return nullptr;
  json j = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) return nullptr;
  return j;
}

json device_json(const store::DeviceRecord& d) {
  // Deliberately absent: auth_username, auth_ha1, cr_username, cr_password, state_json.
  return {
      {"id", d.id},
      {"oui", d.oui},
      {"productClass", d.product_class},
      {"serialNumber", d.serial_number},
      {"manufacturer", d.manufacturer},
      {"modelName", d.model_name},
      {"softwareVersion", d.software_version},
      {"hardwareVersion", d.hardware_version},
      {"root", d.root},
      {"lastInform", time_json(d.last_inform_ms)},
      {"firstSeen", time_json(d.first_seen_ms)},
      {"lastBoot", time_json(d.last_boot_ms)},
      {"lastBootstrap", time_json(d.last_bootstrap_ms)},
      {"lastAddress", d.last_address},
      {"informInterval", d.inform_interval_s},
      {"tags", d.tags},
  };
}

json parameter_json(const store::StoredParameter& p) {
  json value = p.value;
  if (is_secret_name(p.name) && !p.value.empty()) value = kRedacted;
  return {
      {"name", p.name},
      {"value", std::move(value)},
      {"type", cwmp::value_type_name(p.type)},
      {"writable", p.writable},
      {"updated", time_json(p.updated_ms)},
  };
}

json task_json(const store::TaskRecord& t) {
  json args = embedded_json(t.args_json);
  if (args.is_null()) args = json::object();
  json result = embedded_json(t.result_json);
  json fault = embedded_json(t.fault_json);
  redact_secrets(args);
  redact_secrets(result);
  redact_secrets(fault);
  return {
      {"id", std::to_string(t.id)},
      {"deviceId", t.device_id},
      {"name", t.name},
      {"args", std::move(args)},
      {"origin", t.origin},
      {"state", store::task_state_name(t.state)},
      {"attempts", t.attempts},
      {"created", time_json(t.created_ms)},
      {"updated", time_json(t.updated_ms)},
      {"nextAttempt", time_json(t.next_attempt_ms)},
      {"result", std::move(result)},
      {"fault", std::move(fault)},
  };
}

json fault_json(const store::FaultRecord& f) {
  json detail = embedded_json(f.detail_json);
  if (detail.is_null()) detail = json::object();
  redact_secrets(detail);
  return {
      {"id", std::to_string(f.id)},
      {"deviceId", f.device_id},
      {"taskId", f.task_id == 0 ? json(nullptr) : json(std::to_string(f.task_id))},
      {"rpc", f.rpc},
      {"code", f.code},
      {"message", f.message},
      {"detail", std::move(detail)},
      {"time", time_json(f.time_ms)},
  };
}

json event_json(const store::EventRecord& e) {
  return {{"time", time_json(e.time_ms)}, {"code", e.code}, {"commandKey", e.command_key}};
}

json file_json(const store::FileRecord& f, const std::string& files_base_url) {
  std::string base = files_base_url;
  while (!base.empty() && base.back() == '/') base.pop_back();
  return {
      {"id", f.id},
      {"fileType", f.file_type},
      {"oui", f.oui},
      {"productClass", f.product_class},
      {"version", f.version},
      {"size", f.size},
      {"sha256", f.sha256},
      {"created", time_json(f.created_ms)},
      {"url", base.empty() ? json(nullptr) : json(base + "/files/" + f.id)},
  };
}

json profile_json(const store::ProfileRecord& p) {
  json definition = embedded_json(p.definition_json);
  if (definition.is_null()) definition = json::object();
  redact_secrets(definition);
  return {
      {"name", p.name},
      {"version", p.version},
      {"updated", time_json(p.updated_ms)},
      {"definition", std::move(definition)},
  };
}

json token_json(const store::TokenRecord& t) {
  return {{"id", t.id}, {"name", t.name}, {"role", t.role}, {"created", time_json(t.created_ms)}};
}

json list_json(json items, std::optional<size_t> total, size_t offset, size_t limit, bool more) {
  return {
      {"items", std::move(items)},
      {"total", total ? json(*total) : json(nullptr)},
      {"offset", offset},
      {"limit", limit},
      {"more", more},
  };
}

}  // namespace hearth::api
