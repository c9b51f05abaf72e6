// Writes of telemetry samples and rollups, findings, diagnoses and the optimisation log, and
// their retention, on the writer's connection inside the open transaction (semantics: store.h).
// Every put is one upsert with a cached statement: telemetry arrives for every home every few
// minutes. Writer thread only.
#pragma once

#include "core/result.h"
#include "store/sqlite/connection.h"
#include "store/store.h"

namespace hearth::store::sqlite {

class DiagnosisWriter {
 public:
  explicit DiagnosisWriter(Connection* conn) : conn_(conn) {}

  Status put_sample(const PutTelemetrySample& op);
  Status put_rollup(const PutTelemetryRollup& op);
  Status put_finding(const PutFinding& op);
  Status put_diagnosis(const PutDiagnosis& op);
  Status add_optimisation(const AddOptimisation& op);
  Status prune(const PruneDiagnosis& op);

 private:
  // Runs `sql` with ?1 = bound when bound is not 0.
  Status delete_before(const char* sql, int64_t bound);

  Connection* conn_;
};

}  // namespace hearth::store::sqlite
