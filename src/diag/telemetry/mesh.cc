// The home's mesh nodes from TR-181 Device.WiFi.DataElements.Network.Device.{i} (tr069.md 7.4):
// the gateway (the colocated agent of the controller) first, then the extenders, each with its
// parent (Backhaul.BackhaulDeviceID) and backhaul link. Devices without DataElements (TR-098, or
// TR-181 without EasyMesh) have only the gateway node, named by its serial number.
#include <algorithm>

#include "core/strings.h"
#include "diag/telemetry/builder.h"
#include "diag/telemetry/codes.h"

namespace hearth::diag::telemetry {
namespace {

constexpr const char* kNetwork = "Device.WiFi.DataElements.Network.";

// The serial number part of an OUI-ProductClass-Serial device id.
std::string serial_of(const std::string& device_id) {
  const size_t dash = device_id.rfind('-');
  const std::string part = dash == std::string::npos ? device_id : device_id.substr(dash + 1);
  return percent_decode(part).value_or(part);
}

// Backhaul.LinkType (None, Wi-Fi, MoCA, Ethernet, G.hn, HPNA, HomePlug, UPA) or the older
// Device.BackhaulMediaType (an IEEE 1905 media name such as "IEEE 802.11ax 5 GHz").
std::string backhaul_kind(std::string_view link) {
  const std::string l = to_lower(link);
  if (l.empty() || l == "none") return {};
  if (l.find("wi-fi") != std::string::npos || l.find("wifi") != std::string::npos ||
      l.find("802.11") != std::string::npos) {
    return "wifi";
  }
  if (l.find("ethernet") != std::string::npos || l.find("802.3") != std::string::npos) return "ethernet";
  return l;
}

void read_backhaul(Builder& b, size_t index) {
  Node& n = b.snap.nodes[index];
  const std::string& dev = b.node_paths[index];
  const std::string bh = dev + "MultiAPDevice.Backhaul.";
  std::string_view link = b.tree.str(bh + "LinkType");
  if (link.empty()) link = b.tree.str(dev + "BackhaulMediaType");
  n.backhaul = backhaul_kind(link);
  std::string parent = mac_key(b.tree.str(bh + "BackhaulDeviceID"));
  if (parent.empty()) parent = mac_key(b.tree.str(dev + "BackhaulALID"));
  n.parent = std::max(0, b.find_node(parent));
  if (n.parent == static_cast<int>(index)) n.parent = 0;
  const std::string stats = bh + "Stats.";
  if (n.backhaul == "wifi") n.backhaul_signal_dbm = signal_dbm(b.tree.number(stats + "SignalStrength"));
  const double down = b.tree.number(stats + "LastDataDownlinkRate");
  const double up = b.tree.number(stats + "LastDataUplinkRate");
  if (known(down) && known(up) && down > 0 && up > 0) {
    n.backhaul_phy_mbps = std::min(down, up) / 1000.0;
  } else if (known(down) && down > 0) {
    n.backhaul_phy_mbps = down / 1000.0;
  } else {
    const double phy = b.tree.number(dev + "BackhaulPHYRate");
    if (known(phy) && phy > 0) n.backhaul_phy_mbps = phy;
  }
  const double util = b.tree.number(stats + "LinkUtilization");
  if (known(util) && util >= 0 && util <= 100) n.backhaul_utilisation_pct = util;
}

}  // namespace

void read_mesh_nodes(Builder& b) {
  const std::vector<uint32_t> rows = b.tr098 ? std::vector<uint32_t>{} : b.tree.instances(std::string(kNetwork) + "Device.");
  if (rows.empty()) {
    Node gw;
    gw.id = serial_of(b.snap.device_id);
    gw.gateway = true;
    b.snap.nodes.push_back(std::move(gw));
    b.node_paths.emplace_back();
    return;
  }
  auto path = [](uint32_t i) { return std::string(kNetwork) + "Device." + std::to_string(i) + "."; };
  // The gateway: the agent colocated with the controller, else the controller, else the device
  // without a backhaul parent, else the first.
  size_t gateway = 0;
  bool found = false;
  for (const char* leaf : {"ColocatedAgentID", "ControllerID"}) {
    const std::string want = mac_key(b.tree.str(std::string(kNetwork) + leaf));
    for (size_t k = 0; k < rows.size() && !found && !want.empty(); ++k) {
      if (mac_key(b.tree.str(path(rows[k]) + "ID")) == want) {
        gateway = k;
        found = true;
      }
    }
  }
  for (size_t k = 0; k < rows.size() && !found; ++k) {
    if (b.tree.str(path(rows[k]) + "MultiAPDevice.Backhaul.BackhaulDeviceID").empty()) {
      gateway = k;
      found = true;
    }
  }
  std::vector<uint32_t> order{rows[gateway]};
  for (size_t k = 0; k < rows.size(); ++k) {
    if (k != gateway) order.push_back(rows[k]);
  }
  for (uint32_t i : order) {
    Node n;
    n.id = mac_key(b.tree.str(path(i) + "ID"));
    if (n.id.empty()) n.id = "node-" + std::to_string(i);
    n.gateway = b.snap.nodes.empty();
    b.snap.nodes.push_back(std::move(n));
    b.node_paths.push_back(path(i));
  }
  for (size_t k = 1; k < b.snap.nodes.size(); ++k) read_backhaul(b, k);
}

}  // namespace hearth::diag::telemetry
