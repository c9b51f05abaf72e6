// A small map-backed DataModel (data_model.h) for the CPE tests: a TR-181-shaped tree of a few
// dozen parameters, a writable table, one TR-143 diagnostic, and counters that show which life
// cycle calls the CPE made. Values the tests change stand in for the home changing.
#pragma once

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "sim/data_model.h"

namespace hearth::sim::cpe::testing {

class FakeDataModel final : public DataModel {
 public:
  FakeDataModel();

  // ---- DataModel ----
  const std::string& root() const override { return root_; }
  cwmp::DeviceIdStruct device_id() const override;
  std::vector<std::string> inform_parameter_names() const override;
  std::vector<Param> parameters(int64_t now_ms) const override;
  std::vector<ObjectInfo> objects(int64_t now_ms) const override;
  std::optional<Param> get(const std::string& name, int64_t now_ms) const override;
  SetOutcome set(const std::vector<cwmp::ParameterValue>& values, int64_t now_ms) override;
  std::pair<uint32_t, uint32_t> add_object(const std::string& table_path) override;
  uint32_t delete_object(const std::string& instance_path) override;
  void booted(int64_t now_ms) override;
  void factory_reset(int64_t now_ms) override;
  void install_firmware(const std::string& version) override;
  std::string software_version() const override;
  int64_t diagnostic_duration_ms(DiagnosticKind kind) const override;
  void complete_diagnostic(DiagnosticKind kind, int64_t now_ms) override;
  uint32_t periodic_inform_interval_s() const override;
  std::string acs_username() const override;
  std::string acs_password() const override;
  std::string connection_request_username() const override;
  std::string connection_request_password() const override;
  void set_connection_request_url(const std::string& url) override;
  void set_parameter_key(const std::string& key) override;
  std::string acs_url() const override;
  bool periodic_inform_enabled() const override;
  uint32_t retry_minimum_wait_s() const override;
  uint32_t retry_interval_multiplier() const override;

  // ---- for the tests ----
  // Changes a value as the home would (no validation, no writable check).
  void poke(const std::string& name, const std::string& value);
  std::string value(const std::string& name) const;

  int boots = 0;
  int factory_resets = 0;
  int64_t last_boot_ms = 0;
  std::vector<DiagnosticKind> completed;

 private:
  struct Entry {
    std::string value;
    cwmp::ValueType type = cwmp::ValueType::kString;
    bool writable = false;
  };
  void reset_tree();

  std::string root_ = "Device.";
  std::map<std::string, Entry> tree_;  // the name order is the tree order here
  std::set<std::string> tables_;       // writable tables ("Device.WiFi.SSID.")
  std::map<std::string, uint32_t> next_instance_;
};

}  // namespace hearth::sim::cpe::testing
