// The live settings (api/settings_desk.h) over the store and the running services. The
// configuration file's [diagnosis.rules] and [incidents] values are the defaults; overrides set
// through the API are kept in the store's meta ("settings.diagnosis", "settings.incidents": JSON
// objects of the overridden fields only), applied over the file's values at start-up (load())
// and handed to the services as they change (Targets: the services post them to their own
// threads).
#pragma once

#include <functional>
#include <mutex>

#include "api/settings_desk.h"
#include "diag/config.h"
#include "outage/options.h"
#include "store/store.h"

namespace hearth::server {

inline constexpr const char* kDiagnosisSettingsKey = "settings.diagnosis";
inline constexpr const char* kIncidentsSettingsKey = "settings.incidents";

class SettingsService final : public api::SettingsDesk {
 public:
  struct Targets {
    std::function<void(const diag::DiagConfig&)> diagnosis;       // e.g. insight::Insight::set_rules
    std::function<void(const outage::OutageOptions&)> incidents;  // e.g. IncidentService::set_detection
  };

  // REQUIRES: store outlives this object. The defaults are the configuration file's values.
  SettingsService(store::Store& store, diag::DiagConfig diagnosis_defaults,
                  outage::OutageOptions incidents_defaults, Targets targets);

  // Reads the stored overrides and hands the result to the targets. A stored field that is no
  // longer valid (renamed, out of new bounds) is dropped with a warning rather than failing the
  // start.
  Status load();

  // The settings in effect.
  diag::DiagConfig diagnosis() const;
  outage::OutageOptions incidents() const;

  // api::SettingsDesk
  nlohmann::json get() override;
  Result<nlohmann::json> update(const nlohmann::json& partial) override;

 private:
  nlohmann::json get_locked() const;

  store::Store& store_;
  const diag::DiagConfig diag_defaults_;
  const outage::OutageOptions out_defaults_;
  Targets targets_;

  mutable std::mutex mutex_;  // one update at a time; guards everything below
  nlohmann::json overrides_ = {{"diagnosis", nlohmann::json::object()},
                               {"incidents", nlohmann::json::object()}};
  diag::DiagConfig diag_now_;
  outage::OutageOptions out_now_;
};

}  // namespace hearth::server
