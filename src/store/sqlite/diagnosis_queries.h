// Reads of telemetry, findings, diagnoses and the optimisation log, on a read connection (the
// orders and bounds are those of store.h). Any thread holding the connection.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "store/sqlite/connection.h"
#include "store/store.h"

namespace hearth::store::sqlite {

Result<std::vector<TelemetrySampleRecord>> query_telemetry(Connection* conn,
                                                           const std::string& home_id,
                                                           int64_t from_ms, int64_t to_ms,
                                                           size_t limit);
Result<std::vector<TelemetryRollupRecord>> query_rollups(Connection* conn,
                                                         const std::string& home_id,
                                                         int64_t from_ms, int64_t to_ms,
                                                         size_t limit);
Result<std::vector<FindingRecord>> query_findings(Connection* conn, const FindingQuery& query);
Result<std::optional<DiagnosisRecord>> query_diagnosis(Connection* conn,
                                                       const std::string& home_id);
Result<std::vector<DiagnosisRecord>> query_diagnoses(Connection* conn, const DiagnosisQuery& query);
Result<std::vector<OptimisationRecord>> query_optimisations(Connection* conn,
                                                            const std::string& home_id,
                                                            size_t limit);

}  // namespace hearth::store::sqlite
