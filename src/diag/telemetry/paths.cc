// What one telemetry GetParameterValues asks for (telemetry.h): the partial paths of the branches
// the snapshot is built from, and no more. Full names where only a leaf of a large object is
// needed (DeviceInfo, the PON interface); no Hosts, no Process table, no whole root.
//
// Optional branches (the access line, PPP, TR-143 objects a firmware lacks, DataElements events)
// are listed too: a device without one faults the whole request with 9005, and the session then
// learns which path it lacks and leaves it out for that firmware (acs/session_telemetry.cc).
#include "core/strings.h"
#include "diag/telemetry.h"

namespace hearth::diag {

std::vector<std::string> telemetry_paths(const std::string& root) {
  if (starts_with(root, "InternetGatewayDevice")) {
    const std::string r = "InternetGatewayDevice.";
    return {
        r + "DeviceInfo.UpTime",
        r + "DeviceInfo.SoftwareVersion",
        r + "DeviceInfo.MemoryStatus.",
        r + "DeviceInfo.ProcessStatus.CPUUsage",
        r + "Layer3Forwarding.DefaultConnectionService",  // which WAN connection is the Internet
        r + "WANDevice.1.",                               // access line, connections, counters
        r + "LANDevice.1.WLANConfiguration.",             // radios, SSIDs and their stations
        r + "IPPingDiagnostics.",
        r + "DownloadDiagnostics.",
        r + "UploadDiagnostics.",
    };
  }
  const std::string r = "Device.";
  return {
      r + "DeviceInfo.UpTime",
      r + "DeviceInfo.SoftwareVersion",
      r + "DeviceInfo.MemoryStatus.",
      r + "DeviceInfo.ProcessStatus.CPUUsage",
      r + "IP.Interface.",  // the WAN one is found among them (status, address, counters)
      r + "PPP.Interface.",
      r + "DSL.Channel.",   // DSL sync rates
      r + "Optical.Interface.",
      r + "XPON.ONU.1.ANI.1.Status",
      r + "XPON.ONU.1.ANI.1.PONMode",
      r + "IP.Diagnostics.IPPing.",
      r + "IP.Diagnostics.DownloadDiagnostics.",
      r + "IP.Diagnostics.UploadDiagnostics.",
      r + "WiFi.Radio.",
      r + "WiFi.SSID.",         // AccessPoint -> SSID -> Radio, per-SSID counters
      r + "WiFi.AccessPoint.",  // the gateway's stations in dBm
      r + "WiFi.DataElements.Network.",  // mesh nodes, their radios, stations, unassociated STAs
      r + "WiFi.DataElements.FailedConnectionEvent.",
  };
}

}  // namespace hearth::diag
