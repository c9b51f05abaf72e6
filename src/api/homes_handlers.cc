// /api/v1/regions, /api/v1/access-nodes, /api/v1/homes and /api/v1/subscribers: the subscribers,
// homes and access-network topology that POST /api/v1/import brings in, for the agent console,
// the customer portal and outage detection.
#include "api/errors.h"
#include "api/handler_support.h"
#include "api/request_params.h"
#include "api/routes.h"
#include "api/topology_views.h"
#include "api/views.h"

namespace hearth::api {

namespace {

using nlohmann::json;

constexpr size_t kMaxFilterLength = 256;

Result<std::string> text_filter(const Call& call, const char* name) {
  std::optional<std::string> v = call.query(name);
  if (!v) return std::string();
  if (v->size() > kMaxFilterLength) {
    return make_error(ErrorCode::kInvalidArgument,
                      std::string(name) + ": longer than 256 characters");
  }
  return std::move(*v);
}

// One page of an in-memory list, as list_json.
template <typename T, typename View>
json page_of(const std::vector<T>& all, const Paging& p, View view) {
  json items = json::array();
  for (size_t i = p.offset; i < all.size() && i < p.offset + p.limit; ++i)
    items.push_back(view(all[i]));
  return list_json(std::move(items), all.size(), p.offset, p.limit,
                   p.offset + p.limit < all.size());
}

void list_regions(const ApiDeps& deps, CallPtr call) {
  Result<Paging> paging = parse_paging(*call);
  if (!paging) return call->fail(paging.error());
  auto regions = deps.store.list_regions();
  if (!regions) return call->fail(regions.error());
  auto nodes = deps.store.list_access_nodes("");
  if (!nodes) return call->fail(nodes.error());
  auto counts = deps.store.count_homes_by_access_node();
  if (!counts) return call->fail(counts.error());
  std::map<std::string, std::pair<uint64_t, uint64_t>> per_region;  // access nodes, homes
  for (const auto& n : *nodes) {
    auto& [node_count, home_count] = per_region[n.region_id];
    ++node_count;
    if (auto c = counts->find(n.id); c != counts->end()) home_count += c->second;
  }
  call->reply(200, page_of(*regions, *paging, [&](const store::RegionRecord& r) {
                json j = region_json(r);
                const auto& [node_count, home_count] = per_region[r.id];
                j["accessNodes"] = node_count;
                j["homes"] = home_count;
                return j;
              }));
}

void list_access_nodes(const ApiDeps& deps, CallPtr call) {
  Result<Paging> paging = parse_paging(*call);
  if (!paging) return call->fail(paging.error());
  Result<std::string> region = text_filter(*call, "region");
  if (!region) return call->fail(region.error());
  auto nodes = deps.store.list_access_nodes(*region);
  if (!nodes) return call->fail(nodes.error());
  auto counts = deps.store.count_homes_by_access_node();
  if (!counts) return call->fail(counts.error());
  call->reply(200, page_of(*nodes, *paging, [&](const store::AccessNodeRecord& n) {
                auto c = counts->find(n.id);
                return access_node_json(n, c == counts->end() ? 0 : c->second);
              }));
}

// The subscriber of a home as shown with it; null when the store has none (it always should).
Result<json> subscriber_of(const ApiDeps& deps, const std::string& account) {
  auto s = deps.store.get_subscriber(account);
  if (!s) return s.error();
  return s->has_value() ? subscriber_json(**s) : json(nullptr);
}

void list_homes(const ApiDeps& deps, CallPtr call) {
  store::HomeQuery q;
  const std::pair<const char*, std::string*> texts[] = {{"accessNode", &q.access_node},
                                                        {"region", &q.region},
                                                        {"account", &q.account},
                                                        {"q", &q.text}};
  for (const auto& [name, field] : texts) {
    Result<std::string> v = text_filter(*call, name);
    if (!v) return call->fail(v.error());
    *field = std::move(*v);
  }
  Result<Paging> paging = parse_paging(*call);
  if (!paging) return call->fail(paging.error());
  q.offset = paging->offset;
  q.limit = paging->limit;
  auto page = deps.store.list_homes(q);
  if (!page) return call->fail(page.error());
  json items = json::array();
  for (const auto& h : page->homes) {
    json j = home_json(h);
    Result<json> sub = subscriber_of(deps, h.account);
    if (!sub) return call->fail(sub.error());
    j["subscriber"] = std::move(*sub);
    items.push_back(std::move(j));
  }
  const bool more = q.offset + page->homes.size() < page->total;
  call->reply(200, list_json(std::move(items), page->total, q.offset, q.limit, more));
}

void get_home(const ApiDeps& deps, CallPtr call) {
  const std::string& id = call->param("id");
  auto found = deps.store.get_home(id);
  if (!found) return call->fail(found.error());
  if (!found->has_value())
    return call->fail(make_error(ErrorCode::kNotFound, "no home '" + id + "'"));
  const store::HomeRecord& h = **found;
  json body = home_json(h);
  Result<json> sub = subscriber_of(deps, h.account);
  if (!sub) return call->fail(sub.error());
  body["subscriber"] = std::move(*sub);

  json topology = {{"accessNode", nullptr}, {"region", nullptr}};
  auto node = deps.store.get_access_node(h.access_node_id);
  if (!node) return call->fail(node.error());
  if (node->has_value()) {
    topology["accessNode"] = access_node_json(**node);
    auto region = deps.store.get_region((*node)->region_id);
    if (!region) return call->fail(region.error());
    if (region->has_value()) topology["region"] = region_json(**region);
  }
  body["topology"] = std::move(topology);

  // How each device is doing, as far as hearthd knows it (a device that never connected is not).
  for (size_t i = 0; i < h.devices.size(); ++i) {
    auto d = deps.store.get_device(h.devices[i].device_id);
    if (!d) return call->fail(d.error());
    json& out = body["devices"][i];
    out["known"] = d->has_value();
    out["lastInform"] = d->has_value() ? time_json((*d)->last_inform_ms) : json(nullptr);
    out["softwareVersion"] = d->has_value() ? json((*d)->software_version) : json(nullptr);
  }
  call->reply(200, body);
}

void get_subscriber(const ApiDeps& deps, CallPtr call) {
  const std::string& account = call->param("account");
  auto s = deps.store.get_subscriber(account);
  if (!s) return call->fail(s.error());
  if (!s->has_value())
    return call->fail(make_error(ErrorCode::kNotFound, "no subscriber '" + account + "'"));
  store::HomeQuery q;
  q.account = account;
  q.limit = kMaxLimit;
  auto homes = deps.store.list_homes(q);
  if (!homes) return call->fail(homes.error());
  json body = subscriber_json(**s);
  json list = json::array();
  for (const auto& h : homes->homes) list.push_back(home_json(h));
  body["homes"] = std::move(list);
  call->reply(200, body);
}

}  // namespace

void add_home_routes(Router& router, const ApiDeps& deps) {
  const ApiDeps* d = &deps;
  router.add("GET", "/api/v1/regions", [d](CallPtr c) { list_regions(*d, std::move(c)); });
  router.add("GET", "/api/v1/access-nodes",
             [d](CallPtr c) { list_access_nodes(*d, std::move(c)); });
  router.add("GET", "/api/v1/homes", [d](CallPtr c) { list_homes(*d, std::move(c)); });
  router.add("GET", "/api/v1/homes/{id}", [d](CallPtr c) { get_home(*d, std::move(c)); });
  router.add("GET", "/api/v1/subscribers/{account}",
             [d](CallPtr c) { get_subscriber(*d, std::move(c)); });
}

}  // namespace hearth::api
