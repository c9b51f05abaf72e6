// The live settings' fields, pure: each field of diag::DiagConfig ([diagnosis.rules]) and of
// outage::OutageOptions ([incidents]) with its JSON name (the configuration file's key), type,
// bounds, unit and description; JSON to struct and back, with validation that names the field.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/result.h"
#include "diag/config.h"
#include "outage/options.h"

namespace hearth::server::settings {

inline constexpr const char* kDiagnosis = "diagnosis";
inline constexpr const char* kIncidents = "incidents";

// One field as the API describes it.
struct FieldInfo {
  std::string section;  // kDiagnosis or kIncidents
  std::string name;
  bool integer = false;  // a whole number (else any number)
  double min = 0;
  double max = 0;
  std::string unit;  // "ms", "s", "dBm", "dB", "%", "share", "Mbps", ... ("" for counts)
  std::string description;
};

std::vector<FieldInfo> diagnosis_fields();
std::vector<FieldInfo> incidents_fields();

// {name: value} of every field.
nlohmann::json diagnosis_json(const diag::DiagConfig& c);
nlohmann::json incidents_json(const outage::OutageOptions& o);

// Sets the fields named in `values` (a JSON object, no nulls) on *config; on the first unknown
// field, wrong type or value out of bounds (or, for incidents, values that contradict each other)
// kInvalidArgument "<section>.<field>: ..." and *config unchanged.
Status apply_diagnosis(const nlohmann::json& values, diag::DiagConfig* config);
Status apply_incidents(const nlohmann::json& values, outage::OutageOptions* options);

// The fields list of GET /api/v1/settings: every field with its current value and its default
// (the configuration file's), and whether an override is stored for it.
nlohmann::json fields_json(const diag::DiagConfig& diag_now, const diag::DiagConfig& diag_default,
                           const outage::OutageOptions& out_now, const outage::OutageOptions& out_default,
                           const nlohmann::json& overrides);

}  // namespace hearth::server::settings
