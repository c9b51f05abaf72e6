// The checks on a write operation that need nothing but the operation itself. Every backend runs
// them before applying an op, so a malformed op fails with the same error everywhere.
//
// What makes an op bad (the batch that carries it fails as a whole, the others are unaffected):
//   - here: an empty key (device id, parameter name, task or token id, home id, ...), an empty
//     tag, a device listed twice in one home, a negative task, fault or optimisation id, a
//     DeleteTask of id 0, a ClearFaults with neither device nor fault, a finding without code, a
//     negative PruneDiagnosis or PruneIncidents bound; an incident whose id is not positive,
//     whose scope is not "access-node" or "region", whose state is not "suspected",
//     "confirmed" or "resolved", or that lists an empty home id; maintenance that names both
//     or neither of access node and region, or does not end after it starts; a webhook event
//     that is empty or holds a line break, a delivery without webhook id; a session without
//     token hash, kind or subject, a DeleteSessionsOf without kind or subject, a TouchSession
//     without token hash, a reset without token hash or account, a troubleshooting run without
//     id, account or home, a ticket whose id is not positive or that has no account or home, an
//     article without id, an audit entry with an id of its own (the store assigns them) or
//     without action, a negative PruneSelfService bound; a user without id or login, a campaign
//     (or DeleteCampaign) whose id is not positive, a campaign target whose campaign id is not
//     positive, without device id, or with a negative stage or task id; all kInvalidArgument;
//   - in the backend: an op that needs a device which does not exist (PutParameterValues,
//     PutParameterInfo, AddEvents, PutTask, AddFault) is kNotFound; a token whose hash belongs to
//     another token, or an AddFault or AddOptimisation whose explicit id is taken, is kConflict;
//     for subscribers, homes and topology see store.h (missing references kNotFound, deleting
//     what is referred to or a taken email kConflict); a reset, troubleshooting run or ticket
//     whose subscriber or home does not exist is kNotFound, deleting a subscriber that still has
//     tickets or troubleshooting runs kConflict; a user whose login (ASCII case ignored) belongs
//     to another user is kConflict, campaign targets of a campaign that does not exist kNotFound.
// Deletes of things that do not exist succeed (they are idempotent), as does DeleteParameters on
// an unknown device.
#pragma once

#include "core/result.h"
#include "store/store.h"

namespace hearth::store {

Status check_op(const WriteOp& op);

// The op's type name ("UpsertDevice", ...), for error messages.
const char* op_name(const WriteOp& op);

}  // namespace hearth::store
