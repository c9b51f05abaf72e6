// JSON views of regions, access nodes, subscribers and homes (topology_views.h).
#include "api/topology_views.h"

#include "api/views.h"

namespace hearth::api {

using nlohmann::json;

json region_json(const store::RegionRecord& r) {
  return {{"id", r.id},
          {"name", r.name},
          {"created", time_json(r.created_ms)},
          {"updated", time_json(r.updated_ms)}};
}

json access_node_json(const store::AccessNodeRecord& n, std::optional<uint64_t> homes) {
  json j = {
      {"id", n.id},
      {"name", n.name},
      {"kind", n.kind},
      {"region", n.region_id},
      {"created", time_json(n.created_ms)},
      {"updated", time_json(n.updated_ms)},
  };
  if (homes) j["homes"] = *homes;
  return j;
}

json subscriber_json(const store::SubscriberRecord& s) {
  // Deliberately absent: password_hash.
  return {
      {"account", s.account},
      {"name", s.name},
      {"email", s.email},
      {"address", {{"street", s.street}, {"postalCode", s.postal_code}, {"city", s.city}}},
      {"hasPassword", !s.password_hash.empty()},
      {"created", time_json(s.created_ms)},
      {"updated", time_json(s.updated_ms)},
  };
}

json home_device_json(const store::HomeDevice& d) {
  return {
      {"role", d.role}, {"deviceId", d.device_id},         {"serial", d.serial},
      {"oui", d.oui},   {"productClass", d.product_class}, {"manufacturer", d.manufacturer},
  };
}

namespace {

// The subscribed speed; null while unknown (0 in the store).
json plan_json(const store::HomeRecord& h) {
  if (h.plan_down_kbps == 0 && h.plan_up_kbps == 0) return nullptr;
  return {{"downKbps", h.plan_down_kbps}, {"upKbps", h.plan_up_kbps}};
}

}  // namespace

json home_json(const store::HomeRecord& h) {
  json devices = json::array();
  for (const auto& d : h.devices) devices.push_back(home_device_json(d));
  return {
      {"id", h.id},
      {"account", h.account},
      {"accessNode", h.access_node_id},
      {"plan", plan_json(h)},
      {"devices", std::move(devices)},
      {"created", time_json(h.created_ms)},
      {"updated", time_json(h.updated_ms)},
  };
}

}  // namespace hearth::api
