// SQL writes of users, campaigns and campaign targets (staff_writer.h).
#include "store/sqlite/staff_writer.h"

#include <string>

namespace hearth::store::sqlite {

Status StaffWriter::put_user(const PutUser& op) {
  const UserRecord& u = op.user;
  // The column's NOCASE collation makes this comparison ignore ASCII case, as the unique index
  // does; checking first gives a clear error instead of REPLACE dropping the other user's row.
  {
    auto taken = conn_->prepare("SELECT id FROM users WHERE login = ?1 AND id <> ?2 LIMIT 1");
    if (!taken) return taken.error();
    taken->bind_text(1, u.login).bind_text(2, u.id);
    auto row = taken->step();
    if (!row) return row.error();
    if (*row) {
      return make_error(ErrorCode::kConflict, "PutUser: login '" + u.login +
                                                  "' belongs to user '" + taken->column_text(0) +
                                                  "'");
    }
  }
  auto stmt = conn_->prepare(
      "INSERT OR REPLACE INTO users (id, login, name, email, role, password_hash, disabled, "
      "created_ms, updated_ms) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
  if (!stmt) return stmt.error();
  stmt->bind_text(1, u.id).bind_text(2, u.login).bind_text(3, u.name).bind_text(4, u.email);
  stmt->bind_text(5, u.role).bind_text(6, u.password_hash).bind(7, int64_t{u.disabled});
  stmt->bind(8, u.created_ms).bind(9, u.updated_ms);
  return stmt->run();
}

Status StaffWriter::delete_user(const DeleteUser& op) {
  auto user = conn_->prepare("DELETE FROM users WHERE id = ?1");
  if (!user) return user.error();
  user->bind_text(1, op.user_id);
  if (Status s = user->run(); !s) return s;
  auto sessions = conn_->prepare("DELETE FROM sessions WHERE kind = 'staff' AND subject = ?1");
  if (!sessions) return sessions.error();
  sessions->bind_text(1, op.user_id);
  return sessions->run();
}

Status StaffWriter::put_campaign(const PutCampaign& op) {
  const CampaignRecord& c = op.campaign;
  auto stmt = conn_->prepare(
      "INSERT OR REPLACE INTO campaigns (id, name, kind, state, created_by, created_ms, "
      "updated_ms, json) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
  if (!stmt) return stmt.error();
  stmt->bind(1, c.id).bind_text(2, c.name).bind_text(3, c.kind).bind_text(4, c.state);
  stmt->bind_text(5, c.created_by).bind(6, c.created_ms).bind(7, c.updated_ms);
  stmt->bind_text(8, c.json);
  return stmt->run();
}

Status StaffWriter::delete_campaign(const DeleteCampaign& op) {
  auto targets = conn_->prepare("DELETE FROM campaign_targets WHERE campaign_id = ?1");
  if (!targets) return targets.error();
  targets->bind(1, op.campaign_id);
  if (Status s = targets->run(); !s) return s;
  auto campaign = conn_->prepare("DELETE FROM campaigns WHERE id = ?1");
  if (!campaign) return campaign.error();
  campaign->bind(1, op.campaign_id);
  return campaign->run();
}

Status StaffWriter::put_targets(const PutCampaignTargets& op) {
  int64_t known = 0;  // the campaign last found: an op's targets usually share one
  for (const CampaignTargetRecord& t : op.targets) {
    if (t.campaign_id != known) {
      auto exists = conn_->prepare("SELECT 1 FROM campaigns WHERE id = ?1");
      if (!exists) return exists.error();
      exists->bind(1, t.campaign_id);
      auto row = exists->step();
      if (!row) return row.error();
      if (!*row) {
        return make_error(ErrorCode::kNotFound,
                          "PutCampaignTargets: no campaign " + std::to_string(t.campaign_id));
      }
      known = t.campaign_id;
    }
    auto stmt = conn_->prepare(
        "INSERT OR REPLACE INTO campaign_targets (campaign_id, device_id, stage, state, task_id, "
        "before_value, detail, updated_ms) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
    if (!stmt) return stmt.error();
    stmt->bind(1, t.campaign_id).bind_text(2, t.device_id).bind(3, int64_t{t.stage});
    stmt->bind_text(4, t.state).bind(5, t.task_id).bind_text(6, t.before);
    stmt->bind_text(7, t.detail).bind(8, t.updated_ms);
    if (Status s = stmt->run(); !s) return s;
  }
  return ok_status();
}

}  // namespace hearth::store::sqlite
