#include "api/timeline.h"

#include <algorithm>
#include <iterator>

#include "api/views.h"
#include "diag/diagnosis.h"

namespace hearth::api {

namespace {

using nlohmann::json;

std::string str_of(const json& j, const char* key) {
  if (!j.is_object()) return "";
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : "";
}

int kind_rank(const std::string& kind) {
  static const char* const kOrder[] = {"inform", "boot",       "bootstrap",   "config", "firmware",
                                       "task",   "optimisation", "finding",   "diagnostic",
                                       "selfservice", "ticket", "incident",   "audit"};
  for (size_t i = 0; i < std::size(kOrder); ++i) {
    if (kind == kOrder[i]) return static_cast<int>(i);
  }
  return static_cast<int>(std::size(kOrder));
}

void add_event(std::vector<TimelineEntry>& out, const store::EventRecord& e) {
  if (e.code == "2 PERIODIC") return;
  TimelineEntry t;
  t.time_ms = e.time_ms;
  t.device_id = e.device_id;
  t.detail = e.command_key.empty() ? "" : "command key " + e.command_key;
  if (e.code == "0 BOOTSTRAP") {
    t.kind = "bootstrap";
    t.title = "Bootstrap (first contact or factory reset)";
  } else if (e.code == "1 BOOT") {
    t.kind = "boot";
    t.title = "Device booted";
  } else {
    t.kind = "inform";
    t.title = e.code == "4 VALUE CHANGE" ? "Value change reported" : "Event " + e.code;
  }
  out.push_back(std::move(t));
}

// The kind of a task: configuration changes, firmware, diagnostics (TR-143 tests, neighbour
// scans: a setParameterValues of a ...Diagnostics. object), or other tasks (reboots, reads).
std::string task_kind(const store::TaskRecord& task) {
  if (task.name == "download") return "firmware";
  const bool config = task.name == "setParameterValues" || task.name == "addObject" ||
                      task.name == "deleteObject" || task.name == "setParameterAttributes" ||
                      task.name == "factoryReset";
  if (config && task.args_json.find("Diagnostic") != std::string::npos) return "diagnostic";
  return config ? "config" : "task";
}

std::string task_title(const store::TaskRecord& task, const std::string& kind) {
  if (task.name == "reboot") return "Reboot";
  if (task.name == "factoryReset") return "Factory reset";
  if (kind == "firmware") {
    const json args = embedded_json(task.args_json);
    const std::string file = str_of(args, "fileId");
    return file.empty() ? "Firmware download" : "Firmware download " + file;
  }
  if (kind == "diagnostic") return "Diagnostic test";
  if (kind == "config") return "Configuration change";
  return "Task " + task.name;
}

void add_task(std::vector<TimelineEntry>& out, const store::TaskRecord& task) {
  TimelineEntry t;
  t.kind = task_kind(task);
  t.title = task_title(task, t.kind);
  // A finished task shows when it ended; a waiting one when it was asked for.
  const bool finished = task.state == store::TaskState::kDone || task.state == store::TaskState::kFault ||
                        task.state == store::TaskState::kCancelled;
  t.time_ms = finished && task.updated_ms > 0 ? task.updated_ms : task.created_ms;
  t.device_id = task.device_id;
  t.outcome = store::task_state_name(task.state);
  t.detail = "by " + task.origin;
  if (task.state == store::TaskState::kFault) {
    const std::string message = str_of(embedded_json(task.fault_json), "message");
    if (!message.empty()) t.detail += ": " + message;
  }
  t.ref_type = "task";
  t.ref_id = std::to_string(task.id);
  out.push_back(std::move(t));
}

void add_optimisation(std::vector<TimelineEntry>& out, const store::OptimisationRecord& o) {
  const json j = embedded_json(o.json);
  TimelineEntry t;
  t.kind = "optimisation";
  t.time_ms = o.time_ms;
  t.title = "Wi-Fi optimisation: " + o.action;
  const std::string radio = str_of(j, "radio");
  const std::string reason = str_of(j, "reason");
  t.detail = radio.empty() ? reason : radio + (reason.empty() ? "" : ": " + reason);
  t.ref_type = "optimisation";
  t.ref_id = std::to_string(o.id);
  out.push_back(std::move(t));
}

void add_finding(std::vector<TimelineEntry>& out, const store::FindingRecord& f) {
  const diag::RuleInfo* rule = diag::find_rule(f.code);
  const std::string name = f.code + (rule ? std::string(" ") + rule->title : "");
  const std::string detail = str_of(embedded_json(f.json), "agentText");
  TimelineEntry t;
  t.kind = "finding";
  t.time_ms = f.start_ms;
  t.title = "Finding opened: " + name;
  t.detail = detail;
  t.outcome = f.severity;
  t.ref_type = "finding";
  t.ref_id = f.code + "/" + f.entity;
  out.push_back(t);
  if (f.end_ms > 0) {
    t.time_ms = f.end_ms;
    t.title = "Finding closed: " + name;
    t.outcome = "closed";
    out.push_back(std::move(t));
  }
}

void add_run(std::vector<TimelineEntry>& out, const store::TroubleshootRecord& r) {
  TimelineEntry t;
  t.kind = "selfservice";
  t.time_ms = r.created_ms;
  t.title = "Customer troubleshooting: " + r.symptom;
  t.outcome = r.state;
  if (r.rating > 0) t.detail = "rated " + std::to_string(r.rating) + "/5";
  if (r.ticket_id != 0) t.detail += (t.detail.empty() ? "" : ", ") + std::string("ticket ") + std::to_string(r.ticket_id);
  t.ref_type = "troubleshoot";
  t.ref_id = r.id;
  out.push_back(std::move(t));
}

void add_ticket(std::vector<TimelineEntry>& out, const store::TicketRecord& k) {
  TimelineEntry t;
  t.kind = "ticket";
  t.time_ms = k.created_ms;
  const std::string subject = str_of(embedded_json(k.json), "subject");
  t.title = "Ticket opened" + (subject.empty() ? "" : ": " + subject);
  t.detail = "from " + k.source + (k.cause_code.empty() ? "" : ", cause " + k.cause_code);
  t.outcome = k.state;
  t.ref_type = "ticket";
  t.ref_id = std::to_string(k.id);
  out.push_back(std::move(t));
}

void add_incident(std::vector<TimelineEntry>& out, const store::IncidentRecord& i) {
  TimelineEntry t;
  t.kind = "incident";
  t.time_ms = i.suspected_ms;
  const std::string where = i.access_node_id.empty() ? "region " + i.region_id : i.access_node_id;
  t.title = "Incident at " + where;
  t.detail = std::to_string(i.homes.size()) + " homes affected";
  t.outcome = i.state;
  t.ref_type = "incident";
  t.ref_id = std::to_string(i.id);
  out.push_back(t);
  if (i.resolved_ms > 0) {
    t.time_ms = i.resolved_ms;
    t.title = "Incident resolved at " + where;
    out.push_back(std::move(t));
  }
}

void add_audit(std::vector<TimelineEntry>& out, const store::AuditRecord& a) {
  TimelineEntry t;
  t.kind = "audit";
  t.time_ms = a.time_ms;
  t.title = a.action;
  const std::string name = str_of(embedded_json(a.json), "name");
  t.detail = "by " + a.actor_kind + " " + (name.empty() ? a.actor : name);
  t.device_id = a.device_id;
  t.outcome = a.outcome;
  t.ref_type = "audit";
  t.ref_id = std::to_string(a.id);
  out.push_back(std::move(t));
}

}  // namespace

std::vector<TimelineEntry> merge_timeline(const TimelineSources& s, const TimelineWindow& w) {
  std::vector<TimelineEntry> all;
  for (const auto& e : s.events) add_event(all, e);
  for (const auto& t : s.tasks) add_task(all, t);
  for (const auto& o : s.optimisations) add_optimisation(all, o);
  for (const auto& f : s.findings) add_finding(all, f);
  for (const auto& r : s.runs) add_run(all, r);
  for (const auto& k : s.tickets) add_ticket(all, k);
  for (const auto& i : s.incidents) add_incident(all, i);
  for (const auto& a : s.audit) add_audit(all, a);
  std::erase_if(all, [&](const TimelineEntry& e) {
    return e.time_ms <= 0 || (w.from_ms > 0 && e.time_ms < w.from_ms) || (w.to_ms > 0 && e.time_ms >= w.to_ms);
  });
  std::sort(all.begin(), all.end(), [](const TimelineEntry& a, const TimelineEntry& b) {
    if (a.time_ms != b.time_ms) return a.time_ms > b.time_ms;
    const int ka = kind_rank(a.kind), kb = kind_rank(b.kind);
    if (ka != kb) return ka < kb;
    if (a.ref_id != b.ref_id) return a.ref_id < b.ref_id;
    return a.title < b.title;
  });
  if (all.size() > w.limit) all.resize(w.limit);
  return all;
}

json timeline_entry_json(const TimelineEntry& e) {
  json j = {{"time", time_json(e.time_ms)}, {"kind", e.kind}, {"title", e.title}, {"detail", e.detail}};
  if (!e.device_id.empty()) j["deviceId"] = e.device_id;
  if (!e.outcome.empty()) j["outcome"] = e.outcome;
  if (!e.ref_type.empty()) j["ref"] = {{"type", e.ref_type}, {"id", e.ref_id}};
  return j;
}

}  // namespace hearth::api
