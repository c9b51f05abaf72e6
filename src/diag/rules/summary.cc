// Order, primary cause, health and summaries (summary.h).
#include "diag/rules/summary.h"

#include <algorithm>
#include <cctype>
#include <map>

#include "diag/rules/rule_support.h"

namespace hearth::diag::rules {
namespace {

constexpr int kStationCostFactor = 5;  // a station finding of cost c takes 5c off the station

int effective_priority(const Finding& f, bool line_fine) {
  const RuleInfo* r = find_rule(f.code);
  const int p = r != nullptr ? r->priority : 0;
  if (line_fine && f.code == "WAN-SPD-1") return 0;
  return p;
}

const char* domain_of(const std::string& code) {
  const RuleInfo* r = find_rule(code);
  return r != nullptr ? r->domain : "";
}

// "The Wi-Fi ..." -> "the Wi-Fi ..." when it follows a semicolon; names are left alone.
std::string as_clause(const std::string& text) {
  static const char* kLower[] = {"The ",   "Your ", "Something ", "Much ",
                                 "Older ", "Two ",  "A ",         "There "};
  for (const char* w : kLower) {
    if (text.rfind(w, 0) == 0) {
      std::string out = text;
      out[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(out[0])));
      return out;
    }
  }
  return text;
}

bool open_in_domain(const std::vector<Finding>& findings, const char* domain) {
  for (const Finding& f : findings) {
    if (f.severity != Severity::kInfo && std::string(domain_of(f.code)) == domain) return true;
  }
  return false;
}

std::string customer_summary(const Diagnosis& d) {
  if (!d.primary) {
    for (const Finding& f : d.findings) {
      if (f.severity == Severity::kInfo)
        return "Everything is working well. Tip: " + f.customer_text;
    }
    return "Everything is working well: your internet line and your Wi-Fi are fine.";
  }
  const Finding& p = *d.primary;
  std::string s;
  if (d.domain == "wifi") {
    const bool line_ok =
        !open_in_domain(d.findings, "wan") && !open_in_domain(d.findings, "access-network");
    s = line_ok ? "Your internet line is fine; " + as_clause(p.customer_text) : p.customer_text;
  } else if (d.domain == "wan") {
    s = "The problem is your internet line, not your Wi-Fi: " + as_clause(p.customer_text);
  } else {
    s = p.customer_text;
  }
  size_t others = 0;
  for (const Finding& f : d.findings) {
    if (&f != &d.findings.front() && f.severity != Severity::kInfo) ++others;
  }
  if (others > 0)
    s +=
        " (" + std::to_string(others) + (others == 1 ? " more issue" : " more issues") + " found.)";
  return s;
}

std::string agent_summary(const Diagnosis& d) {
  std::string s = "Health " + std::to_string(d.health) + ".";
  if (d.findings.empty()) return s + " No open findings.";
  if (d.primary) {
    const Finding& p = *d.primary;
    const RuleInfo* r = find_rule(p.code);
    s += " Primary: " + p.code + " " + (r != nullptr ? r->title : "") + " (" +
         severity_name(p.severity) + ", " + d.domain + ") on " + entity_kind_name(p.entity.kind) +
         " " + (p.entity.label.empty() ? p.entity.id : p.entity.label) + ": " + p.agent_text;
  }
  std::map<std::string, int> rest;
  for (const Finding& f : d.findings) {
    if (d.primary && &f == &d.findings.front()) continue;
    ++rest[f.code];
  }
  if (!rest.empty()) {
    s += " Also open:";
    bool first = true;
    for (const auto& [code, n] : rest) {
      s += (first ? " " : ", ") + code + (n > 1 ? " x" + std::to_string(n) : "");
      first = false;
    }
    s += ".";
  }
  return s;
}

}  // namespace

void order_findings(std::vector<Finding>& findings) {
  if (findings.size() < 2) return;
  const bool line_fine = std::any_of(findings.begin(), findings.end(),
                                     [](const Finding& f) { return f.code == "WIFI-SPD-1"; });
  std::vector<std::pair<int, size_t>> rank;  // (effective priority, index), rules looked up once
  rank.reserve(findings.size());
  for (size_t i = 0; i < findings.size(); ++i)
    rank.emplace_back(effective_priority(findings[i], line_fine), i);
  std::stable_sort(rank.begin(), rank.end(), [&](const auto& x, const auto& y) {
    const Finding& a = findings[x.second];
    const Finding& b = findings[y.second];
    if (a.severity != b.severity) return a.severity > b.severity;
    if (x.first != y.first) return x.first > y.first;
    if (a.health_cost != b.health_cost) return a.health_cost > b.health_cost;
    if (a.code != b.code) return a.code < b.code;
    return a.entity.id < b.entity.id;
  });
  std::vector<Finding> sorted;
  sorted.reserve(findings.size());
  for (const auto& [priority, i] : rank) sorted.push_back(std::move(findings[i]));
  findings = std::move(sorted);
}

void summarise(Diagnosis& d, const HomeSnapshot* latest) {
  d.primary.reset();
  d.domain.clear();
  if (!d.findings.empty() && d.findings.front().severity != Severity::kInfo) {
    d.primary = d.findings.front();
    d.domain = domain_of(d.primary->code);
  }
  int cost = 0;
  d.health_costs.clear();
  for (const Finding& f : d.findings) {
    if (f.health_cost <= 0) continue;
    cost += f.health_cost;
    d.health_costs.push_back(HealthCost{f.code, f.entity, f.health_cost});
  }
  std::stable_sort(d.health_costs.begin(), d.health_costs.end(),
                   [](const HealthCost& a, const HealthCost& b) { return a.points > b.points; });
  d.health = std::clamp(100 - cost, 0, 100);
  d.station_health.clear();
  if (latest != nullptr) {
    for (const Station& s : latest->stations) d.station_health[s.mac] = 100;
    for (const Finding& f : d.findings) {
      if (f.entity.kind != EntityKind::kStation) continue;
      auto it = d.station_health.find(f.entity.id);
      if (it != d.station_health.end())
        it->second = std::max(0, it->second - kStationCostFactor * f.health_cost);
    }
  }
  d.customer_summary = customer_summary(d);
  d.agent_summary = agent_summary(d);
}

}  // namespace hearth::diag::rules
