// The closed loop of optimiser.h, per home and call (wifi-rules.md 3b, 3d):
//  1. a radio whose channel a person holds (an operator pin, or a channel the optimiser did not
//     set) is left alone; "skipped-pinned" is logged when that starts or the held channel moves;
//  2. nothing else happens outside the quiet window or while the stations move traffic;
//  3. a change is judged once measure_after_ms has passed (airtime busy by others before and
//     after, else the overlapping neighbour count) and rolled back when it got worse;
//  4. a radio free to change (judged, min_interval_ms after its last change) is scored against a
//     fresh neighbour scan (without one, one scan is requested per window) and moved when the
//     best channel beats the present one by min_gain and min_score_drop;
//  5. band steering is enabled once when dual-band stations sit on 2.4 GHz with a good signal.
#include "diag/optimiser.h"

#include <fmt/format.h>

#include <optional>

#include "core/strings.h"
#include "diag/optimiser/loop_conditions.h"
#include "diag/optimiser/scoring.h"

namespace hearth::diag {
namespace {

using cwmp::ParameterValue;
using cwmp::ValueType;
using Kind = OptimiserAction::Kind;

struct Call {
  const OptimiserConfig& config;
  OptimiserState& state;
  int64_t now_ms;
  std::vector<OptimiserAction>& actions;
  std::vector<OptimisationLogEntry>& log;
};

std::string pct(double v) {
  return known(v) ? fmt::format("{:.0f}%", v) : std::string("unknown");
}

OptimiserRadioState& radio_state(OptimiserState& state, const std::string& id) {
  for (auto& r : state.radios) {
    if (r.radio_id == id) return r;
  }
  state.radios.push_back(OptimiserRadioState{});
  state.radios.back().radio_id = id;
  return state.radios.back();
}

// Channel and AutoChannelEnable=false in one SetParameterValues, so that the radio's own
// selection does not move it again. TR-098 gateways type WLANConfiguration.{i}.Channel as int (as
// the real Huawei capture does), TR-181 Radio.{i}.Channel is unsignedInt.
std::vector<ParameterValue> channel_values(const Radio& r, int channel) {
  const bool tr098 = starts_with(r.path, "InternetGatewayDevice.");
  return {ParameterValue{r.path + "Channel", std::to_string(channel),
                         tr098 ? ValueType::kInt : ValueType::kUnsignedInt},
          ParameterValue{r.path + "AutoChannelEnable", "false", ValueType::kBoolean}};
}

void add_log(Call& c, const char* action, const Radio& r, int from, int to, double before,
             double after, std::string reason) {
  c.log.push_back(
      OptimisationLogEntry{c.now_ms, action, r.id, from, to, before, after, std::move(reason)});
}

// Why a person holds the radio's channel now; empty when nobody does. Until measure_after_ms has
// passed, the channel before the optimiser's own change is its change not yet applied.
std::string held_reason(const Radio& r, const OptimiserRadioState& rs,
                        const std::set<std::string>& pinned, const Call& c) {
  if (pinned.count(r.id) != 0)
    return fmt::format("channel {} is pinned by a person; not changed", r.channel);
  if (rs.channel_set < 0 || r.channel <= 0 || r.channel == rs.channel_set) return {};
  if (r.channel == rs.previous_channel && c.now_ms - rs.changed_ms < c.config.measure_after_ms)
    return {};
  return fmt::format("channel {} was chosen outside the optimiser (it had set {}); not changed",
                     r.channel, rs.channel_set);
}

// Judges the last change once measure_after_ms has passed. Returns true when it rolled it back.
bool judge(Radio& r, OptimiserRadioState& rs, Call& c) {
  if (rs.judged || c.now_ms - rs.changed_ms < c.config.measure_after_ms ||
      r.channel != rs.channel_set) {
    return false;
  }
  rs.judged = true;
  const double before = rs.utilisation_before_pct, after = busy_by_others_pct(r);
  bool worse = false;
  std::string why;
  if (known(before) && known(after)) {
    worse = after - before >= c.config.rollback_worse_pct;
    why = fmt::format("airtime busy by others {} -> {} ({:+.0f} points; rollback from +{:.0f})",
                      pct(before), pct(after), after - before, c.config.rollback_worse_pct);
  } else if (rs.neighbours_before >= 0 && r.neighbour_bss >= 0) {
    worse = r.neighbour_bss > rs.neighbours_before;
    why = fmt::format("overlapping neighbour networks {} -> {} (utilisation not reported)",
                      rs.neighbours_before, r.neighbour_bss);
  } else {
    add_log(c, "judged-unmeasured", r, rs.previous_channel, rs.channel_set, before, after,
            "neither utilisation nor neighbour counts reported; the change stays");
    return false;
  }
  add_log(c, worse ? "judged-worse" : "judged-better", r, rs.previous_channel, rs.channel_set,
          before, after,
          fmt::format("channel {} -> {}: {}", rs.previous_channel, rs.channel_set, why));
  if (!worse) return false;
  const int bad = r.channel, good = rs.previous_channel;
  std::string reason = fmt::format("back to channel {} from {}: {}", good, bad, why);
  c.actions.push_back(
      OptimiserAction{Kind::kRollback, r.id, r.path, bad, good, channel_values(r, good), reason});
  add_log(c, "rollback", r, bad, good, before, after, std::move(reason));
  rs.channel_set = good;
  rs.previous_channel = bad;
  rs.rejected_channel = bad;
  rs.changed_ms = c.now_ms;
  rs.utilisation_before_pct = after;
  rs.neighbours_before = r.neighbour_bss;
  r.channel = good;
  return true;
}

void consider_change(HomeSnapshot& work, Radio& r, OptimiserRadioState& rs,
                     const std::vector<NeighbourBss>& scan, Call& c) {
  std::optional<ChannelScore> best;
  for (const ChannelScore& s : score_channels(work, r, scan)) {
    if (s.channel != rs.rejected_channel && (!best || s.score < best->score - 1e-9)) best = s;
  }
  if (!best || best->channel == r.channel) return;
  const ScoreDetail now = score_channel(work, r, scan, r.channel);
  const double drop = now.score - best->score;
  if (now.score <= 0 || drop < c.config.min_score_drop || drop / now.score < c.config.min_gain)
    return;
  const double busy = busy_by_others_pct(r);
  std::string reason = fmt::format(
      "channel {} -> {}: interference score {:.2f} -> {:.2f} ({:.0f}% lower, {:.0f}% needed); on "
      "{}: "
      "{} overlapping neighbour networks ({:.2f}{}), own nodes {:.2f}, airtime busy by others {}",
      r.channel, best->channel, now.score, best->score, 100 * drop / now.score,
      100 * c.config.min_gain, r.channel, now.overlapping, now.neighbours,
      known(now.strongest_dbm) ? fmt::format(", strongest {:.0f} dBm", now.strongest_dbm)
                               : std::string(),
      now.own, pct(busy));
  c.actions.push_back(OptimiserAction{Kind::kSetChannel, r.id, r.path, r.channel, best->channel,
                                      channel_values(r, best->channel), reason});
  add_log(c, "set-channel", r, r.channel, best->channel, busy, kUnknown, std::move(reason));
  rs.previous_channel = r.channel;
  rs.channel_set = best->channel;
  rs.changed_ms = c.now_ms;
  rs.utilisation_before_pct = busy;
  rs.neighbours_before = r.neighbour_bss;
  rs.judged = false;
  rs.skipped_channel = -1;
  r.channel = best->channel;  // the home's next radio is scored against this choice
}

void consider_band_steering(const HomeSnapshot& snap, const std::string& path, Call& c) {
  if (!c.config.band_steering || path.empty() || c.state.band_steering_set) return;
  const SteeringCandidates s = steering_candidates(snap, c.config.steer_min_signal_dbm);
  if (s.count == 0) return;
  std::string reason = fmt::format(
      "{} dual-band station{} on 2.4 GHz with a signal of {:.0f} dBm or better (strongest {:.0f} "
      "dBm)",
      s.count, s.count == 1 ? "" : "s", c.config.steer_min_signal_dbm, s.strongest_dbm);
  c.actions.push_back(OptimiserAction{Kind::kEnableBandSteering,
                                      "",
                                      "",
                                      -1,
                                      -1,
                                      {ParameterValue{path, "true", ValueType::kBoolean}},
                                      reason});
  c.log.push_back(OptimisationLogEntry{c.now_ms, "enable-band-steering", "", -1, -1, kUnknown,
                                       kUnknown, reason});
  c.state.band_steering_set = true;
}

}  // namespace

std::vector<OptimiserAction> optimise(const HomeSnapshot& latest,
                                      const std::vector<NeighbourBss>& scan, int64_t scan_ms,
                                      const std::set<std::string>& pinned,
                                      const std::string& band_steering_path,
                                      const OptimiserConfig& config, OptimiserState& state,
                                      int64_t now_ms, std::vector<OptimisationLogEntry>& log) {
  std::vector<OptimiserAction> actions;
  if (!config.enabled || !state.enabled) return actions;
  Call c{config, state, now_ms, actions, log};
  if (scan_ms > state.last_scan_ms) state.last_scan_ms = scan_ms;
  HomeSnapshot work = latest;  // channels decided in this call count when scoring the next radio
  for (const Radio& r : work.radios) {
    if (!r.path.empty()) radio_state(state, r.id);  // every entry first: references stay valid
  }
  const bool quiet =
      in_quiet_window(config, now_ms) && station_traffic_mbps(latest) < config.max_active_mbps;
  std::vector<size_t> free;  // radios that may change now
  for (size_t i = 0; i < work.radios.size(); ++i) {
    Radio& r = work.radios[i];
    if (r.path.empty()) continue;  // extenders' radios follow the controller; they only count
    OptimiserRadioState& rs = radio_state(state, r.id);
    if (std::string why = held_reason(r, rs, pinned, c); !why.empty()) {
      rs.judged = true;  // a person's channel is not the optimiser's to judge
      if (rs.skipped_channel != r.channel) {
        add_log(c, "skipped-pinned", r, r.channel, -1, busy_by_others_pct(r), kUnknown,
                std::move(why));
        rs.skipped_channel = r.channel;
      }
      continue;
    }
    rs.skipped_channel = -1;
    if (!quiet || judge(r, rs, c) || !rs.judged || !r.enabled || r.channel <= 0) continue;
    if (rs.channel_set >= 0 && now_ms - rs.changed_ms < config.min_interval_ms) continue;
    free.push_back(i);
  }
  if (!free.empty()) {
    if (scan_ms > 0 && now_ms - scan_ms <= config.scan_max_age_ms) {
      for (size_t i : free)
        consider_change(work, work.radios[i], radio_state(state, work.radios[i].id), scan, c);
    } else {
      // Only TR-181 gateways have NeighboringWiFiDiagnostic; one request per quiet window.
      bool scannable = false;
      for (size_t i : free) scannable = scannable || starts_with(work.radios[i].path, "Device.");
      if (scannable && state.scan_requested_ms < quiet_window_start_ms(config, now_ms)) {
        state.scan_requested_ms = now_ms;
        actions.push_back(OptimiserAction{
            Kind::kScan,
            "",
            "",
            -1,
            -1,
            {},
            scan_ms > 0 ? fmt::format("neighbour scan is {:.1f} h old (used up to {:.1f} h)",
                                      static_cast<double>(now_ms - scan_ms) / 3.6e6,
                                      static_cast<double>(config.scan_max_age_ms) / 3.6e6)
                        : std::string("no neighbour scan yet")});
      }
    }
  }
  if (quiet) consider_band_steering(latest, band_steering_path, c);
  return actions;
}

}  // namespace hearth::diag
