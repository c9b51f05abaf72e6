// The test double of data_model.h: values in a map, validation like the real models (all or
// nothing, 9005/9007/9008), ManagementServer writes reported as management changes.
#include "sim/cpe/fake_data_model.h"

#include "core/strings.h"

namespace hearth::sim::cpe::testing {

using cwmp::ValueType;

FakeDataModel::FakeDataModel() {
  reset_tree();
}

void FakeDataModel::reset_tree() {
  const ValueType s = ValueType::kString, u = ValueType::kUnsignedInt, b = ValueType::kBoolean;
  tree_.clear();
  auto add = [&](const std::string& rest, const std::string& v, ValueType t, bool w) {
    tree_[root_ + rest] = Entry{v, t, w};
  };
  add("RootDataModelVersion", "2.17", s, false);
  add("DeviceInfo.Manufacturer", "Acme Networks", s, false);
  add("DeviceInfo.ManufacturerOUI", "00AABB", s, false);
  add("DeviceInfo.ProductClass", "HG100", s, false);
  add("DeviceInfo.SerialNumber", "ACME0001", s, false);
  add("DeviceInfo.HardwareVersion", "1.0", s, false);
  add("DeviceInfo.SoftwareVersion", "1.0.0", s, false);
  add("DeviceInfo.ProvisioningCode", "", s, true);
  add("DeviceInfo.UpTime", "0", u, false);
  add("DeviceInfo.MemoryStatus.Total", "262144", u, false);
  add("DeviceInfo.MemoryStatus.Free", "131072", u, false);
  add("ManagementServer.URL", "http://127.0.0.1:7547/", s, true);
  add("ManagementServer.Username", "00AABB-HG100-ACME0001", s, true);
  add("ManagementServer.Password", "secret", s, true);
  add("ManagementServer.PeriodicInformEnable", "true", b, true);
  add("ManagementServer.PeriodicInformInterval", "300", u, true);
  add("ManagementServer.ParameterKey", "", s, false);
  add("ManagementServer.ConnectionRequestURL", "", s, false);
  add("ManagementServer.ConnectionRequestUsername", "cr-user", s, true);
  add("ManagementServer.ConnectionRequestPassword", "cr-pass", s, true);
  add("ManagementServer.CWMPRetryMinimumWaitInterval", "5", u, true);
  add("ManagementServer.CWMPRetryIntervalMultiplier", "2000", u, true);
  add("WiFi.RadioNumberOfEntries", "1", u, false);
  add("WiFi.Radio.1.Channel", "6", u, true);
  add("WiFi.Radio.1.Enable", "true", b, true);
  add("WiFi.SSID.1.Enable", "true", b, true);
  add("WiFi.SSID.1.SSID", "Home-1234", s, true);
  add("Hosts.HostNumberOfEntries", "3", u, false);
  add("IP.Diagnostics.IPPing.DiagnosticsState", "None", s, true);
  add("IP.Diagnostics.IPPing.Host", "", s, true);
  add("IP.Diagnostics.IPPing.SuccessCount", "0", u, false);
  tables_ = {root_ + "WiFi.SSID."};
  next_instance_ = {{root_ + "WiFi.SSID.", 2}};
}

cwmp::DeviceIdStruct FakeDataModel::device_id() const {
  return cwmp::DeviceIdStruct{
      value(root_ + "DeviceInfo.Manufacturer"), value(root_ + "DeviceInfo.ManufacturerOUI"),
      value(root_ + "DeviceInfo.ProductClass"), value(root_ + "DeviceInfo.SerialNumber")};
}

std::vector<std::string> FakeDataModel::inform_parameter_names() const {
  return {root_ + "RootDataModelVersion",
          root_ + "DeviceInfo.HardwareVersion",
          root_ + "DeviceInfo.SoftwareVersion",
          root_ + "DeviceInfo.ProvisioningCode",
          root_ + "ManagementServer.ConnectionRequestURL",
          root_ + "ManagementServer.ParameterKey"};
}

std::optional<Param> FakeDataModel::get(const std::string& name, int64_t now_ms) const {
  auto it = tree_.find(name);
  if (it == tree_.end()) return std::nullopt;
  Param p{name, it->second.value, it->second.type, it->second.writable};
  if (name == root_ + "DeviceInfo.UpTime") p.value = std::to_string((now_ms - last_boot_ms) / 1000);
  if (name.ends_with("Password")) p.value.clear();  // secrets read back empty
  return p;
}

std::vector<Param> FakeDataModel::parameters(int64_t now_ms) const {
  std::vector<Param> out;
  for (const auto& [name, e] : tree_) out.push_back(*get(name, now_ms));
  return out;
}

std::vector<ObjectInfo> FakeDataModel::objects(int64_t) const {
  std::map<std::string, bool> paths;
  for (const auto& [name, e] : tree_) {
    for (size_t dot = name.find('.'); dot != std::string::npos; dot = name.find('.', dot + 1)) {
      paths.emplace(name.substr(0, dot + 1), false);
    }
  }
  for (const auto& t : tables_) paths[t] = true;
  std::vector<ObjectInfo> out;
  for (const auto& [path, writable] : paths) out.push_back(ObjectInfo{path, writable});
  return out;
}

SetOutcome FakeDataModel::set(const std::vector<cwmp::ParameterValue>& values, int64_t) {
  SetOutcome out;
  for (const auto& v : values) {
    auto it = tree_.find(v.name);
    uint32_t code = 0;
    std::string normalised;
    if (it == tree_.end()) {
      code = 9005;
    } else if (!it->second.writable) {
      code = 9008;
    } else if (!cwmp::normalise_value(it->second.type, v.value, &normalised)) {
      code = 9007;
    }
    if (code != 0) out.faults.push_back(cwmp::SetParameterValuesFault{v.name, code, {}});
  }
  if (!out.faults.empty()) {
    out.fault_code = 9003;
    return out;
  }
  for (const auto& v : values) {
    Entry& e = tree_[v.name];
    cwmp::normalise_value(e.type, v.value, &e.value);
    if (v.name.starts_with(root_ + "ManagementServer.")) out.management_changed = true;
    if (v.name == root_ + "IP.Diagnostics.IPPing.DiagnosticsState" && v.value == "Requested") {
      out.diagnostics_requested.push_back(DiagnosticKind::kIpPing);
    }
  }
  return out;
}

std::pair<uint32_t, uint32_t> FakeDataModel::add_object(const std::string& table_path) {
  if (!tables_.count(table_path)) return {0, 9005};
  const uint32_t n = next_instance_[table_path]++;
  tree_[table_path + std::to_string(n) + ".Enable"] = Entry{"false", ValueType::kBoolean, true};
  tree_[table_path + std::to_string(n) + ".SSID"] = Entry{"", ValueType::kString, true};
  return {n, 0};
}

uint32_t FakeDataModel::delete_object(const std::string& instance_path) {
  bool in_table = false;
  for (const auto& t : tables_)
    in_table = in_table || (instance_path.starts_with(t) && instance_path.size() > t.size());
  size_t erased = 0;
  for (auto it = tree_.lower_bound(instance_path);
       it != tree_.end() && it->first.starts_with(instance_path);) {
    it = tree_.erase(it);
    ++erased;
  }
  return in_table && erased > 0 ? 0 : 9005;
}

void FakeDataModel::booted(int64_t now_ms) {
  ++boots;
  last_boot_ms = now_ms;
}

void FakeDataModel::factory_reset(int64_t) {
  ++factory_resets;
  const std::string version = software_version();
  reset_tree();
  install_firmware(version);  // the image stays; settings go
}

void FakeDataModel::install_firmware(const std::string& version) {
  tree_[root_ + "DeviceInfo.SoftwareVersion"].value = version;
}

std::string FakeDataModel::software_version() const {
  return value(root_ + "DeviceInfo.SoftwareVersion");
}

int64_t FakeDataModel::diagnostic_duration_ms(DiagnosticKind) const {
  return 5000;
}

void FakeDataModel::complete_diagnostic(DiagnosticKind kind, int64_t) {
  completed.push_back(kind);
  poke(root_ + "IP.Diagnostics.IPPing.DiagnosticsState", "Complete");
  poke(root_ + "IP.Diagnostics.IPPing.SuccessCount", "3");
}

bool FakeDataModel::periodic_inform_enabled() const {
  return value(root_ + "ManagementServer.PeriodicInformEnable") == "true";
}

uint32_t FakeDataModel::retry_minimum_wait_s() const {
  return static_cast<uint32_t>(
      parse_uint64(value(root_ + "ManagementServer.CWMPRetryMinimumWaitInterval")).value_or(5));
}

uint32_t FakeDataModel::retry_interval_multiplier() const {
  return static_cast<uint32_t>(
      parse_uint64(value(root_ + "ManagementServer.CWMPRetryIntervalMultiplier")).value_or(2000));
}

void FakeDataModel::set_parameter_key(const std::string& key) {
  poke(root_ + "ManagementServer.ParameterKey", key);
}

std::string FakeDataModel::acs_url() const {
  return value(root_ + "ManagementServer.URL");
}

uint32_t FakeDataModel::periodic_inform_interval_s() const {
  return static_cast<uint32_t>(
      parse_uint64(value(root_ + "ManagementServer.PeriodicInformInterval")).value_or(0));
}

std::string FakeDataModel::acs_username() const {
  return value(root_ + "ManagementServer.Username");
}
std::string FakeDataModel::acs_password() const {
  return value(root_ + "ManagementServer.Password");
}
std::string FakeDataModel::connection_request_username() const {
  return value(root_ + "ManagementServer.ConnectionRequestUsername");
}
std::string FakeDataModel::connection_request_password() const {
  return value(root_ + "ManagementServer.ConnectionRequestPassword");
}
void FakeDataModel::set_connection_request_url(const std::string& url) {
  poke(root_ + "ManagementServer.ConnectionRequestURL", url);
}

void FakeDataModel::poke(const std::string& name, const std::string& v) {
  tree_[name].value = v;
}

std::string FakeDataModel::value(const std::string& name) const {
  auto it = tree_.find(name);
  return it == tree_.end() ? std::string() : it->second.value;
}

}  // namespace hearth::sim::cpe::testing
