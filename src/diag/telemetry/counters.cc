// Counter arithmetic and encodings (telemetry.h, counters.h): StatsCounter32/64 with their
// "no data" maximum values and the 32-bit wrap (TR-106, tr069.md 7.6), deltas only within one
// boot; DataElements RCPI/ANPI and 0..255 utilisation (tr069.md 7.4).
#include "diag/telemetry/counters.h"

#include <limits>

#include "core/strings.h"
#include "diag/telemetry/tree.h"

namespace hearth::diag {

const char* band_name(Band b) {
  switch (b) {
    case Band::k2g: return "2.4GHz";
    case Band::k5g: return "5GHz";
    case Band::k6g: return "6GHz";
  }
  return "2.4GHz";
}

int64_t counter_delta(uint64_t before, uint64_t now, int bits) {
  if (bits == 32) {
    constexpr uint64_t kMax = 0xffffffffULL;
    if (before >= kMax || now >= kMax) return -1;  // "no data", or not a 32-bit value
    if (now >= before) return static_cast<int64_t>(now - before);
    return static_cast<int64_t>(kMax - before + now + 1);  // wrapped through zero once
  }
  constexpr uint64_t kMax = std::numeric_limits<uint64_t>::max();
  if (before == kMax || now == kMax || now < before) return -1;  // no data, or reset
  const uint64_t d = now - before;
  return d > static_cast<uint64_t>(std::numeric_limits<int64_t>::max()) ? -1 : static_cast<int64_t>(d);
}

double rcpi_to_dbm(double rcpi) {
  // 0..220 encode -110..0 dBm in half dB; 221..254 are reserved and 255 means "not measured".
  if (!known(rcpi) || rcpi < 0 || rcpi > 220) return kUnknown;
  return rcpi / 2.0 - 110.0;
}

double utilisation_255_to_pct(double v) {
  if (!known(v) || v < 0 || v > 255) return kUnknown;
  return v * 100.0 / 255.0;
}

namespace telemetry {
namespace {

// A boot moved the device's boot time later by more than this: session timing and rounding of
// UpTime stay well below it.
constexpr int64_t kBootSlackMs = 60'000;

}  // namespace

Counters::Counters(CounterState& state, int64_t time_ms, int64_t uptime_s)
    : state_(state), time_ms_(time_ms), uptime_s_(uptime_s) {
  if (state.time_ms <= 0 || time_ms <= state.time_ms) return;
  bool rebooted = false;
  if (state.uptime_s >= 0 && uptime_s >= 0) {
    const int64_t boot_before = state.time_ms - state.uptime_s * 1000;
    const int64_t boot_now = time_ms - uptime_s * 1000;
    rebooted = uptime_s < state.uptime_s || boot_now - boot_before > kBootSlackMs;
  }
  comparable_ = !rebooted;
  elapsed_ms_ = time_ms - state.time_ms;
}

int64_t Counters::delta(const std::string& key, const cwmp::ParameterValue* value, int bits, bool valid) {
  if (value == nullptr) return -1;
  const auto now = parse_uint64(value->value);
  if (!now) return -1;
  seen_[key] = *now;
  if (!comparable_ || !valid) return -1;
  auto before = state_.values.find(key);
  if (before == state_.values.end()) return -1;
  return counter_delta(before->second, *now, counter_bits(*value, bits));
}

double Counters::rate_mbps(const std::string& key, const cwmp::ParameterValue* value, int bits, bool valid) {
  const int64_t d = delta(key, value, bits, valid);
  if (d < 0 || elapsed_ms_ <= 0) return kUnknown;
  return static_cast<double>(d) * 8.0 / static_cast<double>(elapsed_ms_) / 1000.0;
}

int64_t Counters::last_event_ms(const std::string& key) const {
  if (auto it = events_.find(key); it != events_.end()) return it->second;
  auto it = state_.last_event_ms.find(key);
  return it != state_.last_event_ms.end() ? it->second : 0;
}

void Counters::saw_event(const std::string& key, int64_t ms) {
  if (ms > last_event_ms(key)) events_[key] = ms;
}

void Counters::finish() {
  state_.values = std::move(seen_);
  for (const auto& [key, ms] : events_) state_.last_event_ms[key] = ms;
  state_.time_ms = time_ms_;
  state_.uptime_s = uptime_s_;
}

}  // namespace telemetry
}  // namespace hearth::diag
