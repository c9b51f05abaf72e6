// The customer's home at a glance (GET /api/v1/selfservice/home), its health over days and the
// speed test on demand. The home is read in a handful of store and diagnosis reads; anything not
// known (no diagnosis yet, a gateway that never connected, no incident desk) is null, never an
// error.
#include <cmath>
#include <optional>
#include <string>
#include <vector>

#include "api/body_fields.h"
#include "api/errors.h"
#include "api/handler_support.h"
#include "api/home_status.h"
#include "api/portal_support.h"
#include "api/request_params.h"
#include "api/selfservice_handlers.h"
#include "api/views.h"
#include "diag/diagnosis.h"

namespace hearth::api {

namespace {

using nlohmann::json;

constexpr int64_t kDayMs = 24 * 3600'000LL;
constexpr uint64_t kDefaultHealthDays = 7;
constexpr uint64_t kMaxHealthDays = 30;
constexpr int64_t kSpeedTestTimeoutMs = 30'000;
constexpr size_t kMaxOpenTickets = 20;
// Without a diagnosis, a gateway counts as online while its informs are no later than this
// many intervals (a day when the interval is unknown), plus a little slack.
constexpr int64_t kMissedInforms = 2;
constexpr int64_t kSlackMs = 5 * 60'000;

json number_or_null(double v) {
  return diag::known(v) ? json(std::round(v * 10) / 10) : json(nullptr);
}

json text_or_null(const std::string& s) {
  return s.empty() ? json(nullptr) : json(s);
}

// Signal bars as the contract gives them: >= -55 dBm 4, >= -65 3, >= -72 2, >= -80 1, else 0.
int bars(double signal_dbm) {
  if (!diag::known(signal_dbm)) return 0;
  if (signal_dbm >= -55) return 4;
  if (signal_dbm >= -65) return 3;
  if (signal_dbm >= -72) return 2;
  if (signal_dbm >= -80) return 1;
  return 0;
}

// The primary causes that mean the gateway cannot be reached at all.
bool offline_code(const std::string& code) {
  return code == "DEV-OFFLINE-1" || code == "PWR-CUT-1" || code == "OUT-REG-1";
}

// Everything GET home reads, read once.
struct HomeView {
  store::HomeRecord home;
  const store::HomeDevice* gateway = nullptr;
  std::optional<store::DeviceRecord> device;
  std::optional<outage::HomeOutage> outage;
  std::optional<diag::Diagnosis> diagnosis;  // only one that has run (time_ms > 0)
  std::optional<diag::HomeSnapshot> snapshot;
  std::map<std::string, std::string> names;
  std::vector<store::TicketRecord> tickets;
  int64_t now_ms = 0;
  std::string lang;
};

// Whether the gateway is reachable: the diagnosis says so when it has run, else the informs.
std::optional<bool> gateway_online(const HomeView& v) {
  if (v.diagnosis) return !(v.diagnosis->primary && offline_code(v.diagnosis->primary->code));
  if (!v.device || v.device->last_inform_ms == 0) return std::nullopt;
  const int64_t interval_ms =
      v.device->inform_interval_s > 0 ? int64_t{v.device->inform_interval_s} * 1000 : kDayMs;
  return v.now_ms - v.device->last_inform_ms <= kMissedInforms * interval_ms + kSlackMs;
}

bool maintenance_now(const outage::HomeOutage& o, int64_t now_ms) {
  return o.maintenance && o.maintenance->start_ms <= now_ms && now_ms < o.maintenance->end_ms;
}

json status_json(const HomeView& v) {
  const std::string& lang = v.lang;
  json s = {{"kind", "ok"},        {"title", nullptr},         {"text", nullptr},
            {"since", nullptr},    {"etr", nullptr},           {"incidentId", nullptr},
            {"maintenance", nullptr}, {"primary", nullptr},    {"restartAdvised", false}};
  if (v.outage && v.outage->maintenance) {
    const outage::Maintenance& m = *v.outage->maintenance;
    s["maintenance"] = {{"start", time_json(m.start_ms)},
                        {"end", time_json(m.end_ms)},
                        {"text", maintenance_message(m, v.now_ms, lang)}};
  }
  const std::optional<bool> online = gateway_online(v);
  const diag::Finding* primary = v.diagnosis && v.diagnosis->primary ? &*v.diagnosis->primary : nullptr;
  if (primary) {
    const diag::RuleInfo* rule = diag::find_rule(primary->code);
    s["primary"] = {{"code", primary->code},
                    {"title", rule ? json(rule->title) : json(nullptr)},
                    {"text", text_or_null(primary->customer_text)},
                    {"severity", diag::severity_name(primary->severity)}};
  }

  if (v.outage && (v.outage->incident_id != 0 || maintenance_now(*v.outage, v.now_ms))) {
    // The area's problem explains the home's: restarting the router would not help.
    const bool planned = home_status_name(v.outage, v.now_ms) == "maintenance";
    s["kind"] = "area";
    s["title"] = planned ? in_lang({"Planned maintenance", "Geplante Wartungsarbeiten", "Planerat underhåll"}, lang)
                         : in_lang({"Disturbance in your area", "Störung in Ihrer Region", "Störning i ditt område"}, lang);
    s["text"] = home_status_message(v.outage, v.now_ms, lang);
    if (v.outage->incident_id != 0) {
      s["since"] = time_json(v.outage->since_ms);
      s["etr"] = time_json(v.outage->etr_ms);
      s["incidentId"] = std::to_string(v.outage->incident_id);
    } else {
      s["since"] = time_json(v.outage->maintenance->start_ms);
      s["etr"] = time_json(v.outage->maintenance->end_ms);
    }
    return s;
  }
  if (online && !*online) {
    const bool power = primary && primary->code == "PWR-CUT-1";
    s["kind"] = "offline";
    s["title"] = in_lang({"Your router is offline", "Ihr Router ist offline", "Din router är offline"}, lang);
    s["text"] = power ? in_lang({"Your router seems to have lost power. Check that it is plugged in and switched on.",
                                 "Ihr Router scheint keinen Strom zu haben. Prüfen Sie, ob er eingesteckt und eingeschaltet ist.",
                                 "Din router verkar sakna ström. Kontrollera att den är ansluten och påslagen."},
                                lang)
                      : in_lang({"We cannot reach your router. Check that it is switched on and that its cables are "
                                 "plugged in firmly, then restart it.",
                                 "Wir erreichen Ihren Router nicht. Prüfen Sie, ob er eingeschaltet ist und die Kabel "
                                 "fest stecken, und starten Sie ihn dann neu.",
                                 "Vi når inte din router. Kontrollera att den är påslagen och att kablarna sitter i "
                                 "ordentligt, och starta sedan om den."},
                                lang);
    s["since"] = primary ? time_json(primary->start_ms)
                         : time_json(v.device ? v.device->last_inform_ms : 0);
    s["restartAdvised"] = !power;
    return s;
  }
  if (primary) {
    s["kind"] = "home";
    s["title"] = in_lang({"We found a problem", "Wir haben ein Problem gefunden", "Vi har hittat ett problem"}, lang);
    if (lang == "en" && !primary->customer_text.empty()) {
      s["text"] = primary->customer_text;
    } else if (v.diagnosis->domain == "wifi") {
      s["text"] = in_lang({"Your Wi-Fi is not working as well as it could. The troubleshooting shows what you can do.",
                           "Ihr WLAN funktioniert nicht so gut, wie es könnte. Die Fehlersuche zeigt, was Sie tun können.",
                           "Ditt wifi fungerar inte så bra som det kan. Felsökningen visar vad du kan göra."},
                          lang);
    } else if (v.diagnosis->domain == "wan" || v.diagnosis->domain == "access-network") {
      s["text"] = in_lang({"Your internet connection has a problem. The troubleshooting shows what you can do.",
                           "Ihre Internetverbindung hat ein Problem. Die Fehlersuche zeigt, was Sie tun können.",
                           "Din internetanslutning har ett problem. Felsökningen visar vad du kan göra."},
                          lang);
    } else {
      s["text"] = in_lang({"Your router has a problem. The troubleshooting shows what you can do.",
                           "Ihr Router hat ein Problem. Die Fehlersuche zeigt, was Sie tun können.",
                           "Din router har ett problem. Felsökningen visar vad du kan göra."},
                          lang);
    }
    s["since"] = time_json(primary->start_ms);
    s["restartAdvised"] = primary->remedy.action == "reboot";
    return s;
  }
  if (!v.diagnosis) {
    s["kind"] = "unknown";
    s["title"] = in_lang({"Not known yet", "Noch unbekannt", "Inte känt ännu"}, lang);
    s["text"] = in_lang({"We have no recent information from your router yet.",
                         "Wir haben noch keine aktuellen Informationen von Ihrem Router.",
                         "Vi har ännu ingen aktuell information från din router."},
                        lang);
    return s;
  }
  s["title"] = in_lang({"All good", "Alles in Ordnung", "Allt fungerar"}, lang);
  s["text"] = in_lang({"Your internet and Wi-Fi are working normally.",
                       "Ihr Internet und WLAN funktionieren normal.",
                       "Ditt internet och wifi fungerar som de ska."},
                      lang);
  return s;
}

json gateway_json(const HomeView& v) {
  if (v.gateway == nullptr) return nullptr;
  const std::optional<bool> online = gateway_online(v);
  const store::DeviceRecord* d = v.device ? &*v.device : nullptr;
  return {{"deviceId", v.gateway->device_id},
          {"manufacturer", text_or_null(d && !d->manufacturer.empty() ? d->manufacturer : v.gateway->manufacturer)},
          {"model", text_or_null(d ? d->model_name : "")},
          {"firmware", text_or_null(d ? d->software_version : "")},
          {"online", online.value_or(false)},
          {"lastContact", time_json(d ? d->last_inform_ms : 0)}};
}

std::string node_name(const diag::Node& n, int extender_number, const std::string& lang) {
  if (n.gateway) return "Router";
  return std::string(in_lang({"Extender ", "Repeater ", "Förstärkare "}, lang)) + std::to_string(extender_number);
}

json network_json(const HomeView& v) {
  json nodes = json::array();
  json radios = json::array();
  json stations = json::array();
  if (v.snapshot) {
    int extenders = 0;
    for (const diag::Node& n : v.snapshot->nodes) {
      nodes.push_back({{"id", n.id},
                       {"name", node_name(n, n.gateway ? 0 : ++extenders, v.lang)},
                       {"role", n.gateway ? "gateway" : "extender"},
                       {"backhaul", n.backhaul},
                       {"backhaulSignalDbm", number_or_null(n.backhaul_signal_dbm)},
                       {"parent", n.parent}});
    }
    for (const diag::Radio& r : v.snapshot->radios) {
      radios.push_back({{"id", r.id},
                        {"node", r.node},
                        {"band", diag::band_name(r.band)},
                        {"channel", r.channel > 0 ? json(r.channel) : json(nullptr)},
                        {"utilisationPct", number_or_null(r.utilisation_pct)},
                        {"enabled", r.enabled}});
    }
    for (const diag::Station& st : v.snapshot->stations) {
      auto named = v.names.find(st.mac);
      const std::string name = named != v.names.end() ? named->second
                               : !st.hostname.empty() ? st.hostname
                                                      : st.mac;
      stations.push_back({{"mac", st.mac},
                          {"name", name},
                          {"hostname", st.hostname},
                          {"node", st.node},
                          {"band", diag::band_name(st.band)},
                          {"signalDbm", number_or_null(st.signal_dbm)},
                          {"bars", bars(st.signal_dbm)},
                          {"phyMbps", number_or_null(st.phy_down_mbps)},
                          {"active", st.active}});
    }
  }
  return {{"nodes", std::move(nodes)}, {"radios", std::move(radios)}, {"stations", std::move(stations)}};
}

json wan_json(const HomeView& v) {
  return {{"up", v.snapshot ? json(v.snapshot->wan.up) : json(nullptr)},
          {"access", v.snapshot ? v.snapshot->wan.access : ""},
          {"planDownMbps", v.home.plan_down_kbps > 0 ? json(v.home.plan_down_kbps / 1000.0) : json(nullptr)}};
}

// The last speed test the gateway ran, from the snapshot's TR-143 results; null when none.
json speed_test_json(const std::optional<diag::HomeSnapshot>& snapshot) {
  if (!snapshot || snapshot->wan.download.time_ms == 0) return nullptr;
  const diag::Wan& w = snapshot->wan;
  const bool ping = w.ping.time_ms != 0 && w.ping.ok;
  return {{"at", time_json(w.download.time_ms)},
          {"downMbps", w.download.ok ? number_or_null(w.download.mbps) : json(nullptr)},
          {"pingMs", ping ? number_or_null(w.ping.avg_ms) : json(nullptr)}};
}

json open_tickets_json(const std::vector<store::TicketRecord>& tickets) {
  json out = json::array();
  for (const store::TicketRecord& t : tickets) {
    const json body = embedded_json(t.json);
    std::string subject;
    if (body.is_object() && body.contains("subject") && body["subject"].is_string())
      subject = body["subject"].get<std::string>();
    out.push_back({{"id", std::to_string(t.id)},
                   {"state", t.state},
                   {"subject", subject},
                   {"createdAt", time_json(t.created_ms)}});
  }
  return out;
}

// Reads what the home shows. Only store failures are errors; what the diagnosis or the incident
// desk does not know is left empty.
Result<HomeView> read_home(const ApiDeps& deps, const Call& call) {
  Result<store::HomeRecord> home = customer_home(deps, call);
  if (!home) return home.error();
  HomeView v;
  v.home = std::move(*home);
  v.now_ms = now_ms(deps);
  v.lang = request_lang(call);
  v.gateway = home_gateway(v.home);
  if (v.gateway != nullptr) {
    auto device = deps.store.get_device(v.gateway->device_id);
    if (!device) return device.error();
    v.device = std::move(*device);
  }
  if (deps.incidents != nullptr) {
    auto o = deps.incidents->home_outage(v.home.id);
    if (o) v.outage = std::move(*o);
  }
  if (deps.diagnosis != nullptr) {
    auto d = deps.diagnosis->home_diagnosis(v.home.id);
    if (d && d->time_ms > 0) v.diagnosis = std::move(*d);
    auto snap = deps.diagnosis->home_snapshot(v.home.id);
    if (snap) v.snapshot = std::move(*snap);
  }
  auto names = load_device_names(deps, v.home.id);
  if (!names) return names.error();
  v.names = std::move(*names);
  store::TicketQuery q;
  q.account = v.home.account;
  q.state = "open";
  q.limit = kMaxOpenTickets;
  auto tickets = deps.store.list_tickets(q);
  if (!tickets) return tickets.error();
  v.tickets = std::move(*tickets);
  return v;
}

void get_home(const ApiDeps& deps, const CallPtr& call) {
  Result<HomeView> v = read_home(deps, *call);
  if (!v) return call->fail(v.error());
  json health = {{"score", v->diagnosis ? json(v->diagnosis->health) : json(nullptr)},
                 {"updatedAt", time_json(v->diagnosis ? v->diagnosis->time_ms : 0)}};
  call->reply(200, {{"homeId", v->home.id},
                    {"status", status_json(*v)},
                    {"health", std::move(health)},
                    {"gateway", gateway_json(*v)},
                    {"network", network_json(*v)},
                    {"wan", wan_json(*v)},
                    {"speedTest", speed_test_json(v->snapshot)},
                    {"openTickets", open_tickets_json(v->tickets)}});
}

void get_health_history(const ApiDeps& deps, const CallPtr& call) {
  Result<store::HomeRecord> home = customer_home(deps, *call);
  if (!home) return call->fail(home.error());
  Result<std::optional<uint64_t>> days = query_uint(*call, "days", kMaxHealthDays);
  if (!days) return call->fail(days.error());
  if (*days && **days == 0) return call->fail(invalid_field("days", "1 to 30"));
  const int64_t to_ms = now_ms(deps);
  const int64_t from_ms = to_ms - static_cast<int64_t>(days->value_or(kDefaultHealthDays)) * kDayMs;
  json points = json::array();
  if (deps.diagnosis != nullptr) {
    auto series = deps.diagnosis->series(home->id, "health", from_ms, to_ms);
    if (series) {  // a home never diagnosed has no points
      for (const insight::SeriesPoint& p : *series)
        points.push_back({{"t", p.time_ms}, {"health", std::lround(p.value)}});
    }
  }
  call->reply(200, {{"from", time_json(from_ms)}, {"to", time_json(to_ms)}, {"points", std::move(points)}});
}

// Runs the live checks (TR-143 ping and download test, then fresh telemetry) and answers with the
// speed test they produced; 504 when none arrived within the time.
void run_speed_test(const ApiDeps& deps, const CallPtr& call) {
  Result<store::HomeRecord> home = customer_home(deps, *call);
  if (!home) return call->fail(home.error());
  if (deps.diagnosis == nullptr) {
    return call->fail(make_error(ErrorCode::kUnavailable, "speed tests are not available on this server"));
  }
  const int64_t started_ms = now_ms(deps);
  const ApiDeps* d = &deps;
  deps.diagnosis->run_checks(home->id, kSpeedTestTimeoutMs,
                             [d, call, home_id = home->id, started_ms](Result<diag::Diagnosis> r) {
    const Error timeout = make_error(ErrorCode::kTimeout, "the speed test did not finish in time");
    if (!r) return call->fail(r.error().code == ErrorCode::kTimeout ? timeout : r.error());
    auto snapshot = d->diagnosis->home_snapshot(home_id);
    if (!snapshot) return call->fail(snapshot.error());
    // The checks answer after their timeout with what is known then: a result older than the
    // request is not this test's.
    if (!*snapshot || (*snapshot)->wan.download.time_ms < started_ms) return call->fail(timeout);
    call->reply(200, {{"speedTest", speed_test_json(*snapshot)}});
  });
}

}  // namespace

void add_selfservice_home_routes(Router& router, const ApiDeps& deps) {
  const ApiDeps* d = &deps;
  router.add("GET", "/api/v1/selfservice/home", [d](CallPtr c) { get_home(*d, c); }, Access::kCustomer);
  router.add("GET", "/api/v1/selfservice/home/health", [d](CallPtr c) { get_health_history(*d, c); },
             Access::kCustomer);
  router.add("POST", "/api/v1/selfservice/home/speed-test", [d](CallPtr c) { run_speed_test(*d, c); },
             Access::kCustomer);
}

}  // namespace hearth::api
