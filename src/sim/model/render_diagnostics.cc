// The diagnostics objects of both roots (tr069.md 7.5): TR-181 Device.IP.Diagnostics.{IPPing,
// TraceRoute, DownloadDiagnostics, UploadDiagnostics} and Device.WiFi.NeighboringWiFiDiagnostic;
// TR-098 InternetGatewayDevice.{IPPingDiagnostics, DownloadDiagnostics} with the names and types
// of the real Huawei capture. Inputs are kept in the device's map; results exist only while the
// state is Complete(d).
#include <cmath>

#include "core/clock.h"
#include "core/strings.h"
#include "sim/model/diagnostics.h"
#include "sim/model/render.h"

namespace hearth::sim::model {
namespace {

constexpr const char* kUnknownTime = "0001-01-01T00:00:00Z";

struct Ctx {
  const View& v;
  Emitter& e;
  DiagnosticKind kind;
  bool tr098;
  const DiagnosticsStore* d;
  bool done;

  void input(std::string_view leaf, ValueType type, Rule rule, std::string_view fallback) const {
    stored(v, e, leaf, type, rule, fallback, Target::kDiagInput, static_cast<uint8_t>(kind));
  }
  template <class F>
  void result(std::string_view leaf, ValueType type, F&& value) const {
    e.ro(leaf, type, [&] {
      if (done) return value();
      if (type == ValueType::kDateTime) return std::string(kUnknownTime);
      return std::string(type == ValueType::kString ? "" : "0");
    });
  }
  std::string time(int64_t ms) const { return format_iso8601(from_unix_ms(ms), true); }
};

void ping(const Ctx& c) {
  const bool tr098 = c.tr098;
  c.input("Interface", ValueType::kString, length(0, 256), "");
  if (!tr098) c.input("ProtocolVersion", ValueType::kString, one_of("Any,IPv4,IPv6"), "Any");
  c.input("Host", ValueType::kString, length(0, 256), "");
  c.input("NumberOfRepetitions", ValueType::kUnsignedInt, range(1, 4294967295LL), "3");
  c.input("Timeout", ValueType::kUnsignedInt, range(1, 4294967295LL), "1000");
  c.input("DataBlockSize", ValueType::kUnsignedInt, range(1, 65535), "64");
  c.input("DSCP", ValueType::kUnsignedInt, range(0, 63), "0");
  if (!tr098) c.result("IPAddressUsed", ValueType::kString, [&] { return c.d->ip_used; });
  const PingResult* r = c.d != nullptr ? &c.d->ping : nullptr;
  c.result("SuccessCount", ValueType::kUnsignedInt, [&] { return u64(r->success); });
  c.result("FailureCount", ValueType::kUnsignedInt, [&] { return u64(r->failure); });
  c.result("AverageResponseTime", ValueType::kUnsignedInt, [&] { return u64(r->avg_ms); });
  c.result("MinimumResponseTime", ValueType::kUnsignedInt, [&] { return u64(r->min_ms); });
  c.result("MaximumResponseTime", ValueType::kUnsignedInt, [&] { return u64(r->max_ms); });
  if (tr098) return;
  c.result("AverageResponseTimeDetailed", ValueType::kUnsignedInt, [&] { return u64(r->avg_us); });
  c.result("MinimumResponseTimeDetailed", ValueType::kUnsignedInt, [&] { return u64(r->min_us); });
  c.result("MaximumResponseTimeDetailed", ValueType::kUnsignedInt, [&] { return u64(r->max_us); });
}

void transfer(const Ctx& c) {
  const bool down = c.kind == DiagnosticKind::kDownload;
  const bool tr098 = c.tr098;
  // TR-098 counts bytes in 32 bits; Device:2 in 64.
  const ValueType counter = tr098 ? ValueType::kUnsignedInt : ValueType::kUnsignedLong;
  const TransferResult* r = c.d == nullptr ? nullptr : down ? &c.d->download : &c.d->upload;
  c.input("Interface", ValueType::kString, length(0, 256), "");
  c.input(down ? "DownloadURL" : "UploadURL", ValueType::kString, length(0, 256), "");
  c.input("DSCP", ValueType::kUnsignedInt, range(0, 63), "0");
  c.input("EthernetPriority", ValueType::kUnsignedInt, range(0, 7), "0");
  if (!down) c.input("TestFileLength", tr098 ? ValueType::kUnsignedInt : ValueType::kUnsignedLong, {}, "0");
  if (!tr098) {
    c.input("ProtocolVersion", ValueType::kString, one_of("Any,IPv4,IPv6"), "Any");
    c.input("NumberOfConnections", ValueType::kUnsignedInt, range(1, 8), "1");
    c.result("IPAddressUsed", ValueType::kString, [&] { return c.d->ip_used; });
  }
  c.result("ROMTime", ValueType::kDateTime, [&] { return c.time(r->rom_ms); });
  c.result("BOMTime", ValueType::kDateTime, [&] { return c.time(r->bom_ms); });
  c.result("EOMTime", ValueType::kDateTime, [&] { return c.time(r->eom_ms); });
  auto wrap = [&](uint64_t v) { return u64(tr098 ? v & 0xffffffffu : v); };
  c.result(down ? "TestBytesReceived" : "TestBytesSent", counter, [&] { return wrap(r->test_bytes); });
  c.result("TotalBytesReceived", counter, [&] { return wrap(r->total_rx); });
  if (!tr098 || !down) c.result("TotalBytesSent", counter, [&] { return wrap(r->total_tx); });
  c.result("TCPOpenRequestTime", ValueType::kDateTime, [&] { return c.time(r->tcp_request_ms); });
  c.result("TCPOpenResponseTime", ValueType::kDateTime, [&] { return c.time(r->tcp_response_ms); });
}

void trace(const Ctx& c) {
  const TraceResult* r = c.d != nullptr ? &c.d->trace : nullptr;
  c.input("Interface", ValueType::kString, length(0, 256), "");
  c.input("ProtocolVersion", ValueType::kString, one_of("Any,IPv4,IPv6"), "Any");
  c.input("Host", ValueType::kString, length(0, 256), "");
  c.input("NumberOfTries", ValueType::kUnsignedInt, range(1, 3), "3");
  c.input("Timeout", ValueType::kUnsignedInt, range(1, 4294967295LL), "5000");
  c.input("DataBlockSize", ValueType::kUnsignedInt, range(1, 65535), "38");
  c.input("DSCP", ValueType::kUnsignedInt, range(0, 63), "0");
  c.input("MaxHopCount", ValueType::kUnsignedInt, range(1, 64), "30");
  c.result("IPAddressUsed", ValueType::kString, [&] { return c.d->ip_used; });
  c.result("ResponseTime", ValueType::kUnsignedInt, [&] { return u64(r->response_ms); });
  const size_t hops = c.done ? r->hops.size() : 0;
  c.e.ro("RouteHopsNumberOfEntries", ValueType::kUnsignedInt, [&] { return u64(hops); });
  Scope table(c.e, "RouteHops");
  if (!table) return;
  for (size_t i = 0; i < hops; ++i) {
    Scope inst(c.e, static_cast<uint32_t>(i + 1));
    if (!inst) continue;
    const TraceHop& h = r->hops[i];
    c.e.ro("Host", ValueType::kString, [&] { return h.host; });
    c.e.ro("HostAddress", ValueType::kString, [&] { return h.address; });
    c.e.ro("ErrorCode", ValueType::kUnsignedInt, [&] { return u64(h.error); });
    c.e.ro("RTTimes", ValueType::kString, [&] { return h.rt_times; });
  }
}

void neighbours(const Ctx& c) {
  const View& v = c.v;
  std::vector<const Neighbour*> seen;
  if (c.done) {
    for (const Neighbour& n : c.d->neighbours) {
      if (v.node_has_band(0, n.band)) seen.push_back(&n);
    }
  }
  c.e.ro("ResultNumberOfEntries", ValueType::kUnsignedInt, [&] { return u64(seen.size()); });
  Scope table(c.e, "Result");
  if (!table) return;
  for (size_t i = 0; i < seen.size(); ++i) {
    Scope inst(c.e, static_cast<uint32_t>(i + 1));
    if (!inst) continue;
    const Neighbour& n = *seen[i];
    Emitter& e = c.e;
    e.ro("Radio", ValueType::kString, [&] { return "Device.WiFi.Radio." + u64(radio_instance(v, n.band)); });
    e.ro("SSID", ValueType::kString, [&] { return n.ssid; });
    e.ro("BSSID", ValueType::kString, [&] { return v.mac(n.bssid); });
    e.ro("Mode", ValueType::kString, [] { return std::string("Infrastructure"); });
    e.ro("Channel", ValueType::kUnsignedInt, [&] { return u64(n.channel); });
    e.ro("SignalStrength", ValueType::kInt, [&] { return i64(n.rssi_dbm); });
    e.ro("SecurityModeEnabled", ValueType::kString, [] { return std::string("WPA2"); });
    e.ro("EncryptionMode", ValueType::kString, [] { return std::string("AES"); });
    e.ro("OperatingFrequencyBand", ValueType::kString, [&] { return std::string(band_name(n.band)); });
    e.ro("OperatingStandards", ValueType::kString,
         [&] { return std::string(n.band == Band::k2g ? "n" : n.band == Band::k5g ? "ac" : "ax"); });
    e.ro("OperatingChannelBandwidth", ValueType::kString, [&] { return width_name(n.width_mhz); });
    e.ro("Noise", ValueType::kInt, [&] { return i64(std::lround(v.radio_noise_dbm(n.band))); });
  }
}

}  // namespace

std::string diagnostic_object(bool tr098, DiagnosticKind kind) {
  if (tr098) {
    switch (kind) {
      case DiagnosticKind::kIpPing: return "InternetGatewayDevice.IPPingDiagnostics.";
      case DiagnosticKind::kDownload: return "InternetGatewayDevice.DownloadDiagnostics.";
      default: return {};
    }
  }
  switch (kind) {
    case DiagnosticKind::kIpPing: return "Device.IP.Diagnostics.IPPing.";
    case DiagnosticKind::kDownload: return "Device.IP.Diagnostics.DownloadDiagnostics.";
    case DiagnosticKind::kUpload: return "Device.IP.Diagnostics.UploadDiagnostics.";
    case DiagnosticKind::kTraceRoute: return "Device.IP.Diagnostics.TraceRoute.";
    case DiagnosticKind::kNeighboringWiFi: return "Device.WiFi.NeighboringWiFiDiagnostic.";
  }
  return {};
}

DiagnosticInputs diagnostic_inputs(const DeviceState& st, bool tr098, DiagnosticKind kind) {
  const std::string obj = diagnostic_object(tr098, kind);
  auto text = [&](const char* leaf, const char* fallback) { return st.value_or(obj + leaf, fallback); };
  auto number = [&](const char* leaf, uint64_t fallback) {
    return parse_uint64(text(leaf, "")).value_or(fallback);
  };
  DiagnosticInputs in;
  const bool trace = kind == DiagnosticKind::kTraceRoute;
  in.host = text("Host", "");
  in.repetitions = static_cast<uint32_t>(number("NumberOfRepetitions", 3));
  in.timeout_ms = static_cast<uint32_t>(number("Timeout", trace ? 5000 : 1000));
  in.data_block_size = static_cast<uint32_t>(number("DataBlockSize", trace ? 38 : 64));
  in.url = text(kind == DiagnosticKind::kUpload ? "UploadURL" : "DownloadURL", "");
  in.test_file_length = number("TestFileLength", 0);
  in.tries = static_cast<uint32_t>(number("NumberOfTries", 3));
  in.max_hops = static_cast<uint32_t>(number("MaxHopCount", 30));
  return in;
}

void diagnostics_leaves(const View& v, Emitter& e, DiagnosticKind kind) {
  const DiagnosticsStore* d = v.st.diagnostics.get();
  const std::string& state = d != nullptr ? d->state[kind_index(kind)] : std::string("None");
  const bool done = state == "Complete" || state == "Completed";
  const Ctx c{v, e, kind, v.model.tr098, d, done};
  e.rw("DiagnosticsState", ValueType::kString, one_of(v.model.tr098 ? "Requested" : "Requested,Canceled"),
       Hook{Target::kDiagState, static_cast<uint8_t>(kind)}, [&] { return state; });
  switch (kind) {
    case DiagnosticKind::kIpPing: ping(c); break;
    case DiagnosticKind::kDownload:
    case DiagnosticKind::kUpload: transfer(c); break;
    case DiagnosticKind::kTraceRoute: trace(c); break;
    case DiagnosticKind::kNeighboringWiFi: neighbours(c); break;
  }
}

}  // namespace hearth::sim::model
