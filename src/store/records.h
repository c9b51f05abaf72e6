// What the store keeps. Plain structs; times are Unix milliseconds (0 = never/unknown).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "cwmp/value.h"

namespace hearth::store {

struct DeviceRecord {
  std::string id;  // OUI-ProductClass-SerialNumber (core/ids.h)
  std::string oui;
  std::string product_class;
  std::string serial_number;
  std::string manufacturer;
  std::string model_name;
  std::string software_version;
  std::string hardware_version;
  std::string root;     // "Device." (TR-181) or "InternetGatewayDevice." (TR-098); empty if unknown
  std::string cwmp_ns;  // the cwmp namespace URI the device last used
  int64_t first_seen_ms = 0;
  int64_t last_inform_ms = 0;
  int64_t last_boot_ms = 0;
  int64_t last_bootstrap_ms = 0;
  std::string last_address;            // remote IP of the last session
  std::string connection_request_url;  // as reported (validated before use)
  uint32_t inform_interval_s = 0;      // PeriodicInformInterval as last known
  std::string parameter_key;
  // CPE -> ACS credentials: username and HA1 = MD5(username:realm:password) for Digest; Basic is
  // checked by recomputing HA1. Empty username: none set yet (the unknown-device policy applies).
  std::string auth_username;
  std::string auth_ha1;
  // ACS -> CPE connection-request credentials the ACS gave the device at bootstrap.
  std::string cr_username;
  std::string cr_password;
  std::vector<std::string> tags;
  int64_t discovered_ms = 0;  // when the whole tree was last walked; 0 = needs discovery
  // Opaque JSON owned by the ACS: applied profile versions, learned quirks, pending diagnostics.
  std::string state_json = "{}";

  bool operator==(const DeviceRecord&) const = default;
};

struct StoredParameter {
  std::string name;  // objects end with '.'
  std::string value;
  cwmp::ValueType type = cwmp::ValueType::kString;
  bool writable = false;
  int64_t updated_ms = 0;
};

enum class TaskState : uint8_t { kPending, kRunning, kDone, kFault, kCancelled };
const char* task_state_name(TaskState s);
std::optional<TaskState> parse_task_state(const std::string& s);

struct TaskRecord {
  int64_t id = 0;
  std::string device_id;
  std::string name;          // camelCase RPC name: getParameterValues, reboot, download, ...
  std::string args_json = "{}";  // the request as given (JSON object)
  std::string origin = "api";    // "api", "profile:<name>", "system"
  TaskState state = TaskState::kPending;
  int attempts = 0;
  int64_t created_ms = 0;
  int64_t updated_ms = 0;
  int64_t next_attempt_ms = 0;   // back-off: not before this time
  int64_t expires_ms = 0;        // running tasks waiting for an event (download) give up then
  std::string command_key;       // correlates M Reboot / M Download / TransferComplete
  std::string result_json;       // when done: the outcome (JSON)
  std::string fault_json;        // when fault: {"code":..,"message":..,...}
};

struct FaultRecord {
  int64_t id = 0;
  std::string device_id;
  int64_t task_id = 0;  // 0 when not tied to a task
  std::string rpc;      // the RPC that failed
  uint32_t code = 0;
  std::string message;
  std::string detail_json = "{}";
  int64_t time_ms = 0;
};

struct EventRecord {
  std::string device_id;
  int64_t time_ms = 0;
  std::string code;
  std::string command_key;
};

struct FileRecord {
  std::string id;         // also the download name
  std::string file_type;  // "1 Firmware Upgrade Image", ...
  std::string oui;
  std::string product_class;
  std::string version;
  uint64_t size = 0;
  std::string sha256;
  int64_t created_ms = 0;
};

struct ProfileRecord {
  std::string name;
  std::string definition_json;  // see device/profile.h
  int64_t version = 0;          // bumps on every change
  int64_t updated_ms = 0;
};

struct TokenRecord {
  std::string id;
  std::string name;
  std::string token_hash;  // sha256 hex of the token; the token itself is never stored
  std::string role = "admin";
  int64_t created_ms = 0;
};

// ---- subscribers, homes and network topology (imported from the provider's systems) ----

struct RegionRecord {
  std::string id;
  std::string name;
  int64_t created_ms = 0;
  int64_t updated_ms = 0;

  bool operator==(const RegionRecord&) const = default;
};

// A node of the access network that homes hang off (an OLT port, a DSLAM, a CMTS node): when
// many of its homes go quiet at once, the fault is in the access network, not in the homes.
struct AccessNodeRecord {
  std::string id;
  std::string name;
  std::string kind;       // "olt-port", "dslam", "cmts-node", ... as the provider names it
  std::string region_id;  // REQUIRES: an existing region
  int64_t created_ms = 0;
  int64_t updated_ms = 0;

  bool operator==(const AccessNodeRecord&) const = default;
};

struct SubscriberRecord {
  std::string account;  // the provider's account number: the key
  std::string name;
  std::string email;    // unique among subscribers, ignoring ASCII case; may be empty
  std::string street;
  std::string postal_code;
  std::string city;
  std::string password_hash;  // argon2id (core/crypto.h) for the customer portal; empty: none
  int64_t created_ms = 0;
  int64_t updated_ms = 0;

  bool operator==(const SubscriberRecord&) const = default;
};

// A device as the home lists it. The device may never have connected: device_id is what it will
// be called when it does (make_device_id(oui, product_class, serial)).
struct HomeDevice {
  std::string role;  // "gateway", "extender"
  std::string device_id;
  std::string serial;
  std::string oui;
  std::string product_class;
  std::string manufacturer;

  bool operator==(const HomeDevice&) const = default;
};

struct HomeRecord {
  std::string id;
  std::string account;         // REQUIRES: an existing subscriber
  std::string access_node_id;  // REQUIRES: an existing access node
  std::vector<HomeDevice> devices;  // in the order given; a device is in at most one home
  uint32_t plan_down_kbps = 0;      // the subscribed speed; 0: unknown
  uint32_t plan_up_kbps = 0;
  int64_t created_ms = 0;
  int64_t updated_ms = 0;

  bool operator==(const HomeRecord&) const = default;
};

// ---- diagnosis: telemetry time series, findings, diagnoses, optimisation log ----
// The payloads are opaque text owned by insight/ (compact "key=value" lines or JSON); the store
// only keys, orders and prunes them.

// One telemetry pass of a home: the time-series points of that moment.
struct TelemetrySampleRecord {
  std::string home_id;
  int64_t time_ms = 0;
  std::string data;  // "key=value\n" lines, e.g. "health=87\nsta/aa:bb:cc:dd:ee:ff/signal=-71\n"

  bool operator==(const TelemetrySampleRecord&) const = default;
};

// One hour of a home's points, rolled up: per key count, sum, min, max.
struct TelemetryRollupRecord {
  std::string home_id;
  int64_t hour_ms = 0;  // start of the hour (UTC)
  std::string data;     // "key=count,sum,min,max\n" lines

  bool operator==(const TelemetryRollupRecord&) const = default;
};

// A finding of a home, open (end_ms 0) or ended. Key: (home_id, code, entity, start_ms).
struct FindingRecord {
  std::string home_id;
  std::string code;
  std::string severity;  // "info", "warning", "critical"
  std::string entity;    // "station:aa:bb:cc:dd:ee:ff", "radio:<id>", "wan", "home", ...
  int64_t start_ms = 0;
  int64_t end_ms = 0;    // 0: open
  std::string json;      // the whole finding (diag/diagnosis_json.h)

  bool operator==(const FindingRecord&) const = default;
};

// The newest diagnosis of a home (one per home).
struct DiagnosisRecord {
  std::string home_id;
  int64_t time_ms = 0;
  int health = 100;
  std::string primary_code;  // "" when healthy
  std::string json;          // the whole diagnosis

  bool operator==(const DiagnosisRecord&) const = default;
};

// One entry of a home's optimisation log (every automatic change and its measured effect).
struct OptimisationRecord {
  int64_t id = 0;  // 0 when writing: the store assigns the next one
  std::string home_id;
  int64_t time_ms = 0;
  std::string action;  // "set-channel", "rollback", ...
  std::string json;

  bool operator==(const OptimisationRecord&) const = default;
};

// ---- regional disturbances: incidents, planned maintenance, webhooks ----
// The payloads are opaque JSON owned by outage/ and incidents/; the store keys, filters and
// orders them by the indexed columns.

// An incident of an access node or a region. Key: id (> 0, given by the caller).
struct IncidentRecord {
  int64_t id = 0;
  std::string scope;           // "access-node" or "region"
  std::string access_node_id;  // "" for a region incident
  std::string region_id;
  std::string state;           // "suspected", "confirmed", "resolved"
  int64_t suspected_ms = 0;
  int64_t confirmed_ms = 0;    // 0: never confirmed
  int64_t resolved_ms = 0;     // 0: open
  int64_t updated_ms = 0;
  std::vector<std::string> homes;  // affected homes, sorted, no duplicates (indexed by home)
  std::string json;            // the whole incident (outage/incident.h)

  bool operator==(const IncidentRecord&) const = default;
};

// Planned maintenance of an access node or a region. Key: id (given by the caller).
struct MaintenanceRecord {
  std::string id;
  std::string access_node_id;  // one of the two is set
  std::string region_id;
  int64_t start_ms = 0;
  int64_t end_ms = 0;          // > start_ms
  std::string json;            // the whole window (outage/incident.h)

  bool operator==(const MaintenanceRecord&) const = default;
};

// A receiver of incident events (HTTP POST of JSON signed with HMAC-SHA256 of `secret`).
struct WebhookRecord {
  std::string id;
  std::string url;
  std::string secret;                // never returned by the API, never logged
  std::vector<std::string> events;   // "incident.opened", "incident.updated", "incident.resolved"; empty: all
  bool enabled = true;
  int64_t created_ms = 0;

  bool operator==(const WebhookRecord&) const = default;
};

// A webhook delivery not yet acknowledged by its receiver (the durable outbox). Key: id.
struct WebhookDeliveryRecord {
  std::string id;
  std::string webhook_id;
  std::string event;             // "incident.opened", ...
  std::string body;              // the exact JSON that is signed and sent
  uint32_t attempts = 0;
  int64_t next_attempt_ms = 0;
  int64_t created_ms = 0;
  std::string last_error;

  bool operator==(const WebhookDeliveryRecord&) const = default;
};


// ---- self-service and support: sessions, password resets, troubleshooting, tickets, the
// knowledge base, the audit log ----
// As above, payloads are opaque JSON owned by the modules that write them (selfservice/, api/);
// the store keys, filters and orders them by the indexed columns.

// A logged-in browser session (customer portal now; agent console later). Key: token_hash.
struct SessionRecord {
  std::string token_hash;   // sha256 hex of the cookie value; the value itself is never stored
  std::string kind;         // "customer" (later "staff")
  std::string subject;      // the customer's account number (or the staff user's id)
  std::string csrf_token;   // sent back in X-CSRF-Token on every change
  int64_t created_ms = 0;
  int64_t expires_ms = 0;   // absolute; the API refuses the session from then on
  int64_t last_seen_ms = 0; // bumped (coarsely) as the session is used: idle expiry
  std::string user_agent;

  bool operator==(const SessionRecord&) const = default;
};

// A one-time password-reset link. Key: token_hash.
struct PasswordResetRecord {
  std::string token_hash;   // sha256 hex of the token in the link
  std::string account;      // REQUIRES: an existing subscriber
  int64_t created_ms = 0;
  int64_t expires_ms = 0;
  int64_t used_ms = 0;      // 0: not used yet

  bool operator==(const PasswordResetRecord&) const = default;
};

// A guided troubleshooting run of a customer (and its feedback). Key: id.
struct TroubleshootRecord {
  std::string id;
  std::string account;
  std::string home_id;
  std::string symptom;      // "no-internet", "wifi-slow", ...
  std::string state;        // "open", "resolved", "ticket", "abandoned"
  int rating = 0;           // 1..5 from the feedback; 0: none given
  int solved = -1;          // feedback "was it solved?": 1 yes, 0 no, -1 not answered
  int64_t ticket_id = 0;    // the ticket it ended in; 0: none
  int64_t created_ms = 0;
  int64_t updated_ms = 0;
  std::string json;         // the whole run (selfservice/): words, steps, fixes, results

  bool operator==(const TroubleshootRecord&) const = default;
};

// A support ticket. Key: id (> 0, given by the caller).
struct TicketRecord {
  int64_t id = 0;
  std::string account;
  std::string home_id;
  std::string state;        // "new", "assigned", "waiting", "solved"
  std::string source;       // "selfservice", "agent", "api"
  std::string cause_code;   // the diagnosis' primary cause when it was opened ("" none)
  int64_t incident_id = 0;  // the incident affecting the home when it was opened; 0: none
  std::string assignee;     // staff user id; "" unassigned
  int64_t created_ms = 0;
  int64_t updated_ms = 0;
  std::string json;         // subject, the customer's words, diagnosis snapshot, steps, comments

  bool operator==(const TicketRecord&) const = default;
};

// A knowledge-base article in every language it has. Key: id.
struct KbArticleRecord {
  std::string id;           // "restart-router", ...
  int64_t updated_ms = 0;
  std::string json;         // {"tags":[...], "symptoms":[...], "text":{"en":{"title","body"},...}}

  bool operator==(const KbArticleRecord&) const = default;
};

// One entry of the append-only audit log: who did what to whose device or data, and the outcome.
// id 0 when writing: the store assigns the next one. Nothing updates or deletes entries except
// retention (PruneSelfService).
struct AuditRecord {
  int64_t id = 0;
  int64_t time_ms = 0;
  std::string actor_kind;   // "customer", "agent", "supervisor", "operator", "token", "system"
  std::string actor;        // account number, user id or token id
  std::string action;       // "wifi.update", "device.reboot", "ticket.create", ...
  std::string account;      // whose data ("" none)
  std::string home_id;      // ("" none)
  std::string device_id;    // ("" none)
  std::string outcome;      // "ok", "failed", "denied", "pending"
  std::string json;         // details (never secrets)

  bool operator==(const AuditRecord&) const = default;
};


// ---- staff and campaigns ----

// A member of the provider's staff who logs in to the agent console or the operator dashboard.
// Key: id. login is unique ignoring ASCII case (kConflict otherwise) and stored as given.
struct UserRecord {
  std::string id;             // "u-..." (chosen by the API)
  std::string login;          // what the user types to log in
  std::string name;           // shown in the console, tickets and the audit log
  std::string email;
  std::string role;           // "agent", "supervisor", "operator"
  std::string password_hash;  // argon2id (core/crypto.h); empty: cannot log in
  bool disabled = false;      // cannot log in; its sessions are refused
  int64_t created_ms = 0;
  int64_t updated_ms = 0;

  bool operator==(const UserRecord&) const = default;
};

// A staged firmware or configuration roll-out. Key: id (> 0, given by the caller: allocate from
// stats().max_campaign_id). The plan, the stage results and the log live in json.
struct CampaignRecord {
  int64_t id = 0;
  std::string name;
  std::string kind;           // "firmware", "config"
  std::string state;          // "draft", "running", "paused", "halted", "completed",
                              // "rolling-back", "rolled-back", "cancelled"
  std::string created_by;     // user id or token id
  int64_t created_ms = 0;
  int64_t updated_ms = 0;
  std::string json;           // selection, file or parameters, stages, thresholds, results, log

  bool operator==(const CampaignRecord&) const = default;
};

// One device of a campaign. Key: (campaign_id, device_id); the campaign must exist (kNotFound).
struct CampaignTargetRecord {
  int64_t campaign_id = 0;
  std::string device_id;
  int stage = 0;              // 0: the canary, 1...: the waves
  std::string state;          // "pending", "running", "done", "failed", "rolling-back",
                              // "rolled-back", "skipped"
  int64_t task_id = 0;        // the task in flight or last run; 0: none
  std::string before;         // what to roll back to: the software version, or the previous
                              // values as JSON for a configuration campaign
  std::string detail;         // the fault or why it was skipped
  int64_t updated_ms = 0;

  bool operator==(const CampaignTargetRecord&) const = default;
};

}  // namespace hearth::store
