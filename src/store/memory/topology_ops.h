// How the subscriber, home and topology ops change a MemoryState (the semantics are in store.h),
// each recording in `undo` what it changed so that a failed batch can be put back.
// Not thread-safe: called by apply_batch under MemoryStore's mutex.
#pragma once

#include "core/result.h"
#include "store/memory/memory_state.h"
#include "store/memory/undo_log.h"
#include "store/store.h"

namespace hearth::store::memory {

Status apply_topology_op(const PutRegion& op, MemoryState* s, UndoLog* undo);
Status apply_topology_op(const DeleteRegion& op, MemoryState* s, UndoLog* undo);
Status apply_topology_op(const PutAccessNode& op, MemoryState* s, UndoLog* undo);
Status apply_topology_op(const DeleteAccessNode& op, MemoryState* s, UndoLog* undo);
Status apply_topology_op(const PutSubscriber& op, MemoryState* s, UndoLog* undo);
Status apply_topology_op(const DeleteSubscriber& op, MemoryState* s, UndoLog* undo);
Status apply_topology_op(const PutHome& op, MemoryState* s, UndoLog* undo);
Status apply_topology_op(const DeleteHome& op, MemoryState* s, UndoLog* undo);

}  // namespace hearth::store::memory
