// SQL writes of sessions, resets, troubleshooting runs, tickets, articles and the audit log
// (selfservice_writer.h).
#include "store/sqlite/selfservice_writer.h"

namespace hearth::store::sqlite {

Status SelfServiceWriter::run_keyed(const char* sql, const std::string& key) {
  auto stmt = conn_->prepare(sql);
  if (!stmt) return stmt.error();
  stmt->bind_text(1, key);
  return stmt->run();
}

Status SelfServiceWriter::require(const char* op, const char* what, const char* sql,
                                  const std::string& key) {
  auto stmt = conn_->prepare(sql);
  if (!stmt) return stmt.error();
  stmt->bind_text(1, key);
  auto row = stmt->step();
  if (!row) return row.error();
  if (*row) return ok_status();
  return make_error(ErrorCode::kNotFound, std::string(op) + ": no " + what + " '" + key + "'");
}

Status SelfServiceWriter::require_account_and_home(const char* op, const std::string& account,
                                                   const std::string& home_id) {
  if (Status s = require(op, "subscriber", "SELECT 1 FROM subscribers WHERE account = ?1", account);
      !s) {
    return s;
  }
  return require(op, "home", "SELECT 1 FROM homes WHERE id = ?1", home_id);
}

Status SelfServiceWriter::delete_before(const char* sql, int64_t bound) {
  if (bound == 0) return ok_status();
  auto stmt = conn_->prepare(sql);
  if (!stmt) return stmt.error();
  stmt->bind(1, bound);
  return stmt->run();
}

Status SelfServiceWriter::put_session(const PutSession& op) {
  auto stmt = conn_->prepare(
      "INSERT OR REPLACE INTO sessions (token_hash, kind, subject, csrf_token, created_ms, "
      "expires_ms, last_seen_ms, user_agent) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
  if (!stmt) return stmt.error();
  const SessionRecord& r = op.session;
  stmt->bind_text(1, r.token_hash).bind_text(2, r.kind).bind_text(3, r.subject);
  stmt->bind_text(4, r.csrf_token).bind(5, r.created_ms).bind(6, r.expires_ms);
  stmt->bind(7, r.last_seen_ms).bind_text(8, r.user_agent);
  return stmt->run();
}

Status SelfServiceWriter::delete_session(const DeleteSession& op) {
  return run_keyed("DELETE FROM sessions WHERE token_hash = ?1", op.token_hash);
}

Status SelfServiceWriter::delete_sessions_of(const DeleteSessionsOf& op) {
  auto stmt =
      conn_->prepare("DELETE FROM sessions WHERE kind = ?1 AND subject = ?2 AND token_hash <> ?3");
  if (!stmt) return stmt.error();
  stmt->bind_text(1, op.kind).bind_text(2, op.subject).bind_text(3, op.keep_token_hash);
  return stmt->run();
}

Status SelfServiceWriter::touch_session(const TouchSession& op) {
  auto stmt = conn_->prepare("UPDATE sessions SET last_seen_ms = ?2 WHERE token_hash = ?1");
  if (!stmt) return stmt.error();
  stmt->bind_text(1, op.token_hash).bind(2, op.last_seen_ms);
  return stmt->run();
}

Status SelfServiceWriter::put_reset(const PutPasswordReset& op) {
  const PasswordResetRecord& r = op.reset;
  if (Status s = require("PutPasswordReset", "subscriber",
                         "SELECT 1 FROM subscribers WHERE account = ?1", r.account);
      !s) {
    return s;
  }
  auto stmt = conn_->prepare(
      "INSERT OR REPLACE INTO password_resets (token_hash, account, created_ms, expires_ms, "
      "used_ms) VALUES (?1, ?2, ?3, ?4, ?5)");
  if (!stmt) return stmt.error();
  stmt->bind_text(1, r.token_hash).bind_text(2, r.account).bind(3, r.created_ms);
  stmt->bind(4, r.expires_ms).bind(5, r.used_ms);
  return stmt->run();
}

Status SelfServiceWriter::put_troubleshoot(const PutTroubleshoot& op) {
  const TroubleshootRecord& r = op.run;
  if (Status s = require_account_and_home("PutTroubleshoot", r.account, r.home_id); !s) return s;
  auto stmt = conn_->prepare(
      "INSERT OR REPLACE INTO troubleshoots (id, account, home_id, symptom, state, rating, "
      "solved, ticket_id, created_ms, updated_ms, json) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)");
  if (!stmt) return stmt.error();
  stmt->bind_text(1, r.id).bind_text(2, r.account).bind_text(3, r.home_id);
  stmt->bind_text(4, r.symptom).bind_text(5, r.state).bind(6, int64_t{r.rating});
  stmt->bind(7, int64_t{r.solved}).bind(8, r.ticket_id).bind(9, r.created_ms);
  stmt->bind(10, r.updated_ms).bind_text(11, r.json);
  return stmt->run();
}

Status SelfServiceWriter::put_ticket(const PutTicket& op) {
  const TicketRecord& t = op.ticket;
  if (Status s = require_account_and_home("PutTicket", t.account, t.home_id); !s) return s;
  // An explicit id also raises the AUTOINCREMENT sequence, which stats() reports.
  auto stmt = conn_->prepare(
      "INSERT OR REPLACE INTO tickets (id, account, home_id, state, source, cause_code, "
      "incident_id, assignee, created_ms, updated_ms, json) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)");
  if (!stmt) return stmt.error();
  stmt->bind(1, t.id).bind_text(2, t.account).bind_text(3, t.home_id).bind_text(4, t.state);
  stmt->bind_text(5, t.source).bind_text(6, t.cause_code).bind(7, t.incident_id);
  stmt->bind_text(8, t.assignee).bind(9, t.created_ms).bind(10, t.updated_ms);
  stmt->bind_text(11, t.json);
  return stmt->run();
}

Status SelfServiceWriter::put_article(const PutKbArticle& op) {
  auto stmt = conn_->prepare(
      "INSERT OR REPLACE INTO kb_articles (id, updated_ms, json) VALUES (?1, ?2, ?3)");
  if (!stmt) return stmt.error();
  stmt->bind_text(1, op.article.id).bind(2, op.article.updated_ms).bind_text(3, op.article.json);
  return stmt->run();
}

Status SelfServiceWriter::delete_article(const DeleteKbArticle& op) {
  return run_keyed("DELETE FROM kb_articles WHERE id = ?1", op.article_id);
}

Status SelfServiceWriter::add_audit(const AddAudit& op) {
  // A NULL id takes the largest id ever used (sqlite_sequence) + 1: pruned ids never come back.
  auto stmt = conn_->prepare(
      "INSERT INTO audit (id, time_ms, actor_kind, actor, action, account, home_id, device_id, "
      "outcome, json) VALUES (NULL, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
  if (!stmt) return stmt.error();
  const AuditRecord& e = op.entry;
  stmt->bind(1, e.time_ms).bind_text(2, e.actor_kind).bind_text(3, e.actor);
  stmt->bind_text(4, e.action).bind_text(5, e.account).bind_text(6, e.home_id);
  stmt->bind_text(7, e.device_id).bind_text(8, e.outcome).bind_text(9, e.json);
  return stmt->run();
}

Status SelfServiceWriter::prune(const PruneSelfService& op) {
  if (Status s = delete_before("DELETE FROM sessions WHERE expires_ms < ?1", op.expired_before_ms);
      !s) {
    return s;
  }
  if (Status s =
          delete_before("DELETE FROM password_resets WHERE expires_ms < ?1", op.expired_before_ms);
      !s) {
    return s;
  }
  if (Status s = delete_before("DELETE FROM audit WHERE time_ms < ?1", op.audit_before_ms); !s) {
    return s;
  }
  return delete_before("DELETE FROM troubleshoots WHERE updated_ms < ?1",
                       op.troubleshoot_before_ms);
}

Status SelfServiceWriter::refuse_if_referred(const DeleteSubscriber& op) {
  struct Referrer {
    const char* what;
    const char* sql;
  };
  static constexpr Referrer kReferrers[] = {
      {"ticket", "SELECT id FROM tickets WHERE account = ?1 LIMIT 1"},
      {"troubleshooting run", "SELECT id FROM troubleshoots WHERE account = ?1 LIMIT 1"},
  };
  for (const Referrer& r : kReferrers) {
    auto stmt = conn_->prepare(r.sql);
    if (!stmt) return stmt.error();
    stmt->bind_text(1, op.account);
    auto row = stmt->step();
    if (!row) return row.error();
    if (*row) {
      const std::string id = stmt->column_text(0);
      return make_error(ErrorCode::kConflict, "DeleteSubscriber: account '" + op.account +
                                                  "' still has " + r.what + " '" + id + "'");
    }
  }
  return ok_status();
}

Status SelfServiceWriter::forget_subscriber(const DeleteSubscriber& op) {
  if (Status s =
          run_keyed("DELETE FROM sessions WHERE kind = 'customer' AND subject = ?1", op.account);
      !s) {
    return s;
  }
  return run_keyed("DELETE FROM password_resets WHERE account = ?1", op.account);
}

}  // namespace hearth::store::sqlite
