// TR-143 diagnostics computed from the home's WAN (diagnostics.h). Result fields and error states
// follow Device:2.17 (Device.IP.Diagnostics.*) and IGD:1.14 (IPPingDiagnostics,
// DownloadDiagnostics); the transfer timestamps respect TCPOpenRequestTime < TCPOpenResponseTime
// < ROMTime < BOMTime < EOMTime.
#include "sim/model/diagnostics.h"

#include <algorithm>
#include <cmath>

#include "sim/model/format.h"

namespace hearth::sim::model {
namespace {

// SplitMix64: deterministic per (home, kind, time).
class Mix {
 public:
  explicit Mix(uint64_t seed) : s_(seed) {}
  uint64_t next() {
    uint64_t z = (s_ += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }

 private:
  uint64_t s_;
};

struct Path {
  bool up = false;
  bool dns_ok = false;
  double latency_ms = 0;
  double loss_pct = 0;
  double down_kbps = 0;
  double up_kbps = 0;
};

Path wan_path(const Home& h) {
  Path p;
  p.up = !(h.cond.wan_down || h.cond.unreachable || h.cond.powered_off);
  p.dns_ok = !h.cond.dns_failure;
  p.latency_ms = std::max(1.0, double(h.wan.base_latency_ms) + h.cond.wan_extra_latency_ms);
  p.loss_pct = std::clamp(double(h.wan.base_loss_pct) + h.cond.wan_extra_loss_pct, 0.0, 100.0);
  // TCP reaches about 94% of the line rate; loss costs throughput.
  const double factor = std::clamp(double(h.cond.wan_speed_factor), 0.0, 1.0) * 0.94 *
                        std::max(0.05, 1.0 - 0.08 * p.loss_pct);
  p.down_kbps = std::max(64.0, h.wan.plan_down_kbps * factor);
  p.up_kbps = std::max(32.0, h.wan.plan_up_kbps * factor);
  return p;
}

std::string url_host(const std::string& url) {
  size_t start = url.find("://");
  start = start == std::string::npos ? 0 : start + 3;
  size_t end = url.find_first_of(":/?", start);
  if (end == std::string::npos) end = url.size();
  return url.substr(start, end - start);
}

// Bytes of a test transfer: the size given, else a file that takes about 8 s at the plan speed.
uint64_t test_size(uint64_t given, uint32_t plan_kbps) {
  if (given > 0) return given;
  return std::clamp<uint64_t>(uint64_t{plan_kbps} * 1000, 1'000'000, 200'000'000);
}

int64_t transfer_ms(uint64_t bytes, double kbps) {
  return static_cast<int64_t>(std::ceil(double(bytes) * 8.0 / kbps));
}

uint64_t seed_for(const Home& h, DiagnosticKind kind, int64_t now_ms) {
  return h.seed ^ (uint64_t(kind_index(kind)) << 56) ^ static_cast<uint64_t>(now_ms);
}

std::string ping_state(const Path& p, const std::string& host, std::string* error) {
  if (host.empty()) return *error = "Error_CannotResolveHostName";
  if (!is_ipv4_literal(host) && (!p.dns_ok || !p.up)) return *error = "Error_CannotResolveHostName";
  return {};
}

void run_ping(const Home& h, const DiagnosticInputs& in, Mix& mix, DiagnosticsStore* st) {
  const Path p = wan_path(h);
  std::string error;
  if (!ping_state(p, in.host, &error).empty()) {
    st->state[kind_index(DiagnosticKind::kIpPing)] = error;
    return;
  }
  PingResult r;
  const uint32_t n = std::max<uint32_t>(1, in.repetitions);
  double sum = 0, lo = 1e12, hi = 0;
  for (uint32_t i = 0; i < n; ++i) {
    const double rtt = p.latency_ms * (0.9 + 0.3 * mix.uniform()) + in.data_block_size / 1500.0;
    const bool lost = !p.up || mix.uniform() * 100.0 < p.loss_pct || rtt > in.timeout_ms;
    if (lost) {
      ++r.failure;
      continue;
    }
    ++r.success;
    sum += rtt;
    lo = std::min(lo, rtt);
    hi = std::max(hi, rtt);
  }
  if (r.success > 0) {
    const double avg = sum / r.success;
    r.avg_ms = static_cast<uint32_t>(std::lround(avg));
    r.min_ms = static_cast<uint32_t>(std::lround(lo));
    r.max_ms = static_cast<uint32_t>(std::lround(hi));
    r.avg_us = static_cast<uint32_t>(std::lround(avg * 1000));
    r.min_us = static_cast<uint32_t>(std::lround(lo * 1000));
    r.max_us = static_cast<uint32_t>(std::lround(hi * 1000));
  }
  st->ping = r;
  st->state[kind_index(DiagnosticKind::kIpPing)] = "Complete";
}

void run_transfer(const Home& h, DiagnosticKind kind, const DiagnosticInputs& in, bool tr098,
                  int64_t now_ms, Mix& mix, DiagnosticsStore* st) {
  const Path p = wan_path(h);
  const bool down = kind == DiagnosticKind::kDownload;
  std::string& state = st->state[kind_index(kind)];
  const std::string host = url_host(in.url);
  if (host.empty() || !p.up) {
    state = "Error_InitConnectionFailed";
    return;
  }
  if (!is_ipv4_literal(host) && !p.dns_ok) {
    state = tr098 ? "Error_InitConnectionFailed" : "Error_CannotResolveHostName";
    return;
  }
  const double kbps = (down ? p.down_kbps : p.up_kbps) * (0.97 + 0.06 * mix.uniform());
  TransferResult r;
  r.test_bytes = test_size(down ? 0 : in.test_file_length,
                           down ? h.wan.plan_down_kbps : h.wan.plan_up_kbps);
  const int64_t rtt = std::max<int64_t>(1, std::lround(p.latency_ms));
  r.eom_ms = now_ms;
  r.bom_ms = r.eom_ms - std::max<int64_t>(1, transfer_ms(r.test_bytes, kbps));
  r.rom_ms = r.bom_ms - rtt;
  r.tcp_response_ms = r.rom_ms - 1;
  r.tcp_request_ms = r.tcp_response_ms - rtt;
  const uint64_t headers = 400 + r.test_bytes / 300;  // HTTP and TCP/IP overhead
  const uint64_t acks = r.test_bytes / 40;
  r.total_rx = down ? r.test_bytes + headers : acks;
  r.total_tx = down ? acks : r.test_bytes + headers;
  (down ? st->download : st->upload) = r;
  state = down && tr098 ? "Completed" : "Complete";
}

void run_trace(const Home& h, const DiagnosticInputs& in, Mix& mix, DiagnosticsStore* st) {
  const Path p = wan_path(h);
  std::string& state = st->state[kind_index(DiagnosticKind::kTraceRoute)];
  std::string error;
  if (!ping_state(p, in.host, &error).empty()) {
    state = error;
    return;
  }
  if (!p.up) {
    state = "Error_NoRouteToHost";
    return;
  }
  TraceResult r;
  const uint32_t hops = std::min<uint32_t>(std::max<uint32_t>(1, in.max_hops),
                                           6 + static_cast<uint32_t>(h.seed % 4));
  // A name resolves to an address of its own (198.51.100.0/24, documentation range).
  uint32_t name_hash = 2166136261u;
  for (unsigned char c : in.host) name_hash = (name_hash ^ c) * 16777619u;
  const uint32_t target = is_ipv4_literal(in.host) ? 0 : 0xc6336400u + 1 + name_hash % 254;
  for (uint32_t i = 1; i <= hops; ++i) {
    TraceHop hop;
    if (i == hops) {
      hop.address = target == 0 ? in.host : ipv4_string(target);
      hop.host = in.host;
    } else if (i == 1) {
      hop.address = ipv4_string((h.wan.ipv4 & 0xffffff00u) | 1u);  // the BNG / CMTS
      hop.host = hop.address;
    } else {
      hop.address = ipv4_string(0x0a000000u + (uint32_t(h.access_node) << 8) + i * 4 + 1);
      hop.host = hop.address;
    }
    const double base = p.latency_ms * i / hops;
    for (uint32_t t = 0; t < std::max<uint32_t>(1, in.tries); ++t) {
      if (t > 0) hop.rt_times.push_back(',');
      hop.rt_times += std::to_string(std::max<long>(1, std::lround(base * (0.9 + 0.3 * mix.uniform()))));
    }
    if (i == hops) r.response_ms = static_cast<uint32_t>(std::max<long>(1, std::lround(base)));
    r.hops.push_back(std::move(hop));
  }
  st->trace = std::move(r);
  state = "Complete";
}

}  // namespace

int64_t diagnostic_duration_ms(const Home& home, DiagnosticKind kind, const DiagnosticInputs& in) {
  const Path p = wan_path(home);
  switch (kind) {
    case DiagnosticKind::kIpPing:
      return int64_t{std::max<uint32_t>(1, in.repetitions)} * 1000 + std::lround(p.latency_ms);
    case DiagnosticKind::kDownload:
      return 1500 + transfer_ms(test_size(0, home.wan.plan_down_kbps), p.down_kbps);
    case DiagnosticKind::kUpload:
      return 1500 + transfer_ms(test_size(in.test_file_length, home.wan.plan_up_kbps), p.up_kbps);
    case DiagnosticKind::kTraceRoute:
      return 2000 + int64_t{std::max<uint32_t>(1, in.tries)} * 9 * std::lround(p.latency_ms + 20);
    case DiagnosticKind::kNeighboringWiFi:
      return 8000;
  }
  return 1000;
}

void run_diagnostic(const Home& home, DiagnosticKind kind, const DiagnosticInputs& in, bool tr098,
                    int64_t now_ms, DiagnosticsStore* store) {
  Mix mix(seed_for(home, kind, now_ms));
  const bool up = !(home.cond.wan_down || home.cond.unreachable || home.cond.powered_off);
  store->ip_used = up ? ipv4_string(home.wan.ipv4) : "";
  switch (kind) {
    case DiagnosticKind::kIpPing:
      run_ping(home, in, mix, store);
      break;
    case DiagnosticKind::kDownload:
    case DiagnosticKind::kUpload:
      run_transfer(home, kind, in, tr098, now_ms, mix, store);
      break;
    case DiagnosticKind::kTraceRoute:
      run_trace(home, in, mix, store);
      break;
    case DiagnosticKind::kNeighboringWiFi:
      store->neighbours = home.env.neighbours;
      store->state[kind_index(kind)] = "Complete";
      break;
  }
}

}  // namespace hearth::sim::model
