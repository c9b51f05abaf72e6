// MemoryState changes for the diagnosis ops (diagnosis_ops.h).
#include "store/memory/diagnosis_ops.h"

#include <algorithm>
#include <string>

namespace hearth::store::memory {

Status apply_diagnosis_op(const PutTelemetrySample& op, MemoryState* s, UndoLog* undo) {
  const auto key = std::make_pair(op.sample.home_id, op.sample.time_ms);
  undo->remember(&s->telemetry, key);
  s->telemetry[key] = op.sample;
  return ok_status();
}

Status apply_diagnosis_op(const PutTelemetryRollup& op, MemoryState* s, UndoLog* undo) {
  const auto key = std::make_pair(op.rollup.home_id, op.rollup.hour_ms);
  undo->remember(&s->rollups, key);
  s->rollups[key] = op.rollup;
  return ok_status();
}

Status apply_diagnosis_op(const PutFinding& op, MemoryState* s, UndoLog* undo) {
  const FindingRecord& f = op.finding;
  const auto key = std::make_tuple(f.home_id, f.code, f.entity, f.start_ms);
  undo->remember(&s->findings, key);
  s->findings[key] = f;
  return ok_status();
}

Status apply_diagnosis_op(const PutDiagnosis& op, MemoryState* s, UndoLog* undo) {
  undo->remember(&s->diagnoses, op.diagnosis.home_id);
  s->diagnoses[op.diagnosis.home_id] = op.diagnosis;
  return ok_status();
}

Status apply_diagnosis_op(const AddOptimisation& op, MemoryState* s, UndoLog* undo) {
  OptimisationRecord e = op.entry;
  if (e.id == 0) e.id = s->max_optimisation_id + 1;
  if (s->optimisations.count(e.id)) {
    return make_error(ErrorCode::kConflict,
                      "AddOptimisation: entry " + std::to_string(e.id) + " exists");
  }
  undo->remember_value(&s->max_optimisation_id);
  s->max_optimisation_id = std::max(s->max_optimisation_id, e.id);
  undo->remember(&s->optimisations, e.id);
  s->optimisations[e.id] = std::move(e);
  return ok_status();
}

Status apply_diagnosis_op(const PruneDiagnosis& op, MemoryState* s, UndoLog* undo) {
  if (op.raw_before_ms != 0) {
    erase_where(
        &s->telemetry, [&](const auto& r) { return r.time_ms < op.raw_before_ms; }, undo);
  }
  if (op.rollup_before_ms != 0) {
    erase_where(
        &s->rollups, [&](const auto& r) { return r.hour_ms < op.rollup_before_ms; }, undo);
  }
  if (op.findings_before_ms != 0) {
    erase_where(
        &s->findings,
        [&](const auto& f) { return f.end_ms != 0 && f.end_ms < op.findings_before_ms; }, undo);
  }
  if (op.optimisations_before_ms != 0) {
    erase_where(
        &s->optimisations, [&](const auto& e) { return e.time_ms < op.optimisations_before_ms; },
        undo);
  }
  return ok_status();
}

}  // namespace hearth::store::memory
