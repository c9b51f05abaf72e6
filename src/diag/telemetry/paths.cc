// What one telemetry GetParameterValues asks for (telemetry.h): the partial paths of the branches
// the snapshot is built from, and no more. Full names where only a leaf of a large object is
// needed (DeviceInfo, the PON interface); no Hosts, no Process table, no whole root.
//
// Optional branches (the access line, PPP, TR-143 objects a firmware lacks, DataElements events)
// are listed too: a device without one faults the whole request with 9005, and the session then
// learns which path it lacks and leaves it out for that firmware (acs/session_telemetry.cc).
#include <algorithm>
#include <array>
#include <bit>
#include <string_view>

#include "core/strings.h"
#include "diag/telemetry.h"
#include "diag/telemetry/tree.h"

namespace hearth::diag {
namespace {

constexpr std::string_view kWlanTable = "InternetGatewayDevice.LANDevice.1.WLANConfiguration.";

// The leaves of a WLANConfiguration row that wifi_tr098.cc reads, and the suffixes of the vendor
// leaves it reads (any prefix). Keep in step with that reader.
constexpr std::array<std::string_view, 9> kWlanLeaves = {
    "Enable",        "RadioEnabled",     "Channel", "AutoChannelEnable", "PossibleChannels", "Standard",
    "TransmitPower", "TotalPSKFailures", "TotalAssociations"};
constexpr std::array<std::string_view, 4> kWlanVendorSuffixes = {"ChannelUtilization", "NeighbourBSSCount",
                                                                 "NeighborBSSCount", "AuthFailures"};

}  // namespace

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

NarrowedRead learn_narrowed_read(const std::string& root, const std::vector<cwmp::ParameterValue>& full_read) {
  NarrowedRead out;
  if (!starts_with(root, "InternetGatewayDevice")) return out;
  constexpr size_t kMaxVendorLeaves = 24;
  auto row_of = [&](uint32_t instance) -> NarrowedRead::Row& {
    for (auto& r : out.rows) {
      if (r.instance == instance) return r;
    }
    out.rows.push_back({instance, 0, false});
    return out.rows.back();
  };
  for (const cwmp::ParameterValue& v : full_read) {
    std::string_view name = v.name;
    if (!starts_with(name, kWlanTable)) continue;
    name.remove_prefix(kWlanTable.size());
    const size_t dot = name.find('.');
    if (dot == std::string_view::npos) continue;
    const auto instance = parse_uint64(name.substr(0, dot));
    if (!instance || *instance == 0 || *instance > 0xffffffffu) continue;
    NarrowedRead::Row& row = row_of(static_cast<uint32_t>(*instance));
    const std::string_view rest = name.substr(dot + 1);
    if (starts_with(rest, "AssociatedDevice.") || rest == "TotalAssociations" ||
        rest == "AssociatedDeviceNumberOfEntries") {
      row.stations = true;
    }
    if (rest.find('.') != std::string_view::npos) continue;
    if (auto it = std::find(kWlanLeaves.begin(), kWlanLeaves.end(), rest); it != kWlanLeaves.end()) {
      row.leaves |= 1u << (it - kWlanLeaves.begin());
      continue;
    }
    const std::string_view suffix = telemetry::vendor_suffix(rest);
    if (suffix.empty() ||
        std::find(kWlanVendorSuffixes.begin(), kWlanVendorSuffixes.end(), suffix) == kWlanVendorSuffixes.end()) {
      continue;
    }
    auto it = std::find(out.vendor_leaves.begin(), out.vendor_leaves.end(), rest);
    if (it == out.vendor_leaves.end()) {
      if (out.vendor_leaves.size() >= kMaxVendorLeaves) continue;
      it = out.vendor_leaves.insert(out.vendor_leaves.end(), std::string(rest));
    }
    row.leaves |= 1u << (kWlanLeaves.size() + static_cast<size_t>(it - out.vendor_leaves.begin()));
  }
  std::sort(out.rows.begin(), out.rows.end(), [](const auto& a, const auto& b) { return a.instance < b.instance; });
  return out;
}

size_t narrowed_leaf_count(const NarrowedRead& read) {
  size_t n = 0;
  for (const NarrowedRead::Row& r : read.rows) n += static_cast<size_t>(std::popcount(r.leaves));
  return n;
}

size_t wifi_row_leaf_count(const std::vector<cwmp::ParameterValue>& values) {
  size_t n = 0;
  for (const cwmp::ParameterValue& v : values) {
    std::string_view name = v.name;
    if (!starts_with(name, kWlanTable)) continue;
    name.remove_prefix(kWlanTable.size());
    const size_t dot = name.find('.');
    if (dot != std::string_view::npos && name.find('.', dot + 1) == std::string_view::npos) ++n;
  }
  return n;
}

std::vector<std::string> narrowed_telemetry_paths(const std::string& root, const NarrowedRead& read) {
  if (read.empty()) return {};
  std::vector<std::string> out;
  for (std::string& path : telemetry_paths(root)) {
    if (path != kWlanTable) {
      out.push_back(std::move(path));
      continue;
    }
    for (const NarrowedRead::Row& r : read.rows) {
      const std::string row = std::string(kWlanTable) + std::to_string(r.instance) + ".";
      for (size_t b = 0; b < kWlanLeaves.size() + read.vendor_leaves.size(); ++b) {
        if ((r.leaves & (1u << b)) == 0) continue;
        out.push_back(row + std::string(b < kWlanLeaves.size() ? kWlanLeaves[b] : read.vendor_leaves[b - kWlanLeaves.size()]));
      }
      if (r.stations) out.push_back(row + "AssociatedDevice.");
    }
  }
  return out;
}

}  // namespace hearth::diag
