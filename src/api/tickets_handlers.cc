// The staff ticket queue (Access::kAgent): list and filter (GET /api/v1/tickets), one ticket with
// the snapshot it was opened with (GET /api/v1/tickets/{id}), assignment and state
// (PATCH /api/v1/tickets/{id}), comments (POST /api/v1/tickets/{id}/comments) and tickets an agent
// opens for a customer (POST /api/v1/tickets, source "agent").
//
// A ticket's JSON (store::TicketRecord::json) is the one the customer portal's troubleshooting
// writes (selfservice/troubleshooter.cc): {subject, symptom, words, comment, device, runId, lang,
// diagnosis, troubleshooting, comments}; comments are {time (Unix ms), author, authorName, text}.
// Each change also writes an audit entry naming the ticket's account and home, so it shows in the
// home's timeline. Two agents changing one ticket at the same instant: the later write wins.
#include <optional>
#include <string>

#include "api/body_fields.h"
#include "api/handler_support.h"
#include "api/incidents_handlers.h"
#include "api/request_params.h"
#include "api/routes.h"
#include "api/staff_support.h"
#include "api/views.h"
#include "selfservice/run_doc.h"

namespace hearth::api {

namespace {

using nlohmann::json;

constexpr size_t kMaxSubject = 200;
constexpr size_t kMaxText = 4000;
constexpr size_t kCountPage = 1000;
constexpr size_t kMaxCounted = 100'000;

bool valid_state(const std::string& s) {
  return s == "new" || s == "assigned" || s == "waiting" || s == "solved";
}

// The ticket json as an object (an empty one when it is not).
json ticket_doc(const store::TicketRecord& t) {
  json doc = embedded_json(t.json);
  return doc.is_object() ? doc : json::object();
}

json comment_json(const json& c) {
  return {{"time", time_json(c.value("time", int64_t{0}))},
          {"author", c.value("author", "")},
          {"authorName", c.value("authorName", "")},
          {"text", c.value("text", "")}};
}

json detail_json(const ApiDeps& deps, const store::TicketRecord& t, NameCache& names) {
  json out = ticket_summary_json(t, names);
  const json doc = ticket_doc(t);
  out["symptom"] = doc.value("symptom", "");
  out["words"] = doc.value("words", "");
  out["diagnosis"] = doc.value("diagnosis", json(nullptr));
  out["steps"] = doc.value("troubleshooting", json::array());
  json comments = json::array();
  for (const json& c : doc.value("comments", json::array())) {
    if (c.is_object()) comments.push_back(comment_json(c));
  }
  out["comments"] = std::move(comments);
  out["incident"] = nullptr;
  if (t.incident_id != 0) {
    if (auto inc = deps.store.get_incident(t.incident_id); inc && inc->has_value()) {
      out["incident"] = incident_record_json(**inc);
    }
  }
  return out;
}

Result<store::TicketRecord> load_ticket(const ApiDeps& deps, const std::string& text) {
  Result<int64_t> id = parse_id(text, "ticket id");
  if (!id) return make_error(ErrorCode::kNotFound, "no ticket '" + text + "'");
  auto t = deps.store.get_ticket(*id);
  if (!t) return t.error();
  if (!t->has_value()) return make_error(ErrorCode::kNotFound, "no ticket '" + text + "'");
  return std::move(**t);
}

store::AuditRecord ticket_audit(const Call& call, const store::TicketRecord& t, std::string action,
                                json details, int64_t now) {
  const Principal& p = call.principal();
  details["ticketId"] = std::to_string(t.id);
  details["name"] = p.name;
  return store::AuditRecord{0, now, principal_actor_kind(p), principal_actor(p), std::move(action), t.account,
                            t.home_id, "", "ok", details.dump()};
}

// Writes the ticket and its audit entry, then answers `status` with `body`.
void save(const ApiDeps& deps, const CallPtr& call, store::TicketRecord t, store::AuditRecord audit,
          int status, json body) {
  store::WriteBatch batch;
  batch.add(store::PutTicket{std::move(t)});
  batch.add(store::AddAudit{std::move(audit)});
  write_then(deps, std::move(batch), call, [call, status, body = std::move(body)] { call->reply(status, body); });
}

void list_tickets(const ApiDeps& deps, const CallPtr& call) {
  Result<Paging> paging = parse_paging(*call);
  if (!paging) return call->fail(paging.error());
  store::TicketQuery q;
  q.state = call->query("state").value_or("");
  if (!q.state.empty() && q.state != "open" && !valid_state(q.state)) {
    return call->fail(invalid_field("state", "one of new, assigned, waiting, solved, open"));
  }
  q.assignee = call->query("assignee").value_or("");
  if (q.assignee == "me") q.assignee = principal_actor(call->principal());
  q.account = call->query("account").value_or("");
  if (auto incident = call->query("incident"); incident && !incident->empty()) {
    Result<int64_t> id = parse_id(*incident, "incident");
    if (!id) return call->fail(id.error());
    q.incident_id = *id;
  }
  q.offset = paging->offset;
  q.limit = paging->limit;
  auto page = deps.store.list_tickets(q);
  if (!page) return call->fail(page.error());
  // The total: the store has no count of tickets, so count the matches page by page.
  size_t total = 0;
  store::TicketQuery count = q;
  count.limit = kCountPage;
  for (count.offset = 0; total < kMaxCounted; count.offset += kCountPage) {
    auto part = deps.store.list_tickets(count);
    if (!part) return call->fail(part.error());
    total += part->size();
    if (part->size() < kCountPage) break;
  }
  NameCache names(deps.store);
  json tickets = json::array();
  for (const store::TicketRecord& t : *page) tickets.push_back(ticket_summary_json(t, names));
  call->reply(200, {{"tickets", std::move(tickets)}, {"total", total}});
}

void get_ticket(const ApiDeps& deps, const CallPtr& call) {
  Result<store::TicketRecord> t = load_ticket(deps, call->param("id"));
  if (!t) return call->fail(t.error());
  NameCache names(deps.store);
  call->reply(200, detail_json(deps, *t, names));
}

void patch_ticket(const ApiDeps& deps, const CallPtr& call) {
  Result<json> body = parse_json_object(call->request().body, deps.max_json_body);
  if (!body) return call->fail(body.error());
  if (Status st = only_fields(*body, {"state", "assignee"}); !st) return call->fail(st.error());
  Result<std::optional<std::string>> state_field = text_field(*body, "state", 16, false);
  if (!state_field) return call->fail(state_field.error());
  std::optional<std::string> state = *state_field;
  if (state && !valid_state(*state)) {
    return call->fail(invalid_field("state", "one of new, assigned, waiting, solved"));
  }
  std::optional<std::string> assignee;
  if (body->contains("assignee")) {
    const json& a = (*body)["assignee"];
    if (!a.is_string()) return call->fail(invalid_field("assignee", "must be a user id, \"me\" or \"\""));
    assignee = a.get<std::string>();
    if (*assignee == "me") assignee = principal_actor(call->principal());
  }
  Result<store::TicketRecord> t = load_ticket(deps, call->param("id"));
  if (!t) return call->fail(t.error());
  NameCache names(deps.store);
  if (assignee && !assignee->empty() && *assignee != principal_actor(call->principal())) {
    auto user = deps.store.get_user(*assignee);
    if (!user) return call->fail(user.error());
    if (!user->has_value()) return call->fail(invalid_field("assignee", "no user '" + *assignee + "'"));
  }
  json details = json::object();
  if (assignee) {
    details["assignee"] = {{"from", t->assignee}, {"to", *assignee}};
    t->assignee = *assignee;
    // Assigning a new ticket starts work on it; unassigning an assigned one puts it back.
    if (!state && !assignee->empty() && t->state == "new") state = std::string("assigned");
    if (!state && assignee->empty() && t->state == "assigned") state = std::string("new");
  }
  if (state) {
    details["state"] = {{"from", t->state}, {"to", *state}};
    t->state = *state;
  }
  const int64_t now = now_ms(deps);
  t->updated_ms = now;
  json answer = detail_json(deps, *t, names);
  store::AuditRecord audit = ticket_audit(*call, *t, "ticket.update", std::move(details), now);
  save(deps, call, std::move(*t), std::move(audit), 200, std::move(answer));
}

void add_comment(const ApiDeps& deps, const CallPtr& call) {
  Result<json> body = parse_json_object(call->request().body, deps.max_json_body);
  if (!body) return call->fail(body.error());
  if (Status st = only_fields(*body, {"text"}); !st) return call->fail(st.error());
  Result<std::optional<std::string>> text = text_field(*body, "text", kMaxText, true, Lines::kMany);
  if (!text) return call->fail(text.error());
  Result<store::TicketRecord> t = load_ticket(deps, call->param("id"));
  if (!t) return call->fail(t.error());
  const int64_t now = now_ms(deps);
  const Principal& p = call->principal();
  const json comment = {{"time", now}, {"author", principal_actor(p)}, {"authorName", p.name}, {"text", **text}};
  json doc = ticket_doc(*t);
  if (!doc.contains("comments") || !doc["comments"].is_array()) doc["comments"] = json::array();
  doc["comments"].push_back(comment);
  t->json = doc.dump();
  t->updated_ms = now;
  store::AuditRecord audit = ticket_audit(*call, *t, "ticket.comment", json::object(), now);
  save(deps, call, std::move(*t), std::move(audit), 201, comment_json(comment));
}

void create_ticket(const ApiDeps& deps, const CallPtr& call) {
  Result<json> body = parse_json_object(call->request().body, deps.max_json_body);
  if (!body) return call->fail(body.error());
  if (Status st = only_fields(*body, {"account", "homeId", "subject", "text"}); !st) return call->fail(st.error());
  Result<std::optional<std::string>> account = text_field(*body, "account", 128, true);
  if (!account) return call->fail(account.error());
  Result<std::optional<std::string>> home_id = text_field(*body, "homeId", 128, false);
  if (!home_id) return call->fail(home_id.error());
  Result<std::optional<std::string>> subject = text_field(*body, "subject", kMaxSubject, true);
  if (!subject) return call->fail(subject.error());
  Result<std::optional<std::string>> text = text_field(*body, "text", kMaxText, false, Lines::kMany);
  if (!text) return call->fail(text.error());

  auto customer = deps.store.get_subscriber(**account);
  if (!customer) return call->fail(customer.error());
  if (!customer->has_value()) return call->fail(invalid_field("account", "no customer '" + **account + "'"));
  store::TicketRecord t;
  t.account = **account;
  if (*home_id && !(*home_id)->empty()) {
    auto home = deps.store.get_home(**home_id);
    if (!home) return call->fail(home.error());
    if (!home->has_value() || (*home)->account != t.account) {
      return call->fail(invalid_field("homeId", "not a home of account " + t.account));
    }
    t.home_id = **home_id;
  } else {
    // Without one named: the customer's first home (a ticket belongs to a home).
    store::HomeQuery hq;
    hq.account = t.account;
    hq.limit = 1;
    auto homes = deps.store.list_homes(hq);
    if (!homes) return call->fail(homes.error());
    if (homes->homes.empty()) return call->fail(invalid_field("homeId", "the customer has no home"));
    t.home_id = homes->homes.front().id;
  }
  // The diagnosis and the incident of the moment, as a troubleshooting ticket keeps them.
  json diagnosis = nullptr;
  {
    if (deps.diagnosis != nullptr) {
      if (auto d = deps.diagnosis->home_diagnosis(t.home_id); d && d->time_ms > 0) {
        diagnosis = selfservice::diagnosis_json(*d);
        if (d->primary) t.cause_code = d->primary->code;
      }
    }
    auto incident = open_incident_of(deps.store, t.home_id);
    if (!incident) return call->fail(incident.error());
    if (*incident) t.incident_id = (*incident)->id;
  }
  Result<int64_t> id = store::allocate_ticket_id(deps.store);
  if (!id) return call->fail(id.error());
  const int64_t now = now_ms(deps);
  t.id = *id;
  t.state = "new";
  t.source = "agent";
  t.created_ms = t.updated_ms = now;
  t.json = json{{"subject", **subject},
                {"symptom", ""},
                {"words", text->value_or("")},
                {"comment", ""},
                {"device", ""},
                {"runId", ""},
                {"lang", "en"},
                {"diagnosis", diagnosis},
                {"troubleshooting", json::array()},
                {"comments", json::array()}}
               .dump();
  NameCache names(deps.store);
  json answer = detail_json(deps, t, names);
  store::AuditRecord audit = ticket_audit(*call, t, "ticket.create", json::object(), now);
  save(deps, call, std::move(t), std::move(audit), 201, std::move(answer));
}

}  // namespace

void add_ticket_routes(Router& router, const ApiDeps& deps) {
  const ApiDeps* d = &deps;
  router.add("GET", "/api/v1/tickets", [d](CallPtr c) { list_tickets(*d, c); }, Access::kAgent);
  router.add("POST", "/api/v1/tickets", [d](CallPtr c) { create_ticket(*d, c); }, Access::kAgent);
  router.add("GET", "/api/v1/tickets/{id}", [d](CallPtr c) { get_ticket(*d, c); }, Access::kAgent);
  router.add("PATCH", "/api/v1/tickets/{id}", [d](CallPtr c) { patch_ticket(*d, c); }, Access::kAgent);
  router.add("POST", "/api/v1/tickets/{id}/comments", [d](CallPtr c) { add_comment(*d, c); }, Access::kAgent);
}

}  // namespace hearth::api
