// Writes of sessions, password resets, troubleshooting runs, tickets, knowledge-base articles and
// the audit log, and their retention, on the writer's connection inside the open transaction
// (semantics: store.h). Writer thread only.
#pragma once

#include <string>

#include "core/result.h"
#include "store/sqlite/connection.h"
#include "store/store.h"

namespace hearth::store::sqlite {

class SelfServiceWriter {
 public:
  explicit SelfServiceWriter(Connection* conn) : conn_(conn) {}

  Status put_session(const PutSession& op);  // one INSERT OR REPLACE
  Status delete_session(const DeleteSession& op);
  Status delete_sessions_of(const DeleteSessionsOf& op);
  Status touch_session(const TouchSession& op);  // one UPDATE; no row: nothing changes
  Status put_reset(const PutPasswordReset& op);
  Status put_troubleshoot(const PutTroubleshoot& op);
  Status put_ticket(const PutTicket& op);
  Status put_article(const PutKbArticle& op);
  Status delete_article(const DeleteKbArticle& op);
  Status add_audit(const AddAudit& op);  // the id comes from the AUTOINCREMENT sequence
  Status prune(const PruneSelfService& op);

  // For DeleteSubscriber, before the subscriber row goes: kConflict while the account has
  // tickets or troubleshooting runs.
  Status refuse_if_referred(const DeleteSubscriber& op);
  // For DeleteSubscriber, after: its customer sessions and its reset links go with it.
  Status forget_subscriber(const DeleteSubscriber& op);

 private:
  // kNotFound unless `sql` (one text parameter) finds a row for `key`.
  Status require(const char* op, const char* what, const char* sql, const std::string& key);
  Status require_account_and_home(const char* op, const std::string& account,
                                  const std::string& home_id);
  Status run_keyed(const char* sql, const std::string& key);
  Status delete_before(const char* sql, int64_t bound);  // bound 0: nothing

  Connection* conn_;
};

}  // namespace hearth::store::sqlite
