// TR-098 InternetGatewayDevice:1 root: DeviceSummary, DeviceInfo, ManagementServer, Time,
// Layer3Forwarding and the IPPing / Download diagnostics. Names, types and writability follow
// the real Huawei capture in testdata/cwmp where it has the parameter (its DeviceInfo has no
// MemoryStatus / ProcessStatus and it has no DownloadDiagnostics: those follow IGD:1.14).
#include "sim/model/render.h"

namespace hearth::sim::model {

void render_tr098(const View& v, Emitter& e) {
  Scope root(e, "InternetGatewayDevice");
  if (!root) return;
  const ModelInfo& m = v.model;
  e.ro("DeviceSummary", ValueType::kString, [&] { return m.data_model_version; });
  e.ro("LANDeviceNumberOfEntries", ValueType::kUnsignedInt, [] { return std::string("1"); });
  e.ro("WANDeviceNumberOfEntries", ValueType::kUnsignedInt, [] { return std::string("1"); });
  if (Scope info{e, "DeviceInfo"}) {
    e.ro("Manufacturer", ValueType::kString, [&] { return m.manufacturer; });
    e.ro("ManufacturerOUI", ValueType::kString, [&] { return m.oui; });
    e.ro("ModelName", ValueType::kString, [&] { return m.model_name; });
    e.ro("Description", ValueType::kString, [&] { return m.description; });
    e.ro("ProductClass", ValueType::kString, [&] { return m.product_class; });
    e.ro("SerialNumber", ValueType::kString, [&] { return v.home.nodes[0].serial; });
    e.ro("HardwareVersion", ValueType::kString, [&] { return m.hardware_version; });
    e.ro("SoftwareVersion", ValueType::kString, [&] { return v.st.software_version; });
    e.ro("AdditionalSoftwareVersion", ValueType::kString, [] { return std::string("1.0.0"); });
    e.ro("SpecVersion", ValueType::kString, [] { return std::string("1.0"); });
    stored(v, e, "ProvisioningCode", ValueType::kString, length(0, 64), "");
    e.ro("UpTime", ValueType::kUnsignedInt, [&] { return u64(v.uptime_s()); });
    e.ro("DeviceLog", ValueType::kString, [] { return std::string(); });
    if (Scope mem{e, "MemoryStatus"}) {
      e.ro("Total", ValueType::kUnsignedInt, [&] { return u64(m.memory_total_kb); });
      e.ro("Free", ValueType::kUnsignedInt, [&] { return u64(v.memory_free_kb()); });
    }
    if (Scope proc{e, "ProcessStatus"}) {
      e.ro("CPUUsage", ValueType::kUnsignedInt, [&] { return u64(v.cpu_percent()); });
    }
  }
  if (Scope ms{e, "ManagementServer"}) management_server_leaves(v, e);
  if (Scope time{e, "Time"}) {
    e.ro("CurrentLocalTime", ValueType::kDateTime, [&] { return v.iso(v.now); });
    stored(v, e, "Enable", ValueType::kBoolean, {}, "true");
    stored(v, e, "LocalTimeZoneName", ValueType::kString, length(0, 64), "GMT+01:00");
    stored(v, e, "NTPServer1", ValueType::kString, length(0, 64), "ntp1.hearth.example");
    stored(v, e, "NTPServer2", ValueType::kString, length(0, 64), "ntp2.hearth.example");
    e.ro("Status", ValueType::kString, [] { return std::string("Synchronized"); });
  }
  if (Scope ping{e, "IPPingDiagnostics"}) diagnostics_leaves(v, e, DiagnosticKind::kIpPing);
  if (Scope dl{e, "DownloadDiagnostics"}) diagnostics_leaves(v, e, DiagnosticKind::kDownload);
  tr098_lan(v, e);
  tr098_wan(v, e);
  if (Scope l3{e, "Layer3Forwarding"}) {
    const bool ppp = v.home.wan.access == Wan::Access::kDsl;
    stored(v, e, "DefaultConnectionService", ValueType::kString, length(0, 256),
           ppp ? "InternetGatewayDevice.WANDevice.1.WANConnectionDevice.1.WANPPPConnection.1"
               : "InternetGatewayDevice.WANDevice.1.WANConnectionDevice.1.WANIPConnection.1");
    e.ro("ForwardNumberOfEntries", ValueType::kUnsignedInt, [] { return std::string("0"); });
  }
}

}  // namespace hearth::sim::model
