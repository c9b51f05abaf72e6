// The customer portal's history and tickets, the route table of selfservice_handlers.h and the
// helpers its files share.
#include "api/selfservice_handlers.h"

#include <algorithm>
#include <vector>

#include "api/diagnosis_handlers.h"
#include "api/errors.h"
#include "api/handler_support.h"
#include "api/portal_support.h"
#include "api/request_params.h"
#include "api/routes.h"
#include "api/views.h"

namespace hearth::api {

namespace {

using nlohmann::json;

constexpr size_t kDefaultHistory = 50;
constexpr size_t kMaxHistory = 200;
constexpr size_t kMaxTickets = 100;

// ---- history ----

struct HistoryEntry {
  int64_t time_ms = 0;
  int64_t order = 0;  // ties: the audit id, so that the newest of one millisecond comes first
  json body;
};

const char* actor_name(const std::string& actor_kind) {
  if (actor_kind == "customer") return "you";
  if (actor_kind == "system") return "automatic";
  return "support";
}

// The words for one audit entry: what the customer did, or what support did for them.
std::string audit_text(const store::AuditRecord& a, std::string_view lang) {
  const json details = embedded_json(a.json);
  const bool you = a.actor_kind == "customer";
  const auto flag = [&](const char* key) {
    return details.is_object() && details.value(key, false);
  };
  if (a.action == "wifi.update") {
    const bool name = flag("ssidChanged");
    const bool password = flag("passwordChanged");
    if (name && password) {
      return in_lang(you ? Localised{"You changed the Wi-Fi name and password",
                                     "Sie haben den WLAN-Namen und das Passwort geändert",
                                     "Du ändrade wifi-namnet och lösenordet"}
                         : Localised{"Support changed the Wi-Fi name and password",
                                     "Der Kundendienst hat den WLAN-Namen und das Passwort geändert",
                                     "Supporten ändrade wifi-namnet och lösenordet"},
                     lang);
    }
    if (password) {
      return in_lang(you ? Localised{"You changed the Wi-Fi password",
                                     "Sie haben das WLAN-Passwort geändert",
                                     "Du ändrade wifi-lösenordet"}
                         : Localised{"Support changed the Wi-Fi password",
                                     "Der Kundendienst hat das WLAN-Passwort geändert",
                                     "Supporten ändrade wifi-lösenordet"},
                     lang);
    }
    return in_lang(you ? Localised{"You changed the Wi-Fi name", "Sie haben den WLAN-Namen geändert",
                                   "Du ändrade wifi-namnet"}
                       : Localised{"Support changed the Wi-Fi name",
                                   "Der Kundendienst hat den WLAN-Namen geändert",
                                   "Supporten ändrade wifi-namnet"},
                   lang);
  }
  if (a.action == "wifi.guest") {
    return flag("enabled")
               ? in_lang({"The guest network was switched on", "Das Gäste-WLAN wurde eingeschaltet",
                          "Gästnätverket slogs på"},
                         lang)
               : in_lang({"The guest network was switched off", "Das Gäste-WLAN wurde ausgeschaltet",
                          "Gästnätverket stängdes av"},
                         lang);
  }
  if (a.action == "device.rename") {
    std::string text = in_lang({"A device was renamed", "Ein Gerät wurde umbenannt",
                                "En enhet fick ett nytt namn"},
                               lang);
    if (details.is_object() && details.contains("name") && details["name"].is_string())
      text += ": " + details["name"].get<std::string>();
    return text;
  }
  if (a.action == "device.reboot") {
    return in_lang({"Your router was restarted", "Ihr Router wurde neu gestartet",
                    "Din router startades om"},
                   lang);
  }
  if (a.action == "ticket.create") {
    return in_lang({"A support request was opened", "Eine Supportanfrage wurde eröffnet",
                    "Ett supportärende öppnades"},
                   lang);
  }
  if (a.action.rfind("troubleshoot.", 0) == 0) {
    return in_lang({"A troubleshooting check was run", "Eine Fehlersuche wurde durchgeführt",
                    "En felsökning gjordes"},
                   lang);
  }
  return in_lang({"A change was made to your home network",
                  "An Ihrem Heimnetz wurde etwas geändert",
                  "En ändring gjordes i ditt hemnätverk"},
                 lang);
}

// Automatic changes a customer would notice; the optimiser's judgements and skips are left out.
std::optional<std::string> optimisation_text(const diag::OptimisationLogEntry& e, std::string_view lang) {
  if (e.action == "set-channel") {
    return in_lang({"The Wi-Fi channel was changed automatically to improve speed",
                    "Der WLAN-Kanal wurde automatisch gewechselt, um die Geschwindigkeit zu verbessern",
                    "Wifi-kanalen byttes automatiskt för att förbättra hastigheten"},
                   lang);
  }
  if (e.action == "rollback") {
    return in_lang({"An automatic Wi-Fi channel change was undone because it did not help",
                    "Ein automatischer Kanalwechsel wurde zurückgenommen, weil er nicht geholfen hat",
                    "Ett automatiskt kanalbyte ångrades eftersom det inte hjälpte"},
                   lang);
  }
  if (e.action == "enable-band-steering") {
    return in_lang({"Band steering was switched on automatically so that devices use the faster band",
                    "Die Bandsteuerung wurde automatisch eingeschaltet, damit Geräte das schnellere Band nutzen",
                    "Bandstyrning slogs på automatiskt så att enheterna använder det snabbare bandet"},
                   lang);
  }
  return std::nullopt;
}

void get_history(const ApiDeps& deps, const CallPtr& call) {
  Result<store::HomeRecord> home = customer_home(deps, *call);
  if (!home) return call->fail(home.error());
  Result<size_t> limit = limit_param(*call, kDefaultHistory, kMaxHistory);
  if (!limit) return call->fail(limit.error());
  const std::string lang = request_lang(*call);

  store::AuditQuery q;
  q.account = call->principal().account;
  q.limit = *limit;
  Result<std::vector<store::AuditRecord>> audit = deps.store.list_audit(q);
  if (!audit) return call->fail(audit.error());
  std::vector<HistoryEntry> entries;
  for (const store::AuditRecord& a : *audit) {
    entries.push_back({a.time_ms, a.id,
                       {{"at", time_json(a.time_ms)},
                        {"action", a.action},
                        {"actor", actor_name(a.actor_kind)},
                        {"text", audit_text(a, lang)},
                        {"outcome", a.outcome.empty() ? "ok" : a.outcome}}});
  }
  if (deps.diagnosis != nullptr) {
    // The log has judgements between the changes: read more than the limit to fill it.
    auto log = deps.diagnosis->optimisation_log(home->id, *limit * 4);
    if (log) {  // a home the diagnosis does not know yet has no automatic changes
      for (const insight::OptimisationEntry& o : *log) {
        std::optional<std::string> text = optimisation_text(o.entry, lang);
        if (!text) continue;
        entries.push_back({o.entry.time_ms, 0,
                           {{"at", time_json(o.entry.time_ms)},
                            {"action", "wifi." + o.entry.action},
                            {"actor", "automatic"},
                            {"text", *text},
                            {"outcome", "ok"}}});
      }
    }
  }
  std::stable_sort(entries.begin(), entries.end(), [](const HistoryEntry& a, const HistoryEntry& b) {
    return a.time_ms != b.time_ms ? a.time_ms > b.time_ms : a.order > b.order;
  });
  if (entries.size() > *limit) entries.resize(*limit);
  json list = json::array();
  for (HistoryEntry& e : entries) list.push_back(std::move(e.body));
  call->reply(200, {{"entries", std::move(list)}});
}

// ---- tickets ----

std::string string_of(const json& j, const char* key) {
  if (!j.is_object()) return "";
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : "";
}

json ticket_summary_json(const store::TicketRecord& t) {
  const json body = embedded_json(t.json);
  return {{"id", std::to_string(t.id)},
          {"state", t.state},
          {"subject", string_of(body, "subject")},
          {"createdAt", time_json(t.created_ms)},
          {"updatedAt", time_json(t.updated_ms)},
          {"incidentId", t.incident_id != 0 ? json(std::to_string(t.incident_id)) : json(nullptr)}};
}

// What the customer may read of their ticket: never the assignee, internal notes or the
// diagnosis snapshot kept for the agents. Comments marked "internal" are left out, and their
// authors are "you" or "support", not names.
json ticket_detail_json(const store::TicketRecord& t) {
  const json body = embedded_json(t.json);
  json out = ticket_summary_json(t);
  out["words"] = string_of(body, "words");
  out["symptom"] = string_of(body, "symptom").empty() ? json(nullptr) : json(string_of(body, "symptom"));
  json comments = json::array();
  if (body.is_object() && body.contains("comments") && body["comments"].is_array()) {
    for (const json& c : body["comments"]) {
      if (!c.is_object() || c.value("internal", false)) continue;
      const std::string kind = string_of(c, "authorKind");
      comments.push_back({{"at", c.contains("at") ? c["at"] : json(nullptr)},
                          {"from", kind == "customer" ? "you" : "support"},
                          {"text", string_of(c, "text")}});
    }
  }
  out["comments"] = std::move(comments);
  return out;
}

void list_tickets(const ApiDeps& deps, const CallPtr& call) {
  Result<store::HomeRecord> home = customer_home(deps, *call);
  if (!home) return call->fail(home.error());
  store::TicketQuery q;
  q.account = call->principal().account;
  q.limit = kMaxTickets;
  auto tickets = deps.store.list_tickets(q);
  if (!tickets) return call->fail(tickets.error());
  json list = json::array();
  for (const store::TicketRecord& t : *tickets) list.push_back(ticket_summary_json(t));
  call->reply(200, {{"tickets", std::move(list)}});
}

void get_ticket(const ApiDeps& deps, const CallPtr& call) {
  Result<store::HomeRecord> home = customer_home(deps, *call);
  if (!home) return call->fail(home.error());
  const Error not_found = make_error(ErrorCode::kNotFound, "no ticket '" + call->param("id") + "'");
  Result<int64_t> id = parse_id(call->param("id"), "ticket id");
  if (!id) return call->fail(not_found);
  auto ticket = deps.store.get_ticket(*id);
  if (!ticket) return call->fail(ticket.error());
  // Another account's ticket is as unknown as one that does not exist.
  if (!ticket->has_value() || (*ticket)->account != call->principal().account) {
    return call->fail(not_found);
  }
  call->reply(200, ticket_detail_json(**ticket));
}

}  // namespace

const char* in_lang(const Localised& text, std::string_view lang) {
  if (lang == "de") return text.de;
  if (lang == "sv") return text.sv;
  return text.en;
}

const store::HomeDevice* home_gateway(const store::HomeRecord& home) {
  for (const store::HomeDevice& d : home.devices) {
    if (d.role == "gateway") return &d;
  }
  return home.devices.empty() ? nullptr : &home.devices.front();
}

std::string device_names_key(const std::string& home_id) {
  return "device-names:" + home_id;
}

Result<std::map<std::string, std::string>> load_device_names(const ApiDeps& deps,
                                                             const std::string& home_id) {
  auto text = deps.store.get_meta(device_names_key(home_id));
  if (!text) return text.error();
  std::map<std::string, std::string> names;
  if (!text->has_value()) return names;
  const json j = embedded_json(**text);
  if (!j.is_object()) return names;
  for (const auto& [mac, name] : j.items()) {
    if (name.is_string()) names[mac] = name.get<std::string>();
  }
  return names;
}

store::AuditRecord customer_audit(const Call& call, const store::HomeRecord& home,
                                  std::string action, std::string outcome, const json& details,
                                  int64_t now_ms) {
  store::AuditRecord a;
  a.time_ms = now_ms;
  a.actor_kind = "customer";
  a.actor = call.principal().account;
  a.action = std::move(action);
  a.account = call.principal().account;
  a.home_id = home.id;
  if (const store::HomeDevice* gw = home_gateway(home)) a.device_id = gw->device_id;
  a.outcome = std::move(outcome);
  a.json = details.dump();
  return a;
}

std::optional<std::string> normalise_mac(std::string_view text) {
  if (text.size() != 17) return std::nullopt;
  std::string out;
  out.reserve(17);
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (i % 3 == 2) {
      if (c != ':' && c != '-') return std::nullopt;
      out += ':';
    } else if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')) {
      out += c;
    } else if (c >= 'A' && c <= 'F') {
      out += static_cast<char>(c - 'A' + 'a');
    } else {
      return std::nullopt;
    }
  }
  return out;
}

void add_selfservice_routes(Router& router, const ApiDeps& deps) {
  const ApiDeps* d = &deps;
  add_selfservice_home_routes(router, deps);
  add_selfservice_wifi_routes(router, deps);
  add_selfservice_kb_routes(router, deps);
  router.add("GET", "/api/v1/selfservice/history", [d](CallPtr c) { get_history(*d, c); },
             Access::kCustomer);
  router.add("GET", "/api/v1/selfservice/tickets", [d](CallPtr c) { list_tickets(*d, c); },
             Access::kCustomer);
  router.add("GET", "/api/v1/selfservice/tickets/{id}", [d](CallPtr c) { get_ticket(*d, c); },
             Access::kCustomer);
}

}  // namespace hearth::api
