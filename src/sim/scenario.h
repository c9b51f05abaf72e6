// Fault injection: scenarios from a file or the command line, applied to the fleet at their
// time, and the ground truth of every injected problem. Pure: the engine passes the time.
// The file format is documented in the README ("Scenario files").
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "sim/models.h"
#include "sim/world.h"

namespace hearth::sim {

enum class ScenarioType : uint8_t {
  kHealthy,
  kWeakCoverage,
  kCongestedChannel,
  kInterference,
  kStickyClient,
  kLegacyClient,
  kBadExtenderPlacement,
  kWanDown,
  kWanDegraded,
  kAccessNodeOutage,
  kPowerCut,
  kCrashLoop,
  kMemoryLeak,
  kDnsFailure,
  kWrongWifiPassword,
};

// The one table of scenario names and the primary cause code a correct diagnosis names for each
// (the diagnosis engine uses exactly these codes). Healthy has no cause and no truth record.
struct ScenarioTypeInfo {
  ScenarioType type;
  const char* name;
  const char* cause;
};
inline constexpr std::array<ScenarioTypeInfo, 15> kScenarioTypes{{
    {ScenarioType::kHealthy, "healthy", ""},
    {ScenarioType::kWeakCoverage, "weak-coverage", "WIFI-COV-1"},
    {ScenarioType::kCongestedChannel, "congested-channel", "WIFI-CAP-1"},
    {ScenarioType::kInterference, "interference", "WIFI-CAP-2"},
    {ScenarioType::kStickyClient, "sticky-client", "WIFI-COV-2"},
    {ScenarioType::kLegacyClient, "legacy-client", "WIFI-PHY-2"},
    {ScenarioType::kBadExtenderPlacement, "bad-extender-placement", "WIFI-BH-1"},
    {ScenarioType::kWanDown, "wan-down", "WAN-DOWN-1"},
    {ScenarioType::kWanDegraded, "wan-degraded", "WAN-SPD-1"},
    {ScenarioType::kAccessNodeOutage, "access-node-outage", "OUT-REG-1"},
    {ScenarioType::kPowerCut, "power-cut", "PWR-CUT-1"},
    {ScenarioType::kCrashLoop, "crash-loop", "SYS-CRASH-1"},
    {ScenarioType::kMemoryLeak, "memory-leak", "SYS-MEM-1"},
    {ScenarioType::kDnsFailure, "dns-failure", "WAN-DNS-1"},
    {ScenarioType::kWrongWifiPassword, "wrong-wifi-password", "WIFI-AUTH-1"},
}};
const ScenarioTypeInfo* find_scenario_type(std::string_view name);  // nullptr when unknown
const ScenarioTypeInfo& scenario_type_info(ScenarioType type);

// One injected problem at one home, as a correct diagnosis should find it.
struct TruthRecord {
  std::string home_id;
  std::string account;
  std::string access_node;   // access node id
  std::string scenario;      // "weak-coverage", "access-node-outage", ...
  std::string cause;         // the primary cause code a correct diagnosis names ("WIFI-COV-1", ...)
  int64_t start_ms = 0;
  int64_t end_ms = kNever;   // kNever: still active
};

class ScenarioSchedule {
 public:
  // `start_ms`: the simulation's start; relative times in the file ("+10m") count from it.
  // The fleet must outlive the schedule; add_* resolve home and access node ids against it.
  ScenarioSchedule(const Fleet& fleet, int64_t start_ms);
  ~ScenarioSchedule();
  ScenarioSchedule(ScenarioSchedule&&) noexcept;
  ScenarioSchedule& operator=(ScenarioSchedule&&) noexcept;

  // A scenario file (JSON). Errors name the entry and what is wrong; on error nothing is added.
  Status add_file_text(const std::string& text);
  // One scenario from the command line, e.g. "weak-coverage:home-000003",
  // "access-node-outage:an-02@+5m/20m" (see the README).
  Status add_spec(const std::string& spec);

  // Applies every start and end due at or before now_ms to the fleet (sets and clears
  // Home::cond, moves stations, adds neighbours, ...) and records the truth. Truth times are the
  // scheduled times, not now_ms.
  void apply_due(Fleet& fleet, int64_t now_ms);
  int64_t next_due_ms() const;  // kNever when nothing is left

  const std::vector<TruthRecord>& truth() const;
  // Scheduled problems (one per home per scenario) and how many are active now.
  size_t scheduled_count() const;
  size_t active_count() const;

 private:
  struct State;
  std::unique_ptr<State> s_;
};

// Durations and times as scenario files write them: "90s", "20m", "2h", "1d", "1h30m", "500ms".
Result<int64_t> parse_duration_ms(std::string_view text);
// "+5m" (after start_ms), "now" (start_ms) or an ISO-8601 date-time.
Result<int64_t> parse_scenario_time_ms(std::string_view text, int64_t start_ms);

// {"truth":[{"homeId":..,"account":..,"accessNode":..,"scenario":..,"cause":..,
//            "start":"ISO-8601","end":"ISO-8601"|null}, ...]}
std::string truth_to_json(const std::vector<TruthRecord>& truth);

// The import file hearthd's POST /api/v1/import accepts (format in the README, "Import files").
// `models` is the vendor model table (models.h); Node::model indexes it.
std::string export_fleet_json(const Fleet& fleet, const std::vector<ModelInfo>& models);

}  // namespace hearth::sim
