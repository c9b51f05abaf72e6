#include "server/settings_service.h"

#include <spdlog/spdlog.h>

#include "server/settings_fields.h"

namespace hearth::server {

namespace {

using nlohmann::json;

const char* meta_key(const std::string& section) {
  return section == settings::kDiagnosis ? kDiagnosisSettingsKey : kIncidentsSettingsKey;
}

// The settings in effect for a set of overrides.
Status effective(const json& overrides, const diag::DiagConfig& diag_defaults,
                 const outage::OutageOptions& out_defaults, diag::DiagConfig* diag_out,
                 outage::OutageOptions* out_out) {
  diag::DiagConfig d = diag_defaults;
  outage::OutageOptions o = out_defaults;
  if (Status s = settings::apply_diagnosis(overrides[settings::kDiagnosis], &d); !s) return s;
  if (Status s = settings::apply_incidents(overrides[settings::kIncidents], &o); !s) return s;
  *diag_out = d;
  *out_out = o;
  return ok_status();
}

}  // namespace

SettingsService::SettingsService(store::Store& store, diag::DiagConfig diagnosis_defaults,
                                 outage::OutageOptions incidents_defaults, Targets targets)
    : store_(store),
      diag_defaults_(diagnosis_defaults),
      out_defaults_(incidents_defaults),
      targets_(std::move(targets)),
      diag_now_(diagnosis_defaults),
      out_now_(incidents_defaults) {}

Status SettingsService::load() {
  std::lock_guard<std::mutex> lock(mutex_);
  json overrides = {{settings::kDiagnosis, json::object()}, {settings::kIncidents, json::object()}};
  for (const char* section : {settings::kDiagnosis, settings::kIncidents}) {
    Result<std::optional<std::string>> text = store_.get_meta(meta_key(section));
    if (!text) return text.error();
    if (!text->has_value()) continue;
    json stored = json::parse(**text, nullptr, /*allow_exceptions=*/false);
    if (!stored.is_object()) {
      spdlog::warn("settings: {} is not a JSON object; ignored", meta_key(section));
      continue;
    }
    // One field at a time, so that one stale field does not take the others with it.
    for (const auto& [key, value] : stored.items()) {
      json candidate = overrides;
      candidate[section][key] = value;
      diag::DiagConfig d;
      outage::OutageOptions o;
      if (Status s = effective(candidate, diag_defaults_, out_defaults_, &d, &o); !s) {
        spdlog::warn("settings: stored {} ignored: {}", std::string(section) + "." + key, s.error().message);
        continue;
      }
      overrides = std::move(candidate);
    }
  }
  if (Status s = effective(overrides, diag_defaults_, out_defaults_, &diag_now_, &out_now_); !s) return s;
  overrides_ = std::move(overrides);
  if (targets_.diagnosis) targets_.diagnosis(diag_now_);
  if (targets_.incidents) targets_.incidents(out_now_);
  return ok_status();
}

diag::DiagConfig SettingsService::diagnosis() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return diag_now_;
}

outage::OutageOptions SettingsService::incidents() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return out_now_;
}

json SettingsService::get() {
  std::lock_guard<std::mutex> lock(mutex_);
  return get_locked();
}

json SettingsService::get_locked() const {
  return {{settings::kDiagnosis, settings::diagnosis_json(diag_now_)},
          {settings::kIncidents, settings::incidents_json(out_now_)},
          {"fields", settings::fields_json(diag_now_, diag_defaults_, out_now_, out_defaults_, overrides_)}};
}

Result<json> SettingsService::update(const json& partial) {
  if (!partial.is_object()) return make_error(ErrorCode::kInvalidArgument, "settings: the body must be an object");
  std::lock_guard<std::mutex> lock(mutex_);
  json next = overrides_;
  bool changed[2] = {false, false};
  for (const auto& [section, values] : partial.items()) {
    const int which = section == settings::kDiagnosis ? 0 : section == settings::kIncidents ? 1 : -1;
    if (which < 0) return make_error(ErrorCode::kInvalidArgument, section + ": unknown settings section");
    if (!values.is_object()) return make_error(ErrorCode::kInvalidArgument, section + ": must be an object");
    json& target = next[section];
    for (const auto& [key, value] : values.items()) {
      if (value.is_null()) {
        target.erase(key);  // back to the configuration file's value
      } else {
        target[key] = value;
      }
      changed[which] = true;
    }
  }
  diag::DiagConfig d;
  outage::OutageOptions o;
  if (Status s = effective(next, diag_defaults_, out_defaults_, &d, &o); !s) return s.error();

  store::WriteBatch batch;
  if (changed[0]) batch.add(store::PutMeta{kDiagnosisSettingsKey, next[settings::kDiagnosis].dump()});
  if (changed[1]) batch.add(store::PutMeta{kIncidentsSettingsKey, next[settings::kIncidents].dump()});
  if (!batch.empty()) {
    if (Status s = store_.write_sync(std::move(batch)); !s) return s.error();
  }
  overrides_ = std::move(next);
  diag_now_ = d;
  out_now_ = o;
  if (changed[0] && targets_.diagnosis) targets_.diagnosis(diag_now_);
  if (changed[1] && targets_.incidents) targets_.incidents(out_now_);
  return get_locked();
}

}  // namespace hearth::server
