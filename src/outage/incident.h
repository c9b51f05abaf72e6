// What Hearth knows about a regional disturbance: an incident of one access node or of a region,
// its state (suspected, confirmed, resolved), its affected homes and its times; planned
// maintenance; and their JSON forms (the API's and the store's payload).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "store/records.h"

namespace hearth::outage {

enum class IncidentState : uint8_t { kSuspected, kConfirmed, kResolved };
const char* incident_state_name(IncidentState s);  // "suspected", "confirmed", "resolved"
std::optional<IncidentState> parse_incident_state(const std::string& s);

enum class Scope : uint8_t { kAccessNode, kRegion };
const char* scope_name(Scope s);  // "access-node", "region"

struct IncidentNote {
  int64_t time_ms = 0;
  std::string author;  // the API token's name, or "hearth" for the detector's own notes
  std::string text;

  bool operator==(const IncidentNote&) const = default;
};

struct Incident {
  int64_t id = 0;  // > 0, assigned by the Detector (or the store's largest + 1 after a restart)
  Scope scope = Scope::kAccessNode;
  std::string access_node_id;  // scope kAccessNode
  std::string region_id;       // the node's region (scope kAccessNode) or the region
  IncidentState state = IncidentState::kSuspected;
  // "plant": homes silent without a dying gasp (fibre, line card, node); "power": most of them
  // sent a dying gasp (an area power cut); "maintenance": inside a declared maintenance window;
  // "degraded": the homes are reachable but their lines are slow, lossy or unstable.
  std::string cause = "plant";
  int64_t suspected_ms = 0;    // when the detector first suspected it
  int64_t confirmed_ms = 0;    // 0: not (yet) confirmed
  int64_t resolved_ms = 0;     // 0: still open
  int64_t start_ms = 0;        // estimated onset: the latest last contact of its affected homes
  int64_t end_ms = 0;          // estimated end: when the lines came back (WAN uptime, probes)
  int64_t etr_ms = 0;          // estimated time of repair, set by an operator (0: unknown)
  int64_t updated_ms = 0;
  uint32_t node_homes = 0;     // homes behind the node (or region) when it opened
  uint32_t unreachable = 0;    // affected homes still unreachable now
  std::vector<std::string> homes;  // affected homes (sorted): every home counted towards it
  int64_t parent_id = 0;       // a region incident that this node incident is part of
  int64_t merged_into = 0;     // merged by an operator into that incident (then resolved)
  bool closed_by_operator = false;
  std::string title;           // operator's text for customers, e.g. "Fibre cut in Lindholmen"
  std::vector<IncidentNote> notes;

  bool open() const { return state != IncidentState::kResolved; }
  bool operator==(const Incident&) const = default;
};

// Planned maintenance of an access node or a whole region.
struct Maintenance {
  std::string id;
  std::string access_node_id;  // one of the two
  std::string region_id;
  int64_t start_ms = 0;
  int64_t end_ms = 0;
  std::string description;     // shown to the affected customers
  std::string created_by;
  int64_t created_ms = 0;

  bool operator==(const Maintenance&) const = default;
};

// The API's JSON: {"id", "scope", "accessNode" (or null), "region", "state", "cause",
// "suspectedAt", "confirmedAt", "resolvedAt", "startedAt", "endedAt", "estimatedRepairAt" (ISO
// 8601 UTC or null), "nodeHomes", "unreachable", "homes": [...], "parentId", "mergedInto",
// "closedByOperator", "title", "notes": [{"time", "author", "text"}], "updatedAt"}.
nlohmann::json incident_to_json(const Incident& incident);
std::optional<Incident> incident_from_json(const nlohmann::json& j);  // nullopt: not an incident
nlohmann::json maintenance_to_json(const Maintenance& m);  // {"id","accessNode","region","start","end","description","createdBy","createdAt"}
std::optional<Maintenance> maintenance_from_json(const nlohmann::json& j);

// The store's row of an incident: its indexed columns, its homes (sorted, unique) and its JSON.
store::IncidentRecord incident_record(const Incident& incident);

}  // namespace hearth::outage
