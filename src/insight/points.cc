// Time-series points: which values of a snapshot are kept, and their text encodings.
#include "insight/points.h"

#include <charconv>
#include <cstdio>

namespace hearth::insight {
namespace {

void put(Points& out, std::string key, double v) {
  if (diag::known(v)) out.emplace_back(std::move(key), v);
}

// As "%.6g" writes it.
std::string number(double v) {
  char buf[32];
  const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::general, 6);
  if (ec != std::errc()) return "0";
  return std::string(buf, end);
}

bool parse_number(std::string_view s, double* out) {
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), *out);
  return ec == std::errc() && ptr == s.data() + s.size();
}

// Cuts the next line (without its '\n') off the front of `text`.
std::string_view next_line(std::string_view& text) {
  const size_t nl = text.find('\n');
  const std::string_view line = text.substr(0, nl);
  text = nl == std::string_view::npos ? std::string_view() : text.substr(nl + 1);
  return line;
}

// Calls fn(key, rest) for each "key=rest" line.
template <typename Fn>
void each_line(std::string_view text, Fn fn) {
  while (!text.empty()) {
    const std::string_view line = next_line(text);
    const size_t eq = line.rfind('=');
    if (eq == std::string_view::npos || eq == 0) continue;
    if (!fn(line.substr(0, eq), line.substr(eq + 1))) return;
  }
}

// Calls fn(prefix, name, value) for each point of a sample: "key=value" lines (prefix "") and
// grouped lines "prefix/\tname=value\tname=value" (the key is prefix + name).
template <typename Fn>
void each_point(std::string_view text, Fn fn) {
  bool more = true;
  while (more && !text.empty()) {
    std::string_view line = next_line(text);
    const size_t tab = line.find('\t');
    if (tab == std::string_view::npos) {
      each_line(line, [&](std::string_view k, std::string_view v) { return more = fn(std::string_view(), k, v); });
      continue;
    }
    const std::string_view prefix = line.substr(0, tab);
    line.remove_prefix(tab + 1);
    while (more && !line.empty()) {
      const size_t next = line.find('\t');
      const std::string_view field = line.substr(0, next);
      line = next == std::string_view::npos ? std::string_view() : line.substr(next + 1);
      const size_t eq = field.find('=');
      if (eq == std::string_view::npos || eq == 0) continue;
      more = fn(prefix, field.substr(0, eq), field.substr(eq + 1));
    }
  }
}

bool parse_aggregate(std::string_view s, Aggregate* a) {
  double v[4];
  for (int i = 0; i < 4; ++i) {
    const size_t comma = s.find(',');
    if ((comma == std::string_view::npos) != (i == 3)) return false;
    if (!parse_number(s.substr(0, comma), &v[i])) return false;
    if (i < 3) s = s.substr(comma + 1);
  }
  if (v[0] < 1) return false;
  a->count = static_cast<uint32_t>(v[0]);
  a->sum = v[1];
  a->min = v[2];
  a->max = v[3];
  return true;
}

}  // namespace

Points health_points(const diag::Diagnosis& diagnosis) {
  return {{"health", static_cast<double>(diagnosis.health)}};
}

Points points_of(const diag::HomeSnapshot& s, const diag::Diagnosis& d) {
  Points out = health_points(d);
  out.emplace_back("wan/up", s.wan.up ? 1 : 0);
  put(out, "wan/rx_mbps", s.wan.rx_mbps);
  put(out, "wan/tx_mbps", s.wan.tx_mbps);
  if (s.wan.ping.ok) put(out, "wan/ping_ms", s.wan.ping.avg_ms);
  if (s.wan.download.ok) put(out, "wan/download_mbps", s.wan.download.mbps);
  put(out, "device/cpu_pct", s.device.cpu_pct);
  if (diag::known(s.device.memory_total_kib) && s.device.memory_total_kib > 0 &&
      diag::known(s.device.memory_free_kib)) {
    out.emplace_back("device/memory_free_pct", 100.0 * s.device.memory_free_kib / s.device.memory_total_kib);
  }
  for (const auto& r : s.radios) {
    const std::string p = "radio/" + r.id + "/";
    put(out, p + "utilisation_pct", r.utilisation_pct);
    put(out, p + "noise_dbm", r.noise_dbm);
    out.emplace_back(p + "clients", r.clients);
    if (r.channel > 0) out.emplace_back(p + "channel", r.channel);
  }
  for (const auto& st : s.stations) {
    const std::string p = "sta/" + st.mac + "/";
    put(out, p + "signal_dbm", st.signal_dbm);
    put(out, p + "phy_down_mbps", st.phy_down_mbps);
    put(out, p + "retrans_pct", st.retrans_pct);
    put(out, p + "down_mbps", st.down_mbps);
    if (auto it = d.station_health.find(st.mac); it != d.station_health.end()) {
      out.emplace_back(p + "health", it->second);
    }
  }
  for (const auto& n : s.nodes) {
    if (n.gateway) continue;
    const std::string p = "node/" + n.id + "/";
    put(out, p + "backhaul_signal_dbm", n.backhaul_signal_dbm);
    put(out, p + "backhaul_phy_mbps", n.backhaul_phy_mbps);
  }
  return out;
}

std::string encode_points(const Points& points) {
  std::string out;
  out.reserve(points.size() * 20);
  std::string_view open;  // the prefix of the grouped line being written ("" when none)
  for (const auto& [k, v] : points) {
    const size_t slash = k.rfind('/');
    const std::string_view prefix = slash == std::string::npos ? std::string_view() : std::string_view(k).substr(0, slash + 1);
    if (prefix.empty()) {
      if (!open.empty()) out += '\n';
      open = {};
      out += k;
      out += '=';
      out += number(v);
      out += '\n';
      continue;
    }
    if (prefix != open) {
      if (!open.empty()) out += '\n';
      out += prefix;
      open = prefix;
    }
    out += '\t';
    out.append(k, slash + 1);
    out += '=';
    out += number(v);
  }
  if (!open.empty()) out += '\n';
  return out;
}

Points decode_points(std::string_view text) {
  Points out;
  each_point(text, [&](std::string_view prefix, std::string_view name, std::string_view v) {
    double d;
    if (parse_number(v, &d)) {
      std::string key;
      key.reserve(prefix.size() + name.size());
      key.append(prefix).append(name);
      out.emplace_back(std::move(key), d);
    }
    return true;
  });
  return out;
}

bool find_point(std::string_view text, std::string_view key, double* value) {
  bool found = false;
  each_point(text, [&](std::string_view prefix, std::string_view name, std::string_view v) {
    if (key.size() != prefix.size() + name.size() || key.substr(0, prefix.size()) != prefix ||
        key.substr(prefix.size()) != name) {
      return true;
    }
    found = parse_number(v, value);
    return false;
  });
  return found;
}

void add_points(Rollup& rollup, const Points& points) {
  for (const auto& [k, v] : points) {
    Aggregate& a = rollup[k];
    if (a.count == 0) {
      a.min = a.max = v;
    } else {
      a.min = std::min(a.min, v);
      a.max = std::max(a.max, v);
    }
    ++a.count;
    a.sum += v;
  }
}

std::string encode_rollup(const Rollup& rollup) {
  std::string out;
  for (const auto& [k, a] : rollup) {
    out += k;
    out += '=';
    out += std::to_string(a.count) + ',' + number(a.sum) + ',' + number(a.min) + ',' + number(a.max);
    out += '\n';
  }
  return out;
}

Rollup decode_rollup(std::string_view text) {
  Rollup out;
  each_line(text, [&](std::string_view k, std::string_view v) {
    Aggregate a;
    if (parse_aggregate(v, &a)) out[std::string(k)] = a;
    return true;
  });
  return out;
}

bool find_aggregate(std::string_view text, std::string_view key, Aggregate* out) {
  bool found = false;
  each_line(text, [&](std::string_view k, std::string_view v) {
    if (k != key) return true;
    found = parse_aggregate(v, out);
    return false;
  });
  return found;
}

}  // namespace hearth::insight
