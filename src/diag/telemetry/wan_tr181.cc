// The WAN of a TR-181 gateway (tr069.md 7.3): the WAN IP interface among Device.IP.Interface.{i}
// (the one stacked on PPP / DSL / Optical / XPON / DOCSIS, or named so, or holding a public
// address; never the loopback or the LAN bridge), its status with the PPP session's, address,
// time since the last change, byte counters as rates, and the access line (DSL sync rates from
// DSL.Channel, the PON mode's line rate).
#include <algorithm>

#include "core/strings.h"
#include "diag/telemetry/builder.h"

namespace hearth::diag::telemetry {
namespace {

constexpr const char* kIp = "Device.IP.Interface.";

bool private_ipv4(std::string_view ip) {
  const std::optional<uint32_t> v = parse_ipv4(ip);
  if (!v) return false;
  const uint32_t a = *v >> 24, b = (*v >> 16) & 0xff;
  return a == 10 || a == 127 || (a == 172 && b >= 16 && b <= 31) || (a == 192 && b == 168) ||
         (a == 169 && b == 254);
}

// The first enabled IPv4 address of an interface, or "".
std::string ipv4_of(const Builder& b, const std::string& ifp) {
  const std::string table = ifp + "IPv4Address.";
  for (uint32_t i : b.tree.instances(table)) {
    const std::string row = table + std::to_string(i) + ".";
    const std::string_view ip = b.tree.str(row + "IPAddress");
    if (!ip.empty() && ip != "0.0.0.0" && b.tree.str(row + "Status") != "Disabled") return std::string(ip);
  }
  return {};
}

bool names_access_line(std::string_view lower) {
  for (std::string_view obj : {"Device.PPP.", "Device.DSL.", "Device.Optical.", "Device.XPON.", "Device.DOCSIS.",
                               "Device.Cellular.", "Device.ATM.", "Device.PTM."}) {
    if (contains(lower, obj)) return true;
  }
  return false;
}

int wan_score(const Builder& b, const std::string& ifp) {
  const std::string name = to_lower(b.tree.str(ifp + "Name"));
  const std::string_view lower = b.tree.str(ifp + "LowerLayers");
  if (b.tree.str(ifp + "Type") == "Loopback" || name == "lo") return -100;
  int score = 0;
  if (names_access_line(lower)) score += 4;
  if (contains(name, "wan") || contains(name, "ppp") || contains(name, "internet")) score += 2;
  if (contains(lower, "Device.Bridging.") || contains(name, "lan") || starts_with(name, "br")) score -= 4;
  const std::string ip = ipv4_of(b, ifp);
  if (!ip.empty()) score += private_ipv4(ip) ? -1 : 1;
  return score;
}

// DSL sync rates of the first channel that is up (else the first).
void dsl_line(Builder& b, Wan& w) {
  const std::string table = "Device.DSL.Channel.";
  std::string chosen;
  for (uint32_t i : b.tree.instances(table)) {
    const std::string row = table + std::to_string(i) + ".";
    if (chosen.empty() || b.tree.str(row + "Status") == "Up") chosen = row;
    if (b.tree.str(row + "Status") == "Up") break;
  }
  if (chosen.empty()) return;
  const double down = b.tree.number(chosen + "DownstreamCurrRate");
  const double up = b.tree.number(chosen + "UpstreamCurrRate");
  if (known(down) && down > 0) w.line_down_kbps = down;
  if (known(up) && up > 0) w.line_up_kbps = up;
}

// ITU line rates of the PON modes (G.984, G.987, G.989, G.9807.1).
void pon_line(const std::string_view mode, Wan& w) {
  struct Rates {
    std::string_view mode;
    double down_kbps, up_kbps;
  };
  static constexpr Rates kModes[] = {{"G-PON", 2488320, 1244160},
                                     {"XG-PON", 9953280, 2488320},
                                     {"NG-PON2", 9953280, 2488320},
                                     {"XGS-PON", 9953280, 9953280}};
  for (const Rates& r : kModes) {
    if (r.mode == mode) {
      w.line_down_kbps = r.down_kbps;
      w.line_up_kbps = r.up_kbps;
    }
  }
}

}  // namespace

void read_wan_tr181(Builder& b) {
  Wan& w = b.snap.wan;
  std::string ifp;
  int best = -2;  // below that: a LAN-side interface
  for (uint32_t i : b.tree.instances(kIp)) {
    const std::string path = std::string(kIp) + std::to_string(i) + ".";
    const int score = wan_score(b, path);
    if (score > best) {
      best = score;
      ifp = path;
    }
  }
  std::string lower;
  if (!ifp.empty()) {
    lower = std::string(b.tree.str(ifp + "LowerLayers"));
    w.up = b.tree.str(ifp + "Status") == "Up";
    w.ip = ipv4_of(b, ifp);
    std::string ppp;
    if (contains(lower, "Device.PPP.Interface.")) {
      ppp = object_path(std::string_view(lower).substr(0, lower.find(',')));
      lower += "," + std::string(b.tree.str(ppp + "LowerLayers"));
      const std::string_view session = b.tree.str(ppp + "ConnectionStatus");
      if (!session.empty()) w.up = w.up && session == "Connected";
      if (w.ip.empty()) w.ip = std::string(b.tree.str(ppp + "IPCP.LocalIPAddress"));
    }
    if (w.up) {
      std::optional<int64_t> since = b.tree.integer(ifp + "LastChange");
      if (!since && !ppp.empty()) since = b.tree.integer(ppp + "LastChange");
      if (since && *since >= 0) w.connection_uptime_s = *since;
    }
    w.rx_mbps = b.counters.rate_mbps("wan/rx_bytes", b.tree.find(ifp + "Stats.BytesReceived"), 64);
    w.tx_mbps = b.counters.rate_mbps("wan/tx_bytes", b.tree.find(ifp + "Stats.BytesSent"), 64);
  }
  const std::string_view pon_status = b.tree.str("Device.XPON.ONU.1.ANI.1.Status");
  const bool dsl = b.tree.has_under("Device.DSL.");
  const bool fiber = b.tree.has_under("Device.Optical.Interface.") || !pon_status.empty();
  if (contains(lower, "Device.DSL.") || (dsl && !contains(lower, "Device.Optical.") && !contains(lower, "Device.XPON."))) {
    w.access = "dsl";
    dsl_line(b, w);
  } else if (fiber || contains(lower, "Device.Optical.") || contains(lower, "Device.XPON.")) {
    w.access = "fiber";
    if (pon_status == "Up") pon_line(b.tree.str("Device.XPON.ONU.1.ANI.1.PONMode"), w);
  } else if (contains(lower, "Device.DOCSIS.")) {
    w.access = "cable";
  }
}

}  // namespace hearth::diag::telemetry
