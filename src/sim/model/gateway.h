// The DataModel of a simulated gateway (data_model.h), for either root: reads render the tree
// from the Home through an Emitter (only the wanted branch), writes are validated leaf by leaf
// against what the render reports (exists, writable, type and rule) and then applied all or
// none, into the Home where the world models the setting and into the device's map otherwise.
// Not thread-safe: one device is driven by one thread at a time.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "sim/data_model.h"
#include "sim/models.h"
#include "sim/model/emitter.h"
#include "sim/model/state.h"

namespace hearth::sim::model {

class Gateway final : public DataModel {
 public:
  Gateway(Home& home, const DataModelOptions& options);

  const std::string& root() const override { return root_; }
  cwmp::DeviceIdStruct device_id() const override;
  std::vector<std::string> inform_parameter_names() const override;

  std::vector<Param> parameters(int64_t now_ms) const override;
  std::vector<ObjectInfo> objects(int64_t now_ms) const override;
  std::optional<Param> get(const std::string& name, int64_t now_ms) const override;
  std::vector<Param> parameters_under(const std::string& path, int64_t now_ms) const override;
  std::vector<ObjectInfo> objects_under(const std::string& path, int64_t now_ms) const override;

  SetOutcome set(const std::vector<cwmp::ParameterValue>& values, int64_t now_ms) override;
  std::pair<uint32_t, uint32_t> add_object(const std::string& table_path) override;
  uint32_t delete_object(const std::string& instance_path) override;
  void set_parameter_key(const std::string& key) override { st_.parameter_key = key; }

  void booted(int64_t now_ms) override;
  void factory_reset(int64_t now_ms) override;
  void install_firmware(const std::string& version) override { st_.software_version = version; }
  std::string software_version() const override { return st_.software_version; }
  int64_t diagnostic_duration_ms(DiagnosticKind kind) const override;
  void complete_diagnostic(DiagnosticKind kind, int64_t now_ms) override;

  uint32_t periodic_inform_interval_s() const override;
  std::string acs_username() const override;
  std::string acs_password() const override;
  std::string connection_request_username() const override;
  std::string connection_request_password() const override;
  void set_connection_request_url(const std::string& url) override { st_.connection_request_url = url; }
  std::string acs_url() const override;
  bool periodic_inform_enabled() const override;
  uint32_t retry_minimum_wait_s() const override;
  uint32_t retry_interval_multiplier() const override;

 private:
  // Walks the tree into `e` at `now_ms`. The first read after creation boots the device unless
  // `may_boot` is false (a structure-only walk with no time of its own).
  void render(Emitter& e, int64_t now_ms, bool may_boot = true) const;
  std::string management(const char* leaf, const std::string& fallback) const;
  void apply(const Emitter::Found& found, const std::string& value, int64_t now_ms, SetOutcome* out);

  Home& home_;
  const ModelInfo& model_;
  std::string root_;
  DeviceState st_;
  mutable int64_t last_now_ms_ = INT64_MIN;
  mutable size_t size_hint_ = 0;
};

}  // namespace hearth::sim::model
