// Secrets never leave the API: credentials the ACS holds (auth_ha1, cr_password) are simply not
// part of any view, and values that look like secrets are masked wherever they appear in
// parameter trees, task arguments and task results: passwords, passphrases, pre-shared and WEP
// keys, shared secrets (TR-181 names such as ManagementServer.ConnectionRequestPassword,
// WiFi.AccessPoint.{i}.Security.KeyPassphrase, ...).
#pragma once

#include <string_view>

#include <nlohmann/json.hpp>

namespace hearth::api {

inline constexpr const char* kRedacted = "<redacted>";

// True when the last segment of a parameter name (or a JSON key) names a secret.
bool is_secret_name(std::string_view name);

// Masks secrets in place: values of secret-named keys, the value in [name, value, ...] items and
// in {"name": ..., "value": ...} objects whose name is secret. Empty values stay empty.
void redact_secrets(nlohmann::json& j);

}  // namespace hearth::api
