// How the incident, maintenance and webhook ops change a MemoryState (the semantics are in
// store.h), each recording in `undo` what it changed so that a failed batch can be put back.
// Not thread-safe: called by apply_batch under MemoryStore's mutex.
#pragma once

#include "core/result.h"
#include "store/memory/memory_state.h"
#include "store/memory/undo_log.h"
#include "store/store.h"

namespace hearth::store::memory {

Status apply_incident_op(const PutIncident& op, MemoryState* s, UndoLog* undo);
Status apply_incident_op(const PutMaintenance& op, MemoryState* s, UndoLog* undo);
Status apply_incident_op(const DeleteMaintenance& op, MemoryState* s, UndoLog* undo);
Status apply_incident_op(const PutWebhook& op, MemoryState* s, UndoLog* undo);
Status apply_incident_op(const DeleteWebhook& op, MemoryState* s, UndoLog* undo);
Status apply_incident_op(const PutWebhookDelivery& op, MemoryState* s, UndoLog* undo);
Status apply_incident_op(const DeleteWebhookDelivery& op, MemoryState* s, UndoLog* undo);
Status apply_incident_op(const PruneIncidents& op, MemoryState* s, UndoLog* undo);

}  // namespace hearth::store::memory
