// How the self-service and support ops (sessions, password resets, troubleshooting runs,
// tickets, knowledge-base articles, the audit log) change a MemoryState (the semantics are in
// store.h), each recording in `undo` what it changed so that a failed batch can be put back.
// Not thread-safe: called by apply_batch under MemoryStore's mutex.
#pragma once

#include <string>

#include "core/result.h"
#include "store/memory/memory_state.h"
#include "store/memory/undo_log.h"
#include "store/store.h"

namespace hearth::store::memory {

Status apply_selfservice_op(const PutSession& op, MemoryState* s, UndoLog* undo);
Status apply_selfservice_op(const DeleteSession& op, MemoryState* s, UndoLog* undo);
Status apply_selfservice_op(const DeleteSessionsOf& op, MemoryState* s, UndoLog* undo);
Status apply_selfservice_op(const TouchSession& op, MemoryState* s, UndoLog* undo);
Status apply_selfservice_op(const PutPasswordReset& op, MemoryState* s, UndoLog* undo);
Status apply_selfservice_op(const PutTroubleshoot& op, MemoryState* s, UndoLog* undo);
Status apply_selfservice_op(const PutTicket& op, MemoryState* s, UndoLog* undo);
Status apply_selfservice_op(const PutKbArticle& op, MemoryState* s, UndoLog* undo);
Status apply_selfservice_op(const DeleteKbArticle& op, MemoryState* s, UndoLog* undo);
Status apply_selfservice_op(const AddAudit& op, MemoryState* s, UndoLog* undo);
Status apply_selfservice_op(const PruneSelfService& op, MemoryState* s, UndoLog* undo);

// For DeleteSubscriber: kConflict while the account still has tickets or troubleshooting runs.
Status check_subscriber_unreferenced(const std::string& account, const MemoryState& s);
// For DeleteSubscriber: removes the account's customer sessions and password resets.
void forget_subscriber(const std::string& account, MemoryState* s, UndoLog* undo);

}  // namespace hearth::store::memory
