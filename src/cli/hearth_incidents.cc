// hearth incidents, incident, maintenance, webhooks and home-status (hearth_incidents.h): the
// regional disturbances for people at a terminal, over hearthd's HTTP API.
#include "cli/hearth_incidents.h"

#include <CLI/CLI.hpp>
#include <chrono>
#include <iostream>
#include <string>
#include <vector>

#include "net/http_client.h"

namespace hearth::cli {

using nlohmann::json;

struct IncidentCommands {
  CLI::App* incidents = nullptr;
  CLI::App* incident = nullptr;
  CLI::App* maintenance_list = nullptr;
  CLI::App* maintenance_add = nullptr;
  CLI::App* maintenance_delete = nullptr;
  CLI::App* webhooks_list = nullptr;
  CLI::App* webhooks_add = nullptr;
  CLI::App* webhooks_delete = nullptr;
  CLI::App* webhooks_test = nullptr;
  CLI::App* home_status = nullptr;

  // hearth incidents
  std::string state, access_node, region, home, offset, limit;
  // hearth incident ID
  std::string id, note, etr, title, merge_into;
  bool close = false;
  // hearth maintenance
  bool active = false;
  std::string start, end, description;
  // hearth webhooks
  std::string url, secret;
  std::vector<std::string> events;
  bool disabled = false;
};

namespace {

// "2026-01-01 14:05" from an ISO 8601 time of the API; "-" when unknown.
std::string short_time(const json& t) {
  if (!t.is_string()) return "-";
  const std::string s = t.get<std::string>();
  if (s.size() < 16 || s[10] != 'T') return s;
  return s.substr(0, 10) + " " + s.substr(11, 5);
}

// "an-1", or "region north" for a region's incident or window.
std::string where(const json& j) {
  const json& node = field(j, "accessNode");
  if (node.is_string() && !node.get<std::string>().empty()) return node.get<std::string>();
  return "region " + text(field(j, "region"));
}

// A change that answers 204 without a body (DELETE), which call() would take for a bad answer.
bool call_no_content(const Options& o, const std::string& method, const std::string& path) {
  std::string base = o.url;
  while (!base.empty() && base.back() == '/') base.pop_back();
  net::HttpHeaders headers;
  if (!o.token.empty()) headers.add("Authorization", "Bearer " + o.token);
  headers.add("Accept", "application/json");
  net::HttpClientOptions options;
  options.timeout = std::chrono::seconds(o.timeout_s);
  auto r = net::http_request_sync(method, base + path, headers, {}, options);
  if (!r) {
    std::cerr << "hearth: cannot reach " << base << ": " << r.error().message << "\n";
    return false;
  }
  if (r->status >= 200 && r->status <= 299) return true;
  std::cerr << "hearth: " << method << " " << path << " refused (" << r->status << ")";
  const json answer = json::parse(r->body, nullptr, /*allow_exceptions=*/false);
  const json& error = field(answer, "error");
  if (error.is_object())
    std::cerr << ": " << text(field(error, "code")) << ": " << text(field(error, "message"));
  std::cerr << "\n";
  return false;
}

int print_raw(const Answer& a) {
  std::cout << a.body << "\n";
  return 0;
}

int run_list(const Options& o, const IncidentCommands& c) {
  auto page = call(o, "GET",
                   "/api/v1/incidents" + query({{"state", c.state},
                                                {"accessNode", c.access_node},
                                                {"region", c.region},
                                                {"home", c.home},
                                                {"offset", c.offset},
                                                {"limit", c.limit}}),
                   {}, o.timeout_s);
  if (!page) return kRefused;
  if (o.raw_json) return print_raw(*page);
  std::vector<std::vector<std::string>> rows;
  const json& items = field(page->doc, "incidents");
  for (const json& i : items) {
    rows.push_back({text(field(i, "id")), text(field(i, "state")), text(field(i, "cause")),
                    where(i), std::to_string(field(i, "homes").size()),
                    short_time(field(i, "suspectedAt")), short_time(field(i, "confirmedAt")),
                    short_time(field(i, "resolvedAt"))});
  }
  print_table(
      {"ID", "STATE", "CAUSE", "NODE/REGION", "HOMES", "SUSPECTED", "CONFIRMED", "RESOLVED"}, rows);
  std::cout << items.size() << " incidents";
  if (field(page->doc, "more") == true) std::cout << " (more with --offset)";
  std::cout << "\n";
  return 0;
}

void print_incident(const json& i) {
  std::cout << "incident     " << text(field(i, "id")) << "  " << text(field(i, "state")) << "  ("
            << text(field(i, "cause")) << ")\n";
  std::cout << "where        " << where(i);
  if (field(i, "accessNode").is_string())
    std::cout << "  (region " << text(field(i, "region")) << ")";
  std::cout << "\nhomes        " << field(i, "homes").size() << " affected, "
            << text(field(i, "unreachable")) << " unreachable now, " << text(field(i, "nodeHomes"))
            << " behind it\n";
  const std::pair<const char*, const char*> times[] = {
      {"suspected    ", "suspectedAt"}, {"confirmed    ", "confirmedAt"},
      {"resolved     ", "resolvedAt"},  {"started      ", "startedAt"},
      {"ended        ", "endedAt"},     {"repair by    ", "estimatedRepairAt"}};
  for (const auto& [label, key] : times) std::cout << label << short_time(field(i, key)) << "\n";
  const json& title = field(i, "title");
  if (title.is_string() && !title.get<std::string>().empty())
    std::cout << "title        " << title.get<std::string>() << "\n";
  if (!field(i, "parentId").is_null())
    std::cout << "part of      " << text(field(i, "parentId")) << "\n";
  if (!field(i, "mergedInto").is_null())
    std::cout << "merged into  " << text(field(i, "mergedInto")) << "\n";
  if (field(i, "closedByOperator") == true) std::cout << "closed by an operator\n";
  std::vector<std::vector<std::string>> notes;
  for (const json& n : field(i, "notes")) {
    notes.push_back(
        {short_time(field(n, "time")), text(field(n, "author")), text(field(n, "text"))});
  }
  if (!notes.empty()) {
    std::cout << "\n";
    print_table({"NOTE", "BY", "TEXT"}, notes);
  }
  std::string homes;
  size_t shown = 0;
  for (const json& h : field(i, "homes")) {
    if (shown++ == 20) {
      homes += " and " + std::to_string(field(i, "homes").size() - 20) + " more";
      break;
    }
    homes += (homes.empty() ? "" : " ") + text(h);
  }
  if (!homes.empty()) std::cout << "\naffected     " << homes << "\n";
}

int run_incident(const Options& o, const IncidentCommands& c) {
  const std::string path = "/api/v1/incidents/" + encode(c.id);
  json change = json::object();
  if (!c.note.empty()) change["note"] = c.note;
  if (!c.title.empty()) change["title"] = c.title;
  if (!c.etr.empty()) change["estimatedRepairAt"] = c.etr == "none" ? json(nullptr) : json(c.etr);
  if (c.close) change["state"] = "resolved";
  std::optional<Answer> shown;
  if (!change.empty()) {
    shown = call(o, "PATCH", path, change.dump(), o.timeout_s);
    if (!shown) return kRefused;
  }
  if (!c.merge_into.empty()) {
    shown = call(o, "POST", path + "/merge", json{{"into", c.merge_into}}.dump(), o.timeout_s);
    if (!shown) return kRefused;
    if (!o.raw_json) std::cout << "merged " << c.id << " into " << c.merge_into << "\n\n";
  }
  if (!shown) {
    shown = call(o, "GET", path, {}, o.timeout_s);
    if (!shown) return kRefused;
  }
  if (o.raw_json) return print_raw(*shown);
  print_incident(shown->doc);
  return 0;
}

int run_maintenance_list(const Options& o, const IncidentCommands& c) {
  auto list = call(o, "GET", "/api/v1/maintenance" + query({{"active", c.active ? "true" : ""}}),
                   {}, o.timeout_s);
  if (!list) return kRefused;
  if (o.raw_json) return print_raw(*list);
  std::vector<std::vector<std::string>> rows;
  for (const json& m : field(list->doc, "maintenance")) {
    rows.push_back({text(field(m, "id")), where(m), short_time(field(m, "start")),
                    short_time(field(m, "end")), text(field(m, "createdBy")),
                    text(field(m, "description"))});
  }
  print_table({"ID", "NODE/REGION", "START (UTC)", "END (UTC)", "BY", "DESCRIPTION"}, rows);
  return 0;
}

int run_maintenance_add(const Options& o, const IncidentCommands& c) {
  json body = {{"start", c.start}, {"end", c.end}};
  if (!c.access_node.empty()) body["accessNode"] = c.access_node;
  if (!c.region.empty()) body["region"] = c.region;
  if (!c.description.empty()) body["description"] = c.description;
  auto m = call(o, "POST", "/api/v1/maintenance", body.dump(), o.timeout_s);
  if (!m) return kRefused;
  if (o.raw_json) return print_raw(*m);
  std::cout << "maintenance " << text(field(m->doc, "id")) << " of " << where(m->doc) << " from "
            << short_time(field(m->doc, "start")) << " to " << short_time(field(m->doc, "end"))
            << " (UTC)\n";
  return 0;
}

int run_webhooks_list(const Options& o) {
  auto list = call(o, "GET", "/api/v1/webhooks", {}, o.timeout_s);
  if (!list) return kRefused;
  if (o.raw_json) return print_raw(*list);
  std::vector<std::vector<std::string>> rows;
  for (const json& w : field(list->doc, "webhooks")) {
    std::string events;
    for (const json& e : field(w, "events")) events += (events.empty() ? "" : ",") + text(e);
    rows.push_back({text(field(w, "id")), text(field(w, "url")), events.empty() ? "all" : events,
                    field(w, "enabled") == true ? "yes" : "no"});
  }
  print_table({"ID", "URL", "EVENTS", "ENABLED"}, rows);
  return 0;
}

int run_webhooks_add(const Options& o, const IncidentCommands& c) {
  json body = {{"url", c.url}, {"secret", c.secret}, {"enabled", !c.disabled}};
  if (!c.events.empty()) body["events"] = c.events;
  auto w = call(o, "POST", "/api/v1/webhooks", body.dump(), o.timeout_s);
  if (!w) return kRefused;
  if (o.raw_json) return print_raw(*w);
  std::cout << "webhook " << text(field(w->doc, "id")) << " -> " << text(field(w->doc, "url"))
            << " (the secret is stored and never shown again)\n";
  return 0;
}

int run_webhooks_test(const Options& o, const IncidentCommands& c) {
  auto r = call(o, "POST", "/api/v1/webhooks/" + encode(c.id) + "/test", {}, o.timeout_s);
  if (!r) return kRefused;
  if (o.raw_json) return print_raw(*r);
  std::cout << "a ping to webhook " << c.id << " is on its way\n";
  return 0;
}

int run_delete(const Options& o, const std::string& path, const std::string& what) {
  if (!call_no_content(o, "DELETE", path)) return kRefused;
  if (!o.raw_json) std::cout << "deleted " << what << "\n";
  return 0;
}

int run_home_status(const Options& o, const IncidentCommands& c) {
  auto s = call(o, "GET", "/api/v1/homes/" + encode(c.home) + "/status", {}, o.timeout_s);
  if (!s) return kRefused;
  if (o.raw_json) return print_raw(*s);
  const json& doc = s->doc;
  std::cout << "home         " << text(field(doc, "homeId")) << "\n";
  std::cout << "status       " << text(field(doc, "status")) << "\n";
  const json& i = field(doc, "incident");
  if (i.is_object()) {
    std::cout << "incident     " << text(field(i, "id")) << "  " << text(field(i, "state")) << " ("
              << text(field(i, "cause")) << ") since " << short_time(field(i, "since"))
              << ", repair by " << short_time(field(i, "estimatedRepairAt")) << "\n";
  }
  const json& m = field(doc, "maintenance");
  if (m.is_object()) {
    std::cout << "maintenance  " << text(field(m, "id")) << "  " << short_time(field(m, "start"))
              << " to " << short_time(field(m, "end")) << " (UTC)\n";
  }
  std::cout << "message      " << text(field(doc, "message")) << "\n";
  return 0;
}

}  // namespace

std::shared_ptr<IncidentCommands> add_incident_commands(CLI::App& app) {
  auto c = std::make_shared<IncidentCommands>();
  c->incidents = app.add_subcommand("incidents", "list regional disturbances, newest first");
  c->incidents->add_option("--state", c->state, "suspected, confirmed, resolved or open");
  c->incidents->add_option("--access-node", c->access_node, "only this access node's");
  c->incidents->add_option("--region", c->region, "only this region's");
  c->incidents->add_option("--home", c->home, "only those that affected this home");
  c->incidents->add_option("--offset", c->offset, "incidents to skip");
  c->incidents->add_option("--limit", c->limit, "incidents to show (at most 1000)");

  c->incident = app.add_subcommand("incident", "show an incident, or change it with the options");
  c->incident->add_option("ID", c->id, "the incident id")->required();
  c->incident->add_option("--note", c->note, "add a note");
  c->incident->add_option("--etr", c->etr, "estimated time of repair (ISO 8601), or none");
  c->incident->add_option("--title", c->title, "the text customers see");
  c->incident->add_flag("--close", c->close, "resolve it now");
  c->incident->add_option("--merge-into", c->merge_into, "merge it into this incident");

  CLI::App* maintenance = app.add_subcommand("maintenance", "planned maintenance windows");
  maintenance->require_subcommand(1);
  c->maintenance_list = maintenance->add_subcommand("list", "list maintenance windows");
  c->maintenance_list->add_flag("--active", c->active, "only those under way or to come");
  c->maintenance_add = maintenance->add_subcommand("add", "declare a maintenance window");
  CLI::Option* node =
      c->maintenance_add->add_option("--access-node", c->access_node, "the access node");
  CLI::Option* region = c->maintenance_add->add_option("--region", c->region, "the whole region");
  node->excludes(region);
  c->maintenance_add->add_option("--start", c->start, "when it starts (ISO 8601)")->required();
  c->maintenance_add->add_option("--end", c->end, "when it ends (ISO 8601)")->required();
  c->maintenance_add->add_option("--description", c->description, "what customers are told");
  c->maintenance_delete = maintenance->add_subcommand("delete", "delete a maintenance window");
  c->maintenance_delete->add_option("ID", c->id, "the window's id")->required();

  CLI::App* webhooks = app.add_subcommand("webhooks", "receivers of incident events");
  webhooks->require_subcommand(1);
  c->webhooks_list = webhooks->add_subcommand("list", "list webhooks (never their secrets)");
  c->webhooks_add = webhooks->add_subcommand("add", "add a webhook");
  c->webhooks_add
      ->add_option("--target", c->url, "the receiver's URL, where events are POSTed")
      ->required();
  c->webhooks_add->add_option("--secret", c->secret, "HMAC-SHA256 key, 16 characters or more")
      ->required();
  c->webhooks_add
      ->add_option("--events", c->events,
                   "incident.opened,incident.updated,incident.resolved (default: all)")
      ->delimiter(',');
  c->webhooks_add->add_flag("--disabled", c->disabled, "store it without sending to it yet");
  c->webhooks_delete = webhooks->add_subcommand("delete", "delete a webhook");
  c->webhooks_delete->add_option("ID", c->id, "the webhook id")->required();
  c->webhooks_test = webhooks->add_subcommand("test", "send a ping to a webhook");
  c->webhooks_test->add_option("ID", c->id, "the webhook id")->required();

  c->home_status = app.add_subcommand("home-status", "what a home's customer is told now");
  c->home_status->add_option("HOME", c->home, "the home id")->required();
  return c;
}

std::optional<int> run_incident_commands(const Options& o, const IncidentCommands& c) {
  if (*c.incidents) return run_list(o, c);
  if (*c.incident) return run_incident(o, c);
  if (*c.maintenance_list) return run_maintenance_list(o, c);
  if (*c.maintenance_add) {
    if (c.access_node.empty() && c.region.empty()) {
      std::cerr << "hearth: maintenance add needs --access-node or --region\n";
      return kUsage;
    }
    return run_maintenance_add(o, c);
  }
  if (*c.maintenance_delete) {
    return run_delete(o, "/api/v1/maintenance/" + encode(c.id), "maintenance " + c.id);
  }
  if (*c.webhooks_list) return run_webhooks_list(o);
  if (*c.webhooks_add) return run_webhooks_add(o, c);
  if (*c.webhooks_delete)
    return run_delete(o, "/api/v1/webhooks/" + encode(c.id), "webhook " + c.id);
  if (*c.webhooks_test) return run_webhooks_test(o, c);
  if (*c.home_status) return run_home_status(o, c);
  return std::nullopt;
}

}  // namespace hearth::cli
