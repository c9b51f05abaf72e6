// MemoryState changes for users, campaigns and campaign targets (staff_ops.h).
#include "store/memory/staff_ops.h"

#include <algorithm>
#include <string>

#include "core/strings.h"

namespace hearth::store::memory {

namespace {

// The session kind of a staff user's console sessions (their subject is the user id).
constexpr const char* kStaffKind = "staff";

}  // namespace

Status apply_staff_op(const PutUser& op, MemoryState* s, UndoLog* undo) {
  const UserRecord& u = op.user;
  // Logins are few (staff, not customers): a scan is cheaper than keeping an index in step.
  const std::string folded = to_lower(u.login);
  for (const auto& [id, other] : s->users) {
    if (id != u.id && to_lower(other.login) == folded) {
      return make_error(ErrorCode::kConflict,
                        "PutUser: login '" + u.login + "' belongs to user '" + id + "'");
    }
  }
  undo->remember(&s->users, u.id);
  s->users[u.id] = u;
  return ok_status();
}

Status apply_staff_op(const DeleteUser& op, MemoryState* s, UndoLog* undo) {
  undo->remember(&s->users, op.user_id);
  s->users.erase(op.user_id);
  erase_where(
      &s->sessions,
      [&](const SessionRecord& r) { return r.kind == kStaffKind && r.subject == op.user_id; },
      undo);
  return ok_status();
}

Status apply_staff_op(const PutCampaign& op, MemoryState* s, UndoLog* undo) {
  const CampaignRecord& c = op.campaign;
  undo->remember_value(&s->max_campaign_id);
  s->max_campaign_id = std::max(s->max_campaign_id, c.id);
  undo->remember(&s->campaigns, c.id);
  s->campaigns[c.id] = c;
  return ok_status();
}

Status apply_staff_op(const DeleteCampaign& op, MemoryState* s, UndoLog* undo) {
  undo->remember(&s->campaigns, op.campaign_id);
  s->campaigns.erase(op.campaign_id);
  // A campaign's targets are one contiguous range of the (campaign, device) key.
  auto& targets = s->campaign_targets;
  auto it = targets.lower_bound({op.campaign_id, std::string()});
  while (it != targets.end() && it->first.first == op.campaign_id) {
    undo->remember(&targets, it->first);
    it = targets.erase(it);
  }
  return ok_status();
}

Status apply_staff_op(const PutCampaignTargets& op, MemoryState* s, UndoLog* undo) {
  for (const CampaignTargetRecord& t : op.targets) {
    if (!s->campaigns.count(t.campaign_id)) {
      // The targets stored before this one are put back by the batch's undo.
      return make_error(ErrorCode::kNotFound,
                        "PutCampaignTargets: no campaign " + std::to_string(t.campaign_id));
    }
    const std::pair<int64_t, std::string> key{t.campaign_id, t.device_id};
    undo->remember(&s->campaign_targets, key);
    s->campaign_targets[key] = t;
  }
  return ok_status();
}

}  // namespace hearth::store::memory
