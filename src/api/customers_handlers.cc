// The agent console's customers: search (GET /api/v1/customers?q=), one customer
// (GET /api/v1/customers/{account}), the customer page's first paint
// (GET /api/v1/homes/{id}/overview, home_overview.h) and a home's timeline
// (GET /api/v1/homes/{id}/timeline, timeline.h). Reads only; Access::kAgent.
#include <algorithm>
#include <deque>
#include <iterator>

#include "api/body_fields.h"
#include "api/customer_search.h"
#include "api/diagnosis_handlers.h"
#include "api/home_overview.h"
#include "api/request_params.h"
#include "api/routes.h"
#include "api/staff_support.h"
#include "api/timeline.h"

namespace hearth::api {

namespace {

using nlohmann::json;

constexpr size_t kMaxQueryBytes = 256;
constexpr size_t kMaxOpenTickets = 50;
constexpr size_t kDefaultTimeline = 100;
constexpr size_t kMaxTimeline = 500;
// Sources the store cannot bound by time (events, tasks) are read this far back, at most.
constexpr size_t kMaxEventsPerDevice = 1000;
constexpr size_t kTaskPage = 500;
constexpr size_t kMaxTaskPages = 4;

std::string trim(const std::string& s) {
  const size_t b = s.find_first_not_of(" \t");
  if (b == std::string::npos) return "";
  return s.substr(b, s.find_last_not_of(" \t") - b + 1);
}

void search(const ApiDeps& deps, const CallPtr& call) {
  const std::string q = trim(call->query("q").value_or(""));
  if (q.empty()) return call->fail(invalid_field("q", "required"));
  if (q.size() > kMaxQueryBytes) return call->fail(invalid_field("q", "longer than 256 characters"));
  Result<size_t> limit = limit_param(*call, kDefaultCustomerResults, kMaxCustomerResults);
  if (!limit) return call->fail(limit.error());
  Result<json> found = search_customers(deps, q, *limit);
  if (!found) return call->fail(found.error());
  call->reply(200, *found);
}

void get_customer(const ApiDeps& deps, const CallPtr& call) {
  const std::string& account = call->param("account");
  auto s = deps.store.get_subscriber(account);
  if (!s) return call->fail(s.error());
  if (!s->has_value()) return call->fail(make_error(ErrorCode::kNotFound, "no customer '" + account + "'"));
  store::HomeQuery hq;
  hq.account = account;
  hq.limit = 20;
  auto homes = deps.store.list_homes(hq);
  if (!homes) return call->fail(homes.error());
  json list = json::array();
  for (const store::HomeRecord& h : homes->homes) {
    auto node = deps.store.get_access_node(h.access_node_id);
    if (!node) return call->fail(node.error());
    auto brief = home_brief_json(deps, h);
    if (!brief) return call->fail(brief.error());
    (*brief)["region"] = node->has_value() ? json((*node)->region_id) : json(nullptr);
    list.push_back(std::move(*brief));
  }
  store::TicketQuery tq;
  tq.account = account;
  tq.state = "open";
  tq.limit = kMaxOpenTickets;
  auto tickets = deps.store.list_tickets(tq);
  if (!tickets) return call->fail(tickets.error());
  NameCache names(deps.store);
  json open = json::array();
  for (const store::TicketRecord& t : *tickets) open.push_back(ticket_summary_json(t, names));
  json out = customer_json(**s);
  out["homes"] = std::move(list);
  out["openTickets"] = std::move(open);
  call->reply(200, out);
}

// The newest tasks of a device: find_tasks lists them oldest first, so read pages and keep the
// tail (at most kMaxTaskPages pages: a device's tasks are pruned long before that).
Status newest_tasks(const ApiDeps& deps, const std::string& device_id, size_t keep,
                    std::vector<store::TaskRecord>& out) {
  std::deque<store::TaskRecord> tail;
  store::TaskQuery q;
  q.device_id = device_id;
  q.limit = kTaskPage;
  for (size_t page = 0; page < kMaxTaskPages; ++page, q.offset += kTaskPage) {
    auto tasks = deps.store.find_tasks(q);
    if (!tasks) return tasks.error();
    for (store::TaskRecord& t : *tasks) {
      tail.push_back(std::move(t));
      if (tail.size() > keep) tail.pop_front();
    }
    if (tasks->size() < kTaskPage) break;
  }
  out.insert(out.end(), std::make_move_iterator(tail.begin()), std::make_move_iterator(tail.end()));
  return ok_status();
}

// Reads each source once, bounded by the window where the store can and by `limit` (or a fixed
// depth for events and tasks) where it cannot.
Result<TimelineSources> read_sources(const ApiDeps& deps, const store::HomeRecord& home,
                                     const TimelineWindow& w) {
  TimelineSources s;
  for (const store::HomeDevice& hd : home.devices) {
    auto events = deps.store.list_events(hd.device_id, std::max(w.limit, kMaxEventsPerDevice));
    if (!events) return events.error();
    s.events.insert(s.events.end(), events->begin(), events->end());
    if (Status st = newest_tasks(deps, hd.device_id, std::max(w.limit, kTaskPage), s.tasks); !st) return st.error();
  }
  auto opt = deps.store.list_optimisations(home.id, w.limit);
  if (!opt) return opt.error();
  s.optimisations = std::move(*opt);
  store::FindingQuery fq;
  fq.home_id = home.id;
  fq.since_ms = w.from_ms;
  fq.limit = w.limit;
  auto findings = deps.store.find_findings(fq);
  if (!findings) return findings.error();
  s.findings = std::move(*findings);
  store::TroubleshootQuery rq;
  rq.home_id = home.id;
  rq.from_ms = w.from_ms;
  rq.to_ms = w.to_ms;
  rq.limit = w.limit;
  auto runs = deps.store.list_troubleshoots(rq);
  if (!runs) return runs.error();
  s.runs = std::move(*runs);
  store::TicketQuery tq;
  tq.home_id = home.id;
  tq.limit = w.limit;
  auto tickets = deps.store.list_tickets(tq);
  if (!tickets) return tickets.error();
  s.tickets = std::move(*tickets);
  store::IncidentQuery iq;
  iq.home_id = home.id;
  iq.from_ms = w.from_ms;
  iq.to_ms = w.to_ms;
  iq.limit = w.limit;
  auto incidents = deps.store.list_incidents(iq);
  if (!incidents) return incidents.error();
  s.incidents = std::move(*incidents);
  store::AuditQuery aq;
  aq.home_id = home.id;
  aq.from_ms = w.from_ms;
  aq.to_ms = w.to_ms;
  aq.limit = w.limit;
  auto audit = deps.store.list_audit(aq);
  if (!audit) return audit.error();
  s.audit = std::move(*audit);
  return s;
}

void get_timeline(const ApiDeps& deps, const CallPtr& call) {
  const std::string& id = call->param("id");
  auto home = deps.store.get_home(id);
  if (!home) return call->fail(home.error());
  if (!home->has_value()) return call->fail(make_error(ErrorCode::kNotFound, "no home '" + id + "'"));
  Result<std::optional<int64_t>> from = query_time(*call, "from");
  if (!from) return call->fail(from.error());
  Result<std::optional<int64_t>> to = query_time(*call, "to");
  if (!to) return call->fail(to.error());
  if (*from && *to && **from > **to) return call->fail(invalid_field("from", "after to"));
  Result<size_t> limit = limit_param(*call, kDefaultTimeline, kMaxTimeline);
  if (!limit) return call->fail(limit.error());
  TimelineWindow w{from->value_or(0), to->value_or(0), *limit};
  Result<TimelineSources> sources = read_sources(deps, **home, w);
  if (!sources) return call->fail(sources.error());
  json entries = json::array();
  for (const TimelineEntry& e : merge_timeline(*sources, w)) entries.push_back(timeline_entry_json(e));
  call->reply(200, {{"entries", std::move(entries)}});
}

}  // namespace

void add_customer_routes(Router& router, const ApiDeps& deps) {
  const ApiDeps* d = &deps;
  router.add("GET", "/api/v1/customers", [d](CallPtr c) { search(*d, c); }, Access::kAgent);
  router.add("GET", "/api/v1/customers/{account}", [d](CallPtr c) { get_customer(*d, c); }, Access::kAgent);
  router.add("GET", "/api/v1/homes/{id}/overview", [d](CallPtr c) { get_home_overview(*d, c); }, Access::kAgent);
  router.add("GET", "/api/v1/homes/{id}/timeline", [d](CallPtr c) { get_timeline(*d, c); }, Access::kAgent);
}

}  // namespace hearth::api
