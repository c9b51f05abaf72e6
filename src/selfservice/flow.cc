// The flow's driver and its first checks: the area, the gateway and the line (flow.h).
#include "selfservice/flow.h"

#include <algorithm>
#include <array>
#include <cmath>

#include "core/clock.h"
#include "selfservice/flow_support.h"

namespace hearth::selfservice {

namespace {

using flow::msg;

constexpr std::array<const char*, 6> kFixIds = {"restart-gateway", "restart-wifi", "change-channel",
                                                "move-to-5ghz", "speed-test", "update-firmware"};

// "14:05" or "2026-01-03 14:05" (UTC) when not on the day of now.
std::string clock_text(int64_t ms, int64_t now_ms) {
  const std::string iso = format_iso8601(from_unix_ms(ms));
  if (now_ms > 0 && format_iso8601(from_unix_ms(now_ms)).substr(0, 10) == iso.substr(0, 10)) {
    return iso.substr(11, 5);
  }
  return iso.substr(0, 10) + " " + iso.substr(11, 5);
}

bool known_time(int64_t ms) {
  return ms > 0 && ms < 9'000'000'000'000;
}

std::string mbps_text(double v) {
  return std::to_string(static_cast<int64_t>(std::lround(v)));
}

const diag::Finding* find_code(const Facts& f, const char* code) {
  for (const auto& x : f.diagnosis.findings) {
    if (x.code == code) return &x;
  }
  return nullptr;
}

// An area disturbance or maintenance under way: stops everything, never offers a restart.
std::optional<Step> area_problem(const Facts& f) {
  Step s{Check::kArea, Outcome::kProblem, {}, {}, {}, {"area-disturbance"}};
  const auto& o = f.outage;
  const bool maintenance_now = o && o->maintenance && o->maintenance->start_ms <= f.now_ms &&
                               f.now_ms < o->maintenance->end_ms;
  if (o && o->incident_id != 0) {
    if (o->cause == "maintenance") {
      s.text.push_back(msg("area.maintenance_now"));
    } else if (o->state == outage::IncidentState::kSuspected) {
      s.text.push_back(msg(o->cause == "power" ? "area.suspected_power" : "area.suspected"));
    } else if (known_time(o->since_ms)) {
      s.text.push_back(msg(o->cause == "power" ? "area.power_since" : "area.incident_since",
                           {{"since", clock_text(o->since_ms, f.now_ms)}}));
    } else {
      s.text.push_back(msg(o->cause == "power" ? "area.power" : "area.incident"));
    }
    if (known_time(o->etr_ms) && o->etr_ms > f.now_ms) {
      s.text.push_back(msg("area.etr", {{"etr", clock_text(o->etr_ms, f.now_ms)}}));
    }
  } else if (maintenance_now) {
    s.text.push_back(msg("area.maintenance_until", {{"end", clock_text(o->maintenance->end_ms, f.now_ms)}}));
  } else if (const diag::Finding* reg = find_code(f, "OUT-REG-1")) {
    // No incident desk answer, but the diagnosis saw the access node's homes go silent.
    s.findings.push_back(reg->code);
    s.text.push_back(msg("area.incident"));
  } else {
    return std::nullopt;
  }
  s.text.push_back(msg("area.no_restart"));
  return s;
}

Step check_area(const Facts& f) {
  if (auto problem = area_problem(f)) return *problem;
  if (!f.outage_known) return Step{Check::kArea, Outcome::kUnknown, {msg("area.unknown")}, {}, {}, {}};
  Step s{Check::kArea, Outcome::kOk, {msg("area.ok")}, {}, {}, {}};
  if (f.outage && f.outage->maintenance) {
    s.text.push_back(msg("area.maintenance_planned",
                         {{"start", clock_text(f.outage->maintenance->start_ms, f.now_ms)},
                          {"end", clock_text(f.outage->maintenance->end_ms, f.now_ms)}}));
  }
  return s;
}

Step check_gateway(const Facts& f) {
  Step s{Check::kGateway, Outcome::kOk, {}, {}, {}, {}};
  if (f.gateway == GatewayState::kUnknown) {
    s.outcome = Outcome::kUnknown;
    s.text.push_back(msg("gateway.never_seen"));
    return s;
  }
  if (f.gateway == GatewayState::kOffline) {
    s.outcome = Outcome::kProblem;
    s.text.push_back(known_time(f.last_contact_ms)
                         ? msg("gateway.offline", {{"time", clock_text(f.last_contact_ms, f.now_ms)}})
                         : msg("gateway.offline_unknown"));
    for (const char* code : {"PWR-CUT-1", "WAN-DOWN-1", "DEV-OFFLINE-1"}) {
      if (const diag::Finding* x = find_code(f, code)) {
        s.findings.push_back(x->code);
        if (std::string(code) != "DEV-OFFLINE-1") s.text.push_back(flow::finding_message(f, *x));
      }
    }
    s.text.push_back(msg("gateway.check_power"));
    flow::offer(f, s, "restart-gateway", "");
    flow::add_kb(s, "restart-router");
    return s;
  }
  s.text.push_back(f.gateway == GatewayState::kLive
                       ? msg("gateway.live")
                       : msg("gateway.recent", {{"time", clock_text(f.last_contact_ms, f.now_ms)}}));
  // The router itself unwell: restarting, memory, load. Old firmware is a note, not a cause.
  for (const auto& x : f.diagnosis.findings) {
    const bool cause = x.code == "SYS-CRASH-1" || x.code == "SYS-MEM-1" || x.code == "SYS-CPU-1";
    const bool note = x.code == "SYS-FW-1";
    if ((!cause && !note) || flow::addressed(f, x)) continue;
    s.findings.push_back(x.code);
    s.text.push_back(flow::finding_message(f, x));
    if (cause) s.outcome = Outcome::kProblem;
    if (x.code == "SYS-MEM-1") flow::offer(f, s, "restart-gateway", "");
    if (const std::string fix = flow::fix_for_remedy(x.remedy.action); !fix.empty()) flow::offer(f, s, fix, "");
    if (note || x.remedy.action == "upgrade-firmware") flow::add_kb(s, "firmware-update");
    if (x.remedy.action == "reboot") flow::add_kb(s, "restart-router");
  }
  return s;
}

bool line_relevant(Symptom s) {
  return s == Symptom::kNoInternet || s == Symptom::kWifiSlow || s == Symptom::kStreamingBuffers;
}

// The newest download test taken after a speed-test fix of this run, if any.
const diag::SpeedResult* fresh_speed_test(const Facts& f) {
  if (!f.snapshot || !flow::tried_fix(f, "speed-test", "")) return nullptr;
  const diag::SpeedResult& d = f.snapshot->wan.download;
  if (d.time_ms == 0 || !d.ok || !diag::known(d.mbps)) return nullptr;
  for (const auto& t : f.tried) {
    if (t.id == "speed-test" && t.verified == true) return &d;
  }
  return nullptr;
}

Step check_line(const Facts& f) {
  Step s{Check::kLine, Outcome::kOk, {}, {}, {}, {}};
  if (!line_relevant(f.symptom)) {
    s.outcome = Outcome::kSkipped;
    s.text.push_back(msg("step.skipped"));
    return s;
  }
  const bool slow_symptom = f.symptom == Symptom::kWifiSlow || f.symptom == Symptom::kStreamingBuffers;
  const diag::SpeedResult* measured = fresh_speed_test(f);
  bool measured_slow = false;
  if (measured && diag::known(f.plan_down_mbps) && f.plan_down_mbps > 0) {
    measured_slow = measured->mbps < 0.5 * f.plan_down_mbps;
  }
  for (const auto& x : f.diagnosis.findings) {
    if (x.code.rfind("WAN-", 0) != 0) continue;
    // A fresh measurement that is good answers a slow-line finding that has not cleared yet.
    if (x.code == "WAN-SPD-1" && measured && !measured_slow) continue;
    s.outcome = Outcome::kProblem;
    s.findings.push_back(x.code);
    s.text.push_back(flow::finding_message(f, x));
    if (x.code == "WAN-SPD-1") flow::offer(f, s, "speed-test", "");
    if (x.code == "WAN-DNS-1") flow::offer(f, s, "restart-gateway", "");
  }
  if (f.snapshot && !f.snapshot->wan.up && s.findings.empty()) {
    s.outcome = Outcome::kProblem;
    s.text.push_back(msg("line.down"));
  }
  if (measured) {
    Message m = measured_slow
                    ? msg("line.measured_slow", {{"down", mbps_text(measured->mbps)},
                                                 {"plan", mbps_text(f.plan_down_mbps)}})
                    : msg("line.measured", {{"down", mbps_text(measured->mbps)}});
    if (measured_slow) s.outcome = Outcome::kProblem;
    s.text.push_back(std::move(m));
  }
  if (s.outcome == Outcome::kProblem) {
    flow::add_kb(s, "speed-test");
    return s;
  }
  if (!f.snapshot) {
    s.outcome = Outcome::kUnknown;
    s.text.push_back(msg("line.unknown"));
    return s;
  }
  s.text.insert(s.text.begin(), msg("line.ok"));
  const diag::SpeedResult& last = f.snapshot->wan.download;
  if (!measured && last.time_ms > 0 && last.ok && diag::known(last.mbps)) {
    s.text.push_back(msg("line.last_speed", {{"down", mbps_text(last.mbps)},
                                             {"time", clock_text(last.time_ms, f.now_ms)}}));
  }
  if (slow_symptom) {
    flow::offer(f, s, "speed-test", "");
    flow::add_kb(s, "speed-test");
  }
  return s;
}

Verdict verdict_for(const Facts& f, const std::vector<Step>& steps) {
  const Step& last = steps.back();
  const bool stopped = last.outcome == Outcome::kProblem ||
                       (last.check == Check::kGateway && last.outcome == Outcome::kUnknown);
  const bool any_failed = std::any_of(f.tried.begin(), f.tried.end(),
                                      [](const TriedFix& t) { return t.verified == false; });
  if (last.check == Check::kArea && last.outcome == Outcome::kProblem) {
    return {VerdictKind::kAreaOutage, {msg("verdict.area-outage")}};
  }
  if (stopped) {
    if (!last.fixes.empty()) return {VerdictKind::kFixOffered, {msg("verdict.fix-offered")}};
    if (any_failed) return {VerdictKind::kNotFixed, {msg("verdict.not-fixed")}};
    return {VerdictKind::kNeedsTicket, {msg("verdict.needs-ticket")}};
  }
  if (!f.tried.empty() && f.tried.back().verified == true) {
    return {VerdictKind::kFixed, {msg("verdict.fixed")}};
  }
  return {VerdictKind::kNoProblem, {msg("verdict.no-problem")}};
}

}  // namespace

const char* symptom_name(Symptom s) {
  switch (s) {
    case Symptom::kNoInternet: return "no-internet";
    case Symptom::kWifiSlow: return "wifi-slow";
    case Symptom::kDeviceCannotConnect: return "device-cannot-connect";
    case Symptom::kNoCoverage: return "no-coverage";
    case Symptom::kStreamingBuffers: return "streaming-buffers";
  }
  return "no-internet";
}

std::optional<Symptom> parse_symptom(std::string_view name) {
  for (Symptom s : {Symptom::kNoInternet, Symptom::kWifiSlow, Symptom::kDeviceCannotConnect,
                    Symptom::kNoCoverage, Symptom::kStreamingBuffers}) {
    if (name == symptom_name(s)) return s;
  }
  return std::nullopt;
}

const char* check_name(Check c) {
  switch (c) {
    case Check::kArea: return "area";
    case Check::kGateway: return "gateway";
    case Check::kLine: return "line";
    case Check::kWifi: return "wifi";
    case Check::kDevice: return "device";
  }
  return "area";
}

const char* outcome_name(Outcome o) {
  switch (o) {
    case Outcome::kOk: return "ok";
    case Outcome::kProblem: return "problem";
    case Outcome::kUnknown: return "unknown";
    case Outcome::kSkipped: return "skipped";
  }
  return "unknown";
}

const char* verdict_name(VerdictKind k) {
  switch (k) {
    case VerdictKind::kAreaOutage: return "area-outage";
    case VerdictKind::kFixOffered: return "fix-offered";
    case VerdictKind::kNoProblem: return "no-problem";
    case VerdictKind::kNeedsTicket: return "needs-ticket";
    case VerdictKind::kFixed: return "fixed";
    case VerdictKind::kNotFixed: return "not-fixed";
  }
  return "no-problem";
}

bool is_fix_id(std::string_view id) {
  return std::find(kFixIds.begin(), kFixIds.end(), id) != kFixIds.end();
}

Evaluation evaluate(const Facts& f) {
  Evaluation e;
  e.steps.push_back(check_area(f));
  // Stops at the check that explains the symptom; the gateway never seen leaves nothing to check.
  auto stop = [&] {
    const Step& s = e.steps.back();
    return s.outcome == Outcome::kProblem || (s.check == Check::kGateway && s.outcome == Outcome::kUnknown);
  };
  if (!stop()) e.steps.push_back(check_gateway(f));
  if (!stop()) e.steps.push_back(check_line(f));
  if (!stop()) e.steps.push_back(flow::check_wifi(f));
  if (!stop()) e.steps.push_back(flow::check_device(f));
  e.verdict = verdict_for(f, e.steps);
  return e;
}

}  // namespace hearth::selfservice
