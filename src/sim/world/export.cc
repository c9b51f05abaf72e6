// The files the simulator writes for others (scenario.h): the ground truth of injected problems
// and the fleet in hearthd's import format (README "Import files").
#include <nlohmann/json.hpp>

#include "core/clock.h"
#include "sim/scenario.h"

namespace hearth::sim {
namespace {

using ojson = nlohmann::ordered_json;

ojson device(const Node& n, const std::vector<ModelInfo>& models) {
  ojson d;
  d["role"] = n.gateway ? "gateway" : "extender";
  d["serial"] = n.serial;
  static const ModelInfo kUnknown;
  const ModelInfo& m = models.empty() ? kUnknown : models[n.model % models.size()];
  d["oui"] = m.oui;
  d["productClass"] = m.product_class;
  d["manufacturer"] = m.manufacturer;
  return d;
}

// The subscribed speed; null when the world has none (the import takes only positive speeds).
ojson plan(const Wan& w) {
  if (w.plan_down_kbps == 0 || w.plan_up_kbps == 0) return nullptr;
  return {{"downKbps", w.plan_down_kbps}, {"upKbps", w.plan_up_kbps}};
}

}  // namespace

std::string truth_to_json(const std::vector<TruthRecord>& truth) {
  ojson list = ojson::array();
  for (const TruthRecord& t : truth) {
    ojson r;
    r["homeId"] = t.home_id;
    r["account"] = t.account;
    r["accessNode"] = t.access_node;
    r["scenario"] = t.scenario;
    r["cause"] = t.cause;
    r["start"] = format_iso8601(from_unix_ms(t.start_ms));
    r["end"] = t.end_ms == kNever ? ojson(nullptr) : ojson(format_iso8601(from_unix_ms(t.end_ms)));
    list.push_back(std::move(r));
  }
  ojson doc;
  doc["truth"] = std::move(list);
  return doc.dump(1) + "\n";
}

std::string export_fleet_json(const Fleet& fleet, const std::vector<ModelInfo>& models) {
  ojson doc;
  doc["format"] = "hearth-import";
  doc["version"] = 1;
  ojson regions = ojson::array();
  for (const Region& r : fleet.regions) regions.push_back({{"id", r.id}, {"name", r.name}});
  doc["regions"] = std::move(regions);
  ojson access_nodes = ojson::array();
  for (const AccessNode& a : fleet.access_nodes) {
    const std::string region = a.region < fleet.regions.size() ? fleet.regions[a.region].id : "";
    access_nodes.push_back({{"id", a.id}, {"name", a.name}, {"kind", a.kind}, {"region", region}});
  }
  doc["accessNodes"] = std::move(access_nodes);
  ojson subscribers = ojson::array();
  ojson homes = ojson::array();
  for (const Home& h : fleet.homes) {
    const Subscriber& s = h.subscriber;
    ojson address = {{"street", s.street}, {"postalCode", s.postal_code}, {"city", s.city}};
    subscribers.push_back(
        {{"account", s.account}, {"name", s.name}, {"email", s.email}, {"address", std::move(address)}, {"password", s.password}});
    ojson devices = ojson::array();
    for (const Node& n : h.nodes) devices.push_back(device(n, models));
    const std::string an = h.access_node < fleet.access_nodes.size() ? fleet.access_nodes[h.access_node].id : "";
    homes.push_back({{"id", h.id},
                     {"account", s.account},
                     {"accessNode", an},
                     {"plan", plan(h.wan)},
                     {"devices", std::move(devices)}});
  }
  doc["subscribers"] = std::move(subscribers);
  doc["homes"] = std::move(homes);
  return doc.dump() + "\n";
}

}  // namespace hearth::sim
