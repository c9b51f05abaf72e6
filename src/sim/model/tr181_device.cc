// TR-181 Device:2 root, DeviceInfo, ManagementServer and Time (tr069.md 7.1, 7.2). Values are
// the model table's identity, the device's own firmware and uptime, and memory / CPU that follow
// the home's load and injected memory leaks.
#include "sim/model/render.h"

namespace hearth::sim::model {

void render_tr181(const View& v, Emitter& e) {
  Scope root(e, "Device");
  if (!root) return;
  e.ro("RootDataModelVersion", ValueType::kString, [&] { return v.model.data_model_version; });
  tr181_device_info(v, e);
  tr181_management_server(v, e);
  if (Scope time{e, "Time"}) {
    stored(v, e, "Enable", ValueType::kBoolean, {}, "true");
    e.ro("Status", ValueType::kString, [] { return std::string("Synchronized"); });
    stored(v, e, "NTPServer1", ValueType::kString, length(0, 64), "pool.ntp.org");
    e.ro("CurrentLocalTime", ValueType::kDateTime, [&] { return v.iso(v.now); });
    stored(v, e, "LocalTimeZone", ValueType::kString, length(0, 256), "CET-1CEST,M3.5.0,M10.5.0/3");
  }
  tr181_wan(v, e);
  tr181_wifi(v, e);
  tr181_hosts(v, e);
}

void tr181_device_info(const View& v, Emitter& e) {
  Scope info(e, "DeviceInfo");
  if (!info) return;
  const ModelInfo& m = v.model;
  e.ro("Manufacturer", ValueType::kString, [&] { return m.manufacturer; });
  e.ro("ManufacturerOUI", ValueType::kString, [&] { return m.oui; });
  e.ro("ModelName", ValueType::kString, [&] { return m.model_name; });
  e.ro("Description", ValueType::kString, [&] { return m.description; });
  e.ro("ProductClass", ValueType::kString, [&] { return m.product_class; });
  e.ro("SerialNumber", ValueType::kString, [&] { return v.home.nodes[0].serial; });
  e.ro("HardwareVersion", ValueType::kString, [&] { return m.hardware_version; });
  e.ro("SoftwareVersion", ValueType::kString, [&] { return v.st.software_version; });
  stored(v, e, "ProvisioningCode", ValueType::kString, length(0, 64), "");
  e.ro("UpTime", ValueType::kUnsignedInt, [&] { return u64(v.uptime_s()); });
  if (Scope mem{e, "MemoryStatus"}) {
    e.ro("Total", ValueType::kUnsignedInt, [&] { return u64(m.memory_total_kb); });
    e.ro("Free", ValueType::kUnsignedInt, [&] { return u64(v.memory_free_kb()); });
  }
  if (Scope proc{e, "ProcessStatus"}) {
    e.ro("CPUUsage", ValueType::kUnsignedInt, [&] { return u64(v.cpu_percent()); });
  }
}

void tr181_management_server(const View& v, Emitter& e) {
  Scope ms(e, "ManagementServer");
  if (!ms) return;
  management_server_leaves(v, e);
}

void management_server_leaves(const View& v, Emitter& e) {
  const DeviceState& st = v.st;
  stored(v, e, "EnableCWMP", ValueType::kBoolean, {}, "true");
  stored(v, e, "URL", ValueType::kString, length(1, 256), st.acs_url, Target::kManagement);
  stored(v, e, "Username", ValueType::kString, length(0, 256), st.acs_username, Target::kManagement);
  secret(v, e, "Password", length(0, 256), Target::kManagement);
  stored(v, e, "PeriodicInformEnable", ValueType::kBoolean, {}, "true", Target::kManagement);
  stored(v, e, "PeriodicInformInterval", ValueType::kUnsignedInt, range(1, 4294967295LL),
         std::to_string(st.periodic_interval_s), Target::kManagement);
  stored(v, e, "PeriodicInformTime", ValueType::kDateTime, {}, "0001-01-01T00:00:00Z",
         Target::kManagement);
  e.ro("ParameterKey", ValueType::kString, [&] { return st.parameter_key; });
  e.ro("ConnectionRequestURL", ValueType::kString, [&] { return st.connection_request_url; });
  stored(v, e, "ConnectionRequestUsername", ValueType::kString, length(0, 256), st.cr_username,
         Target::kManagement);
  secret(v, e, "ConnectionRequestPassword", length(0, 256), Target::kManagement);
  stored(v, e, "UpgradesManaged", ValueType::kBoolean, {}, "false");
  stored(v, e, "DefaultActiveNotificationThrottle", ValueType::kUnsignedInt, {}, "0");
  stored(v, e, "CWMPRetryMinimumWaitInterval", ValueType::kUnsignedInt, range(1, 65535), "5",
         Target::kManagement);
  stored(v, e, "CWMPRetryIntervalMultiplier", ValueType::kUnsignedInt, range(1000, 65535), "2000",
         Target::kManagement);
  e.ro("AliasBasedAddressing", ValueType::kBoolean, [] { return std::string("false"); });
}

}  // namespace hearth::sim::model
