// An incident as the store keeps it.
#include <algorithm>

#include "outage/incident.h"

namespace hearth::outage {

store::IncidentRecord incident_record(const Incident& i) {
  store::IncidentRecord r;
  r.id = i.id;
  r.scope = scope_name(i.scope);
  r.access_node_id = i.scope == Scope::kAccessNode ? i.access_node_id : "";
  r.region_id = i.region_id;
  r.state = incident_state_name(i.state);
  r.suspected_ms = i.suspected_ms;
  r.confirmed_ms = i.confirmed_ms;
  r.resolved_ms = i.resolved_ms;
  r.updated_ms = i.updated_ms;
  r.homes = i.homes;
  std::sort(r.homes.begin(), r.homes.end());
  r.homes.erase(std::unique(r.homes.begin(), r.homes.end()), r.homes.end());
  r.json = incident_to_json(i).dump();
  return r;
}

}  // namespace hearth::outage
