// Facts from the world for one render call (view.h).
#include "sim/model/view.h"

#include <algorithm>
#include <cmath>

#include "core/clock.h"

namespace hearth::sim::model {
namespace {

// Upstream share of a station's traffic by kind (uploads, calls, cameras).
double up_ratio(StationKind k) {
  switch (k) {
    case StationKind::kPhone: return 0.15;
    case StationKind::kLaptop: return 0.25;
    case StationKind::kTablet: return 0.10;
    case StationKind::kTv: return 0.03;
    case StationKind::kConsole: return 0.10;
    case StationKind::kIot: return 0.60;
  }
  return 0.1;
}

uint64_t mix64(uint64_t z) {
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

}  // namespace

View::View(const Home& h, const ModelInfo& m, const DeviceState& s, int64_t now_ms)
    : home(h), model(m), st(s), now(now_ms) {}

bool View::node_has_band(uint8_t node, Band b) const {
  if (node >= home.nodes.size()) return false;
  if (b != Band::k6g) return true;
  return node == 0 ? model.supports_6g : model_of(home.nodes[node].model).supports_6g;
}

bool View::radio_enabled(Band b) const {
  switch (b) {
    case Band::k2g: return home.wifi.radio_enabled_2g;
    case Band::k5g: return home.wifi.radio_enabled_5g;
    case Band::k6g: return st.radio_6g_enabled;
  }
  return false;
}

bool View::node_radio_up(uint8_t node, Band b) const {
  return node < home.nodes.size() && home.nodes[node].online && node_has_band(node, b) &&
         radio_enabled(b);
}

uint8_t View::channel(uint8_t node, Band b) const {
  if (node == 0 && b == Band::k6g && st.channel_6g != 0) return st.channel_6g;
  return node_channel(home.nodes[node], b);
}

uint8_t View::width(uint8_t node, Band b) const {
  const Node& n = home.nodes[node];
  switch (b) {
    case Band::k2g: return n.width_2g_mhz;
    case Band::k5g: return n.width_5g_mhz;
    case Band::k6g: return node == 0 ? st.width_6g : 160;
  }
  return 20;
}

const Utilisation& View::util(uint8_t node, Band b) const {
  const size_t i = size_t{node} * kBandCount + static_cast<size_t>(b);
  if (utils_.size() <= i) utils_.resize(i + 1);
  if (!utils_[i]) utils_[i] = channel_utilisation(home, node, b);
  return *utils_[i];
}

float View::radio_noise_dbm(Band b) const {
  if (b == Band::k2g) {
    return home.env.noise_floor_2g_dbm + 15.0f * std::clamp(home.cond.extra_interference, 0.0f, 1.0f);
  }
  return home.env.noise_floor_5g_dbm - (b == Band::k6g ? 1.0f : 0.0f);
}

bool View::associated(const Station& s) const {
  return s.connected && !s.wrong_password && node_radio_up(s.node, s.band);
}

const LinkMetrics& View::link(size_t i) const {
  if (links_.size() != home.stations.size()) links_.assign(home.stations.size(), std::nullopt);
  if (!links_[i]) links_[i] = station_link(home, home.stations[i]);
  return *links_[i];
}

int64_t View::associated_since_ms(const Station& s) const {
  return std::min(now, std::max(s.associated_since_ms, st.boot_ms));
}

uint64_t View::station_down_bytes(const Station& s) const {
  const double secs = double(now - associated_since_ms(s)) / 1000.0;
  return static_cast<uint64_t>(std::max(0.0, double(s.demand_mbps) * 125000.0 * secs));
}

uint64_t View::station_up_bytes(const Station& s) const {
  return static_cast<uint64_t>(double(station_down_bytes(s)) * up_ratio(s.kind));
}

const std::vector<InstanceTable::Row>& View::station_rows(size_t table, uint8_t node, Band b) const {
  scratch_.clear();
  for (size_t i = 0; i < home.stations.size(); ++i) {
    const Station& s = home.stations[i];
    if (s.node == node && s.band == b && associated(s)) {
      scratch_.emplace_back(s.mac, static_cast<uint16_t>(i));
    }
  }
  InstanceTable& t = st.table(table);
  t.sync(scratch_);
  return t.rows();
}

const std::vector<InstanceTable::Row>& View::other_rows(size_t table, uint8_t node, Band b) const {
  scratch_.clear();
  for (size_t i = 0; i < home.stations.size(); ++i) {
    const Station& s = home.stations[i];
    if (s.node != node && s.band == b && associated(s)) scratch_.emplace_back(s.mac, static_cast<uint16_t>(i));
  }
  InstanceTable& t = st.table(table);
  t.sync(scratch_);
  return t.rows();
}

View::HostEntity View::host_entity(const InstanceTable::Row& row) const {
  const size_t n_stations = home.stations.size();
  HostEntity h;
  h.is_station = row.index < n_stations;
  h.node = h.is_station ? 0 : static_cast<uint8_t>(row.index - n_stations);
  h.station = h.is_station ? &home.stations[row.index] : nullptr;
  h.wired = !h.is_station && home.nodes[h.node].wired_backhaul;
  h.band = h.is_station ? h.station->band : Band::k5g;
  return h;
}

const std::vector<InstanceTable::Row>& View::host_rows() const {
  scratch_.clear();
  const size_t n = home.stations.size();
  for (size_t i = 0; i < n; ++i) {
    if (associated(home.stations[i])) scratch_.emplace_back(home.stations[i].mac, static_cast<uint16_t>(i));
  }
  for (size_t k = 1; k < home.nodes.size(); ++k) {
    if (home.nodes[k].online) scratch_.emplace_back(home.nodes[k].mac, static_cast<uint16_t>(n + k));
  }
  InstanceTable& t = st.table(kHostsTable);
  t.sync(scratch_);
  return t.rows();
}

const FailedJoinLog& View::failed_joins() const {
  if (!st.failed_joins) {
    static const FailedJoinLog kNone;
    const bool failing = std::any_of(home.stations.begin(), home.stations.end(),
                                     [](const Station& s) { return s.wrong_password; });
    if (!failing) return kNone;
    st.failed_joins = std::make_unique<FailedJoinLog>();
  }
  st.failed_joins->sync(home, st.boot_ms, now);
  return *st.failed_joins;
}

uint64_t View::uptime_s() const {
  return now > st.boot_ms ? static_cast<uint64_t>((now - st.boot_ms) / 1000) : 0;
}

bool View::wan_up() const {
  return !(home.cond.wan_down || home.cond.unreachable || home.cond.powered_off);
}

std::string View::wan_ip() const { return wan_up() ? ipv4_string(home.wan.ipv4) : std::string(); }

std::string View::wan_gateway_ip() const {
  if (!wan_up()) return {};
  const uint32_t net = home.wan.ipv4 & 0xffffff00u;
  return ipv4_string((home.wan.ipv4 & 0xffu) == 1 ? net | 254u : net | 1u);
}

uint32_t View::memory_free_kb() const {
  const double total = model.memory_total_kb;
  const double base = 0.30 + 0.25 * double(mix64(home.seed) % 1000) / 1000.0;
  size_t assoc = 0;
  for (const auto& s : home.stations) assoc += associated(s) ? 1 : 0;
  double share = base - 0.002 * double(assoc);
  // A leaking firmware loses a share of the memory per hour of uptime (3% by default).
  if (home.cond.memory_leak) share -= st.memory_leak_per_hour * double(uptime_s()) / 3600.0;
  return static_cast<uint32_t>(total * std::max(0.02, share));
}

uint32_t View::cpu_percent() const {
  size_t assoc = 0;
  for (const auto& s : home.stations) assoc += associated(s) ? 1 : 0;
  double cpu = 3.0 + 1.2 * double(assoc) + 20.0 * util(0, Band::k2g).own;
  cpu += double(mix64(home.seed ^ static_cast<uint64_t>(now / 60000)) % 6);
  if (home.cond.memory_leak && memory_free_kb() < model.memory_total_kb / 10) cpu += 35;  // swapping
  return static_cast<uint32_t>(std::clamp(cpu, 1.0, 100.0));
}

const WanCounters& View::wan_counters() const {
  WanCounters& c = st.wan;
  if (c.last_ms == INT64_MIN || c.last_ms < st.boot_ms) c = WanCounters{st.boot_ms, 0, 0};
  if (now <= c.last_ms) return c;
  double down_mbps = 0;
  for (const auto& s : home.stations) {
    if (associated(s)) down_mbps += s.demand_mbps;
  }
  const double cap = std::clamp(double(home.cond.wan_speed_factor), 0.0, 1.0);
  down_mbps = std::min(down_mbps, home.wan.plan_down_kbps * cap / 1000.0);
  const double up_mbps = std::min(down_mbps * 0.15, home.wan.plan_up_kbps * cap / 1000.0);
  if (wan_up()) {
    const double secs = double(now - c.last_ms) / 1000.0;
    // A little background traffic (updates, the ACS) even in an empty home.
    c.rx_bytes += static_cast<uint64_t>((down_mbps + 0.02) * 125000.0 * secs);
    c.tx_bytes += static_cast<uint64_t>((up_mbps + 0.01) * 125000.0 * secs);
  }
  c.last_ms = now;
  return c;
}

LineFacts View::line() const {
  LineFacts f;
  f.up = wan_up();
  const uint64_t r = mix64(home.seed ^ 0x4c494e45ULL);
  const double factor = std::clamp(double(home.cond.wan_speed_factor), 0.05, 1.0);
  const bool dsl = home.wan.access == Wan::Access::kDsl;
  // A DSL line syncs a little above the plan; a degraded line syncs lower with less margin.
  f.down_max_kbps = static_cast<uint32_t>(home.wan.plan_down_kbps * (1.10 + 0.2 * double(r % 100) / 100.0));
  f.up_max_kbps = static_cast<uint32_t>(home.wan.plan_up_kbps * (1.10 + 0.2 * double((r >> 8) % 100) / 100.0));
  if (f.up) {
    f.down_kbps = static_cast<uint32_t>(home.wan.plan_down_kbps * (dsl ? factor : 1.0));
    f.up_kbps = static_cast<uint32_t>(home.wan.plan_up_kbps * (dsl ? factor : 1.0));
    f.down_margin = static_cast<int32_t>((60 + (r >> 16) % 60) * (dsl ? factor : 1.0));
    f.up_margin = static_cast<int32_t>((60 + (r >> 24) % 60) * (dsl ? factor : 1.0));
  }
  f.down_atten = static_cast<int32_t>(80 + (r >> 32) % 270);
  f.up_atten = f.down_atten / 2;
  // GPON: -17 to -23 dBm received (worse when degraded), 2.2 to 3.0 dBm sent; loss of signal
  // reads -40 dBm.
  f.optical_rx = f.up ? -17000 - static_cast<int32_t>((r >> 40) % 6000) -
                            static_cast<int32_t>(5000 * (1.0 - factor))
                      : -40000;
  f.optical_tx = 2200 + static_cast<int32_t>((r >> 52) % 800);
  return f;
}

std::string View::iso(int64_t ms) const { return format_iso8601(from_unix_ms(ms)); }

const std::string& View::now_iso() const {
  if (now_iso_.empty()) now_iso_ = iso(now);
  return now_iso_;
}

}  // namespace hearth::sim::model
