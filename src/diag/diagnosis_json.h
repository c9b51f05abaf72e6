// JSON of findings, diagnoses, snapshots and optimisation log entries, as the API answers them
// and as the store keeps them (FindingRecord::json, DiagnosisRecord::json). camelCase names,
// times as ISO 8601 UTC strings (null for 0), unknown numbers as null.
//
// Finding: {"code","title","domain","severity","entity":{"kind","id","label"},
//   "evidence":[{"name","value","unit"}],"window":{"from","to"},"start","end",
//   "customerText","agentText","remedy":{"kind","action","text"},"healthCost"}
// Diagnosis: {"homeId","time","health","primaryCause":Finding|null,"domain","findings":[Finding],
//   "healthCosts":[{"code","entity":{...},"points"}],"stationHealth":{"<mac>":n},
//   "customerSummary","agentSummary"}
// Snapshot: {"deviceId","root","time","device":{...},"wan":{...},"nodes":[...],"radios":[...],
//   "stations":[...],"joinFailures":{...}} with the fields of snapshot.h in camelCase.
// Optimiser state (what the optimiser remembers of a home, kept across restarts as store meta):
//   {"enabled","lastScan","scanRequested","bandSteeringSet","radios":[{"radioId","channelSet",
//   "previousChannel","changed","utilisationBeforePct","judged","neighboursBefore",
//   "rejectedChannel","skippedChannel"}]}; channels and counts below 0 as null.
#pragma once

#include <nlohmann/json.hpp>

#include "core/result.h"
#include "diag/diagnosis.h"
#include "diag/optimiser.h"
#include "diag/snapshot.h"

namespace hearth::diag {

nlohmann::json finding_to_json(const Finding& finding);
Result<Finding> finding_from_json(const nlohmann::json& json);
nlohmann::json diagnosis_to_json(const Diagnosis& diagnosis);
Result<Diagnosis> diagnosis_from_json(const nlohmann::json& json);
nlohmann::json snapshot_to_json(const HomeSnapshot& snapshot);
nlohmann::json optimisation_entry_to_json(const OptimisationLogEntry& entry);
Result<OptimisationLogEntry> optimisation_entry_from_json(const nlohmann::json& json);
nlohmann::json optimiser_state_to_json(const OptimiserState& state);
Result<OptimiserState> optimiser_state_from_json(const nlohmann::json& json);

}  // namespace hearth::diag
