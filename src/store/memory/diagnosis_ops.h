// How the diagnosis ops (telemetry samples and rollups, findings, diagnoses, the optimisation
// log, retention) change a MemoryState (the semantics are in store.h), each recording in `undo`
// what it changed so that a failed batch can be put back.
// Not thread-safe: called by apply_batch under MemoryStore's mutex.
#pragma once

#include "core/result.h"
#include "store/memory/memory_state.h"
#include "store/memory/undo_log.h"
#include "store/store.h"

namespace hearth::store::memory {

Status apply_diagnosis_op(const PutTelemetrySample& op, MemoryState* s, UndoLog* undo);
Status apply_diagnosis_op(const PutTelemetryRollup& op, MemoryState* s, UndoLog* undo);
Status apply_diagnosis_op(const PutFinding& op, MemoryState* s, UndoLog* undo);
Status apply_diagnosis_op(const PutDiagnosis& op, MemoryState* s, UndoLog* undo);
Status apply_diagnosis_op(const AddOptimisation& op, MemoryState* s, UndoLog* undo);
Status apply_diagnosis_op(const PruneDiagnosis& op, MemoryState* s, UndoLog* undo);

}  // namespace hearth::store::memory
