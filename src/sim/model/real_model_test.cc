// The rendered trees against the reference data models: the TR-098 model against the real Huawei
// capture (tests/data/cwmp, names, types and writability) and both roots against the BBF
// definitions (TR-181 2.17, TR-098 1.8 from the shared specs; skipped when they are absent).
// Vendor parameters (X_...) are the only names the references may lack.
#include <map>
#include <set>

#include <gtest/gtest.h>

#include "sim/model/model_test_support.h"
#include "tests/support/build_paths.h"

namespace hearth::sim::model {
namespace {

using testing::generic_name;
using testing::HomeSpec;
using testing::kMinute;
using testing::kT0;

bool vendor(const std::string& name) { return name.find(".X_") != std::string::npos; }

// A busy home of the model: stations on both bands and on an extender, a wired extender, a
// port mapping, and completed diagnostics, so that every table has rows.
struct Rendered {
  std::vector<Param> params;
  std::vector<ObjectInfo> objects;
};

Rendered render(uint8_t model, Wan::Access access) {
  HomeSpec spec;
  spec.model = model;
  spec.access = access;
  spec.stations = 5;
  spec.extenders = 1;
  spec.wired_extenders = 1;
  Home home = testing::make_home(spec);
  home.stations[4].node = 1;
  auto dm = make_data_model(home, DataModelOptions{"http://acs.example/", 300, "", ""});
  dm->booted(kT0);
  const std::string root = dm->root();
  const bool tr098 = models()[model].tr098;
  const std::string conn = access == Wan::Access::kDsl ? "WANPPPConnection" : "WANIPConnection";
  dm->add_object(tr098 ? root + "WANDevice.1.WANConnectionDevice.1." + conn + ".1.PortMapping."
                       : root + "NAT.PortMapping.");
  for (DiagnosticKind k : {DiagnosticKind::kIpPing, DiagnosticKind::kDownload, DiagnosticKind::kUpload,
                           DiagnosticKind::kTraceRoute, DiagnosticKind::kNeighboringWiFi}) {
    if (tr098 && k != DiagnosticKind::kIpPing && k != DiagnosticKind::kDownload) continue;
    const std::string obj = tr098 ? (k == DiagnosticKind::kIpPing ? root + "IPPingDiagnostics."
                                                                  : root + "DownloadDiagnostics.")
                            : k == DiagnosticKind::kIpPing     ? root + "IP.Diagnostics.IPPing."
                            : k == DiagnosticKind::kDownload   ? root + "IP.Diagnostics.DownloadDiagnostics."
                            : k == DiagnosticKind::kUpload     ? root + "IP.Diagnostics.UploadDiagnostics."
                            : k == DiagnosticKind::kTraceRoute ? root + "IP.Diagnostics.TraceRoute."
                                                               : root + "WiFi.NeighboringWiFiDiagnostic.";
    std::vector<cwmp::ParameterValue> in{{obj + "DiagnosticsState", "Requested", cwmp::ValueType::kString}};
    if (k == DiagnosticKind::kIpPing || k == DiagnosticKind::kTraceRoute) {
      in.push_back({obj + "Host", "192.0.2.1", cwmp::ValueType::kString});
    }
    EXPECT_TRUE(dm->set(in, kT0).faults.empty()) << obj;
    dm->complete_diagnostic(k, kT0 + kMinute);
  }
  return Rendered{dm->parameters(kT0 + 2 * kMinute), dm->objects(kT0 + 2 * kMinute)};
}

const testing::Reference& capture() {
  static const testing::Reference r =
      testing::load_capture(hearth::testing::source_dir() + "/tests/data/cwmp/huawei-bm632w-tr098-datamodel.csv");
  return r;
}

const testing::Reference& bbf(const char* file) {
  static std::map<std::string, testing::Reference> cache;
  auto it = cache.find(file);
  if (it == cache.end()) it = cache.emplace(file, testing::load_bbf(testing::shared_path(std::string("specs/bbf/") + file))).first;
  return it->second;
}

TEST(RealModelTest, Tr098FollowsTheRealHuaweiCapture) {
  ASSERT_FALSE(capture().params.empty());
  for (Wan::Access access : {Wan::Access::kFiber, Wan::Access::kDsl}) {
    const Rendered r = render(testing::tr098_model(), access);
    size_t in_capture = 0;
    for (const auto& p : r.params) {
      const std::string g = generic_name(p.name);
      auto it = capture().params.find(g);
      if (it == capture().params.end()) continue;
      ++in_capture;
      EXPECT_EQ(std::string(cwmp::value_type_name(p.type)), cwmp::value_type_name(it->second)) << p.name;
      EXPECT_EQ(p.writable, capture().writable.at(g)) << p.name;
    }
    EXPECT_GE(in_capture, access == Wan::Access::kFiber ? 120u : 90u);
  }
  // The parameters the simulator maps from the world are all names of the real device.
  const char* mapped[] = {
      "DeviceInfo.Manufacturer", "DeviceInfo.ManufacturerOUI", "DeviceInfo.ProductClass",
      "DeviceInfo.SerialNumber", "DeviceInfo.HardwareVersion", "DeviceInfo.SoftwareVersion",
      "DeviceInfo.UpTime", "DeviceInfo.SpecVersion", "DeviceSummary",
      "ManagementServer.URL", "ManagementServer.Username", "ManagementServer.Password",
      "ManagementServer.PeriodicInformInterval", "ManagementServer.ParameterKey",
      "ManagementServer.ConnectionRequestURL", "ManagementServer.ConnectionRequestUsername",
      "LANDevice.{i}.WLANConfiguration.{i}.SSID", "LANDevice.{i}.WLANConfiguration.{i}.Channel",
      "LANDevice.{i}.WLANConfiguration.{i}.AutoChannelEnable", "LANDevice.{i}.WLANConfiguration.{i}.Enable",
      "LANDevice.{i}.WLANConfiguration.{i}.BSSID", "LANDevice.{i}.WLANConfiguration.{i}.Status",
      "LANDevice.{i}.WLANConfiguration.{i}.Standard", "LANDevice.{i}.WLANConfiguration.{i}.TotalAssociations",
      "LANDevice.{i}.WLANConfiguration.{i}.TotalBytesSent",
      "LANDevice.{i}.WLANConfiguration.{i}.AssociatedDevice.{i}.AssociatedDeviceMACAddress",
      "LANDevice.{i}.Hosts.Host.{i}.MACAddress", "LANDevice.{i}.Hosts.Host.{i}.HostName",
      "LANDevice.{i}.Hosts.Host.{i}.IPAddress", "LANDevice.{i}.Hosts.Host.{i}.Active",
      "LANDevice.{i}.Hosts.Host.{i}.Layer2Interface",
      "WANDevice.{i}.WANCommonInterfaceConfig.TotalBytesReceived",
      "WANDevice.{i}.WANCommonInterfaceConfig.PhysicalLinkStatus",
      "WANDevice.{i}.WANConnectionDevice.{i}.WANIPConnection.{i}.ExternalIPAddress",
      "WANDevice.{i}.WANConnectionDevice.{i}.WANIPConnection.{i}.ConnectionStatus",
      "WANDevice.{i}.WANConnectionDevice.{i}.WANIPConnection.{i}.DNSServers",
      "WANDevice.{i}.WANConnectionDevice.{i}.WANIPConnection.{i}.Uptime",
      "IPPingDiagnostics.DiagnosticsState", "IPPingDiagnostics.Host", "IPPingDiagnostics.SuccessCount",
      "IPPingDiagnostics.AverageResponseTime"};
  const Rendered r = render(testing::tr098_model(), Wan::Access::kFiber);
  std::set<std::string> rendered;
  for (const auto& p : r.params) rendered.insert(generic_name(p.name));
  for (const char* m : mapped) {
    const std::string g = std::string("InternetGatewayDevice.") + m;
    EXPECT_TRUE(capture().params.count(g)) << g;
    EXPECT_TRUE(rendered.count(g)) << g;
  }
}

TEST(RealModelTest, Tr098NamesOutsideTheCaptureAreStandardOrVendor) {
  const testing::Reference& ref = bbf("tr-098-1-8-0-full.xml");
  if (ref.params.empty()) GTEST_SKIP() << "BBF TR-098 definition not available";
  for (Wan::Access access : {Wan::Access::kFiber, Wan::Access::kDsl, Wan::Access::kCable}) {
    const Rendered r = render(testing::tr098_model(), access);
    for (const auto& p : r.params) {
      const std::string g = generic_name(p.name);
      if (vendor(g) || capture().params.count(g)) continue;
      auto it = ref.params.find(g);
      ASSERT_NE(it, ref.params.end()) << g;
      EXPECT_EQ(std::string(cwmp::value_type_name(p.type)), cwmp::value_type_name(it->second)) << g;
      EXPECT_EQ(p.writable, ref.writable.at(g)) << g;
    }
    for (const auto& o : r.objects) {
      const std::string g = generic_name(o.path);
      EXPECT_TRUE(vendor(g) || ref.objects.count(g) || ref.objects.count(g + "{i}.") || capture().objects.count(g))
          << g;
    }
  }
}

TEST(RealModelTest, Tr181NamesAndTypesAreTheStandardOnes) {
  const testing::Reference& ref = bbf("tr-181-2-17-0-cwmp-full.xml");
  if (ref.params.empty()) GTEST_SKIP() << "BBF TR-181 definition not available";
  for (size_t m = 0; m < models().size(); ++m) {
    if (models()[m].tr098) continue;
    for (Wan::Access access : {Wan::Access::kFiber, Wan::Access::kDsl, Wan::Access::kCable}) {
      const Rendered r = render(static_cast<uint8_t>(m), access);
      for (const auto& p : r.params) {
        const std::string g = generic_name(p.name);
        if (vendor(g)) continue;
        auto it = ref.params.find(g);
        ASSERT_NE(it, ref.params.end()) << g;
        EXPECT_EQ(std::string(cwmp::value_type_name(p.type)), cwmp::value_type_name(it->second)) << g;
        EXPECT_EQ(p.writable, ref.writable.at(g)) << g;
      }
      for (const auto& o : r.objects) {
        const std::string g = generic_name(o.path);
        // A table object ("Device.Hosts.Host.") is listed by CPEs; the definition names its rows.
        EXPECT_TRUE(ref.objects.count(g) || ref.objects.count(g + "{i}.")) << o.path;
      }
    }
  }
}

}  // namespace
}  // namespace hearth::sim::model
