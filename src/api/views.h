// Records as the API shows them: camelCase keys, times as ISO 8601 UTC strings (null when
// unknown), 63-bit ids as strings, stored JSON embedded as JSON, secrets left out or masked
// (redaction.h).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "store/records.h"

namespace hearth::api {

nlohmann::json time_json(int64_t unix_ms);
// Parses stored JSON text; null when empty or not JSON.
nlohmann::json embedded_json(const std::string& text);

nlohmann::json device_json(const store::DeviceRecord& d);
nlohmann::json parameter_json(const store::StoredParameter& p);
nlohmann::json task_json(const store::TaskRecord& t);
nlohmann::json fault_json(const store::FaultRecord& f);
nlohmann::json event_json(const store::EventRecord& e);
// `files_base_url` is where CPEs fetch files ("http://acs:7547"); the URL is base + "/files/" + id.
nlohmann::json file_json(const store::FileRecord& f, const std::string& files_base_url);
nlohmann::json profile_json(const store::ProfileRecord& p);
nlohmann::json token_json(const store::TokenRecord& t);  // never the hash

// {"items":[...],"total":N,"offset":O,"limit":L,"more":bool}; total null when unknown.
nlohmann::json list_json(nlohmann::json items, std::optional<size_t> total, size_t offset, size_t limit,
                         bool more);

}  // namespace hearth::api
