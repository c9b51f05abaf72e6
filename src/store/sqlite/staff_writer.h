// Writes of staff users, campaigns and campaign targets on the writer's connection inside the
// open transaction (semantics: store.h). Writer thread only.
#pragma once

#include "core/result.h"
#include "store/sqlite/connection.h"
#include "store/store.h"

namespace hearth::store::sqlite {

class StaffWriter {
 public:
  explicit StaffWriter(Connection* conn) : conn_(conn) {}

  // kConflict when another user has the login (ASCII case ignored); else one INSERT OR REPLACE.
  Status put_user(const PutUser& op);
  Status delete_user(const DeleteUser& op);  // and the user's staff sessions
  // An explicit id also raises the AUTOINCREMENT sequence, which stats() reports.
  Status put_campaign(const PutCampaign& op);
  Status delete_campaign(const DeleteCampaign& op);  // and its targets
  Status put_targets(const PutCampaignTargets& op);  // kNotFound for an unknown campaign

 private:
  Connection* conn_;
};

}  // namespace hearth::store::sqlite
