#include "api/redaction.h"

#include "core/strings.h"

namespace hearth::api {

namespace {

using nlohmann::json;

void mask(json& value) {
  if (value.is_string() && value.get_ref<const std::string&>().empty()) return;
  if (value.is_null()) return;
  value = kRedacted;
}

}  // namespace

bool is_secret_name(std::string_view name) {
  if (!name.empty() && name.back() == '.') return false;  // an object, not a value
  const size_t dot = name.rfind('.');
  const std::string last = to_lower(dot == std::string_view::npos ? name : name.substr(dot + 1));
  static const char* const kWords[] = {"password", "passphrase", "presharedkey", "wepkey", "secret", "psk"};
  for (const char* w : kWords) {
    if (last.find(w) != std::string::npos) return true;
  }
  return false;
}

void redact_secrets(json& j) {
  if (j.is_array()) {
    if (j.size() >= 2 && j[0].is_string() && !j[1].is_structured() &&
        is_secret_name(j[0].get_ref<const std::string&>())) {
      mask(j[1]);
    }
    for (json& item : j) redact_secrets(item);
    return;
  }
  if (!j.is_object()) return;
  const auto name = j.find("name");
  const auto value = j.find("value");
  if (name != j.end() && value != j.end() && name->is_string() && !value->is_structured() &&
      is_secret_name(name->get_ref<const std::string&>())) {
    mask(*value);
  }
  for (auto it = j.begin(); it != j.end(); ++it) {
    if (!it->is_structured() && is_secret_name(it.key())) {
      mask(*it);
    } else {
      redact_secrets(*it);
    }
  }
}

}  // namespace hearth::api
