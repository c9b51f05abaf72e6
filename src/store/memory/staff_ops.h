// How the staff and campaign ops (users, campaigns, campaign targets) change a MemoryState (the
// semantics are in store.h), each recording in `undo` what it changed so that a failed batch can
// be put back. Not thread-safe: called by apply_batch under MemoryStore's mutex.
#pragma once

#include "core/result.h"
#include "store/memory/memory_state.h"
#include "store/memory/undo_log.h"
#include "store/store.h"

namespace hearth::store::memory {

Status apply_staff_op(const PutUser& op, MemoryState* s, UndoLog* undo);
Status apply_staff_op(const DeleteUser& op, MemoryState* s, UndoLog* undo);
Status apply_staff_op(const PutCampaign& op, MemoryState* s, UndoLog* undo);
Status apply_staff_op(const DeleteCampaign& op, MemoryState* s, UndoLog* undo);
Status apply_staff_op(const PutCampaignTargets& op, MemoryState* s, UndoLog* undo);

}  // namespace hearth::store::memory
