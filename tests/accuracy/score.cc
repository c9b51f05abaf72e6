// Scoring of the diagnosis against the ground truth (score.h).
#include "tests/accuracy/score.h"

#include <cstdio>
#include <set>

#include "core/clock.h"

namespace hearth::accuracy {

using nlohmann::json;

std::vector<TruthEntry> parse_truth(const json& truth) {
  std::vector<TruthEntry> out;
  if (!truth.contains("truth") || !truth["truth"].is_array()) return out;
  for (const auto& t : truth["truth"]) {
    if (!t.is_object() || !t.value("homeId", json()).is_string() || !t.value("start", json()).is_string()) continue;
    TruthEntry e;
    e.home_id = t["homeId"];
    e.scenario = t.value("scenario", "");
    e.cause = t.value("cause", "");
    if (!parse_iso8601_ms(t["start"].get<std::string>(), &e.start_ms)) continue;
    if (t.contains("end") && t["end"].is_string()) {
      int64_t end = 0;
      if (parse_iso8601_ms(t["end"].get<std::string>(), &end)) e.end_ms = end;
    }
    out.push_back(std::move(e));
  }
  return out;
}

Observed parse_diagnosis(const json& d) {
  Observed o;
  if (d.contains("primaryCause") && d["primaryCause"].is_object()) o.primary = d["primaryCause"].value("code", "");
  if (d.contains("findings") && d["findings"].is_array()) {
    for (const auto& f : d["findings"]) {
      const std::string sev = f.value("severity", "");
      if (sev == "warning" || sev == "critical") o.warnings.push_back(f.value("code", ""));
    }
  }
  return o;
}

Report score(const std::vector<TruthEntry>& truth, const std::map<std::string, Observed>& observed,
             const std::vector<std::string>& homes, int64_t at_ms) {
  std::map<std::string, const TruthEntry*> active;
  std::set<std::string> touched;
  for (const auto& t : truth) {
    touched.insert(t.home_id);
    if (t.start_ms <= at_ms && at_ms < t.end_ms) {
      auto& slot = active[t.home_id];
      if (slot == nullptr || slot->start_ms < t.start_ms) slot = &t;
    }
  }
  std::map<std::string, ScenarioScore> by_scenario;
  Report r;
  static const Observed kNone;
  for (const auto& home : homes) {
    auto o = observed.find(home);
    const Observed& obs = o == observed.end() ? kNone : o->second;
    if (auto a = active.find(home); a != active.end()) {
      ScenarioScore& s = by_scenario[a->second->scenario];
      s.scenario = a->second->scenario;
      s.cause = a->second->cause;
      ++s.homes;
      ++r.problem_homes;
      if (obs.primary == s.cause) {
        ++s.right;
        ++r.right;
      } else {
        ++s.named_instead[obs.primary];
      }
    } else if (touched.count(home) == 0) {
      ++r.healthy_homes;
      if (!obs.warnings.empty()) {
        ++r.healthy_with_warning;
        for (const auto& c : std::set<std::string>(obs.warnings.begin(), obs.warnings.end())) ++r.healthy_warnings[c];
      }
    }
  }
  for (auto& [name, s] : by_scenario) r.scenarios.push_back(std::move(s));
  return r;
}

double Report::mean_share() const {
  if (scenarios.empty()) return 1.0;
  double sum = 0;
  for (const auto& s : scenarios) sum += s.homes ? double(s.right) / s.homes : 0.0;
  return sum / static_cast<double>(scenarios.size());
}

std::string Report::table() const {
  std::string out;
  char line[256];
  std::snprintf(line, sizeof line, "%-24s %-12s %6s %6s %7s  %s\n", "scenario", "cause", "homes", "right", "share",
                "named instead");
  out += line;
  for (const auto& s : scenarios) {
    std::string instead;
    for (const auto& [code, n] : s.named_instead) {
      instead += (instead.empty() ? "" : ", ") + (code.empty() ? std::string("(healthy)") : code) + " x" +
                 std::to_string(n);
    }
    std::snprintf(line, sizeof line, "%-24s %-12s %6d %6d %6.1f%%  %s\n", s.scenario.c_str(), s.cause.c_str(),
                  s.homes, s.right, s.homes ? 100.0 * s.right / s.homes : 0.0, instead.c_str());
    out += line;
  }
  std::snprintf(line, sizeof line, "%-24s %-12s %6d %6d %6.1f%%\n", "all problems", "", problem_homes, right,
                100.0 * right_share());
  out += line;
  std::snprintf(line, sizeof line, "%-24s %-12s %6zu %6s %6.1f%%\n", "mean over types", "", scenarios.size(), "",
                100.0 * mean_share());
  out += line;
  std::string codes;
  for (const auto& [code, n] : healthy_warnings) codes += (codes.empty() ? "" : ", ") + code + " x" + std::to_string(n);
  std::snprintf(line, sizeof line, "%-24s %-12s %6d %6d %6.1f%%  %s\n", "healthy with a warning", "", healthy_homes,
                healthy_with_warning, 100.0 * false_share(), codes.c_str());
  out += line;
  return out;
}

json Report::to_json() const {
  json s = json::array();
  for (const auto& x : scenarios) {
    s.push_back({{"scenario", x.scenario}, {"cause", x.cause}, {"homes", x.homes}, {"right", x.right},
                 {"namedInstead", x.named_instead}});
  }
  return {{"scenarios", s},
          {"problemHomes", problem_homes},
          {"right", right},
          {"rightShare", right_share()},
          {"meanShareOverTypes", mean_share()},
          {"healthyHomes", healthy_homes},
          {"healthyWithWarning", healthy_with_warning},
          {"falseShare", false_share()},
          {"healthyWarnings", healthy_warnings}};
}

}  // namespace hearth::accuracy
