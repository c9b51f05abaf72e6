// Hand-made homes for the rule tests (test_support.h).
#include "diag/rules/test_support.h"

#include <stdexcept>

namespace hearth::diag::testing {

HomeSnapshot healthy_home(int64_t t) {
  HomeSnapshot s;
  s.device_id = "dev-1";
  s.root = "Device.";
  s.time_ms = t;
  s.device.uptime_s = 30 * 86400 + (t - kT0) / 1000;
  s.device.software_version = "1.2.3";
  s.device.memory_total_kib = 262144;
  s.device.memory_free_kib = 100000;
  s.device.cpu_pct = 12;
  s.wan.up = true;
  s.wan.access = "fiber";
  s.wan.ip = "203.0.113.10";
  s.wan.connection_uptime_s = s.device.uptime_s - 60;
  Node gw;
  gw.id = "aa:00:00:00:00:00";
  gw.gateway = true;
  s.nodes.push_back(gw);
  for (Band b : {Band::k2g, Band::k5g}) {
    Radio r;
    r.id = gw.id + (b == Band::k2g ? "/2.4GHz" : "/5GHz");
    r.node = 0;
    r.band = b;
    r.channel = b == Band::k2g ? 6 : 36;
    r.width_mhz = b == Band::k2g ? 20 : 80;
    r.noise_dbm = b == Band::k2g ? -94 : -100;
    r.utilisation_pct = 15;
    r.utilisation_self_pct = 5;
    r.neighbour_bss = 4;
    s.radios.push_back(r);
  }
  s.stations.push_back(station("02:00:00:00:00:01", Band::k5g, -55));
  s.stations.push_back(station("02:00:00:00:00:02", Band::k2g, -60));
  return s;
}

Station station(const std::string& mac, Band band, double signal_dbm, int node) {
  Station st;
  st.mac = mac;
  st.hostname = "host-" + mac.substr(mac.size() - 2);
  st.node = node;
  st.band = band;
  st.signal_dbm = signal_dbm;
  st.snr_db = signal_dbm - (band == Band::k2g ? -94 : -100);
  st.phy_down_mbps = band == Band::k2g ? 143 : 600;
  st.phy_up_mbps = st.phy_down_mbps;
  st.max_phy_mbps = band == Band::k2g ? 287 : 1200;
  st.generation = 6;
  st.retrans_pct = 5;
  st.down_mbps = 1;
  st.up_mbps = 0.2;
  st.associated_s = 3600;
  return st;
}

int add_extender(HomeSnapshot& s, double backhaul_dbm) {
  Node n;
  n.id = "aa:00:00:00:00:0" + std::to_string(s.nodes.size() * 8);
  n.parent = 0;
  n.backhaul = "wifi";
  n.backhaul_signal_dbm = backhaul_dbm;
  n.backhaul_phy_mbps = 800;
  s.nodes.push_back(n);
  const int node = static_cast<int>(s.nodes.size()) - 1;
  for (Band b : {Band::k2g, Band::k5g}) {
    Radio r;
    r.id = n.id + (b == Band::k2g ? "/2.4GHz" : "/5GHz");
    r.node = node;
    r.band = b;
    r.channel = b == Band::k2g ? 6 : 36;
    r.noise_dbm = b == Band::k2g ? -94 : -100;
    r.utilisation_pct = 15;
    r.utilisation_self_pct = 5;
    s.radios.push_back(r);
  }
  return node;
}

Radio& radio(HomeSnapshot& s, int node, Band band) {
  for (Radio& r : s.radios) {
    if (r.node == node && r.band == band) return r;
  }
  throw std::logic_error("no such radio");
}

Station& find(HomeSnapshot& s, const std::string& mac) {
  for (Station& st : s.stations) {
    if (st.mac == mac) return st;
  }
  throw std::logic_error("no such station: " + mac);
}

std::vector<HomeSnapshot> history(int n, int64_t end_ms, int64_t step_ms,
                                  const std::function<void(HomeSnapshot&, int)>& edit) {
  std::vector<HomeSnapshot> out;
  for (int i = 0; i < n; ++i) {
    HomeSnapshot s = healthy_home(end_ms - (n - 1 - i) * step_ms);
    if (edit) edit(s, i);
    out.push_back(std::move(s));
  }
  return out;
}

HomeContext context() {
  HomeContext c;
  c.home_id = "home-1";
  c.device_id = "dev-1";
  c.access_node_id = "an-01";
  c.plan_down_mbps = 100;
  c.plan_up_mbps = 20;
  c.expected_interval_s = 300;
  return c;
}

std::vector<Observation> run_rule(const std::string& code, const std::vector<HomeSnapshot>& history,
                                  const HomeContext& ctx, const DiagConfig& config,
                                  int64_t now_ms) {
  const RuleInfo* rule = find_rule(code);
  if (rule == nullptr) throw std::logic_error("no such rule: " + code);
  const int64_t now = now_ms != 0 ? now_ms : history.empty() ? kT0 : history.back().time_ms;
  const RuleInput in{ctx, history, now};
  std::vector<Observation> out;
  rule->fn(in, config, out);
  return out;
}

const Observation* observed(const std::vector<Observation>& obs, const std::string& id) {
  for (const Observation& o : obs) {
    if (o.entity.id == id) return &o;
  }
  return nullptr;
}

std::string verdict(const std::vector<Observation>& obs, const std::string& id) {
  const Observation* o = observed(obs, id);
  if (o == nullptr) return "clear";
  if (o->raise) return "raise";
  return o->clear ? "clear" : "band";
}

}  // namespace hearth::diag::testing
