// set_diag_option (config.h): one table row per DiagConfig field, by its name.
#include "diag/config.h"

#include <charconv>
#include <cmath>
#include <string_view>
#include <variant>

#include "core/strings.h"

namespace hearth::diag {
namespace {

using Field = std::variant<int64_t DiagConfig::*, int DiagConfig::*, double DiagConfig::*>;

struct Option {
  const char* name;
  Field field;
};

// clang-format off
#define HEARTH_DIAG_OPTION(f) Option{#f, &DiagConfig::f}
// clang-format on

constexpr Option kOptions[] = {
    HEARTH_DIAG_OPTION(persist_ms),
    HEARTH_DIAG_OPTION(clear_ms),
    HEARTH_DIAG_OPTION(outage_persist_ms),
    HEARTH_DIAG_OPTION(outage_clear_ms),
    HEARTH_DIAG_OPTION(weak_signal_2g_dbm),
    HEARTH_DIAG_OPTION(weak_signal_5g_dbm),
    HEARTH_DIAG_OPTION(weak_signal_6g_dbm),
    HEARTH_DIAG_OPTION(weak_clear_margin_db),
    HEARTH_DIAG_OPTION(weak_window_ms),
    HEARTH_DIAG_OPTION(weak_min_share),
    HEARTH_DIAG_OPTION(coverage_hole_dbm),
    HEARTH_DIAG_OPTION(coverage_hole_min_clients),
    HEARTH_DIAG_OPTION(coverage_hole_min_share),
    HEARTH_DIAG_OPTION(coverage_hole_share_min_clients),
    HEARTH_DIAG_OPTION(sticky_signal_dbm),
    HEARTH_DIAG_OPTION(sticky_better_db),
    HEARTH_DIAG_OPTION(sticky_clear_better_db),
    HEARTH_DIAG_OPTION(congestion_warn_pct),
    HEARTH_DIAG_OPTION(congestion_act_pct),
    HEARTH_DIAG_OPTION(congestion_clear_pct),
    HEARTH_DIAG_OPTION(congestion_window_ms),
    HEARTH_DIAG_OPTION(congestion_neighbour_bss),
    HEARTH_DIAG_OPTION(congestion_clients),
    HEARTH_DIAG_OPTION(congestion_own_share),
    HEARTH_DIAG_OPTION(interference_noise_2g_dbm),
    HEARTH_DIAG_OPTION(interference_noise_5g_dbm),
    HEARTH_DIAG_OPTION(interference_noise_rise_db),
    HEARTH_DIAG_OPTION(retry_pct),
    HEARTH_DIAG_OPTION(retry_clear_pct),
    HEARTH_DIAG_OPTION(retry_min_mbps),
    HEARTH_DIAG_OPTION(slow_link_share),
    HEARTH_DIAG_OPTION(slow_link_clear_share),
    HEARTH_DIAG_OPTION(slow_link_min_mbps),
    HEARTH_DIAG_OPTION(legacy_airtime_pct),
    HEARTH_DIAG_OPTION(legacy_clear_airtime_pct),
    HEARTH_DIAG_OPTION(legacy_max_phy_2g_mbps),
    HEARTH_DIAG_OPTION(legacy_max_phy_5g_mbps),
    HEARTH_DIAG_OPTION(legacy_good_snr_db),
    HEARTH_DIAG_OPTION(legacy_radio_util_pct),
    HEARTH_DIAG_OPTION(legacy_radio_clear_util_pct),
    HEARTH_DIAG_OPTION(legacy_radio_window_ms),
    HEARTH_DIAG_OPTION(backhaul_signal_dbm),
    HEARTH_DIAG_OPTION(backhaul_clear_signal_dbm),
    HEARTH_DIAG_OPTION(backhaul_demand_factor),
    HEARTH_DIAG_OPTION(auth_min_failures),
    HEARTH_DIAG_OPTION(auth_window_ms),
    HEARTH_DIAG_OPTION(wifi_speed_share),
    HEARTH_DIAG_OPTION(wifi_speed_max_mbps),
    HEARTH_DIAG_OPTION(mac_efficiency),
    HEARTH_DIAG_OPTION(wan_speed_share),
    HEARTH_DIAG_OPTION(wan_speed_clear_share),
    HEARTH_DIAG_OPTION(wan_latency_ms),
    HEARTH_DIAG_OPTION(wan_loss_pct),
    HEARTH_DIAG_OPTION(wan_loss_min_failures),
    HEARTH_DIAG_OPTION(wan_test_max_age_ms),
    HEARTH_DIAG_OPTION(wan_flap_min_drops),
    HEARTH_DIAG_OPTION(wan_flap_window_ms),
    HEARTH_DIAG_OPTION(crash_min_boots),
    HEARTH_DIAG_OPTION(crash_clear_boots),
    HEARTH_DIAG_OPTION(crash_window_ms),
    HEARTH_DIAG_OPTION(memory_low_pct),
    HEARTH_DIAG_OPTION(memory_clear_low_pct),
    HEARTH_DIAG_OPTION(memory_leak_pct_per_hour),
    HEARTH_DIAG_OPTION(memory_clear_pct_per_hour),
    HEARTH_DIAG_OPTION(memory_min_span_ms),
    HEARTH_DIAG_OPTION(memory_falling_steps),
    HEARTH_DIAG_OPTION(cpu_pct),
    HEARTH_DIAG_OPTION(cpu_clear_pct),
    HEARTH_DIAG_OPTION(cpu_window_ms),
};

#undef HEARTH_DIAG_OPTION

Status bad_value(const std::string& name, const std::string& value, const char* what) {
  return make_error(ErrorCode::kInvalidArgument,
                    "diagnosis option " + name + ": \"" + value + "\" is not " + what);
}

bool parse_double(std::string_view text, double* out) {
  const char* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, *out);
  return ec == std::errc() && ptr == end && std::isfinite(*out);
}

}  // namespace

Status set_diag_option(DiagConfig& config, const std::string& name, const std::string& value) {
  const std::string_view text = trim(value);
  for (const Option& o : kOptions) {
    if (name != o.name) continue;
    if (auto p = std::get_if<double DiagConfig::*>(&o.field)) {
      double v = 0;
      if (text.empty() || !parse_double(text, &v)) return bad_value(name, value, "a number");
      config.*(*p) = v;
    } else if (auto q = std::get_if<int64_t DiagConfig::*>(&o.field)) {
      const auto v = parse_int64(text);
      if (!v || *v < 0) return bad_value(name, value, "a non-negative whole number");
      config.*(*q) = *v;
    } else if (auto r = std::get_if<int DiagConfig::*>(&o.field)) {
      const auto v = parse_int64(text);
      if (!v || *v < 0 || *v > 1'000'000)
        return bad_value(name, value, "a whole number from 0 to 1000000");
      config.*(*r) = static_cast<int>(*v);
    }
    return ok_status();
  }
  return make_error(ErrorCode::kInvalidArgument, "unknown diagnosis option: " + name);
}

std::vector<std::string> diag_option_names() {
  std::vector<std::string> out;
  for (const Option& o : kOptions) out.emplace_back(o.name);
  return out;
}

}  // namespace hearth::diag
