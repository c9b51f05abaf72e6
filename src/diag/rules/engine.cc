// The engine (diagnosis.h evaluate): runs the rules, turns their observations into findings with
// persistence windows and hysteresis, and hands the open ones to summary.h.
//
// Per (code, entity), in DiagState: a raise condition must hold continuously for the persistence
// window (persist_ms; outage rules outage_persist_ms) before the finding opens, measured from when
// it began (the rule's since_ms, else the first evaluation that saw it); an open finding closes
// when its clear condition has held for the clear window (clear_ms; outage rules
// outage_clear_ms). Inside the hysteresis band (neither) an open finding stays open and a pending
// one starts over.
#include <algorithm>

#include "diag/diagnosis.h"
#include "diag/rules/summary.h"

namespace hearth::diag {
namespace {

std::string state_key(const std::string& code, const Entity& e) {
  std::string key;
  key.reserve(code.size() + e.id.size() + 12);
  key += code;
  key += '|';
  key += entity_kind_name(e.kind);
  key += ':';
  key += e.id;
  return key;
}

std::string code_of_key(const std::string& key) {
  return key.substr(0, key.find('|'));
}

void update_content(Finding& f, Observation&& o, int64_t now) {
  f.code = std::move(o.code);
  f.severity = o.severity;
  f.entity = std::move(o.entity);
  f.evidence = std::move(o.evidence);
  f.window_from_ms = o.window_from_ms;
  f.window_to_ms = now;
  f.customer_text = std::move(o.customer_text);
  f.agent_text = std::move(o.agent_text);
  f.remedy = std::move(o.remedy);
  f.health_cost = o.health_cost;
}

struct Windows {
  int64_t persist;
  int64_t clear;
};

Windows windows_of(const RuleInfo* rule, const DiagConfig& config) {
  if (rule != nullptr && rule->outage) return {config.outage_persist_ms, config.outage_clear_ms};
  return {config.persist_ms, config.clear_ms};
}

void apply_clear(FindingState& fs, int64_t now, const Windows& w, std::vector<Finding>* ended) {
  fs.raise_since_ms = 0;
  if (!fs.open) return;
  if (fs.clear_since_ms == 0) fs.clear_since_ms = now;
  if (now - fs.clear_since_ms < w.clear) return;
  fs.open = false;
  fs.finding.end_ms = fs.clear_since_ms;
  if (ended != nullptr) ended->push_back(fs.finding);
}

void apply(FindingState& fs, Observation&& o, int64_t now, const Windows& w,
           std::vector<Finding>* ended) {
  if (o.raise) {
    fs.clear_since_ms = 0;
    if (fs.raise_since_ms == 0)
      fs.raise_since_ms = o.since_ms > 0 ? std::min(o.since_ms, now) : now;
    if (o.window_from_ms == 0) o.window_from_ms = fs.raise_since_ms;
    update_content(fs.finding, std::move(o), now);
    if (!fs.open && now - fs.raise_since_ms >= w.persist) {
      fs.open = true;
      fs.finding.start_ms = fs.raise_since_ms;
      fs.finding.end_ms = 0;
    }
  } else if (o.clear) {
    apply_clear(fs, now, w, ended);
  } else {
    // Hysteresis band: an open finding stays, a pending raise must start over.
    fs.clear_since_ms = 0;
    if (!fs.open) fs.raise_since_ms = 0;
  }
}

}  // namespace

Diagnosis evaluate(const RuleInput& in, const DiagConfig& config, DiagState& state,
                   std::vector<Finding>* ended) {
  const int64_t now = in.now_ms;
  const bool offline = in.context.offline;
  std::vector<Observation> obs;
  std::vector<std::pair<const FindingState*, const RuleInfo*>> touched;
  for (const RuleInfo& rule : all_rules()) {
    if (offline && !rule.outage) continue;
    obs.clear();
    rule.fn(in, config, obs);
    const Windows w = windows_of(&rule, config);
    for (Observation& o : obs) {
      auto [it, inserted] = state.findings.try_emplace(state_key(o.code, o.entity));
      touched.emplace_back(&it->second, &rule);
      apply(it->second, std::move(o), now, w, ended);
    }
  }

  Diagnosis d;
  d.home_id = in.context.home_id;
  d.time_ms = now;
  for (auto it = state.findings.begin(); it != state.findings.end();) {
    FindingState& fs = it->second;
    auto t =
        std::find_if(touched.begin(), touched.end(), [&](const auto& p) { return p.first == &fs; });
    const bool seen = t != touched.end();
    const RuleInfo* rule = seen ? t->second : find_rule(code_of_key(it->first));
    const bool judged = seen || rule == nullptr || !offline || rule->outage;
    if (!seen && judged)
      apply_clear(fs, now, windows_of(rule, config), ended);  // nothing said: clear
    if (!fs.open && fs.raise_since_ms == 0) {
      it = state.findings.erase(it);
      continue;
    }
    if (fs.open && (!offline || (rule != nullptr && rule->outage)))
      d.findings.push_back(fs.finding);
    ++it;
  }
  rules::order_findings(d.findings);
  rules::summarise(d, offline ? nullptr : in.latest());
  return d;
}

}  // namespace hearth::diag
