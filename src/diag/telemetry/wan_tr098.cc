// The WAN of a TR-098 gateway (tr069.md 7.3): the Internet connection among
// WANDevice.1.WANConnectionDevice.{i}.WANIPConnection.{i} / WANPPPConnection.{i} (the one
// Layer3Forwarding.DefaultConnectionService names, else the one that looks like it), its status,
// external address and uptime; the interface's 32-bit byte counters as rates; the access type
// and the DSL sync rates.
#include <cctype>

#include "core/strings.h"
#include "diag/telemetry/builder.h"

namespace hearth::diag::telemetry {
namespace {

constexpr const char* kWan = "InternetGatewayDevice.WANDevice.1.";

// How much a connection looks like the Internet one (Huawei names them "2_INTERNET_R_VID_10",
// "1_TR069_VOIP_R_VID_46", ...).
int internet_score(const Builder& b, const std::string& conn) {
  std::string name(b.tree.str(conn + "Name"));
  for (char& c : name) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  int score = 0;
  if (contains(name, "INTERNET")) {
    score += 3;
  } else if (contains(name, "TR069") || contains(name, "VOIP") || contains(name, "IPTV") || contains(name, "MANAGE")) {
    score -= 3;
  }
  if (b.tree.str(conn + "ConnectionType") == "IP_Routed") ++score;
  if (b.tree.str(conn + "ConnectionStatus") == "Connected") ++score;
  if (b.tree.boolean(conn + "NATEnabled").value_or(false)) ++score;
  return score;
}

std::string internet_connection(const Builder& b) {
  const std::string wanted = object_path(b.tree.str("InternetGatewayDevice.Layer3Forwarding.DefaultConnectionService"));
  std::string best;
  int best_score = -100;
  const std::string devices = std::string(kWan) + "WANConnectionDevice.";
  for (uint32_t d : b.tree.instances(devices)) {
    for (const char* kind : {"WANIPConnection.", "WANPPPConnection."}) {
      const std::string table = devices + std::to_string(d) + "." + kind;
      for (uint32_t c : b.tree.instances(table)) {
        const std::string conn = table + std::to_string(c) + ".";
        if (conn == wanted) return conn;
        const int score = internet_score(b, conn);
        if (score > best_score) {
          best_score = score;
          best = conn;
        }
      }
    }
  }
  return best;
}

std::string access_of(const Builder& b) {
  const std::string type = to_lower(b.tree.str(std::string(kWan) + "WANCommonInterfaceConfig.WANAccessType"));
  if (type == "dsl" || b.tree.has_under(std::string(kWan) + "WANDSLInterfaceConfig.")) return "dsl";
  if (contains(type, "pon") || contains(type, "optical") || contains(type, "fiber")) return "fiber";
  if (contains(type, "cable") || contains(type, "docsis")) return "cable";
  // Vendor PON objects under the WAN device (Huawei's X_GponInterafceConfig, ...).
  for (const cwmp::ParameterValue* p : b.tree.under(std::string(kWan) + "X_")) {
    const std::string object = to_lower(std::string_view(p->name).substr(std::string_view(kWan).size()));
    if (contains(object.substr(0, object.find('.')), "pon")) return "fiber";
  }
  return {};
}

}  // namespace

void read_wan_tr098(Builder& b) {
  Wan& w = b.snap.wan;
  w.access = access_of(b);
  if (w.access == "dsl") {
    const std::string dsl = std::string(kWan) + "WANDSLInterfaceConfig.";
    const double down = b.tree.number(dsl + "DownstreamCurrRate");
    const double up = b.tree.number(dsl + "UpstreamCurrRate");
    if (known(down) && down > 0) w.line_down_kbps = down;
    if (known(up) && up > 0) w.line_up_kbps = up;
  }
  const std::string conn = internet_connection(b);
  if (!conn.empty()) {
    w.up = b.tree.str(conn + "ConnectionStatus") == "Connected";
    w.ip = std::string(b.tree.str(conn + "ExternalIPAddress"));
    if (w.up) w.connection_uptime_s = b.tree.integer(conn + "Uptime").value_or(-1);
  }
  // Interface totals (StatsCounter32 in TR-098), else the connection's Ethernet counters.
  const std::string common = std::string(kWan) + "WANCommonInterfaceConfig.";
  const cwmp::ParameterValue* rx = b.tree.find(common + "TotalBytesReceived");
  const cwmp::ParameterValue* tx = b.tree.find(common + "TotalBytesSent");
  if (rx == nullptr && !conn.empty()) rx = b.tree.find(conn + "Stats.EthernetBytesReceived");
  if (tx == nullptr && !conn.empty()) tx = b.tree.find(conn + "Stats.EthernetBytesSent");
  w.rx_mbps = b.counters.rate_mbps("wan/rx_bytes", rx, 32);
  w.tx_mbps = b.counters.rate_mbps("wan/tx_bytes", tx, 32);
}

}  // namespace hearth::diag::telemetry
