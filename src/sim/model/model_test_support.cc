// Test fixtures of the data model tests (model_test_support.h).
#include "sim/model/model_test_support.h"

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "cwmp/datamodel_csv.h"

namespace hearth::sim::model::testing {
namespace {

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

uint8_t find_model(bool tr098, bool six) {
  const auto& t = models();
  for (size_t i = 0; i < t.size(); ++i) {
    if (t[i].tr098 == tr098 && (tr098 || t[i].supports_6g == six)) return static_cast<uint8_t>(i);
  }
  return 0;
}

std::string attribute(const std::string& text, size_t tag, const char* attr) {
  const size_t end = text.find('>', tag);
  const std::string key = std::string(attr) + "=\"";
  size_t at = text.find(key, tag);
  if (at == std::string::npos || at > end) return {};
  at += key.size();
  return text.substr(at, text.find('"', at) - at);
}

std::optional<cwmp::ValueType> primitive(const std::string& tag) {
  if (tag == "string" || tag == "list") return cwmp::ValueType::kString;
  if (tag == "unsignedInt") return cwmp::ValueType::kUnsignedInt;
  if (tag == "int") return cwmp::ValueType::kInt;
  if (tag == "unsignedLong") return cwmp::ValueType::kUnsignedLong;
  if (tag == "long") return cwmp::ValueType::kLong;
  if (tag == "boolean") return cwmp::ValueType::kBoolean;
  if (tag == "dateTime") return cwmp::ValueType::kDateTime;
  if (tag == "base64") return cwmp::ValueType::kBase64;
  if (tag == "hexBinary") return cwmp::ValueType::kHexBinary;
  return std::nullopt;
}

// The type in a <syntax> (or <dataType>) body starting at `from`, up to `end`: the first
// primitive element, or a dataType reference resolved through `types`.
cwmp::ValueType syntax_type(const std::string& x, size_t from, size_t end,
                            const std::map<std::string, std::string>& bases,
                            const std::map<std::string, cwmp::ValueType>& types) {
  for (size_t at = x.find('<', from); at != std::string::npos && at < end; at = x.find('<', at + 1)) {
    size_t name_end = x.find_first_of(" />\n", at + 1);
    const std::string tag = x.substr(at + 1, name_end - at - 1);
    if (auto p = primitive(tag)) return *p;
    if (tag == "dataType") {
      std::string ref = attribute(x, at, "ref");
      for (int depth = 0; depth < 8; ++depth) {
        if (auto t = types.find(ref); t != types.end()) return t->second;
        auto b = bases.find(ref);
        if (b == bases.end()) break;
        ref = b->second;
      }
      return cwmp::ValueType::kString;
    }
  }
  return cwmp::ValueType::kString;
}

}  // namespace

uint8_t tr098_model() { return find_model(true, false); }
uint8_t tr181_model() { return find_model(false, false); }
uint8_t tr181_6g_model() { return find_model(false, true); }

Mac mac(uint8_t a, uint8_t b, uint8_t c) { return Mac{{0x02, 0x00, 0x5e, a, b, c}}; }

Station make_station(uint8_t n, Band band, float x, float y) {
  Station s;
  s.mac = mac(1, 0, n);
  s.kind = n % 2 == 0 ? StationKind::kPhone : StationKind::kLaptop;
  s.wifi_generation = 5;
  s.band = band;
  s.x_m = s.anchor_x_m = x;
  s.y_m = s.anchor_y_m = y;
  s.demand_mbps = 2;
  s.associated_since_ms = kT0;
  s.hostname = "station-" + std::to_string(n);
  return s;
}

Home make_home(const HomeSpec& spec) {
  Home h;
  h.index = 7;
  h.id = "home-000007";
  h.subscriber.account = "1000007";
  h.size_x_m = 20;
  h.size_y_m = 10;
  h.seed = 0x5eed;
  h.advanced_to_ms = kT0;
  Node gw;
  gw.gateway = true;
  gw.model = spec.model;
  gw.serial = "SIM00000007";
  gw.mac = mac(0, 0, 0x10);
  gw.x_m = 2;
  gw.y_m = 2;
  h.nodes.push_back(gw);
  for (int i = 0; i < spec.extenders + spec.wired_extenders; ++i) {
    Node ext;
    ext.model = spec.model;
    ext.serial = "SIMEXT0000" + std::to_string(i + 1);
    ext.mac = mac(0, 0, static_cast<uint8_t>(0x18 + 8 * i));
    ext.x_m = 14;
    ext.y_m = 2 + 2.0f * i;
    ext.wired_backhaul = i >= spec.extenders;
    h.nodes.push_back(ext);
  }
  for (int i = 0; i < spec.stations; ++i) {
    h.stations.push_back(
        make_station(static_cast<uint8_t>(i + 1), i % 2 == 0 ? Band::k2g : Band::k5g, 3.0f + i % 3, 3.0f + i % 2));
  }
  h.wan.access = spec.access;
  h.wan.plan_down_kbps = spec.access == Wan::Access::kDsl ? 100000 : 500000;
  h.wan.plan_up_kbps = spec.access == Wan::Access::kDsl ? 40000 : 100000;
  h.wan.ipv4 = 0xcb00710a;  // 203.0.113.10
  h.wifi.ssid = "Hearth-7";
  h.wifi.passphrase = "correct horse battery";
  h.wifi.guest_ssid = "Hearth-7-Guest";
  for (uint8_t i = 0; i < 3; ++i) {
    Neighbour n;
    n.bssid = mac(9, 0, i);
    n.ssid = "Neighbour-" + std::to_string(i);
    n.band = i == 2 ? Band::k5g : Band::k2g;
    n.channel = i == 2 ? 36 : 6;
    n.rssi_dbm = static_cast<int8_t>(-70 - 5 * i);
    h.env.neighbours.push_back(n);
  }
  return h;
}

std::optional<std::string> value_of(const std::vector<Param>& params, const std::string& name) {
  for (const auto& p : params) {
    if (p.name == name) return p.value;
  }
  return std::nullopt;
}

std::string generic_name(const std::string& name) {
  std::string out;
  size_t start = 0;
  while (start < name.size()) {
    size_t dot = name.find('.', start);
    if (dot == std::string::npos) dot = name.size();
    const std::string seg = name.substr(start, dot - start);
    const bool number = !seg.empty() && seg.find_first_not_of("0123456789") == std::string::npos;
    out += number ? "{i}" : seg;
    if (dot < name.size()) out += '.';
    start = dot + 1;
  }
  return out;
}

std::vector<uint32_t> instances(const std::vector<Param>& params, const std::string& table) {
  std::vector<uint32_t> out;
  for (const auto& p : params) {
    if (p.name.compare(0, table.size(), table) != 0) continue;
    const size_t dot = p.name.find('.', table.size());
    if (dot == std::string::npos) continue;
    const uint32_t n = static_cast<uint32_t>(std::stoul(p.name.substr(table.size(), dot - table.size())));
    if (out.empty() || out.back() != n) out.push_back(n);
  }
  return out;
}

Reference load_bbf(const std::string& file) {
  Reference r;
  const std::string x = read_file(file);
  if (x.empty()) return r;
  // Data types: name -> base, or name -> primitive.
  std::map<std::string, std::string> bases;
  std::map<std::string, cwmp::ValueType> types;
  for (size_t at = x.find("<dataType name="); at != std::string::npos; at = x.find("<dataType name=", at + 1)) {
    const std::string name = attribute(x, at, "name");
    const std::string base = attribute(x, at, "base");
    if (!base.empty()) {
      bases[name] = base;
      continue;
    }
    const size_t end = x.find("</dataType>", at);
    types[name] = syntax_type(x, x.find('>', at), end, bases, types);
  }
  std::string object;
  size_t at = 0;
  while (true) {
    const size_t obj = x.find("<object", at), par = x.find("<parameter", at);
    if (obj == std::string::npos && par == std::string::npos) break;
    if (obj < par) {
      object = attribute(x, obj, "name");
      r.objects.insert(object);
      at = obj + 7;
      continue;
    }
    const std::string name = object + attribute(x, par, "name");
    const size_t end = x.find("</parameter>", par);
    const size_t syntax = x.find("<syntax", par);
    r.params[name] = syntax < end ? syntax_type(x, x.find('>', syntax), end, bases, types)
                                  : cwmp::ValueType::kString;
    r.writable[name] = attribute(x, par, "access") == "readWrite";
    at = par + 10;
  }
  return r;
}

Reference load_capture(const std::string& file) {
  Reference r;
  auto rows = cwmp::parse_datamodel_csv(read_file(file));
  if (!rows.ok()) return r;
  for (const auto& row : *rows) {
    const std::string name = generic_name(row.name);
    if (row.is_object) {
      r.objects.insert(name);
    } else {
      r.params[name] = row.type;
      r.writable[name] = row.writable;
    }
  }
  return r;
}

std::string shared_path(const std::string& relative) {
  const char* env = std::getenv("HEARTH_SHARED");
  return std::string(env != nullptr ? env : "/work/shared") + "/" + relative;
}

}  // namespace hearth::sim::model::testing
