// Results of the last TR-143 tests (tr069.md 7.5): Device.IP.Diagnostics.{IPPing,
// DownloadDiagnostics, UploadDiagnostics} or TR-098's InternetGatewayDevice.{IPPingDiagnostics,
// DownloadDiagnostics, UploadDiagnostics}. A result exists once the state is final: "Complete"
// (TR-098 transfers and Device:2 before 2.17: "Completed") or an Error_ state. Throughput is
// TestBytes * 8 / (EOMTime - BOMTime).
#include "core/strings.h"
#include "diag/telemetry/builder.h"

namespace hearth::diag::telemetry {
namespace {

bool complete(std::string_view state) { return state == "Complete" || state == "Completed"; }
bool finished(std::string_view state) { return complete(state) || starts_with(state, "Error_"); }

// The host part of a URL ("http://speed.example:8080/file" -> "speed.example").
std::string_view url_host(std::string_view url) {
  const size_t scheme = url.find("://");
  url = scheme == std::string_view::npos ? url : url.substr(scheme + 3);
  return url.substr(0, url.find_first_of(":/?"));
}

// A response time in ms, from the microsecond leaf (Device:2) when it has one, else the ms leaf.
double response_ms(const Builder& b, const std::string& obj, const std::string& leaf) {
  const double us = b.tree.number(obj + leaf + "Detailed");
  if (known(us) && us > 0) return us / 1000.0;
  return b.tree.number(obj + leaf);
}

void read_ping(Builder& b, const std::string& obj) {
  const std::string_view state = b.tree.str(obj + "DiagnosticsState");
  if (!finished(state)) return;
  PingResult& p = b.snap.wan.ping;
  p.time_ms = b.snap.time_ms;
  p.host = std::string(b.tree.str(obj + "Host"));
  p.ok = complete(state);
  p.name_resolution_failed = state == "Error_CannotResolveHostName";
  if (!p.ok) return;
  p.success_count = static_cast<uint32_t>(b.tree.unsigned_int(obj + "SuccessCount").value_or(0));
  p.failure_count = static_cast<uint32_t>(b.tree.unsigned_int(obj + "FailureCount").value_or(0));
  if (p.success_count > 0) {
    p.avg_ms = response_ms(b, obj, "AverageResponseTime");
    p.max_ms = response_ms(b, obj, "MaximumResponseTime");
  }
}

void read_transfer(Builder& b, const std::string& obj, bool download) {
  const std::string_view state = b.tree.str(obj + "DiagnosticsState");
  if (!finished(state)) return;
  SpeedResult& r = download ? b.snap.wan.download : b.snap.wan.upload;
  r.time_ms = b.snap.time_ms;
  r.ok = complete(state);
  // TR-098 has no Error_CannotResolveHostName for transfers: a connection that could not start
  // towards a host name while the WAN is up is the resolver's failure.
  const std::string_view host = url_host(b.tree.str(obj + (download ? "DownloadURL" : "UploadURL")));
  r.name_resolution_failed = state == "Error_CannotResolveHostName" ||
                             (b.tr098 && state == "Error_InitConnectionFailed" && b.snap.wan.up &&
                              !host.empty() && !parse_ipv4(host));
  if (!r.ok) return;
  // The test's payload; TR-098 uploads only say the file's length and the total sent.
  const std::vector<const char*> leaves =
      download ? std::vector<const char*>{"TestBytesReceived", "TotalBytesReceived"}
               : std::vector<const char*>{"TestBytesSent", "TestFileLength", "TotalBytesSent"};
  double bytes = kUnknown;
  for (const char* leaf : leaves) {
    const double v = b.tree.number(obj + leaf);
    if (!known(bytes) && known(v) && v > 0) bytes = v;
  }
  const auto bom = b.tree.time_ms(obj + "BOMTime");
  const auto eom = b.tree.time_ms(obj + "EOMTime");
  if (known(bytes) && bom && eom && *eom > *bom) r.mbps = bytes * 8.0 / static_cast<double>(*eom - *bom) / 1000.0;
}

}  // namespace

void read_diagnostics(Builder& b) {
  const std::string base = b.tr098 ? b.root : b.root + "IP.Diagnostics.";
  read_ping(b, base + (b.tr098 ? "IPPingDiagnostics." : "IPPing."));
  read_transfer(b, base + "DownloadDiagnostics.", true);
  read_transfer(b, base + "UploadDiagnostics.", false);
}

}  // namespace hearth::diag::telemetry
