// Findings, the primary cause and the health score of a home. Pure functions over the home's
// recent snapshots and its context; the state that keeps findings from flapping (persistence
// windows, hysteresis) is passed in and out, so time-based behaviour is tested without sleeping.
//
// Rules live one per file in diag/rules/ (rule_<code>.cc); each looks at the history and says,
// per entity, whether its raise condition holds now, whether its clear condition holds now, or
// neither (hysteresis band: keep the current state). The engine turns that into findings with a
// start and an end. Thresholds are in DiagConfig (config.h).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "diag/config.h"
#include "diag/snapshot.h"

namespace hearth::diag {

enum class Severity : uint8_t { kInfo, kWarning, kCritical };
const char* severity_name(Severity s);  // "info", "warning", "critical"

enum class EntityKind : uint8_t { kHome, kDevice, kWan, kNode, kRadio, kStation };
const char* entity_kind_name(EntityKind k);  // "home", "device", "wan", "node", "radio", "station"

struct Entity {
  EntityKind kind = EntityKind::kHome;
  std::string id;      // station MAC, radio id, node id, device id; "" for home and wan
  std::string label;   // for people: "Annas-iPhone", "5 GHz radio of the living-room extender"
  bool operator==(const Entity&) const = default;
};

enum class RemedyKind : uint8_t { kAutomatic, kCustomer, kAgent, kRecommendation, kNone };
const char* remedy_kind_name(RemedyKind k);  // "automatic", "customer", "agent", "recommendation", "none"

struct Remedy {
  RemedyKind kind = RemedyKind::kNone;
  std::string action;  // machine code: "change-channel", "steer-station", "move-extender",
                       // "add-extender", "reboot", "upgrade-firmware", "check-wifi-password",
                       // "wait-for-repair", "contact-provider", "replace-device", "none"
  std::string text;    // what to do, in plain language
};

struct Evidence {
  std::string name;    // "signalDbm", "utilisationPct", ...
  double value = 0;
  std::string unit;    // "dBm", "%", "Mbit/s", "ms", "count", "s"
};

struct Finding {
  std::string code;          // "WIFI-COV-1", ... (the table in rules.h)
  Severity severity = Severity::kWarning;
  Entity entity;
  std::vector<Evidence> evidence;
  int64_t window_from_ms = 0;  // the time window the evidence covers
  int64_t window_to_ms = 0;
  int64_t start_ms = 0;        // when the condition began (not when it was raised)
  int64_t end_ms = 0;          // 0: still open
  std::string customer_text;   // plain language, no jargon
  std::string agent_text;      // technical, with the numbers
  Remedy remedy;
  int health_cost = 0;         // points this finding takes off the health score
};

// What a rule says about one entity at this evaluation.
struct Observation {
  std::string code;
  Entity entity;
  bool raise = false;   // the raise condition holds now
  bool clear = false;   // the clear condition holds now (neither: inside the hysteresis band)
  Severity severity = Severity::kWarning;
  std::vector<Evidence> evidence;
  int64_t window_from_ms = 0;
  std::string customer_text;
  std::string agent_text;
  Remedy remedy;
  int health_cost = 0;
  // When the raise condition began as far as the history shows (0: now). Lets a home whose
  // history is read for the first time open findings that have already persisted.
  int64_t since_ms = 0;
};

// What the diagnosis knows about a home besides its snapshots.
struct HomeContext {
  std::string home_id;
  std::string device_id;               // the gateway
  std::string access_node_id;
  double plan_down_mbps = kUnknown;    // the subscribed speed
  double plan_up_mbps = kUnknown;
  int64_t last_contact_ms = 0;         // last Inform
  int64_t expected_interval_s = 0;     // PeriodicInformInterval
  bool offline = false;                // missed its informs (service.h decides, with grace)
  int64_t offline_since_ms = 0;
  std::string line_event;              // newest access-network event for the home's line while
                                       // offline: "dying-gasp" (power), "loss-of-signal" (line)
  int64_t line_event_ms = 0;
  bool regional_outage = false;        // its access node has many homes offline at once
  std::vector<int64_t> boots_ms;       // boots seen in the last 24 h (BOOT events, uptime resets)
  std::string latest_firmware;         // newest known version for the gateway's model ("" unknown)
  std::vector<std::string> pinned_radios;  // radio ids whose channel a person chose
};

struct RuleInput {
  const HomeContext& context;
  std::span<const HomeSnapshot> history;  // oldest first, the newest last; may be empty
  int64_t now_ms = 0;
  const HomeSnapshot* latest() const { return history.empty() ? nullptr : &history.back(); }
};

using RuleFn = void (*)(const RuleInput& in, const DiagConfig& config, std::vector<Observation>& out);

struct RuleInfo {
  const char* code;
  const char* title;       // "Weak Wi-Fi signal"
  const char* domain;      // "wifi", "wan", "device", "access-network"
  RuleFn fn;
  int priority;            // higher wins the primary cause at equal severity
  bool outage = false;     // uses outage_persist_ms / outage_clear_ms, and judges offline homes
};

// Every rule, one entry per code (rules/rules.cc). Codes are documented in the OpenAPI document.
const std::vector<RuleInfo>& all_rules();
const RuleInfo* find_rule(const std::string& code);

// Per home: where each (code, entity) stands, to apply persistence windows and hysteresis.
struct FindingState {
  int64_t raise_since_ms = 0;   // raise condition continuously true since (0: not now)
  int64_t clear_since_ms = 0;   // clear condition continuously true since (0: not now)
  bool open = false;
  Finding finding;              // the open (or last) finding
};
struct DiagState {
  std::map<std::string, FindingState> findings;  // key: code + "|" + entity kind + ":" + id
};

struct HealthCost {
  std::string code;
  Entity entity;
  int points = 0;
};

struct Diagnosis {
  std::string home_id;
  int64_t time_ms = 0;
  std::vector<Finding> findings;        // open ones, most important first
  std::optional<Finding> primary;       // the one clear answer; nullopt: healthy
  std::string domain;                   // the primary's domain: "wifi", "wan", "device",
                                        // "access-network", "" when healthy
  int health = 100;                     // 0..100
  std::vector<HealthCost> health_costs; // what took points off, largest first
  std::map<std::string, int> station_health;  // MAC -> 0..100
  std::string customer_summary;         // "Your line is fine; the Wi-Fi signal is weak in ..."
  std::string agent_summary;
};

// Runs every rule, updates `state`, and returns the diagnosis. An entity a rule says nothing
// about counts as clear (it is fine, or gone). While context.offline only outage rules run; the
// state of the others is kept as it was and their findings are not reported. Findings that
// closed in this evaluation are appended to `ended` (with end_ms set: when the clear condition
// began) when it is not null.
Diagnosis evaluate(const RuleInput& in, const DiagConfig& config, DiagState& state,
                   std::vector<Finding>* ended = nullptr);

}  // namespace hearth::diag
