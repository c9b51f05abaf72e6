// The field tables of the live settings (settings_fields.h). The diagnosis table has one row per
// DiagConfig field in declaration order, under the names set_diag_option (diag/config.h) takes,
// so the file's [diagnosis.rules] keys and the API's are the same (settings_fields_test checks
// this against diag_option_names()); the incidents table uses the [incidents] keys, durations in
// seconds as the file has them.
#include "server/settings_fields.h"

#include <cmath>
#include <cstdint>
#include <variant>

namespace hearth::server::settings {

namespace {

using nlohmann::json;

constexpr double kMonthMs = 30.0 * 86'400'000;
constexpr double kMonthS = 30.0 * 86'400;

template <typename T>
struct Field {
  const char* name;
  std::variant<int64_t T::*, int T::*, uint32_t T::*, double T::*> member;
  double scale;  // stored value = JSON value * scale (1000: seconds kept in milliseconds)
  double min;
  double max;
  const char* unit;
  const char* description;
};

using DiagField = Field<diag::DiagConfig>;
using OutField = Field<outage::OutageOptions>;

// Rows by kind of quantity, with the bounds that kind takes.
#define DMS(f, d) DiagField{#f, &diag::DiagConfig::f, 1, 0, kMonthMs, "ms", d}
#define DDBM(f, d) DiagField{#f, &diag::DiagConfig::f, 1, -120, 0, "dBm", d}
#define DDB(f, d) DiagField{#f, &diag::DiagConfig::f, 1, 0, 60, "dB", d}
#define DPCT(f, d) DiagField{#f, &diag::DiagConfig::f, 1, 0, 100, "%", d}
#define DSHARE(f, d) DiagField{#f, &diag::DiagConfig::f, 1, 0, 1, "share", d}
#define DMBPS(f, d) DiagField{#f, &diag::DiagConfig::f, 1, 0, 100'000, "Mbps", d}
#define DCOUNT(f, d) DiagField{#f, &diag::DiagConfig::f, 1, 0, 1'000'000, "", d}
#define DNUM(f, lo, hi, u, d) DiagField{#f, &diag::DiagConfig::f, 1, lo, hi, u, d}

const std::vector<DiagField>& diag_table() {
  static const std::vector<DiagField> t = {
      DMS(persist_ms, "A raise condition must hold this long before a finding opens"),
      DMS(clear_ms, "A clear condition must hold this long before a finding closes"),
      DMS(outage_persist_ms, "Persistence of the outage codes (the offline grace already waited)"),
      DMS(outage_clear_ms, "Clear time of the outage codes"),
      DDBM(weak_signal_2g_dbm, "WIFI-COV-1: weak client signal on 2.4 GHz"),
      DDBM(weak_signal_5g_dbm, "WIFI-COV-1: weak client signal on 5 GHz"),
      DDBM(weak_signal_6g_dbm, "WIFI-COV-1: weak client signal on 6 GHz"),
      DDB(weak_clear_margin_db, "WIFI-COV-1 clears at the threshold plus this margin"),
      DMS(weak_window_ms, "WIFI-COV-1: window the weak signal is judged over"),
      DSHARE(weak_min_share, "WIFI-COV-1: share of the window's samples below the threshold"),
      DDBM(coverage_hole_dbm, "Coverage hole: clients below this on one node"),
      DCOUNT(coverage_hole_min_clients, "Coverage hole: at least this many such clients"),
      DSHARE(coverage_hole_min_share, "Coverage hole: ... or at least this share of the node's clients"),
      DCOUNT(coverage_hole_share_min_clients, "Coverage hole: the share needs at least this many clients"),
      DDBM(sticky_signal_dbm, "WIFI-COV-2: a sticky client is weaker than this on its node"),
      DDB(sticky_better_db, "WIFI-COV-2: ... while another node hears it this much better"),
      DDB(sticky_clear_better_db, "WIFI-COV-2 clears below this advantage"),
      DPCT(congestion_warn_pct, "WIFI-CAP-1: channel utilisation that warns"),
      DPCT(congestion_act_pct, "WIFI-CAP-1: channel utilisation that calls for action"),
      DPCT(congestion_clear_pct, "WIFI-CAP-1 clears below this utilisation"),
      DMS(congestion_window_ms, "WIFI-CAP-1: window the utilisation must be sustained over"),
      DCOUNT(congestion_neighbour_bss, "WIFI-CAP-1: more overlapping BSSs make a crowded channel"),
      DCOUNT(congestion_clients, "WIFI-CAP-1: more clients on a radio are too many"),
      DSHARE(congestion_own_share, "WIFI-CAP-1: own airtime at least this share of the busy time"),
      DDBM(interference_noise_2g_dbm, "WIFI-CAP-2: a 2.4 GHz noise floor above this is raised"),
      DDBM(interference_noise_5g_dbm, "WIFI-CAP-2: a 5 GHz noise floor above this is raised"),
      DDB(interference_noise_rise_db, "WIFI-CAP-2: ... or a 2.4 GHz floor this far above the 5 GHz one"),
      DPCT(retry_pct, "WIFI-RTY-1: retransmissions per 100 packets sent"),
      DPCT(retry_clear_pct, "WIFI-RTY-1 clears below this"),
      DMBPS(retry_min_mbps, "WIFI-RTY-1: only stations with at least this traffic"),
      DSHARE(slow_link_share, "WIFI-PHY-1: PHY rate below this share of what the SNR allows"),
      DSHARE(slow_link_clear_share, "WIFI-PHY-1 clears above this share"),
      DMBPS(slow_link_min_mbps, "WIFI-PHY-1: only stations moving at least this much data"),
      DPCT(legacy_airtime_pct, "WIFI-PHY-2: a slow client using this share of its radio's airtime"),
      DPCT(legacy_clear_airtime_pct, "WIFI-PHY-2 clears below this airtime"),
      DMBPS(legacy_max_phy_2g_mbps, "WIFI-PHY-2: slow capability on 2.4 GHz"),
      DMBPS(legacy_max_phy_5g_mbps, "WIFI-PHY-2: slow capability on 5/6 GHz"),
      DDB(legacy_good_snr_db, "WIFI-PHY-2: the SNR at which a capability is judged"),
      DPCT(legacy_radio_util_pct, "WIFI-PHY-2 without station traffic: radio utilisation"),
      DPCT(legacy_radio_clear_util_pct, "WIFI-PHY-2 without station traffic clears below this"),
      DMS(legacy_radio_window_ms, "WIFI-PHY-2 without station traffic: that busy for this long"),
      DDBM(backhaul_signal_dbm, "WIFI-BH-1: mesh backhaul signal below this"),
      DDBM(backhaul_clear_signal_dbm, "WIFI-BH-1 clears above this"),
      DNUM(backhaul_demand_factor, 0, 100, "", "WIFI-BH-1: backhaul goodput below this times its traffic"),
      DCOUNT(auth_min_failures, "WIFI-AUTH-1: failed joins within the window"),
      DMS(auth_window_ms, "WIFI-AUTH-1: window of the failed joins"),
      DSHARE(wifi_speed_share, "WIFI-SPD-1: station goodput below this share of the WAN test"),
      DMBPS(wifi_speed_max_mbps, "WIFI-SPD-1: ... and below this"),
      DSHARE(mac_efficiency, "Goodput per PHY rate"),
      DSHARE(wan_speed_share, "WAN-SPD-1: speed test below this share of the plan"),
      DSHARE(wan_speed_clear_share, "WAN-SPD-1 clears above this share"),
      DNUM(wan_latency_ms, 0, 10'000, "ms", "WAN-SPD-1: ping latency above this"),
      DPCT(wan_loss_pct, "WAN-SPD-1: ping loss above this"),
      DCOUNT(wan_loss_min_failures, "WAN-SPD-1: failed pings needed"),
      DMS(wan_test_max_age_ms, "Older WAN test results are not used"),
      DCOUNT(wan_flap_min_drops, "WAN-FLAP-1: WAN reconnections within the window"),
      DMS(wan_flap_window_ms, "WAN-FLAP-1: window of the reconnections"),
      DCOUNT(crash_min_boots, "SYS-CRASH-1: boots within the window"),
      DCOUNT(crash_clear_boots, "SYS-CRASH-1 clears at this many boots or fewer"),
      DMS(crash_window_ms, "SYS-CRASH-1: window of the boots"),
      DPCT(memory_low_pct, "SYS-MEM-1: free memory below this"),
      DPCT(memory_clear_low_pct, "SYS-MEM-1 clears above this"),
      DPCT(memory_leak_pct_per_hour, "SYS-MEM-1: free memory falling this much per hour"),
      DPCT(memory_clear_pct_per_hour, "SYS-MEM-1 leak clears below this fall per hour"),
      DMS(memory_min_span_ms, "SYS-MEM-1: a leak is judged over at least this span"),
      DSHARE(memory_falling_steps, "SYS-MEM-1: share of the steps that go down"),
      DPCT(cpu_pct, "SYS-CPU-1: CPU load sustained above this"),
      DPCT(cpu_clear_pct, "SYS-CPU-1 clears below this"),
      DMS(cpu_window_ms, "SYS-CPU-1: window the load must be sustained over"),
  };
  return t;
}

#undef DMS
#undef DDBM
#undef DDB
#undef DPCT
#undef DSHARE
#undef DMBPS
#undef DCOUNT
#undef DNUM

#define OSEC(key, f, lo, d) OutField{key, &outage::OutageOptions::f, 1000, lo, kMonthS, "s", d}
#define OCOUNT(f, lo, hi, d) OutField{#f, &outage::OutageOptions::f, 1, lo, hi, "", d}
#define OSHARE(f, d) OutField{#f, &outage::OutageOptions::f, 1, 0, 1, "share", d}

const std::vector<OutField>& outage_table() {
  static const std::vector<OutField> t = {
      OCOUNT(min_homes, 1, 1'000'000, "An access node is in an outage from this many unreachable homes"),
      OSHARE(min_share, "... or this share of the node's homes, whichever is more"),
      OSEC("window_seconds", window_ms, 1, "Homes count when they went unreachable within this window"),
      OSEC("inform_grace_seconds", inform_grace_ms, 0, "A periodic Inform this late makes a home overdue"),
      OSEC("unreachable_after_seconds", unreachable_after_ms, 0,
           "An overdue home without a probe answer is unreachable after this"),
      OSEC("sentinel_interval_seconds", sentinel_interval_ms, 0,
           "Probe one home of a node not heard from within this (0: off)"),
      OCOUNT(suspect_sample, 0, 1'000'000, "Homes probed on a node's first unexplained failure"),
      OCOUNT(probe_cap, 0, 1'000'000, "At most this many probes per node"),
      OCOUNT(max_probes_per_pass, 0, 10'000'000, "At most this many probes per detector pass"),
      OSEC("recovery_probe_interval_seconds", recovery_probe_interval_ms, 0,
           "Unreachable homes of an open incident are probed this often"),
      OSHARE(confirm_probe_share, "Confirmed when this share of the counted homes failed a probe"),
      OSEC("confirm_after_seconds", confirm_after_ms, 0, "... or when suspected for this long"),
      OSHARE(resolve_share, "Resolves when the unreachable homes fall below this share"),
      OSEC("suspect_timeout_seconds", suspect_timeout_ms, 0, "A suspicion not confirmed within this is dropped"),
      OSEC("baseline_tau_seconds", baseline_tau_ms, 0, "Time constant of a node's noise baseline"),
      OCOUNT(baseline_factor, 0, 100, "Threshold margin: this times the node's baseline"),
      OCOUNT(region_min_nodes, 1, 1'000'000, "A region incident opens when this many of its nodes have one"),
      OSEC("restart_grace_seconds", restart_grace_ms, 0,
           "Silence after a reboot, reset or download is explained for this long"),
      OSEC("degraded_window_seconds", degraded_window_ms, 1,
           "Degraded lines count when their degradation began within this window"),
      OSEC("degraded_confirm_after_seconds", degraded_confirm_after_ms, 0,
           "A degraded suspicion is confirmed when it stays met this long"),
  };
  return t;
}

#undef OSEC
#undef OCOUNT
#undef OSHARE

template <typename T>
bool is_integer(const Field<T>& f) {
  return !std::holds_alternative<double T::*>(f.member);
}

template <typename T>
json read(const T& c, const Field<T>& f) {
  return std::visit(
      [&](auto m) -> json {
        using V = std::remove_reference_t<decltype(c.*m)>;
        if constexpr (std::is_same_v<V, const double>) {
          return c.*m / f.scale;
        } else {
          return static_cast<int64_t>(c.*m) / static_cast<int64_t>(f.scale);
        }
      },
      f.member);
}

std::string number_text(double v) {
  if (v == std::floor(v) && std::fabs(v) < 1e15) return std::to_string(static_cast<int64_t>(v));
  json j = v;
  return j.dump();
}

template <typename T>
Status bad(const char* section, const Field<T>& f, const std::string& what) {
  return make_error(ErrorCode::kInvalidArgument, std::string(section) + "." + f.name + ": " + what);
}

template <typename T>
Status write(const char* section, const Field<T>& f, const json& v, T* c) {
  const bool integer = is_integer(f);
  const std::string range = "from " + number_text(f.min) + " to " + number_text(f.max);
  if (!v.is_number()) return bad(section, f, "must be a number " + range);
  if (integer && !v.is_number_integer() && !v.is_number_unsigned()) {
    return bad(section, f, "must be a whole number " + range);
  }
  const double d = v.get<double>();
  if (!std::isfinite(d) || d < f.min || d > f.max) {
    return bad(section, f, std::string(integer ? "must be a whole number " : "must be a number ") + range);
  }
  std::visit(
      [&](auto m) {
        using V = std::remove_reference_t<decltype(c->*m)>;
        if constexpr (std::is_same_v<V, double>) {
          c->*m = d * f.scale;
        } else {
          c->*m = static_cast<V>(v.get<int64_t>() * static_cast<int64_t>(f.scale));
        }
      },
      f.member);
  return ok_status();
}

template <typename T>
Status apply(const char* section, const std::vector<Field<T>>& table, const json& values, T* config) {
  if (!values.is_object()) {
    return make_error(ErrorCode::kInvalidArgument, std::string(section) + ": must be an object");
  }
  T next = *config;
  for (const auto& [key, v] : values.items()) {
    const Field<T>* found = nullptr;
    for (const Field<T>& f : table) {
      if (key == f.name) found = &f;
    }
    if (found == nullptr) {
      return make_error(ErrorCode::kInvalidArgument, std::string(section) + "." + key + ": unknown setting");
    }
    if (Status s = write(section, *found, v, &next); !s) return s;
  }
  *config = next;
  return ok_status();
}

template <typename T>
json values_json(const std::vector<Field<T>>& table, const T& c) {
  json out = json::object();
  for (const Field<T>& f : table) out[f.name] = read(c, f);
  return out;
}

template <typename T>
std::vector<FieldInfo> infos(const char* section, const std::vector<Field<T>>& table) {
  std::vector<FieldInfo> out;
  for (const Field<T>& f : table) {
    out.push_back(FieldInfo{section, f.name, is_integer(f), f.min, f.max, f.unit, f.description});
  }
  return out;
}

template <typename T>
void add_fields(const char* section, const std::vector<Field<T>>& table, const T& now, const T& def,
                const json& overrides, json* out) {
  const json* ov = overrides.contains(section) ? &overrides[section] : nullptr;
  for (const Field<T>& f : table) {
    json row = {{"section", section},        {"name", f.name},         {"value", read(now, f)},
                {"default", read(def, f)},   {"min", f.min},           {"max", f.max},
                {"integer", is_integer(f)},  {"description", f.description},
                {"overridden", ov != nullptr && ov->is_object() && ov->contains(f.name)}};
    if (*f.unit != '\0') row["unit"] = f.unit;
    out->push_back(std::move(row));
  }
}

}  // namespace

std::vector<FieldInfo> diagnosis_fields() { return infos(kDiagnosis, diag_table()); }
std::vector<FieldInfo> incidents_fields() { return infos(kIncidents, outage_table()); }

json diagnosis_json(const diag::DiagConfig& c) { return values_json(diag_table(), c); }
json incidents_json(const outage::OutageOptions& o) { return values_json(outage_table(), o); }

Status apply_diagnosis(const json& values, diag::DiagConfig* config) {
  return apply(kDiagnosis, diag_table(), values, config);
}

Status apply_incidents(const json& values, outage::OutageOptions* options) {
  outage::OutageOptions next = *options;
  if (Status s = apply(kIncidents, outage_table(), values, &next); !s) return s;
  // As the configuration file: a degraded suspicion not confirmed within its window is dropped,
  // so a longer wait would never confirm one.
  if (next.degraded_confirm_after_ms >= next.degraded_window_ms) {
    return make_error(ErrorCode::kInvalidArgument,
                      "incidents.degraded_confirm_after_seconds: must be less than degraded_window_seconds");
  }
  *options = next;
  return ok_status();
}

json fields_json(const diag::DiagConfig& diag_now, const diag::DiagConfig& diag_default,
                 const outage::OutageOptions& out_now, const outage::OutageOptions& out_default,
                 const json& overrides) {
  json out = json::array();
  add_fields(kDiagnosis, diag_table(), diag_now, diag_default, overrides, &out);
  add_fields(kIncidents, outage_table(), out_now, out_default, overrides, &out);
  return out;
}

}  // namespace hearth::server::settings
