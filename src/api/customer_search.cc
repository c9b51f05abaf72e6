#include "api/customer_search.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <optional>

#include "api/selfservice_handlers.h"
#include "api/staff_support.h"

namespace hearth::api {

namespace {

using nlohmann::json;

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

bool contains(const std::string& haystack, const std::string& lowered_needle) {
  return lower(haystack).find(lowered_needle) != std::string::npos;
}

// What of the subscriber (or the home) a text search matched.
std::string text_match(const store::SubscriberRecord& s, const std::string& needle) {
  if (contains(s.account, needle)) return "account";
  if (contains(s.name, needle)) return "name";
  if (contains(s.email, needle)) return "email";
  if (contains(s.street, needle) || contains(s.postal_code, needle) || contains(s.city, needle)) {
    return "address";
  }
  return "account";  // the home's id
}

// The accounts found so far in the order found, with what matched first.
class Hits {
 public:
  explicit Hits(size_t limit) : limit_(limit) {}
  bool full() const { return order_.size() >= limit_; }
  void add(const std::string& account, const std::string& matched) {
    if (account.empty() || full() || matched_.count(account)) return;
    matched_[account] = matched;
    order_.push_back(account);
  }
  const std::vector<std::string>& accounts() const { return order_; }
  const std::string& matched(const std::string& account) const { return matched_.at(account); }

 private:
  size_t limit_;
  std::vector<std::string> order_;
  std::map<std::string, std::string> matched_;
};

Status add_home_account(const ApiDeps& deps, const std::string& home_id, const std::string& matched,
                        Hits& hits) {
  auto home = deps.store.get_home(home_id);
  if (!home) return home.error();
  if (home->has_value()) hits.add((*home)->account, matched);
  return ok_status();
}

}  // namespace

Result<json> home_brief_json(const ApiDeps& deps, const store::HomeRecord& home) {
  json gateway = nullptr;
  if (const store::HomeDevice* g = home_gateway(home)) {
    auto device = deps.store.get_device(g->device_id);
    if (!device) return device.error();
    const store::DeviceRecord* d = device->has_value() ? &**device : nullptr;
    gateway = {{"deviceId", g->device_id},
               {"serial", d && !d->serial_number.empty() ? d->serial_number : g->serial},
               {"model", d ? json(d->model_name.empty() ? d->product_class : d->model_name) : json(nullptr)}};
  }
  return json{{"id", home.id}, {"accessNode", home.access_node_id}, {"gateway", std::move(gateway)}};
}

Result<json> search_customers(const ApiDeps& deps, const std::string& q, size_t limit) {
  Hits hits(limit);
  // 1. The account number, exactly.
  auto exact = deps.store.get_subscriber(q);
  if (!exact) return exact.error();
  if (exact->has_value()) hits.add((*exact)->account, "account");

  // 2. A gateway's serial number, exactly.
  store::DeviceQuery dq;
  dq.serial_number = q;
  dq.limit = limit;
  auto devices = deps.store.find_devices(dq);
  if (!devices) return devices.error();
  for (const store::DeviceRecord& d : devices->devices) {
    auto home = deps.store.home_for_device(d.id);
    if (!home) return home.error();
    if (home->has_value()) hits.add((*home)->account, "serial");
  }

  // 3. A MAC address seen in a home.
  if (const std::optional<std::string> mac = mac_from_text(q); mac && deps.diagnosis != nullptr) {
    auto homes = deps.diagnosis->homes_with_mac(*mac);
    if (!homes) return homes.error();
    for (const std::string& id : *homes) {
      if (Status st = add_home_account(deps, id, "mac", hits); !st) return st.error();
    }
  }

  // 4. An email exactly (subscribers without homes too), then any substring.
  if (q.find('@') != std::string::npos) {
    auto by_email = deps.store.find_subscriber_by_email(q);
    if (!by_email) return by_email.error();
    if (by_email->has_value()) hits.add((*by_email)->account, "email");
  }
  std::map<std::string, store::SubscriberRecord> subscribers;
  if (!hits.full()) {
    store::HomeQuery hq;
    hq.text = q;
    hq.limit = limit * 2;  // a customer may have more than one home
    auto page = deps.store.list_homes(hq);
    if (!page) return page.error();
    const std::string needle = lower(q);
    for (const store::HomeRecord& h : page->homes) {
      auto s = deps.store.get_subscriber(h.account);
      if (!s) return s.error();
      if (!s->has_value()) continue;
      hits.add(h.account, text_match(**s, needle));
      subscribers.emplace(h.account, std::move(**s));
    }
  }

  json customers = json::array();
  for (const std::string& account : hits.accounts()) {
    auto found = subscribers.find(account);
    store::SubscriberRecord s;
    if (found != subscribers.end()) {
      s = found->second;
    } else {
      auto rec = deps.store.get_subscriber(account);
      if (!rec) return rec.error();
      if (!rec->has_value()) continue;
      s = std::move(**rec);
    }
    store::HomeQuery hq;
    hq.account = account;
    hq.limit = 20;
    auto homes = deps.store.list_homes(hq);
    if (!homes) return homes.error();
    json list = json::array();
    for (const store::HomeRecord& h : homes->homes) {
      auto brief = home_brief_json(deps, h);
      if (!brief) return brief.error();
      list.push_back(std::move(*brief));
    }
    json c = customer_json(s);
    c["matched"] = hits.matched(account);
    c["homes"] = std::move(list);
    customers.push_back(std::move(c));
  }
  return json{{"customers", std::move(customers)}};
}

}  // namespace hearth::api
