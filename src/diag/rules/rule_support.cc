// Shared pieces of the rules (rule_support.h).
#include "diag/rules/rule_support.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

namespace hearth::diag::rules {

const char* band_label(Band b) {
  switch (b) {
    case Band::k2g:
      return "2.4 GHz";
    case Band::k5g:
      return "5 GHz";
    case Band::k6g:
      return "6 GHz";
  }
  return "Wi-Fi";
}

std::string station_name(const Station& s) {
  return s.hostname.empty() ? s.mac : s.hostname;
}

std::string node_label(const HomeSnapshot& snap, int node) {
  if (node <= 0 || static_cast<size_t>(node) >= snap.nodes.size()) return "the router";
  if (snap.nodes[static_cast<size_t>(node)].gateway) return "the router";
  return "extender " + std::to_string(node);
}

std::string radio_label(const HomeSnapshot& snap, const Radio& radio) {
  return std::string("the ") + band_label(radio.band) + " Wi-Fi of " + node_label(snap, radio.node);
}

Entity home_entity() {
  return Entity{EntityKind::kHome, "", "your home"};
}
Entity wan_entity() {
  return Entity{EntityKind::kWan, "", "the internet line"};
}

Entity device_entity(const RuleInput& in) {
  const HomeSnapshot* snap = in.latest();
  std::string id = in.context.device_id;
  if (id.empty() && snap != nullptr) id = snap->device_id;
  return Entity{EntityKind::kDevice, std::move(id), "the router"};
}

Entity node_entity(const HomeSnapshot& snap, int node) {
  std::string id;
  if (node >= 0 && static_cast<size_t>(node) < snap.nodes.size())
    id = snap.nodes[static_cast<size_t>(node)].id;
  return Entity{EntityKind::kNode, std::move(id), node_label(snap, node)};
}

Entity radio_entity(const HomeSnapshot& snap, const Radio& radio) {
  return Entity{EntityKind::kRadio, radio.id, radio_label(snap, radio)};
}

Entity station_entity(const Station& s) {
  return Entity{EntityKind::kStation, s.mac, station_name(s)};
}

const Station* find_station(const HomeSnapshot& snap, const std::string& mac) {
  for (const Station& s : snap.stations) {
    if (s.mac == mac) return &s;
  }
  return nullptr;
}

const Radio* find_radio(const HomeSnapshot& snap, const std::string& id) {
  for (const Radio& r : snap.radios) {
    if (r.id == id) return &r;
  }
  return nullptr;
}

const Radio* radio_of(const HomeSnapshot& snap, const Station& s) {
  if (s.radio >= 0 && static_cast<size_t>(s.radio) < snap.radios.size())
    return &snap.radios[static_cast<size_t>(s.radio)];
  for (const Radio& r : snap.radios) {
    if (r.node == s.node && r.band == s.band) return &r;
  }
  return nullptr;
}

double weak_signal_dbm(const DiagConfig& config, Band b) {
  switch (b) {
    case Band::k2g:
      return config.weak_signal_2g_dbm;
    case Band::k5g:
      return config.weak_signal_5g_dbm;
    case Band::k6g:
      return config.weak_signal_6g_dbm;
  }
  return config.weak_signal_2g_dbm;
}

double interference_noise_dbm(const DiagConfig& config, Band b) {
  return b == Band::k2g ? config.interference_noise_2g_dbm : config.interference_noise_5g_dbm;
}

double station_traffic_mbps(const Station& s) {
  if (!known(s.down_mbps) && !known(s.up_mbps)) return kUnknown;
  return (known(s.down_mbps) ? s.down_mbps : 0) + (known(s.up_mbps) ? s.up_mbps : 0);
}

double station_airtime_pct(const Station& s, const DiagConfig& config) {
  const double traffic = station_traffic_mbps(s);
  if (!known(traffic) || !known(s.phy_down_mbps) || s.phy_down_mbps <= 0) return kUnknown;
  return std::min(100.0, 100.0 * traffic / (s.phy_down_mbps * config.mac_efficiency));
}

double station_snr_db(const HomeSnapshot& snap, const Station& s) {
  if (known(s.snr_db)) return s.snr_db;
  if (!known(s.signal_dbm)) return kUnknown;
  const Radio* r = radio_of(snap, s);
  if (r != nullptr && known(r->noise_dbm)) return s.signal_dbm - r->noise_dbm;
  return s.signal_dbm - (s.band == Band::k2g ? -95.0 : -100.0);
}

bool is_slow_client(const HomeSnapshot& snap, const Station& s, const DiagConfig& config) {
  if (s.generation > 0 && s.generation <= 3) return true;
  if (s.generation == 4 && s.band != Band::k2g) return true;  // on 2.4 GHz Wi-Fi 5 reports "n" too
  const double limit =
      s.band == Band::k2g ? config.legacy_max_phy_2g_mbps : config.legacy_max_phy_5g_mbps;
  if (known(s.max_phy_mbps) && s.max_phy_mbps > 0) return s.max_phy_mbps <= limit;
  if (!known(s.phy_down_mbps) || s.phy_down_mbps <= 0) return false;
  const double snr = station_snr_db(snap, s);
  return known(snr) && snr >= config.legacy_good_snr_db && s.phy_down_mbps <= limit;
}

namespace {

std::vector<long> numeric_parts(const std::string& v) {
  std::vector<long> out;
  long cur = -1;
  for (char c : v) {
    if (std::isdigit(static_cast<unsigned char>(c)) != 0) {
      cur = (cur < 0 ? 0 : cur * 10) + (c - '0');
      if (cur > 1'000'000'000L) cur = 1'000'000'000L;
    } else if (cur >= 0) {
      out.push_back(cur);
      cur = -1;
    }
  }
  if (cur >= 0) out.push_back(cur);
  return out;
}

}  // namespace

bool version_older(const std::string& running, const std::string& latest) {
  if (latest.empty() || running.empty() || running == latest) return false;
  const std::vector<long> a = numeric_parts(running);
  const std::vector<long> b = numeric_parts(latest);
  if (a.empty() || b.empty()) return false;  // not comparable
  return std::lexicographical_compare(a.begin(), a.end(), b.begin(), b.end());
}

Evidence evidence(const char* name, double value, const char* unit) {
  return Evidence{name, value, unit};
}

std::string num(double v, int decimals) {
  if (!known(v)) return "unknown";
  if (decimals <= 0) return fmt::format("{}", static_cast<long long>(std::llround(v)));
  std::string s = fmt::format("{:.{}f}", v, decimals);
  while (!s.empty() && s.back() == '0') s.pop_back();
  if (!s.empty() && s.back() == '.') s.pop_back();
  return s;
}

Observation raised(const char* code, Entity entity, Severity severity, int health_cost) {
  Observation o;
  o.code = code;
  o.entity = std::move(entity);
  o.raise = true;
  o.severity = severity;
  o.health_cost = health_cost;
  return o;
}

Observation band_only(const char* code, Entity entity) {
  Observation o;
  o.code = code;
  o.entity = std::move(entity);
  return o;
}

}  // namespace hearth::diag::rules
