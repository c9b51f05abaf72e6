#include "api/home_overview.h"

#include <cmath>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "api/handler_support.h"
#include "api/recommended_action.h"
#include "api/selfservice_handlers.h"
#include "api/staff_support.h"
#include "api/views.h"
#include "diag/diagnosis.h"
#include "diag/diagnosis_json.h"

namespace hearth::api {

namespace {

using nlohmann::json;

constexpr size_t kMaxOpenTickets = 20;
// A device counts as online while its informs are no later than two intervals (a day when the
// interval is unknown) plus a little slack, as in the customer portal.
constexpr int64_t kDayMs = 24 * 3600'000LL;
constexpr int64_t kSlackMs = 5 * 60'000;

bool device_online(const store::DeviceRecord& d, int64_t now_ms) {
  if (d.last_inform_ms == 0) return false;
  const int64_t interval_ms = d.inform_interval_s > 0 ? int64_t{d.inform_interval_s} * 1000 : kDayMs;
  return now_ms - d.last_inform_ms <= 2 * interval_ms + kSlackMs;
}

json number_or_null(double v) {
  return diag::known(v) ? json(std::round(v * 10) / 10) : json(nullptr);
}

// Everything the page shows, read once.
struct Overview {
  store::HomeRecord home;
  std::optional<store::SubscriberRecord> customer;
  std::string region;
  std::optional<store::IncidentRecord> incident;
  std::optional<diag::Diagnosis> diagnosis;
  std::optional<diag::HomeSnapshot> snapshot;
  std::vector<std::pair<store::HomeDevice, std::optional<store::DeviceRecord>>> devices;
  std::map<std::string, std::string> names;
  std::vector<store::TicketRecord> tickets;
  std::string firmware_file;
  int64_t now_ms = 0;
};

const store::DeviceRecord* gateway_device(const Overview& o) {
  const store::HomeDevice* g = home_gateway(o.home);
  if (g == nullptr) return nullptr;
  for (const auto& [hd, d] : o.devices) {
    if (hd.device_id == g->device_id && d) return &*d;
  }
  return nullptr;
}

Result<Overview> read_overview(const ApiDeps& deps, const std::string& home_id) {
  Overview o;
  o.now_ms = now_ms(deps);
  auto home = deps.store.get_home(home_id);
  if (!home) return home.error();
  if (!home->has_value()) return make_error(ErrorCode::kNotFound, "no home '" + home_id + "'");
  o.home = std::move(**home);
  auto customer = deps.store.get_subscriber(o.home.account);
  if (!customer) return customer.error();
  o.customer = std::move(*customer);
  auto node = deps.store.get_access_node(o.home.access_node_id);
  if (!node) return node.error();
  if (node->has_value()) o.region = (*node)->region_id;
  auto incident = open_incident_of(deps.store, o.home.id);
  if (!incident) return incident.error();
  o.incident = std::move(*incident);
  if (deps.diagnosis != nullptr) {
    // What the diagnosis does not know (a home not seen yet) stays empty.
    if (auto d = deps.diagnosis->home_diagnosis(o.home.id); d && d->time_ms > 0) o.diagnosis = std::move(*d);
    if (auto s = deps.diagnosis->home_snapshot(o.home.id); s) o.snapshot = std::move(*s);
  }
  for (const store::HomeDevice& hd : o.home.devices) {
    auto d = deps.store.get_device(hd.device_id);
    if (!d) return d.error();
    o.devices.emplace_back(hd, std::move(*d));
  }
  auto names = load_device_names(deps, o.home.id);
  if (!names) return names.error();
  o.names = std::move(*names);
  store::TicketQuery tq;
  tq.home_id = o.home.id;
  tq.state = "open";
  tq.limit = kMaxOpenTickets;
  auto tickets = deps.store.list_tickets(tq);
  if (!tickets) return tickets.error();
  o.tickets = std::move(*tickets);
  if (const store::DeviceRecord* g = gateway_device(o); g && o.diagnosis && o.diagnosis->primary) {
    auto files = deps.store.list_files();
    if (!files) return files.error();
    if (auto f = newer_firmware(*files, *g)) o.firmware_file = f->id;
  }
  return o;
}

json status_json(const Overview& o) {
  if (o.incident) return {{"kind", "incident"}, {"incident", incident_status_json(*o.incident)}};
  const bool problem = o.diagnosis && o.diagnosis->primary;
  return {{"kind", problem ? "home-problem" : "ok"}, {"incident", nullptr}};
}

json finding_json(const diag::Finding& f, bool primary) {
  const json full = diag::finding_to_json(f);
  json evidence = json::object();
  for (const diag::Evidence& e : f.evidence) evidence[e.name] = number_or_null(e.value);
  json out = {{"code", f.code},
              {"title", full.value("title", json(nullptr))},
              {"severity", diag::severity_name(f.severity)},
              {"entity", full.value("entity", json(nullptr))},
              {"since", time_json(f.start_ms)},
              {"evidence", std::move(evidence)},
              {"agentText", f.agent_text},
              {"remedy", full.value("remedy", json(nullptr))}};
  if (primary) out["customerText"] = f.customer_text;
  return out;
}

json diagnosis_json(const Overview& o) {
  if (!o.diagnosis) return {{"health", nullptr}, {"time", nullptr}, {"primaryCause", nullptr}, {"findings", json::array()}};
  const diag::Diagnosis& d = *o.diagnosis;
  json findings = json::array();
  for (const diag::Finding& f : d.findings) findings.push_back(finding_json(f, false));
  return {{"health", d.health},
          {"time", time_json(d.time_ms)},
          {"domain", d.domain.empty() ? json(nullptr) : json(d.domain)},
          {"agentSummary", d.agent_summary},
          {"primaryCause", d.primary ? finding_json(*d.primary, true) : json(nullptr)},
          {"findings", std::move(findings)}};
}

json action_json(const Overview& o) {
  ActionInput in;
  if (o.diagnosis && o.diagnosis->primary) in.primary = *o.diagnosis->primary;
  in.incident = o.incident.has_value();
  const store::DeviceRecord* g = gateway_device(o);
  if (g != nullptr) in.gateway_device_id = g->id;
  in.firmware_file = o.firmware_file;
  if (o.snapshot) in.radios = o.snapshot->radios;
  return recommended_action_json(recommend_action(in, o.home.id), in.gateway_device_id);
}

json map_json(const Overview& o) {
  json nodes = json::array();
  json stations = json::array();
  if (!o.snapshot) return {{"nodes", nodes}, {"stations", stations}, {"time", nullptr}};
  const diag::HomeSnapshot& s = *o.snapshot;
  const store::DeviceRecord* g = gateway_device(o);
  for (const diag::Node& n : s.nodes) {
    json node = {{"id", n.id},
                 {"role", n.gateway ? "gateway" : "extender"},
                 {"model", n.gateway && g ? json(g->model_name.empty() ? g->product_class : g->model_name) : json(nullptr)},
                 {"online", n.gateway ? json(g ? device_online(*g, o.now_ms) : false) : json(true)},
                 {"parent", n.parent >= 0 && static_cast<size_t>(n.parent) < s.nodes.size()
                                ? json(s.nodes[static_cast<size_t>(n.parent)].id)
                                : json(nullptr)}};
    if (!n.gateway) {
      node["backhaul"] = {{"kind", n.backhaul},
                          {"signal", number_or_null(n.backhaul_signal_dbm)},
                          {"phyMbps", number_or_null(n.backhaul_phy_mbps)}};
    }
    nodes.push_back(std::move(node));
  }
  for (const diag::Station& st : s.stations) {
    auto named = o.names.find(st.mac);
    const std::string name = named != o.names.end() ? named->second : !st.hostname.empty() ? st.hostname : st.mac;
    const bool node_ok = st.node >= 0 && static_cast<size_t>(st.node) < s.nodes.size();
    stations.push_back({{"mac", st.mac},
                        {"name", name},
                        {"node", node_ok ? json(s.nodes[static_cast<size_t>(st.node)].id) : json(nullptr)},
                        {"band", diag::band_name(st.band)},
                        {"signal", number_or_null(st.signal_dbm)}});
  }
  return {{"nodes", std::move(nodes)}, {"stations", std::move(stations)}, {"time", time_json(s.time_ms)}};
}

json devices_json(const Overview& o) {
  json out = json::array();
  for (const auto& [hd, d] : o.devices) {
    out.push_back({{"deviceId", hd.device_id},
                   {"role", hd.role},
                   {"serial", d && !d->serial_number.empty() ? d->serial_number : hd.serial},
                   {"model", d ? json(d->model_name.empty() ? d->product_class : d->model_name) : json(nullptr)},
                   {"softwareVersion", d ? json(d->software_version) : json(nullptr)},
                   {"lastInform", time_json(d ? d->last_inform_ms : 0)},
                   {"online", d ? device_online(*d, o.now_ms) : false}});
  }
  return out;
}

}  // namespace

void get_home_overview(const ApiDeps& deps, const CallPtr& call) {
  Result<Overview> o = read_overview(deps, call->param("id"));
  if (!o) return call->fail(o.error());
  NameCache names(deps.store);
  json tickets = json::array();
  for (const store::TicketRecord& t : o->tickets) tickets.push_back(ticket_summary_json(t, names));
  json customer = o->customer ? customer_json(*o->customer) : json(nullptr);
  call->reply(200, {{"home", {{"id", o->home.id},
                              {"account", o->home.account},
                              {"accessNode", o->home.access_node_id},
                              {"region", o->region.empty() ? json(nullptr) : json(o->region)}}},
                    {"customer", std::move(customer)},
                    {"status", status_json(*o)},
                    {"diagnosis", diagnosis_json(*o)},
                    {"recommendedAction", action_json(*o)},
                    {"map", map_json(*o)},
                    {"devices", devices_json(*o)},
                    {"openTickets", std::move(tickets)}});
}

}  // namespace hearth::api
