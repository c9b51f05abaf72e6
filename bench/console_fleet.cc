// The generated fleet of the console benchmarks (console_fleet.h).
#include "console_fleet.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdio>

#include <nlohmann/json.hpp>

#include "core/ids.h"
#include "diag/diagnosis.h"
#include "diag/diagnosis_json.h"
#include "insight/finding_record.h"
#include "insight/points.h"

namespace hearth::bench {

namespace {

constexpr int64_t kHourMs = 3'600'000;
constexpr int64_t kDayMs = 24 * kHourMs;

// A stable pseudo-random number for (seed, home, what).
uint64_t mix(uint64_t seed, int64_t n, uint64_t what) {
  uint64_t z = seed * 0x9E3779B97F4A7C15ull + static_cast<uint64_t>(n) * 0xBF58476D1CE4E5B9ull + what * 0x94D049BB133111EBull;
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}
double unit(uint64_t seed, int64_t n, uint64_t what) { return static_cast<double>(mix(seed, n, what) >> 11) / 9007199254740992.0; }

struct Model {
  const char* oui;
  const char* product_class;
  const char* manufacturer;
  const char* root;
  const char* versions[3];
};
constexpr Model kGateways[] = {
    {"202BC1", "BM632w", "Huawei Technologies Co., Ltd.", "InternetGatewayDevice.", {"V100R001C56B017", "V100R001C56B021", "V100R001C56B025"}},
    {"00D09E", "HG8245", "Huawei Technologies Co., Ltd.", "InternetGatewayDevice.", {"V3R017C10S100", "V3R017C10S115", "V3R018C10S130"}},
    {"001E80", "FRITZ7590", "AVM GmbH", "Device.", {"7.29", "7.50", "7.57"}},
    {"3C9066", "ZXHN-H298A", "ZTE Corporation", "Device.", {"2.1.0", "2.3.1", "2.3.4"}},
};
constexpr Model kExtenders[] = {
    {"001E80", "FRITZ-REP3000", "AVM GmbH", "Device.", {"7.50", "7.57", "7.57"}},
    {"3C9066", "ZXHN-E1600", "ZTE Corporation", "Device.", {"1.0.2", "1.1.0", "1.1.0"}},
};
constexpr const char* kFirst[] = {"Anna", "Lars", "Maria", "Jonas", "Eva", "Peter", "Sofia", "Karl", "Emma", "Lukas",
                                  "Ines", "Oskar", "Greta", "Felix", "Hanna", "Erik"};
constexpr const char* kLast[] = {"Berg", "Schmidt", "Lindqvist", "Meyer", "Nilsson", "Fischer", "Weber", "Johansson",
                                 "Wagner", "Karlsson", "Becker", "Holm", "Hoffmann", "Strand", "Koch", "Ek"};
constexpr const char* kStreets[] = {"Lindenweg", "Storgatan", "Hauptstrasse", "Kyrkvagen", "Bahnhofstrasse", "Parkallee"};
constexpr const char* kCities[] = {"Uppsala", "Freiburg", "Malmo", "Kassel", "Orebro", "Bremen"};

struct Code {
  const char* code;
  diag::Severity severity;
  diag::EntityKind entity;
  const char* action;
  int cost;
};
constexpr Code kCodes[] = {
    {"WIFI-COV-1", diag::Severity::kWarning, diag::EntityKind::kStation, "move-extender", 12},
    {"WIFI-CAP-1", diag::Severity::kWarning, diag::EntityKind::kRadio, "change-channel", 10},
    {"WIFI-RTY-1", diag::Severity::kWarning, diag::EntityKind::kStation, "change-channel", 8},
    {"WAN-SPD-1", diag::Severity::kCritical, diag::EntityKind::kWan, "contact-provider", 25},
    {"WIFI-BH-1", diag::Severity::kWarning, diag::EntityKind::kNode, "move-extender", 15},
    {"SYS-MEM-1", diag::Severity::kWarning, diag::EntityKind::kDevice, "reboot", 10},
    {"SYS-CRASH-1", diag::Severity::kCritical, diag::EntityKind::kDevice, "upgrade-firmware", 30},
    {"WIFI-PHY-2", diag::Severity::kInfo, diag::EntityKind::kStation, "steer-station", 5},
};

std::string mac_of(int64_t n, int s) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "02:%02x:%02x:%02x:%02x:%02x", static_cast<int>((n >> 24) & 255),
                static_cast<int>((n >> 16) & 255), static_cast<int>((n >> 8) & 255), static_cast<int>(n & 255), s);
  return buf;
}

std::string padded(const char* prefix, int64_t n, int width) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%s%0*lld", prefix, width, static_cast<long long>(n));
  return buf;
}

// The time-series keys of a home (insight/points.h) and their values at a time, in key order;
// the keys are made once per home, the values are plain arithmetic, so that a week of samples
// of 10,000 homes is quick to make.
struct Series {
  std::vector<std::string> keys;
  std::vector<int> kind;  // what each key measures (see values_at)
};

enum Kind { kHealth, kWanUp, kWanRx, kWanTx, kPing, kCpu, kMem, kUtil2, kUtil5, kNoise2, kNoise5, kClients,
            kChannel2, kChannel5, kBhSignal, kBhPhy, kSignal, kPhy, kRetrans, kDown, kStaHealth };

Series series_of(int64_t n, int nodes, int stations) {
  Series s;
  auto add = [&s](std::string k, int kind) {
    s.keys.push_back(std::move(k));
    s.kind.push_back(kind);
  };
  add("health", kHealth);
  add("wan/up", kWanUp);
  add("wan/rx_mbps", kWanRx);
  add("wan/tx_mbps", kWanTx);
  add("wan/ping_ms", kPing);
  add("device/cpu_pct", kCpu);
  add("device/memory_free_pct", kMem);
  for (int node = 0; node < nodes; ++node) {
    for (const char* band : {"2g", "5g"}) {
      const bool two = band[0] == '2';
      const std::string r = "radio/n" + std::to_string(node) + "-" + band + "/";
      add(r + "utilisation_pct", two ? kUtil2 : kUtil5);
      add(r + "noise_dbm", two ? kNoise2 : kNoise5);
      add(r + "clients", kClients);
      add(r + "channel", two ? kChannel2 : kChannel5);
    }
    if (node > 0) {
      add("node/n" + std::to_string(node) + "/backhaul_signal_dbm", kBhSignal);
      add("node/n" + std::to_string(node) + "/backhaul_phy_mbps", kBhPhy);
    }
  }
  for (int st = 0; st < stations; ++st) {
    const std::string k = "sta/" + mac_of(n, st) + "/";
    add(k + "signal_dbm", kSignal);
    add(k + "phy_down_mbps", kPhy);
    add(k + "retrans_pct", kRetrans);
    add(k + "down_mbps", kDown);
    add(k + "health", kStaHealth);
  }
  return s;
}

void values_at(const FleetShape& s, const Series& series, int64_t n, int64_t t, int health, std::vector<double>* out) {
  const double phase = std::sin(static_cast<double>(t % kDayMs) / kDayMs * 6.2831853);
  const double busy = 0.5 + 0.5 * phase;  // evenings busier
  const double jitter = unit(s.seed, n, static_cast<uint64_t>(t / 1000)) - 0.5;
  out->resize(series.keys.size());
  int station = 0;
  int node = 0;
  for (size_t i = 0; i < series.keys.size(); ++i) {
    const double sig = -48 - 4 * station + jitter * 6;
    double v = 0;
    switch (series.kind[i]) {
      case kHealth: v = std::clamp(health + jitter * 6, 0.0, 100.0); break;
      case kWanUp: v = 1; break;
      case kWanRx: v = 2 + busy * 40 + jitter * 4; break;
      case kWanTx: v = 0.5 + busy * 6; break;
      case kPing: v = 12 + busy * 8 + jitter * 3; break;
      case kCpu: v = 15 + busy * 30 + jitter * 10; break;
      case kMem: v = 40 - busy * 10; break;
      case kUtil2: v = 35 + busy * 30 + jitter * 8; break;
      case kUtil5: v = 15 + busy * 30 + jitter * 8; break;
      case kNoise2: v = -90; break;
      case kNoise5: v = -95; break;
      case kClients: v = 1 + static_cast<double>(n % 4); break;
      case kChannel2: v = static_cast<double>(1 + 5 * (n % 3)); break;
      case kChannel5: v = static_cast<double>(36 + 8 * (n % 4)); break;
      case kBhSignal: v = -62 - 4 * (++node) + jitter * 4; break;
      case kBhPhy: v = 400 - 60 * node; break;
      case kSignal: v = sig; break;
      case kPhy: v = std::max(6.0, 600 + sig * 6); break;
      case kRetrans: v = std::max(0.0, 4 + busy * 6 + jitter * 4); break;
      case kDown: v = busy * 12 / (station + 1); break;
      case kStaHealth: v = std::clamp(100 + (sig + 60), 20.0, 100.0); ++station; break;
    }
    (*out)[i] = v;
  }
}

void append_number(std::string* out, double v) {
  char buf[32];
  auto r = std::to_chars(buf, buf + sizeof buf, std::round(v * 100) / 100);
  out->append(buf, r.ptr);
}

// "key=value\n" lines, as insight::encode_points writes them.
std::string encode_sample(const Series& series, const std::vector<double>& v) {
  std::string out;
  out.reserve(series.keys.size() * 40);
  for (size_t i = 0; i < v.size(); ++i) {
    out += series.keys[i];
    out += '=';
    append_number(&out, v[i]);
    out += '\n';
  }
  return out;
}

// "key=count,sum,min,max\n" lines, as insight::encode_rollup writes them.
std::string encode_hour(const Series& series, const std::vector<double>& sum, const std::vector<double>& lo,
                        const std::vector<double>& hi, int count) {
  std::string out;
  out.reserve(series.keys.size() * 60);
  for (size_t i = 0; i < sum.size(); ++i) {
    out += series.keys[i];
    out += '=';
    out += std::to_string(count);
    for (double x : {sum[i], lo[i], hi[i]}) {
      out += ',';
      append_number(&out, x);
    }
    out += '\n';
  }
  return out;
}

diag::Finding finding_of(const FleetShape& s, int64_t n, const Code& c, int64_t start_ms, int64_t end_ms,
                         const std::string& gateway_id) {
  diag::Finding f;
  f.code = c.code;
  f.severity = c.severity;
  f.entity.kind = c.entity;
  switch (c.entity) {
    case diag::EntityKind::kStation: f.entity.id = mac_of(n, 1); f.entity.label = "Laptop"; break;
    case diag::EntityKind::kRadio: f.entity.id = "n0-2g"; f.entity.label = "2.4 GHz radio"; break;
    case diag::EntityKind::kNode: f.entity.id = "n1"; f.entity.label = "Extender"; break;
    case diag::EntityKind::kDevice: f.entity.id = gateway_id; f.entity.label = "Gateway"; break;
    default: break;
  }
  f.evidence = {{"signalDbm", -70 - 10 * unit(s.seed, n, 7), "dBm"}, {"share", 0.6, "%"}};
  f.window_from_ms = start_ms - 10 * 60'000;
  f.window_to_ms = end_ms != 0 ? end_ms : s.now_ms;
  f.start_ms = start_ms;
  f.end_ms = end_ms;
  f.customer_text = "A device in your home has a problem we can fix.";
  f.agent_text = std::string(c.code) + ": measured values past the threshold for 10 minutes";
  f.remedy = {diag::RemedyKind::kRecommendation, c.action, "Try the recommended action."};
  f.health_cost = c.cost;
  return f;
}

store::DeviceRecord device_of(const FleetShape& s, int64_t n, const Model& m, int slot, const std::string& serial,
                              bool online) {
  store::DeviceRecord d;
  d.oui = m.oui;
  d.product_class = m.product_class;
  d.serial_number = serial;
  d.id = make_device_id(d.oui, d.product_class, d.serial_number);
  d.manufacturer = m.manufacturer;
  d.model_name = m.product_class;
  const double v = unit(s.seed, n, 100 + slot);
  d.software_version = m.versions[v < 0.2 ? 0 : v < 0.55 ? 1 : 2];
  d.hardware_version = "A" + std::to_string(1 + slot);
  d.root = m.root;
  d.cwmp_ns = "urn:dslforum-org:cwmp-1-0";
  d.first_seen_ms = s.now_ms - 90 * kDayMs;
  d.last_inform_ms = online ? s.now_ms - static_cast<int64_t>(unit(s.seed, n, 200 + slot) * s.inform_minutes * 60'000)
                            : s.now_ms - static_cast<int64_t>((1 + unit(s.seed, n, 9) * 40) * kHourMs);
  d.last_boot_ms = s.now_ms - static_cast<int64_t>((1 + unit(s.seed, n, 300 + slot) * 20) * kDayMs);
  d.last_bootstrap_ms = d.first_seen_ms;
  d.last_address = "10." + std::to_string((n >> 16) & 255) + "." + std::to_string((n >> 8) & 255) + "." +
                   std::to_string(n & 255);
  d.connection_request_url = "http://" + d.last_address + ":7547/";
  d.inform_interval_s = static_cast<uint32_t>(s.inform_minutes * 60);
  d.cr_username = "acs";
  d.cr_password = "cr-" + serial;
  d.tags = {n % 10 == 0 ? "pilot" : "fleet"};
  d.discovered_ms = d.first_seen_ms;
  return d;
}

}  // namespace

std::string home_id(int64_t n) { return padded("H", n, 7); }
std::string account_of(int64_t n) { return padded("A", n, 7); }

int add_home(const FleetShape& s, const TreeTemplate& tree, int64_t n, store::WriteBatch* batch) {
  const int64_t node_index = n / s.homes_per_node;
  const std::string node_id = padded("AN", node_index, 5);
  const std::string region_id = padded("R", node_index / 20, 3);
  if (n % s.homes_per_node == 0) {
    if (node_index % 20 == 0) batch->add(store::PutRegion{{region_id, "Region " + region_id, s.now_ms, s.now_ms}});
    batch->add(store::PutAccessNode{{node_id, "OLT " + node_id, "olt-port", region_id, s.now_ms, s.now_ms}});
  }
  const std::string home = home_id(n);
  const std::string account = account_of(n);

  // The subscriber.
  store::SubscriberRecord sub;
  sub.account = account;
  const char* first = kFirst[mix(s.seed, n, 1) % std::size(kFirst)];
  const char* last = kLast[mix(s.seed, n, 2) % std::size(kLast)];
  sub.name = std::string(first) + " " + last;
  sub.email = std::string(first) + "." + last + "." + std::to_string(n) + "@example.net";
  std::transform(sub.email.begin(), sub.email.end(), sub.email.begin(), [](char c) { return static_cast<char>(std::tolower(c)); });
  sub.street = std::string(kStreets[mix(s.seed, n, 3) % std::size(kStreets)]) + " " + std::to_string(1 + n % 120);
  sub.postal_code = padded("", 10000 + (n * 37) % 89999, 5);
  sub.city = kCities[mix(s.seed, n, 4) % std::size(kCities)];
  sub.created_ms = s.now_ms - 90 * kDayMs;
  sub.updated_ms = sub.created_ms;
  batch->add(store::PutSubscriber{sub});

  // Devices: a gateway and 0..2 extenders (60% none, 30% one, 10% two); 3% of homes offline.
  const double e = unit(s.seed, n, 5);
  const int nodes = 1 + (e < 0.6 ? 0 : e < 0.9 ? 1 : 2);
  const bool online = unit(s.seed, n, 6) >= 0.03;
  store::HomeRecord h;
  h.id = home;
  h.account = account;
  h.access_node_id = node_id;
  h.plan_down_kbps = n % 3 == 0 ? 250'000 : 100'000;
  h.plan_up_kbps = h.plan_down_kbps / 5;
  h.created_ms = sub.created_ms;
  h.updated_ms = sub.created_ms;
  std::vector<store::DeviceRecord> devices;
  for (int i = 0; i < nodes; ++i) {
    const Model& m = i == 0 ? kGateways[mix(s.seed, n, 10) % std::size(kGateways)]
                            : kExtenders[mix(s.seed, n, 11) % std::size(kExtenders)];
    const std::string serial = padded(i == 0 ? "GW" : "EX", n * 4 + i, 10);
    devices.push_back(device_of(s, n, m, i, serial, online));
    const store::DeviceRecord& d = devices.back();
    h.devices.push_back({i == 0 ? "gateway" : "extender", d.id, serial, d.oui, d.product_class, d.manufacturer});
  }
  batch->add(store::PutHome{h});

  for (size_t i = 0; i < devices.size(); ++i) {
    const store::DeviceRecord& d = devices[i];
    batch->add(store::UpsertDevice{d});
    // Parameters: the first `parameters` values of the template tree, stamped with this device.
    std::vector<cwmp::ParameterValue> values;
    std::vector<std::pair<std::string, bool>> info;
    for (const TemplateParameter& p : tree.parameters()) {
      if (values.size() >= s.parameters) break;
      if (p.object || p.writable) info.emplace_back(p.name, p.writable);
      if (p.object) continue;
      std::string v = p.value;
      if (p.name.find("SerialNumber") != std::string::npos) v = d.serial_number;
      if (p.name.find("SoftwareVersion") != std::string::npos) v = d.software_version;
      if (p.type == cwmp::ValueType::kUnsignedInt && !p.writable) v = std::to_string(mix(s.seed, n, values.size()) % 100000);
      values.push_back(cwmp::ParameterValue{p.name, std::move(v), p.type});
    }
    batch->add(store::PutParameterValues{d.id, std::move(values), d.last_inform_ms});
    batch->add(store::PutParameterInfo{d.id, std::move(info), d.last_inform_ms});

    // Events: periodic Informs over the raw window, a boot or two, a bootstrap long ago.
    std::vector<store::EventRecord> events;
    const int64_t step = s.inform_minutes * 60'000;
    for (int64_t t = d.last_inform_ms; t > s.now_ms - s.raw_hours * kHourMs; t -= step) {
      events.push_back({d.id, t, "2 PERIODIC", ""});
    }
    events.push_back({d.id, d.last_boot_ms, "1 BOOT", ""});
    if (unit(s.seed, n, 400 + i) < 0.3) {
      events.push_back({d.id, d.last_boot_ms - 1000, "M Reboot", "reboot-" + std::to_string(n)});
    }
    events.push_back({d.id, d.first_seen_ms, "0 BOOTSTRAP", ""});
    batch->add(store::AddEvents{std::move(events)});

    // Tasks over the week: reads, a Wi-Fi change, a reboot, sometimes a firmware download.
    const char* names[] = {"getParameterValues", "setParameterValues", "reboot", "download"};
    const int tasks = 1 + static_cast<int>(mix(s.seed, n, 500 + i) % 4);
    for (int k = 0; k < tasks; ++k) {
      store::TaskRecord t;
      t.id = (n * 4 + static_cast<int64_t>(i)) * 8 + k + 1;
      t.device_id = d.id;
      t.name = names[(k + n) % 4];
      t.args_json = t.name == std::string("download") ? R"({"fileType":"1 Firmware Upgrade Image","fileId":"fw"})"
                    : t.name == std::string("reboot") ? "{}"
                                                      : R"({"parameters":["Device.WiFi.SSID.1.SSID"]})";
      t.origin = k % 2 == 0 ? "api" : "system";
      t.created_ms = s.now_ms - static_cast<int64_t>(unit(s.seed, n, 600 + k) * s.days * kDayMs);
      t.updated_ms = t.created_ms + 20'000;
      const bool fault = unit(s.seed, n, 700 + k) < 0.1;
      t.state = fault ? store::TaskState::kFault : store::TaskState::kDone;
      t.attempts = 1;
      if (fault) {
        t.fault_json = R"({"code":9002,"message":"Internal error"})";
      } else {
        t.result_json = R"({"ok":true})";
      }
      batch->add(store::PutTask{std::move(t)});
    }
  }

  // Diagnosis: most homes healthy, some with one to three findings; ended findings in the week.
  const double sick = unit(s.seed, n, 20);
  const int open = online ? (sick < 0.65 ? 0 : sick < 0.85 ? 1 : sick < 0.95 ? 2 : 3) : 0;
  diag::Diagnosis dg;
  dg.home_id = home;
  dg.time_ms = online ? devices[0].last_inform_ms : s.now_ms - 2 * kHourMs;
  int health = 100;
  for (int k = 0; k < open; ++k) {
    const Code& c = kCodes[mix(s.seed, n, 30 + k) % std::size(kCodes)];
    const int64_t start = s.now_ms - static_cast<int64_t>(unit(s.seed, n, 40 + k) * s.days * kDayMs);
    diag::Finding f = finding_of(s, n, c, start, 0, devices[0].id);
    health -= c.cost;
    dg.health_costs.push_back({c.code, f.entity, c.cost});
    dg.findings.push_back(f);
    batch->add(store::PutFinding{insight::finding_record(home, f)});
  }
  const int ended = static_cast<int>(mix(s.seed, n, 50) % 4);
  for (int k = 0; k < ended; ++k) {
    const Code& c = kCodes[mix(s.seed, n, 60 + k) % std::size(kCodes)];
    const int64_t start = s.now_ms - static_cast<int64_t>(unit(s.seed, n, 70 + k) * s.days * kDayMs);
    batch->add(store::PutFinding{insight::finding_record(home, finding_of(s, n, c, start, start + 2 * kHourMs, devices[0].id))});
  }
  health = std::max(health, 5);
  dg.health = health;
  if (!dg.findings.empty()) {
    std::sort(dg.findings.begin(), dg.findings.end(), [](const auto& a, const auto& b) { return a.health_cost > b.health_cost; });
    dg.primary = dg.findings.front();
    dg.domain = dg.primary->code.rfind("WAN", 0) == 0 ? "wan" : dg.primary->code.rfind("SYS", 0) == 0 ? "device" : "wifi";
  }
  const int stations = 2 + static_cast<int>(mix(s.seed, n, 80) % 5);  // 2..6 Wi-Fi clients
  for (int st = 0; st < stations; ++st) dg.station_health[mac_of(n, st)] = std::clamp(100 - 8 * st, 20, 100);
  dg.customer_summary = dg.primary ? "We found a problem in your home network." : "Everything looks fine.";
  dg.agent_summary = dg.primary ? dg.primary->agent_text : "healthy";
  batch->add(store::PutDiagnosis{{home, dg.time_ms, dg.health, dg.primary ? dg.primary->code : "", diag::diagnosis_to_json(dg).dump()}});

  // Telemetry: hourly rollups over the week, raw samples over the last raw_hours (offline homes
  // stop when they went quiet). Hours before the raw window are rolled up from one sample.
  const Series series = series_of(n, nodes, stations);
  const int64_t end = online ? s.now_ms : devices[0].last_inform_ms;
  const int64_t period = s.period_minutes * 60'000;
  const int64_t raw_from = s.now_ms - s.raw_hours * kHourMs;
  const int64_t offset = static_cast<int64_t>(mix(s.seed, n, 90) % static_cast<uint64_t>(period));
  std::vector<double> v, sum, lo, hi;
  for (int64_t hour = insight::hour_of(s.now_ms - s.days * kDayMs); hour <= end; hour += kHourMs) {
    int count = 0;
    if (hour + kHourMs <= raw_from) {
      values_at(s, series, n, hour + kHourMs / 2, health, &v);
      count = static_cast<int>(kHourMs / period);
      sum.resize(v.size());
      lo.resize(v.size());
      hi.resize(v.size());
      for (size_t i = 0; i < v.size(); ++i) {
        sum[i] = v[i] * count;
        lo[i] = v[i] - std::fabs(v[i]) * 0.1;
        hi[i] = v[i] + std::fabs(v[i]) * 0.1;
      }
    } else {
      for (int64_t t = hour + offset; t < hour + kHourMs && t <= end; t += period) {
        values_at(s, series, n, t, health, &v);
        if (count == 0) {
          sum.assign(v.size(), 0);
          lo = v;
          hi = v;
        }
        ++count;
        for (size_t i = 0; i < v.size(); ++i) {
          sum[i] += v[i];
          lo[i] = std::min(lo[i], v[i]);
          hi[i] = std::max(hi[i], v[i]);
        }
        if (t >= raw_from) batch->add(store::PutTelemetrySample{{home, t, encode_sample(series, v)}});
      }
    }
    if (count > 0) batch->add(store::PutTelemetryRollup{{home, hour, encode_hour(series, sum, lo, hi, count)}});
  }

  // Tickets: 4% of homes have one (open or solved).
  if (unit(s.seed, n, 95) < 0.04) {
    store::TicketRecord t;
    t.id = n + 1;
    t.account = account;
    t.home_id = home;
    t.state = n % 3 == 0 ? "solved" : n % 3 == 1 ? "new" : "assigned";
    t.source = "selfservice";
    t.cause_code = dg.primary ? dg.primary->code : "";
    t.created_ms = s.now_ms - static_cast<int64_t>(unit(s.seed, n, 96) * s.days * kDayMs);
    t.updated_ms = t.created_ms;
    t.json = nlohmann::json{{"subject", "Slow Wi-Fi"}, {"words", "The internet is slow upstairs."}, {"steps", nlohmann::json::array()},
                            {"comments", nlohmann::json::array()}}.dump();
    batch->add(store::PutTicket{std::move(t)});
  }
  return nodes;
}

}  // namespace hearth::bench
