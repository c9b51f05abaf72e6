// The stored run document and its rendering for the API (run_doc.h).
#include "selfservice/run_doc.h"

#include "core/clock.h"
#include "selfservice/messages.h"

namespace hearth::selfservice {

using nlohmann::json;

namespace {

json time_or_null(int64_t ms) {
  if (ms <= 0) return nullptr;
  return format_iso8601(from_unix_ms(ms));
}

json text_or_null(const std::string& s) {
  return s.empty() ? json(nullptr) : json(s);
}

int64_t ms_of(const json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_number_integer() ? it->get<int64_t>() : 0;
}

std::string str_of(const json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

json step_json(const Step& s, int64_t at_ms) {
  json fixes = json::array();
  for (const auto& f : s.fixes) {
    fixes.push_back({{"id", f.id},
                     {"target", f.target},
                     {"label", message_json(f.label)},
                     {"warning", f.warning ? message_json(*f.warning) : json(nullptr)}});
  }
  return {{"check", check_name(s.check)}, {"outcome", outcome_name(s.outcome)},
          {"text", messages_json(s.text)},  {"findings", s.findings},
          {"fixes", std::move(fixes)},       {"kb", s.kb},
          {"atMs", at_ms}};
}

json render_steps(const json& steps, const std::string& lang, const KbTitle* kb_title) {
  json out = json::array();
  if (!steps.is_array()) return out;
  for (const json& s : steps) {
    json fixes = json::array();
    for (const json& f : s.value("fixes", json::array())) {
      const json warning = f.value("warning", json(nullptr));
      fixes.push_back({{"id", str_of(f, "id")},
                       {"target", text_or_null(str_of(f, "target"))},
                       {"label", render(messages_from(json::array({f.value("label", json::object())})), lang)},
                       {"warning", warning.is_object() ? json(render(messages_from(json::array({warning})), lang))
                                                       : json(nullptr)}});
    }
    json kb = json::array();
    for (const json& id : s.value("kb", json::array())) {
      if (!id.is_string()) continue;
      if (kb_title == nullptr) {
        kb.push_back({{"id", id}});
      } else if (auto title = (*kb_title)(id.get<std::string>(), lang)) {
        kb.push_back({{"id", id}, {"title", *title}});
      }
    }
    const std::string check = str_of(s, "check");
    out.push_back({{"check", check},
                   {"outcome", str_of(s, "outcome")},
                   {"title", render(Message{"title." + check, {}}, lang)},
                   {"text", render(messages_from(s.value("text", json::array())), lang)},
                   {"findings", s.value("findings", json::array())},
                   {"fixes", std::move(fixes)},
                   {"kb", std::move(kb)},
                   {"at", time_or_null(ms_of(s, "atMs"))}});
  }
  return out;
}

json render_actions(const json& doc, const std::string& lang) {
  json out = json::array();
  for (const json& a : doc.value("actions", json::array())) {
    out.push_back({{"fix", str_of(a, "fix")},
                   {"target", text_or_null(str_of(a, "target"))},
                   {"state", str_of(a, "state")},
                   {"text", render(messages_from(a.value("text", json::array())), lang)},
                   {"verified", a.value("verified", json(nullptr))},
                   {"at", time_or_null(ms_of(a, "atMs"))}});
  }
  return out;
}

json render_verdict(const json& v, const std::string& lang) {
  return {{"kind", str_of(v, "kind")}, {"text", render(messages_from(v.value("text", json::array())), lang)}};
}

}  // namespace

json message_json(const Message& m) {
  json p = json::object();
  for (const auto& [k, v] : m.params) p[k] = v;
  return {{"id", m.id}, {"p", std::move(p)}};
}

json messages_json(const std::vector<Message>& ms) {
  json out = json::array();
  for (const auto& m : ms) out.push_back(message_json(m));
  return out;
}

std::vector<Message> messages_from(const json& list) {
  std::vector<Message> out;
  if (!list.is_array()) return out;
  for (const json& m : list) {
    if (!m.is_object()) continue;
    Message x{str_of(m, "id"), {}};
    const json params = m.value("p", json::object());
    for (const auto& [k, v] : params.items()) {
      if (v.is_string()) x.params[k] = v.get<std::string>();
    }
    out.push_back(std::move(x));
  }
  return out;
}

void set_evaluation(json& doc, const Evaluation& e, int64_t at_ms) {
  if (doc.contains("steps") && doc["steps"].is_array() && !doc["steps"].empty()) {
    if (!doc.contains("history") || !doc["history"].is_array()) doc["history"] = json::array();
    doc["history"].push_back({{"steps", doc["steps"]}, {"verdict", doc.value("verdict", json::object())}});
  }
  json steps = json::array();
  for (const auto& s : e.steps) steps.push_back(step_json(s, at_ms));
  doc["steps"] = std::move(steps);
  doc["verdict"] = {{"kind", verdict_name(e.verdict.kind)}, {"text", messages_json(e.verdict.text)}};
}

json diagnosis_json(const diag::Diagnosis& d) {
  json findings = json::array();
  for (const auto& f : d.findings) {
    json evidence = json::array();
    for (const auto& e : f.evidence) evidence.push_back({{"name", e.name}, {"value", e.value}, {"unit", e.unit}});
    findings.push_back({{"code", f.code},
                        {"severity", diag::severity_name(f.severity)},
                        {"entity", std::string(diag::entity_kind_name(f.entity.kind)) +
                                       (f.entity.id.empty() ? "" : ":" + f.entity.id)},
                        {"evidence", std::move(evidence)},
                        {"agentText", f.agent_text}});
  }
  return {{"timeMs", d.time_ms},
          {"primary", d.primary ? json(d.primary->code) : json(nullptr)},
          {"health", d.health},
          {"findings", std::move(findings)}};
}

std::vector<TriedFix> tried_fixes(const json& doc) {
  std::vector<TriedFix> out;
  for (const json& a : doc.value("actions", json::array())) {
    TriedFix t;
    t.id = str_of(a, "fix");
    t.target = str_of(a, "target");
    const json v = a.value("verified", json(nullptr));
    if (v.is_boolean()) t.verified = v.get<bool>();
    const std::string state = str_of(a, "state");
    t.running = state == "running";
    if (state == "failed") t.verified = false;
    out.push_back(std::move(t));
  }
  return out;
}

std::optional<std::string> offered_target(const json& doc, const std::string& fix, const std::string& target) {
  std::vector<std::string> targets;
  for (const json& s : doc.value("steps", json::array())) {
    for (const json& f : s.value("fixes", json::array())) {
      if (str_of(f, "id") == fix) targets.push_back(str_of(f, "target"));
    }
  }
  for (const auto& t : targets) {
    if (t == target) return t;
  }
  if (target.empty() && targets.size() == 1) return targets.front();
  return std::nullopt;
}

bool fix_running(const json& doc) {
  for (const json& a : doc.value("actions", json::array())) {
    if (str_of(a, "state") == "running") return true;
  }
  return false;
}

json render_run(const json& doc, const std::string& lang, const KbTitle& kb_title, const std::string& ticket_state) {
  const json refresh = doc.value("refresh", json::object());
  json ticket = nullptr;
  if (const json t = doc.value("ticket", json(nullptr)); t.is_object()) {
    ticket = {{"id", std::to_string(t.value("id", int64_t{0}))},
              {"state", ticket_state.empty() ? "new" : ticket_state}};
  }
  json feedback = nullptr;
  if (const json f = doc.value("feedback", json(nullptr)); f.is_object()) {
    feedback = {{"rating", f.value("rating", 0) > 0 ? json(f.value("rating", 0)) : json(nullptr)},
                {"solved", f.value("solved", false)}};
  }
  return {{"id", str_of(doc, "id")},
          {"symptom", str_of(doc, "symptom")},
          {"state", str_of(doc, "state")},
          {"words", str_of(doc, "words")},
          {"device", text_or_null(str_of(doc, "device"))},
          {"createdAt", time_or_null(ms_of(doc, "createdMs"))},
          {"updatedAt", time_or_null(ms_of(doc, "updatedMs"))},
          {"refresh", {{"live", refresh.value("live", false)},
                       {"text", render(messages_from(refresh.value("text", json::array())), lang)}}},
          {"steps", render_steps(doc.value("steps", json::array()), lang, &kb_title)},
          {"verdict", render_verdict(doc.value("verdict", json::object()), lang)},
          {"actions", render_actions(doc, lang)},
          {"ticket", std::move(ticket)},
          {"feedback", std::move(feedback)}};
}

json render_summary(const store::TroubleshootRecord& r) {
  const json doc = json::parse(r.json, nullptr, false);
  std::string verdict;
  if (doc.is_object()) verdict = str_of(doc.value("verdict", json::object()), "kind");
  return {{"id", r.id},
          {"symptom", r.symptom},
          {"state", r.state},
          {"verdict", text_or_null(verdict)},
          {"ticketId", r.ticket_id > 0 ? json(std::to_string(r.ticket_id)) : json(nullptr)},
          {"createdAt", time_or_null(r.created_ms)},
          {"updatedAt", time_or_null(r.updated_ms)}};
}

json ticket_steps(const json& doc, const std::string& lang) {
  json evaluations = json::array();
  for (const json& h : doc.value("history", json::array())) {
    evaluations.push_back({{"steps", render_steps(h.value("steps", json::array()), lang, nullptr)},
                           {"verdict", render_verdict(h.value("verdict", json::object()), lang)}});
  }
  evaluations.push_back({{"steps", render_steps(doc.value("steps", json::array()), lang, nullptr)},
                         {"verdict", render_verdict(doc.value("verdict", json::object()), lang)}});
  return {{"evaluations", std::move(evaluations)}, {"actions", render_actions(doc, lang)}};
}

}  // namespace hearth::selfservice
