// SQL writes of the diagnosis (diagnosis_writer.h).
#include "store/sqlite/diagnosis_writer.h"

#include <string>

namespace hearth::store::sqlite {

Status DiagnosisWriter::put_sample(const PutTelemetrySample& op) {
  auto stmt = conn_->prepare(
      "INSERT OR REPLACE INTO telemetry_raw (home_id, time_ms, data) VALUES (?1, ?2, ?3)");
  if (!stmt) return stmt.error();
  const TelemetrySampleRecord& r = op.sample;
  stmt->bind_text(1, r.home_id).bind(2, r.time_ms).bind_text(3, r.data);
  return stmt->run();
}

Status DiagnosisWriter::put_rollup(const PutTelemetryRollup& op) {
  auto stmt = conn_->prepare(
      "INSERT OR REPLACE INTO telemetry_hourly (home_id, hour_ms, data) VALUES (?1, ?2, ?3)");
  if (!stmt) return stmt.error();
  const TelemetryRollupRecord& r = op.rollup;
  stmt->bind_text(1, r.home_id).bind(2, r.hour_ms).bind_text(3, r.data);
  return stmt->run();
}

Status DiagnosisWriter::put_finding(const PutFinding& op) {
  auto stmt = conn_->prepare(
      "INSERT OR REPLACE INTO findings (home_id, code, entity, start_ms, severity, end_ms, json) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
  if (!stmt) return stmt.error();
  const FindingRecord& f = op.finding;
  stmt->bind_text(1, f.home_id).bind_text(2, f.code).bind_text(3, f.entity).bind(4, f.start_ms);
  stmt->bind_text(5, f.severity).bind(6, f.end_ms).bind_text(7, f.json);
  return stmt->run();
}

Status DiagnosisWriter::put_diagnosis(const PutDiagnosis& op) {
  auto stmt = conn_->prepare(
      "INSERT OR REPLACE INTO diagnoses (home_id, time_ms, health, primary_code, json) "
      "VALUES (?1, ?2, ?3, ?4, ?5)");
  if (!stmt) return stmt.error();
  const DiagnosisRecord& d = op.diagnosis;
  stmt->bind_text(1, d.home_id).bind(2, d.time_ms).bind(3, d.health);
  stmt->bind_text(4, d.primary_code).bind_text(5, d.json);
  return stmt->run();
}

Status DiagnosisWriter::add_optimisation(const AddOptimisation& op) {
  // A NULL id takes max(largest id ever used (sqlite_sequence), largest id present) + 1.
  auto stmt = conn_->prepare(
      "INSERT INTO optimisations (id, home_id, time_ms, action, json) VALUES (?1, ?2, ?3, ?4, ?5)");
  if (!stmt) return stmt.error();
  const OptimisationRecord& e = op.entry;
  if (e.id == 0) {
    stmt->bind_null(1);
  } else {
    stmt->bind(1, e.id);
  }
  stmt->bind_text(2, e.home_id).bind(3, e.time_ms).bind_text(4, e.action).bind_text(5, e.json);
  Status s = stmt->run();
  if (!s && s.error().code == ErrorCode::kConflict) {
    return make_error(ErrorCode::kConflict,
                      "AddOptimisation: entry " + std::to_string(e.id) + " exists");
  }
  return s;
}

Status DiagnosisWriter::delete_before(const char* sql, int64_t bound) {
  if (bound == 0) return ok_status();
  auto stmt = conn_->prepare(sql);
  if (!stmt) return stmt.error();
  stmt->bind(1, bound);
  return stmt->run();
}

Status DiagnosisWriter::prune(const PruneDiagnosis& op) {
  if (Status s = delete_before("DELETE FROM telemetry_raw WHERE time_ms < ?1", op.raw_before_ms);
      !s) {
    return s;
  }
  if (Status s =
          delete_before("DELETE FROM telemetry_hourly WHERE hour_ms < ?1", op.rollup_before_ms);
      !s) {
    return s;
  }
  // The term end_ms <> 0 lets SQLite use the partial index of ended findings.
  if (Status s = delete_before("DELETE FROM findings WHERE end_ms <> 0 AND end_ms < ?1",
                               op.findings_before_ms);
      !s) {
    return s;
  }
  return delete_before("DELETE FROM optimisations WHERE time_ms < ?1", op.optimisations_before_ms);
}

}  // namespace hearth::store::sqlite
